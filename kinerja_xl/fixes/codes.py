"""The fix of each fixable finding code, one decorated function per kind of fix (see registry.py).

Numbers are in index points (``new`` and ``old``, as findings print them); ``raw`` is what the cell
stores: a fraction in a %-formatted cell, the points otherwise. A cell holding a formula is never
overwritten by a literal: it gets the canonical formula over the block's own cells when the
formula is one the reader understands (and a canonical formula exists), else it is left for a
person with a reason.
"""

from __future__ import annotations

import math
from typing import Any

from kinerja_xl import scoring
from kinerja_xl.analysis import Analysis
from kinerja_xl.findings import Finding
from kinerja_xl.fixes.cells import Cells
from kinerja_xl.fixes.formulas import canonical_formula, formula_value, summary_formula, understood
from kinerja_xl.fixes.registry import FixContext, fixer
from kinerja_xl.fixes.types import Fix, is_percent, old_of, points_to_raw
from kinerja_xl.model import CONSOLIDATED, CellRef, Value, column_letters


def _row_scale(v: Value, ctx: FixContext) -> bool:
    """Whether a cell should store a fraction (its row shows percent), by its row's other numbers.

    A block cell takes the scale most of its row's other numbers are stored in; a cell alone in its
    row, and a summary cell, keep their own."""
    owner = ctx.cells.owner.get(v.cell) if v.cell is not None else None
    if owner is None:
        return is_percent(v)
    iku, row, _ = owner
    others = [is_percent(o) for o in iku.rows.get(row, {}).values() if o is not v and o.number is not None]
    n_percent = others.count(True)
    if not others or n_percent * 2 == len(others):
        return is_percent(v)
    return n_percent * 2 > len(others)


def _in_scale(fix: Fix, v: Value, ctx: FixContext) -> Fix:
    """The fix's stored number in its row's scale; a fraction in a cell not yet formatted as percent
    also gets a percent format (so the cell shows what its row shows)."""
    percent = _row_scale(v, ctx)
    if isinstance(fix.new, (int, float)) and not isinstance(fix.new, bool):
        fix.raw = points_to_raw(float(fix.new), percent)
    fix.percent_format = percent and not v.percent_format
    return fix


def _gap_quarter(f: Finding, ctx: FixContext) -> str | None:
    """The quarter whose missing Realisasi a value fix must wait for, None when there is none.

    While a quarter in a consolidated column's range lacks its Realisasi, no cell of that column
    is fixed (rules.md section 1): its block cells, the summary row that repeats its Y, and an
    NSS/Np/NKO of that period (it would take in the column's Nilai)."""
    from kinerja_xl.analysis import consolidated_tr

    owner = ctx.cells.owner.get(f.cell) if f.cell is not None else None
    if f.code == "KX203" and f.period in CONSOLIDATED:
        for each in ctx.wb.ikus:
            rolled = consolidated_tr(each, f.period, ctx.wb.period)
            if rolled is not None and rolled[2] is not None:
                return rolled[2]
        return None
    if owner is not None:
        iku, _, period = owner
        if period not in CONSOLIDATED:
            return None
    elif f.code == "KX201" and f.iku:
        iku = next((i for i in ctx.wb.ikus if i.code == f.iku), None)  # type: ignore[assignment]
        period = "Y"
        if iku is None:
            return None
    else:
        return None
    rolled = consolidated_tr(iku, period, ctx.wb.period)
    return rolled[2] if rolled is not None else None


@fixer("KX011", safe=True, priority=0)
@fixer("KX012", safe=True, priority=1)
def _form_fix(f: Finding, ctx: FixContext) -> tuple[list[Fix], str | None]:
    """KX011 (a number stored as text) and KX012 (a number in the other percent scale than its row):
    the number the reader already took from the cell, stored as a number in its row's scale."""
    v = ctx.cells.value(f.cell)
    if v is None:
        return [], "fix-not-computable"
    if v.formula:
        return [], "fix-formula-opaque"
    if v.number is None or (f.code == "KX012" and not isinstance(v.raw, (int, float))):
        return [], "fix-not-computable"
    old = old_of(v)
    if f.code == "KX012":
        assert isinstance(v.raw, (int, float))
        old = float(v.raw) * 100.0 if is_percent(v) else float(v.raw)
    cell = v.cell or f.cell
    if cell is None:
        return [], "fix-not-computable"
    # KX012 on a Target or Realisasi rewrites a stored number of the data (its scale is read from the
    # row: a guess a person confirms): unsafe. Text that is a number (KX011) is the same value: safe.
    safe = ctx.safe and not (f.code == "KX012" and _is_data(v, ctx))
    fix = Fix(cell, f.code, old, v.number, safe, iku=f.iku, period=f.period)
    return [_in_scale(fix, v, ctx)], None


def _is_data(v: Value, ctx: FixContext) -> bool:
    """Whether a cell is a Target or Realisasi (of a block or of the summary table)."""
    owner = ctx.cells.owner.get(v.cell) if v.cell is not None else None
    if owner is not None:
        return owner[1] in ("target", "realisasi")
    summary = ctx.wb.summary
    return summary is not None and any(v is r.target or v is r.realisasi for r in summary.ikus)


@fixer("KX101", "KX102", "KX103", "KX104", safe=True)
@fixer("KX110", safe=False)  # a consolidated Target or Realisasi: data, a person decides which one is wrong
@fixer("KX201", "KX203", safe=True, after_blocks=True)
def _value_fix(f: Finding, ctx: FixContext) -> tuple[list[Fix], str | None]:
    """A wrong number: the value the rules expect, as a literal or as the cell's canonical formula.
    A summary copy (KX201) takes its block cell's corrected value when this round corrects it."""
    assert f.cell is not None
    v = ctx.cells.value(f.cell)
    if v is None:
        return [], "fix-not-computable"
    gap = _gap_quarter(f, ctx)
    if gap is not None:
        return [], f"fix-fill-realisasi:{gap}"
    new = f.expected
    if f.code == "KX201" and ctx.pending:
        block = _cell_ref(str(f.params.get("block_cell", "")))
        if block is not None and block in ctx.pending and ctx.pending[block].is_number:
            new = float(ctx.pending[block].new)
    if new is None or not math.isfinite(new):
        return [], "fix-not-computable"
    fix = _in_scale(Fix(f.cell, f.code, old_of(v), new, ctx.safe, iku=f.iku, period=f.period), v, ctx)
    if not v.formula:
        return [fix], None
    fix.old_formula = v.formula
    fix.percent_format = False  # a formula keeps its cell's format; its result is in the cell's own scale
    fix.raw = points_to_raw(new, is_percent(v))
    reason = _formula_fix(f, v, fix, ctx)
    return ([], reason) if reason else ([fix], None)


def _formula_fix(f: Finding, v: Value, fix: Fix, ctx: FixContext) -> str | None:
    """Give a formula cell's fix its canonical formula; the reason it is left for a person otherwise."""
    assert v.formula is not None and isinstance(fix.new, (int, float))
    if not understood(v.formula):
        return "fix-formula-opaque"
    if _formula_is_right(v, fix.new, ctx.an, ctx.cells):
        return "fix-upstream"  # its inputs are wrong: fixed there, or left for a person there
    fix.formula = _formula_for(f, v, ctx, is_percent(v))
    return None if fix.formula else "fix-no-formula"


def _cell_ref(text: str) -> CellRef | None:
    """'IKU!H63' (as findings print a cell) -> CellRef."""
    sheet, _, coord = text.rpartition("!")
    return CellRef(sheet, coord) if sheet and coord else None


def _corrected(an: Analysis, cells: Cells) -> dict[CellRef, float]:
    """The raw number every block Capaian and Nilai cell should hold (in its own scale), by cell.

    Cached per analysis: every formula finding of a round asks."""
    if cells.corrected is not None and cells.corrected[0] is an:
        return cells.corrected[1]
    out: dict[CellRef, float] = {}
    for score in an.ikus:
        for period, ps in score.periods.items():
            for row, right in (("capaian", ps.capaian), ("nilai", ps.nilai)):
                v = score.iku.value(row, period)
                if right is not None and v is not None and v.cell is not None:
                    out[v.cell] = points_to_raw(right, is_percent(v))
    cells.corrected = (an, out)
    return out


def _formula_is_right(v: Value, expected: float, an: Analysis, cells: Cells) -> bool:
    """Whether a formula gives the expected value once the Capaian/Nilai cells it reads are right."""
    from kinerja_xl.reader.formulas import NotEvaluable, evaluate

    if v.cell is None or v.formula is None:
        return False
    corrected = _corrected(an, cells)
    sheet = v.cell.sheet

    def resolve(where: str | None, row: int, col: int) -> Any:
        ref = CellRef(where or sheet, f"{column_letters(col)}{row}")
        if ref in corrected:
            return corrected[ref]
        other = cells.value(ref)
        if other is None:
            raise NotEvaluable("outside the model")
        return other.raw

    try:
        result = evaluate(v.formula, resolve)
    except (NotEvaluable, ArithmeticError, ValueError, TypeError, RecursionError):
        return False
    if not isinstance(result, (int, float)) or isinstance(result, bool):
        return False
    points = float(result) * 100.0 if is_percent(v) else float(result)
    return scoring.matches(points, expected, 1e-6)


def _formula_for(f: Finding, v: Value, ctx: FixContext, percent: bool) -> str | None:
    """The canonical formula of a finding's cell, None when there is none."""
    wb, an, cells, profile = ctx.wb, ctx.an, ctx.cells, ctx.profile
    owner = cells.owner.get(v.cell) if v.cell is not None else None
    if owner is not None:
        iku, row, period = owner
        score = next((s for s in an.ikus if s.iku is iku), None)
        konversi = bool(score and score.konversi)
        formula = canonical_formula(iku, row, period, profile, konversi, percent)
        if formula is None or f.expected is None:
            return None
        # The formula must give what the rules expect (consolidated columns are scored on the
        # quarters; a column whose own T/R differ from them has no formula over its own cells).
        result = formula_value(iku, row, period, profile, konversi)
        return formula if result is not None and scoring.matches(result, f.expected, 1e-6) else None
    if f.code == "KX201" and wb.summary is not None and f.iku:
        field_name = {"Target": "target", "Realisasi": "realisasi", "Nilai": "nilai"}.get(
            str(f.params.get("field")), ""
        )
        block_iku = next((i for i in wb.ikus if i.code == f.iku), None)
        block = block_iku.value(field_name, "Y") if block_iku is not None and field_name else None
        return summary_formula(block, percent) if block is not None else None
    return None  # NSS / Np / NKO: a weighted chain, no canonical formula over one block


@fixer("KX021", safe=False)
def _label_fix(f: Finding, ctx: FixContext) -> tuple[list[Fix], str | None]:
    """KX021: the Pol/KP label with the polarisasi the reported capaian follow (konsolidasi kept)."""
    wb, safe = ctx.wb, ctx.safe
    iku = next((i for i in wb.ikus if i.polkp_cell == f.cell), None)
    fitted = f.params.get("fitted")
    if iku is None or not fitted or iku.polkp_cell is None:
        return [], "fix-not-computable"
    if iku.polkp_cell.sheet != iku.sheet:  # the summary's Polarisasi column holds the polarisasi alone
        old, new = iku.polarisasi, str(fitted)
    else:
        old, new = iku.polkp_raw or f"{iku.polarisasi}/{iku.konsolidasi}", f"{fitted}/{iku.konsolidasi}"
    return [Fix(iku.polkp_cell, f.code, old, new, safe, new, iku=f.iku)], None


@fixer("KX004", safe=False)
def _year_fix(f: Finding, ctx: FixContext) -> tuple[list[Fix], str | None]:
    """KX004: the Y-NN label with the workbook's year, written the way the label was (Y-22 -> Y-24)."""
    wb, safe = ctx.wb, ctx.safe
    iku = next((i for i in wb.ikus if i.year_cell == f.cell), None)
    if iku is None or wb.year is None or not iku.year_text or iku.year_label is None:
        return [], "fix-not-computable"
    old = iku.year_text
    long_, short = str(iku.year_label), f"{iku.year_label % 100:02d}"
    if long_ in old:
        new = old.replace(long_, str(wb.year), 1)
    else:
        idx = old.rfind(short)
        if idx < 0:
            return [], "fix-not-computable"
        new = old[:idx] + f"{wb.year % 100:02d}" + old[idx + 2 :]
    if f.cell is None:
        return [], "fix-not-computable"
    return [Fix(f.cell, f.code, old, new, safe, new, iku=f.iku, period=f.period)], None
