"""Fixes: the corrected content of a finding's cell, computed from the model (pure: no openpyxl, no I/O).

A ``Fix`` is data attached to a finding (``Finding.fix``) and applied later by a writer
(writers/ooxml patches the cell in the original package). ``plan`` computes every fix of a
workbook and the model as it will be after them:

1. check the model, turn each fixable finding into a Fix (``fix_for``);
2. apply the fixes to a copy of the model (numbers, labels, formulas with their new result) and
   check again: a corrected Nilai may now disagree with a summary row that agreed with the wrong
   one, a corrected label rescores the block;
3. repeat until a round brings nothing new. The last round's findings are what is left for a person.

Safe fixes follow from the workbook's own Target and Realisasi and the profile (SAFE_CODES);
unsafe ones change what the workbook says about itself (a Pol/KP label, a Y-NN year) and are
applied only when asked (UNSAFE_CODES). Everything else is never guessed.

Numbers are in index points (``new`` and ``old``, as findings print them); ``raw`` is what the cell
stores: a fraction in a %-formatted cell, the points otherwise. A cell holding a formula is never
overwritten by a literal: it gets the canonical formula over the block's own cells when the
formula is one the reader understands (and a canonical formula exists), else it is left for a
person with a reason (``Unfixed``).
"""

from __future__ import annotations

import copy
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from kinerja_xl import scoring
from kinerja_xl.analysis import Analysis, IkuScore, analyse
from kinerja_xl.config import Settings
from kinerja_xl.findings import Finding
from kinerja_xl.model import CONSOLIDATED, CellRef, Iku, Value, Workbook, column_letters, column_number
from kinerja_xl.profiles import Profile

# Codes whose fix follows from the workbook's own numbers (applied by default).
SAFE_CODES = frozenset({"KX101", "KX102", "KX103", "KX104", "KX110", "KX201", "KX203", "KX011", "KX012"})
# Codes whose fix changes a label the workbook gives (only with --unsafe-fixes).
UNSAFE_CODES = frozenset({"KX021", "KX004"})
FIXABLE_CODES = SAFE_CODES | UNSAFE_CODES
# Findings whose fix copies another cell's corrected value: computed after the others of a round.
_AGGREGATE_CODES = frozenset({"KX201", "KX203"})
# Which finding's fix wins when two point at one cell in one round (the value over its form).
_PRIORITY = {"KX011": 0, "KX012": 1}
MAX_ROUNDS = 8
# Functions the reader's evaluator understands (reader/formulas.py); a formula using others is opaque.
_KNOWN_FUNCTIONS = frozenset(
    {"SUM", "AVERAGE", "MIN", "MAX", "COUNT", "ROUND", "ROUNDUP", "ROUNDDOWN", "ABS", "IF", "IFERROR", "AND", "OR"}
    | {"NOT"}
)
_REF = re.compile(r"(?:(?:'(?:[^']|'')+'|[A-Za-z_][\w.]*)!)?\$?([A-Za-z]{1,3})\$?(\d+)(?::\$?([A-Za-z]{1,3})\$?(\d+))?")


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

    @property
    def is_number(self) -> bool:
        """True when the cell gets a number (or a formula with a numeric result), not text."""
        return isinstance(self.new, (int, float)) and not isinstance(self.new, bool)

    def to_dict(self) -> dict[str, Any]:
        """The record of a finding's ``fix`` in JSON: {"cell", "old", "new", "safe"} (+ formulas)."""
        out: dict[str, Any] = {
            "cell": self.cell.coord,
            "old": _round(self.old),
            "new": _round(self.new),
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
    reason: str  # fix-formula-opaque, fix-no-formula, fix-not-computable, fix-unsafe


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

    @property
    def changed(self) -> set[CellRef]:
        """The cells the plan changes."""
        return {f.cell for f in self.fixes}


def _round(x: Any) -> Any:
    return round(x, 4) if isinstance(x, float) else x


def _is_percent(v: Value) -> bool:
    return v.kind == "percent" or v.percent_format


def _points_to_raw(points: float, percent: bool) -> float:
    """The number a cell stores for a value in points: a fraction in a %-formatted cell."""
    return round(points / 100.0, 10) if percent else round(points, 8)


def _old(v: Value) -> float | str | None:
    if v.kind == "text-number" and isinstance(v.raw, str):
        return v.raw  # a number stored as text reads as its text
    if v.number is not None:
        return v.number
    if v.raw is None:
        return None
    return v.raw if isinstance(v.raw, str) else str(v.raw)


# --- the model's cells ---------------------------------------------------------------------


class _Cells:
    """Every Value of the model by its cell, and the IKU that own label cells."""

    def __init__(self, wb: Workbook):
        self.values: dict[CellRef, list[Value]] = {}
        self.owner: dict[CellRef, tuple[Iku, str, str]] = {}  # value cell -> (iku, row, period)
        self.corrected: tuple[Analysis, dict[CellRef, float]] | None = None  # _corrected's cache
        self._readers: dict[CellRef, list[CellRef]] | None = None  # readers()'s index
        for iku in wb.ikus:
            for row, values in iku.rows.items():
                for period, v in values.items():
                    if v.cell is not None:
                        self.values.setdefault(v.cell, []).append(v)
                        self.owner.setdefault(v.cell, (iku, row, period))
        s = wb.summary
        if s is not None:
            extra: list[Value | None] = [s.nko]
            extra += [p.np for p in s.perspectives] + [x.nss for x in s.ss]
            extra += [x for r in s.ikus for x in (r.target, r.realisasi, r.nilai)]
            for sv in extra:
                if sv is not None and sv.cell is not None:
                    self.values.setdefault(sv.cell, []).append(sv)

    def readers(self) -> dict[CellRef, list[CellRef]]:
        """Cell -> the model's formula cells that refer to it (built once, from the formulas as read)."""
        if self._readers is None:
            self._readers = {}
            for ref, values in self.values.items():
                formula = values[0].formula
                if formula:
                    for target in references(formula, ref.sheet):
                        self._readers.setdefault(target, []).append(ref)
        return self._readers

    def value(self, cell: CellRef | None) -> Value | None:
        found = self.values.get(cell) if cell is not None else None
        return found[0] if found else None


# --- formulas ------------------------------------------------------------------------------


def understood(formula: str) -> bool:
    """Whether the reader's evaluator understands a formula (its syntax and every function)."""
    from kinerja_xl.reader.formulas import NotEvaluable, tokenize

    try:
        tokens = tokenize(formula)
    except NotEvaluable:
        return False
    return all(text.upper().removeprefix("_XLFN.") in _KNOWN_FUNCTIONS for kind, text in tokens if kind == "func")


def references(formula: str, sheet: str) -> set[CellRef]:
    """The single cells a formula refers to (ranges expanded up to 10,000 cells), on ``sheet`` unless named."""
    from kinerja_xl.reader.formulas import NotEvaluable, tokenize

    try:
        tokens = tokenize(formula)
    except NotEvaluable:
        return set()
    out: set[CellRef] = set()
    for kind, text in tokens:
        if kind != "ref":
            continue
        where = sheet
        if "!" in text:
            prefix, text = text.rsplit("!", 1)
            where = prefix[1:-1].replace("''", "'") if prefix.startswith("'") else prefix
        m = _REF.fullmatch(text)
        if m is None:
            continue
        c1, r1 = column_number(m.group(1)), int(m.group(2))
        c2, r2 = (column_number(m.group(3)), int(m.group(4))) if m.group(3) else (c1, r1)
        if (abs(r2 - r1) + 1) * (abs(c2 - c1) + 1) > 10_000:
            continue
        for r in range(min(r1, r2), max(r1, r2) + 1):
            for c in range(min(c1, c2), max(c1, c2) + 1):
                out.add(CellRef(where, f"{column_letters(c)}{r}"))
    return out


def _quote(sheet: str) -> str:
    return sheet if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_.]*", sheet) else "'" + sheet.replace("'", "''") + "'"


def _capaian_expr(t: str, r: str, t_value: float, pol: str) -> str | None:
    """The capaian of T and R cells as a formula in points, None when no plain formula gives it."""
    if pol == "Max":
        return f"{r}/{t}*100" if t_value > 0 else f"(2-{r}/{t})*100" if t_value < 0 else None
    if pol == "Min":
        return f"(2-{r}/{t})*100" if t_value > 0 else f"{r}/{t}*100" if t_value < 0 else None
    return None  # Stab interpolates on a scale: no plain formula


def _consolidated_formula(iku: Iku, row: str, period: str) -> str | None:
    """A consolidated Target/Realisasi cell's formula over its quarters (TLK: the last known one)."""
    if period not in CONSOLIDATED:
        return None
    cells = [iku.value(row, q) for q in CONSOLIDATED[period]]
    known = [v for v in cells if v is not None and v.number is not None and v.cell is not None]
    if not known or any(v.cell is None or v.cell.sheet != iku.sheet for v in known):
        return None
    own = iku.value(row, period)
    scales = {_is_percent(v) for v in known} | ({_is_percent(own)} if own is not None else set())
    if len(scales) != 1:
        return None
    coords = [v.cell.coord for v in known if v.cell is not None]
    if iku.konsolidasi == "TLK":
        return "=" + coords[-1]
    return f"=SUM({','.join(coords)})" if iku.konsolidasi == "Sum" else f"=AVERAGE({','.join(coords)})"


def canonical_formula(iku: Iku, row: str, period: str, profile: Profile, konversi: bool, percent: bool) -> str | None:
    """The formula a block cell should hold, over the block's own T and R cells of its column.

    capaian: ``=R/T*100`` (Max, T > 0) or ``=(2-R/T)*100`` (Min, T > 0), without ``*100`` in a
    %-formatted cell; nilai: that capaian clamped to [floor, cap], with konversi 120 when the IKU
    is designated; consolidated Target/Realisasi: SUM/AVERAGE of the quarters, or the last known
    quarter (TLK). None when no plain formula gives the value (Stab, T = 0, cells missing).
    """
    if row in ("target", "realisasi"):
        return _consolidated_formula(iku, row, period)
    sheet = iku.sheet
    tv, rv = iku.value("target", period), iku.value("realisasi", period)
    if tv is None or rv is None or tv.cell is None or rv.cell is None or tv.number is None or rv.number is None:
        return None
    if tv.cell.sheet != sheet or rv.cell.sheet != sheet or _is_percent(tv) != _is_percent(rv):
        return None
    expr = _capaian_expr(tv.cell.coord, rv.cell.coord, tv.number, iku.polarisasi)
    if expr is None:
        return None
    if row == "capaian":
        return "=" + (expr[: -len("*100")] if percent and expr.endswith("*100") else expr)
    if row != "nilai":
        return None
    cap, floor = profile.cap, profile.floor
    clamp = f"MIN(MAX({expr},{floor:g}),{cap:g})"
    if konversi and iku.polarisasi in ("Max", "Min"):
        met = ">=" if iku.polarisasi == "Max" else "<="
        clamp = f"IF({rv.cell.coord}{met}{tv.cell.coord},{cap:g},{clamp})"
    return "=" + (f"{clamp}/100" if percent else clamp)


def _summary_formula(block: Value, percent: bool) -> str | None:
    """A summary cell's canonical formula: a reference to the block's cell (scaled between % and points)."""
    if block.cell is None:
        return None
    ref = _quote(block.cell.sheet) + "!" + block.cell.coord
    src = _is_percent(block)
    if src == percent:
        return "=" + ref
    return f"={ref}/100" if percent else f"={ref}*100"


# --- one finding's fix ---------------------------------------------------------------------


def _form_fix(f: Finding, v: Value, safe: bool) -> tuple[list[Fix], str | None]:
    """KX011 (a number stored as text) and KX012 (a number in the other percent scale than its row):
    the number the reader already took from the cell, stored as a number in the cell's own scale."""
    if v.formula:
        return [], "fix-formula-opaque"
    if v.number is None or (f.code == "KX012" and not isinstance(v.raw, (int, float))):
        return [], "fix-not-computable"
    percent = _is_percent(v)
    old = _old(v)
    if f.code == "KX012":
        old = float(v.raw) * 100.0 if percent else float(v.raw)
    raw = _points_to_raw(v.number, percent)
    cell = v.cell or f.cell
    if cell is None:
        return [], "fix-not-computable"
    return [Fix(cell, f.code, old, v.number, safe, raw, iku=f.iku, period=f.period)], None


def fixes_for(
    f: Finding,
    wb: Workbook,
    an: Analysis,
    cells: _Cells,
    profile: Profile,
    pending: dict[CellRef, Fix] | None = None,
) -> tuple[list[Fix], str | None]:
    """The fixes of one finding on the current model, or ([], reason) when it is left for a person.

    ``pending``: fixes already asked for in this round (a KX201 summary value takes its block cell's).
    """
    code = f.code
    if code not in FIXABLE_CODES or f.cell is None:
        return [], None
    safe = code in SAFE_CODES
    if code == "KX021":
        return _label_fix(f, wb, safe)
    if code == "KX004":
        return _year_fix(f, wb, safe)
    v = cells.value(f.cell)
    if v is None:
        return [], "fix-not-computable"
    if code in ("KX011", "KX012"):
        return _form_fix(f, v, safe)
    new = f.expected
    if code == "KX201" and pending:
        block = _cell_ref(str(f.params.get("block_cell", "")))
        if block is not None and block in pending and pending[block].is_number:
            new = float(pending[block].new)
    if new is None or not math.isfinite(new):
        return [], "fix-not-computable"
    percent = _is_percent(v)
    fix = Fix(f.cell, code, _old(v), new, safe, _points_to_raw(new, percent), iku=f.iku, period=f.period)
    if not v.formula:
        return [fix], None
    fix.old_formula = v.formula
    reason = _formula_fix(f, v, fix, wb, an, cells, profile)
    return ([], reason) if reason else ([fix], None)


def _formula_fix(
    f: Finding, v: Value, fix: Fix, wb: Workbook, an: Analysis, cells: _Cells, profile: Profile
) -> str | None:
    """Give a formula cell's fix its canonical formula; the reason it is left for a person otherwise."""
    assert v.formula is not None and isinstance(fix.new, (int, float))
    if not understood(v.formula):
        return "fix-formula-opaque"
    if _formula_is_right(v, fix.new, an, cells):
        return "fix-upstream"  # its inputs are wrong: fixed there, or left for a person there
    fix.formula = _formula_for(f, v, wb, an, cells, profile, _is_percent(v))
    return None if fix.formula else "fix-no-formula"


def _cell_ref(text: str) -> CellRef | None:
    """'IKU!H63' (as findings print a cell) -> CellRef."""
    sheet, _, coord = text.rpartition("!")
    return CellRef(sheet, coord) if sheet and coord else None


def _corrected(an: Analysis, cells: _Cells) -> dict[CellRef, float]:
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
                    out[v.cell] = _points_to_raw(right, _is_percent(v))
    cells.corrected = (an, out)
    return out


def _formula_is_right(v: Value, expected: float, an: Analysis, cells: _Cells) -> bool:
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
    points = float(result) * 100.0 if _is_percent(v) else float(result)
    return scoring.matches(points, expected, 1e-6)


def _formula_for(
    f: Finding, v: Value, wb: Workbook, an: Analysis, cells: _Cells, profile: Profile, percent: bool
) -> str | None:
    """The canonical formula of a finding's cell, None when there is none."""
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
        result = _formula_value(iku, row, period, an, profile, konversi)
        return formula if result is not None and scoring.matches(result, f.expected, 1e-6) else None
    if f.code == "KX201" and wb.summary is not None and f.iku:
        field_name = {"Target": "target", "Realisasi": "realisasi", "Nilai": "nilai"}.get(
            str(f.params.get("field")), ""
        )
        block_iku = next((i for i in wb.ikus if i.code == f.iku), None)
        block = block_iku.value(field_name, "Y") if block_iku is not None and field_name else None
        return _summary_formula(block, percent) if block is not None else None
    return None  # NSS / Np / NKO: a weighted chain, no canonical formula over one block


def _formula_value(iku: Iku, row: str, period: str, an: Analysis, profile: Profile, konversi: bool) -> float | None:
    """What the canonical formula of a cell computes from the column's own T and R (points)."""
    t, r = iku.number("target", period), iku.number("realisasi", period)
    if row in ("target", "realisasi"):
        return scoring.konsolidasi((iku.number(row, q) for q in CONSOLIDATED[period]), iku.konsolidasi)
    if t is None or r is None:
        return None
    try:
        cap = scoring.capaian(t, r, iku.polarisasi, worst=iku.meta.realisasi_terburuk)
    except (scoring.NotComputable, ZeroDivisionError):
        return None
    if row == "capaian":
        return cap
    met = scoring.target_met(t, r, iku.polarisasi)
    return scoring.nilai(cap, profile, konversi=konversi, met=met)


def _label_fix(f: Finding, wb: Workbook, safe: bool) -> tuple[list[Fix], str | None]:
    """KX021: the Pol/KP label with the polarisasi the reported capaian follow (konsolidasi kept)."""
    iku = next((i for i in wb.ikus if i.polkp_cell == f.cell), None)
    fitted = f.params.get("fitted")
    if iku is None or not fitted or iku.polkp_cell is None:
        return [], "fix-not-computable"
    if iku.polkp_cell.sheet != iku.sheet:  # the summary's Polarisasi column holds the polarisasi alone
        old, new = iku.polarisasi, str(fitted)
    else:
        old, new = iku.polkp_raw or f"{iku.polarisasi}/{iku.konsolidasi}", f"{fitted}/{iku.konsolidasi}"
    return [Fix(iku.polkp_cell, f.code, old, new, safe, new, iku=f.iku)], None


def _year_fix(f: Finding, wb: Workbook, safe: bool) -> tuple[list[Fix], str | None]:
    """KX004: the Y-NN label with the workbook's year, written the way the label was (Y-22 -> Y-24)."""
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


# --- applying fixes to the model -----------------------------------------------------------


def _apply(fix: Fix, wb: Workbook, cells: _Cells) -> None:
    """Change the model as the written cell will read."""
    if fix.code == "KX021":
        for iku in wb.ikus:
            if iku.polkp_cell == fix.cell:
                from kinerja_xl.reader.values import parse_polarisasi, parse_polkp

                text = str(fix.new)
                pol = parse_polkp(text)[0] if "/" in text else parse_polarisasi(text)
                if pol:
                    iku.polarisasi = pol
                    iku.polkp_raw = text if "/" in text else iku.polkp_raw
        return
    if fix.code == "KX004":
        for iku in wb.ikus:
            if iku.year_cell == fix.cell:
                iku.year_label, iku.year_text = wb.year, str(fix.new)
        return
    for v in cells.values.get(fix.cell, []):
        v.number = float(fix.new)
        v.raw = fix.raw
        v.kind = "percent" if _is_percent(v) else "number"
        if fix.formula:
            v.formula = fix.formula


def _dependents(wb: Workbook, cells: _Cells, changed: set[CellRef], fixed: set[CellRef]) -> None:
    """Formula cells of the model that refer to a changed cell: recompute their value from the model.

    The written copy drops their cached value (Excel recalculates; kinerja-xl's reader evaluates
    the formula again); a formula that cannot be evaluated over the model's cells becomes unevaluated.
    """
    from kinerja_xl.reader.formulas import NotEvaluable, XlError, evaluate

    readers = cells.readers()
    pending = set(changed)
    seen: set[CellRef] = set()
    for _ in range(20):  # chains of formulas are short; a cycle stops here
        hit = {r for ref in pending for r in readers.get(ref, ()) if r not in fixed and r not in seen}
        if not hit:
            return
        pending = set()
        for ref in sorted(hit):
            values = cells.values[ref]
            seen.add(ref)
            pending.add(ref)

            def resolve(sheet: str | None, row: int, col: int, _ref: CellRef = ref) -> Any:
                other = cells.value(CellRef(sheet or _ref.sheet, f"{column_letters(col)}{row}"))
                if other is None:
                    raise NotEvaluable("outside the model")
                return other.raw

            try:
                result = evaluate(values[0].formula or "", resolve)
            except (NotEvaluable, ArithmeticError, ValueError, TypeError, RecursionError):
                result = None
            for v in values:
                if isinstance(result, (int, float)) and not isinstance(result, (bool, XlError)):
                    v.raw = float(result)
                    v.number = round(float(result) * 100.0, 9) if _is_percent(v) else float(result)
                else:
                    v.number, v.raw, v.kind = None, None, "unevaluated"


# --- the plan ------------------------------------------------------------------------------


def _check(wb: Workbook, profile: Profile, settings: Settings, reader_findings: list[Finding]):
    from kinerja_xl import rules

    an = analyse(wb, profile)
    found = [f for f in reader_findings + list(rules.run(wb, an, settings)) if settings.wants(f.code)]
    name = wb.path.replace("\\", "/").rsplit("/", 1)[-1]
    for f in found:
        f.file = name
    return an, found


def _still_stands(f: Finding, fixed: set[CellRef], wb: Workbook) -> bool:
    """Whether a reader finding (KX0xx) still describes the fixed model."""
    if f.cell is None:
        return True
    return not (f.code in ("KX011", "KX012", "KX004") and f.cell in fixed)


def copy_model(wb: Workbook) -> Workbook:
    """A copy of the model a plan may change: its values and IKU labels are its own, the rest shared.

    (copy.deepcopy of a 2,000-IKU model took longer than reading the file.)
    """
    out = copy.copy(wb)
    out.findings = list(wb.findings)
    out.ikus = []
    for iku in wb.ikus:
        twin = copy.copy(iku)
        twin.rows = {row: {p: copy.copy(v) for p, v in values.items()} for row, values in iku.rows.items()}
        out.ikus.append(twin)
    s = wb.summary
    if s is not None:
        summary = copy.copy(s)
        summary.__dict__.pop("_iku_index", None)  # Summary.iku's index points at the original rows
        summary.nko = copy.copy(s.nko)
        summary.perspectives = [copy.copy(p) for p in s.perspectives]
        summary.ss = [copy.copy(x) for x in s.ss]
        summary.ikus = [copy.copy(r) for r in s.ikus]
        for p in summary.perspectives:
            p.np = copy.copy(p.np)
        for x in summary.ss:
            x.nss = copy.copy(x.nss)
        for r in summary.ikus:
            r.target, r.realisasi, r.nilai = copy.copy(r.target), copy.copy(r.realisasi), copy.copy(r.nilai)
        out.summary = summary
    return out


def _round_fixes(
    found: list[Finding],
    wb: Workbook,
    an: Analysis,
    cells: _Cells,
    profile: Profile,
    unsafe: bool,
    unfixed: dict[tuple[str, CellRef | None, str | None], Unfixed],
) -> dict[CellRef, Fix]:
    """The fixes one round of findings asks for, by cell (aggregates last: a summary value takes the
    corrected value of its block cell)."""
    wanted: dict[CellRef, Fix] = {}
    for f in sorted(found, key=lambda f: f.code in _AGGREGATE_CODES):
        if f.code in UNSAFE_CODES and not unsafe:
            unfixed.setdefault((f.code, f.cell, f.period), Unfixed(f, "fix-unsafe"))
            continue
        got, reason = fixes_for(f, wb, an, cells, profile, wanted)
        if reason is not None:
            unfixed.setdefault((f.code, f.cell, f.period), Unfixed(f, reason))
        for fix in got:
            prev = wanted.get(fix.cell)
            if prev is None or _PRIORITY.get(prev.code, 9) < _PRIORITY.get(fix.code, 9):
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
    work, cells = wb, _Cells(wb)
    applied: dict[CellRef, Fix] = {}
    original: dict[CellRef, tuple[Any, str | None]] = {}
    unfixed: dict[tuple[str, CellRef | None, str | None], Unfixed] = {}
    done = 0
    while done < rounds:
        done += 1
        wanted = _round_fixes(found, work, an, cells, profile, unsafe, unfixed)
        new = [fx for fx in wanted.values() if not _same(applied.get(fx.cell), fx)]
        if not new:
            break
        if work is wb:  # the first change: from now on a copy of the model
            if rounds == 1:
                applied = dict(wanted)
                original = {ref: (fx.old, fx.old_formula) for ref, fx in wanted.items()}
                break
            work = copy_model(wb)
            cells = _Cells(work)
            reader_findings = list(work.findings)
        for fx in new:
            v = cells.value(fx.cell)
            original.setdefault(fx.cell, (fx.old, v.formula if v is not None else None))
            _apply(fx, work, cells)
            applied[fx.cell] = fx
        fixed = set(applied)
        _dependents(work, cells, {fx.cell for fx in new}, fixed)
        reader_findings = [f for f in reader_findings if _still_stands(f, fixed, work)]
        an, found = _check(work, profile, settings, reader_findings)
    out = []
    for ref, fx in applied.items():
        old, old_formula = original[ref]
        if _same_value(old, fx.new) and not fx.formula:
            continue  # changed and changed back
        out.append(Fix(ref, fx.code, old, fx.new, fx.safe, fx.raw, fx.formula, old_formula, fx.iku, fx.period))
    out.sort(key=lambda x: (x.cell.sheet, *_rc(x.cell.coord)))
    remaining = sorted(found, key=lambda f: f.sort_key())
    still = {(f.code, f.cell, f.period) for f in remaining}
    left = [u for k, u in unfixed.items() if k in still]
    return FixPlan(out, work, an, remaining, left, done)


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


def _rc(coord: str) -> tuple[int, int]:
    m = _REF.fullmatch(coord.split(":")[0])
    return (int(m.group(2)), column_number(m.group(1))) if m else (0, 0)


def _same_value(a: Any, b: Any) -> bool:
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return abs(float(a) - float(b)) <= 1e-9
    return a == b


def _same(prev: Fix | None, fx: Fix) -> bool:
    return prev is not None and _same_value(prev.new, fx.new) and prev.formula == fx.formula


# --- for `check` ---------------------------------------------------------------------------


def attach(findings: list[Finding], fix_plan: FixPlan, wb: Workbook, profile: Profile) -> None:
    """Set ``Finding.fix`` on checked findings: the plan's fix of the finding's cell (safe ones), and
    the unsafe label fixes computed on their own (the plan did not apply them)."""
    by_cell = {fx.cell: fx for fx in fix_plan.fixes}
    cells: _Cells | None = None
    for f in findings:
        if f.code not in FIXABLE_CODES or f.cell is None:
            continue
        if f.code in UNSAFE_CODES:
            cells = cells or _Cells(wb)
            got, _ = fixes_for(f, wb, Analysis(profile=profile), cells, profile)
            f.fix = got[0] if got else None
        else:
            f.fix = by_cell.get(f.cell)


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


def score_of(an: Analysis, iku: Iku) -> IkuScore | None:
    """The recomputed scores of an IKU in an analysis."""
    return next((s for s in an.ikus if s.iku is iku), None)
