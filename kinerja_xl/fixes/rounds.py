"""The plan: every fix of a workbook and the model as it will be after them (pure).

1. check the model, turn each fixable finding into fixes (registry.fixes_for);
2. apply the fixes to a copy of the model (numbers, labels, formulas with their new result) and
   check again: a corrected Nilai may now disagree with a summary row that agreed with the wrong
   one, a corrected label rescores the block;
3. repeat until a round brings nothing new. The last round's findings are what is left for a person.
"""

from __future__ import annotations

import copy
from typing import Any

from kinerja_xl.analysis import Analysis, analyse
from kinerja_xl.config import Settings
from kinerja_xl.findings import Finding
from kinerja_xl.fixes.cells import Cells, apply, copy_model, dependents
from kinerja_xl.fixes.formulas import REF
from kinerja_xl.fixes.registry import FIXERS, fixes_for
from kinerja_xl.fixes.types import Fix, FixPlan, Unfixed, same_fix, same_value
from kinerja_xl.model import CellRef, Iku, Workbook, column_number
from kinerja_xl.profiles import Profile

MAX_ROUNDS = 8


# Codes whose checks read one IKU block at a time: after a round only the IKU it changed are
# checked again for them (the summary and aggregate checks always run on the whole model).
_PER_IKU = frozenset(
    {"KX021", "KX022", "KX101", "KX102", "KX103", "KX104", "KX106", "KX110", "KX111", "KX120", "KX121"}
)


def _check(
    wb: Workbook,
    profile: Profile,
    settings: Settings,
    reader_findings: list[Finding],
    previous: tuple[Analysis, list[Finding], list[Iku]] | None = None,
) -> tuple[Analysis, list[Finding]]:
    """Analyse and check the model. ``previous``: the last check's analysis and findings and the IKU
    changed since: only those are re-scored and re-checked by the per-IKU checks."""
    from kinerja_xl import rules
    from kinerja_xl.rules.registry import Context, registered

    found: list[Finding]
    if previous is None:
        an = analyse(wb, profile)
        found = list(rules.run(wb, an, settings))
    else:
        before, earlier, touched = previous
        ids = {id(i) for i in touched}
        an = analyse(wb, profile, reuse={id(s.iku): s for s in before.ikus if id(s.iku) not in ids})
        codes = [i.code for i in wb.ikus]
        mine = {i.code for i in touched}
        if None in mine or len(set(codes)) != len(codes) or an.konversi_over_quota != before.konversi_over_quota:
            return _check(wb, profile, settings, reader_findings)  # IKU told apart by code only: all again
        sub_wb = copy.copy(wb)
        sub_wb.ikus = [i for i in wb.ikus if id(i) in ids]
        sub_an = copy.copy(an)
        sub_an.ikus = [s for s in an.ikus if id(s.iku) in ids]
        tolerance = settings.tolerance if settings.tolerance is not None else profile.tolerance
        whole = Context(wb=wb, analysis=an, settings=settings, tolerance=tolerance, profile=profile)
        part = Context(wb=sub_wb, analysis=sub_an, settings=settings, tolerance=tolerance, profile=profile)
        found = [f for f in earlier if f.code in _PER_IKU and f.iku not in mine]
        for check_codes, check in registered():
            per_iku = set(check_codes) <= _PER_IKU
            found.extend(check(part if per_iku else whole))
        for f in found:
            f.actual = f.actual if rules._finite(f.actual) else None
            f.expected = f.expected if rules._finite(f.expected) else None
    found = [f for f in reader_findings + found if settings.wants(f.code)]
    name = wb.path.replace("\\", "/").rsplit("/", 1)[-1]
    for f in found:
        f.file = name
    return an, found


def _still_stands(f: Finding, fixed: set[CellRef]) -> bool:
    """Whether a reader finding (KX0xx) still describes the fixed model."""
    if f.cell is None:
        return True
    return not (f.code in ("KX011", "KX012", "KX004") and f.cell in fixed)


def _after_blocks(f: Finding) -> bool:
    entry = FIXERS.get(f.code)
    return entry is not None and entry.after_blocks


def _priority(code: str) -> int:
    entry = FIXERS.get(code)
    return entry.priority if entry is not None else 9


def _round_fixes(
    found: list[Finding],
    wb: Workbook,
    an: Analysis,
    cells: Cells,
    profile: Profile,
    unsafe: bool,
    unfixed: dict[tuple[str, CellRef | None, str | None], Unfixed],
) -> dict[CellRef, Fix]:
    """The fixes one round of findings asks for, by cell (aggregates last: a summary value takes the
    corrected value of its block cell)."""
    wanted: dict[CellRef, Fix] = {}
    for f in sorted(found, key=_after_blocks):
        got, reason = fixes_for(f, wb, an, cells, profile, wanted)
        if not unsafe and any(not fx.safe for fx in got):
            got, reason = [], "fix-unsafe"  # a reason that holds even when asked (a gap) came first
        if reason is not None:
            unfixed.setdefault((f.code, f.cell, f.period), Unfixed.of(f, reason))
        for fix in got:
            prev = wanted.get(fix.cell)
            if prev is None or _priority(prev.code) < _priority(fix.code):
                wanted[fix.cell] = fix
    return wanted


def plan(
    wb: Workbook,
    profile: Profile,
    settings: Settings | None = None,
    *,
    unsafe: bool = False,
    checked: tuple[Analysis, list[Finding]] | None = None,
    rounds: int = MAX_ROUNDS,
) -> FixPlan:
    """Every fix of a workbook and the model after them (the input model is not changed).

    ``unsafe``: also apply the unsafe fixes (KX021, KX004). ``checked``: the analysis and the
    (selected) findings of ``wb`` when the caller has them (saves the first check). ``rounds=1``:
    only the fixes the findings of ``wb`` ask for (what `check` shows), nothing applied.
    """
    settings = settings or Settings(annotate=False)
    reader_findings = [f for f in wb.findings if settings.wants(f.code)]
    an, found = checked if checked is not None else _check(wb, profile, settings, list(wb.findings))
    work, cells = wb, Cells(wb)
    source_cells = cells
    applied: dict[CellRef, Fix] = {}
    original: dict[CellRef, tuple[Any, str | None, Any]] = {}  # old as read, formula, stored raw
    unfixed: dict[tuple[str, CellRef | None, str | None], Unfixed] = {}
    done = 0
    while done < rounds:
        done += 1
        wanted = _round_fixes(found, work, an, cells, profile, unsafe, unfixed)
        new = [fx for fx in wanted.values() if not same_fix(applied.get(fx.cell), fx)]
        if not new:
            break
        if work is wb:  # the first change: from now on a copy of the model
            if rounds == 1:
                applied = dict(wanted)
                original = {ref: (fx.old, fx.old_formula, _raw(cells, ref)) for ref, fx in wanted.items()}
                break
            work = copy_model(wb)
            cells = Cells(work, cells)
            reader_findings = list(work.findings)
        for fx in new:
            v = cells.value(fx.cell)
            original.setdefault(fx.cell, (fx.old, v.formula if v is not None else None, _raw(cells, fx.cell)))
            apply(fx, work, cells)
            applied[fx.cell] = fx
        fixed = set(applied)
        dependents(cells, {fx.cell for fx in new}, fixed)
        reader_findings = [f for f in reader_findings if _still_stands(f, fixed)]
        an, found = _check(work, profile, settings, reader_findings, (an, found, cells.take_touched()))
    out = []
    for ref, fx in applied.items():
        old, old_formula, raw = original[ref]
        if (
            not fx.formula
            and not fx.percent_format
            and not fx.points_format
            and same_value(*((raw, fx.raw) if raw is not None else (old, fx.new)))
        ):
            continue  # changed and changed back (a number stored in another form is a change)
        out.append(
            Fix(
                ref,
                fx.code,
                old,
                fx.new,
                fx.safe,
                fx.raw,
                fx.formula,
                old_formula,
                fx.iku,
                fx.period,
                fx.percent_format,
                fx.points_format,
            )
        )
    out.sort(key=lambda x: (x.cell.sheet, *_rc(x.cell.coord)))
    remaining = sorted(found, key=lambda f: f.sort_key())
    still = {(f.code, f.cell, f.period) for f in remaining}
    left = [u for k, u in unfixed.items() if k in still]
    return FixPlan(out, work, an, remaining, left, done, source_cells=source_cells)


def plan_units(
    wb: Workbook,
    profile: Profile,
    settings: Settings | None,
    checked: list[tuple[Analysis, list[Finding]]],
    whole: list[Finding],
    *,
    unsafe: bool = False,
) -> FixPlan:
    """The plan of a workbook of several units (Workbook.units): each unit planned on its own model,
    against its own summary table (``checked``: each unit's analysis and findings, in order); the
    file's plan holds every unit's fixes, and ``whole`` (the file's findings of no unit) stays."""
    from kinerja_xl.analysis import merged

    parts = [
        plan(part, profile, settings, unsafe=unsafe, checked=done) for part, done in zip(wb.units, checked, strict=True)
    ]
    work = copy.copy(wb)
    work.units = [p.workbook for p in parts]
    work.ikus = [iku for p in parts for iku in p.workbook.ikus]
    out = FixPlan(
        sorted((fx for p in parts for fx in p.fixes), key=lambda x: (x.cell.sheet, *_rc(x.cell.coord))),
        work,
        merged([p.analysis for p in parts], profile),
        sorted(whole + [f for p in parts for f in p.remaining], key=lambda f: f.sort_key()),
        [u for p in parts for u in p.unfixed],
        max((p.rounds for p in parts), default=0),
        units=parts,
    )
    return out


def _raw(cells: Cells, ref: CellRef) -> Any:
    v = cells.value(ref)
    return v.raw if v is not None else None


def _rc(coord: str) -> tuple[int, int]:
    m = REF.fullmatch(coord.split(":")[0])
    return (int(m.group(2)), column_number(m.group(1))) if m else (0, 0)
