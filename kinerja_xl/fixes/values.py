"""The corrected content of a cell whose number is wrong, shared by the fixes declared beside their
codes: ``corrected_value`` (KX101-KX104 in rules/values.py, KX110 in rules/consistency.py, KX201
and KX203 in rules/aggregates.py) and ``in_scale`` (also KX011 and KX012 in reader/codes.py).

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
from kinerja_xl.fixes.registry import FixContext
from kinerja_xl.fixes.types import Fix, is_percent, old_of, points_to_raw
from kinerja_xl.model import CONSOLIDATED, CellRef, Value, column_letters


def _row_scale(v: Value, ctx: FixContext) -> bool:
    """Whether a cell should store a fraction (its row shows percent), by its row's other numbers.

    A block cell takes the scale most of its row's other numbers are stored in; a summary Target or
    Realisasi the scale of its IKU's block row; a summary Nilai, NSS, Np or NKO the scale most of the
    summary's other index values are stored in; a cell alone keeps its own."""
    owner = ctx.cells.owner.get(v.cell) if v.cell is not None else None
    if owner is None:
        return _majority(v, _summary_peers(v, ctx))
    iku, row, _ = owner
    return _majority(v, [o for o in iku.rows.get(row, {}).values() if o is not v])


def _summary_peers(v: Value, ctx: FixContext) -> list[Value]:
    """The values whose scale a summary cell follows (see _row_scale), [] outside the summary."""
    summary = ctx.wb.summary
    if summary is None:
        return []
    for r in summary.ikus:
        if v is r.target or v is r.realisasi:
            row = "target" if v is r.target else "realisasi"
            block = next((i for i in ctx.wb.ikus if i.code and i.code.lower() == r.code.lower()), None)
            return list(block.rows.get(row, {}).values()) if block is not None else []
    index = [r.nilai for r in summary.ikus] + [s.nss for s in summary.ss] + [p.np for p in summary.perspectives]
    index.append(summary.nko)
    return [o for o in index if o is not None and o is not v] if any(o is v for o in index) else []


def _majority(v: Value, peers: list[Value]) -> bool:
    """Whether most of the peers' numbers are stored as fractions; a tie or none: the cell's own."""
    others = [is_percent(o) for o in peers if o is not v and o.number is not None]
    n_percent = others.count(True)
    if not others or n_percent * 2 == len(others):
        return is_percent(v)
    return n_percent * 2 > len(others)


def in_scale(fix: Fix, v: Value, ctx: FixContext) -> Fix:
    """The fix's stored number in its row's scale; a fraction in a cell not yet formatted as percent
    also gets a percent format (so the cell shows what its row shows)."""
    percent = _row_scale(v, ctx)
    if isinstance(fix.new, (int, float)) and not isinstance(fix.new, bool):
        fix.raw = points_to_raw(float(fix.new), percent)
    fix.percent_format = percent and not v.percent_format
    # a % cell in a row of points stores points: it shows them as its row does, not x100
    fix.points_format = not percent and is_percent(v) and isinstance(fix.raw, (int, float))
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


def corrected_value(f: Finding, ctx: FixContext) -> tuple[list[Fix], str | None]:
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
    if _from_implausible_capaian(f, ctx):
        return [], "fix-implausible"
    fix = in_scale(Fix(f.cell, f.code, old_of(v), new, ctx.safe, iku=f.iku, period=f.period), v, ctx)
    if not v.formula:
        return [fix], None
    fix.old_formula = v.formula
    fix.percent_format = fix.points_format = False  # a formula keeps its cell's format and scale
    fix.raw = points_to_raw(new, is_percent(v))
    reason = _formula_fix(f, v, fix, ctx)
    return ([], reason) if reason else ([fix], None)


def _from_implausible_capaian(f: Finding, ctx: FixContext) -> bool:
    """Whether the corrected value is computed from a capaian of 1,000 % or more: the capaian itself,
    its Nilai, the summary's copy of either, or an NSS, Np or NKO of that period. No office has such
    a capaian: it comes from a Target or Realisasi typed wrong (a Target '0,9%' for 90 %), which a
    person must look at first. (Stored as a fraction in a % cell, it would not even read back as
    written: at 1,000 % or more a % cell is taken for points typed into it, KX012.)"""
    pairs, periods = _huge_capaian(ctx)
    if not pairs:
        return False
    cell = f.cell
    if f.code == "KX201":
        cell = _cell_ref(str(f.params.get("block_cell", ""))) or cell
    owner = ctx.cells.owner.get(cell) if cell is not None else None
    if owner is not None:
        iku, row, period = owner
        return row in ("capaian", "nilai") and (id(iku), period) in pairs
    return f.code == "KX203" and f.period in periods


def _huge_capaian(ctx: FixContext) -> tuple[set[tuple[int, str]], set[str]]:
    """(id of the IKU, period) of every capaian of 1,000 % or more, and those periods; cached per
    analysis (every value fix of a round asks)."""
    from kinerja_xl.reader.scale import TYPED_POINTS_MIN

    cached = ctx.cells.huge
    if cached is not None and cached[0] is ctx.an:
        return cached[1], cached[2]
    pairs = {
        (id(score.iku), period)
        for score in ctx.an.ikus
        for period, ps in score.periods.items()
        if ps.capaian is not None and abs(ps.capaian) >= TYPED_POINTS_MIN
    }
    periods = {period for _, period in pairs}
    ctx.cells.huge = (ctx.an, pairs, periods)
    return pairs, periods


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
