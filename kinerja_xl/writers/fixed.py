"""The fixed copy of a workbook (`kinerja-xl fix`): corrected cells filled and commented, Ringkasan and Perbaikan added.

The copy is written by patching the original package (writers/ooxml/, ``fix_package``): each
fixed cell gets its new number (or label, or canonical formula with its result) in its own number
format and style plus the fix fill, and a comment saying what it held; formulas that depend on a
fixed cell lose their cached value and the workbook asks to be recalculated on open. Every other
part is copied byte for byte. Ringkasan shows the scores after the fixes; Perbaikan lists every
change with a link to its cell and what is left for a person.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from kinerja_xl.findings import Finding, format_number
from kinerja_xl.fixes import Fix, FixPlan
from kinerja_xl.messages import ui
from kinerja_xl.results import FileResult
from kinerja_xl.writers.summary_sheet import (
    BOLD,
    HEADER,
    INDENT,
    LINK,
    TITLE,
    WRAP,
    PrintSpec,
    SheetSpec,
    combine,
    flag_style,
    num_key,
    severity_text,
    sheet_link,
)

PERBAIKAN = "Perbaikan"
COMMENT_AUTHOR = "kinerja-xl"


def shown(value: Any, lang: str = "id") -> str:
    """A fix's old or new value as a person reads it: a number with 2 decimals, text as it is."""
    if value is None:
        return "-"
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return format_number(float(value), lang)
    return str(value)


def change_text(fix: Fix, lang: str = "id") -> tuple[str, str]:
    """(old, new) of a fix for a person: formulas with their values, '=B7/B6 (201,68)'."""
    old, new = shown(fix.old, lang), shown(fix.new, lang)
    if fix.old_formula:
        old = f"{fix.old_formula} ({old})"
    if fix.formula:
        new = f"{fix.formula} ({new})"
    return old, new


def comment_text(fix: Fix, lang: str = "id") -> str:
    """The comment of a fixed cell: ``diperbaiki: tertulis 201,68 -> 94,47 (KX101)``."""
    old, new = change_text(fix, lang)
    text = ui("fx_comment", lang).format(old=old, new=new, code=fix.code)
    if not fix.safe:
        text += f" [{ui('fx_unsafe_applied', lang)}]"
    return f"{COMMENT_AUTHOR}:\n{text}"


def manual_reason(f: Finding, plan: FixPlan, lang: str = "id") -> str:
    """Why a remaining finding is left for a person."""
    for u in plan.unfixed:
        if u.finding.code == f.code and u.finding.cell == f.cell and u.finding.period == f.period:
            return ui(u.reason, lang).format(arg=u.arg) if u.arg else ui(u.reason, lang)
    return ui("fix-never-guessed", lang)


def fixed_view(result: FileResult) -> FileResult:
    """The FileResult as the fixed copy shows it: the model, scores and findings after the fixes."""
    plan = result.fix_plan
    assert plan is not None
    units = [
        dataclasses.replace(u, workbook=p.workbook, analysis=p.analysis, findings=list(p.remaining))
        for u, p in zip(result.units, plan.units, strict=False)
    ]
    return dataclasses.replace(
        result, workbook=plan.workbook, analysis=plan.analysis, findings=list(plan.remaining), units=units
    )


def _where_headers(lang: str) -> list[str]:
    """The first columns of both Perbaikan tables: No, sheet, cell, code, IKU, period."""
    return [
        ui("wb_no", lang),
        ui("wb_sheet", lang),
        ui("cell", lang).capitalize(),
        ui("code", lang).capitalize(),
        ui("iku", lang),
        ui("period", lang).capitalize(),
    ]


MANUAL_MESSAGE = 8  # the manual list's message: columns H..J merged; its reason in K
MANUAL_WIDTHS = (5, 12, 9, 8, 9, 9, 14, 14, 10, 40, 40)


def perbaikan_spec(result: FileResult, lang: str = "id") -> SheetSpec:
    """The Perbaikan sheet: NKO before and after, every change (with a link), then what is left by hand.

    Both tables share their first columns (No .. Periode); the manual list's message spans the
    columns the changes table uses for its numbers, and each row is as tall as its wrapped text.
    """
    plan = result.fix_plan
    assert plan is not None
    sp = SheetSpec(PERBAIKAN, number_style=num_key(lang), page=PrintSpec(title_rows=None), top=True)
    put = sp.put
    put(1, 1, ui("fx_title", lang), TITLE)
    row = 2
    period = "Y"
    reported = result.workbook.summary.nko if result.workbook and result.workbook.summary else None
    # labels overflow into the empty cells to their right; the numbers stand under "Tertulis"
    if reported is not None and reported.number is not None:
        put(row, 1, ui("fx_nko_before", lang), BOLD)
        put(row, 7, reported.number, number=True)
        row += 1
    put(row, 1, f"{ui('fx_nko', lang)} ({period})", BOLD)
    put(row, 7, plan.analysis.nko.get(period), number=True)
    row += 2
    put(row, 1, ui("fx_changes", lang), BOLD)
    row += 1
    headers = [
        *_where_headers(lang),
        ui("fx_old", lang),
        ui("fx_new", lang),
        ui("fx_safe", lang),
        ui("fx_formula", lang),
    ]
    sp.header(row, headers)
    sp.merge(row, 10, 11)
    if not plan.fixes:
        row += 1
        put(row, 1, ui("fx_none", lang))
    for no, fix in enumerate(plan.fixes, 1):
        row += 1
        put(row, 1, no)
        put(row, 2, fix.cell.sheet)
        put(row, 3, fix.cell.coord, LINK)
        sp.links.append((f"C{row}", sheet_link(fix.cell.sheet, fix.cell.coord)))
        put(row, 4, fix.code)
        put(row, 5, fix.iku or "")
        put(row, 6, fix.period or "")
        put(row, 7, fix.old if fix.old is not None else "", number=True)
        put(row, 8, fix.new, number=True)
        if fix.safe:
            put(row, 9, ui("fx_safe_yes", lang), INDENT)
        else:
            put(row, 9, ui("fx_safe_no", lang), combine(INDENT, flag_style("warning")))
        if fix.formula:
            put(row, 10, fix.formula, WRAP)
            sp.merge(row, 10, 11)
            sp.fit_row(row, fix.formula, MANUAL_WIDTHS[9] + MANUAL_WIDTHS[10])
    row += 2
    put(row, 1, ui("fx_manual", lang), BOLD)
    row += 1
    sp.header(
        row,
        [*_where_headers(lang), ui("severity", lang).capitalize(), ui("message", lang).capitalize(), "", "", ""],
    )
    sp.merge(row, MANUAL_MESSAGE, 10)
    put(row, 11, ui("fx_reason", lang), HEADER)
    message_width = sum(MANUAL_WIDTHS[MANUAL_MESSAGE - 1 : 10])
    if not plan.remaining:
        row += 1
        put(row, 1, ui("fx_no_manual", lang))
    for no, f in enumerate(plan.remaining, 1):
        row += 1
        put(row, 1, no)
        put(row, 2, f.sheet or "")
        if f.cell is not None:
            put(row, 3, f.cell.coord, LINK)
            sp.links.append((f"C{row}", sheet_link(f.cell.sheet, f.cell.coord)))
        put(row, 4, f.code)
        put(row, 5, f.iku or "")
        put(row, 6, f.period or "")
        put(row, 7, severity_text(f.severity.value, lang), flag_style(f.severity.value))
        message, reason = f.message(lang), manual_reason(f, plan, lang)
        put(row, MANUAL_MESSAGE, message, combine(WRAP, INDENT))
        sp.merge(row, MANUAL_MESSAGE, 10)
        put(row, 11, reason, combine(WRAP, INDENT))
        sp.fit_row(row, message, message_width - 2)
        sp.fit_row(row, reason, MANUAL_WIDTHS[10] - 2)
    sp.widths = dict(enumerate(MANUAL_WIDTHS, start=1))
    return sp
