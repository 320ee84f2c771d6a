"""The fix registry: which finding codes ``fix`` can correct, how, and whether the fix is safe.

A fix is one function decorated with ``@fixer``, declared beside its code (a rule's in its family
module under kinerja_xl/rules/, a reading code's in reader/codes.py)::

    @fixer("KX101", safe=True)
    def fix_capaian(f: Finding, ctx: FixContext) -> tuple[list[Fix], str | None]: ...

It returns the cells it corrects, or ([], reason) with a "fix-..." key of messages/ui.py when the
finding is left for a person. ``safe``: the fix follows from the workbook's own numbers and is
applied by default; an unsafe one changes what the workbook says (a label, a Target or a
Realisasi) and is applied only with --unsafe-fixes; a safe code's function may still mark one fix
unsafe (KX012 on a Target or Realisasi). ``after_blocks``: computed after the other
fixes of a round (a summary copy takes its block cell's corrected value). ``priority``: which fix
wins when two answer one cell in one round (the higher).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass

from kinerja_xl.analysis import Analysis
from kinerja_xl.findings import Finding
from kinerja_xl.fixes.cells import Cells
from kinerja_xl.fixes.types import Fix
from kinerja_xl.messages import catalogue
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


_FIXERS: dict[str, Fixer] = {}


class _Fixers(Mapping[str, Fixer]):
    """Every registered fix by code. The fixes are declared beside their codes in modules above this
    one: the first lookup imports every module that declares codes (messages.catalogue.SOURCES), so
    their ``@fixer``s register; importing this module imports none of them."""

    _loaded = False

    def _all(self) -> dict[str, Fixer]:
        if not _Fixers._loaded:
            catalogue.load()
            _Fixers._loaded = True
        return _FIXERS

    def __getitem__(self, code: str) -> Fixer:
        return self._all()[code]

    def __iter__(self) -> Iterator[str]:
        return iter(self._all())

    def __len__(self) -> int:
        return len(self._all())

    def __repr__(self) -> str:
        return f"FIXERS({', '.join(self._all())})"


FIXERS: Mapping[str, Fixer] = _Fixers()


def fixable_codes(safe: bool | None = None) -> frozenset[str]:
    """The codes with a fix: every one, or only the safe (``safe=True``) or the unsafe ones."""
    return frozenset(code for code, entry in FIXERS.items() if safe is None or entry.safe == safe)


def fixer(
    *codes: str, safe: bool, after_blocks: bool = False, priority: int = 9
) -> Callable[[FixFunction], FixFunction]:
    """Register a fix function for finding codes (see the module docstring)."""

    def register(function: FixFunction) -> FixFunction:
        for code in codes:
            if code in _FIXERS:
                raise ValueError(f"{code} already has a fix")
            _FIXERS[code] = Fixer(code, function, safe, after_blocks, priority)
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
