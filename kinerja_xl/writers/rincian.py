"""Rincian: one row per IKU and period (written vs recomputed capaian and Nilai), filterable."""

from __future__ import annotations

from typing import Any

from kinerja_xl.analysis import IkuScore
from kinerja_xl.findings import Finding
from kinerja_xl.messages import ui
from kinerja_xl.model import PERIODS
from kinerja_xl.results import FileResult
from kinerja_xl.writers.dashboard_layout import MARKS, _letter, iku_key, label_findings
from kinerja_xl.writers.summary_sheet import (
    BORDER,
    CENTER,
    HEADER,
    INDENT,
    LINK,
    RINCIAN,
    STATUS_FILL,
    TOP,
    WRAP,
    PrintSpec,
    SheetSpec,
    combine,
    fill_key,
    flag_style,
    num_key,
    sections_of,
    sheet_link,
    text_height,
)

RINCIAN_WIDTHS = (11, 40, 6, 10, 8, 10, 10, 11, 11, 11, 11, 9, 29, 16)  # Temuan: 4 codes (a link does not wrap)


def _rincian_findings(sp: SheetSpec, row: int, cells: list[tuple[int, Any, str]], found: list[Finding]) -> None:
    """A Rincian row's Temuan cell: its codes, marked by the worst one, linked to that one's cell."""
    if not found:
        return
    codes = ", ".join(dict.fromkeys(f.code for f in found))
    sev = found[0].severity.value
    text = f"{MARKS[sev]} {codes}"
    cells.append((13, text, combine(LINK, TOP, flag_style(sev))))
    cell = found[0].cell
    if cell is not None:
        sp.links.append((f"M{row}", sheet_link(cell.sheet, cell.coord)))


def rincian_spec(result: FileResult, lang: str = "id") -> SheetSpec:
    """Rincian: one row per IKU and period with written vs recomputed capaian and Nilai, filterable."""
    sp = SheetSpec(RINCIAN, number_style=num_key(lang), page=PrintSpec(title_rows=(1, 1)))
    head = [
        ui("iku", lang),
        ui("db_iku_name", lang),
        ui("wb_ss", lang),
        "Pol/KP",
        ui("period", lang).capitalize(),
        ui("db_target", lang),
        ui("db_realisasi", lang),
        ui("wb_capaian_reported", lang),
        ui("wb_capaian", lang),
        ui("wb_nilai_reported", lang),
        ui("wb_nilai", lang),
        ui("wb_status", lang),
        ui("findings", lang).capitalize(),
    ]
    sections = sections_of(result.workbook)  # a Seksi column, last, when any section is known
    if sections:
        head.append(ui("wb_seksi", lang))
    sp.header(1, head, key=combine(HEADER, BORDER, CENTER))
    sp.heights[1] = 45
    sp.widths = dict(enumerate(RINCIAN_WIDTHS, start=1))
    sp.freeze = "C2"
    an = result.analysis
    row = 1
    if an is None:
        sp.autofilter = f"A1:{_letter(len(head))}1"
        return sp
    num = combine(num_key(lang), TOP)  # every cell of a row top-aligned, as its wrapped name
    status_keys = {k: combine(fill_key(v), TOP, INDENT) for k, v in STATUS_FILL.items()}  # off the numbers
    # a workbook of several units: each unit's IKU with its own findings (codes repeat across units);
    # every row of a KX021 IKU names and links its Pol/KP finding
    parts = [(u.analysis.ikus, u.findings) for u in result.units if u.analysis]
    scored = [
        (s, by_cell, labels)
        for ikus, findings in parts or [(an.ikus, result.findings)]
        for by_cell, labels in [(_by_iku_period(findings), label_findings(findings))]
        for s in ikus
    ]
    for s, by_cell, labels in scored:
        row = _iku_rows(sp, row, s, by_cell, labels.get(iku_key(s.iku)), sections, num, status_keys)
    sp.max_col = len(head)
    sp.autofilter = f"A1:{_letter(len(head))}{row}"
    return sp


def _iku_rows(
    sp: SheetSpec,
    row: int,
    s: IkuScore,
    by_cell: dict[tuple[str, str | None], list[Finding]],
    label: Finding | None,
    sections: dict[str, str],
    num: str,
    status_keys: dict[str, str],
) -> int:
    """The Rincian rows of one IKU after ``row``, one per period with a number; the last row."""
    heights, rows = sp.heights, sp.rows
    iku = s.iku
    key = iku_key(iku)
    code, name, ss, polkp = iku.code or "-", iku.name, s.ss, f"{iku.polarisasi}/{iku.konsolidasi}"
    height = text_height(name, 40)  # every row of the IKU wraps its name (SheetSpec.fit_row)
    section = sections.get(key, "") if sections else None
    for period in PERIODS:
        ps = s.periods.get(period)
        if ps is None:
            continue
        values = (ps.target, ps.realisasi, ps.capaian_reported, ps.capaian, ps.nilai_reported, ps.nilai)
        if values.count(None) == len(values):
            continue
        row += 1
        cells: list[tuple[int, Any, str]] = [(1, code, TOP), (2, name, WRAP), (3, ss, TOP)]
        if height is not None and height > heights.get(row, 0):
            heights[row] = height
        cells += [(4, polkp, TOP), (5, period, TOP)]
        for col, value in enumerate(values, 6):
            if value.__class__ is float:
                cells.append((col, value, num))
            else:
                is_num = isinstance(value, (int, float)) and not isinstance(value, bool)
                cells.append((col, value, num if is_num else TOP))
        cells.append((12, ps.status, status_keys.get(ps.status, TOP)))
        found = by_cell.get((key, period), [])
        if label is not None:
            found = [*found, label]
        _rincian_findings(sp, row, cells, found)
        if section is not None:
            cells.append((14, section, TOP))
        rows[row] = cells
    return row


def _by_iku_period(findings: list[Finding]) -> dict[tuple[str, str | None], list[Finding]]:
    """(IKU, period) -> its findings, worst first."""
    by_cell: dict[tuple[str, str | None], list[Finding]] = {}
    for f in sorted(findings, key=lambda f: (-f.severity.rank, f.sort_key())):
        if f.iku:
            by_cell.setdefault((f.iku, f.period), []).append(f)
    return by_cell
