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
