"""A workbook's own parts read directly: sheet list, shared strings and the styles' number formats.

openpyxl's read-only open parses every part it knows (properties, theme, the whole stylesheet
as objects, each sheet's dimensions) and costs an import of ~0.1 s per process; the reader
needs four small facts. ``open_book`` reads them the way openpyxl does (the workbook part
from [Content_Types].xml, its relationships, sheets in workbook order, chartsheets named but
not read, shared strings as plain text without phonetic runs, cell styles' number formats)
and raises ``Unusual`` for anything it does not handle, so that files.load_grids falls back
to openpyxl for that file. Every part goes through the same expat parser that refuses any
DTD or entity (safety.inspect_file has refused those already; this is the second line).
"""

from __future__ import annotations

import datetime
import posixpath
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from kinerja_xl.reader import sheetxml

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PKG_RELS = "http://schemas.openxmlformats.org/package/2006/relationships}"
_CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types}"
# openpyxl's order of preference for the workbook part's content type
WORKBOOK_TYPES = (
    "application/vnd.ms-excel.template.macroEnabled.main+xml",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.template.main+xml",
    "application/vnd.ms-excel.sheet.macroEnabled.main+xml",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
)
SHARED_STRINGS = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
WINDOWS_EPOCH = datetime.datetime(1899, 12, 30)
MAC_EPOCH = datetime.datetime(1904, 1, 1)

# Built-in number formats (ECMA-376 18.8.30) that are dates, durations, percentages: what
# openpyxl's is_date_format / is_timedelta_format say of its BUILTIN_FORMATS (a test compares).
BUILTIN_DATES = frozenset((14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 46, 47))
BUILTIN_TIMEDELTAS = frozenset((46,))
BUILTIN_PERCENTS = frozenset((9, 10))
BUILTIN_IDS = frozenset((*range(23), *range(37, 50)))
# openpyxl.styles.numbers.is_date_format / is_timedelta_format, for custom format codes
_STRIP = re.compile(r'".*?"|\[(?!hh?\]|mm?\]|ss?\])[^\]]*\]')
_DATE_CHAR = re.compile(r"(?<![_\\])[dmhysDMHYS]")
_TIMEDELTA = re.compile(r"\[hh?\](:mm(:ss(\.0*)?)?)?|\[mm?\](:ss(\.0*)?)?|\[ss?\](\.0*)?", re.I)


class Unusual(Exception):
    """A package shape this reader leaves to openpyxl."""


@dataclass
class Book:
    """What the sheet parser needs of a workbook."""

    sheetnames: list[str] = field(default_factory=list)
    worksheets: list[tuple[str, str]] = field(default_factory=list)  # (title, part name) in order
    shared: list[str] = field(default_factory=list)
    date_styles: set[int] = field(default_factory=set)
    timedelta_styles: set[int] = field(default_factory=set)
    percent_styles: set[int] = field(default_factory=set)
    epoch: datetime.datetime = WINDOWS_EPOCH


def is_date_format(fmt: str) -> bool:
    return _DATE_CHAR.search(_STRIP.sub("", fmt.split(";")[0])) is not None


def is_timedelta_format(fmt: str) -> bool:
    return _TIMEDELTA.search(fmt.split(";")[0]) is not None


def _parse(data: bytes, new_parser: Callable[[], Any], start: Callable[[str, dict[str, str]], None]) -> None:
    parser = new_parser()
    parser.StartElementHandler = start
    parser.Parse(data, True)


def _read(zf: zipfile.ZipFile, name: str) -> bytes:
    try:
        return zf.read(name)
    except KeyError:
        raise Unusual(f"no part {name}") from None


# complexity: openpyxl's steps in order (content types, workbook, relationships, sheets, strings, styles)
def open_book(  # noqa: C901
    zf: zipfile.ZipFile, new_parser: Callable[[], Any], is_percent_format: Callable[[str], bool]
) -> Book:
    """The Book of an open package; Unusual when openpyxl should read it instead."""
    names = set(zf.namelist())
    book = Book()
    overrides: list[tuple[str, str]] = []
    defaults: set[str] = set()

    def content_type(name: str, attrs: dict[str, str]) -> None:
        if name == _CT_NS + "Override":
            overrides.append((attrs.get("PartName", ""), attrs.get("ContentType", "")))
        elif name == _CT_NS + "Default":
            defaults.add(attrs.get("ContentType", ""))

    _parse(_read(zf, "[Content_Types].xml"), new_parser, content_type)
    wb_part = next((p[1:] for t in WORKBOOK_TYPES for p, ct in overrides if ct == t), None)
    if wb_part is None:
        if not defaults.intersection(WORKBOOK_TYPES):
            raise Unusual("no workbook part")
        wb_part = "xl/workbook.xml"
    sheets: list[tuple[str, str]] = []

    def workbook(name: str, attrs: dict[str, str]) -> None:
        if name == MAIN + "sheet":
            rid = attrs.get(_REL_NS + "id")
            if not rid or "name" not in attrs:
                raise Unusual("sheet without id")  # openpyxl warns and drops it
            sheets.append((attrs["name"], rid))
        elif name == MAIN + "workbookPr" and attrs.get("date1904", "").lower() in ("1", "true"):
            book.epoch = MAC_EPOCH

    _parse(_read(zf, wb_part), new_parser, workbook)
    rels = _relationships(zf, wb_part, names, new_parser)
    for title, rid in sheets:
        if rid not in rels:
            raise Unusual("sheet relationship missing")
        rel_type, target = rels[rid]
        if target not in names:
            continue  # openpyxl skips a sheet whose part is missing
        book.sheetnames.append(title)
        if "chartsheet" not in rel_type:
            book.worksheets.append((title, target))
    strings = next((p[1:] for p, ct in overrides if ct == SHARED_STRINGS), None)
    if strings is not None:
        book.shared = _shared_strings(_read(zf, strings), new_parser)
    if "xl/styles.xml" not in names:
        raise Unusual("no styles part")  # openpyxl needs default styles: files._load gives them
    _styles(_read(zf, "xl/styles.xml"), new_parser, book, is_percent_format)
    return book


def _relationships(
    zf: zipfile.ZipFile, part: str, names: set[str], new_parser: Callable[[], Any]
) -> dict[str, tuple[str, str]]:
    """Id -> (type, target part name) of a part's relationships (openpyxl's get_dependents)."""
    folder, base = posixpath.split(part)
    rels_path = posixpath.join(folder, "_rels", base + ".rels")
    out: dict[str, tuple[str, str]] = {}

    def start(name: str, attrs: dict[str, str]) -> None:
        if name != _PKG_RELS + "Relationship":
            return
        target = attrs.get("Target", "")
        if attrs.get("TargetMode") != "External":
            target = target[1:] if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
        out[attrs.get("Id", "")] = (attrs.get("Type", ""), target)

    _parse(_read(zf, rels_path), new_parser, start)
    return out


_SI = re.compile(rb'<si><t(?: xml:space="preserve")?>(' + sheetxml.TEXT + rb")</t></si>|<si><t/></si>")
_SI_SHAPE = re.compile(rb'(?:<si><t(?: xml:space="preserve")?>' + sheetxml.TEXT + rb"</t></si>|<si><t/></si>)*")


# complexity: the regex shape, then expat's callbacks for any other
def _shared_strings(  # noqa: C901
    data: bytes, new_parser: Callable[[], Any]
) -> list[str]:
    """The shared strings as openpyxl reads them: <t> and rich-run texts joined, phonetic runs left out."""
    head = data.find(b"<sst")
    open_end = data.find(b">", head) + 1
    close = data.rfind(b"</sst>")
    if head >= 0 and 0 < open_end <= close and not data.startswith(b"\xef\xbb\xbf"):
        body = data[open_end:close]
        if _SI_SHAPE.fullmatch(body) is not None:
            # the common shape: check what is around with expat, take the texts by regex
            _parse(data[:open_end] + data[close:], new_parser, lambda _n, _a: None)
            return [sheetxml.unescape(t.decode("utf-8")).replace("x005F_", "") for t in _SI.findall(body)]
    strings: list[str] = []
    parts: list[str] = []
    buf: list[str] = []
    state = {"t": False, "rph": 0, "si": False}
    parser = new_parser()

    def start(name: str, _attrs: dict[str, str]) -> None:
        if name == MAIN + "si":
            state["si"] = True
            parts.clear()
        elif name == MAIN + "t" and state["si"] and not state["rph"]:
            state["t"] = True
            buf.clear()
        elif name == MAIN + "rPh":
            state["rph"] += 1

    def end(name: str) -> None:
        if name == MAIN + "t" and state["t"]:
            parts.append("".join(buf))
            state["t"] = False
        elif name == MAIN + "rPh":
            state["rph"] -= 1
        elif name == MAIN + "si":
            strings.append("".join(parts).replace("x005F_", ""))
            state["si"] = False

    def chars(text: str) -> None:
        if state["t"]:
            buf.append(text)

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = chars
    parser.Parse(data, True)
    return strings


# complexity: expat's callbacks and the three kinds per style
def _styles(  # noqa: C901
    data: bytes, new_parser: Callable[[], Any], book: Book, is_percent_format: Callable[[str], bool]
) -> None:
    """Which cell styles (cellXfs indexes) are dates, durations and percentages."""
    custom: dict[int, str] = {}
    xf_formats: list[int] = []
    where: list[str] = []

    def start(name: str, attrs: dict[str, str]) -> None:
        if name == MAIN + "numFmt":
            try:
                custom[int(attrs["numFmtId"])] = attrs.get("formatCode", "")
            except (KeyError, ValueError):
                raise Unusual("numFmt without an id") from None
        elif name == MAIN + "cellXfs":
            where.append("cellXfs")
        elif name == MAIN + "xf" and where:
            try:
                xf_formats.append(int(attrs.get("numFmtId", "0")))
            except ValueError:
                raise Unusual("xf with a bad numFmtId") from None

    def end(name: str) -> None:
        if name == MAIN + "cellXfs":
            where.clear()

    parser = new_parser()
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.Parse(data, True)
    for i, fid in enumerate(xf_formats):
        if fid in custom:
            fmt = custom[fid]
            date, delta, pct = is_date_format(fmt), is_timedelta_format(fmt), is_percent_format(fmt)
        elif fid in BUILTIN_IDS:
            date, delta, pct = fid in BUILTIN_DATES, fid in BUILTIN_TIMEDELTAS, fid in BUILTIN_PERCENTS
        else:
            continue  # an unknown built-in id: openpyxl reads it as General
        if date:
            book.date_styles.add(i)
        if delta:
            book.timedelta_styles.add(i)
        if pct:
            book.percent_styles.add(i)
