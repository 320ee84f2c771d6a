"""The Ringkasan (recomputed scores) and Temuan (one row per finding) sheets.

Each sheet is first described as a :class:`SheetSpec` (cell values with a style key per cell,
column widths, hyperlinks, autofilter, frozen pane, chart). Two writers render a spec:
``writers/ooxml/`` writes its SpreadsheetML straight into the input package (fast: a handful
of precomputed style ids, no per-cell style objects), and ``sheet_openpyxl.write_openpyxl`` puts
it into an openpyxl workbook (the fallback path). The spec vocabulary is in ``sheet_spec``.
"""

from __future__ import annotations

from collections.abc import Iterable

from kinerja_xl.findings import Finding
from kinerja_xl.messages import ui
from kinerja_xl.model import column_letters
from kinerja_xl.writers.sheet_spec import (
    BIG,
    BOLD,
    BORDER,
    BORDER_COLOR,
    CENTER,
    CHART_SIZE_CM,
    FIXED_FILL,
    FLAG_COLOR,
    HEADER,
    HEADER_FILL,
    ILLEGAL_XML,
    INDENT,
    ITALIC,
    LINE_HEIGHT,
    LINK,
    LINK_COLOR,
    MARK,
    MARK_COLOR,
    MIDDLE,
    NUMBER,
    NUMBER_FORMAT,
    PLAIN,
    RIGHT,
    SEVERITY_FILL,
    SIGNS,
    STATUS_CHART,
    STATUS_FILL,
    STYLE_KEYS,
    TITLE,
    TOP,
    WRAP,
    ChartSpec,
    PrintSpec,
    SheetSpec,
    Style,
    combine,
    fill_key,
    flag_key,
    flag_style,
    num_key,
    number_axis_format,
    number_format,
    parse_style,
    text_height,
)

# The spec vocabulary lives in sheet_spec (no openpyxl); its names stay importable from here.
__all__ = [
    "BIG",
    "BOLD",
    "BORDER",
    "BORDER_COLOR",
    "CENTER",
    "CHART_SIZE_CM",
    "FIXED_FILL",
    "FLAG_COLOR",
    "HEADER",
    "HEADER_FILL",
    "ILLEGAL_XML",
    "INDENT",
    "ITALIC",
    "LINE_HEIGHT",
    "LINK",
    "LINK_COLOR",
    "MARK",
    "MARK_COLOR",
    "MESSAGE_WIDTH",
    "MIDDLE",
    "NUMBER",
    "NUMBER_FORMAT",
    "PLAIN",
    "RIGHT",
    "RINCIAN",
    "RINGKASAN",
    "SEVERITY_FILL",
    "SHEET_NAMES",
    "SIGNS",
    "STATUS_CHART",
    "STATUS_FILL",
    "STYLE_KEYS",
    "TEMUAN",
    "TITLE",
    "TOP",
    "WRAP",
    "ChartSpec",
    "PrintSpec",
    "SheetSpec",
    "Style",
    "assumption_texts",
    "combine",
    "fill_key",
    "flag_key",
    "flag_style",
    "footer_text",
    "num_key",
    "number_axis_format",
    "number_format",
    "parse_style",
    "sections_of",
    "severity_text",
    "sheet_link",
    "temuan_spec",
    "text_height",
]

RINGKASAN = "Ringkasan"
TEMUAN = "Temuan"
RINCIAN = "Rincian"
SHEET_NAMES: tuple[str, ...] = (RINGKASAN, TEMUAN, RINCIAN)


def severity_text(severity: str, lang: str = "id") -> str:
    """'! kesalahan', '? peringatan', 'i info': the sign the legend explains, then the word."""
    return f"{SIGNS[severity]} {ui(severity, lang)}"


def footer_text(lang: str = "id") -> str:
    """The footer of every sheet we write: the file name left, ``Halaman &P dari &N`` right."""
    return "&L&F&R" + ui("ft_page", lang)


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
    sp.autofilter = f"A1:{column_letters(len(head))}{row}"
    sp.freeze = "A2"
    widths = [5, 8, 13, 16, 10, 10, *([16] if seksi else []), 9, 11, 12, MESSAGE_WIDTH]
    sp.widths = dict(enumerate(widths, start=1))
    return sp
