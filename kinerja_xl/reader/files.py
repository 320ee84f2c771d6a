"""Opening a workbook file: refuse what is not an .xlsx/.xlsm with one clear reason, load cells fast."""

from __future__ import annotations

import io
import re
import warnings
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO, NoReturn

from kinerja_xl import default_styles, safety  # imported with the reader: every file goes through it
from kinerja_xl.messages import LocalizedReason
from kinerja_xl.model import column_number
from kinerja_xl.reader import book, sheetxml
from kinerja_xl.reader.sheetxml import PERCENT_TYPES, from_excel, from_ISO8601
from kinerja_xl.reader.sheetxml import translator as _translator
from kinerja_xl.reader.values import is_percent_format

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK"
ACCEPTED = (".xlsx", ".xlsm", ".xltx", ".xltm")
_FORMULA_TAG = re.compile(rb"<(?:\w+:)?f[\s>/]")


class ReadError(LocalizedReason):
    """A file that cannot be read as a workbook (KX001); str() is a one-line reason (English),
    ``exc.text(lang)`` the same reason in the asked language (``ReadError.of(phrase_key, ...)``)."""


@dataclass
class SheetGrid:
    """The cells of one sheet: values by row and column, which are %-formatted, which hold formulas."""

    title: str
    rows: dict[int, dict[int, Any]] = field(default_factory=dict)  # row -> col -> value (cached)
    percent: set[tuple[int, int]] = field(default_factory=set)  # number and text cells with a % format
    formulas: dict[tuple[int, int], str] = field(default_factory=dict)  # (row, col) -> "=..."

    def get(self, row: int, col: int) -> Any:
        """The (cached) value of a cell, None when empty."""
        r = self.rows.get(row)
        return None if r is None else r.get(col)

    def text(self, row: int, col: int) -> str:
        """The value of a cell as stripped text ('' when empty)."""
        v = self.get(row, col)
        return "" if v is None else str(v).strip()


# complexity: one early return per kind of bad file, each with its own reason
def preflight(path: Path, settings: Any = None) -> None:  # noqa: C901
    """Raise ReadError with a clear reason unless path looks like an .xlsx/.xlsm we may open."""
    if not path.exists():
        raise ReadError.of("read-not-found-path", path=str(path))
    if path.is_dir():
        raise ReadError.of("read-named-folder", name=path.name)
    suffix = path.suffix.lower()
    if suffix == ".xls":
        raise ReadError.of("read-xls")
    if suffix in (".ods", ".fods"):
        raise ReadError.of("read-ods")
    if suffix in (".csv", ".tsv", ".txt"):
        raise ReadError.of("read-text-file", suffix=suffix)
    try:
        size = path.stat().st_size
        with path.open("rb") as fh:
            head = fh.read(8)
    except OSError as exc:
        raise ReadError.of("read-cannot-open", detail=str(exc.strerror or exc)) from None
    if size == 0:
        raise ReadError.of("read-empty")
    if head.startswith(OLE_MAGIC):
        raise ReadError.of("read-ole")
    if not head.startswith(ZIP_MAGIC):
        raise ReadError.of("read-not-zip", suffix=suffix) if suffix else ReadError.of("read-not-zip-bare")
    # The security helper's zip-bomb / size / XML-entity checks; the one place to call them.
    try:
        safety.inspect_file(path, getattr(settings, "limits", None))
    except safety.FileRefused as exc:
        raise ReadError.of("read-refused", reason=exc) from None
    except (zipfile.BadZipFile, OSError, EOFError, ValueError):
        pass  # not judged hostile; the zip checks below give the reason
    try:
        with zipfile.ZipFile(path) as zf:
            names = set(zf.namelist())
    except (zipfile.BadZipFile, OSError, EOFError, ValueError):
        raise ReadError.of("read-truncated") from None
    if "xl/workbook.xml" not in names and not any(n.lower() == "xl/workbook.xml" for n in names):
        if "content.xml" in names:
            raise ReadError.of("read-ods-content")
        if "word/document.xml" in names:
            raise ReadError.of("read-word")
        raise ReadError.of("read-zip-no-workbook")
    if _is_strict(path, names):
        raise ReadError.of("read-strict")
    if suffix not in ACCEPTED:
        # An .xlsx renamed to something else still opens; openpyxl wants a known suffix only
        # for its content-type guess, which we do not need.
        pass


STRICT_NS = b"purl.oclc.org/ooxml/spreadsheetml/main"


def _is_strict(path: Path, names: set[str]) -> bool:
    """Whether the workbook part is Strict Open XML (another namespace openpyxl does not read)."""
    part = next((n for n in names if n.lower() == "xl/workbook.xml"), None)
    if part is None:
        return False
    try:
        with zipfile.ZipFile(path) as zf, zf.open(part) as fh:
            return STRICT_NS in fh.read(4096)
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, RuntimeError):
        return False


def has_formulas(path: Path) -> bool:
    """Whether any worksheet part holds a <f> element (cheap peek before a formula pass)."""
    try:
        with zipfile.ZipFile(path) as zf:
            for name in zf.namelist():
                if not (name.startswith("xl/worksheets/") and name.endswith(".xml")):
                    continue
                tail = b""
                with zf.open(name) as fh:
                    while chunk := fh.read(1 << 20):
                        if _FORMULA_TAG.search(tail + chunk):
                            return True
                        tail = chunk[-16:]
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, RuntimeError):
        return True  # let the full load decide
    return False


def _load(path: Path, data_only: bool):
    import openpyxl

    # A file object, not the path: openpyxl refuses names without an .xlsx-like suffix,
    # and a workbook renamed by a mail gateway is still a workbook.
    fh: BinaryIO = path.open("rb")
    try:
        with zipfile.ZipFile(fh) as zf:
            if default_styles.needs_default_styles(zf.namelist()):
                # valid without a styles part (Excel opens it), but openpyxl cannot: read a copy that has one
                data = default_styles.with_default_styles(zf)
                fh.close()
                fh = io.BytesIO(data)
        fh.seek(0)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about unsupported extensions, data validation...
            wb = openpyxl.load_workbook(fh, read_only=True, data_only=data_only, keep_links=False)
    except BaseException:
        fh.close()
        raise
    setattr(wb, "_kinerja_fh", fh)  # noqa: B010  closed with the workbook (read-only mode reads lazily)
    return wb


def _close(wb) -> None:
    wb.close()
    fh = getattr(wb, "_kinerja_fh", None)
    if fh is not None:
        fh.close()


def _percent_styles(wb) -> set[int]:
    """Indexes of the workbook's cell styles whose number format contains % (outside quotes)."""
    from openpyxl.styles.numbers import BUILTIN_FORMATS, BUILTIN_FORMATS_MAX_SIZE

    out = set()
    custom = getattr(wb, "_number_formats", [])
    for i, style in enumerate(getattr(wb, "_cell_styles", [])):
        fid = style.numFmtId
        if fid < BUILTIN_FORMATS_MAX_SIZE:
            fmt = BUILTIN_FORMATS.get(fid, "General")
        else:
            idx = fid - BUILTIN_FORMATS_MAX_SIZE
            fmt = custom[idx] if 0 <= idx < len(custom) else "General"
        if is_percent_format(fmt):
            out.add(i)
    return out


def _formula_text(value: Any) -> str:
    text = getattr(value, "text", value)  # ArrayFormula
    return str(text) if text is not None else "="


# The worksheet parts' element names, namespace-resolved by expat ("<uri>}<local>"), the
# same names openpyxl's own parser matches.
_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_ROW, _C, _V, _F, _IS, _T, _RPH = (_NS + n for n in ("row", "c", "v", "f", "is", "t", "rPh"))


class _Forbidden(ReadError):
    """A DTD or entity in a worksheet part (defusedxml's policy, applied to our own parser)."""


def _forbid(*_args: Any) -> NoReturn:
    raise _Forbidden.of("read-refused", reason=ReadError.of("read-sheet-doctype"))


def _cast_number(text: str) -> int | float:
    """'12' -> 12, '0.5' / '1E-3' -> float (openpyxl's rule, so values match its parser)."""
    if "." in text or "E" in text or "e" in text:
        return float(text)
    return int(text)


def _row_number(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        val = float(text)
        if not val.is_integer():
            raise ValueError(f"{text} is not a valid row number") from None
        return int(val)


def _read_sheet_fast(ws, wb, pct_styles: set[int]) -> SheetGrid:
    """A sheet of openpyxl's read-only workbook read by our parser (openpyxl's shared strings
    and date styles); when those internals move, load_grids falls back to the public API."""
    with ws._get_source() as src:
        data = src.read()
    return _read_sheet(
        ws.title, data, ws._shared_strings, wb._date_formats, wb._timedelta_formats, wb.epoch, pct_styles
    )


# complexity: speed: expat callbacks inlined in one closure (the reader's hot loop)
def _read_sheet(  # noqa: C901
    title: str,
    data: bytes,
    shared: list[str],
    date_formats: Any,
    timedelta_formats: Any,
    epoch: Any,
    pct_styles: set[int],
) -> SheetGrid:
    """A worksheet part's cached values, formula text and %-formatted cells.

    The common shape goes through sheetxml (two regular expressions); any other through one
    expat pass with its callbacks inlined. Both give openpyxl's cell values and formula text.
    """
    grid = SheetGrid(title)
    rows, percent, formulas = grid.rows, grid.percent, grid.formulas
    col_index: dict[str, int] = {}
    shared_formulae: dict[str, Any] = {}
    buf: list[str] = []
    # parser state (closure variables: the handlers run ~5 times per cell)
    collecting = False  # inside a <v>, <f> or inline <t> whose text we keep
    row_counter = col_counter = 0  # for rows and cells without an r attribute
    cell: dict[str, str] = {}  # the attributes of the current <c>
    v_text: str | None = None  # its first <v>
    f_attrs: dict[str, str] | None = None  # its <f>
    f_text: str | None = None
    in_is = False
    in_rph = 0
    is_parts: list[str] | None = None  # the <t> texts of its <is>, phonetic runs left out

    def start(name: str, attrs: dict[str, str]) -> None:
        nonlocal collecting, row_counter, col_counter, cell, v_text, f_attrs, f_text, in_is, in_rph, is_parts
        if name == _C:
            cell = attrs
            v_text = f_attrs = f_text = is_parts = None
        elif name == _V:
            if v_text is None:  # findtext: the first <v> only
                buf.clear()
                collecting = True
        elif name == _ROW:
            r = attrs.get("r")
            row_counter = _row_number(r) if r else row_counter + 1
            col_counter = 0
        elif name == _F:
            if f_attrs is None:
                f_attrs = attrs
                buf.clear()
                collecting = True
        elif name == _IS:
            if is_parts is None:
                in_is, is_parts = True, []
        elif name == _T:
            if in_is and not in_rph:
                buf.clear()
                collecting = True
        elif name == _RPH:
            in_rph += 1

    def end(name: str) -> None:
        nonlocal collecting, v_text, f_text, in_is, in_rph
        if name == _V:
            if collecting:
                v_text = "".join(buf)
                collecting = False
        elif name == _C:
            _cell()
        elif name == _F:
            if collecting:
                f_text = "".join(buf)
                collecting = False
        elif name == _T:
            if collecting and is_parts is not None:
                is_parts.append("".join(buf))
                collecting = False
        elif name == _IS:
            in_is = False
        elif name == _RPH:
            in_rph -= 1

    def chars(data: str) -> None:
        if collecting:
            buf.append(data)

    # complexity: speed: the per-cell callback of the expat pass, inlined
    def _cell() -> None:  # noqa: C901
        nonlocal col_counter
        coordinate = cell.get("r")
        data_type = cell.get("t", "n")
        style = cell.get("s")
        style_id = int(style) if style else 0
        if coordinate:
            i = 1
            while not coordinate[i].isdigit():  # IndexError on 'ABC': corrupt, as with openpyxl
                i += 1
            letters = coordinate[:i]
            col = col_index.get(letters)
            if col is None:
                col = col_index[letters] = column_number(letters)
            row = int(coordinate[i:])
            col_counter = col
        else:
            col_counter += 1
            row, col = row_counter, col_counter
        value: Any = None if data_type == "inlineStr" else (v_text or None)
        formula = None
        if f_attrs is not None:
            formula = _formula(f_attrs, f_text, coordinate)
        if value is not None:
            if data_type == "n":
                value = _cast_number(value)
                if style_id in date_formats:
                    data_type = "d"
                    try:
                        value = from_excel(value, epoch, timedelta=style_id in timedelta_formats)
                    except (OverflowError, ValueError):
                        data_type, value = "e", "#VALUE!"
            elif data_type == "s":
                value = shared[int(value)]
            elif data_type == "b":
                value = bool(int(value))
            elif data_type == "d":
                value = from_ISO8601(value)
        elif data_type == "inlineStr" and is_parts is not None:
            value = "".join(is_parts)
        if value is None and formula is None:
            return
        out = rows.get(row)
        if out is None:
            out = rows[row] = {}
        out[col] = value
        if formula is not None:
            formulas[(row, col)] = formula
        if style_id in pct_styles and (data_type in PERCENT_TYPES or formula is not None):
            percent.add((row, col))

    def _formula(attrs: dict[str, str], text: str | None, coordinate: str | None) -> str:
        # openpyxl's parse_formula: shared formulas are translated from their first cell
        value = "=" + (text or "")
        if attrs.get("t") == "shared":
            idx = attrs.get("si", "")
            if idx in shared_formulae:
                value = shared_formulae[idx].translate_formula(coordinate)
            elif value != "=":
                shared_formulae[idx] = _translator(value, coordinate)
        return value

    parts = sheetxml.split(data)
    if parts is not None:
        # the common shape: two regular expressions instead of a Python call per XML event
        before, body, after = parts
        prefixes = sheetxml.check_outside(before, after, _safe_parser())
        if prefixes is not None:
            convert = (
                *(shared, date_formats, timedelta_formats, epoch, pct_styles),
                *(from_excel, from_ISO8601, _cast_number, _translator),
            )
            if sheetxml.scan(body, prefixes, rows, percent, formulas, convert, column_number):
                return grid
            grid = SheetGrid(title)  # not the common shape after all: start again with expat
            rows, percent, formulas = grid.rows, grid.percent, grid.formulas
    # expat interns element names through this dict: seeded with our constants, the
    # name tests in the handlers are identity checks, not string compares
    parser = _safe_parser({n: n for n in (_ROW, _C, _V, _F, _IS, _T, _RPH)})
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = chars
    parser.Parse(data, True)
    return grid


def _safe_parser(names: dict[str, str] | None = None) -> Any:
    """An expat parser resolving namespaces ("<uri>}<local>") that refuses any DTD or entity."""
    from pyexpat import XML_PARAM_ENTITY_PARSING_NEVER, ParserCreate

    parser = ParserCreate(namespace_separator="}", intern={} if names is None else names)
    parser.buffer_text = True
    parser.SetParamEntityParsing(XML_PARAM_ENTITY_PARSING_NEVER)
    parser.StartDoctypeDeclHandler = _forbid
    parser.EntityDeclHandler = _forbid
    parser.UnparsedEntityDeclHandler = _forbid
    parser.ExternalEntityRefHandler = _forbid
    return parser


def _read_sheet_public(ws, ws_formulas, pct_styles: set[int]) -> SheetGrid:
    """Fallback through openpyxl's public read-only API (two passes when there are formulas)."""
    grid = SheetGrid(ws.title)
    ws.reset_dimensions()
    for row in ws.iter_rows():
        for c in row:
            if getattr(c, "value", None) is None:
                continue
            grid.rows.setdefault(c.row, {})[c.column] = c.value
            if c.data_type in ("n", "s") and getattr(c, "_style_id", 0) in pct_styles:
                grid.percent.add((c.row, c.column))
    if ws_formulas is not None:
        ws_formulas.reset_dimensions()
        for row in ws_formulas.iter_rows():
            for c in row:
                if getattr(c, "data_type", None) == "f":
                    grid.formulas[(c.row, c.column)] = _formula_text(c.value)
                    grid.rows.setdefault(c.row, {}).setdefault(c.column, None)
    return grid


def _corrupt(exc: Exception) -> ReadError:
    """The KX001 reason for an exception openpyxl or our parser raised on a broken part."""
    detail = str(exc).splitlines()[0][:120] if str(exc) else "unreadable"
    return ReadError.of("read-corrupt-workbook", kind=type(exc).__name__, detail=detail)


def load_grids(path: Path) -> tuple[list[str], list[SheetGrid]]:
    """Sheet names and every worksheet's cells (cached values, % formats, formula text); ReadError on failure.

    The workbook's own parts first (reader/book.py); a package shape that reader leaves, or any
    failure there, goes through openpyxl's read-only open, which gives its own reason for a
    broken file.
    """
    try:
        return _load_own(path)
    except ReadError:
        raise
    except Exception:
        pass
    try:
        wb = _load(path, data_only=True)
    except ReadError:
        raise
    except Exception as exc:  # openpyxl raises many types on broken parts
        raise _corrupt(exc) from None
    wb_f = None
    try:
        pct = _percent_styles(wb)
        grids = []
        for ws in wb.worksheets:
            if not hasattr(ws, "_get_source"):  # chartsheets have no cells
                continue
            try:
                grids.append(_read_sheet_fast(ws, wb, pct))
            except (ImportError, AttributeError, TypeError):
                # openpyxl internals moved: public API, second pass for formula text
                if wb_f is None and has_formulas(path):
                    wb_f = _load(path, data_only=False)
                ws_f = wb_f[ws.title] if wb_f is not None else None
                grids.append(_read_sheet_public(ws, ws_f, pct))
        return list(wb.sheetnames), grids
    except ReadError:
        raise
    except Exception as exc:
        raise _corrupt(exc) from None
    finally:
        _close(wb)
        if wb_f is not None:
            _close(wb_f)


def _load_own(path: Path) -> tuple[list[str], list[SheetGrid]]:
    """load_grids through the workbook's own parts; book.Unusual (or another error) for openpyxl's path."""
    with path.open("rb") as fh, zipfile.ZipFile(fh) as zf:
        bk = book.open_book(zf, _safe_parser, is_percent_format)
        grids = [
            _read_sheet(
                title, zf.read(part), bk.shared, bk.date_styles, bk.timedelta_styles, bk.epoch, bk.percent_styles
            )
            for title, part in bk.worksheets
        ]
    return bk.sheetnames, grids
