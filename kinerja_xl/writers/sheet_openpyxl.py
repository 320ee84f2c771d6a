"""Render a sheet spec (sheet_spec.SheetSpec) into an openpyxl workbook: the fallback path of the
annotated copy when the package cannot be patched."""

from __future__ import annotations

import re
from collections.abc import Iterable
from copy import copy
from typing import Any

from openpyxl.chart import BarChart, Reference
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.workbook import Workbook as XlWorkbook
from openpyxl.worksheet.hyperlink import Hyperlink
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from kinerja_xl.findings import Finding
from kinerja_xl.writers.sheet_spec import (
    BORDER_COLOR,
    HEADER_FILL,
    ILLEGAL_XML,
    NUMBER_FORMAT,
    PLAIN,
    ChartSpec,
    PrintSpec,
    SheetSpec,
    parse_style,
)
from kinerja_xl.writers.summary_sheet import temuan_spec

_BOLD = Font(bold=True)
_TITLE = Font(bold=True, size=14)
_HEADER_FILL = PatternFill("solid", fgColor=HEADER_FILL)


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
