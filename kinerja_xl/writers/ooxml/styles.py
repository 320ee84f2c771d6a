"""xl/styles.xml edits (fills and cell formats appended, nothing renumbered) and the cells of a sheet
given a finding's (or a fix's) fill."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from typing import TYPE_CHECKING

from kinerja_xl import default_styles
from kinerja_xl.model import cell_rc
from kinerja_xl.writers.ooxml.parts import (
    Package,
    UnsupportedPackage,
    add_rel,
    del_attr,
    get_attr,
    must,
    set_attr,
    set_content_type,
    sheet_parts,
    xml_attr,
)
from kinerja_xl.writers.sheet_spec import FIXED_FILL, SEVERITY_FILL

if TYPE_CHECKING:
    from kinerja_xl.writers.sheet_spec import Style

_FILLS = {**SEVERITY_FILL, "fixed": FIXED_FILL}


class Styles:
    """Append-only edits of xl/styles.xml."""

    def __init__(self, pkg: Package, part: str):
        self.pkg, self.part = pkg, part
        self.text = pkg.read(part)
        if re.search(r"<\w+:styleSheet\b", self.text):
            raise UnsupportedPackage("prefixed styles.xml")
        self.xfs = self._items("cellXfs", "xf")
        self.cache: dict[tuple[object, ...], int] = {}
        self.fill_ids: dict[str, int] = {}

    def _block(self, tag: str) -> re.Match[str] | None:
        return re.search(r"<" + tag + r"\b[^>]*?(/>|>(.*?)</" + tag + ">)", self.text, re.S)

    def _items(self, block: str, item: str) -> list[str]:
        m = self._block(block)
        if m is None or m.group(2) is None:
            return []
        return re.findall(r"<" + item + r"\b[^>]*?(?:/>|>.*?</" + item + ">)", m.group(2), re.S)

    def append(self, block: str, item_xml: str, before: tuple[str, ...] = ()) -> int:
        """Append an item to a block (creating it) and return its index."""
        return self.append_many(block, [item_xml], before)

    def append_many(self, block: str, items: list[str], before: tuple[str, ...] = ()) -> int:
        """Append items to a block (creating it) in one edit of the text; the index of the first."""
        m = self._block(block)
        if m is None:
            pos = len(self.text) - len("</styleSheet>")
            for tag in before:
                found = re.search(r"<" + tag + r"\b", self.text)
                if found:
                    pos = found.start()
                    break
            self.text = self.text[:pos] + f'<{block} count="0"></{block}>' + self.text[pos:]
            m = must(self._block(block), f"<{block}>")
        if m.group(2) is None:  # self-closing <fills/>
            start_tag = m.group(0)[:-2] + ">"
            self.text = self.text[: m.start()] + start_tag + f"</{block}>" + self.text[m.end() :]
            m = must(self._block(block), f"<{block}>")
        count = len(re.findall(r"<" + _item_of(block) + r"\b", m.group(2), re.S)) if m.group(2) else 0
        start_tag = must(re.match(r"<" + block + r"\b[^>]*>", m.group(0)), f"<{block}> start tag").group(0)
        new_start = set_attr(start_tag, "count", str(count + len(items)))
        body = m.group(2) + "".join(items)
        self.text = self.text[: m.start()] + new_start + body + f"</{block}>" + self.text[m.end() :]
        return count

    def fill(self, rgb: str) -> int:
        if rgb not in self.fill_ids:
            self.fill_ids[rgb] = self.append(
                "fills",
                f'<fill><patternFill patternType="solid"><fgColor rgb="FF{rgb}"/>'
                f'<bgColor indexed="64"/></patternFill></fill>',
                ("borders", "cellStyleXfs"),
            )
        return self.fill_ids[rgb]

    def filled_xf(self, xf_index: int, severity: str, num_fmt_id: int | None = None) -> int:
        """The index of a clone of cell format xf_index with the severity's fill (and number format)."""
        key = (xf_index, severity) if num_fmt_id is None else (xf_index, severity, num_fmt_id)
        if key not in self.cache:
            base = (
                self.xfs[xf_index]
                if 0 <= xf_index < len(self.xfs)
                else (self.xfs[0] if self.xfs else '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>')
            )
            m = must(re.match(r"<xf\b[^>]*?(/?>)", base, re.S), "<xf> in cellXfs")
            start = m.group(0)
            start = set_attr(start, "fillId", str(self.fill(_FILLS[severity])))
            start = set_attr(start, "applyFill", "1")
            if num_fmt_id is not None:
                start = set_attr(start, "numFmtId", str(num_fmt_id))
                start = set_attr(start, "applyNumberFormat", "1")
            self.cache[key] = self.append("cellXfs", start + base[m.end() :])
            self.xfs.append(start + base[m.end() :])
        return self.cache[key]

    def save(self) -> None:
        self.pkg.write(self.part, self.text)


def _item_of(block: str) -> str:
    return {"fills": "fill", "fonts": "font", "borders": "border", "cellXfs": "xf", "numFmts": "numFmt", "dxfs": "dxf"}[
        block
    ]


def _col_styles(xml: str) -> list[tuple[int, int, int]]:
    out = []
    for tag in re.findall(r"<col\b[^>]*>", xml):
        style = get_attr(tag, "style")
        if style is not None:
            out.append((int(get_attr(tag, "min") or 0), int(get_attr(tag, "max") or 0), int(style)))
    return out


def split_coord(coord: str) -> tuple[int, int]:
    """(row, column) of a cell reference (model.cell_rc)."""
    return cell_rc(coord)


# A cell's start tag and its reference. One pattern for every cell and a dict lookup: an
# alternation of 10,000 references is tried one by one at every cell (quadratic).
_CELL_TAG = re.compile(r'<c\s[^>]*?\br="([A-Za-z]{1,3}[0-9]+)"[^>]*?/?>')
_FEW_CELLS = 64  # up to this many cells on a sheet, each is looked for by its reference (_wanted_tags)


def _wanted_tags(xml: str, wanted: Iterable[str]) -> list[re.Match[str]] | None:
    """The matches of _CELL_TAG.sub over ``xml`` whose reference is wanted, in document order, found
    by searching the references' text in one pass (a few cells of a big sheet: no Python call per cell).

    An occurrence of ``r="C5"`` is a match of the scan when _CELL_TAG matches at the ``<`` that
    opens its tag with that reference as its group; that is the only tag that can hold it, and
    the scan reaches it, when the text since the previous ``>`` holds no other ``<``. None when
    it does (malformed XML): the caller scans every cell.
    """
    hits: dict[int, re.Match[str]] = {}
    if not wanted:
        return []
    needles = re.compile('r="(?:' + "|".join(map(re.escape, wanted)) + ')"')  # one pass for all of them
    for found in needles.finditer(xml):
        at = found.start()
        lt = xml.rfind("<", 0, at)
        if lt < 0 or xml.find(">", lt, at) >= 0:
            continue  # in text, not in a tag: no match has it
        if xml.rfind("<", 0, lt) > xml.rfind(">", 0, lt):
            return None  # a tag left open before this one: the scan may read them as one
        m = _CELL_TAG.match(xml, lt)  # the one tag whose match could hold it
        if m is not None and m.start(1) == at + 3:
            hits[lt] = m
    return [hits[k] for k in sorted(hits)]


# complexity and length: one regex pass over the whole sheet XML (speed: 10,000 cells in linear time)
def restyle_cells(xml: str, wanted: dict[str, str], styles: Styles) -> str:  # noqa: C901
    """Give each wanted cell (coord -> severity) a filled copy of its format; add missing cells."""
    if re.search(r"<\w+:worksheet\b", xml[:2000]):
        raise UnsupportedPackage("prefixed worksheet XML")
    found: set[str] = set()

    def restyle(m: re.Match[str]) -> str:
        coord = m.group(1)
        if coord not in wanted:
            return m.group(0)
        found.add(coord)
        tag = m.group(0)
        old = int(get_attr(tag, "s") or 0)
        return set_attr(tag, "s", str(styles.filled_xf(old, wanted[coord])))

    tags = _wanted_tags(xml, wanted) if len(wanted) <= _FEW_CELLS else None
    if tags is None:
        xml = _CELL_TAG.sub(restyle, xml)
    else:  # the same tags, found by their references instead of a callback at every cell
        kept: list[str] = []
        at = 0
        for m in tags:
            kept += [xml[at : m.start()], restyle(m)]
            at = m.end()
        kept.append(xml[at:])
        xml = "".join(kept)
    missing = [c for c in wanted if c not in found]
    if not missing:
        return xml
    cols = _col_styles(xml)
    by_row: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for coord in missing:
        r, c = split_coord(coord)
        by_row[r].append((c, coord))
    sd = re.search(r"<sheetData\s*/>|<sheetData\b[^>]*>", xml)
    if sd is None:
        raise UnsupportedPackage("no sheetData")
    if sd.group(0).endswith("/>"):
        xml = xml[: sd.start()] + "<sheetData></sheetData>" + xml[sd.end() :]
        sd = must(re.search(r"<sheetData\b[^>]*>", xml), "<sheetData>")
    end = xml.index("</sheetData>", sd.end())
    body = xml[sd.end() : end]
    rows = list(re.finditer(r"<row\b[^>]*?(?:/>|>.*?</row>)", body, re.S))
    row_at: dict[int, re.Match[str]] = {}
    for m in rows:
        row_ref = get_attr(must(re.match(r"<row\b[^>]*>", m.group(0)), "<row> start tag").group(0), "r")
        if row_ref is None:
            raise UnsupportedPackage("row without r attribute")
        row_at[int(row_ref)] = m
    edits: list[tuple[int, int, str]] = []  # (start, end, replacement) within body
    for r, cells in sorted(by_row.items()):
        row_m = row_at.get(r)
        row_tag = must(re.match(r"<row\b[^>]*?/?>", row_m.group(0)), "<row> start tag").group(0) if row_m else ""
        row_style = int(get_attr(row_tag, "s") or 0) if get_attr(row_tag, "customFormat") in ("1", "true") else None
        new_cells = {}
        for c, coord in cells:
            base = row_style if row_style is not None else next((s for lo, hi, s in cols if lo <= c <= hi), 0)
            new_cells[c] = f'<c r="{coord}" s="{styles.filled_xf(base, wanted[coord])}"/>'
        if row_m is None:
            after = [x for x in row_at if x > r]
            pos = row_at[min(after)].start() if after else len(body)
            edits.append((pos, pos, f'<row r="{r}">' + "".join(new_cells[c] for c in sorted(new_cells)) + "</row>"))
            continue
        text = row_m.group(0)
        start_tag = del_attr(row_tag, "spans")
        if row_tag.endswith("/>"):
            start_tag = start_tag[:-2].rstrip() + ">"
            inner = ""
        else:
            inner = text[len(row_tag) : -len("</row>")]
        pieces = list(re.finditer(r"<c\b[^>]*?(?:/>|>.*?</c>)", inner, re.S))
        out, last = [], 0
        pending = sorted(new_cells)
        for p in pieces:
            ref = get_attr(must(re.match(r"<c\b[^>]*>", p.group(0)), "<c> start tag").group(0), "r")
            col = split_coord(ref)[1] if ref else 0
            while pending and pending[0] < col:
                out.append(inner[last : p.start()])
                last = p.start()
                out.append(new_cells[pending.pop(0)])
        out.append(inner[last:])
        out.extend(new_cells[c] for c in pending)
        edits.append((row_m.start(), row_m.end(), start_tag + "".join(out) + "</row>"))
    chunks: list[str] = []
    last = 0
    for start, stop, repl in sorted(edits, key=lambda e: e[0]):
        chunks += [body[last:start], repl]
        last = stop
    chunks.append(body[last:])
    return xml[: sd.end()] + "".join(chunks) + xml[end:]


_FONT_ORDER = (
    "b",
    "i",
    "strike",
    "condense",
    "extend",
    "outline",
    "shadow",
    "u",
    "vertAlign",
    "sz",
    "color",
    "name",
    "family",
    "charset",
    "scheme",
)


_DEFAULT_FONT = (
    '<font><sz val="11"/><color theme="1"/><name val="Calibri"/><family val="2"/><scheme val="minor"/></font>'
)


def _derive_font(
    base: str,
    *,
    bold: bool = False,
    size: float | None = None,
    color: str | None = None,
    underline: bool = False,
    italic: bool = False,
) -> str:
    """A copy of a <font> (the workbook's default) made bold, italic, resized, coloured or underlined."""
    compact = re.sub(r">\s+<", "><", base.strip())
    m = re.fullmatch(r"<font>((?:<\w+\b[^<>]*/>)*)</font>", compact)
    if m is None:
        m = must(re.fullmatch(r"<font>(.*)</font>", _DEFAULT_FONT), "default font")
    children: dict[str, str] = {}
    for tag in re.findall(r"<\w+\b[^<>]*/>", m.group(1)):
        children[must(re.match(r"<(\w+)", tag), "font child").group(1)] = tag
    if bold:
        children["b"] = "<b/>"
    if italic:
        children["i"] = "<i/>"
    if size is not None:
        children["sz"] = f'<sz val="{size:g}"/>'
    if color is not None:
        children["color"] = f'<color rgb="FF{color}"/>'
    if underline:
        children["u"] = '<u val="single"/>'
    ordered = [children[k] for k in _FONT_ORDER if k in children]
    ordered += [v for k, v in children.items() if k not in _FONT_ORDER]
    return "<font>" + "".join(ordered) + "</font>"


_BUILTIN_FORMATS = {"0.00": 2, "0": 1, "#,##0.00": 4, "0%": 9}


class _XfBuilder:
    """Cell formats for summary_sheet style keys, appended to styles.xml; fonts, fills, the thin
    border and number formats are appended once each and shared."""

    FONT_BEFORE = ("fills", "borders", "cellStyleXfs")

    def __init__(self, styles: Styles):
        self.styles = styles
        fonts = styles._items("fonts", "font")
        if not fonts:
            fonts = [_DEFAULT_FONT]
            styles.append("fonts", _DEFAULT_FONT, self.FONT_BEFORE)
        if not styles._items("fills", "fill"):
            for kind in ("none", "gray125"):
                styles.append("fills", f'<fill><patternFill patternType="{kind}"/></fill>', ("borders", "cellStyleXfs"))
        if not styles._items("borders", "border"):
            styles.append(
                "borders", "<border><left/><right/><top/><bottom/><diagonal/></border>", ("cellStyleXfs", "cellXfs")
            )
        if not styles._items("cellStyleXfs", "xf"):
            styles.append(
                "cellStyleXfs", '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>', ("cellXfs",)
            )
        self.base_font = fonts[0]
        self.font_ids: dict[tuple[object, ...], int] = {}
        self.fmt_ids: dict[str, int] = {}
        self.border_id: int | None = None
        self.flag_ids: dict[str, int] = {}
        self.used_fmt_ids = [int(x) for x in re.findall(r'<numFmt\b[^>]*numFmtId="(\d+)"', styles.text)]

    def font(self, st: Style) -> int:
        if not st.has_font:
            return 0
        key = (st.bold, st.italic, st.size, st.color, st.underline)
        if key not in self.font_ids:
            item = _derive_font(
                self.base_font, bold=st.bold, italic=st.italic, size=st.size, color=st.color, underline=st.underline
            )
            self.font_ids[key] = self.styles.append("fonts", item, self.FONT_BEFORE)
        return self.font_ids[key]

    def num_fmt(self, code: str | None) -> int:
        if not code:
            return 0
        if code in _BUILTIN_FORMATS:
            return _BUILTIN_FORMATS[code]
        if code not in self.fmt_ids:
            fmt_id = max([163, *self.used_fmt_ids]) + 1
            self.used_fmt_ids.append(fmt_id)
            self.styles.append(
                "numFmts",
                f'<numFmt numFmtId="{fmt_id}" formatCode="{xml_attr(code)}"/>',
                ("fonts", "fills", "borders", "cellStyleXfs", "cellXfs"),
            )
            self.fmt_ids[code] = fmt_id
        return self.fmt_ids[code]

    def border(self, st: Style) -> int:
        from kinerja_xl.writers.sheet_spec import BORDER_COLOR

        if st.flag:
            if st.flag not in self.flag_ids:
                side = f'style="medium"><color rgb="FF{st.flag}"/>'
                item = (
                    f"<border><left {side}</left><right {side}</right><top {side}</top>"
                    f"<bottom {side}</bottom><diagonal/></border>"
                )
                self.flag_ids[st.flag] = self.styles.append("borders", item, ("cellStyleXfs", "cellXfs"))
            return self.flag_ids[st.flag]
        if not st.border:
            return 0
        if self.border_id is None:
            side = f'style="thin"><color rgb="FF{BORDER_COLOR}"/>'
            item = (
                f"<border><left {side}</left><right {side}</right><top {side}</top>"
                f"<bottom {side}</bottom><diagonal/></border>"
            )
            self.border_id = self.styles.append("borders", item, ("cellStyleXfs", "cellXfs"))
        return self.border_id

    def xf(self, key: str) -> str:
        """The ' s="N"' attribute of a new cell format for a style key."""
        item = self.xf_item(key)
        index = self.styles.append("cellXfs", item)
        self.styles.xfs.append(item)
        return f' s="{index}"'

    def xf_item(self, key: str) -> str:
        """The <xf> of a style key (its font, fill, border and number format appended as needed)."""
        from kinerja_xl.writers.sheet_spec import parse_style

        st = parse_style(key)
        num, fnt, brd = self.num_fmt(st.num_format), self.font(st), self.border(st)
        fill = self.styles.fill(st.fill) if st.fill else 0
        inner = ""
        if st.has_alignment:
            inner = (
                "<alignment"
                + (f' horizontal="{st.halign}"' if st.halign else "")
                + (f' vertical="{st.valign}"' if st.valign else "")
                + (' wrapText="1"' if st.wrap else "")
                + (f' indent="{st.indent}"' if st.indent else "")
                + "/>"
            )
        applies = (
            (' applyNumberFormat="1"' if num else "")
            + (' applyFont="1"' if fnt else "")
            + (' applyFill="1"' if fill else "")
            + (' applyBorder="1"' if brd else "")
            + (' applyAlignment="1"' if inner else "")
        )
        start = f'<xf numFmtId="{num}" fontId="{fnt}" fillId="{fill}" borderId="{brd}" xfId="0"{applies}'
        return f"{start}>{inner}</xf>" if inner else start + "/>"


def summary_xfs(styles: Styles, keys: Iterable[str] = ()) -> dict[str, str]:
    """Style key (summary_sheet) -> the ' s="N"' attribute of a cell format appended to styles.xml.

    Every key in ``keys`` gets one, as do the basic keys and the status/severity fills.
    """
    from kinerja_xl.writers import sheet_spec as ss

    builder = _XfBuilder(styles)
    wanted = dict.fromkeys(
        [
            *(k for k in ss.STYLE_KEYS if k != ss.PLAIN),
            *(ss.fill_key(rgb) for rgb in [*ss.STATUS_FILL.values(), *ss.SEVERITY_FILL.values()]),
            *sorted(k for k in keys if k != ss.PLAIN),
        ]
    )
    items = [builder.xf_item(key) for key in wanted]
    first = styles.append_many("cellXfs", items)  # one edit of styles.xml for all of them
    styles.xfs.extend(items)
    return {ss.PLAIN: "", **{key: f' s="{first + i}"' for i, key in enumerate(wanted)}}


def add_default_styles(pkg: Package, wb_part: str, target: str | None) -> str:
    """Give a package without a styles part (valid: Excel opens it) one with plain cell formats for
    every style index its sheets use, so cells can be coloured and still look as before."""
    sheets = [pkg.read(part).encode() for _, _, part in sheet_parts(pkg, wb_part) if part and pkg.exists(part)]
    part = target or default_styles.STYLES_PART
    pkg.add(part, default_styles.default_styles_xml(default_styles.max_style_index(sheets) + 1))
    set_content_type(pkg, part, default_styles.CT_STYLES)
    if target is None:
        add_rel(pkg, wb_part, default_styles.RT_STYLES, part)
    return part
