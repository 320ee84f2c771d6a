"""Helpers shared by the rule families: cells, formulas, numbers."""

from __future__ import annotations

import re

from kinerja_xl.model import CellRef, Iku


def cell_of(iku: Iku, row: str, period: str | None = None) -> CellRef | None:
    """The value cell of a row in a period, else the row label, else the block header."""
    if period is not None:
        v = iku.value(row, period)
        if v is not None and v.cell is not None:
            return v.cell
    return iku.row_cells.get(row) or iku.header_cell


def count(n: int) -> str:
    """A count as text: numeric params are printed with 2 decimals, counts must not be."""
    return str(n)


def norm_name(text: str | None) -> str:
    """A name compared case-, space- and punctuation-insensitively ('Idle)' == 'idle')."""
    return " ".join(re.findall(r"[0-9a-z]+", (text or "").casefold()))
