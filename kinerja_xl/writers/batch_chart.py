"""The batch summary's chart: each unit's recomputed NKO Y (its latest period), coloured by status."""

from __future__ import annotations

from typing import Any

from kinerja_xl import scoring
from kinerja_xl.messages import ui
from kinerja_xl.model import PERIODS
from kinerja_xl.outputs import excel_text
from kinerja_xl.results import FileResult, RunResult
from kinerja_xl.writers.batch import BORDER, SHEET, BatchBook, parts
from kinerja_xl.writers.summary_sheet import STATUS_CHART


def latest_per_unit(run: RunResult) -> list[tuple[int, FileResult]]:
    """(row index, FileResult) of each unit's latest reported period, in table order (a unit once)."""
    best: dict[str, tuple[int, int, FileResult]] = {}
    for i, (_, fr) in enumerate(parts(run)):
        wb = fr.workbook
        if fr.analysis is None or wb is None:
            continue
        unit = wb.unit or fr.path.name
        rank = (wb.year or 0) * 10 + (PERIODS.index(wb.period) if wb.period in PERIODS else -1)
        if unit not in best or rank >= best[unit][0]:
            best[unit] = (rank, i, fr)
    return sorted(((i, fr) for _, i, fr in best.values()), key=lambda x: x[0])


def nko_chart(bb: BatchBook, ws: Any, run: RunResult, body: list[list[object]], width: int) -> None:
    """A bar chart of each unit's recomputed NKO Y, its latest period once, labelled by unit, coloured by status.

    When a unit has several files (Q1..Q4 of one office), the chart reads a small table of its own
    (unit + period, NKO) below the main one, so each unit is one bar."""
    latest = latest_per_unit(run)
    if not latest:
        return
    first = len(body) + 2  # a blank row, then the chart's own table
    ws.write_string(first, 1, ui("batch_chart_units", bb.lang), bb.header_format())
    ws.write_string(first, 4, ui("batch_nko_y", bb.lang), bb.header_format())
    ws.set_row(first, 32)
    labels: list[object] = []
    values: list[object] = []
    for k, (i, _) in enumerate(latest, first + 1):
        row = body[i]
        label = excel_text(f"{row[1]} ({row[2] or '-'})")
        ws.write_string(k, 1, label, bb.fmt(**BORDER))
        labels.append(label)
        value = row[4]
        if isinstance(value, (int, float)):
            ws.write_number(k, 4, value, bb.fmt(num_format=bb.number, **BORDER))
        values.append(value if isinstance(value, (int, float)) else None)
    last = first + len(latest)
    points = [{"fill": {"color": "#" + STATUS_CHART[_status(body[i][4], fr)]}} for i, fr in latest]
    chart = bb.book.add_chart({"type": "bar"})
    chart.add_series(
        {
            "name": ui("batch_nko_y", bb.lang),
            "categories": [SHEET, first + 1, 1, last, 1],
            "values": [SHEET, first + 1, 4, last, 4],
            # the chart's cache of those cells (xlsxwriter cannot read back rows it has streamed)
            "categories_data": chart_cache(labels),
            "values_data": chart_cache(values),
            "points": points,
            "data_labels": {"value": True, "num_format": bb.number},
            "gap": 60,
        }
    )
    chart.set_title({"name": ui("batch_chart", bb.lang), "name_font": {"size": 12}})
    chart.set_legend({"none": True})
    chart.set_x_axis(  # from 0, the dark gridline at 100 as on Ringkasan's charts
        {
            "min": 0,
            "name": "NKO",
            "num_format": bb.number_axis,
            "major_unit": 100,
            "minor_unit": 20,
            "major_gridlines": {"visible": True, "line": {"color": "#404040", "width": 1.25}},
            "minor_gridlines": {"visible": True, "line": {"color": "#D9D9D9"}},
        }
    )
    chart.set_y_axis({"reverse": True})  # the first unit on top, as in the table
    height = max(240, 60 + 26 * len(latest))
    chart.set_size({"width": 720, "height": height})
    ws.insert_chart(last + 2, 1, chart)
    # the print area takes in the chart (LibreOffice cuts a chart below the last used cell)
    ws.print_area(0, 0, last + 3 + height // 20, width - 1)


def chart_cache(cells: list[object]) -> list[object]:
    """A chart series' cached values as xlsxwriter takes them from its own cells: a number with
    Excel's precision, a text as it is, a blank cell "" and a cell never written None."""
    return [f"{v:.16g}" if isinstance(v, (int, float)) and not isinstance(v, bool) else v for v in cells]


def _status(value: Any, fr: FileResult) -> str:
    profile = fr.profile or (fr.analysis.profile if fr.analysis else None)
    if not isinstance(value, (int, float)) or profile is None:
        return "abu-abu"
    return scoring.status(value, profile)
