"""The xlsx package as parts: the zip in memory, XML attribute edits, relationships, content types,
the workbook's sheets and defined names. Untouched parts are copied byte for byte."""

from __future__ import annotations

import posixpath
import re
import time
import zipfile
from functools import lru_cache
from html import unescape

from kinerja_xl.writers.ooxml import markers as own_sheets
from kinerja_xl.writers.ooxml import zipcopy

REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
# Characters XML 1.0 cannot carry (control characters, lone surrogates, U+FFFE/U+FFFF)
ILLEGAL_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


RT_WORKSHEET = REL_NS + "/worksheet"


RT_COMMENTS = REL_NS + "/comments"


RT_VML = REL_NS + "/vmlDrawing"


CT_COMMENTS = "application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml"


CT_VML = "application/vnd.openxmlformats-officedocument.vmlDrawing"


# Elements that follow <legacyDrawing> in a worksheet (CT_Worksheet order).
AFTER_LEGACY = (
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


class UnsupportedPackage(Exception):
    """The package has a shape this writer does not handle; the caller falls back to openpyxl."""


def must(m: re.Match[str] | None, what: str) -> re.Match[str]:
    """A match the package's shape guarantees; UnsupportedPackage naming what was expected when absent."""
    if m is None:
        raise UnsupportedPackage(f"unexpected package shape: no {what}")
    return m


@lru_cache(maxsize=256)
def _attr_patterns(name: str) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """An attribute's patterns, compiled once (cells are restyled and rewritten by the thousand):
    its double-quoted value, its single-quoted value, name and value (set_attr), the whole (del_attr)."""
    n = re.escape(name)
    return (
        re.compile(r"\s" + n + r'\s*=\s*"([^"]*)"'),
        re.compile(r"\s" + n + r"\s*=\s*'([^']*)'"),
        re.compile(r"(\s" + n + r'\s*=\s*)("[^"]*"|\'[^\']*\')'),
        re.compile(r"\s" + n + r'\s*=\s*("[^"]*"|\'[^\']*\')'),
    )


def get_attr(tag: str, name: str) -> str | None:
    double, single, _, _ = _attr_patterns(name)
    m = double.search(tag)
    if m is None:
        m = single.search(tag)
    return m.group(1) if m else None


def set_attr(tag: str, name: str, value: str) -> str:
    """A start tag with one attribute set (replaced or added after the element name)."""
    pattern = _attr_patterns(name)[2]
    if pattern.search(tag):
        return pattern.sub(lambda m: f'{m.group(1)}"{value}"', tag, count=1)
    m = must(_ELEMENT_NAME.match(tag), "element name")
    return tag[: m.end()] + f' {name}="{value}"' + tag[m.end() :]


_ELEMENT_NAME = re.compile(r"<[\w:]+")


def del_attr(tag: str, name: str) -> str:
    return _attr_patterns(name)[3].sub("", tag, count=1)


def xml_unescape(text: str) -> str:
    return unescape(text)


class Package:
    """The zip members of the input, with the ones we change held as text."""

    def __init__(self, data: dict[str, bytes], infos: list[zipfile.ZipInfo], source: bytes | None = None):
        self.data = data
        self.infos = infos
        self.source = source  # the input zip's bytes: unchanged members are copied from it as they are
        self.text: dict[str, str] = {}
        self.new: dict[str, bytes] = {}
        self.removed: set[str] = set()

    def read(self, name: str) -> str:
        if name in self.text:
            return self.text[name]
        raw = self.new.get(name, self.data.get(name))
        if raw is None:  # a relationship or content type names a part the zip does not hold
            raise UnsupportedPackage(f"part {name} is missing")
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
        """The package as a zip: members in the input's order, then new ones by name; a member we
        did not change is copied still compressed (zipcopy), only changed ones are compressed."""
        members = []
        written = set()
        for info in self.infos:
            name = info.filename
            if name in self.removed or name in written:
                continue
            written.add(name)
            member = None
            if name not in self.text and name not in self.new and self.source is not None:
                member = zipcopy.raw(self.source, info)
            if member is None:
                payload = self.text[name].encode("utf-8") if name in self.text else self.new.get(name, self.data[name])
                member = zipcopy.compressed(name, payload, info.date_time, info.external_attr)
            members.append(member)
        stamp = time.localtime()[:6]
        for name in sorted({*self.new, *self.text} - written - self.removed):
            payload = self.text[name].encode("utf-8") if name in self.text else self.new[name]
            members.append(zipcopy.compressed(name, payload, stamp))
        return zipcopy.write(members)


def _rels_name(part: str) -> str:
    folder, base = posixpath.split(part)
    return posixpath.join(folder, "_rels", base + ".rels")


def _resolve(source_part: str, target: str) -> str:
    if target.startswith("/"):
        return target.lstrip("/")
    return posixpath.normpath(posixpath.join(posixpath.dirname(source_part), target))


def part_rels(pkg: Package, part: str) -> list[dict[str, str]]:
    """The relationships of a part: dicts with Id, Type, Target (resolved to a part name), Mode."""
    name = _rels_name(part)
    if not pkg.exists(name):
        return []
    out = []
    for tag in re.findall(r"<Relationship\b[^>]*>", pkg.read(name)):
        target = xml_unescape(get_attr(tag, "Target") or "")
        mode = get_attr(tag, "TargetMode") or ""
        out.append(
            {
                "Id": get_attr(tag, "Id") or "",
                "Type": get_attr(tag, "Type") or "",
                "Target": target if mode == "External" else _resolve(part, target),
                "Mode": mode,
            }
        )
    return out


def add_rel(pkg: Package, part: str, rel_type: str, target_part: str) -> str:
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


def _remove_rel(pkg: Package, part: str, rid: str) -> None:
    name = _rels_name(part)
    text = pkg.read(name)
    text = re.sub(r'<Relationship\b[^>]*\sId="' + re.escape(rid) + r'"[^>]*/>', "", text, count=1)
    pkg.write(name, text)


def set_content_type(pkg: Package, part: str, ctype: str) -> None:
    text = pkg.read("[Content_Types].xml")
    text = re.sub(r'<Override\b[^>]*PartName="/' + re.escape(part) + r'"[^>]*/>', "", text)
    text = text.replace("</Types>", f'<Override PartName="/{part}" ContentType="{ctype}"/></Types>', 1)
    pkg.write("[Content_Types].xml", text)


def set_default_type(pkg: Package, ext: str, ctype: str) -> None:
    text = pkg.read("[Content_Types].xml")
    if re.search(r'<Default\b[^>]*Extension="' + re.escape(ext) + '"', text, re.I):
        return
    m = must(re.search(r"<Types\b[^>]*>", text), "<Types> in [Content_Types].xml")
    text = text[: m.end()] + f'<Default Extension="{ext}" ContentType="{ctype}"/>' + text[m.end() :]
    pkg.write("[Content_Types].xml", text)


def free_part_name(pkg: Package, pattern: str) -> str:
    n = 1
    names = {x.lower() for x in pkg.names()}
    while (pattern % n).lower() in names:
        n += 1
    return pattern % n


def workbook_part(pkg: Package) -> str:
    for rel in part_rels(pkg, ""):
        if rel["Type"].endswith("/officeDocument"):
            if "purl.oclc.org" in rel["Type"]:
                raise UnsupportedPackage("Strict OOXML")
            return rel["Target"]
    raise UnsupportedPackage("no workbook part")


def sheet_parts(pkg: Package, wb_part: str) -> list[tuple[str, str, str]]:
    """(name, rId, part) of every sheet in tab order."""
    rels = {r["Id"]: r for r in part_rels(pkg, wb_part)}
    out = []
    for tag in re.findall(r"<sheet\b[^>]*>", pkg.read(wb_part)):
        rid = next((v for k, v in re.findall(r'\s([\w]+:id)="([^"]*)"', tag)), None)
        name = xml_unescape(get_attr(tag, "name") or "")
        rel = rels.get(rid or "")
        out.append((name, rid or "", rel["Target"] if rel else ""))
    return out


def _remove_sheets(pkg: Package, wb_part: str, names: set[str]) -> None:
    """Drop sheets (a previous run's Ringkasan/Temuan) with their parts; fix localSheetId, activeTab."""
    sheets = sheet_parts(pkg, wb_part)
    removed_idx = [i for i, s in enumerate(sheets) if s[0] in names]
    if not removed_idx:
        return
    text = pkg.read(wb_part)
    for i in removed_idx:
        _name, rid, part = sheets[i]
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
            v = get_attr(tag, attr)
            if v is not None and v.isdigit():
                n = new_index(int(v))
                tag = set_attr(tag, attr, str(0 if n is None else n))
        return tag

    text = re.sub(r"<workbookView\b[^>]*>", fix_view, text)
    pkg.write(wb_part, text)


def _drop_part_tree(pkg: Package, part: str) -> None:
    """Remove a part, its rels and the drawing/chart/comment parts only it uses."""
    if not part or not pkg.exists(part):
        return
    for rel in part_rels(pkg, part):
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


MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


RT_DRAWING = REL_NS + "/drawing"


RT_CHART = REL_NS + "/chart"


CT_WORKSHEET = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"


CT_DRAWING = "application/vnd.openxmlformats-officedocument.drawing+xml"


CT_CHART = "application/vnd.openxmlformats-officedocument.drawingml.chart+xml"


XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'


_NEEDS_ESCAPE = re.compile("[&<>\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_text(text: str) -> str:
    """Text for an XML element body: escaped, characters illegal in XML 1.0 removed."""
    if _NEEDS_ESCAPE.search(text) is None:
        return text
    text = ILLEGAL_XML.sub("", text)  # XML 1.0 cannot carry them
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def xml_attr(text: str) -> str:
    return xml_text(text).replace('"', "&quot;")


def inline_string(text: str) -> str:
    body = xml_text(text)
    if body[:1].isspace() or body[-1:].isspace():
        return f'<is><t xml:space="preserve">{body}</t></is>'
    return f"<is><t>{body}</t></is>"


# CT_Workbook children that may stand between </sheets> and <definedNames>.
_BEFORE_DEFINED_NAMES = ("</sheets>", "</functionGroups>", "<functionGroups/>", "</externalReferences>")


def _defined_names(wb_xml: str) -> list[tuple[str, str]]:
    """(name, formula) of the workbook's defined names."""
    return [
        (xml_unescape(get_attr(m.group(1), "name") or ""), xml_unescape(m.group(2)))
        for m in re.finditer(r"(<definedName\b[^>]*>)(.*?)</definedName>", wb_xml, re.S)
    ]


def add_defined_names(wb_xml: str, elements: list[str]) -> str:
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


def remove_own_sheets(pkg: Package, wb_part: str) -> None:
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
