"""What `check` shows of the fixes: each finding's fix, the NKO with corrected labels, the counts."""

from __future__ import annotations

from collections.abc import Iterable

from kinerja_xl.analysis import Analysis, analyse
from kinerja_xl.findings import Finding
from kinerja_xl.fixes.cells import Cells
from kinerja_xl.fixes.registry import FIXERS, fixes_for
from kinerja_xl.fixes.types import FixPlan
from kinerja_xl.model import Workbook
from kinerja_xl.profiles import Profile


def attach(findings: list[Finding], fix_plan: FixPlan, wb: Workbook, profile: Profile) -> None:
    """Set ``Finding.fix`` on checked findings: the plan's fix of the finding's cell (safe ones), and
    the unsafe fixes computed on their own (a plan without --unsafe-fixes did not apply them)."""
    by_cell = {fx.cell: fx for fx in fix_plan.fixes}
    cells: Cells | None = fix_plan.source_cells
    for f in findings:
        entry = FIXERS.get(f.code)
        if entry is None or f.cell is None:
            continue
        f.fix = by_cell.get(f.cell) if entry.safe else None
        if f.fix is None:  # an unsafe fix the plan did not apply: computed on its own
            cells = cells or Cells(wb)
            got, _ = fixes_for(f, wb, Analysis(profile=profile), cells, profile)
            f.fix = got[0] if got and not got[0].safe else None


def relabelled_nko(wb: Workbook, findings: list[Finding], profile: Profile) -> dict[str, float | None] | None:
    """The NKO per period the workbook would have with the KX021 labels corrected, None without KX021."""
    fits = {f.cell: f.params.get("fitted") for f in findings if f.code == "KX021" and f.params.get("fitted")}
    if not fits:
        return None
    declared = {id(iku): iku.polarisasi for iku in wb.ikus}
    try:  # relabel in place for one analysis (a copy of a big model costs more than the analysis)
        for iku in wb.ikus:
            pol = fits.get(iku.polkp_cell)
            if pol:
                iku.polarisasi = str(pol)
        return dict(analyse(wb, profile).nko)
    finally:
        for iku in wb.ikus:
            iku.polarisasi = declared[id(iku)]


def fixable_counts(findings: Iterable[Finding]) -> tuple[int, int]:
    """(findings with a safe fix, findings with an unsafe fix)."""
    safe = unsafe = 0
    for f in findings:
        fx = getattr(f, "fix", None)
        if fx is None:
            continue
        if fx.safe:
            safe += 1
        else:
            unsafe += 1
    return safe, unsafe
