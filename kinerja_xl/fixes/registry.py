"""The fix registry: which finding codes ``fix`` can correct, how, and whether the fix is safe.

A fix is one function decorated with ``@fixer``::

    @fixer("KX101", "KX102", safe=True)
    def _value_fix(f: Finding, ctx: FixContext) -> tuple[list[Fix], str | None]: ...

It returns the cells it corrects, or ([], reason) with a messages.PHRASES "fix-..." key when the
finding is left for a person. ``safe``: the fix follows from the workbook's own numbers and is
applied by default; an unsafe one changes what the workbook says (a label, a Target or a
Realisasi) and is applied only with --unsafe-fixes; a safe code's function may still mark one fix
unsafe (KX012 on a Target or Realisasi). ``after_blocks``: computed after the other
fixes of a round (a summary copy takes its block cell's corrected value). ``priority``: which fix
wins when two answer one cell in one round (the higher).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from kinerja_xl.analysis import Analysis
from kinerja_xl.findings import Finding
from kinerja_xl.fixes.cells import Cells
from kinerja_xl.fixes.types import Fix
from kinerja_xl.model import CellRef, Workbook
from kinerja_xl.profiles import Profile


@dataclass
class FixContext:
    """What a fix function may read: the current model, its analysis and cells, and this round's fixes."""

    wb: Workbook
    an: Analysis
    cells: Cells
    profile: Profile
    pending: dict[CellRef, Fix] | None = None  # fixes already asked for in this round
    safe: bool = True  # the registered safety of the code being fixed


FixFunction = Callable[[Finding, FixContext], tuple[list[Fix], str | None]]


@dataclass(frozen=True)
class Fixer:
    """One code's fix function and how the plan treats it."""

    code: str
    function: FixFunction
    safe: bool
    after_blocks: bool = False
    priority: int = 9


FIXERS: dict[str, Fixer] = {}


def fixer(
    *codes: str, safe: bool, after_blocks: bool = False, priority: int = 9
) -> Callable[[FixFunction], FixFunction]:
    """Register a fix function for finding codes (see the module docstring)."""

    def register(function: FixFunction) -> FixFunction:
        for code in codes:
            if code in FIXERS:
                raise ValueError(f"{code} already has a fix")
            FIXERS[code] = Fixer(code, function, safe, after_blocks, priority)
        return function

    return register


def fixes_for(
    f: Finding,
    wb: Workbook,
    an: Analysis,
    cells: Cells,
    profile: Profile,
    pending: dict[CellRef, Fix] | None = None,
) -> tuple[list[Fix], str | None]:
    """The fixes of one finding on the current model, or ([], reason) when it is left for a person.

    ``pending``: fixes already asked for in this round (a KX201 summary value takes its block cell's).
    """
    entry = FIXERS.get(f.code)
    if entry is None or f.cell is None:
        return [], None
    return entry.function(f, FixContext(wb, an, cells, profile, pending, entry.safe))
