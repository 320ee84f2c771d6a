"""The model's cells as a fix sees them: every Value by its cell (``Cells``), a copy of the model
a plan may change (``copy_model``), a fix applied to the model (``apply``), and the formula cells
that read a changed cell recomputed (``dependents``). Pure: no openpyxl, no I/O."""

from __future__ import annotations

import copy
from typing import Any, Generic, TypeVar, overload

from kinerja_xl.analysis import Analysis
from kinerja_xl.fixes.formulas import references
from kinerja_xl.fixes.types import Fix, is_percent
from kinerja_xl.model import CellRef, Iku, Value, Workbook, column_letters

T = TypeVar("T")
D = TypeVar("D")


class ByCell(Generic[T]):
    """A mapping keyed by CellRef, held as sheet -> coordinate -> item: the index of a 2,000-IKU
    model hashes 56,000 cells, and a str hashes in C (and once) where a CellRef's hash is a
    Python call each time. The dict methods the plan uses: get, [], in, []=, pop, setdefault."""

    __slots__ = ("by_sheet",)

    def __init__(self, by_sheet: dict[str, dict[str, T]] | None = None):
        self.by_sheet: dict[str, dict[str, T]] = by_sheet if by_sheet is not None else {}

    @overload
    def get(self, ref: CellRef) -> T | None: ...
    @overload
    def get(self, ref: CellRef, default: D) -> T | D: ...
    def get(self, ref: CellRef, default: Any = None) -> Any:
        inner = self.by_sheet.get(ref.sheet)
        return default if inner is None else inner.get(ref.coord, default)

    def __getitem__(self, ref: CellRef) -> T:
        inner = self.by_sheet.get(ref.sheet)
        if inner is None or ref.coord not in inner:
            raise KeyError(ref)
        return inner[ref.coord]

    def __contains__(self, ref: object) -> bool:
        if not isinstance(ref, CellRef):
            return False
        inner = self.by_sheet.get(ref.sheet)
        return inner is not None and ref.coord in inner

    def __setitem__(self, ref: CellRef, item: T) -> None:
        inner = self.by_sheet.get(ref.sheet)
        if inner is None:
            inner = self.by_sheet[ref.sheet] = {}
        inner[ref.coord] = item

    def pop(self, ref: CellRef, default: T | None = None) -> T | None:
        inner = self.by_sheet.get(ref.sheet)
        return default if inner is None else inner.pop(ref.coord, default)

    def setdefault(self, ref: CellRef, default: T) -> T:
        inner = self.by_sheet.get(ref.sheet)
        if inner is None:
            inner = self.by_sheet[ref.sheet] = {}
        return inner.setdefault(ref.coord, default)

    def copy(self) -> ByCell[T]:
        return ByCell({sheet: dict(inner) for sheet, inner in self.by_sheet.items()})


class Cells:
    """Every Value of the model by its cell, the IKU that owns each block cell, and (for a plan's
    copy of the model) copy-on-write of the IKU a fix changes.

    ``Cells(wb)`` indexes a model. ``Cells(work, base)`` indexes ``copy_model(wb)`` from ``base``
    (the original's index): the copy shares every IKU with the original until ``own`` gives it a
    copy of its own, so a plan copies, re-checks and searches formulas of the IKU it touches only.
    """

    def __init__(self, wb: Workbook, base: Cells | None = None):
        self.wb = wb
        self.corrected: tuple[Analysis, dict[CellRef, float]] | None = None  # _corrected's cache
        self.huge: tuple[Analysis, set[tuple[int, str]], set[str]] | None = None  # _huge_capaian's cache
        self.owned: dict[int, Iku] = {}  # id -> IKU copied for this model (copy-on-write)
        self.touched: list[Iku] = []  # IKU owned since the last check (take_touched)
        self._position: dict[int, int] | None = None
        if base is not None:
            self.values: ByCell[list[Value]] = base.values.copy()
            self.owner: ByCell[tuple[Iku, str, str]] = base.owner.copy()
            self.copy_on_write = True
            theirs = _summary_values(base.wb)
            ids = {id(sv) for sv in theirs}
            for cell in {sv.cell for sv in theirs if sv.cell is not None}:
                kept = [x for x in self.values.get(cell, []) if id(x) not in ids]  # a new list: base keeps its own
                if kept:
                    self.values[cell] = kept
                else:
                    self.values.pop(cell, None)
            self._add_summary(wb)
            return
        self.copy_on_write = False  # the model itself: changed in place
        index: dict[str, dict[str, list[Value]]] = {}
        owner: dict[str, dict[str, tuple[Iku, str, str]]] = {}  # sheet -> value cell -> (iku, row, period)
        sheet: str | None = None
        values_of: dict[str, list[Value]] = {}
        owner_of: dict[str, tuple[Iku, str, str]] = {}
        for iku in wb.ikus:
            for row, values in iku.rows.items():
                for period, v in values.items():
                    ref = v.cell
                    if ref is None:
                        continue
                    if ref.sheet != sheet:
                        sheet = ref.sheet
                        values_of, owner_of = index.setdefault(sheet, {}), owner.setdefault(sheet, {})
                    found = values_of.get(ref.coord)
                    if found is None:
                        values_of[ref.coord] = [v]
                        owner_of[ref.coord] = (iku, row, period)
                    else:
                        found.append(v)
        self.values, self.owner = ByCell(index), ByCell(owner)
        self._add_summary(wb)

    def _add_summary(self, wb: Workbook) -> None:
        for sv in _summary_values(wb):
            if sv.cell is not None:
                self.values.setdefault(sv.cell, []).append(sv)

    def own(self, iku: Iku) -> Iku:
        """The model's own copy of an IKU, made on first use (its Values are then the copy's)."""
        if not self.copy_on_write:
            self.touched.append(iku)
            return iku
        if id(iku) in self.owned:
            if iku not in self.touched:
                self.touched.append(iku)
            return iku
        if self._position is None:
            self._position = {id(i): k for k, i in enumerate(self.wb.ikus)}
        twin = copy.copy(iku)
        twin.rows = {row: {p: copy.copy(v) for p, v in values.items()} for row, values in iku.rows.items()}
        position = self._position[id(iku)]
        self.wb.ikus[position] = twin
        self._position[id(twin)] = position
        self.owned[id(twin)] = twin
        for row, values in iku.rows.items():
            for period, v in values.items():
                if v.cell is None:
                    continue
                mine = twin.rows[row][period]
                self.values[v.cell] = [mine if x is v else x for x in self.values.get(v.cell, [])]
                if self.owner.get(v.cell, (None,))[0] is iku:
                    self.owner[v.cell] = (twin, row, period)
        self.touched.append(twin)
        return twin

    def own_cell(self, cell: CellRef) -> None:
        """Own the IKU a block cell belongs to (a summary cell is the copy's already)."""
        found = self.owner.get(cell)
        if found is not None:
            self.own(found[0])

    def take_touched(self) -> list[Iku]:
        """The IKU owned since the last call (what a re-check must look at again)."""
        touched, self.touched = self.touched, []
        return touched

    def readers(self, changed: set[CellRef]) -> dict[CellRef, list[CellRef]]:
        """Cell -> the formula cells that refer to it, among the IKU owning ``changed`` and the summary.

        A formula in another block that reads a changed cell is not followed (blocks read their own
        cells; the summary reads the blocks)."""
        blocks = {id(o[0]): o[0] for o in (self.owner.get(c) for c in changed) if o is not None}
        cells = [v.cell for iku in blocks.values() for vs in iku.rows.values() for v in vs.values() if v.formula]
        cells += [sv.cell for sv in _summary_values(self.wb) if sv.formula]
        out: dict[CellRef, list[CellRef]] = {}
        for ref in dict.fromkeys(c for c in cells if c is not None):
            formula = self.values[ref][0].formula if ref in self.values else None
            if formula:
                for target in references(formula, ref.sheet):
                    out.setdefault(target, []).append(ref)
        return out

    def value(self, cell: CellRef | None) -> Value | None:
        found = self.values.get(cell) if cell is not None else None
        return found[0] if found else None


def _summary_values(wb: Workbook) -> list[Value]:
    s = wb.summary
    if s is None:
        return []
    extra: list[Value | None] = [s.nko]
    extra += [p.np for p in s.perspectives] + [x.nss for x in s.ss]
    extra += [x for r in s.ikus for x in (r.target, r.realisasi, r.nilai)]
    return [v for v in extra if v is not None]


def apply(fix: Fix, wb: Workbook, cells: Cells) -> None:
    """Change the model as the written cell will read."""
    if fix.code == "KX021":
        for iku in list(wb.ikus):
            if iku.polkp_cell == fix.cell:
                iku = cells.own(iku)
                from kinerja_xl.reader.values import parse_polarisasi, parse_polkp

                text = str(fix.new)
                pol = parse_polkp(text)[0] if "/" in text else parse_polarisasi(text)
                if pol:
                    iku.polarisasi = pol
                    iku.polkp_raw = text if "/" in text else iku.polkp_raw
        return
    if fix.code == "KX004":
        for iku in list(wb.ikus):
            if iku.year_cell == fix.cell:
                iku = cells.own(iku)
                iku.year_label, iku.year_text = wb.year, str(fix.new)
        return
    cells.own_cell(fix.cell)
    for v in cells.values.get(fix.cell, []):
        v.number = float(fix.new)
        v.raw = fix.raw
        if fix.points_format:  # the cell's % format gave way: it shows points now
            v.percent_format, v.kind = False, "number"
        else:
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

    readers = cells.readers(changed)
    pending = set(changed)
    seen: set[CellRef] = set()
    for _ in range(20):  # chains of formulas are short; a cycle stops here
        hit = {r for ref in pending for r in readers.get(ref, ()) if r not in fixed and r not in seen}
        if not hit:
            return
        pending = set()
        for ref in sorted(hit):
            cells.own_cell(ref)
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
    """A copy of the model a plan may change: its summary values are its own, its IKU are the
    original's until ``Cells(copy, base).own`` copies the ones a fix changes (copy-on-write).

    (copy.deepcopy of a 2,000-IKU model took longer than reading the file; copying every IKU took
    a fifth of a fix.)
    """
    out = copy.copy(wb)
    out.findings = list(wb.findings)
    out.ikus = list(wb.ikus)
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
