"""Finding IKU blocks (a T/R header row, its period columns, four value rows, label rows above)."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache

from kinerja_xl.findings import format_number
from kinerja_xl.model import PERIODS, CellRef, Iku, Value
from kinerja_xl.reader.cells import ReadContext, coord
from kinerja_xl.reader.files import SheetGrid
from kinerja_xl.reader.meta import parse_meta, set_meta
from kinerja_xl.reader.values import parse_polkp, squash

POLKP = "Pol/KP"
STANDARD_COLUMNS: tuple[str, ...] = (*PERIODS, POLKP)
ROW_NAMES = {"target": "Target", "realisasi": "Realisasi", "capaian": "Capaian", "nilai": "Nilai Kinerja"}
MAX_LABEL_COLUMNS = 14  # how far right of T/R a header may reach
MAX_VALUE_ROWS = 10  # how far below the header the four rows may be
MAX_LABEL_ROWS = 10  # how far above the header label rows may be

_PERIOD_LABELS: dict[str, str] = {}
for _p, _labels in {
    "Q1": "q1 tw1 twi triwulani triwulan1 trwi trw1",
    "Q2": "q2 tw2 twii triwulanii triwulan2 trwii trw2",
    "Sm.I": "smi sml sm1 smt1 smti smtl s1 si semesteri semester1 sdq2 s/dq2 sdtwii sdtw2 s/dtwii "
    "s/dtw2 sdtriwulanii s/dtriwulanii",
    "Q3": "q3 tw3 twiii triwulaniii triwulan3 trwiii trw3",
    "s.d. Q3": "sdq3 s/dq3 sdtwiii sdtw3 s/dtwiii s/dtw3 sdtriwulaniii s/dtriwulaniii",
    "Q4": "q4 tw4 twiv triwulaniv triwulan4 trwiv trw4",
    "Y": "y tahunan tahun annual",
    POLKP: "pol/kp po/kp polkp pol/k/p polarisasi/konsolidasi polarisasi/kp pol/konsolidasi polarisasidankonsolidasi",
}.items():
    for _l in _labels.split():
        _PERIOD_LABELS[_l] = _p
_Y_LABEL = re.compile(r"^(?:y|tahun|tahunan)-?(\d{2}|\d{4})$")

_ROW_LABELS = {
    "target": "target",
    "realisasi": "realisasi",
    "capaian": "capaian",
    "capaian(%)": "capaian",
    "%capaian": "capaian",
    "capaian%": "capaian",
    "nilaikinerja": "nilai",
    "nilai": "nilai",
    "nk": "nilai",
    "indekscapaian": "nilai",
    "nilaikinerja(nk)": "nilai",
    "nilai(nk)": "nilai",
}

# label-row keys above a block (normalised: lower case, letters and digits only)
_META_KEYS = {
    "namasasaranstrategis": "ss_name",
    "namass": "ss_name",
    "sasaranstrategis": "ss_name",
    "ss": "ss_name",
    "namasasaran": "ss_name",
    "namaiku": "name",
    "iku": "name",
    "namaindikatorkinerjautama": "name",
    "indikatorkinerjautama": "name",
    "namaindikator": "name",
    "indikator": "name",
    "kodeiku": "code",
    "kode": "code",
    "kodeindikator": "code",
    "seksi": "seksi",
    "seksipemilik": "seksi",
    "pemilik": "seksi",
    "bagian": "seksi",
    "subbagian": "seksi",
    "bobot": "bobot",
    "bobotiku": "bobot",
    "validitas": "validitas",
    "validitasiku": "validitas",
    "kendali": "kendali",
    "tingkatkendali": "kendali",
    "realisasiterburuk": "realisasi_terburuk",
    "konversi120": "konversi_120",
    "konversi": "konversi_120",
}
CODE_RE = re.compile(r"^\d{1,3}[a-z]{1,2}-[A-Za-z]{1,4}$")
_CODE_AT_END = re.compile(r"\(\s*(\d{1,3}[a-z]{1,2}-[A-Za-z]{1,4})\s*\)\s*\.?$")
_SPACES = re.compile(r"\s+")
_NOT_ALNUM = re.compile(r"[^a-z0-9]")
_POLKP_LABEL = re.compile(r"po(?:l|larisasi)?/?k(?:p|onsolidasi)?")
_CODE_AT_START = re.compile(r"^\s*(\d{1,3}[a-z]{1,2}-[A-Za-z]{1,4})(?=[\s.:)\-]|$)[\s.:)\-]*")


# Labels repeat in every block ('Target', 'Q1', 'Max/TLK'): the label parsers below are
# cached per value (typed, so 1, 1.0 and True stay apart).
@lru_cache(maxsize=4096, typed=True)
def norm(text: object) -> str:
    """Lower case without spaces (for row and T/R labels)."""
    return _SPACES.sub("", str(text)).lower() if text is not None else ""


def norm_key(text: object) -> str:
    """Lower case letters and digits only (for label keys)."""
    return _NOT_ALNUM.sub("", str(text).lower()) if text is not None else ""


@lru_cache(maxsize=4096, typed=True)
def classify_period(label: object) -> tuple[str | None, int | None]:
    """A header label -> (period or 'Pol/KP' or None, four-digit year of a Y-NN label)."""
    if label is None:
        return None, None
    n = squash(str(label))
    if not n:
        return None, None
    if n in _PERIOD_LABELS:
        return _PERIOD_LABELS[n], None
    m = _Y_LABEL.match(n)
    if m:
        digits = m.group(1)
        year = int(digits) + 2000 if len(digits) == 2 else int(digits)
        return "Y", year
    if _POLKP_LABEL.fullmatch(n):
        return POLKP, None
    return None, None


def classify_row(label: object) -> str | None:
    """A row label -> 'target' | 'realisasi' | 'capaian' | 'nilai' | None."""
    n = norm(label).rstrip(":")
    return _ROW_LABELS.get(n)


def code_in_name(name: str) -> tuple[str | None, str]:
    """('1a-CP', 'name without code') when the name ends with '(1a-CP)' or starts with '1a-CP'."""
    m = _CODE_AT_END.search(name)
    if m:
        return m.group(1), name[: m.start()].strip()
    m = _CODE_AT_START.match(name)
    if m:
        return m.group(1), name[m.end() :].strip()
    return None, name


def is_header_cell(value: object) -> bool:
    """Whether a cell reads T/R (spaces and case ignored)."""
    return isinstance(value, str) and len(value) < 12 and norm(value) in _HEADER_LABELS


_HEADER_LABELS = ("t/r", "t\\r", "t/r:")


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
            # a cheap test first: this runs on every cell of the workbook
            if not isinstance(v, str) or len(v) >= 12 or not is_header_cell(v):
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
    for k, col in enumerate(cols):
        period, year = classify_period(grid.get(h.row, col))
        if period == "Q2" and k == 2 and "Q2" in assigned and "Sm.I" not in assigned:
            period = "Sm.I"  # a second Q2 in the third position is an accepted Sm.I label
        if period is not None and period not in assigned:
            assigned[period] = col
            if period == "Y" and year is not None:
                iku.year_label, iku.year_cell = year, CellRef(grid.title, coord(h.row, col))
                iku.year_text = str(grid.get(h.row, col)).strip()
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
        label = grid.get(h.row, col)
        f = ctx.add(
            "KX005",
            CellRef(grid.title, coord(h.row, col)),
            owner=iku,
            label="" if label is None else str(label).strip(),
            period=target,
        )
        f.params["period"] = target  # the template's own parameter, besides Finding.period
    ordered = {p: assigned[p] for p in STANDARD_COLUMNS if p in assigned}
    for p, c in ordered.items():
        iku.period_cells[p] = CellRef(grid.title, coord(h.row, c))
    return ordered


def _find_rows(grid: SheetGrid, h: _Header, stop_row: int) -> dict[str, int]:
    """Row name -> row number, for the labelled rows under the header (any order)."""
    found: dict[str, int] = {}
    for r in range(h.row + 1, min(stop_row, h.row + MAX_VALUE_ROWS + 1)):
        name = classify_row(grid.get(r, h.col))
        if name and name not in found:
            found[name] = r
            if len(found) == 4:
                break
    return found


# complexity: one branch per label-row kind, in the order the spec lists them
def _label_rows(grid: SheetGrid, h: _Header, top: int, iku: Iku, ctx: ReadContext) -> None:  # noqa: C901
    """Read name/code/metadata label rows above the header (rows top..h.row-1)."""
    first_name_row: tuple[int, int] | None = None  # (row, col of the label cell)
    plain: dict[int, tuple[int, str]] = {}  # row -> (col, longest unlabelled text)
    lo_col, hi_col = h.lo_col, h.hi_col
    for r in range(h.row - 1, top - 1, -1):
        cells = grid.rows.get(r)
        if not cells:
            continue
        done_cols: set[int] = set()  # value cells of a label to their left
        for c in range(lo_col, hi_col + 1):
            v = cells.get(c)
            if not isinstance(v, str) or not v.strip() or c in done_cols:
                continue
            text = v.strip()
            key, value = None, None
            if ":" in text:
                k, _, rest = text.partition(":")
                key = _META_KEYS.get(norm_key(k))
                value = rest.strip()
            elif norm_key(text) in _META_KEYS and len(text) < 30:
                key = _META_KEYS[norm_key(text)]
                value = ""
            if key is None:
                if c >= h.col and len(text) > len(plain.get(r, (0, ""))[1]):
                    plain[r] = (c, text)
                continue
            value_cell = CellRef(grid.title, coord(r, c))
            raw_value: object = value
            if not value:  # label and value in separate cells: "Bobot :" | 12, "Nama IKU" | ": Indeks ..."
                nxt = next((cc for cc in range(c + 1, h.value_hi + 1) if _holds_value(cells.get(cc))), None)
                if nxt is None:
                    continue
                raw_value = cells[nxt]
                value = str(raw_value).strip()
                if isinstance(raw_value, str):
                    value = raw_value = value.removeprefix(":").strip()
                value_cell = CellRef(grid.title, coord(r, nxt))
                done_cols.add(nxt)
            _set_label(iku, key, raw_value, value, value_cell)
            if key in ("ss_name", "name") and (first_name_row is None or r < first_name_row[0]):
                first_name_row = (r, c)
    # name rows without a 'Nama ... :' label: the text just above the header is the IKU name
    if not iku.name and h.row - 1 in plain and h.row - 1 >= top:
        c, text = plain[h.row - 1]
        iku.name, iku.name_cell = text, CellRef(grid.title, coord(h.row - 1, c))
        first_name_row = (h.row - 1, c) if first_name_row is None else first_name_row
        if iku.ss_name is None and h.row - 2 in plain and h.row - 2 >= top:
            c2, text2 = plain[h.row - 2]
            iku.ss_name, iku.ss_name_cell = text2, CellRef(grid.title, coord(h.row - 2, c2))
            first_name_row = (h.row - 2, c2)
    if first_name_row is not None:
        r, c = first_name_row
        cells = grid.rows.get(r, {})
        for cc in range(c - 1, lo_col - 1, -1):
            v = cells.get(cc)
            if isinstance(v, str) and v.strip() and ":" not in v:
                iku.unit = v.strip()
                break


def _holds_value(v: object) -> bool:
    """A cell that carries a label's value (not empty, not a lone ':')."""
    return v is not None and not (isinstance(v, str) and v.strip() in ("", ":"))


def _set_label(iku: Iku, key: str, raw: object, text: str, cell: CellRef) -> None:
    """One label row's value into the block: name, SS name and code here, metadata by reader.meta."""
    meta = iku.meta
    if key == "name":
        if not iku.name:
            iku.name, iku.name_cell = text, cell
    elif key == "ss_name":
        if iku.ss_name is None:
            iku.ss_name, iku.ss_name_cell = text, cell
    elif key == "code":
        if iku.code is None and text:
            iku.code = text.split()[0].strip("()")
            meta.cells["code"] = cell
    else:  # metadata: the first label row wins (Konversi 120: the last one)
        value = parse_meta(key, text if key in ("seksi", "validitas", "kendali") else raw)
        set_meta(meta, key, value, cell, replace=key == "konversi_120")


def _row_checks(grid: SheetGrid, iku: Iku, ctx: ReadContext) -> None:
    """KX012 a cell in another percent scale than its row; KX014 literal typed over a formula row."""
    for row, values in iku.rows.items():
        _scale_checks(iku, row, values, ctx)
        if row in ("capaian", "nilai"):
            present = [(p, v) for p, v in values.items() if v.kind != "na" or v.formula]
            n_formula = sum(1 for _, v in present if v.formula)
            literals = [(p, v) for p, v in present if not v.formula]
            if n_formula >= 2 and literals and len(literals) < n_formula:
                for p, v in literals:
                    ctx.add("KX014", v.cell, owner=iku, period=p, actual=v.number)


def _percent_signal(v: Value) -> bool:
    """The cell says 'percent' itself: a % number format or text ending in %."""
    return v.kind == "percent" or (v.kind == "text-number" and str(v.raw).strip().endswith("%"))


# A percent row holds values a person reads as percent points, from about 1 to a few hundred.
# A %-formatted cell whose stored number is 10 or more shows 1,000% or more: its number was typed
# as points into a % cell. A plain number of at most 3 in a row of points was typed as a fraction.
_FRACTION_MAX, _POINTS_MIN, _PLAUSIBLE_MAX = 3.0, 10.0, 300.0


def _scale_checks(iku: Iku, row: str, values: dict[str, Value], ctx: ReadContext) -> None:
    """KX012 at each cell typed in the other percent scale than its row (both directions), and the
    cell's number read as the office meant it (points)."""
    numeric = [(p, v) for p, v in values.items() if v.number is not None and v.number != 0 and v.cell]
    if not any(_percent_signal(v) for _, v in numeric):
        _fraction_among_points(iku, row, numeric, ctx)
        return
    typed_points = [(p, v) for p, v in numeric if v.kind == "percent" and abs(v.number or 0) >= 100 * _POINTS_MIN]
    typed_fraction = [
        (p, v)
        for p, v in numeric
        if v.kind in ("number", "text-number") and not _percent_signal(v) and abs(v.number or 0) <= _FRACTION_MAX
    ]
    odd = {id(v) for _, v in typed_points + typed_fraction}
    others = [abs(v.number or 0) for _, v in numeric if id(v) not in odd]
    plausible = [x for x in others if 1.0 <= x <= _PLAUSIBLE_MAX]
    points = [x for x in others if x >= _POINTS_MIN]
    label = ROW_NAMES[row]
    example = next((v for _, v in numeric if id(v) not in odd), None)
    if plausible:
        for p, v in typed_points:
            _rescale(v, 0.01, iku, p, label, example, ctx)
    if points:
        for p, v in typed_fraction:
            _rescale(v, 100.0, iku, p, label, example, ctx)
    # A plain number stored as points (104.17, format 0.00) in a row stored as fractions shown as
    # percent (1.0417 as 104.17%): it displays like its row, but a formula reading the row gets a
    # number 100 times too big. Read as points already; flagged so the cell is stored as its row.
    fractions = [v for _, v in numeric if v.kind == "percent" and id(v) not in odd]
    stored_points = [
        (p, v)
        for p, v in numeric
        if v.kind == "number" and id(v) not in odd and _FRACTION_MAX < abs(v.number or 0) <= _PLAUSIBLE_MAX
    ]
    if stored_points and len(fractions) * 2 > len(numeric):
        example = fractions[0]
        for p, v in stored_points:
            _rescale(v, 1.0, iku, p, label, example, ctx)


def _fraction_among_points(iku: Iku, row: str, numeric: list[tuple[str, Value]], ctx: ReadContext) -> None:
    """KX012 at a plain fraction (0.4405) in a row of plain points (7.36, 16.43, 44.05), read x100.

    No cell of the row says percent, so only a fraction whose points fall among the row's other
    numbers counts (a row of small numbers, 0.5 beside 3.5 and 4, is left as it is)."""
    small = [(p, v) for p, v in numeric if v.kind in ("number", "text-number") and abs(v.number or 0) < 1.0]
    others = [abs(v.number or 0) for _, v in numeric if abs(v.number or 0) >= 1.0]
    if not small or len(others) < 2 or max(others) < _POINTS_MIN:
        return
    low, high = min(others) * 0.5, max(others) * 1.5
    example = next(v for _, v in numeric if abs(v.number or 0) >= 1.0)
    for p, v in small:
        if low <= abs(v.number or 0) * 100.0 <= high:
            _rescale(v, 100.0, iku, p, ROW_NAMES[row], example, ctx)


def _shown(v: Value, lang: str) -> str:
    """A cell's number as the spreadsheet shows it (a % format shows its number times 100)."""
    if v.kind == "text-number":
        return str(v.raw).strip()
    assert v.number is not None
    text = format_number(v.number, lang) if abs(v.number) >= 10 else f"{v.number:.4g}"
    if lang == "id" and abs(v.number) < 10:
        text = text.replace(".", ",")
    return text + "%" if v.kind == "percent" else text


def _rescale(
    v: Value, factor: float, iku: Iku, period: str, label: str, example: Value | None, ctx: ReadContext
) -> None:
    """Record KX012 at the cell with what it shows, then read its number in the row's scale."""
    shown = {f"shown_{lang}": _shown(v, lang) for lang in ("id", "en")}
    other = {f"other_{lang}": _shown(example, lang) if example else "-" for lang in ("id", "en")}
    assert v.number is not None
    v.number = round(v.number * factor, 10)
    ctx.add("KX012", v.cell, owner=iku, period=period, actual=v.number, row=label, **shown, **other)


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
        iku = Iku(code=None, name="", sheet=grid.title, header_cell=CellRef(grid.title, coord(h.row, h.col)))
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
        for row, r in rows.items():
            iku.row_cells[row] = CellRef(grid.title, coord(r, h.col))
            iku.rows[row] = {p: ctx.value(grid, r, c, owner=iku, period=p) for p, c in columns.items() if p != POLKP}
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
