"""A worksheet part's cells read by two compiled regular expressions instead of one Python call per XML event.

The expat pass in reader/files.py calls back into Python about five times per cell; on a
2,000-IKU workbook that is most of the read. Nearly every worksheet part in the wild is
written the same way (Excel, LibreOffice, openpyxl, xlsxwriter): UTF-8, ``<sheetData>`` in
the default namespace, cells as ``<c r="B5" s="2" t="s"><f>..</f><v>..</v></c>`` (or a plain
inline string ``<is><t>..</t></is>``, as openpyxl writes text). For those,
``scan`` checks the whole of ``<sheetData>`` against that grammar in one ``fullmatch`` (so
nothing is skipped or misread), takes every cell with one ``findall``, and parses what lies
outside ``<sheetData>`` with expat (so a DOCTYPE or an entity is refused as before and the
part must still be well-formed XML). Anything else (rich inline strings, character references,
attributes in another order, comments, prefixed elements, other encodings) is left to the
caller's expat pass: same values either way (tests/reader/test_reader_paths.py), only the
speed differs. The grammar is possessive throughout, so a body that does not fit fails in
linear time.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from typing import Any

# The grammar of the common shape, checked with fullmatch. Every repetition is possessive (*+)
# and every cell an atomic group, and no text can be read two ways: a body that does not fit
# fails in linear time instead of backtracking through the ways its cells could have matched.
# Text of <v>, <f> and <t>: no markup, no carriage return (XML normalises it), no control
# characters (not XML), only the five predefined entities (no character references).
_CHARS = rb"[^<&\r\x00-\x08\x0b\x0c\x0e-\x1f]*+"
TEXT = _CHARS + rb"(?:&(?:amp|lt|gt|quot|apos);" + _CHARS + rb")*+"
# Attributes: name="value" with no markup, reference, '>' or '/' in the value; a prefixed name
# only with a prefix declared before <sheetData> (PREFIX is replaced by those, see _rows).
_ATTRS = rb'(?:[ \t\n]++(?:PREFIX:)?[A-Za-z_][\w.-]*+="[^"<>/&\r\t\n]*+")*+[ \t\n]*+'
_CELL_SHAPE = (
    rb'(?><c r="[A-Z]{1,3}[1-9][0-9]{0,6}"' + _ATTRS + rb"(?:/>|>"
    rb"(?:<f" + _ATTRS + rb"(?:/>|>" + TEXT + rb"</f>))?+"
    rb"(?:<v>" + TEXT + rb"</v>|<v/>)?+"
    rb'(?:<is><t(?: xml:space="preserve")?>' + TEXT + rb"</t></is>)?+</c>))"
)
# Most cells are one of few shapes the shape above also takes: tried first, they save a third
# of the check (s and t in that order, no entity, then <v> alone or after a plain <f>).
_COMMON_CELL = (
    rb'(?><c r="[A-Z]{1,3}[1-9][0-9]{0,6}"(?: s="[0-9]++")?+(?: t="[a-zA-Z]++")?+>'
    rb"(?:<f>" + _CHARS + rb"</f>)?+<v>" + _CHARS + rb"</v></c>)"
)
_WS = rb"[ \t\r\n]*+"
_CELL = rb"(?:" + _COMMON_CELL + rb"|" + _CELL_SHAPE + rb")"
_ROWS = rb"(?:" + _WS + rb"<row" + _ATTRS + rb"(?:/>|>(?:" + _WS + _CELL + rb")*+" + _WS + rb"</row>))*+" + _WS
# The cells of a body that passed _rows: a looser pattern (attribute values hold no '>' or '/',
# text no '<' there), its common cases first. Groups: letters, row, the attributes after r, then
# the value of a cell that is just a <v>; or the formula and value of one that is <f>..</f><v>..</v>;
# a self-closed cell leaves them all empty; any other (shared formula, inline string, <v/>) gives
# its content between <c ...> and </c>, read by _CONTENT. One pattern with every part optional
# for every cell takes twice as long.
_CELLS = re.compile(
    rb'<c r="([A-Z]{1,3})([0-9]+)"([^>/]*+)'
    rb"(?:><v>([^<]*+)</v></c>|><f>([^<]++)</f><v>([^<]*+)</v></c>|/>|>((?:[^<]++|<(?!/c>))*+)</c>)"
)
_CONTENT = re.compile(
    rb"(?:(<f)([^>/]*)(?:/>|>([^<]*)</f>))?(?:<v>([^<]*)</v>|<v/>)?(?:(<is>)<t[^>]*>([^<]*)</t></is>)?"
)
_ATTR = re.compile(rb'([A-Za-z_][\w.:-]*)="([^"]*)"')
_OPEN, _CLOSE = b"<sheetData>", b"</sheetData>"
_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main}sheetData"


def from_excel(value: Any, epoch: Any, timedelta: bool = False) -> Any:
    """openpyxl's serial-to-datetime conversion, imported when a file has a date cell."""
    from openpyxl.utils.datetime import from_excel as convert

    return convert(value, epoch, timedelta=timedelta)


def from_ISO8601(text: str) -> Any:  # openpyxl's name
    from openpyxl.utils.datetime import from_ISO8601 as convert

    return convert(text)


def translator(formula: str, origin: str | None) -> Any:
    """openpyxl's shared-formula translator, imported when a file has shared formulas."""
    from openpyxl.formula.translate import Translator

    return Translator(formula, origin)


@functools.lru_cache(maxsize=16)
def _rows(prefixes: frozenset[str]) -> re.Pattern[bytes]:
    """The grammar of <sheetData>'s inside, with these namespace prefixes allowed on attributes."""
    if not prefixes:
        return re.compile(_ROWS.replace(b"(?:PREFIX:)?", b""))  # the same language, checked faster
    names = b"|".join(re.escape(p.encode("utf-8")) for p in sorted(prefixes))
    return re.compile(_ROWS.replace(b"PREFIX", b"(?:" + names + b")"))


def unescape(text: str) -> str:
    if "&" not in text:
        return text
    text = text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"').replace("&apos;", "'")
    return text.replace("&amp;", "&")


_DECL = re.compile(rb"<\?xml[^>]*?encoding=[\"']([A-Za-z0-9._-]+)[\"']")


def split(data: bytes) -> tuple[bytes, bytes, bytes] | None:
    """(before, the inside of <sheetData>, after) when the part looks like the common shape, else None."""
    if not data.startswith(b"<"):
        return None  # a byte-order mark, another encoding: expat's job
    if data.startswith(b"<?xml"):
        decl = _DECL.match(data, 0, data.find(b"?>") + 2)
        if decl is not None and decl.group(1).lower() not in (b"utf-8", b"utf8"):
            return None
    start = data.find(_OPEN)
    end = data.rfind(_CLOSE)
    if start < 0 or end < start:
        return None
    body = data[start + len(_OPEN) : end]
    if b"xmlns" in body:
        return None
    return data[:start], body, data[end + len(_CLOSE) :]


def check_outside(before: bytes, after: bytes, parser: Any) -> set[str] | None:
    """Parse the part with <sheetData> emptied (the caller's parser refuses DTDs and entities);
    the prefixes in scope at <sheetData>, or None when it is not the main namespace's sheetData."""
    seen: dict[str, Any] = {"ns": None, "prefixes": set()}
    declared: set[str] = set()

    def start_ns(prefix: str | None, _uri: str) -> None:
        if prefix:
            declared.add(prefix)

    def start(name: str, _attrs: Any) -> None:
        if name.endswith("}sheetData") or name == "sheetData":
            seen["ns"] = name
            seen["prefixes"] = set(declared)

    parser.StartNamespaceDeclHandler = start_ns
    parser.StartElementHandler = start
    parser.Parse(before + b"<sheetData/>" + after, True)
    return seen["prefixes"] if seen["ns"] == _MAIN else None


_DATE, _TIMEDELTA, _PERCENT = 1, 2, 4  # a cell style's flags (see _style)
# The cell types a % format is noted for (SheetGrid.percent): a number, and text (a fix stores the
# number the text says there, as a fraction, so the cell shows what was read from it).
PERCENT_TYPES = ("n", "s", "inlineStr", "str")


def _style(attrs: bytes, styles: tuple[Any, Any, Any]) -> tuple[str, int] | None:
    """(data type, style flags) of a cell's attributes after r; None when the cell is not read here
    (an attribute twice, s not a number, t not a word: expat says what those are)."""
    s = t = b""
    names = set()
    for name, value in _ATTR.findall(attrs):
        if name in names or name == b"r":
            return None
        names.add(name)
        if name == b"s":
            if not value.isdigit():
                return None
            s = value
        elif name == b"t":
            if not value.isalpha():
                return None
            t = value
    style_id = int(s) if s else 0
    date_formats, timedelta_formats, pct_styles = styles
    flags = (_DATE if style_id in date_formats else 0) | (_TIMEDELTA if style_id in timedelta_formats else 0)
    return (t.decode("ascii") if t else "n"), flags | (_PERCENT if style_id in pct_styles else 0)


# complexity: speed: the per-cell conversion of the regex pass, inlined (same rules as files._read_sheet)
def scan(  # noqa: C901
    body: bytes,
    prefixes: set[str],
    rows: dict[int, dict[int, Any]],
    percent: set[tuple[int, int]],
    formulas: dict[tuple[int, int], str],
    convert: tuple[Any, ...],
    column_number: Callable[[str], int],
) -> bool:
    """Fill rows/percent/formulas from the inside of <sheetData>; False (nothing filled) when it
    is not the common shape. ``convert`` is (shared strings, date styles, timedelta styles,
    epoch, percent styles, from_excel, from_ISO8601, cast_number (its rule is inlined here),
    shared-formula translator)."""
    if _rows(frozenset(prefixes)).fullmatch(body) is None:
        return False  # includes an undeclared prefix: not well-formed, expat says so
    shared, date_formats, timedelta_formats, epoch, pct_styles, from_excel, from_iso, _cast, translate = convert
    styles = (date_formats, timedelta_formats, pct_styles)
    col_index: dict[bytes, int] = {}
    kinds: dict[bytes, tuple[str, int] | None] = {}  # attributes after r -> (data type, style flags)
    unseen = (None, 0)  # not in kinds yet (None: a cell not read here)
    shared_formulae: dict[str, Any] = {}
    last_row_b = b""
    row = 0
    out: dict[int, Any] | None = None
    for letters, row_b, attrs, v_b, f_b, fv_b, content in _CELLS.findall(body):
        kind = kinds.get(attrs, unseen)
        if kind is unseen:
            kind = kinds[attrs] = _style(attrs, styles)
        if kind is None:
            return False
        data_type, flags = kind
        col = col_index.get(letters)
        if col is None:
            col = col_index[letters] = column_number(letters.decode("ascii"))
        if row_b != last_row_b:  # the cells of a row come together
            last_row_b, row = row_b, int(row_b)
            out = rows.get(row)
        if v_b:  # a lone <v> (nearly every cell): a shared string or a plain number read here
            if data_type == "s":
                if out is None:
                    out = rows[row] = {}
                out[col] = shared[int(v_b)]
                if flags & _PERCENT:  # text in a % cell: a fix of it stores a fraction there
                    percent.add((row, col))
                continue
            if data_type == "n" and not flags & _DATE:
                if out is None:
                    out = rows[row] = {}
                out[col] = float(v_b) if b"." in v_b or b"E" in v_b or b"e" in v_b else int(v_b)
                if flags & _PERCENT:
                    percent.add((row, col))
                continue
        formula = None
        is_tag = is_b = b""
        if f_b:
            formula = "=" + unescape(f_b.decode("utf-8"))
            v_b = fv_b
        elif content:
            parts = _CONTENT.fullmatch(content)
            if parts is None:
                return False
            f_tag, f_attrs_b, f_b, v_b, is_tag, is_b = parts.groups(b"")
            if f_tag:
                text = "=" + unescape(f_b.decode("utf-8"))
                f_attrs = dict(_ATTR.findall(f_attrs_b)) if f_attrs_b else {}
                if f_attrs.get(b"t") == b"shared":
                    idx = f_attrs.get(b"si", b"").decode("utf-8")
                    coordinate = (letters + row_b).decode("ascii")
                    if idx in shared_formulae:
                        text = shared_formulae[idx].translate_formula(coordinate)
                    elif text != "=":
                        shared_formulae[idx] = translate(text, coordinate)
                formula = text
        value: Any = None
        if v_b and data_type != "inlineStr":
            if data_type == "n":
                # files._cast_number on the bytes: a '.' or an exponent is a float
                value = float(v_b) if b"." in v_b or b"E" in v_b or b"e" in v_b else int(v_b)
                if flags & _DATE:
                    data_type = "d"
                    try:
                        value = from_excel(value, epoch, timedelta=bool(flags & _TIMEDELTA))
                    except (OverflowError, ValueError):
                        data_type, value = "e", "#VALUE!"
            elif data_type == "s":
                value = shared[int(v_b)]
            elif data_type == "b":
                value = bool(int(v_b))
            elif data_type == "d":
                value = from_iso(v_b.decode("ascii"))
            else:
                value = unescape(v_b.decode("utf-8"))
        elif is_tag and data_type == "inlineStr":
            value = unescape(is_b.decode("utf-8"))
        if value is None and formula is None:
            continue
        if out is None:
            out = rows[row] = {}
        out[col] = value
        if formula is not None:
            formulas[(row, col)] = formula
        if flags & _PERCENT and (data_type in PERCENT_TYPES or formula is not None):
            percent.add((row, col))
    return True
