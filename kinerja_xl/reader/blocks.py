"""Finding IKU blocks (a T/R header row, its period columns, four value rows, label rows above).

The words a block is read by live in reader/vocabulary.py, its label rows in reader/labels.py,
its row checks (KX012, KX014) in reader/scale.py.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from kinerja_xl.model import CellRef, Iku, Value
from kinerja_xl.reader.cells import ReadContext, coord
from kinerja_xl.reader.files import SheetGrid
from kinerja_xl.reader.labels import _label_rows
from kinerja_xl.reader.scale import _row_checks
from kinerja_xl.reader.values import parse_polkp
from kinerja_xl.reader.vocabulary import (
    CODE_RE,
    MAX_LABEL_COLUMNS,
    MAX_LABEL_ROWS,
    MAX_VALUE_ROWS,
    PERIODS,
    POLKP,
    ROW_NAMES,
    STANDARD_COLUMNS,
    classify_period,
    classify_row,
    code_in_name,
    is_header_cell,
)


@dataclass
class _Header:
    row: int
    col: int
    last_col: int
    last_row: int = 0
    lo_col: int = 0  # the block's own column span for label rows (set by _spans)
    hi_col: int = 0
    value_hi: int = 0  # how far right a label's value may stand ("Bobot :" | 12)


def find_headers(grid: SheetGrid) -> list[_Header]:
    """Every T/R header cell of a sheet, top to bottom, left to right."""
    out = []
    for r in sorted(grid.rows):
        cells = grid.rows[r]
        for c, v in cells.items():
            # cheap tests first: this runs on every cell of the workbook (T/R has a slash)
            if not isinstance(v, str) or len(v) >= 12 or ("/" not in v and "\\" not in v) or not is_header_cell(v):
                continue
            # the header reaches right while labels continue (one blank label tolerated), up to
            # the next block's T/R (blocks side by side may touch); beyond the eight standard
            # positions only period labels count (a neighbour's name row is not a column)
            last = c
            for cc in range(c + 1, c + MAX_LABEL_COLUMNS + 1):
                v = cells.get(cc)
                if v is not None and str(v).strip():
                    if is_header_cell(v):
                        break
                    if cc - c <= len(STANDARD_COLUMNS) or classify_period(v)[0] is not None:
                        last = cc
                elif not (cells.get(cc + 1) is not None and str(cells[cc + 1]).strip()):
                    break
            out.append(_Header(r, c, last))
    out.sort(key=lambda h: (h.row, h.col))
    return out


def _map_columns(grid: SheetGrid, h: _Header, iku: Iku, ctx: ReadContext) -> dict[str, int]:
    """Period (and Pol/KP) -> column, by label, then by position; KX005 for position mappings."""
    cols = list(range(h.col + 1, h.last_col + 1))
    assigned: dict[str, int] = {}
    pending: list[int] = []
    labels = grid.rows.get(h.row) or {}
    for k, col in enumerate(cols):
        period, year = classify_period(labels.get(col))
        if period == "Q2" and k == 2 and "Q2" in assigned and "Sm.I" not in assigned:
            period = "Sm.I"  # a second Q2 in the third position is an accepted Sm.I label
        if period is not None and period not in assigned:
            assigned[period] = col
            if period == "Y" and year is not None:
                iku.year_label, iku.year_cell = year, ctx.ref(grid.title, h.row, col)
                iku.year_text = str(labels.get(col)).strip()
        else:
            pending.append(k)
    for k in pending:
        col = cols[k]
        target = STANDARD_COLUMNS[k] if k < len(STANDARD_COLUMNS) else None
        if target is None or target in assigned:
            # next free standard column after the nearest mapped column on the left
            left = [STANDARD_COLUMNS.index(p) for p, c in assigned.items() if c < col]
            start = max(left) + 1 if left else 0
            target = next((p for p in STANDARD_COLUMNS[start:] if p not in assigned), None)
            if target is not None and (k >= len(STANDARD_COLUMNS) or STANDARD_COLUMNS.index(target) > k + 1):
                target = None  # too far from its position: an extra column, not a period
        if target is None:
            continue
        assigned[target] = col
        label = labels.get(col)
        f = ctx.add(
            "KX005",
            ctx.ref(grid.title, h.row, col),
            owner=iku,
            label="" if label is None else str(label).strip(),
            period=target,
        )
        f.params["period"] = target  # the template's own parameter, besides Finding.period
    ordered = {p: assigned[p] for p in STANDARD_COLUMNS if p in assigned}
    for p, c in ordered.items():
        iku.period_cells[p] = ctx.ref(grid.title, h.row, c)
    return ordered


def _find_rows(grid: SheetGrid, h: _Header, stop_row: int) -> dict[str, int]:
    """Row name -> row number, for the labelled rows under the header (any order)."""
    found: dict[str, int] = {}
    rows = grid.rows
    for r in range(h.row + 1, min(stop_row, h.row + MAX_VALUE_ROWS + 1)):
        cells = rows.get(r)
        name = classify_row(None if cells is None else cells.get(h.col))
        if name and name not in found:
            found[name] = r
            if len(found) == 4:
                break
    return found


def _spans(headers: list[_Header]) -> None:
    """Each block's own columns for its label rows: from the unit column left of T/R to ten
    columns right, never into a block beside it (0-MAX_LABEL_ROWS rows apart; blocks may touch,
    and a blank column between two blocks belongs to the right-hand one, as its unit column)."""
    rows = [h.row for h in headers]  # sorted (find_headers): only a window of rows is beside
    for h in headers:
        lo, hi, value_hi = max(1, h.col - 1), max(h.last_col, h.col + 9), max(h.last_col, h.col + 9) + 1
        first = bisect_left(rows, h.row - MAX_LABEL_ROWS)
        last = bisect_right(rows, h.row + MAX_LABEL_ROWS)
        for o in headers[first:last]:
            if o is h:
                continue
            if o.col > h.last_col:  # beside, on the right
                edge = max(h.last_col, o.col - 2) if o.col - 1 > h.last_col else o.col - 1
                hi, value_hi = min(hi, edge), min(value_hi, edge)
            elif o.last_col < h.col:  # beside, on the left
                lo = max(lo, min(o.last_col + 1, h.col))
        h.lo_col, h.hi_col, h.value_hi = lo, hi, value_hi


def _code_from_tab(title: str, ikus: list[Iku]) -> None:
    """One block alone on its sheet, no code in its labels or name: a tab named like a code
    ('3a-CP', 'IKU 3a-CP', 'IKU_3a-CP') is its code."""
    if len(ikus) == 1 and ikus[0].code is None:
        m = _TAB_CODE.fullmatch(title.strip())
        ikus[0].code = m.group(1) if m else None


_TAB_CODE = re.compile(r"(?:(?i:iku)[\s_\-.:]*)?(\d{1,3}[a-z]{1,2}-[A-Za-z]{1,4})")


# complexity: the block reader's steps in order; each is a helper
def read_blocks(grid: SheetGrid, ctx: ReadContext) -> list[Iku]:  # noqa: C901
    """Every IKU block of one sheet, with values and findings (KX003/KX005/KX010-KX014)."""
    headers = find_headers(grid)
    _spans(headers)
    ikus: list[Iku] = []
    for i, h in enumerate(headers):
        # the next header below that overlaps this block's columns ends it (headers are sorted
        # by row, so the first overlapping one below is the nearest; scan stops early)
        stop = h.row + MAX_VALUE_ROWS + 1
        for j in range(i + 1, len(headers)):
            o = headers[j]
            if o.row >= stop:
                break
            if o.row > h.row and o.col <= h.last_col and o.last_col >= h.col:
                stop = o.row
                break
        # the nearest block above on the same columns bounds the label rows
        top = max(1, h.row - MAX_LABEL_ROWS)
        for j in range(i - 1, -1, -1):
            o = headers[j]
            if o.last_row < top - MAX_VALUE_ROWS:
                break
            if o.col <= h.last_col and o.last_col >= h.col and o.last_row + 1 > top:
                top = o.last_row + 1
        iku = Iku(code=None, name="", sheet=grid.title, header_cell=ctx.ref(grid.title, h.row, h.col))
        columns = _map_columns(grid, h, iku, ctx)
        rows = _find_rows(grid, h, stop)
        h.last_row = max(rows.values(), default=h.row)
        _label_rows(grid, h, top, iku, ctx)
        if iku.name:
            code, clean = code_in_name(iku.name)
            if code:
                iku.name = clean
                if iku.code is None:
                    iku.code = code
        values = {p: c for p, c in columns.items() if p != POLKP}
        for row, r in rows.items():
            iku.row_cells[row] = ctx.ref(grid.title, r, h.col)
            iku.rows[row] = ctx.row_values(grid, r, values, iku)
        missing = [ROW_NAMES[r] for r in ROW_NAMES if r not in rows]
        missing += [p for p in PERIODS if p not in columns]
        if missing:
            ctx.add("KX003", iku.header_cell, owner=iku, missing=", ".join(missing))
        _polkp(grid, h, iku, rows, columns)
        _row_checks(grid, iku, ctx)
        ikus.append(iku)
    _code_from_tab(grid.title, ikus)
    return ikus


def _polkp(grid: SheetGrid, h: _Header, iku: Iku, rows: dict[str, int], columns: dict[str, int]) -> None:
    """Pol/KP from the Target row (or the first row holding it, for vertically merged cells)."""
    col = columns.get(POLKP)
    if col is None:
        iku.polkp_raw = None
        iku.polkp_cell = None
        return
    order = [rows[r] for r in ("target", "realisasi", "capaian", "nilai") if r in rows]
    r0 = rows.get("target", order[0] if order else h.row + 1)
    iku.polkp_cell = CellRef(grid.title, coord(r0, col))
    for r in order:
        v = grid.get(r, col)
        if v is not None and str(v).strip():
            iku.polkp_raw = str(v).strip()
            iku.polkp_cell = CellRef(grid.title, coord(r, col))
            break
    pol, kp = parse_polkp(iku.polkp_raw)
    if pol and kp:
        iku.polarisasi, iku.konsolidasi = pol, kp


def polkp_known(iku: Iku) -> bool:
    """Whether the block's own Pol/KP cell parsed completely."""
    pol, kp = parse_polkp(iku.polkp_raw)
    return bool(pol and kp)


__all__ = [
    "CODE_RE",
    "POLKP",
    "Value",
    "classify_period",
    "classify_row",
    "code_in_name",
    "find_headers",
    "polkp_known",
    "read_blocks",
]
