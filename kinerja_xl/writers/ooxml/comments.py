"""Cell comments: comments parts and their VML drawings, ours appended after an office's own."""

from __future__ import annotations

import re
from html import escape

from kinerja_xl.outputs import EXCEL_CELL_CHARS, excel_text
from kinerja_xl.writers.ooxml.parts import (
    AFTER_LEGACY,
    CT_COMMENTS,
    CT_VML,
    REL_NS,
    RT_COMMENTS,
    RT_VML,
    Package,
    UnsupportedPackage,
    add_rel,
    free_part_name,
    must,
    part_rels,
    set_content_type,
    set_default_type,
    xml_unescape,
)
from kinerja_xl.writers.ooxml.styles import split_coord

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


def _anchor(row: int, col: int, extent: tuple[int, int]) -> str:
    """The note box's anchor (0-based columns and rows with offsets): about 4 columns x 9 rows to the
    right of and below the cell, kept inside the sheet's used range where it fits, so a hidden box
    never widens what a spreadsheet prints (LibreOffice prints up to the last drawing object)."""
    last_row, last_col = extent[0] - 1, extent[1] - 1  # 0-based
    right = min(col + 4, max(last_col, 1))
    left = max(0, right - 4)
    bottom = min(row + 7, max(last_row, 1))
    top = max(0, bottom - 9)
    return f"{left}, 15, {top}, 10, {right}, 15, {bottom}, 4"


def _used_extent(sheet_xml: str) -> tuple[int, int]:
    """(last row, last column), 1-based, of the sheet's cells: its <dimension>, else its cell references."""
    dim = re.search(r'<dimension\b[^>]*\bref="(?:[A-Z]+\d+:)?([A-Z]+)(\d+)"', sheet_xml)
    if dim:
        row, col = split_coord(dim.group(1) + dim.group(2))
        if row > 1 or col > 1:
            return row, col
    rows = cols = 1
    for ref in re.findall(r'<c\b[^>]*\br="([A-Z]+\d+)"', sheet_xml):
        row, col = split_coord(ref)
        rows, cols = max(rows, row), max(cols, col)
    return rows, cols


def _vml_shape(
    shape_id: int,
    row: int,
    col: int,
    v: str = "v",
    o: str = "o",
    x: str = "x",
    extent: tuple[int, int] = (1_048_576, 16_384),
) -> str:
    """A hidden note box for the cell at (row, col), 1-based, about 4 columns x 8 rows."""
    return (
        f'<{v}:shape id="_x0000_s{shape_id}" type="#_x0000_t202" style="position:absolute;'
        f"margin-left:80pt;margin-top:2pt;width:260pt;height:130pt;z-index:{shape_id % 1024};"
        f'visibility:hidden" fillcolor="#ffffe1" {o}:insetmode="auto"><{v}:fill color2="#ffffe1"/>'
        f'<{v}:shadow on="t" color="black" obscured="t"/><{v}:path {o}:connecttype="none"/>'
        f'<{v}:textbox style="mso-direction-alt:auto"><div style="text-align:left"></div></{v}:textbox>'
        f'<{x}:ClientData ObjectType="Note"><{x}:MoveWithCells/><{x}:SizeWithCells/>'
        f"<{x}:Anchor>{_anchor(row, col, extent)}</{x}:Anchor>"
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
            root = must(root, "<xml> root in the VML drawing")
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


def add_comments(
    pkg: Package, sheet_part: str, sheet_xml: str, notes: dict[str, str], author: str, idmap_used: set[int]
) -> str:
    """Merge our comments (coord -> text) into the sheet's comments part and VML; returns sheet XML."""
    rels = part_rels(pkg, sheet_part)
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
        comments_part = free_part_name(pkg, "xl/comments%d.xml")
        ctext = (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<comments xmlns='
            '"http://schemas.openxmlformats.org/spreadsheetml/2006/main"><authors></authors>'
            "<commentList></commentList></comments>"
        )
        add_rel(pkg, sheet_part, RT_COMMENTS, comments_part)
        set_content_type(pkg, comments_part, CT_COMMENTS)
    ctext = re.sub(r"<authors\s*/>", "<authors></authors>", ctext)
    ctext = re.sub(r"<commentList\s*/>", "<commentList></commentList>", ctext)
    authors = [xml_unescape(a) for a in re.findall(r"<author>(.*?)</author>", ctext, re.S)]
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
        idmap = re.search(r'<\w+:idmap\b[^>]*data="(\d+)', vml)
        next_id = max([*ids, (int(idmap.group(1)) if idmap else 1) * 1024]) + 1
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
        vml_part = free_part_name(pkg, "xl/drawings/vmlDrawing%d.vml")
        set_default_type(pkg, "vml", CT_VML)
        rid = add_rel(pkg, sheet_part, RT_VML, vml_part)
        if legacy:  # a legacyDrawing whose part is missing: point it at ours
            sheet_xml = sheet_xml.replace(legacy.group(0), f'<legacyDrawing r:id="{rid}"/>', 1)
        else:
            sheet_xml = _insert_legacy_drawing(sheet_xml, rid)
    shapes = []
    extent = _used_extent(sheet_xml)
    for coord in new_boxes:
        row, col = split_coord(coord)
        shapes.append(_vml_shape(next_id, row, col, pfx["v"], pfx["o"], pfx["x"], extent))
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
        room = EXCEL_CELL_CHARS - len(xml_unescape(re.sub(r"<[^>]*>", "", body[:cut]))) - 2
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
    root = must(re.search(r"<worksheet\b[^>]*>", xml), "<worksheet> root")
    prefix = "r"
    if REL_NS not in root.group(0):
        xml = xml[: root.end() - 1] + f' xmlns:kxr="{REL_NS}"' + xml[root.end() - 1 :]
        prefix = "kxr"
    else:
        prefix = must(
            re.search(r'xmlns:(\w+)="' + re.escape(REL_NS) + '"', root.group(0)), "relationships prefix"
        ).group(1)
    sd_end = xml.find("</sheetData>")
    sd_end = sd_end + len("</sheetData>") if sd_end >= 0 else xml.find("<sheetData")
    positions = [p for p in (xml.find(tag, sd_end) for tag in AFTER_LEGACY) if p >= 0]
    pos = min(positions) if positions else xml.rfind("</worksheet>")
    return xml[:pos] + f'<legacyDrawing {prefix}:id="{rid}"/>' + xml[pos:]
