"""Fixes: the corrected content of a finding's cell, computed from the model (pure: no openpyxl, no I/O).

A ``Fix`` is data attached to a finding (``Finding.fix``) and applied later by a writer
(writers/ooxml patches the cell in the original package). ``plan`` computes every fix of a
workbook and the model as it will be after them (rounds.py).

- types.py: Fix, Unfixed, FixPlan and the scale helpers;
- cells.py: the model's cells, a copy of the model, a fix applied to it;
- formulas.py: formulas the reader understands, the cells they read, canonical formulas;
- registry.py: ``@fixer("KX101", safe=True)``, one decorated function per fixable code, declared
  beside the code (a rule's in its family module under kinerja_xl/rules/, a reading code's in
  reader/codes.py); ``FIXERS`` finds them on its first lookup, importing this package imports none;
- values.py: the corrected value of a wrong number, shared by the value codes' fixes;
- rounds.py: the plan, round after round;
- report.py: what `check` shows (each finding's fix, the NKO with corrected labels, counts).

Safe fixes follow from the workbook's own numbers and the profile (applied by default); unsafe
ones change what the workbook says about itself and are applied only when asked. Everything else
is never guessed.
"""

from __future__ import annotations

from kinerja_xl.fixes.cells import Cells, copy_model
from kinerja_xl.fixes.formulas import canonical_formula, references, understood
from kinerja_xl.fixes.registry import FIXERS, FixContext, fixable_codes, fixer, fixes_for
from kinerja_xl.fixes.report import attach, fixable_counts, relabelled_nko
from kinerja_xl.fixes.rounds import MAX_ROUNDS, plan, plan_units
from kinerja_xl.fixes.types import Fix, FixPlan, Unfixed


def __getattr__(name: str) -> frozenset[str]:
    """SAFE_CODES (a fix that follows from the workbook's own numbers, applied by default),
    UNSAFE_CODES (one that changes what the workbook says, only with --unsafe-fixes) and
    FIXABLE_CODES, computed from the registry when asked (its first lookup finds the fixes declared
    beside their codes)."""
    if name == "SAFE_CODES":
        return fixable_codes(safe=True)
    if name == "UNSAFE_CODES":
        return fixable_codes(safe=False)
    if name == "FIXABLE_CODES":
        return fixable_codes()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "FIXABLE_CODES",
    "FIXERS",
    "MAX_ROUNDS",
    "SAFE_CODES",
    "UNSAFE_CODES",
    "Cells",
    "Fix",
    "FixContext",
    "FixPlan",
    "Unfixed",
    "attach",
    "canonical_formula",
    "copy_model",
    "fixable_codes",
    "fixable_counts",
    "fixer",
    "fixes_for",
    "plan",
    "plan_units",
    "references",
    "relabelled_nko",
    "understood",
]
