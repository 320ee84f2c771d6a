"""Speed helpers shared by the reader, the api and the writers (no project imports)."""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import TypeVar, overload

T = TypeVar("T")


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector for a block (nested uses are fine).

    Reading and checking a file allocate hundreds of thousands of small, acyclic objects
    (values, cell references, scores, findings); the collector would rescan the ever-growing
    heap over and over (up to a third of the time on big files). Cycles made meanwhile are
    collected once it runs again.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            # What the block made is old now: moved to the oldest generation without a scan (the
            # next automatic collection would otherwise walk every object the block made).
            gc.freeze()
            gc.unfreeze()
            gc.enable()


class InOrder(Sequence[T]):
    """``[make(0), make(1), ...]`` made when first asked for, always in index order (asking for item i
    makes every item before it first) and kept: a run's pool asks for its tasks one by one."""

    def __init__(self, length: int, make: Callable[[int], T]):
        self.length, self.make = length, make
        self.got: list[T] = []

    def __len__(self) -> int:
        return self.length

    @overload
    def __getitem__(self, i: int) -> T: ...

    @overload
    def __getitem__(self, i: slice) -> Sequence[T]: ...

    def __getitem__(self, i: int | slice) -> T | Sequence[T]:
        if isinstance(i, slice):
            return [self[j] for j in range(self.length)[i]]
        if i < 0:
            i += self.length
        if not 0 <= i < self.length:
            raise IndexError(i)
        while len(self.got) <= i:
            self.got.append(self.make(len(self.got)))
        return self.got[i]
