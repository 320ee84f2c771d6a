"""Build the Ringkasan (recomputed scores) and Temuan (one row per finding) sheets with openpyxl."""
from __future__ import annotations

from collections.abc import Iterable
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

RINGKASAN = "Ringkasan"
TEMUAN = "Temuan"
SHEET_NAMES: tuple[str, str] = (RINGKASAN, TEMUAN)

# Excel's own "good / neutral / bad" palette, so the colours read as people expect.
STATUS_FILL = {"hijau": "C6EFCE", "kuning": "FFEB9C", "merah": "FFC7CE", "abu-abu": "D9D9D9"}
SEVERITY_FILL = {"error": "FFC7CE", "warning": "FFEB9C", "info": "DDEBF7"}
NUMBER_FORMAT = "0.00"
_BOLD = Font(bold=True)
_TITLE = Font(bold=True, size=14)
_HEADER_FILL = PatternFill("solid", fgColor="D9E1F2")


def put(ws: Worksheet, row: int, col: int, value: Any, *, bold: bool = False,
        fill: str | None = None, number: bool = False):
    """Write one cell; text is always stored as text, never as a formula (input text is untrusted)."""
    cell = ws.cell(row=row, column=col)
    if isinstance(value, str):
        cell.value = value
        cell.data_type = "s"  # "=HYPERLINK(..)" or "+1" typed by someone stays text
    else:
        cell.value = value
        if number and isinstance(value, (int, float)):
            cell.number_format = NUMBER_FORMAT
    if bold:
        cell.font = _BOLD
    if fill:
        cell.fill = PatternFill("solid", fgColor=fill)
    return cell


def _header(ws: Worksheet, row: int, labels: Iterable[str]) -> None:
    for col, label in enumerate(labels, start=1):
        put(ws, row, col, label, bold=True).fill = _HEADER_FILL


def assumption_texts(assumptions: Iterable[str], lang: str = "id") -> list[str]:
    """The analysis' assumption keys worded for a person."""
    out = []
    for key in assumptions:
        name, _, arg = key.partition(":")
        text = ui(f"as_{name}", lang)
        out.append(text.replace("{iku}", arg) if arg else text)
    return out


def build_ringkasan(wb: XlWorkbook, result, lang: str = "id", lost: Iterable[str] = ()) -> Worksheet:
    """Add the Ringkasan sheet to an openpyxl workbook from a FileResult (workbook, analysis, profile)."""
    ws = wb.create_sheet(RINGKASAN)
    model, an, profile = result.workbook, result.analysis, result.profile or (
        result.analysis.profile if result.analysis else None)
    put(ws, 1, 1, ui("wb_title", lang), bold=True).font = _TITLE
    row = 2
    facts = [
        (ui("file", lang).capitalize(), result.path.name if result.path else "-"),
        (ui("wb_unit", lang), (model.unit if model else None) or "-"),
        (ui("wb_year", lang), str(model.year) if model and model.year else "-"),
        (ui("wb_period", lang), (model.period if model else None) or "-"),
        (ui("wb_profile", lang), f"{profile.name} ({profile.title})" if profile else "-"),
    ]
    for label, value in facts:
        put(ws, row, 1, label, bold=True)
        put(ws, row, 2, value)
        row += 1
    put(ws, row, 1, ui("wb_assumptions", lang), bold=True)
    texts = assumption_texts(an.assumptions, lang) if an else []
    for text in texts or [ui("wb_no_assumptions", lang)]:
        put(ws, row, 2, text)
        row += 1
    lost = list(lost)
    if lost:
        put(ws, row, 1, ui("wb_lost", lang), bold=True)
        for text in lost:
            put(ws, row, 2, text)
            row += 1
    ws.column_dimensions["A"].width = 22
    ws.column_dimensions["B"].width = 40
    for col in range(3, 11):
        ws.column_dimensions[get_column_letter(col)].width = 16
    if an is None:
        return ws

    row += 1
    put(ws, row, 1, ui("wb_iku_table", lang), bold=True)
    row += 1
    _header(ws, row, [ui("iku", lang), ui("wb_name", lang), ui("wb_ss", lang), ui("period", lang).capitalize(),
                      ui("wb_capaian_reported", lang), ui("wb_capaian", lang),
                      ui("wb_nilai_reported", lang), ui("wb_nilai", lang), ui("wb_status", lang)])
    row += 1
    for s in an.ikus:
        for period in PERIODS:
            ps = s.periods.get(period)
            if ps is None or all(v is None for v in (ps.target, ps.realisasi, ps.capaian, ps.nilai,
                                                     ps.capaian_reported, ps.nilai_reported)):
                continue
            put(ws, row, 1, s.iku.code or "-")
            put(ws, row, 2, s.iku.name)
            put(ws, row, 3, s.ss)
            put(ws, row, 4, period)
            for col, value in enumerate((ps.capaian_reported, ps.capaian, ps.nilai_reported, ps.nilai), 5):
                put(ws, row, col, value, number=True)
            put(ws, row, 9, ps.status, fill=STATUS_FILL.get(ps.status))
            row += 1

    row += 1
    put(ws, row, 1, ui("wb_nss_table", lang), bold=True)
    row += 1
    _header(ws, row, [ui("wb_ss", lang), ui("wb_name", lang), *PERIODS])
    row += 1
    for ss, by_period in an.nss.items():
        put(ws, row, 1, ss)
        put(ws, row, 2, an.ss_names.get(ss, ss))
        for col, period in enumerate(PERIODS, 3):
            put(ws, row, col, by_period.get(period), number=True)
        row += 1

    if an.np:
        row += 1
        put(ws, row, 1, ui("wb_np_table", lang), bold=True)
        row += 1
        _header(ws, row, [ui("wb_perspective", lang), "%", *PERIODS])
        row += 1
        for persp, by_period in an.np.items():
            put(ws, row, 1, persp)
            put(ws, row, 2, an.perspective_weights.get(persp), number=True)
            for col, period in enumerate(PERIODS, 3):
                put(ws, row, col, by_period.get(period), number=True)
            row += 1

    row += 1
    put(ws, row, 1, ui("wb_nko_table", lang), bold=True)
    row += 1
    _header(ws, row, ["", "", *PERIODS])
    row += 1
    put(ws, row, 1, ui("nko", lang), bold=True)
    for col, period in enumerate(PERIODS, 3):
        put(ws, row, col, an.nko.get(period), number=True)
    row += 1
    put(ws, row, 1, ui("predikat", lang).capitalize(), bold=True)
    for col, period in enumerate(PERIODS, 3):
        put(ws, row, col, an.predikat.get(period) or "-")
    row += 2

    _chart(ws, row, an, model.period if model and model.period else None, lang)
    return ws


def _chart(ws: Worksheet, row: int, an, period: str | None, lang: str) -> None:
    """A data table of recomputed Nilai per IKU for the reported period, and a bar chart of it."""
    if period is None:  # latest period with any recomputed Nilai
        period = next((p for p in reversed(PERIODS)
                       if any(s.periods.get(p) and s.periods[p].nilai is not None for s in an.ikus)), None)
    if period is None or not an.ikus:
        return
    title = f"{ui('wb_chart', lang)} ({period})"
    put(ws, row, 1, title, bold=True)
    row += 1
    _header(ws, row, [ui("iku", lang), ui("wb_nilai", lang)])
    first = row
    for s in an.ikus:
        row += 1
        ps = s.periods.get(period)
        put(ws, row, 1, s.iku.code or s.iku.name)
        put(ws, row, 2, ps.nilai if ps else None, number=True)
    chart = BarChart()
    chart.type = "col"
    chart.title = title
    chart.legend = None
    chart.y_axis.title = ui("wb_nilai", lang)
    chart.add_data(Reference(ws, min_col=2, min_row=first, max_row=row), titles_from_data=True)
    chart.set_categories(Reference(ws, min_col=1, min_row=first + 1, max_row=row))
    chart.width, chart.height = 18, 9
    ws.add_chart(chart, f"D{first}")


def sheet_link(sheet: str, coord: str) -> str:
    """An internal hyperlink location: 'Sheet Name'!C5 (quotes doubled inside the name)."""
    first = coord.split(":")[0]
    return "'" + sheet.replace("'", "''") + "'!" + first


def build_temuan(wb: XlWorkbook, findings: Iterable[Finding], lang: str = "id") -> Worksheet:
    """Add the Temuan sheet: one row per finding, a hyperlink to its cell, autofilter, frozen header."""
    ws = wb.create_sheet(TEMUAN)
    headers = [ui("wb_no", lang), ui("code", lang).capitalize(), ui("severity", lang).capitalize(),
               ui("wb_sheet", lang), ui("cell", lang).capitalize(), ui("iku", lang),
               ui("period", lang).capitalize(), ui("wb_actual", lang), ui("expected", lang).capitalize(),
               ui("message", lang).capitalize()]
    _header(ws, 1, headers)
    row = 1
    for no, f in enumerate(sorted(findings, key=Finding.sort_key), 1):
        row += 1
        put(ws, row, 1, no)
        put(ws, row, 2, f.code)
        put(ws, row, 3, ui(f.severity.value, lang), fill=SEVERITY_FILL[f.severity.value])
        put(ws, row, 4, f.sheet or "")
        link = put(ws, row, 5, f.cell.coord if f.cell else "")
        if f.cell:
            link.hyperlink = Hyperlink(ref=link.coordinate, location=sheet_link(f.cell.sheet, f.cell.coord))
            link.font = Font(color="0563C1", underline="single")
        put(ws, row, 6, f.iku or "")
        put(ws, row, 7, f.period or "")
        put(ws, row, 8, f.actual, number=True)
        put(ws, row, 9, f.expected, number=True)
        put(ws, row, 10, f.message(lang)).alignment = Alignment(wrap_text=True, vertical="top")
    ws.auto_filter.ref = f"A1:J{row}"
    ws.freeze_panes = "A2"
    for col, width in zip("ABCDEFGHIJ", (5, 8, 11, 16, 10, 10, 9, 11, 12, 90)):
        ws.column_dimensions[col].width = width
    return ws
