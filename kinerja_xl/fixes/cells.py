"""The model's cells as a fix sees them: every Value by its cell (``Cells``), a copy of the model
a plan may change (``copy_model``), a fix applied to the model (``apply``), and the formula cells
that read a changed cell recomputed (``dependents``). Pure: no openpyxl, no I/O."""

from __future__ import annotations

import copy
from typing import Any

from kinerja_xl.analysis import Analysis
from kinerja_xl.fixes.formulas import references
from kinerja_xl.fixes.types import Fix, is_percent
from kinerja_xl.model import CellRef, Iku, Value, Workbook, column_letters


class Cells:
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


def apply(fix: Fix, wb: Workbook, cells: Cells) -> None:
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
        v.percent_format = v.percent_format or fix.percent_format
        v.kind = "percent" if is_percent(v) else "number"
        if fix.formula:
            v.formula = fix.formula


def dependents(cells: Cells, changed: set[CellRef], fixed: set[CellRef]) -> None:
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
                    v.number = round(float(result) * 100.0, 9) if is_percent(v) else float(result)
                else:
                    v.number, v.raw, v.kind = None, None, "unevaluated"


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
