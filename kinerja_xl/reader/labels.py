"""A block's label rows above its header: name, SS name, code and metadata (Bobot, Seksi, ...)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kinerja_xl.model import CellRef, Iku
from kinerja_xl.reader.cells import ReadContext
from kinerja_xl.reader.files import SheetGrid
from kinerja_xl.reader.meta import parse_meta, set_meta
from kinerja_xl.reader.vocabulary import _META_KEYS, norm_key

if TYPE_CHECKING:
    from kinerja_xl.reader.blocks import _Header


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
            value_cell = ctx.ref(grid.title, r, c)
            raw_value: object = value
            if not value:  # label and value in separate cells: "Bobot :" | 12, "Nama IKU" | ": Indeks ..."
                nxt = next((cc for cc in range(c + 1, h.value_hi + 1) if _holds_value(cells.get(cc))), None)
                if nxt is None:
                    continue
                raw_value = cells[nxt]
                value = str(raw_value).strip()
                if isinstance(raw_value, str):
                    value = raw_value = value.removeprefix(":").strip()
                value_cell = ctx.ref(grid.title, r, nxt)
                done_cols.add(nxt)
            _set_label(iku, key, raw_value, value, value_cell)
            if key in ("ss_name", "name") and (first_name_row is None or r < first_name_row[0]):
                first_name_row = (r, c)
    # name rows without a 'Nama ... :' label: the text just above the header is the IKU name
    if not iku.name and h.row - 1 in plain and h.row - 1 >= top:
        c, text = plain[h.row - 1]
        iku.name, iku.name_cell = text, ctx.ref(grid.title, h.row - 1, c)
        first_name_row = (h.row - 1, c) if first_name_row is None else first_name_row
        if iku.ss_name is None and h.row - 2 in plain and h.row - 2 >= top:
            c2, text2 = plain[h.row - 2]
            iku.ss_name, iku.ss_name_cell = text2, ctx.ref(grid.title, h.row - 2, c2)
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
