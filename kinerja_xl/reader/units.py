"""A workbook that holds several units (a Kanwil's recap): its blocks and summary tables per unit.

docs/findings.md (KX007): such a workbook is checked unit by unit, each unit's blocks against its own summary
table and NKO. A unit is recognised by the unit name left of its blocks' first name row, else by
the unit its sheet's title names (never by a sheet name or a caption: unitname.py). A summary table
belongs to the unit its sheet's title names, else to the one unit whose blocks share its sheet
(a text just above its header naming a unit comes first: a sheet may stack several units).

A workbook whose several summary tables or unit names cannot be matched to its blocks is said to
be so once (KX007) and its blocks are checked on their own, never against another unit's table;
a summary table that belongs to none of the units is said so once (KX007 at the table) and not read.
"""

from __future__ import annotations

from functools import lru_cache

from kinerja_xl import unitname
from kinerja_xl.model import CellRef, Iku, Summary, Workbook, cell_rc
from kinerja_xl.reader.cells import ReadContext, coord
from kinerja_xl.reader.files import SheetGrid
from kinerja_xl.reader.summary import read_table, summary_headers

# unitname.unit_key, cached: a workbook's 2,000 blocks name one unit (thirteen regex passes a call)
unit_key = lru_cache(maxsize=1024)(unitname.unit_key)

ABOVE_HEADER = 3  # rows above a summary table's header searched for a unit's name


def group_units(
    wb: Workbook, grids: list[SheetGrid], ctx: ReadContext, block_units: list[str | None], sheet_units: dict[str, str]
) -> list[Workbook]:
    """The units of a workbook that holds several, [] for a workbook of one unit.

    block_units: each block's unit name (its unit cell, else its sheet title's unit), in wb.ikus order;
    sheet_units: sheet -> the unit its title names. wb.summary is the first summary table (already read).
    May set wb.summary to None and add KX007 when the units cannot be told apart.
    """
    keys = _same_office([unit_key(u) for u in block_units])
    order = list(dict.fromkeys(k for k in keys if k))
    if len(order) == 1:
        return []  # one unit: read as always (and no second scan for tables)
    headers = summary_headers(grids)
    if not order:
        if _one_table_per_sheet_of_blocks(wb, headers) or (len(headers) >= 2 and _codes_repeat(wb)):
            _cannot_tell(wb, ctx, len(headers))
        return []
    by_sheet: dict[str, set[str]] = {}
    for iku, key in zip(wb.ikus, keys, strict=True):
        by_sheet.setdefault(iku.sheet, set()).add(key)
    sheets_apart = all(len(ks - {""}) <= 1 for ks in by_sheet.values())
    if len(headers) < 2 and not sheets_apart:
        return []  # several names in one table's blocks: sections of one unit, as before
    if not _place_unnamed(wb, keys, by_sheet):
        _cannot_tell(wb, ctx, len(order))
        return []
    names: dict[str, str] = {}
    for key, name in zip(keys, block_units, strict=True):
        if name and key not in names:
            names[key] = name
    for key in order:
        names.setdefault(key, next((u for u in sheet_units.values() if unit_key(u) == key), key.upper()))
    units = {key: Workbook(path=wb.path, unit=names[key], sheets=list(wb.sheets)) for key in order}
    for iku, key in zip(wb.ikus, keys, strict=True):
        units[key].ikus.append(iku)
    _read_tables(wb, headers, units, by_sheet, sheet_units, ctx)
    wb.summary = None
    return list(units.values())


def _same_office(keys: list[str]) -> list[str]:
    """Keys of one office written shorter or longer ('serang', 'kpknl serang') as the longer one: a
    name whose words are all in another's names the same unit ('kpknl tangerang i' and
    'kpknl tangerang ii' stay two)."""
    canon: dict[str, str] = {}
    for key in sorted({k for k in keys if k}, key=lambda k: (-len(k.split()), k)):
        words = set(key.split())
        canon[key] = next((c for c in dict.fromkeys(canon.values()) if words <= set(c.split())), key)
    return [canon.get(k, k) for k in keys]


def _place_unnamed(wb: Workbook, keys: list[str], by_sheet: dict[str, set[str]]) -> bool:
    """A block without a name takes the one unit of its sheet (in ``keys``); False when a sheet has none or several."""
    for i, iku in enumerate(wb.ikus):
        if not keys[i]:
            named = by_sheet[iku.sheet] - {""}
            if len(named) != 1:
                return False
            keys[i] = next(iter(named))
    return True


def _read_tables(
    wb: Workbook,
    headers: list[tuple[SheetGrid, int, dict[str, int]]],
    units: dict[str, Workbook],
    by_sheet: dict[str, set[str]],
    sheet_units: dict[str, str],
    ctx: ReadContext,
) -> None:
    """Each unit's summary table: the first one that belongs to it (the workbook's first table is already read)."""
    order = list(units)
    unmatched: list[CellRef] = []
    for grid, row, roles in headers:
        key = _table_unit(grid, row, order, by_sheet, sheet_units)
        if key is None:
            unmatched.append(CellRef(grid.title, coord(row, roles["code"])))
            continue  # a table of no unit we can name: not read, never another unit's
        if units[key].summary is not None:
            continue  # a unit's second table: not read
        first = wb.summary
        if first is not None and first.sheet == grid.title and first.header_cell.coord == coord(row, roles["code"]):
            units[key].summary = first
        else:
            units[key].summary = read_table(grid, row, roles, ctx)
    if unmatched:  # said once, at the first such table
        ctx.add("KX007", unmatched[0], detail=str(len(units)))


def _table_unit(
    grid: SheetGrid, row: int, order: list[str], by_sheet: dict[str, set[str]], sheet_units: dict[str, str]
) -> str | None:
    """The unit a summary table belongs to (see the module docstring), None when none. A text just
    above its header naming one unit comes first: a sheet may stack several units' tables."""
    for r in range(row - 1, max(1, row - ABOVE_HEADER) - 1, -1):
        for v in grid.rows.get(r, {}).values():
            text = f" {unit_key(v if isinstance(v, str) else None)} "
            found = [k for k in order if f" {k} " in text]
            if len(found) == 1:
                return found[0]
    title = unit_key(sheet_units.get(grid.title))
    if title in order:
        return title
    named = by_sheet.get(grid.title, set()) - {""}
    if len(named) == 1:
        return next(iter(named))
    return None


def _one_table_per_sheet_of_blocks(wb: Workbook, headers: list) -> bool:
    """Several summary tables, each on its own sheet of blocks: a recap of units without names."""
    sheets = [grid.title for grid, _, _ in headers]
    with_blocks = {iku.sheet for iku in wb.ikus}
    return len(set(sheets)) >= 2 and len(set(sheets)) == len(sheets) and set(sheets) <= with_blocks


def _codes_repeat(wb: Workbook) -> bool:
    """Several blocks of one IKU code: the blocks of several units (stacked on a sheet, say)."""
    codes = [iku.code.lower() for iku in wb.ikus if iku.code]
    return len(codes) != len(set(codes))


def _cannot_tell(wb: Workbook, ctx: ReadContext, count: int) -> None:
    """KX007 once; the blocks are checked on their own (no summary table is any unit's for sure)."""
    first = wb.summary
    ctx.add("KX007", first.header_cell if first is not None else None, detail=str(count))
    wb.summary = None


def unit_of(units: list[Workbook], ctx: ReadContext):
    """A function: reading finding -> the unit it belongs to, None for the workbook as a whole."""
    of_iku: dict[int, Workbook] = {id(iku): u for u in units for iku in u.ikus}
    sheets: dict[str, set[int]] = {}
    tables: list[tuple[Summary, Workbook]] = [(u.summary, u) for u in units if u.summary is not None]
    for k, u in enumerate(units):
        for iku in u.ikus:
            sheets.setdefault(iku.sheet, set()).add(k)
        if u.summary is not None:
            sheets.setdefault(u.summary.sheet, set()).add(k)

    def find(f) -> Workbook | None:
        if f.code == "KX007":
            return None  # about the workbook as a whole
        owner: Iku | None = ctx.owners.get(id(f))
        if owner is not None:
            return of_iku.get(id(owner))
        if f.cell is None:
            return None
        on = sheets.get(f.cell.sheet, set())
        if len(on) == 1:
            return units[next(iter(on))]
        for table, u in tables:
            if table.sheet == f.cell.sheet and _in_table(table, f.cell.coord):
                return u
        return None

    return find


def _in_table(table: Summary, where: str) -> bool:
    first = cell_rc(table.header_cell.coord)[0]
    rows = [cell_rc(c.coord)[0] for c in (*(r.row_cell for r in table.ikus), *(s.row_cell for s in table.ss))]
    if table.nko is not None and table.nko.cell is not None:
        rows.append(cell_rc(table.nko.cell.coord)[0])
    return first <= cell_rc(where)[0] <= max(rows, default=first)
