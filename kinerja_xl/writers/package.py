"""Write the annotation into the original xlsx package, copying every untouched part byte for byte.

Only these parts change: the annotated sheets' XML (the ``s`` attribute of annotated cells, an
empty cell added where a finding points at a cell the file does not store, a ``<legacyDrawing>``
when the sheet gets its first comments), xl/styles.xml (fills and cell formats appended, nothing
renumbered), comments parts and VML drawings (ours appended after existing ones), the sheet
rels, workbook.xml + its rels + [Content_Types].xml for the Ringkasan and Temuan sheets. Those two
sheets (and Ringkasan's chart with its drawing) are new parts written here as SpreadsheetML from
the specs summary_sheet.py builds, using a few cell formats appended to our styles.xml.

The edits are string surgery on the few elements we touch, so namespaces, prefixes, extLst
blocks, cached formula values and everything else stay exactly as they were. A package with a
shape this module does not handle (prefixed SpreadsheetML, Strict OOXML, non UTF-8 parts) raises
UnsupportedPackage and the caller falls back to openpyxl.
"""

from __future__ import annotations

import io
import math
import posixpath
import re
import time
import zipfile
from collections import defaultdict
from collections.abc import Iterable
from html import escape
from pathlib import Path

from openpyxl.utils.cell import column_index_from_string, coordinate_from_string

from kinerja_xl import ooxml
from kinerja_xl.outputs import EXCEL_CELL_CHARS, excel_text
from kinerja_xl.writers import own_sheets
from kinerja_xl.writers.summary_sheet import ILLEGAL_XML, SEVERITY_FILL

REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
RT_WORKSHEET = REL_NS + "/worksheet"
RT_COMMENTS = REL_NS + "/comments"
RT_VML = REL_NS + "/vmlDrawing"
CT_COMMENTS = "application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml"
CT_VML = "application/vnd.openxmlformats-officedocument.vmlDrawing"
# Elements that follow <legacyDrawing> in a worksheet (CT_Worksheet order).
_AFTER_LEGACY = (
    "<legacyDrawingHF",
    "<drawingHF",
    "<picture",
    "<oleObjects",
    "<controls",
    "<webPublishItems",
    "<tableParts",
    "<extLst",
    "<mc:AlternateContent",
)


FIXED_FILL = "E4DFEC"  # a cell `kinerja-xl fix` changed (writers/fixed.py): lavender, unlike any finding colour
_FILLS = {**SEVERITY_FILL, "fixed": FIXED_FILL}


class UnsupportedPackage(Exception):
    """The package has a shape this writer does not handle; the caller falls back to openpyxl."""


def _attr(tag: str, name: str) -> str | None:
    m = re.search(r"\s" + re.escape(name) + r'\s*=\s*"([^"]*)"', tag)
    if m is None:
        m = re.search(r"\s" + re.escape(name) + r"\s*=\s*'([^']*)'", tag)
    return m.group(1) if m else None


def _set_attr(tag: str, name: str, value: str) -> str:
    """A start tag with one attribute set (replaced or added after the element name)."""
    pattern = r"(\s" + re.escape(name) + r'\s*=\s*)("[^"]*"|\'[^\']*\')'
    if re.search(pattern, tag):
        return re.sub(pattern, lambda m: f'{m.group(1)}"{value}"', tag, count=1)
    m = re.match(r"<[\w:]+", tag)
    return tag[: m.end()] + f' {name}="{value}"' + tag[m.end() :]


def _del_attr(tag: str, name: str) -> str:
    return re.sub(r"\s" + re.escape(name) + r'\s*=\s*("[^"]*"|\'[^\']*\')', "", tag, count=1)


def _unescape(text: str) -> str:
    from html import unescape

    return unescape(text)


class _Package:
    """The zip members of the input, with the ones we change held as text."""

    def __init__(self, data: dict[str, bytes], infos: list[zipfile.ZipInfo]):
        self.data = data
        self.infos = infos
        self.text: dict[str, str] = {}
        self.new: dict[str, bytes] = {}
        self.removed: set[str] = set()

    def read(self, name: str) -> str:
        if name in self.text:
            return self.text[name]
        raw = self.new.get(name, self.data.get(name))
        if raw is None:
            raise KeyError(name)
        try:
            return raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise UnsupportedPackage(f"{name} is not UTF-8") from exc

    def write(self, name: str, text: str) -> None:
        self.text[name] = text
        self.removed.discard(name)

    def add(self, name: str, raw: bytes) -> None:
        """A new binary part (may reuse the name of a part removed earlier)."""
        self.new[name] = raw
        self.text.pop(name, None)
        self.removed.discard(name)

    def exists(self, name: str) -> bool:
        return name not in self.removed and (name in self.data or name in self.new or name in self.text)

    def remove(self, name: str) -> None:
        self.removed.add(name)
        self.text.pop(name, None)
        self.new.pop(name, None)

    def names(self) -> set[str]:
        return ({*self.data, *self.new, *self.text}) - self.removed

    def to_bytes(self) -> bytes:
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as out:
            written = set()
            for info in self.infos:
                name = info.filename
                if name in self.removed or name in written:
                    continue
                written.add(name)
                if name in self.text:
                    payload = self.text[name].encode("utf-8")
                else:
                    payload = self.new.get(name, self.data[name])
                out.writestr(info, payload, compress_type=zipfile.ZIP_DEFLATED)
            stamp = time.localtime()[:6]
            for name in sorted({*self.new, *self.text} - written - self.removed):
                payload = self.text[name].encode("utf-8") if name in self.text else self.new[name]
                out.writestr(zipfile.ZipInfo(name, stamp), payload, compress_type=zipfile.ZIP_DEFLATED)
        return buf.getvalue()


# --- relationships -------------------------------------------------------------------------


def _rels_name(part: str) -> str:
    folder, base = posixpath.split(part)
    return posixpath.join(folder, "_rels", base + ".rels")


def _resolve(source_part: str, target: str) -> str:
    if target.startswith("/"):
        return target.lstrip("/")
    return posixpath.normpath(posixpath.join(posixpath.dirname(source_part), target))


def _rels(pkg: _Package, part: str) -> list[dict[str, str]]:
    """The relationships of a part: dicts with Id, Type, Target (resolved to a part name), Mode."""
    name = _rels_name(part)
    if not pkg.exists(name):
        return []
    out = []
    for tag in re.findall(r"<Relationship\b[^>]*>", pkg.read(name)):
        target = _unescape(_attr(tag, "Target") or "")
        mode = _attr(tag, "TargetMode") or ""
        out.append(
            {
                "Id": _attr(tag, "Id") or "",
                "Type": _attr(tag, "Type") or "",
                "Target": target if mode == "External" else _resolve(part, target),
                "Mode": mode,
            }
        )
    return out


def _add_rel(pkg: _Package, part: str, rel_type: str, target_part: str) -> str:
    """Add a relationship from part to target_part (absolute target); returns its new Id."""
    name = _rels_name(part)
    if pkg.exists(name):
        text = pkg.read(name)
    else:
        text = (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships '
            'xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>'
        )
    ids = set(re.findall(r'\sId="([^"]*)"', text))
    n = 1
    while f"rId{n}" in ids:
        n += 1
    rid = f"rId{n}"
    rel = f'<Relationship Id="{rid}" Type="{rel_type}" Target="/{target_part}"/>'
    if re.search(r"<Relationships\b[^>]*/>", text):
        text = re.sub(
            r"<Relationships\b([^>]*)/>", lambda m: f"<Relationships{m.group(1)}>{rel}</Relationships>", text, count=1
        )
    else:
        text = text.replace("</Relationships>", rel + "</Relationships>", 1)
    pkg.write(name, text)
    return rid


def _remove_rel(pkg: _Package, part: str, rid: str) -> None:
    name = _rels_name(part)
    text = pkg.read(name)
    text = re.sub(r'<Relationship\b[^>]*\sId="' + re.escape(rid) + r'"[^>]*/>', "", text, count=1)
    pkg.write(name, text)


def _content_type(pkg: _Package, part: str, ctype: str) -> None:
    text = pkg.read("[Content_Types].xml")
    text = re.sub(r'<Override\b[^>]*PartName="/' + re.escape(part) + r'"[^>]*/>', "", text)
    text = text.replace("</Types>", f'<Override PartName="/{part}" ContentType="{ctype}"/></Types>', 1)
    pkg.write("[Content_Types].xml", text)


def _default_type(pkg: _Package, ext: str, ctype: str) -> None:
    text = pkg.read("[Content_Types].xml")
    if re.search(r'<Default\b[^>]*Extension="' + re.escape(ext) + '"', text, re.I):
        return
    m = re.search(r"<Types\b[^>]*>", text)
    text = text[: m.end()] + f'<Default Extension="{ext}" ContentType="{ctype}"/>' + text[m.end() :]
    pkg.write("[Content_Types].xml", text)


def _free_name(pkg: _Package, pattern: str) -> str:
    n = 1
    names = {x.lower() for x in pkg.names()}
    while (pattern % n).lower() in names:
        n += 1
    return pattern % n


# --- workbook ------------------------------------------------------------------------------


def _workbook_part(pkg: _Package) -> str:
    for rel in _rels(pkg, ""):
        if rel["Type"].endswith("/officeDocument"):
            if "purl.oclc.org" in rel["Type"]:
                raise UnsupportedPackage("Strict OOXML")
            return rel["Target"]
    raise UnsupportedPackage("no workbook part")


def _sheets(pkg: _Package, wb_part: str) -> list[tuple[str, str, str]]:
    """(name, rId, part) of every sheet in tab order."""
    rels = {r["Id"]: r for r in _rels(pkg, wb_part)}
    out = []
    for tag in re.findall(r"<sheet\b[^>]*>", pkg.read(wb_part)):
        rid = next((v for k, v in re.findall(r'\s([\w]+:id)="([^"]*)"', tag)), None)
        name = _unescape(_attr(tag, "name") or "")
        rel = rels.get(rid or "")
        out.append((name, rid or "", rel["Target"] if rel else ""))
    return out


def _remove_sheets(pkg: _Package, wb_part: str, names: set[str]) -> None:
    """Drop sheets (a previous run's Ringkasan/Temuan) with their parts; fix localSheetId, activeTab."""
    sheets = _sheets(pkg, wb_part)
    removed_idx = [i for i, s in enumerate(sheets) if s[0] in names]
    if not removed_idx:
        return
    text = pkg.read(wb_part)
    for i in removed_idx:
        name, rid, part = sheets[i]
        text = re.sub(r'<sheet\b[^>]*:id="' + re.escape(rid) + r'"[^>]*/>', "", text, count=1)
        _remove_rel(pkg, wb_part, rid)
        _drop_part_tree(pkg, part)

    def new_index(k: int) -> int | None:
        return None if k in removed_idx else k - sum(1 for i in removed_idx if i < k)

    def fix_name(m: re.Match) -> str:
        k = int(m.group(2))
        n = new_index(k)
        return "" if n is None else m.group(0).replace(f'localSheetId="{k}"', f'localSheetId="{n}"', 1)

    text = re.sub(r'(<definedName\b[^>]*localSheetId=")(\d+)"[^>]*>.*?</definedName>', fix_name, text, flags=re.S)

    def fix_view(m: re.Match) -> str:
        tag = m.group(0)
        for attr in ("activeTab", "firstSheet"):
            v = _attr(tag, attr)
            if v is not None and v.isdigit():
                n = new_index(int(v))
                tag = _set_attr(tag, attr, str(0 if n is None else n))
        return tag

    text = re.sub(r"<workbookView\b[^>]*>", fix_view, text)
    pkg.write(wb_part, text)


def _drop_part_tree(pkg: _Package, part: str) -> None:
    """Remove a part, its rels and the drawing/chart/comment parts only it uses."""
    if not part or not pkg.exists(part):
        return
    for rel in _rels(pkg, part):
        if rel["Mode"] != "External" and rel["Type"].rsplit("/", 1)[-1] in (
            "drawing",
            "chart",
            "comments",
            "vmlDrawing",
            "chartUserShapes",
        ):
            _drop_part_tree(pkg, rel["Target"])
    pkg.remove(part)
    if pkg.exists(_rels_name(part)):
        pkg.remove(_rels_name(part))
    text = pkg.read("[Content_Types].xml")
    text = re.sub(r'<Override\b[^>]*PartName="/' + re.escape(part) + r'"[^>]*/>', "", text)
    pkg.write("[Content_Types].xml", text)


# --- styles --------------------------------------------------------------------------------


class _Styles:
    """Append-only edits of xl/styles.xml."""

    def __init__(self, pkg: _Package, part: str):
        self.pkg, self.part = pkg, part
        self.text = pkg.read(part)
        if re.search(r"<\w+:styleSheet\b", self.text):
            raise UnsupportedPackage("prefixed styles.xml")
        self.xfs = self._items("cellXfs", "xf")
        self.cache: dict[tuple[int, str], int] = {}
        self.fill_ids: dict[str, int] = {}

    def _block(self, tag: str) -> re.Match | None:
        return re.search(r"<" + tag + r"\b[^>]*?(/>|>(.*?)</" + tag + ">)", self.text, re.S)

    def _items(self, block: str, item: str) -> list[str]:
        m = self._block(block)
        if m is None or m.group(2) is None:
            return []
        return re.findall(r"<" + item + r"\b[^>]*?(?:/>|>.*?</" + item + ">)", m.group(2), re.S)

    def append(self, block: str, item_xml: str, before: tuple[str, ...] = ()) -> int:
        """Append an item to a block (creating it) and return its index."""
        m = self._block(block)
        if m is None:
            pos = len(self.text) - len("</styleSheet>")
            for tag in before:
                found = re.search(r"<" + tag + r"\b", self.text)
                if found:
                    pos = found.start()
                    break
            self.text = self.text[:pos] + f'<{block} count="0"></{block}>' + self.text[pos:]
            m = self._block(block)
        if m.group(2) is None:  # self-closing <fills/>
            start_tag = m.group(0)[:-2] + ">"
            self.text = self.text[: m.start()] + start_tag + f"</{block}>" + self.text[m.end() :]
            m = self._block(block)
        count = len(re.findall(r"<" + _item_of(block) + r"\b", m.group(2), re.S)) if m.group(2) else 0
        start_tag = re.match(r"<" + block + r"\b[^>]*>", m.group(0)).group(0)
        new_start = _set_attr(start_tag, "count", str(count + 1))
        body = m.group(2) + item_xml
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

    def filled_xf(self, xf_index: int, severity: str) -> int:
        """The index of a clone of cell format xf_index with the severity's fill."""
        key = (xf_index, severity)
        if key not in self.cache:
            base = (
                self.xfs[xf_index]
                if 0 <= xf_index < len(self.xfs)
                else (self.xfs[0] if self.xfs else '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>')
            )
            m = re.match(r"<xf\b[^>]*?(/?>)", base, re.S)
            start = m.group(0)
            start = _set_attr(start, "fillId", str(self.fill(_FILLS[severity])))
            start = _set_attr(start, "applyFill", "1")
            self.cache[key] = self.append("cellXfs", start + base[m.end() :])
            self.xfs.append(start + base[m.end() :])
        return self.cache[key]

    def save(self) -> None:
        self.pkg.write(self.part, self.text)


def _item_of(block: str) -> str:
    return {"fills": "fill", "fonts": "font", "borders": "border", "cellXfs": "xf", "numFmts": "numFmt", "dxfs": "dxf"}[
        block
    ]


# --- cells in a sheet ----------------------------------------------------------------------


def _col_styles(xml: str) -> list[tuple[int, int, int]]:
    out = []
    for tag in re.findall(r"<col\b[^>]*>", xml):
        style = _attr(tag, "style")
        if style is not None:
            out.append((int(_attr(tag, "min") or 0), int(_attr(tag, "max") or 0), int(style)))
    return out


def _split(coord: str) -> tuple[int, int]:
    letters, row = coordinate_from_string(coord)
    return row, column_index_from_string(letters)


def _style_cells(xml: str, wanted: dict[str, str], styles: _Styles) -> str:
    """Give each wanted cell (coord -> severity) a filled copy of its format; add missing cells."""
    if re.search(r"<\w+:worksheet\b", xml[:2000]):
        raise UnsupportedPackage("prefixed worksheet XML")
    found: set[str] = set()
    # One pattern for every cell and a dict lookup: an alternation of 10,000 references is
    # tried one by one at every cell, which made big annotations quadratic.
    pattern = re.compile(r'<c\s[^>]*?\br="([A-Za-z]{1,3}[0-9]+)"[^>]*?/?>')

    def restyle(m: re.Match) -> str:
        coord = m.group(1)
        if coord not in wanted:
            return m.group(0)
        found.add(coord)
        tag = m.group(0)
        old = int(_attr(tag, "s") or 0)
        return _set_attr(tag, "s", str(styles.filled_xf(old, wanted[coord])))

    xml = pattern.sub(restyle, xml)
    missing = [c for c in wanted if c not in found]
    if not missing:
        return xml
    cols = _col_styles(xml)
    by_row: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for coord in missing:
        r, c = _split(coord)
        by_row[r].append((c, coord))
    sd = re.search(r"<sheetData\s*/>|<sheetData\b[^>]*>", xml)
    if sd is None:
        raise UnsupportedPackage("no sheetData")
    if sd.group(0).endswith("/>"):
        xml = xml[: sd.start()] + "<sheetData></sheetData>" + xml[sd.end() :]
        sd = re.search(r"<sheetData\b[^>]*>", xml)
    end = xml.index("</sheetData>", sd.end())
    body = xml[sd.end() : end]
    rows = list(re.finditer(r"<row\b[^>]*?(?:/>|>.*?</row>)", body, re.S))
    row_at = {}
    for m in rows:
        r = _attr(re.match(r"<row\b[^>]*>", m.group(0)).group(0), "r")
        if r is None:
            raise UnsupportedPackage("row without r attribute")
        row_at[int(r)] = m
    edits: list[tuple[int, int, str]] = []  # (start, end, replacement) within body
    for r, cells in sorted(by_row.items()):
        m = row_at.get(r)
        row_tag = re.match(r"<row\b[^>]*?/?>", m.group(0)).group(0) if m else ""
        row_style = int(_attr(row_tag, "s") or 0) if _attr(row_tag, "customFormat") in ("1", "true") else None
        new_cells = {}
        for c, coord in cells:
            base = row_style if row_style is not None else next((s for lo, hi, s in cols if lo <= c <= hi), 0)
            new_cells[c] = f'<c r="{coord}" s="{styles.filled_xf(base, wanted[coord])}"/>'
        if m is None:
            after = [x for x in row_at if x > r]
            pos = row_at[min(after)].start() if after else len(body)
            edits.append((pos, pos, f'<row r="{r}">' + "".join(new_cells[c] for c in sorted(new_cells)) + "</row>"))
            continue
        text = m.group(0)
        start_tag = _del_attr(row_tag, "spans")
        if row_tag.endswith("/>"):
            start_tag = start_tag[:-2].rstrip() + ">"
            inner = ""
        else:
            inner = text[len(row_tag) : -len("</row>")]
        pieces = list(re.finditer(r"<c\b[^>]*?(?:/>|>.*?</c>)", inner, re.S))
        out, last = [], 0
        pending = sorted(new_cells)
        for p in pieces:
            ref = _attr(re.match(r"<c\b[^>]*>", p.group(0)).group(0), "r")
            col = _split(ref)[1] if ref else 0
            while pending and pending[0] < col:
                out.append(inner[last : p.start()])
                last = p.start()
                out.append(new_cells[pending.pop(0)])
        out.append(inner[last:])
        out.extend(new_cells[c] for c in pending)
        edits.append((m.start(), m.end(), start_tag + "".join(out) + "</row>"))
    chunks: list[str] = []
    last = 0
    for start, stop, repl in sorted(edits, key=lambda e: e[0]):
        chunks += [body[last:start], repl]
        last = stop
    chunks.append(body[last:])
    return xml[: sd.end()] + "".join(chunks) + xml[end:]


# --- comments ------------------------------------------------------------------------------

_VML_HEAD = (
    '<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" '
    'xmlns:x="urn:schemas-microsoft-com:office:excel">'
    '<o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="{data}"/></o:shapelayout>'
)
_VML_SHAPETYPE = (
    '<v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" '
    'path="m,l,21600r21600,l21600,xe"><v:stroke joinstyle="miter"/>'
    '<v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>'
)


def _vml_shape(shape_id: int, row: int, col: int, v: str = "v", o: str = "o", x: str = "x") -> str:
    """A hidden note box for the cell at (row, col), 1-based, about 4 columns x 8 rows."""
    return (
        f'<{v}:shape id="_x0000_s{shape_id}" type="#_x0000_t202" style="position:absolute;'
        f"margin-left:80pt;margin-top:2pt;width:260pt;height:130pt;z-index:{shape_id % 1024};"
        f'visibility:hidden" fillcolor="#ffffe1" {o}:insetmode="auto"><{v}:fill color2="#ffffe1"/>'
        f'<{v}:shadow on="t" color="black" obscured="t"/><{v}:path {o}:connecttype="none"/>'
        f'<{v}:textbox style="mso-direction-alt:auto"><div style="text-align:left"></div></{v}:textbox>'
        f'<{x}:ClientData ObjectType="Note"><{x}:MoveWithCells/><{x}:SizeWithCells/>'
        f"<{x}:Anchor>{col}, 15, {max(row - 2, 0)}, 10, {col + 4}, 15, {row + 7}, 4</{x}:Anchor>"
        f"<{x}:AutoFill>False</{x}:AutoFill><{x}:Row>{row - 1}</{x}:Row><{x}:Column>{col - 1}</{x}:Column>"
        f"</{x}:ClientData></{v}:shape>"
    )


_VML_NS = {
    "v": "urn:schemas-microsoft-com:vml",
    "o": "urn:schemas-microsoft-com:office:office",
    "x": "urn:schemas-microsoft-com:office:excel",
}


def _vml_prefixes(vml: str) -> tuple[str, dict[str, str]]:
    """The VML text with the v/o/x namespaces declared on its root, and the prefixes it uses for them."""
    root = re.search(r"<xml\b[^>]*>", vml)
    if root is None:
        raise UnsupportedPackage("VML drawing without an <xml> root")
    out = {}
    for key, uri in _VML_NS.items():
        m = re.search(r'xmlns:(\w+)="' + re.escape(uri) + '"', vml)
        if m:
            out[key] = m.group(1)
        else:
            out[key] = "kx" + key
            tag = root.group(0)
            new_tag = tag[:-1] + f' xmlns:kx{key}="{uri}">'
            vml = vml[: root.start()] + new_tag + vml[root.end() :]
            root = re.search(r"<xml\b[^>]*>", vml)
    return vml, out


def _run(text: str) -> str:
    return (
        f'<r><rPr><sz val="9"/><rFont val="Tahoma"/><family val="2"/></rPr>'
        f'<t xml:space="preserve">{escape(text, quote=False)}</t></r>'
    )


def _add_comments(
    pkg: _Package, sheet_part: str, sheet_xml: str, notes: dict[str, str], author: str, idmap_used: set[int]
) -> str:
    """Merge our comments (coord -> text) into the sheet's comments part and VML; returns sheet XML."""
    rels = _rels(pkg, sheet_part)
    comments_part = next((r["Target"] for r in rels if r["Type"] == RT_COMMENTS), None)
    legacy = re.search(r'<legacyDrawing\b[^>]*\b([\w]+):id="([^"]*)"[^>]*/>', sheet_xml)
    vml_part = None
    if legacy:
        vml_part = next((r["Target"] for r in rels if r["Id"] == legacy.group(2)), None)

    if comments_part and pkg.exists(comments_part):
        ctext = pkg.read(comments_part)
        if re.search(r"<\w+:comments\b", ctext):
            raise UnsupportedPackage("prefixed comments part")
    else:
        comments_part = _free_name(pkg, "xl/comments%d.xml")
        ctext = (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<comments xmlns='
            '"http://schemas.openxmlformats.org/spreadsheetml/2006/main"><authors></authors>'
            "<commentList></commentList></comments>"
        )
        _add_rel(pkg, sheet_part, RT_COMMENTS, comments_part)
        _content_type(pkg, comments_part, CT_COMMENTS)
    ctext = re.sub(r"<authors\s*/>", "<authors></authors>", ctext)
    ctext = re.sub(r"<commentList\s*/>", "<commentList></commentList>", ctext)
    authors = [_unescape(a) for a in re.findall(r"<author>(.*?)</author>", ctext, re.S)]
    if author in authors:
        author_id = authors.index(author)
    else:
        author_id = len(authors)
        ctext = ctext.replace("</authors>", f"<author>{escape(author)}</author></authors>", 1)

    ctext, new_boxes = _merge_comments(ctext, notes, author_id)
    pkg.write(comments_part, ctext)

    if not new_boxes:
        return sheet_xml
    if vml_part and pkg.exists(vml_part):
        vml, pfx = _vml_prefixes(pkg.read(vml_part))
        ids = [int(x) for x in re.findall(r'id="_x0000_s(\d+)"', vml)]
        data = re.search(r'<\w+:idmap\b[^>]*data="(\d+)', vml)
        next_id = max(ids + [(int(data.group(1)) if data else 1) * 1024]) + 1
        if "_x0000_t202" not in vml:
            shapetype = _VML_SHAPETYPE.replace("<v:", f"<{pfx['v']}:").replace("</v:", f"</{pfx['v']}:")
            shapetype = shapetype.replace(" o:", f" {pfx['o']}:")
            vml = vml[: vml.rfind("</xml>")] + shapetype + "</xml>"
    else:
        data = max(idmap_used | {0}) + 1
        idmap_used.add(data)
        vml = _VML_HEAD.format(data=data) + _VML_SHAPETYPE + "</xml>"
        pfx = {"v": "v", "o": "o", "x": "x"}
        next_id = data * 1024 + 1
        vml_part = _free_name(pkg, "xl/drawings/vmlDrawing%d.vml")
        _default_type(pkg, "vml", CT_VML)
        rid = _add_rel(pkg, sheet_part, RT_VML, vml_part)
        if legacy:  # a legacyDrawing whose part is missing: point it at ours
            sheet_xml = sheet_xml.replace(legacy.group(0), f'<legacyDrawing r:id="{rid}"/>', 1)
        else:
            sheet_xml = _insert_legacy_drawing(sheet_xml, rid)
    shapes = []
    for coord in new_boxes:
        row, col = _split(coord)
        shapes.append(_vml_shape(next_id, row, col, pfx["v"], pfx["o"], pfx["x"]))
        next_id += 1
    idx = vml.rfind("</xml>")
    vml = vml[:idx] + "".join(shapes) + vml[idx:]
    pkg.write(vml_part, vml)
    return sheet_xml


def _merge_comments(ctext: str, notes: dict[str, str], author_id: int) -> tuple[str, list[str]]:
    """The comments part with our notes added, and the cells that got a new comment (need a VML box).

    A cell that already has a comment keeps it and ours follows it; the others get a new
    ``<comment>``. One pass over the part and one join: linear in its size and in the notes
    (a search and a copy per note made 10,000 notes take minutes).
    """
    existing = {m.group(1): m for m in re.finditer(r'<comment\b[^>]*?\bref="([^"]*)"[^>]*>.*?</comment>', ctext, re.S)}
    edits: list[tuple[int, int, str]] = []
    new_boxes = []
    added = []
    for coord, text in notes.items():
        m = existing.get(coord)
        if m is None:
            added.append(f'<comment ref="{coord}" authorId="{author_id}"><text>{_run(text)}</text></comment>')
            new_boxes.append(coord)
            continue
        body = m.group(0)  # keep the existing comment, ours follows it
        cut = min([i for i in (body.find("<rPh"), body.find("<phoneticPr"), body.rfind("</text>")) if i >= 0])
        room = EXCEL_CELL_CHARS - len(_unescape(re.sub(r"<[^>]*>", "", body[:cut]))) - 2
        edits.append((m.start(), m.end(), body[:cut] + _run("\n\n" + excel_text(text, max(room, 1))) + body[cut:]))
    end = ctext.rindex("</commentList>")
    edits.append((end, end, "".join(added)))
    pieces, last = [], 0
    for start, stop, repl in sorted(edits, key=lambda e: e[0]):
        pieces += [ctext[last:start], repl]
        last = stop
    pieces.append(ctext[last:])
    return "".join(pieces), new_boxes


def _insert_legacy_drawing(xml: str, rid: str) -> str:
    """Insert <legacyDrawing r:id> at its schema position (after sheetData, before its followers)."""
    root = re.search(r"<worksheet\b[^>]*>", xml)
    prefix = "r"
    if REL_NS not in root.group(0):
        xml = xml[: root.end() - 1] + f' xmlns:kxr="{REL_NS}"' + xml[root.end() - 1 :]
        prefix = "kxr"
    else:
        prefix = re.search(r'xmlns:(\w+)="' + re.escape(REL_NS) + '"', root.group(0)).group(1)
    sd_end = xml.find("</sheetData>")
    sd_end = sd_end + len("</sheetData>") if sd_end >= 0 else xml.find("<sheetData")
    positions = [p for p in (xml.find(tag, sd_end) for tag in _AFTER_LEGACY) if p >= 0]
    pos = min(positions) if positions else xml.rfind("</worksheet>")
    return xml[:pos] + f'<legacyDrawing {prefix}:id="{rid}"/>' + xml[pos:]


# --- Ringkasan / Temuan sheets -------------------------------------------------------------
#
# The two sheets are written as SpreadsheetML straight from their specs (summary_sheet.py):
# inline strings, a few cell formats appended to our styles.xml once, one f-string per cell.
# Building them in an openpyxl workbook and transplanting its parts cost two thirds of a
# 2,000-IKU run (a style object hashed per cell, then et_xmlfile serialising 133,000 cells).

MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RT_DRAWING = REL_NS + "/drawing"
RT_CHART = REL_NS + "/chart"
CT_WORKSHEET = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
CT_DRAWING = "application/vnd.openxmlformats-officedocument.drawing+xml"
CT_CHART = "application/vnd.openxmlformats-officedocument.drawingml.chart+xml"
_XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_NEEDS_ESCAPE = re.compile("[&<>\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
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
EMU_PER_CM = 360000


def xml_text(text: str) -> str:
    """Text for an XML element body: escaped, characters illegal in XML 1.0 removed."""
    if _NEEDS_ESCAPE.search(text) is None:
        return text
    text = ILLEGAL_XML.sub("", text)  # XML 1.0 cannot carry them
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _xml_attr(text: str) -> str:
    return xml_text(text).replace('"', "&quot;")


def _inline_string(text: str) -> str:
    body = xml_text(text)
    if body[:1].isspace() or body[-1:].isspace():
        return f'<is><t xml:space="preserve">{body}</t></is>'
    return f"<is><t>{body}</t></is>"


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
        m = re.fullmatch(r"<font>(.*)</font>", _DEFAULT_FONT)
    children: dict[str, str] = {}
    for tag in re.findall(r"<\w+\b[^<>]*/>", m.group(1)):
        children[re.match(r"<(\w+)", tag).group(1)] = tag
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

    def __init__(self, styles: _Styles):
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
        self.font_ids: dict[tuple, int] = {}
        self.fmt_ids: dict[str, int] = {}
        self.border_id: int | None = None
        self.used_fmt_ids = [int(x) for x in re.findall(r'<numFmt\b[^>]*numFmtId="(\d+)"', styles.text)]

    def font(self, st) -> int:
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
                f'<numFmt numFmtId="{fmt_id}" formatCode="{_xml_attr(code)}"/>',
                ("fonts", "fills", "borders", "cellStyleXfs", "cellXfs"),
            )
            self.fmt_ids[code] = fmt_id
        return self.fmt_ids[code]

    def border(self, st) -> int:
        from kinerja_xl.writers.summary_sheet import BORDER_COLOR

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
        from kinerja_xl.writers.summary_sheet import parse_style

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
        item = f"{start}>{inner}</xf>" if inner else start + "/>"
        index = self.styles.append("cellXfs", item)
        self.styles.xfs.append(item)
        return f' s="{index}"'


def _summary_xfs(styles: _Styles, keys: Iterable[str] = ()) -> dict[str, str]:
    """Style key (summary_sheet) -> the ' s="N"' attribute of a cell format appended to styles.xml.

    Every key in ``keys`` gets one, as do the basic keys and the status/severity fills.
    """
    from kinerja_xl.writers import summary_sheet as ss

    builder = _XfBuilder(styles)
    wanted = dict.fromkeys(
        [
            *(k for k in ss.STYLE_KEYS if k != ss.PLAIN),
            *(ss.fill_key(rgb) for rgb in [*ss.STATUS_FILL.values(), *ss.SEVERITY_FILL.values()]),
            *sorted(k for k in keys if k != ss.PLAIN),
        ]
    )
    return {ss.PLAIN: "", **{key: builder.xf(key) for key in wanted}}


def _col_letters(n: int) -> list[str]:
    from openpyxl.utils.cell import get_column_letter

    return [""] + [get_column_letter(i) for i in range(1, n + 1)]


def _sheet_data(spec, xfs: dict[str, str], letters: list[str]) -> tuple[list[str], int]:
    """The <row> elements of a spec and its last row number."""
    parts: list[str] = []
    append = parts.append
    last = 0
    plain = ""
    heights = getattr(spec, "heights", {})
    for r, cells in spec.sorted_rows():
        row = []
        for col, value, key in cells:
            s = xfs.get(key, plain)
            ref = letters[col] + str(r)
            if value is None or value == "":
                if s:  # an empty cell that still shows its fill
                    row.append(f'<c r="{ref}"{s}/>')
                continue
            kind = type(value)
            if kind is str:
                row.append(f'<c r="{ref}"{s} t="inlineStr">{_inline_string(value)}</c>')
            elif kind is float or kind is int:
                if math.isfinite(value):
                    row.append(f'<c r="{ref}"{s}><v>{value!r}</v></c>')
                else:
                    row.append(f'<c r="{ref}"{s} t="inlineStr">{_inline_string(str(value))}</c>')
            elif kind is bool:
                row.append(f'<c r="{ref}"{s} t="b"><v>{int(value)}</v></c>')
            elif isinstance(value, (int, float)) and math.isfinite(value):
                row.append(f'<c r="{ref}"{s}><v>{float(value)!r}</v></c>')
            else:  # anything else is shown as its text, never as a formula
                row.append(f'<c r="{ref}"{s} t="inlineStr">{_inline_string(str(value))}</c>')
        if row:
            height = heights.get(r)
            ht = f' ht="{height:g}" customHeight="1"' if height else ""
            append(f'<row r="{r}"{ht}>' + "".join(row) + "</row>")
            last = r
    return parts, last


def _pane(freeze: str | None) -> str:
    if not freeze:
        return ""
    row, col = _split(freeze)
    if row <= 1 and col <= 1:
        return ""
    split = (f' xSplit="{col - 1}"' if col > 1 else "") + (f' ySplit="{row - 1}"' if row > 1 else "")
    active = "bottomRight" if row > 1 and col > 1 else "bottomLeft" if row > 1 else "topRight"
    return (
        f'<pane{split} topLeftCell="{freeze}" activePane="{active}" state="frozen"/>'
        f'<selection pane="{active}" activeCell="{freeze}" sqref="{freeze}"/>'
    )


def _page_xml(page) -> str:
    """printOptions, pageMargins and pageSetup of a summary_sheet.PrintSpec (A4)."""
    if page is None:
        return '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>'
    fit = ' fitToWidth="1" fitToHeight="0"' if page.fit_width else ""
    orientation = "landscape" if page.landscape else "portrait"
    return (
        '<printOptions horizontalCentered="1"/>'
        '<pageMargins left="0.4" right="0.4" top="0.5" bottom="0.5" header="0.3" footer="0.3"/>'
        f'<pageSetup paperSize="9" orientation="{orientation}"{fit}/>' + _breaks_xml(page.breaks)
    )


def _breaks_xml(rows: list[int]) -> str:
    """Manual page breaks before the given rows (<rowBreaks>, after pageSetup and headerFooter)."""
    if not rows:
        return ""
    items = "".join(f'<brk id="{r - 1}" max="16383" man="1"/>' for r in sorted(set(rows)))
    return f'<rowBreaks count="{len(set(rows))}" manualBreakCount="{len(set(rows))}">{items}</rowBreaks>'


def sheet_xml(spec, xfs: dict[str, str], drawing_rid: str | None = None) -> bytes:
    """The worksheet part of a summary_sheet.SheetSpec (cell formats from ``xfs``)."""
    letters = _col_letters(max(spec.max_col, max(spec.widths, default=0), 1))
    rows, last = _sheet_data(spec, xfs, letters)
    page = getattr(spec, "page", None)
    head = [
        _XML_HEAD,
        f'<worksheet xmlns="{MAIN_NS}" xmlns:r="{REL_NS}">',
        '<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>' if page is not None and page.fit_width else "",
        f'<dimension ref="A1:{letters[max(spec.max_col, 1)]}{max(last, 1)}"/>',
        f'<sheetViews><sheetView workbookViewId="0">{_pane(spec.freeze)}</sheetView></sheetViews>',
        '<sheetFormatPr defaultRowHeight="15"/>',
    ]
    if spec.widths:
        head.append(
            "<cols>"
            + "".join(
                f'<col min="{c}" max="{c}" width="{w:g}" customWidth="1"/>' for c, w in sorted(spec.widths.items())
            )
            + "</cols>"
        )
    tail = ["</sheetData>"]
    if spec.autofilter:
        tail.append(f'<autoFilter ref="{spec.autofilter}"/>')
    merges = getattr(spec, "merges", [])
    if merges:
        tail.append(f'<mergeCells count="{len(merges)}">' + "".join(f'<mergeCell ref="{m}"/>' for m in merges))
        tail.append("</mergeCells>")
    if spec.links:
        tail.append(
            "<hyperlinks>"
            + "".join(f'<hyperlink ref="{ref}" location="{_xml_attr(loc)}"/>' for ref, loc in spec.links)
            + "</hyperlinks>"
        )
    tail.append(_page_xml(page))
    if drawing_rid:
        tail.append(f'<drawing r:id="{drawing_rid}"/>')
    tail.append("</worksheet>")
    return ("".join(head) + "<sheetData>" + "".join(rows) + "".join(tail)).encode("utf-8")


def _rich(text: str, size: int = 1200) -> str:
    return (
        f'<c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="{size}" b="1"/></a:pPr><a:r>'
        f'<a:rPr lang="en-US" sz="{size}" b="1"/><a:t>{xml_text(text)}'
        f'</a:t></a:r></a:p></c:rich></c:tx><c:overlay val="0"/>'
    )


def _text_props(size: int) -> str:
    return (
        f'<c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="{size}"/></a:pPr>'
        '<a:endParaRPr lang="en-US"/></a:p></c:txPr>'
    )


def _range(q: str, box: tuple[int, int, int, int]) -> str:
    from openpyxl.utils.cell import get_column_letter

    c1, r1, c2, r2 = box
    return f"{q}!${get_column_letter(c1)}${r1}:${get_column_letter(c2)}${r2}"


def chart_ranges(sheet: str, chart) -> tuple[str, str]:
    """(categories, values) formulas of a summary_sheet.ChartSpec on a sheet."""
    q = "'" + sheet.replace("'", "''") + "'"
    return _range(q, chart.cats), _range(q, chart.vals)


def chart_xml(sheet: str, chart) -> bytes:
    """A column, bar or line chart of one series (summary_sheet.ChartSpec): point colours, value labels."""
    cats, vals = chart_ranges(sheet, chart)
    line = chart.kind == "line"
    points = "".join(
        f'<c:dPt><c:idx val="{i}"/><c:invertIfNegative val="0"/><c:bubble3D val="0"/><c:spPr><a:solidFill>'
        f'<a:srgbClr val="{rgb}"/></a:solidFill></c:spPr></c:dPt>'
        for i, rgb in enumerate(chart.colors)
        if rgb and not line
    )
    labels = ""
    if chart.labels:
        labels = (
            f'<c:dLbls><c:numFmt formatCode="{_xml_attr(chart.num_format)}" sourceLinked="0"/>'
            f"<c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr>{_text_props(800)}"
            '<c:showLegendKey val="0"/><c:showVal val="1"/><c:showCatName val="0"/><c:showSerName val="0"/>'
            '<c:showPercent val="0"/><c:showBubbleSize val="0"/></c:dLbls>'
        )
    name = f"<c:tx><c:v>{xml_text(chart.name)}</c:v></c:tx>" if chart.name else ""
    series = (
        f'<c:ser><c:idx val="0"/><c:order val="0"/>{name}'
        + ("" if line else '<c:invertIfNegative val="0"/>')
        + points
        + labels
        + f"<c:cat><c:strRef><c:f>{xml_text(cats)}</c:f></c:strRef></c:cat>"
        + f"<c:val><c:numRef><c:f>{xml_text(vals)}</c:f></c:numRef></c:val>"
        + ('<c:smooth val="0"/>' if line else "")
        + "</c:ser>"
    )
    if line:
        plot = f'<c:lineChart><c:grouping val="standard"/><c:varyColors val="0"/>{series}<c:marker val="1"/>'
        plot += '<c:axId val="10"/><c:axId val="100"/></c:lineChart>'
    else:
        bar_dir = "bar" if chart.kind == "bar" else "col"
        plot = f'<c:barChart><c:barDir val="{bar_dir}"/><c:grouping val="clustered"/><c:varyColors val="0"/>'
        plot += f'{series}<c:gapWidth val="60"/><c:axId val="10"/><c:axId val="100"/></c:barChart>'
    cat_pos, val_pos = ("l", "b") if chart.kind == "bar" else ("b", "l")
    scaling = '<c:orientation val="minMax"/>'
    if chart.y_max is not None:
        scaling += f'<c:max val="{chart.y_max:g}"/>'
    if chart.y_min is not None:
        scaling += f'<c:min val="{chart.y_min:g}"/>'
    return (
        _XML_HEAD + '<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" '
        'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
        f'xmlns:r="{REL_NS}"><c:roundedCorners val="0"/><c:chart>'
        f'<c:title>{_rich(chart.title)}</c:title><c:autoTitleDeleted val="0"/><c:plotArea><c:layout/>'
        f"{plot}"
        '<c:catAx><c:axId val="10"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/>'
        f'<c:axPos val="{cat_pos}"/><c:numFmt formatCode="General" sourceLinked="1"/><c:majorTickMark val="out"/>'
        f'<c:minorTickMark val="none"/><c:tickLblPos val="low"/>{_text_props(800)}<c:crossAx val="100"/>'
        '<c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/>'
        '<c:noMultiLvlLbl val="0"/></c:catAx>'
        f'<c:valAx><c:axId val="100"/><c:scaling>{scaling}</c:scaling><c:delete val="0"/>'
        f'<c:axPos val="{val_pos}"/><c:majorGridlines/><c:title>{_rich(chart.y_title, 900)}</c:title>'
        f'<c:numFmt formatCode="General" sourceLinked="0"/><c:majorTickMark val="out"/>'
        f'<c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>{_text_props(800)}<c:crossAx val="10"/>'
        '<c:crosses val="autoZero"/><c:crossBetween val="between"/></c:valAx></c:plotArea>'
        '<c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart></c:chartSpace>'
    ).encode("utf-8")


def drawing_xml(charts: list[tuple[object, str]]) -> bytes:
    """A drawing holding the charts (ChartSpec, relationship id), each at its anchor cell."""
    anchors = []
    for n, (chart, chart_rid) in enumerate(charts, 1):
        cx, cy = (round(v * EMU_PER_CM) for v in chart.size_cm)
        col, row = chart.anchor
        anchors.append(
            f"<xdr:oneCellAnchor><xdr:from><xdr:col>{col - 1}</xdr:col><xdr:colOff>0</xdr:colOff>"
            f"<xdr:row>{row - 1}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from>"
            f'<xdr:ext cx="{cx}" cy="{cy}"/><xdr:graphicFrame macro=""><xdr:nvGraphicFramePr>'
            f'<xdr:cNvPr id="{n + 1}" name="Chart {n}"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr>'
            '<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm><a:graphic>'
            '<a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart">'
            '<c:chart xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" '
            f'xmlns:r="{REL_NS}" r:id="{chart_rid}"/></a:graphicData></a:graphic></xdr:graphicFrame>'
            "<xdr:clientData/></xdr:oneCellAnchor>"
        )
    return (
        _XML_HEAD + '<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" '
        'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">' + "".join(anchors) + "</xdr:wsDr>"
    ).encode("utf-8")


def print_titles_xml(sheet_name: str, index: int, rows: tuple[int, int]) -> str:
    """The ``_xlnm.Print_Titles`` defined name repeating rows on every printed page of one sheet."""
    ref = own_sheets.quote_sheet(sheet_name) + f"!${rows[0]}:${rows[1]}"
    return f'<definedName name="_xlnm.Print_Titles" localSheetId="{index}">{xml_text(ref)}</definedName>'


def _add_summary_sheets(pkg: _Package, wb_part: str, styles: _Styles, result, lang: str, kind: str = "checked") -> None:
    """Write our sheets (annotate.own_sheet_specs of ``kind``, with their charts) into the package as new sheets."""
    from kinerja_xl.writers.annotate import own_sheet_specs

    role_specs = own_sheet_specs(result, lang, kind=kind)
    existing = [name for name, _, _ in _sheets(pkg, wb_part)]
    # 'Ringkasan (kinerja-xl)' when the input has its own Ringkasan
    planned = own_sheets.name_specs(existing, role_specs)
    specs = [spec for _, spec in role_specs]
    xfs = _summary_xfs(styles, {key for spec in specs for key in spec.style_keys()})
    text = pkg.read(wb_part)
    sheet_ids = [int(x) for x in re.findall(r'<sheet\b[^>]*\ssheetId="(\d+)"', text)]
    next_sheet_id = max(sheet_ids + [0]) + 1
    rel_prefix = "r"
    m = re.search(r'xmlns:(\w+)="' + re.escape(REL_NS) + '"', text)
    if m:
        rel_prefix = m.group(1)
    else:
        root = re.search(r"<workbook\b[^>]*>", text)
        text = text[: root.end() - 1] + f' xmlns:r="{REL_NS}"' + text[root.end() - 1 :]
    if text.find("</sheets>") < 0:
        raise UnsupportedPackage("workbook without sheets")
    new_sheets = []
    names = [own_sheets.defined_name_xml(sheet) for sheet in planned]
    for index, spec in enumerate(specs, len(existing)):
        part = _free_name(pkg, "xl/worksheets/sheet%d.xml")
        pkg.add(part, b"")  # reserve the name before the drawing and chart take theirs
        drawing_rid = None
        if spec.charts:
            drawing = _free_name(pkg, "xl/drawings/drawing%d.xml")
            pkg.add(drawing, b"")
            placed = []
            for c in spec.charts:
                chart = _free_name(pkg, "xl/charts/chart%d.xml")
                pkg.add(chart, chart_xml(spec.name, c))
                _content_type(pkg, chart, CT_CHART)
                placed.append((c, _add_rel(pkg, drawing, RT_CHART, chart)))
            pkg.add(drawing, drawing_xml(placed))
            _content_type(pkg, drawing, CT_DRAWING)
            drawing_rid = _add_rel(pkg, part, RT_DRAWING, drawing)
        pkg.add(part, sheet_xml(spec, xfs, drawing_rid))
        _content_type(pkg, part, CT_WORKSHEET)
        rid = _add_rel(pkg, wb_part, RT_WORKSHEET, part)
        new_sheets.append(f'<sheet name="{_xml_attr(spec.name)}" sheetId="{next_sheet_id}" {rel_prefix}:id="{rid}"/>')
        next_sheet_id += 1
        if spec.page.title_rows:
            names.append(print_titles_xml(spec.name, index, spec.page.title_rows))
    idx = text.find("</sheets>")
    text = text[:idx] + "".join(new_sheets) + text[idx:]
    pkg.write(wb_part, _add_defined_names(text, names))


# CT_Workbook children that may stand between </sheets> and <definedNames>.
_BEFORE_DEFINED_NAMES = ("</sheets>", "</functionGroups>", "<functionGroups/>", "</externalReferences>")


def _defined_names(wb_xml: str) -> list[tuple[str, str]]:
    """(name, formula) of the workbook's defined names."""
    return [
        (_unescape(_attr(m.group(1), "name") or ""), _unescape(m.group(2)))
        for m in re.finditer(r"(<definedName\b[^>]*>)(.*?)</definedName>", wb_xml, re.S)
    ]


def _add_defined_names(wb_xml: str, elements: list[str]) -> str:
    """workbook.xml with defined names appended (a <definedNames> block created where the schema wants it)."""
    if not elements:
        return wb_xml
    block = re.search(r"<definedNames\s*/>", wb_xml)
    if block:
        return (
            wb_xml[: block.start()] + "<definedNames>" + "".join(elements) + "</definedNames>" + wb_xml[block.end() :]
        )
    end = wb_xml.find("</definedNames>")
    if end >= 0:
        return wb_xml[:end] + "".join(elements) + wb_xml[end:]
    pos = max(wb_xml.find(tag) + len(tag) if wb_xml.find(tag) >= 0 else -1 for tag in _BEFORE_DEFINED_NAMES)
    if pos < 0:
        raise UnsupportedPackage("workbook without sheets")
    return wb_xml[:pos] + "<definedNames>" + "".join(elements) + "</definedNames>" + wb_xml[pos:]


def _remove_own_sheets(pkg: _Package, wb_part: str) -> None:
    """Drop the sheets an earlier run added (found by their marker, see own_sheets.py) and the markers."""
    text = pkg.read(wb_part)
    marked = own_sheets.marked_sheets(_defined_names(text))
    prefix = re.escape(own_sheets.MARKER_PREFIX)
    text = re.sub(
        r'<definedName\b[^>]*\sname="' + prefix + r'[^"]*"[^>]*>.*?</definedName>', "", text, flags=re.S | re.I
    )
    text = re.sub(r"<definedNames>\s*</definedNames>", "", text)
    pkg.write(wb_part, text)
    _remove_sheets(pkg, wb_part, set(marked))


# --- entry point ---------------------------------------------------------------------------


def annotate_package(result, lang: str = "id") -> bytes:
    """The annotated package as bytes: the input's zip with only the annotated parts rewritten."""
    from kinerja_xl.writers.annotate import COMMENT_AUTHOR, cell_notes, comment_text

    src = Path(result.path)
    try:
        with zipfile.ZipFile(src) as z:
            infos = z.infolist()
            data = {i.filename: z.read(i.filename) for i in infos}
    except (zipfile.BadZipFile, OSError) as exc:
        raise UnsupportedPackage(str(exc)) from exc
    pkg = _Package(data, infos)
    try:
        return _annotate(pkg, result, lang, cell_notes, comment_text, COMMENT_AUTHOR)
    except UnsupportedPackage:
        raise
    except (KeyError, ValueError, AttributeError, IndexError, TypeError) as exc:
        # An unexpected package shape: let the caller take the openpyxl path instead of failing.
        raise UnsupportedPackage(f"{type(exc).__name__}: {exc}") from exc


def _annotate(pkg: _Package, result, lang, cell_notes, comment_text, author) -> bytes:
    wb_part = _workbook_part(pkg)
    if re.search(r"<\w+:workbook\b", pkg.read(wb_part)[:2000]):
        raise UnsupportedPackage("prefixed workbook.xml")
    _remove_own_sheets(pkg, wb_part)
    styles_part = next((r["Target"] for r in _rels(pkg, wb_part) if r["Type"].endswith("/styles")), None)
    if styles_part is None or not pkg.exists(styles_part):
        styles_part = _add_default_styles(pkg, wb_part, styles_part)
    styles = _Styles(pkg, styles_part)
    sheets = {name: part for name, _, part in _sheets(pkg, wb_part)}
    notes = cell_notes(result.findings, sheets, lang)
    per_sheet: dict[str, dict] = defaultdict(dict)
    for (sheet, coord), note in notes.items():
        per_sheet[sheet][coord] = note
    idmap_used = set()
    for name in pkg.names():
        if name.endswith(".vml"):
            idmap_used.update(int(x) for x in re.findall(r'<\w+:idmap\b[^>]*data="(\d+)', pkg.read(name)))
    for sheet, cells in per_sheet.items():
        part = sheets[sheet]
        if not part or not pkg.exists(part):
            continue
        xml = pkg.read(part)
        if "<worksheet" not in xml[:3000]:
            continue  # a chartsheet or dialog sheet: no cells to mark
        xml = _style_cells(xml, {c: n.severity for c, n in cells.items()}, styles)
        texts = {c: comment_text(n) for c, n in cells.items() if n.lines}
        if texts:
            xml = _add_comments(pkg, part, xml, texts, author, idmap_used)
        pkg.write(part, xml)
    _add_summary_sheets(pkg, wb_part, styles, result, lang)
    styles.save()
    _mark(pkg)
    return pkg.to_bytes()


def _add_default_styles(pkg: _Package, wb_part: str, target: str | None) -> str:
    """Give a package without a styles part (valid: Excel opens it) one with plain cell formats for
    every style index its sheets use, so cells can be coloured and still look as before."""
    sheets = [pkg.read(part).encode() for _, _, part in _sheets(pkg, wb_part) if part and pkg.exists(part)]
    part = target or ooxml.STYLES_PART
    pkg.add(part, ooxml.default_styles_xml(ooxml.max_style_index(sheets) + 1))
    _content_type(pkg, part, ooxml.CT_STYLES)
    if target is None:
        _add_rel(pkg, wb_part, ooxml.RT_STYLES, part)
    return part


def _mark(pkg: _Package, kind: str = "checked") -> None:
    """Set our custom document property (the marker of outputs.py), adding docProps/custom.xml if needed."""
    from kinerja_xl import outputs

    part = next((r["Target"] for r in _rels(pkg, "") if r["Type"] == outputs.CUSTOM_PROPS_REL), None)
    if part is None or not pkg.exists(part):
        if part is None:
            part = outputs.CUSTOM_PROPS_PART
            if pkg.exists(part):  # a stray part of that name that nothing points at
                part = _free_name(pkg, "docProps/custom%d.xml")
            _add_rel(pkg, "", outputs.CUSTOM_PROPS_REL, part)
        pkg.write(part, outputs.with_marker(None, kind))
        _content_type(pkg, part, outputs.CUSTOM_PROPS_CT)
        return
    pkg.write(part, outputs.with_marker(pkg.read(part), kind))


# --- the fixed copy (`kinerja-xl fix`) -----------------------------------------------------
#
# The same surgery as the annotation: a fixed cell's element is rewritten in place (its r, s and
# other attributes kept, the fix fill added to a clone of its format, the value or formula with
# its cached result replaced); formulas that refer to a fixed cell lose their cached value and
# the workbook is recalculated on open (calcPr fullCalcOnLoad). Nothing else changes.

_CELL_ELEMENT = re.compile(r'<c\s[^>]*?\br="([A-Za-z]{1,3}[0-9]+)"[^>]*?(?:/>|(?<!/)>(.*?)</c>)', re.S)
_FORMULA = re.compile(r"<f\b([^>]*?)(?:/>|(?<!/)>(.*?)</f>)", re.S)


def fix_package(result, lang: str = "id") -> bytes:
    """The fixed package as bytes: the input's zip with the fixed cells (result.fix_plan) rewritten."""
    src = Path(result.path)
    try:
        with zipfile.ZipFile(src) as z:
            infos = z.infolist()
            data = {i.filename: z.read(i.filename) for i in infos}
    except (zipfile.BadZipFile, OSError) as exc:
        raise UnsupportedPackage(str(exc)) from exc
    pkg = _Package(data, infos)
    try:
        return _fix(pkg, result, lang)
    except UnsupportedPackage:
        raise
    except (KeyError, ValueError, AttributeError, IndexError, TypeError) as exc:
        raise UnsupportedPackage(f"{type(exc).__name__}: {exc}") from exc


def _fix(pkg: _Package, result, lang: str) -> bytes:
    from kinerja_xl.writers.fixed import COMMENT_AUTHOR, comment_text

    wb_part = _workbook_part(pkg)
    if re.search(r"<\w+:workbook\b", pkg.read(wb_part)[:2000]):
        raise UnsupportedPackage("prefixed workbook.xml")
    _remove_own_sheets(pkg, wb_part)
    styles_part = next((r["Target"] for r in _rels(pkg, wb_part) if r["Type"].endswith("/styles")), None)
    if styles_part is None or not pkg.exists(styles_part):
        raise UnsupportedPackage("no styles part")
    styles = _Styles(pkg, styles_part)
    sheets = {name: part for name, _, part in _sheets(pkg, wb_part)}
    per_sheet: dict[str, dict] = defaultdict(dict)
    for fx in result.fix_plan.fixes:
        per_sheet[fx.cell.sheet][fx.cell.coord] = fx
    idmap_used: set[int] = set()
    for name in pkg.names():
        if name.endswith(".vml"):
            idmap_used.update(int(x) for x in re.findall(r'<\w+:idmap\b[^>]*data="(\d+)', pkg.read(name)))
    for sheet, fixes in per_sheet.items():
        part = sheets.get(sheet)
        if not part or not pkg.exists(part):
            raise UnsupportedPackage(f"sheet {sheet!r} not found")
        xml = pkg.read(part)
        if re.search(r"<\w+:worksheet\b", xml[:2000]) or "<worksheet" not in xml[:3000]:
            raise UnsupportedPackage(f"sheet {sheet!r} is not a plain worksheet")
        xml = _write_cells(xml, fixes, styles)
        texts = {coord: comment_text(fx, lang) for coord, fx in fixes.items()}
        xml = _add_comments(pkg, part, xml, texts, COMMENT_AUTHOR, idmap_used)
        pkg.write(part, xml)
    changed = {(fx.cell.sheet, fx.cell.coord) for fx in result.fix_plan.fixes}
    # Any formula may read a fixed cell in a way not traced here (a defined name, INDIRECT): a
    # workbook with formulas is recalculated on open once something changed.
    recalc = _drop_dependents(pkg, sheets, changed) or any(
        "<f" in pkg.read(part) for part in sheets.values() if part and pkg.exists(part)
    )
    _add_summary_sheets(pkg, wb_part, styles, result, lang, kind="fixed")
    if recalc:
        pkg.write(wb_part, _full_calc_on_load(pkg.read(wb_part)))
    styles.save()
    _mark(pkg, "fixed")
    return pkg.to_bytes()


def _cell_body(fx) -> tuple[str | None, str]:
    """(t attribute or None, element body) of a fixed cell's new content."""
    if fx.formula:
        return None, f"<f>{xml_text(fx.formula.lstrip('='))}</f><v>{float(fx.raw)!r}</v>"
    if isinstance(fx.raw, str):
        return "inlineStr", _inline_string(fx.raw)
    return None, f"<v>{float(fx.raw)!r}</v>"


def _write_cells(xml: str, fixes: dict, styles: _Styles) -> str:
    """Rewrite each fixed cell (coord -> fixes.Fix): new value or formula, the fix fill, other attributes kept."""
    found: set[str] = set()
    shared: set[str] = set()  # shared-formula groups whose master cell is rewritten

    def rewrite(m: re.Match) -> str:
        coord = m.group(1)
        fx = fixes.get(coord)
        if fx is None:
            return m.group(0)
        found.add(coord)
        start = _start_tag(m.group(0))
        body = m.group(2) or ""
        f = _FORMULA.search(body)
        if f is not None and _attr(f.group(0), "t") == "shared" and _attr(f.group(0), "ref"):
            shared.add(_attr(f.group(0), "si") or "")
        old_style = int(_attr(start, "s") or 0)
        start = _set_attr(start, "s", str(styles.filled_xf(old_style, "fixed")))
        kind, new_body = _cell_body(fx)
        start = _del_attr(start, "t")
        if kind:
            start = _set_attr(start, "t", kind)
        return f"{start}>{new_body}</c>"

    text = _CELL_ELEMENT.sub(rewrite, xml)
    missing = set(fixes) - found
    if missing:
        raise UnsupportedPackage(f"cells not in the sheet: {', '.join(sorted(missing))}")
    for si in shared:
        text = _unshare(xml, text, si, set(fixes))
    return text


def _unshare(before: str, xml: str, si: str, rewritten: set[str]) -> str:
    """Give every cell of a shared-formula group whose master was rewritten its own formula."""
    from openpyxl.formula.translate import Translator  # type: ignore[import-untyped]

    master = None
    for m in _CELL_ELEMENT.finditer(before):
        f = _FORMULA.search(m.group(2) or "")
        if f is not None and _attr(f.group(0), "si") == si and _attr(f.group(0), "ref") and f.group(2):
            master = (m.group(1), _unescape(f.group(2)))
            break
    if master is None:
        raise UnsupportedPackage("shared formula without its master")
    origin, formula = master

    def own(m: re.Match) -> str:
        coord, body = m.group(1), m.group(2) or ""
        if coord in rewritten:
            return m.group(0)
        f = _FORMULA.search(body)
        if f is None or _attr(f.group(0), "t") != "shared" or _attr(f.group(0), "si") != si:
            return m.group(0)
        translated = Translator("=" + formula, origin=origin).translate_formula(coord).lstrip("=")
        new_body = body[: f.start()] + f"<f>{xml_text(translated)}</f>" + body[f.end() :]
        return m.group(0)[: len(m.group(0)) - len(body) - len("</c>")] + new_body + "</c>"

    return _CELL_ELEMENT.sub(own, xml)


def _sheet_formulas(xml: str) -> dict[str, str]:
    """coord -> formula text (shared formulas translated to their cell) of a worksheet."""
    from openpyxl.formula.translate import Translator  # type: ignore[import-untyped]

    masters: dict[str, tuple[str, str]] = {}
    cells: list[tuple[str, str, str | None]] = []  # coord, formula or '', si of a shared dependent
    for m in _CELL_ELEMENT.finditer(xml):
        body = m.group(2)
        if not body or "<f" not in body:
            continue
        f = _FORMULA.search(body)
        if f is None:
            continue
        text = _unescape(f.group(2) or "")
        si = _attr(f.group(0), "si")
        if _attr(f.group(0), "t") == "shared" and si is not None:
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
            try:
                text = Translator("=" + base, origin=origin).translate_formula(coord).lstrip("=")
            except Exception:  # a formula openpyxl cannot translate: read as its master's
                text = base
        out[coord] = text
    return out


def _drop_dependents(pkg: _Package, sheets: dict[str, str], changed: set[tuple[str, str]]) -> bool:
    """Drop the cached value of every formula that refers (through other formulas) to a changed cell.

    Excel recalculates them on open; kinerja-xl's reader evaluates a formula without a cached
    value itself. Returns whether any was dropped.
    """
    from kinerja_xl.fixes import references

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
    refs = {key: {(r.sheet, r.coord) for r in references(text, key[0])} for key, text in formulas.items()}
    drop = _dependents_of(refs, changed)
    by_sheet: dict[str, set[str]] = defaultdict(set)
    for sheet, coord in drop:
        by_sheet[sheet].add(coord)
    for sheet, coords in by_sheet.items():
        pkg.write(sheets[sheet], _uncache(xmls[sheet], coords))
    return bool(drop)


def _dependents_of(refs: dict[tuple[str, str], set[tuple[str, str]]], changed: set[tuple[str, str]]) -> set:
    """The formula cells (sheet, coord) that refer to a changed cell, directly or through each other."""
    dirty = set(changed)
    drop: set[tuple[str, str]] = set()
    grew = True
    while grew:
        grew = False
        for key, targets in refs.items():
            if key in drop or key in changed or not (targets & dirty):
                continue
            drop.add(key)
            dirty.add(key)
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

    def uncache(m: re.Match) -> str:
        if m.group(1) not in coords or not m.group(2):
            return m.group(0)
        body = re.sub(r"<v\b[^>]*?(?:/>|>.*?</v>)", "", m.group(2), flags=re.S)
        return f"{_del_attr(_start_tag(m.group(0)), 't')}>{body}</c>"

    return _CELL_ELEMENT.sub(uncache, xml)


def _full_calc_on_load(wb_xml: str) -> str:
    """workbook.xml asking Excel and LibreOffice to recalculate every formula on open."""
    m = re.search(r"<calcPr\b[^>]*?/?>", wb_xml)
    if m:
        return wb_xml[: m.start()] + _set_attr(m.group(0), "fullCalcOnLoad", "1") + wb_xml[m.end() :]
    for tag in ("</definedNames>", "</externalReferences>", "</functionGroups>", "</sheets>"):
        pos = wb_xml.find(tag)
        if pos >= 0:
            pos += len(tag)
            return wb_xml[:pos] + '<calcPr fullCalcOnLoad="1"/>' + wb_xml[pos:]
    raise UnsupportedPackage("workbook without sheets")
