"""The year at a glance: one sheet per unit and year in ringkasan-batch.xlsx (xlsxwriter).

NKO and every IKU's recomputed Nilai per quarter, from the submissions the run compared
(kinerja_xl.history_year.year_table), filled by status, with a line chart of NKO per quarter and
the list of submissions. writers/batch.py calls add_year_sheets on its open workbook.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from kinerja_xl.history import Group, groups
from kinerja_xl.history_year import YearRow, YearTable, year_table
from kinerja_xl.messages import ui
from kinerja_xl.model import QUARTERS
from kinerja_xl.outputs import excel_text
from kinerja_xl.writers.summary_sheet import STATUS_FILL, number_format

FIRST_ROW = 3  # the header row of the quarter table (0-based)
_NOT_IN_NAME = re.compile(r"[\[\]:*?/\\]")


def unit_groups(run: Any) -> list[Group]:
    """The groups of a run with a year to show: two submissions or more, one of them an input.

    A lone file's year is its own Ringkasan sheet; a unit only in --history is not this run's.
    """
    subs = getattr(run, "submissions", None) or []
    found = [g for g in groups(subs) if g.size > 1 and any(not s.archived for s in g.ordered + g.unknown)]
    return sorted(found, key=lambda g: (g.unit.casefold(), g.year))


def sheet_name(unit: str, year: int, taken: set[str]) -> str:
    """A legal, unique sheet name: '<unit> <year>' within Excel's 31 characters."""
    base = " ".join(_NOT_IN_NAME.sub(" ", unit).split()).strip("'") or "Unit"
    tail = f" {year}"
    name = base[: 31 - len(tail)].rstrip() + tail
    n = 2
    while name.casefold() in taken:
        suffix = f" ({n})"
        name = base[: 31 - len(tail) - len(suffix)].rstrip() + tail + suffix
        n += 1
    taken.add(name.casefold())
    return name


def add_year_sheets(book: Any, run: Any, lang: str = "id") -> list[str]:
    """Add a year sheet per unit and year of the run to an open xlsxwriter workbook; return their names."""
    taken = {ws.get_name().casefold() for ws in book.worksheets()}
    results = {str(fr.path): fr for fr in run.files}
    names = []
    for g in unit_groups(run):
        table = year_table(g)
        name = sheet_name(table.unit, table.year, taken)
        _write_sheet(book, book.add_worksheet(name), name, table, results, lang)
        names.append(name)
    return names


def _write_sheet(book: Any, ws: Any, name: str, t: YearTable, results: dict[str, Any], lang: str) -> None:
    fmt = _formats(book, lang)
    ws.write_string(0, 0, excel_text(ui("year_title", lang).format(unit=t.unit, year=t.year)), fmt["title"])
    ws.write_string(1, 0, ui("year_note", lang), fmt["note"])
    r = FIRST_ROW
    for col, text in enumerate([ui("year_code", lang), ui("year_name", lang), *QUARTERS]):
        ws.write_string(r, col, text, fmt["head"])
    ws.write_string(r + 1, 0, ui("year_source", lang), fmt["source"])
    ws.write_blank(r + 1, 1, None, fmt["source"])
    for col, q in enumerate(QUARTERS, 2):
        sub = t.source[q]
        text = excel_text(sub.name) if sub else "-"
        if q in t.ambiguous:  # two files of one quarter and time (KX308): neither is shown as the year's
            names = ", ".join(s.name for s in t.ambiguous[q])
            text = excel_text(ui("year_ambiguous", lang).format(files=names))
        ws.write_string(r + 1, col, text, fmt["source"])
    _write_row(ws, r + 2, t.nko, fmt, bold=True)
    for i, row in enumerate(t.ikus):
        _write_row(ws, r + 3 + i, row, fmt, empty=frozenset(t.ambiguous))
    last = r + 2 + len(t.ikus)
    _chart(book, ws, name, r, lang, [t.nko.nilai.get(q) for q in QUARTERS])
    _submissions(ws, last + 2, t, results, fmt, lang)
    ws.set_column(0, 0, 9)
    ws.set_column(1, 1, 60)
    ws.set_column(2, 5, 18)
    ws.set_column(6, 6, 12)
    ws.freeze_panes(r + 1, 2)


def _write_row(
    ws: Any, r: int, row: YearRow, fmt: dict[str, Any], bold: bool = False, empty: frozenset[str] = frozenset()
) -> None:
    if row.code:
        ws.write_string(r, 0, excel_text(row.code), fmt["bold"] if bold else None)
    ws.write_string(r, 1, excel_text(row.name), fmt["bold"] if bold else None)
    for col, q in enumerate(QUARTERS, 2):
        value, status = row.nilai.get(q), row.status.get(q, "abu-abu")
        cell = fmt[("bold-" if bold else "") + status]
        if value is not None:
            ws.write_number(r, col, value, cell)
        elif bold or q in empty:
            ws.write_blank(r, col, None, cell)  # the chart's row: a gap, not a 0; an ambiguous quarter: empty
        else:
            ws.write_string(r, col, "N/A", cell)


def _chart(book: Any, ws: Any, name: str, r: int, lang: str, nko: list[float | None]) -> None:
    """The NKO per quarter as a line, over the NKO row (a quarter without NKO a gap)."""
    from kinerja_xl.writers.batch_chart import chart_cache

    chart = book.add_chart({"type": "line"})
    quoted = "'" + name.replace("'", "''") + "'"
    chart.add_series(
        {
            "name": "NKO",
            "categories": f"={quoted}!$C${r + 1}:$F${r + 1}",
            "values": f"={quoted}!$C${r + 3}:$F${r + 3}",
            # the cells' cache (xlsxwriter cannot read back rows it has streamed): the quarters
            # of the header row; the NKO row's numbers, a blank cell where a quarter has none
            "categories_data": chart_cache(list(QUARTERS)),
            "values_data": chart_cache(["" if v is None else v for v in nko]),
            "marker": {"type": "circle", "size": 7},
            "data_labels": {"value": True, "num_format": number_format(lang)},
        }
    )
    chart.set_title({"name": ui("year_chart", lang)})
    chart.set_legend({"none": True})
    chart.set_y_axis({"num_format": "[$-421]#,##0" if lang == "id" else "#,##0", "min": 0})
    chart.show_blanks_as("gap")
    chart.set_size({"width": 520, "height": 300})
    ws.insert_chart(r, 7, chart)


def _submissions(ws: Any, r: int, t: YearTable, results: dict[str, Any], fmt: dict[str, Any], lang: str) -> None:
    """The submissions compared, oldest first: file, period, file time, archive or input, NKO, KX3xx count."""
    ws.write_string(r, 0, ui("year_submissions", lang), fmt["bold"])
    head = [
        ui("batch_no", lang),
        ui("year_source", lang),
        ui("year_period", lang),
        ui("year_mtime", lang),
        ui("year_archived", lang),
        "NKO",
        ui("year_changes", lang),
    ]
    for col, text in enumerate(head):
        ws.write_string(r + 1, col, text, fmt["head"])
    for n, sub in enumerate(t.submissions, 1):
        row = r + 1 + n
        fr = results.get(sub.path)
        nko = sub.nko.get(sub.period) if sub.period else None
        changes = sum(1 for f in fr.findings if f.code.startswith("KX3")) if fr is not None else None
        ws.write_number(row, 0, n)
        ws.write_string(row, 1, excel_text(sub.name))
        ws.write_string(row, 2, sub.period or "-")
        ws.write_string(row, 3, datetime.fromtimestamp(sub.mtime_ns / 1e9).strftime("%Y-%m-%d %H:%M:%S"))
        ws.write_string(row, 4, ui("yes" if sub.archived else "no", lang))
        if nko is None:
            ws.write_string(row, 5, "N/A")
        else:
            ws.write_number(row, 5, nko, fmt["num"])
        if changes is None:
            ws.write_string(row, 6, "-")
        else:
            ws.write_number(row, 6, changes)


def _formats(book: Any, lang: str = "id") -> dict[str, Any]:
    """The cell formats of a year sheet (one per distinct look), numbers in the language's convention."""
    num = number_format(lang)
    out: dict[str, Any] = {
        "title": book.add_format({"bold": True, "font_size": 13}),
        "note": book.add_format({"italic": True, "font_color": "#595959"}),
        "head": book.add_format({"bold": True, "bg_color": "#D9E1F2", "border": 1, "align": "center"}),
        "source": book.add_format({"italic": True, "font_size": 8, "text_wrap": True, "border": 1}),
        "bold": book.add_format({"bold": True}),
        "num": book.add_format({"num_format": num}),
    }
    for status, color in STATUS_FILL.items():
        base = {"num_format": num, "bg_color": f"#{color}", "border": 1, "align": "center"}
        out[status] = book.add_format(base)
        out[f"bold-{status}"] = book.add_format({**base, "bold": True})
    return out
