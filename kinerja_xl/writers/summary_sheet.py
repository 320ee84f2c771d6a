"""The Ringkasan (recomputed scores) and Temuan (one row per finding) sheets.

Each sheet is first described as a :class:`SheetSpec` (cell values with a style key per cell,
column widths, hyperlinks, autofilter, frozen pane, chart). Two writers render a spec:
``writers/package.py`` writes its SpreadsheetML straight into the input package (fast: a handful
of precomputed style ids, no per-cell style objects), and :func:`write_openpyxl` puts it into an
openpyxl workbook (the fallback path).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from copy import copy
from dataclasses import dataclass, field
from typing import Any

from openpyxl.chart import BarChart, Reference
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.workbook import Workbook as XlWorkbook
from openpyxl.worksheet.hyperlink import Hyperlink
from openpyxl.worksheet.worksheet import Worksheet

from kinerja_xl.findings import Finding
from kinerja_xl.messages import ui
from kinerja_xl.model import PERIODS
from kinerja_xl.outputs import EXCEL_CELL_CHARS, excel_text

RINGKASAN = "Ringkasan"
TEMUAN = "Temuan"
SHEET_NAMES: tuple[str, str] = (RINGKASAN, TEMUAN)

# Excel's own "good / neutral / bad" palette, so the colours read as people expect.
STATUS_FILL = {"hijau": "C6EFCE", "kuning": "FFEB9C", "merah": "FFC7CE", "abu-abu": "D9D9D9"}
SEVERITY_FILL = {"error": "FFC7CE", "warning": "FFEB9C", "info": "DDEBF7"}
HEADER_FILL = "D9E1F2"
LINK_COLOR = "0563C1"
NUMBER_FORMAT = "0.00"  # Excel's built-in number format 2

# Style keys of a spec cell; "fill:RRGGBB" is a solid fill of that colour.
PLAIN, BOLD, TITLE, HEADER, NUMBER, LINK, WRAP = "plain", "bold", "title", "header", "number", "link", "wrap"
STYLE_KEYS: tuple[str, ...] = (PLAIN, BOLD, TITLE, HEADER, NUMBER, LINK, WRAP)
CHART_SIZE_CM = (18, 9)
# Characters XML 1.0 cannot carry (and lone surrogates, which UTF-8 cannot encode): dropped from text.
ILLEGAL_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")

_BOLD = Font(bold=True)
_TITLE = Font(bold=True, size=14)
_HEADER_FILL = PatternFill("solid", fgColor=HEADER_FILL)


def fill_key(rgb: str) -> str:
    """The style key of a solid fill."""
    return "fill:" + rgb


@dataclass
class ChartSpec:
    """A column chart of column B against the labels in column A, rows first..last of the sheet."""

    title: str
    y_title: str
    header_row: int  # holds the series name
    first: int
    last: int
    anchor_row: int  # the chart's top-left cell is column D of this row


@dataclass
class SheetSpec:
    """What one sheet shows: cells by row (col, value, style key), widths, links, filter, pane, chart."""

    name: str
    rows: dict[int, list[tuple[int, Any, str]]] = field(default_factory=dict)
    widths: dict[int, float] = field(default_factory=dict)
    links: list[tuple[str, str]] = field(default_factory=list)  # (cell, internal location)
    autofilter: str | None = None
    freeze: str | None = None  # top-left cell of the scrolling pane, e.g. "A2"
    chart: ChartSpec | None = None
    max_col: int = 0
    unordered: set[int] = field(default_factory=set)  # rows whose cells were not put left to right

    def put(self, row: int, col: int, value: Any, style: str = PLAIN, *, number: bool = False) -> None:
        """Set one cell; ``number`` gives numbers the 0.00 format (text keeps ``style``)."""
        if number and isinstance(value, (int, float)) and not isinstance(value, bool):
            style = NUMBER
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

    def header(self, row: int, labels: Iterable[str]) -> None:
        """A row of bold labels on the header fill."""
        for col, label in enumerate(labels, start=1):
            self.put(row, col, label, HEADER)

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


def ringkasan_spec(result, lang: str = "id", lost: Iterable[str] = ()) -> SheetSpec:
    """The Ringkasan sheet of a FileResult (workbook, analysis, profile) as a spec."""
    sp = SheetSpec(RINGKASAN)
    put = sp.put
    model, an, profile = (
        result.workbook,
        result.analysis,
        result.profile or (result.analysis.profile if result.analysis else None),
    )
    put(1, 1, ui("wb_title", lang), TITLE)
    row = 2
    facts = [
        (ui("file", lang).capitalize(), result.path.name if result.path else "-"),
        (ui("wb_unit", lang), (model.unit if model else None) or "-"),
        (ui("wb_year", lang), str(model.year) if model and model.year else "-"),
        (ui("wb_period", lang), (model.period if model else None) or "-"),
        (ui("wb_profile", lang), f"{profile.name} ({profile.title})" if profile else "-"),
    ]
    for label, value in facts:
        put(row, 1, label, BOLD)
        put(row, 2, value)
        row += 1
    put(row, 1, ui("wb_assumptions", lang), BOLD)
    texts = assumption_texts(an.assumptions, lang) if an else []
    for text in texts or [ui("wb_no_assumptions", lang)]:
        put(row, 2, text)
        row += 1
    lost = list(lost)
    if lost:
        put(row, 1, ui("wb_lost", lang), BOLD)
        for text in lost:
            put(row, 2, text)
            row += 1
    sp.widths = {1: 22, 2: 40, **{col: 16 for col in range(3, 11)}}
    if an is None:
        return sp

    row += 1
    put(row, 1, ui("wb_iku_table", lang), BOLD)
    row += 1
    sp.header(
        row,
        [
            ui("iku", lang),
            ui("wb_name", lang),
            ui("wb_ss", lang),
            ui("period", lang).capitalize(),
            ui("wb_capaian_reported", lang),
            ui("wb_capaian", lang),
            ui("wb_nilai_reported", lang),
            ui("wb_nilai", lang),
            ui("wb_status", lang),
        ],
    )
    row += 1
    status_keys = {k: fill_key(v) for k, v in STATUS_FILL.items()}
    for s in an.ikus:
        code, name, ss = s.iku.code or "-", s.iku.name, s.ss
        for period in PERIODS:
            ps = s.periods.get(period)
            if ps is None or all(
                v is None
                for v in (ps.target, ps.realisasi, ps.capaian, ps.nilai, ps.capaian_reported, ps.nilai_reported)
            ):
                continue
            # One list per row instead of nine put() calls: this table is most of the sheet.
            cells = [(1, code, PLAIN), (2, name, PLAIN), (3, ss, PLAIN), (4, period, PLAIN)]
            for col, value in enumerate((ps.capaian_reported, ps.capaian, ps.nilai_reported, ps.nilai), 5):
                is_num = isinstance(value, (int, float)) and not isinstance(value, bool)
                cells.append((col, value, NUMBER if is_num else PLAIN))
            cells.append((9, ps.status, status_keys.get(ps.status, PLAIN)))
            sp.rows[row] = cells
            row += 1
    sp.max_col = max(sp.max_col, 9)

    row += 1
    put(row, 1, ui("wb_nss_table", lang), BOLD)
    row += 1
    sp.header(row, [ui("wb_ss", lang), ui("wb_name", lang), *PERIODS])
    row += 1
    for ss, by_period in an.nss.items():
        put(row, 1, ss)
        put(row, 2, an.ss_names.get(ss, ss))
        for col, period in enumerate(PERIODS, 3):
            put(row, col, by_period.get(period), number=True)
        row += 1

    if an.np:
        row += 1
        put(row, 1, ui("wb_np_table", lang), BOLD)
        row += 1
        sp.header(row, [ui("wb_perspective", lang), "%", *PERIODS])
        row += 1
        for persp, by_period in an.np.items():
            put(row, 1, persp)
            put(row, 2, an.perspective_weights.get(persp), number=True)
            for col, period in enumerate(PERIODS, 3):
                put(row, col, by_period.get(period), number=True)
            row += 1

    row += 1
    put(row, 1, ui("wb_nko_table", lang), BOLD)
    row += 1
    sp.header(row, ["", "", *PERIODS])
    row += 1
    put(row, 1, ui("nko", lang), BOLD)
    for col, period in enumerate(PERIODS, 3):
        put(row, col, an.nko.get(period), number=True)
    row += 1
    put(row, 1, ui("predikat", lang).capitalize(), BOLD)
    for col, period in enumerate(PERIODS, 3):
        put(row, col, an.predikat.get(period) or "-")
    row += 2

    _chart_spec(sp, row, an, model.period if model and model.period else None, lang)
    return sp


def _chart_spec(sp: SheetSpec, row: int, an, period: str | None, lang: str) -> None:
    """A data table of recomputed Nilai per IKU for the reported period, and a bar chart of it."""
    if period is None:  # latest period with any recomputed Nilai
        period = next(
            (p for p in reversed(PERIODS) if any(s.periods.get(p) and s.periods[p].nilai is not None for s in an.ikus)),
            None,
        )
    if period is None or not an.ikus:
        return
    title = f"{ui('wb_chart', lang)} ({period})"
    sp.put(row, 1, title, BOLD)
    row += 1
    sp.header(row, [ui("iku", lang), ui("wb_nilai", lang)])
    first = row
    for s in an.ikus:
        row += 1
        ps = s.periods.get(period)
        sp.put(row, 1, s.iku.code or s.iku.name)
        sp.put(row, 2, ps.nilai if ps else None, number=True)
    sp.chart = ChartSpec(title, ui("wb_nilai", lang), first, first + 1, row, first)


def sheet_link(sheet: str, coord: str) -> str:
    """An internal hyperlink location: 'Sheet Name'!C5 (quotes doubled inside the name)."""
    first = coord.split(":")[0]
    return "'" + sheet.replace("'", "''") + "'!" + first


def temuan_spec(findings: Iterable[Finding], lang: str = "id") -> SheetSpec:
    """The Temuan sheet: one row per finding, a link to its cell, autofilter, frozen header."""
    sp = SheetSpec(TEMUAN)
    put = sp.put
    sp.header(
        1,
        [
            ui("wb_no", lang),
            ui("code", lang).capitalize(),
            ui("severity", lang).capitalize(),
            ui("wb_sheet", lang),
            ui("cell", lang).capitalize(),
            ui("iku", lang),
            ui("period", lang).capitalize(),
            ui("wb_actual", lang),
            ui("expected", lang).capitalize(),
            ui("message", lang).capitalize(),
        ],
    )
    row = 1
    for no, f in enumerate(sorted(findings, key=Finding.sort_key), 1):
        row += 1
        put(row, 1, no)
        put(row, 2, f.code)
        put(row, 3, ui(f.severity.value, lang), fill_key(SEVERITY_FILL[f.severity.value]))
        put(row, 4, f.sheet or "")
        if f.cell:
            put(row, 5, f.cell.coord, LINK)
            sp.links.append((f"E{row}", sheet_link(f.cell.sheet, f.cell.coord)))
        else:
            put(row, 5, "")
        put(row, 6, f.iku or "")
        put(row, 7, f.period or "")
        put(row, 8, f.actual, number=True)
        put(row, 9, f.expected, number=True)
        put(row, 10, f.message(lang), WRAP)
    sp.autofilter = f"A1:J{row}"
    sp.freeze = "A2"
    sp.widths = dict(enumerate((5, 8, 11, 16, 10, 10, 9, 11, 12, 90), start=1))
    return sp


# --- openpyxl rendering (fallback path) ----------------------------------------------------


def _apply_style(cell, key: str) -> None:
    if key == BOLD:
        cell.font = _BOLD
    elif key == TITLE:
        cell.font = _TITLE
    elif key == HEADER:
        cell.font = _BOLD
        cell.fill = _HEADER_FILL
    elif key == NUMBER:
        cell.number_format = NUMBER_FORMAT
    elif key == LINK:
        cell.font = Font(color=LINK_COLOR, underline="single")
    elif key == WRAP:
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    elif key.startswith("fill:"):
        cell.fill = PatternFill("solid", fgColor=key[5:])


def write_openpyxl(wb: XlWorkbook, spec: SheetSpec) -> Worksheet:
    """Add a sheet described by ``spec`` to an openpyxl workbook (text always stored as text)."""
    ws = wb.create_sheet(spec.name)
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
            if arr is None:
                _apply_style(cell, key)
                templates[key] = copy(cell._style)
            else:
                cell._style = copy(arr)
    for coord, location in spec.links:
        ws[coord].hyperlink = Hyperlink(ref=coord, location=location)
    for col, width in spec.widths.items():
        ws.column_dimensions[get_column_letter(col)].width = width
    if spec.autofilter:
        ws.auto_filter.ref = spec.autofilter
    if spec.freeze:
        ws.freeze_panes = spec.freeze
    if spec.chart:
        c = spec.chart
        chart = BarChart()
        chart.type = "col"
        chart.title = c.title
        chart.legend = None
        chart.y_axis.title = c.y_title
        chart.add_data(Reference(ws, min_col=2, min_row=c.header_row, max_row=c.last), titles_from_data=True)
        chart.set_categories(Reference(ws, min_col=1, min_row=c.first, max_row=c.last))
        chart.width, chart.height = CHART_SIZE_CM
        ws.add_chart(chart, f"D{c.anchor_row}")
    return ws


def build_ringkasan(wb: XlWorkbook, result, lang: str = "id", lost: Iterable[str] = ()) -> Worksheet:
    """Add the Ringkasan sheet to an openpyxl workbook from a FileResult (workbook, analysis, profile)."""
    return write_openpyxl(wb, ringkasan_spec(result, lang, lost))


def build_temuan(wb: XlWorkbook, findings: Iterable[Finding], lang: str = "id") -> Worksheet:
    """Add the Temuan sheet: one row per finding, a hyperlink to its cell, autofilter, frozen header."""
    return write_openpyxl(wb, temuan_spec(findings, lang))


def put(
    ws: Worksheet, row: int, col: int, value: Any, *, bold: bool = False, fill: str | None = None, number: bool = False
):
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
