"""The data of a fix: one corrected cell (``Fix``), a finding left for a person (``Unfixed``), a
workbook's plan (``FixPlan``), and the scale helpers every fix shares (pure)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from kinerja_xl.analysis import Analysis
from kinerja_xl.findings import Finding
from kinerja_xl.model import CellRef, Value, Workbook


@dataclass
class Fix:
    """One corrected cell: what it held, what it gets, and whether the fix is safe."""

    cell: CellRef
    code: str  # the finding it answers (the first one, when later rounds changed the cell again)
    old: float | str | None  # as a person reads it: a number in points, or the text
    new: float | str  # a number in points, or the text of a label
    safe: bool
    raw: float | str | None = None  # what the cell stores: a number in the cell's own scale, or text
    formula: str | None = None  # '=C7/C6': written instead of a literal; raw is then its result
    old_formula: str | None = None  # the formula the cell held, if any
    iku: str | None = None
    period: str | None = None
    percent_format: bool = False  # the cell also gets a percent number format (a fraction in a row shown as %)
    points_format: bool = False  # its percent number format gives way to 0.00 (points in a row of points)

    @property
    def is_number(self) -> bool:
        """True when the cell gets a number (or a formula with a numeric result), not text."""
        return isinstance(self.new, (int, float)) and not isinstance(self.new, bool)

    def to_dict(self) -> dict[str, Any]:
        """The record of a finding's ``fix`` in JSON: {"cell", "old", "new", "safe"} (+ formulas)."""
        out: dict[str, Any] = {
            "cell": self.cell.coord,
            "old": round4(self.old),
            "new": round4(self.new),
            "safe": self.safe,
        }
        if self.formula or self.old_formula:
            out["old_formula"] = self.old_formula
            out["formula"] = self.formula
        return out


@dataclass
class Unfixed:
    """A fixable finding left for a person, and why (a messages.PHRASES key)."""

    finding: Finding
    # fix-formula-opaque, fix-no-formula, fix-not-computable, fix-unsafe, fix-fill-realisasi, fix-implausible
    reason: str
    arg: str = ""  # the reason's {arg}: the quarter to fill in first (fix-fill-realisasi)

    @classmethod
    def of(cls, finding: Finding, reason: str) -> Unfixed:
        """From a fix function's reason, ``key`` or ``key:arg`` ('fix-fill-realisasi:Q4')."""
        key, _, arg = reason.partition(":")
        return cls(finding, key, arg)


@dataclass
class FixPlan:
    """Every fix of one workbook, and the model as it is after them."""

    fixes: list[Fix]  # one per cell, in sheet/row/column order; old = the input's, new = the final value
    workbook: Workbook  # a copy of the model with the fixes applied
    analysis: Analysis  # recomputed on the fixed model
    remaining: list[Finding]  # the findings of the fixed model (what is left for a person)
    unfixed: list[Unfixed] = field(default_factory=list)  # fixable codes the plan could not fix
    rounds: int = 0
    units: list[FixPlan] = field(default_factory=list)  # a workbook of several units: each unit's plan
    source_cells: Any = field(default=None, repr=False, compare=False)  # cells.Cells of the input model

    @property
    def changed(self) -> set[CellRef]:
        """The cells the plan changes."""
        return {f.cell for f in self.fixes}


def round4(x: Any) -> Any:
    return round(x, 4) if isinstance(x, float) else x


def is_percent(v: Value) -> bool:
    return v.kind == "percent" or v.percent_format


def points_to_raw(points: float, percent: bool) -> float:
    """The number a cell stores for a value in points: a fraction in a %-formatted cell."""
    return round(points / 100.0, 10) if percent else round(points, 8)


def old_of(v: Value) -> float | str | None:
    if v.kind == "text-number" and isinstance(v.raw, str):
        return v.raw  # a number stored as text reads as its text
    if v.number is not None:
        return v.number
    if v.raw is None:
        return None
    return v.raw if isinstance(v.raw, str) else str(v.raw)


def same_value(a: Any, b: Any) -> bool:
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return abs(float(a) - float(b)) <= 1e-9
    return a == b


def same_fix(prev: Fix | None, fx: Fix) -> bool:
    return prev is not None and same_value(prev.new, fx.new) and prev.formula == fx.formula
