"""Turning one grid cell into a model Value, with the KX010/KX011/KX013 findings it deserves."""

from __future__ import annotations

from typing import Any

from kinerja_xl.findings import Finding
from kinerja_xl.messages import phrase
from kinerja_xl.model import CellRef, Iku, Value, cell_name
from kinerja_xl.reader.files import SheetGrid
from kinerja_xl.reader.formulas import Evaluator, NotEvaluable, XlError, tokenize
from kinerja_xl.reader.values import classify, raw_text

_INF = float("inf")
_COLUMNS = 1 << 15  # columns ReadContext.ref keys by (row << 15 | col): more than XFD's 16,384


coord = cell_name  # 'C5' from (5, 3): the reader's short name for model.cell_name


def formula_hint(formula: str | None) -> dict[str, Any]:
    """KX010's hint for a formula error value: the cells the formula reads (a deleted one named)."""
    if not formula:
        return phrase("hint", "no-hint")
    try:
        tokens = tokenize(formula)
    except NotEvaluable:
        return phrase("hint", "no-hint")
    inputs = ", ".join(dict.fromkeys(text for kind, text in tokens if kind == "ref"))
    deleted = any(kind == "err" and text.upper() == "#REF!" for kind, text in tokens)
    shown = formula if formula.startswith("=") else "=" + formula
    if inputs:
        return phrase("hint", "formula-inputs-deleted" if deleted else "formula-inputs", formula=shown, inputs=inputs)
    return phrase("hint", "formula-deleted" if deleted else "formula-no-inputs", formula=shown)


class ReadContext:
    """State shared while reading one file: grids, evaluator and the findings raised so far."""

    def __init__(self, grids: list[SheetGrid], file: str | None = None):
        self.grids = {g.title: g for g in grids}
        self.order = [g.title for g in grids]
        self.file = file
        self.evaluator = Evaluator(self.grids)
        self.findings: list[Finding] = []
        # findings raised inside a block before its code is known: filled in at the end
        self._owned: list[tuple[Finding, Iku]] = []
        self.owners: dict[int, Iku] = {}  # id(finding) -> the block it was raised in (reader/units.py)
        # (row << 15 | col) -> 'C5': one string per coordinate, shared by every sheet's cell there
        self._names: dict[int, str] = {}

    def add(
        self,
        code: str,
        cell: CellRef | None,
        *,
        owner: Iku | None = None,
        iku: str | None = None,
        period: str | None = None,
        actual: float | None = None,
        **params: Any,
    ) -> Finding:
        """Record a finding; with owner, its iku is set from the block once the code is known."""
        f = Finding(code=code, cell=cell, iku=iku, period=period, actual=actual, params=params, file=self.file)
        self.findings.append(f)
        if owner is not None:
            self.owners[id(f)] = owner
        if owner is not None and iku is None:
            self._owned.append((f, owner))
        return f

    def resolve_owners(self) -> None:
        """Set Finding.iku on block findings now that codes are linked."""
        for f, owner in self._owned:
            if f.iku is None:
                f.iku = owner.code or (owner.name[:60] if owner.name else None)
        self._owned.clear()

    def ref(self, title: str, row: int, col: int) -> CellRef:
        """CellRef(title, coord(row, col)), its coordinate text shared with the other sheets' cells there."""
        if not 0 <= col < _COLUMNS:
            return CellRef(title, coord(row, col))
        key = row << 15 | col
        name = self._names.get(key)
        if name is None:
            name = self._names[key] = coord(row, col)
        return CellRef(title, name)

    def row_values(self, grid: SheetGrid, row: int, columns: dict[str, int], owner: Iku) -> dict[str, Value]:
        """{period: self.value(grid, row, col, owner=owner, period=period)} for a block's value row,
        the plain numbers (nearly every cell) read here without the call."""
        cells = grid.rows.get(row) or {}
        formulas, percent, title, names = grid.formulas, grid.percent, grid.title, self._names
        base = row << 15
        out: dict[str, Value] = {}
        for period, col in columns.items():
            raw: Any = cells.get(col)
            t = type(raw)
            # a finite float (inf - inf and NaN - NaN are NaN) or any int
            if ((t is float and raw - raw == 0.0) or t is int) and 0 <= col < _COLUMNS:
                key = (row, col)
                formula = formulas.get(key) if formulas else None
                name = names.get(base | col)
                if name is None:
                    name = names[base | col] = coord(row, col)
                if key in percent:
                    out[period] = Value(CellRef(title, name), round(raw * 100.0, 9), "percent", raw, formula)
                else:
                    out[period] = Value(CellRef(title, name), float(raw), "number", raw, formula)
            else:
                out[period] = self.value(grid, row, col, owner=owner, period=period)
        return out

    def value(
        self,
        grid: SheetGrid,
        row: int,
        col: int,
        *,
        owner: Iku | None = None,
        iku: str | None = None,
        period: str | None = None,
    ) -> Value:
        """The Value of a cell; raises no exception, records findings for text, errors, formulas."""
        cells = grid.rows.get(row)
        raw: Any = None if cells is None else cells.get(col)
        key = (row, col)
        formula = grid.formulas.get(key) if grid.formulas else None
        cell = self.ref(grid.title, row, col)
        if raw is None and formula is None:
            return Value(cell, None, "na", None, None)
        t = type(raw)
        if (t is float or t is int) and raw == raw and abs(raw) != _INF:
            # the common case, kept short: a plain or %-formatted number
            if key in grid.percent:
                return Value(cell, round(raw * 100.0, 9), "percent", raw, formula)
            return Value(cell, float(raw), "number", raw, formula)
        pct = (row, col) in grid.percent
        kw: dict[str, Any] = {"owner": owner, "iku": iku, "period": period}
        if formula is not None and raw is None:
            try:
                result = self.evaluator.cell(grid.title, row, col)
            except (NotEvaluable, ArithmeticError, ValueError, TypeError, RecursionError):
                self.add("KX013", cell, formula=formula, **kw)
                return Value(cell, None, "unevaluated", None, formula, pct)
            if isinstance(result, XlError):
                self.add("KX010", cell, text=str(result), **formula_hint(formula), **kw)
                return Value(cell, None, "error", str(result), formula, pct)
            raw = result
        parsed = classify(raw, pct)
        if parsed.kind == "text" or parsed.kind == "error":
            hint: dict[str, Any] = formula_hint(formula if parsed.kind == "error" else None)
            self.add("KX010", cell, text=raw_text(raw), **hint, **kw)
        elif parsed.kind == "text-number":
            self.add("KX011", cell, actual=parsed.number, text=raw_text(raw), **kw)
        return Value(cell, parsed.number, parsed.kind, raw, formula, pct)
