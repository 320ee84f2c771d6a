"""The Ringkasan (recomputed scores) and Temuan (one row per finding) sheets.

Each sheet is first described as a :class:`SheetSpec` (cell values with a style key per cell,
column widths, hyperlinks, autofilter, frozen pane, chart). Two writers render a spec:
``writers/ooxml/`` writes its SpreadsheetML straight into the input package (fast: a handful
of precomputed style ids, no per-cell style objects), and :func:`write_openpyxl` puts it into an
openpyxl workbook (the fallback path).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from copy import copy
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from openpyxl.chart import BarChart, Reference
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.workbook import Workbook as XlWorkbook
from openpyxl.worksheet.hyperlink import Hyperlink
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from kinerja_xl.findings import Finding
from kinerja_xl.messages import ui
from kinerja_xl.outputs import EXCEL_CELL_CHARS, excel_text

RINGKASAN = "Ringkasan"
TEMUAN = "Temuan"
RINCIAN = "Rincian"
SHEET_NAMES: tuple[str, ...] = (RINGKASAN, TEMUAN, RINCIAN)

# Excel's own "good / neutral / bad" palette, so the colours read as people expect.
STATUS_FILL = {"hijau": "C6EFCE", "kuning": "FFEB9C", "merah": "FFC7CE", "abu-abu": "D9D9D9"}
SEVERITY_FILL = {"error": "FFC7CE", "warning": "FFEB9C", "info": "DDEBF7"}
# A finding on a cell of our sheets: a medium border in its severity's colour and its sign, never a
# fill (fills are the status colours hijau/kuning/merah/abu-abu; see flag_key).
FLAG_COLOR = {"error": "C00000", "warning": "9C5700", "info": "2F5597"}
SIGNS = {"error": "!", "warning": "?", "info": "i"}
FIXED_FILL = "E4DFEC"  # a cell `kinerja-xl fix` changed: lavender, none of the finding or status colours
# Bar colours of the charts: the status colours, deep enough to read on paper.
STATUS_CHART = {"hijau": "63BE7B", "kuning": "FFD966", "merah": "F8696B", "abu-abu": "BFBFBF"}
HEADER_FILL = "D9E1F2"
BORDER_COLOR = "BFBFBF"
LINK_COLOR = "0563C1"
MARK_COLOR = "9C0006"  # Excel's "bad" text colour: a cell with a finding
NUMBER_FORMAT = "0.00"  # Excel's built-in number format 2

# Style keys of a spec cell. A key is one token or several joined by "|" (see style()):
# "fill:RRGGBB" a solid fill, "fmt:<code>" a number format, "font:RRGGBB" a font colour, and the
# named tokens below (combine() joins them). Both writers read a key through parse_style.
PLAIN, BOLD, TITLE, HEADER, NUMBER, LINK, WRAP = "plain", "bold", "title", "header", "number", "link", "wrap"
BIG, ITALIC, BORDER, CENTER, RIGHT, MARK = "big", "italic", "border", "center", "right", "mark"
TOP, MIDDLE, INDENT = "top", "middle", "indent"
STYLE_KEYS: tuple[str, ...] = (PLAIN, BOLD, TITLE, HEADER, NUMBER, LINK, WRAP)
CHART_SIZE_CM = (18, 9)
# Characters XML 1.0 cannot carry (and lone surrogates, which UTF-8 cannot encode): dropped from text.
ILLEGAL_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")

_BOLD = Font(bold=True)
_TITLE = Font(bold=True, size=14)
_HEADER_FILL = PatternFill("solid", fgColor=HEADER_FILL)


def flag_key(severity: str) -> str:
    """The style token of a finding's mark on a cell of ours: a medium border in its severity's colour."""
    return "flag:" + FLAG_COLOR[severity]


def flag_style(severity: str) -> str:
    """A cell of ours that carries a finding: bold text in the severity's colour and its border."""
    return combine(BOLD, "font:" + FLAG_COLOR[severity], flag_key(severity))


def severity_text(severity: str, lang: str = "id") -> str:
    """'! kesalahan', '? peringatan', 'i info': the sign the legend explains, then the word."""
    return f"{SIGNS[severity]} {ui(severity, lang)}"


def fill_key(rgb: str) -> str:
    """The style key of a solid fill."""
    return "fill:" + rgb


_COMBINED: dict[tuple[str | None, ...], str] = {}


def combine(*tokens: str | None) -> str:
    """One style key from several tokens (None and PLAIN dropped): ``combine(NUMBER, fill_key(rgb), BORDER)``.

    Memoised: a sheet asks for the same few combinations thousands of times."""
    key = _COMBINED.get(tokens)
    if key is None:
        parts = sorted({t for token in tokens if token for t in token.split("|") if t != PLAIN})
        key = _COMBINED[tokens] = "|".join(parts) or PLAIN
    return key


@lru_cache(maxsize=64)
def number_format(lang: str = "id", suffix: str = "", *, signed: bool = False) -> str:
    """Two decimals in the language's convention: ``[$-421]`` (Indonesian) makes LibreOffice show
    1.234,57 whatever its own locale; Excel uses the reader's system separators either way.
    ``suffix`` is shown after the number (a finding marker); ``signed`` shows +/- before it."""
    locale = "[$-421]" if lang == "id" else ""
    tail = f'" {suffix}"' if suffix else ""
    if signed:
        return f"{locale}+#,##0.00{tail};{locale}-#,##0.00{tail};{locale}0.00{tail}"
    return f"{locale}#,##0.00{tail}"


def number_axis_format(lang: str = "id") -> str:
    """Whole numbers in the language's convention, for a chart's value axis."""
    return ("[$-421]" if lang == "id" else "") + "#,##0"


def num_key(lang: str = "id", suffix: str = "", *, signed: bool = False) -> str:
    """The style token of a two-decimal number (see number_format)."""
    return "fmt:" + number_format(lang, suffix, signed=signed)


@dataclass(frozen=True)
class Style:
    """What a style key means, for both writers."""

    bold: bool = False
    italic: bool = False
    size: float | None = None
    color: str | None = None
    underline: bool = False
    fill: str | None = None
    num_format: str | None = None
    wrap: bool = False
    halign: str | None = None
    valign: str | None = None
    indent: int = 0  # a text cell next to a right-aligned number keeps a gap from it
    border: bool = False
    flag: str | None = None  # RRGGBB of a medium border: a finding's mark (flag_key)

    @property
    def has_font(self) -> bool:
        return self.bold or self.italic or self.size is not None or self.color is not None or self.underline

    @property
    def has_alignment(self) -> bool:
        return self.wrap or self.halign is not None or self.valign is not None or self.indent > 0


# What each named token sets (HEADER, LINK and WRAP keep a fill, colour or alignment set by another token).
_TOKENS: dict[str, dict[str, Any]] = {
    BOLD: {"bold": True},
    TITLE: {"bold": True, "size": 14},
    BIG: {"bold": True, "size": 12},
    ITALIC: {"italic": True},
    HEADER: {"bold": True, "fill": HEADER_FILL, "wrap": True, "valign": "center"},
    NUMBER: {"num_format": NUMBER_FORMAT},
    LINK: {"color": LINK_COLOR, "underline": True},
    MARK: {"bold": True, "color": MARK_COLOR, "underline": True},
    WRAP: {"wrap": True, "valign": "top"},
    TOP: {"valign": "top"},
    INDENT: {"indent": 1, "halign": "left"},
    MIDDLE: {"valign": "center"},
    BORDER: {"border": True},
    CENTER: {"halign": "center"},
    RIGHT: {"halign": "right"},
}
_PREFIXES = {"fill:": "fill", "font:": "color", "fmt:": "num_format", "flag:": "flag"}


@lru_cache(maxsize=1024)
def parse_style(key: str) -> Style:
    """The Style of a key (unknown tokens are ignored).

    Explicit values (a "fill:", "font:" or "fmt:" token, MARK's colour, MIDDLE) win over the
    defaults a named token brings (HEADER's fill, LINK's colour, WRAP's top alignment).
    """
    defaults: dict[str, Any] = {}
    explicit: dict[str, Any] = {}
    for token in key.split("|"):
        prefix = next((p for p in _PREFIXES if token.startswith(p)), None)
        if prefix is not None:
            explicit[_PREFIXES[prefix]] = token[len(prefix) :]
        elif token in (MARK, MIDDLE, CENTER, RIGHT, TOP, INDENT):
            explicit.update(_TOKENS[token])
        else:
            defaults.update(_TOKENS.get(token, {}))
    return Style(**{**defaults, **explicit})


@dataclass
class ChartSpec:
    """A chart of one series on the sheet: categories and values are ranges (col1, row1, col2, row2), 1-based.

    ``kind``: "col" (vertical bars), "bar" (horizontal bars) or "line". ``colors``: one RRGGBB per
    point (None: the default colour). The chart's top-left corner is at ``anchor`` (col, row), 1-based.
    """

    title: str
    y_title: str
    cats: tuple[int, int, int, int]
    vals: tuple[int, int, int, int]
    anchor: tuple[int, int]
    name: str = ""
    kind: str = "col"
    colors: list[str | None] = field(default_factory=list)
    size_cm: tuple[float, float] = CHART_SIZE_CM
    labels: bool = True  # show each value on its bar
    num_format: str = NUMBER_FORMAT  # of the value labels
    y_min: float | None = None
    y_max: float | None = None
    # a second series beside the first (NKO as written beside recomputed): values range and name
    color: str | None = None  # the first series' own colour (its legend key) under the point colours
    vals2: tuple[int, int, int, int] | None = None
    name2: str = ""
    color2: str | None = None
    axis_format: str = "General"  # of the value axis (the language's whole numbers, number_axis_format)
    major_unit: float | None = None  # 100: the one dark gridline is the line at 100
    minor_unit: float | None = None  # light gridlines between


@dataclass
class PrintSpec:
    """How a sheet prints: orientation, fit to one page wide, rows repeated on every page, page breaks."""

    landscape: bool = True
    fit_width: bool = True
    title_rows: tuple[int, int] | None = None  # (first, last), 1-based
    breaks: list[int] = field(default_factory=list)  # a new page starts at each of these rows
    # the footer, in Excel's header/footer codes: "&L&F&RHalaman &P dari &N" (see footer_text)
    footer: str | None = None


def footer_text(lang: str = "id") -> str:
    """The footer of every sheet we write: the file name left, ``Halaman &P dari &N`` right."""
    return "&L&F&R" + ui("ft_page", lang)


LINE_HEIGHT = 15.0  # points, one line of the default font


@lru_cache(maxsize=4096)
def text_height(text: str | None, width: float, line: float = LINE_HEIGHT) -> float | None:
    """The row height (points) that shows ``text`` wrapped in a column ``width`` wide; None for one line.

    Neither Excel nor LibreOffice sizes a row to wrapped text it did not lay out itself, so our
    sheets set the height: about 1.15 characters of ordinary text per unit of column width.
    """
    if not text:
        return None
    per_line = max(int(width * 1.15), 1)
    lines = sum(max(1, -(-len(part) // per_line)) for part in str(text).split("\n"))
    return lines * line if lines > 1 else None


@dataclass
class SheetSpec:
    """What one sheet shows: cells by row (col, value, style key), widths, links, filter, pane, charts, print."""

    name: str
    rows: dict[int, list[tuple[int, Any, str]]] = field(default_factory=dict)
    widths: dict[int, float] = field(default_factory=dict)
    heights: dict[int, float] = field(default_factory=dict)
    links: list[tuple[str, str]] = field(default_factory=list)  # (cell, internal location)
    merges: list[str] = field(default_factory=list)  # "A1:K1"
    autofilter: str | None = None
    freeze: str | None = None  # top-left cell of the scrolling pane, e.g. "A2"
    charts: list[ChartSpec] = field(default_factory=list)
    page: PrintSpec = field(default_factory=PrintSpec)
    max_col: int = 0
    number_style: str = NUMBER  # the key put(number=True) gives numbers
    unordered: set[int] = field(default_factory=set)  # rows whose cells were not put left to right
    selected: bool = False  # the sheet the copy opens on (its tab selected)
    top: bool = False  # a table of multi-line rows: every cell but a header's aligned to the top
    comments: dict[str, str] = field(default_factory=dict)  # cell -> a note shown on hover

    @property
    def chart(self) -> ChartSpec | None:
        """The first chart (older callers knew one)."""
        return self.charts[0] if self.charts else None

    def put(self, row: int, col: int, value: Any, style: str = PLAIN, *, number: bool = False) -> None:
        """Set one cell; ``number`` gives numbers the sheet's number style (text keeps ``style``)."""
        if self.top and style != HEADER and HEADER not in style.split("|"):
            style = combine(style, TOP)
        if number and isinstance(value, (int, float)) and not isinstance(value, bool):
            style = combine(style, self.number_style)
        elif value.__class__ is str and len(value) > EXCEL_CELL_CHARS // 2:
            value = excel_text(value)  # a cell holds 32,767 characters at most
        cells = self.rows.get(row)
        if cells is None:
            cells = self.rows[row] = []
        elif col <= cells[-1][0]:
            self.unordered.add(row)
        cells.append((col, value, style))
        if col > self.max_col:
            self.max_col = col

    def header(self, row: int, labels: Iterable[str], first: int = 1, key: str = HEADER) -> None:
        """A row of bold labels on the header fill, from column ``first``."""
        for col, label in enumerate(labels, start=first):
            self.put(row, col, label, key)

    def merge(self, row: int, first: int, last: int) -> None:
        """Merge columns first..last of a row (the value and style stay in the first cell)."""
        from openpyxl.utils import get_column_letter

        if last > first:
            self.merges.append(f"{get_column_letter(first)}{row}:{get_column_letter(last)}{row}")

    def fit_row(self, row: int, text: str | None, width: float, line: float = LINE_HEIGHT) -> None:
        """Make a row tall enough for ``text`` wrapped in ``width`` (never lower than it is)."""
        height = text_height(text, width, line)
        if height is not None and height > self.heights.get(row, 0):
            self.heights[row] = height

    def style_keys(self) -> set[str]:
        """Every style key the sheet uses."""
        return {key for cells in self.rows.values() for _, _, key in cells}

    def sorted_rows(self) -> list[tuple[int, list[tuple[int, Any, str]]]]:
        """Rows in order, each row's cells in column order (a later put on a cell wins)."""
        out = []
        for r in sorted(self.rows):
            cells = self.rows[r]
            if r in self.unordered:
                cells = sorted({c[0]: c for c in cells}.values(), key=lambda c: c[0])
            out.append((r, cells))
        return out


def assumption_texts(assumptions: Iterable[str], lang: str = "id") -> list[str]:
    """The analysis' assumption keys worded for a person."""
    out = []
    for key in assumptions:
        name, _, arg = key.partition(":")
        text = ui(f"as_{name}", lang)
        out.append(text.replace("{iku}", arg) if arg else text)
    return out


def sheet_link(sheet: str, coord: str) -> str:
    """An internal hyperlink location: 'Sheet Name'!C5 (quotes doubled inside the name)."""
    first = coord.split(":")[0]
    return "'" + sheet.replace("'", "''") + "'!" + first


MESSAGE_WIDTH = 72  # Temuan's message column


def sections_of(workbook: object) -> dict[str, str]:
    """IKU (code, else name) -> its section (Seksi) where the workbook or kinerja.toml names one."""
    ikus = getattr(workbook, "ikus", None) or []
    return {(i.code or i.name): i.meta.seksi for i in ikus if i.meta.seksi}


def temuan_spec(findings: Iterable[Finding], lang: str = "id", sections: dict[str, str] | None = None) -> SheetSpec:
    """The Temuan sheet: one row per finding, a link to its cell, autofilter, frozen header.

    ``sections`` (IKU -> Seksi): when any is known, a Seksi column after the IKU, so the quarter's
    to-do list filters by section.
    """
    sp = SheetSpec(TEMUAN, number_style=num_key(lang), page=PrintSpec(title_rows=(1, 1)), top=True)
    put = sp.put
    seksi = 1 if sections else 0
    head = [
        ui("wb_no", lang),
        ui("code", lang).capitalize(),
        ui("severity", lang).capitalize(),
        ui("wb_sheet", lang),
        ui("cell", lang).capitalize(),
        ui("iku", lang),
        *([ui("wb_seksi", lang)] if seksi else []),
        ui("period", lang).capitalize(),
        ui("wb_actual", lang),
        ui("expected", lang).capitalize(),
        ui("message", lang).capitalize(),
    ]
    sp.header(1, head)
    row = 1
    for no, f in enumerate(sorted(findings, key=Finding.sort_key), 1):
        row += 1
        put(row, 1, no)
        put(row, 2, f.code)
        put(row, 3, severity_text(f.severity.value, lang), flag_style(f.severity.value))
        put(row, 4, f.sheet or "")
        if f.cell:
            put(row, 5, f.cell.coord, LINK)
            sp.links.append((f"E{row}", sheet_link(f.cell.sheet, f.cell.coord)))
        else:
            put(row, 5, "")
        put(row, 6, f.iku or "")
        if seksi:
            put(row, 7, (sections or {}).get(f.iku or "", ""))
        put(row, 7 + seksi, f.period or "")
        put(row, 8 + seksi, f.actual, number=True)
        put(row, 9 + seksi, f.expected, number=True)
        message = f.message(lang)
        put(row, 10 + seksi, message, combine(WRAP, INDENT))
        sp.fit_row(row, message, MESSAGE_WIDTH - 2)
    sp.autofilter = f"A1:{get_column_letter(len(head))}{row}"
    sp.freeze = "A2"
    widths = [5, 8, 13, 16, 10, 10, *([16] if seksi else []), 9, 11, 12, MESSAGE_WIDTH]
    sp.widths = dict(enumerate(widths, start=1))
    return sp


# --- openpyxl rendering (fallback path) ----------------------------------------------------


def _apply_style(cell: Any, key: str) -> None:
    st = parse_style(key)
    if st.has_font:
        cell.font = Font(
            bold=st.bold,
            italic=st.italic,
            size=st.size,
            color=st.color,
            underline="single" if st.underline else None,
        )
    if st.fill:
        cell.fill = PatternFill("solid", fgColor=st.fill)
    if st.num_format:
        cell.number_format = st.num_format
    if st.has_alignment:
        cell.alignment = Alignment(
            wrap_text=st.wrap or None, horizontal=st.halign, vertical=st.valign, indent=st.indent or 0
        )
    if st.flag:
        side = Side(style="medium", color=st.flag)
        cell.border = Border(left=side, right=side, top=side, bottom=side)
    elif st.border:
        side = Side(style="thin", color=BORDER_COLOR)
        cell.border = Border(left=side, right=side, top=side, bottom=side)


def _openpyxl_chart(ws: Worksheet, c: ChartSpec) -> Any:
    """An openpyxl chart of a ChartSpec (same ranges, colours and labels as the package writer's)."""
    from openpyxl.chart import LineChart
    from openpyxl.chart.label import DataLabelList
    from openpyxl.chart.marker import DataPoint
    from openpyxl.chart.series import SeriesLabel

    chart: Any
    if c.kind == "line":
        chart = LineChart()
    else:
        chart = BarChart()
        chart.type = "bar" if c.kind == "bar" else "col"
    chart.title = c.title
    chart.legend = None
    chart.y_axis.title = c.y_title
    chart.y_axis.delete = False
    chart.x_axis.delete = False
    if c.y_min is not None:
        chart.y_axis.scaling.min = c.y_min
    if c.y_max is not None:
        chart.y_axis.scaling.max = c.y_max
    c1, r1, c2, r2 = c.vals
    chart.add_data(Reference(ws, min_col=c1, min_row=r1, max_col=c2, max_row=r2), from_rows=r1 == r2)
    c1, r1, c2, r2 = c.cats
    chart.set_categories(Reference(ws, min_col=c1, min_row=r1, max_col=c2, max_row=r2))
    _openpyxl_second_series(ws, chart, c)
    series = chart.series[0]
    if c.name:
        series.tx = SeriesLabel(v=c.name)
    if c.color:
        series.graphicalProperties.solidFill = c.color
    for i, rgb in enumerate(c.colors):
        if rgb and c.kind != "line":
            point = DataPoint(idx=i)
            point.graphicalProperties.solidFill = rgb
            series.dPt.append(point)
    if c.labels:
        for labelled in chart.series:
            labelled.dLbls = DataLabelList()
            labelled.dLbls.showVal = True
            labelled.dLbls.numFmt = c.num_format
            for flag in ("showSerName", "showCatName", "showLegendKey", "showPercent"):
                setattr(labelled.dLbls, flag, False)
    chart.width, chart.height = c.size_cm
    return chart


def _openpyxl_second_series(ws: Worksheet, chart: Any, c: ChartSpec) -> None:
    """A ChartSpec's second series (with a legend), its value axis format and gridline units."""
    from openpyxl.chart.axis import ChartLines
    from openpyxl.chart.legend import Legend
    from openpyxl.chart.series import SeriesLabel

    if c.vals2 is not None:
        c1, r1, c2, r2 = c.vals2
        chart.add_data(Reference(ws, min_col=c1, min_row=r1, max_col=c2, max_row=r2), from_rows=r1 == r2)
        second = chart.series[1]
        if c.name2:
            second.tx = SeriesLabel(v=c.name2)
        if c.color2:
            second.graphicalProperties.solidFill = c.color2
        chart.legend = Legend()
        chart.legend.position = "b"
    chart.y_axis.number_format = c.axis_format
    if c.major_unit:
        chart.y_axis.majorUnit = c.major_unit
    if c.minor_unit:
        chart.y_axis.minorUnit = c.minor_unit
        chart.y_axis.minorGridlines = ChartLines()


def _write_cells(ws: Worksheet, spec: SheetSpec) -> None:
    """The cells of a spec, text always stored as text."""
    # Style objects are set once per key, then the cell's style-id array is copied: assigning a
    # Font/Fill per cell makes openpyxl hash the object into its style lists every time.
    templates: dict[str, Any] = {}
    for r, cells in spec.sorted_rows():
        for col, value, key in cells:
            cell = ws.cell(row=r, column=col)
            if value is not None:
                if not isinstance(value, (str, int, float, bool)):
                    value = str(value)
                if isinstance(value, str):
                    cell.value = ILLEGAL_XML.sub("", value)
                    cell.data_type = "s"  # "=HYPERLINK(..)" or "+1" typed by someone stays text
                else:
                    cell.value = value
            if key == PLAIN:
                continue
            arr = templates.get(key)
            styled: Any = cell  # openpyxl's style array: copied between cells of one look (speed)
            if arr is None:
                _apply_style(cell, key)
                templates[key] = copy(styled._style)
            else:
                styled._style = copy(arr)


def write_openpyxl(wb: XlWorkbook, spec: SheetSpec) -> Worksheet:
    """Add a sheet described by ``spec`` to an openpyxl workbook (text always stored as text)."""
    ws: Worksheet = wb.create_sheet(spec.name)
    _write_cells(ws, spec)
    for coord, location in spec.links:
        ws[coord].hyperlink = Hyperlink(ref=coord, location=location)
    for rng in spec.merges:
        ws.merge_cells(rng)
    for col, width in spec.widths.items():
        ws.column_dimensions[get_column_letter(col)].width = width
    for row, height in spec.heights.items():
        ws.row_dimensions[row].height = height
    if spec.autofilter:
        ws.auto_filter.ref = spec.autofilter
    if spec.freeze:
        ws.freeze_panes = spec.freeze
    for c in spec.charts:
        ws.add_chart(_openpyxl_chart(ws, c), f"{get_column_letter(c.anchor[0])}{c.anchor[1]}")
    if spec.comments:
        from openpyxl.comments import Comment

        for coord, text in spec.comments.items():
            ws[coord].comment = Comment(text, "kinerja-xl", width=280, height=110)
    _page_openpyxl(ws, spec.page)
    return ws


def _page_openpyxl(ws: Worksheet, page: PrintSpec) -> None:
    """Print settings: paper A4, orientation, fit to one page wide, repeated title rows."""
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if page.landscape else "portrait"
    if page.fit_width:
        if ws.sheet_properties.pageSetUpPr is None:
            ws.sheet_properties.pageSetUpPr = PageSetupProperties()
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
    if page.title_rows:
        ws.print_title_rows = f"{page.title_rows[0]}:{page.title_rows[1]}"
    from openpyxl.worksheet.pagebreak import Break

    for row in page.breaks:
        ws.row_breaks.append(Break(id=row - 1))
    if page.footer:
        footer: Any = ws.oddFooter
        footer.left.text, _, footer.right.text = _footer_parts(page.footer)
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = ws.page_margins.bottom = 0.5


def _footer_parts(footer: str) -> tuple[str, str, str]:
    """(left, "", right) of a footer "&L<left>&R<right>" (openpyxl sets the sections apart)."""
    m = re.fullmatch(r"&L(.*)&R(.*)", footer, re.S)
    return (m.group(1), "", m.group(2)) if m else ("", "", footer)


def build_temuan(wb: XlWorkbook, findings: Iterable[Finding], lang: str = "id") -> Worksheet:
    """Add the Temuan sheet: one row per finding, a hyperlink to its cell, autofilter, frozen header."""
    return write_openpyxl(wb, temuan_spec(findings, lang))


def put(
    ws: Worksheet, row: int, col: int, value: Any, *, bold: bool = False, fill: str | None = None, number: bool = False
) -> Any:
    """Write one cell into an openpyxl sheet; text is always stored as text, never as a formula."""
    cell = ws.cell(row=row, column=col)
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"
    elif number and isinstance(value, (int, float)):
        cell.number_format = NUMBER_FORMAT
    if bold:
        cell.font = _BOLD
    if fill:
        cell.fill = PatternFill("solid", fgColor=fill)
    return cell
