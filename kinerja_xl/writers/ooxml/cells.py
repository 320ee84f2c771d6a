"""The fixed copy (`kinerja-xl fix`): a cell's value or formula replaced in place, keeping its style;
formulas that read a fixed cell lose their cached value and the workbook recalculates on load."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable
from typing import TYPE_CHECKING, cast

from kinerja_xl.model import cell_rc, column_letters
from kinerja_xl.reader.formulas import references
from kinerja_xl.writers.ooxml.cellscan import CELL_ELEMENT, FORMULA, formula_cells, replaced, wanted_cells
from kinerja_xl.writers.ooxml.parts import (
    Package,
    UnsupportedPackage,
    del_attr,
    get_attr,
    inline_string,
    set_attr,
    xml_text,
    xml_unescape,
)
from kinerja_xl.writers.ooxml.styles import Styles

if TYPE_CHECKING:
    from kinerja_xl.fixes import Fix
    from kinerja_xl.model import CellRef

_CELL_ELEMENT = CELL_ELEMENT


# Excel's built-in number formats: 10 "0.00%" for a fixed fraction in a row shown as percent, 2 "0.00"
# for fixed points in a cell formatted % in a row of points.
_PERCENT_FORMAT, _POINTS_FORMAT = 10, 2
_FORMULA = FORMULA


def _cell_body(fx: Fix) -> tuple[str | None, str]:
    """(t attribute or None, element body) of a fixed cell's new content."""
    if fx.formula:
        return None, f"<f>{xml_text(fx.formula.lstrip('='))}</f><v>{float(cast(float, fx.raw))!r}</v>"
    if isinstance(fx.raw, str):
        return "inlineStr", inline_string(fx.raw)
    return None, f"<v>{float(cast(float, fx.raw))!r}</v>"


def write_fixed_cells(xml: str, fixes: dict[str, Fix], styles: Styles) -> str:
    """Rewrite each fixed cell (coord -> fixes.Fix): new value or formula, the fix fill, other attributes kept."""
    found: set[str] = set()
    shared: set[str] = set()  # shared-formula groups whose master cell is rewritten

    def rewrite(m: re.Match[str]) -> str:
        coord = m.group(1)
        fx = fixes.get(coord)
        if fx is None:
            return m.group(0)
        found.add(coord)
        start = _start_tag(m.group(0))
        body = m.group(2) or ""
        f = _FORMULA.search(body)
        if f is not None and get_attr(f.group(0), "t") == "shared" and get_attr(f.group(0), "ref"):
            shared.add(get_attr(f.group(0), "si") or "")
        old_style = int(get_attr(start, "s") or 0)
        percent = (
            _PERCENT_FORMAT
            if getattr(fx, "percent_format", False)
            else _POINTS_FORMAT
            if getattr(fx, "points_format", False)
            else None
        )
        start = set_attr(start, "s", str(styles.filled_xf(old_style, "fixed", percent)))
        kind, new_body = _cell_body(fx)
        start = del_attr(start, "t")
        if kind:
            start = set_attr(start, "t", kind)
        return f"{start}>{new_body}</c>"

    text = replaced(xml, wanted_cells(xml, fixes), rewrite)  # the fixed cells only (cellscan.py)
    missing = set(fixes) - found
    if missing:
        raise UnsupportedPackage(f"cells not in the sheet: {', '.join(sorted(missing))}")
    for si in shared:
        text = _unshare(xml, text, si, set(fixes))
    return text


def _unshare(before: str, xml: str, si: str, rewritten: set[str]) -> str:
    """Give every cell of a shared-formula group whose master was rewritten its own formula."""
    from openpyxl.formula.translate import Translator

    master = None
    for m in _CELL_ELEMENT.finditer(before):
        f = _FORMULA.search(m.group(2) or "")
        if f is not None and get_attr(f.group(0), "si") == si and get_attr(f.group(0), "ref") and f.group(2):
            master = (m.group(1), xml_unescape(f.group(2)))
            break
    if master is None:
        raise UnsupportedPackage("shared formula without its master")
    origin, formula = master

    def own(m: re.Match[str]) -> str:
        coord, body = m.group(1), m.group(2) or ""
        if coord in rewritten:
            return m.group(0)
        f = _FORMULA.search(body)
        if f is None or get_attr(f.group(0), "t") != "shared" or get_attr(f.group(0), "si") != si:
            return m.group(0)
        translated = Translator("=" + formula, origin=origin).translate_formula(coord).lstrip("=")
        new_body = body[: f.start()] + f"<f>{xml_text(translated)}</f>" + body[f.end() :]
        return m.group(0)[: len(m.group(0)) - len(body) - len("</c>")] + new_body + "</c>"

    return _CELL_ELEMENT.sub(own, xml)


def _sheet_formulas(xml: str) -> dict[str, str]:
    """coord -> formula text (shared formulas translated to their cell) of a worksheet."""
    masters: dict[str, tuple[str, str]] = {}
    cells: list[tuple[str, str, str | None]] = []  # coord, formula or '', si of a shared dependent
    for m in formula_cells(xml):  # the cells with a formula only (cellscan.py)
        f = _FORMULA.search(m.group(2))
        if f is None:
            continue
        text = xml_unescape(f.group(2) or "")
        si = get_attr(f.group(0), "si")
        if get_attr(f.group(0), "t") == "shared" and si is not None:
            if text:
                masters[si] = (m.group(1), text)
                cells.append((m.group(1), text, None))
            else:
                cells.append((m.group(1), "", si))
        elif text:
            cells.append((m.group(1), text, None))
    out = {}
    for coord, text, si in cells:
        if si is not None:
            if si not in masters:
                continue
            origin, base = masters[si]
            from openpyxl.formula.translate import Translator  # only for a shared formula

            try:
                text = Translator("=" + base, origin=origin).translate_formula(coord).lstrip("=")
            except Exception:  # a formula openpyxl cannot translate: read as its master's
                text = base
        out[coord] = text
    return out


def drop_dependents(pkg: Package, sheets: dict[str, str], changed: set[tuple[str, str]]) -> bool:
    """Drop the cached value of every formula that refers (through other formulas) to a changed cell.

    Excel recalculates them on open; kinerja-xl's reader evaluates a formula without a cached
    value itself. Returns whether any was dropped.
    """
    formulas: dict[tuple[str, str], str] = {}
    xmls: dict[str, str] = {}
    for name, part in sheets.items():
        if not part or not pkg.exists(part):
            continue
        xml = pkg.read(part)
        if "<worksheet" not in xml[:3000] or "<f" not in xml:
            continue
        xmls[name] = xml
        for coord, text in _sheet_formulas(xml).items():
            formulas[(name, coord)] = text
    if not formulas:
        return False
    drop = _dependents_of(formulas, changed, references)
    by_sheet: dict[str, set[str]] = defaultdict(set)
    for sheet, coord in drop:
        by_sheet[sheet].add(coord)
    for sheet, coords in by_sheet.items():
        pkg.write(sheets[sheet], _uncache(xmls[sheet], coords))
    return bool(drop)


_COORD_IN_FORMULA = re.compile(r"\$?([A-Za-z]{1,3})\$?([0-9]+)")


def _dependents_of(
    formulas: dict[tuple[str, str], str], changed: set[tuple[str, str]], references: Callable[[str, str], set[CellRef]]
) -> set[tuple[str, str]]:
    """The formula cells (sheet, coord) that refer to a changed cell, directly or through each other.

    A formula is parsed only when it may refer to a dirty cell: it names one's coordinate, or a range
    (a workbook of 2,000 blocks has tens of thousands of formulas and a fix changes a few cells)."""
    dirty = set(changed)
    dirty_coords = {coord for _, coord in dirty}
    drop: set[tuple[str, str]] = set()
    named: dict[tuple[str, str], set[str]] = {}
    refs: dict[tuple[str, str], set[tuple[str, str]]] = {}
    grew = True
    while grew:
        grew = False
        for key, text in formulas.items():
            if key in drop or key in changed:
                continue
            if ":" not in text:
                coords = named.get(key)
                if coords is None:
                    coords = named[key] = {c.upper() + r for c, r in _COORD_IN_FORMULA.findall(text)}
                if not coords & dirty_coords:
                    continue
            targets = refs.get(key)
            if targets is None:
                targets = refs[key] = {(r.sheet, r.coord) for r in references(text, key[0])}
            if targets & dirty:
                drop.add(key)
                dirty.add(key)
                dirty_coords.add(key[1])
                grew = True
    return drop


def _start_tag(element: str) -> str:
    """The start tag of a ``<c>`` element, without its closing ``>`` or ``/>``."""
    m = re.match(r"<c\b[^>]*?(?=/?>)", element)
    if m is None:
        raise UnsupportedPackage("malformed cell element")
    return m.group(0)


def _uncache(xml: str, coords: set[str]) -> str:
    """A worksheet with the cached values of some formula cells removed (and their value type)."""

    def uncache(m: re.Match[str]) -> str:
        if m.group(1) not in coords or not m.group(2):
            return m.group(0)
        body = re.sub(r"<v\b[^>]*?(?:/>|>.*?</v>)", "", m.group(2), flags=re.S)
        return f"{del_attr(_start_tag(m.group(0)), 't')}>{body}</c>"

    return replaced(xml, wanted_cells(xml, coords), uncache)


def full_calc_on_load(wb_xml: str) -> str:
    """workbook.xml asking Excel and LibreOffice to recalculate every formula on open."""
    m = re.search(r"<calcPr\b[^>]*?/?>", wb_xml)
    if m:
        return wb_xml[: m.start()] + set_attr(m.group(0), "fullCalcOnLoad", "1") + wb_xml[m.end() :]
    for tag in ("</definedNames>", "</externalReferences>", "</functionGroups>", "</sheets>"):
        pos = wb_xml.find(tag)
        if pos >= 0:
            pos += len(tag)
            return wb_xml[:pos] + '<calcPr fullCalcOnLoad="1"/>' + wb_xml[pos:]
    raise UnsupportedPackage("workbook without sheets")


# A <c> element without an r attribute (optional in SpreadsheetML: the cell then follows the
# previous one of its row), and a <row> element with its content.
_CELL_WITHOUT_REF = re.compile(r"<c(?=[\s/>])(?![^>]*?\br\s*=)")  # lazy: r is mostly first
_ROW = re.compile(r"<row\b([^>]*?)(/>|>(.*?)</row>)", re.S)
_CELL = re.compile(r"<c(?=[\s/>])([^>]*?)(/>|(?<!/)>.*?</c>)", re.S)


def with_cell_refs(xml: str) -> str:
    """A worksheet's XML with an ``r`` on every row and cell that omits it, so cells can be found by
    reference. A cell without ``r`` is the one after the previous cell of its row (the first column
    when it is the row's first); a row without ``r`` the one after the previous row. The sheet's
    content is unchanged; a sheet whose cells all carry ``r`` is returned as it is."""
    if _CELL_WITHOUT_REF.search(xml) is None:
        return xml
    previous_row = 0

    def row(m: re.Match[str]) -> str:
        nonlocal previous_row
        attrs, rest, body = m.group(1), m.group(2), m.group(3)
        ref = get_attr("<row" + attrs + ">", "r")
        number = int(ref) if ref and ref.isdigit() else previous_row + 1
        previous_row = number
        start = "<row" + attrs if ref else f'<row r="{number}"' + attrs
        if body is None:
            return start + rest
        previous_col = 0

        def cell(c: re.Match[str]) -> str:
            nonlocal previous_col
            cell_attrs = c.group(1)
            coord = get_attr("<c" + cell_attrs + ">", "r")
            if coord:
                previous_col = cell_rc(coord)[1]
                return c.group(0)
            previous_col += 1
            return f'<c r="{column_letters(previous_col)}{number}"' + cell_attrs + c.group(2)

        return start + ">" + _CELL.sub(cell, body) + "</row>"

    return _ROW.sub(row, xml)
