"""Speed helpers shared by the reader, the api and the writers (no project imports)."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector for a block (nested uses are fine).

    Reading and checking a file allocate hundreds of thousands of small, acyclic objects
    (values, cell references, scores, findings); the collector would rescan the ever-growing
    heap over and over (up to a third of the time on big files).

    Everything allocated meanwhile is still in the young generation when the block ends, and the
    first allocation after it would start one young-generation pass over all of it (0.1 s after
    a 2,000-IKU check, which leaves no cyclic garbage). The outermost pause instead moves every
    tracked object to the oldest generation (``gc.freeze`` then ``gc.unfreeze``: two list splices,
    no pass); cycles made meanwhile are collected at the next full collection.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.freeze()
            gc.unfreeze()
            gc.enable()
