"""Workbooks built once per test session: a builder called again with the same arguments copies the
bytes it wrote the first time instead of building the workbook again with openpyxl.

A builder wrapped here must write a file whose content depends on its arguments only (not on the
destination's name); it returns the destination, or a tuple whose first item is the destination
(the rest is handed back as a deep copy, so a test may change it). Each test still gets a file of
its own at the path it asked for; under pytest-xdist each worker keeps its own cache.
"""

from __future__ import annotations

import contextlib
import copy
import functools
import gc
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

F = TypeVar("F", bound=Callable[..., Any])

_BUILT: dict[tuple[str, str], tuple[bytes, tuple[Any, ...] | None]] = {}


def built_once(build: F) -> F:
    """``build(dst, *args, **kwargs)`` run once per distinct arguments; later calls copy its bytes to ``dst``."""

    @functools.wraps(build)
    def once(dst: Path, *args: Any, **kwargs: Any) -> Any:
        key = (f"{build.__module__}.{build.__qualname__}", repr((args, sorted(kwargs.items()))))
        hit = _BUILT.get(key)
        if hit is None:
            with young_garbage():
                result = build(dst, *args, **kwargs)
            path, rest = (result[0], result[1:]) if isinstance(result, tuple) else (result, None)
            assert Path(path) == Path(dst), (build.__qualname__, path, dst)
            _BUILT[key] = (Path(dst).read_bytes(), copy.deepcopy(rest))
            return result
        data, rest = hit
        Path(dst).parent.mkdir(parents=True, exist_ok=True)
        Path(dst).write_bytes(data)
        return Path(dst) if rest is None else (Path(dst), *copy.deepcopy(rest))

    return once  # type: ignore[return-value]


@contextlib.contextmanager
def young_garbage() -> Iterator[None]:
    """Free what a block made and dropped (a builder's openpyxl workbook: cells, styles, sheets that all
    point at each other) as soon as it ends, while it is young.

    The collector is off in the block, so all it makes stays in the youngest generation; one young
    collection at the end frees the dropped workbook and moves on what is kept. Otherwise the
    workbook's cycles reach the oldest generation (the product's gc_paused moves every object there)
    and wait for pytest's collection at exit, which walks them all, long cold, at once.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.collect(0)
        gc.enable()
