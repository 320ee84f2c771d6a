"""A block's row checks: KX012 (a cell in the other percent scale than its row) and KX014 (a literal
typed over a row of formulas)."""

from __future__ import annotations

from kinerja_xl.findings import format_number
from kinerja_xl.model import Iku, Value
from kinerja_xl.reader.cells import ReadContext
from kinerja_xl.reader.files import SheetGrid
from kinerja_xl.reader.vocabulary import ROW_NAMES


def _row_checks(grid: SheetGrid, iku: Iku, ctx: ReadContext) -> None:
    """KX012 a cell in another percent scale than its row; KX014 literal typed over a formula row."""
    for row, values in iku.rows.items():
        _scale_checks(iku, row, values, ctx)
        if row in ("capaian", "nilai"):
            # the formulas and the literals typed beside them (cells neither blank nor N/A)
            n_formula = 0
            literals = []
            for p, v in values.items():
                if v.formula:
                    n_formula += 1
                elif v.kind != "na":
                    literals.append((p, v))
            if n_formula >= 2 and literals and len(literals) < n_formula:
                for p, v in literals:
                    ctx.add("KX014", v.cell, owner=iku, period=p, actual=v.number)


def _percent_signal(v: Value) -> bool:
    """The cell says 'percent' itself: a % number format or text ending in %."""
    return v.kind == "percent" or (v.kind == "text-number" and str(v.raw).strip().endswith("%"))


# A percent row holds values a person reads as percent points, from about 1 to a few hundred.
# A %-formatted cell whose stored number is 10 or more shows 1,000% or more: its number was typed
# as points into a % cell. A plain number of at most 3 in a row of points was typed as a fraction.
_FRACTION_MAX, _POINTS_MIN, _PLAUSIBLE_MAX = 3.0, 10.0, 300.0
# What a %-formatted cell shows from which it is read as points typed into it (KX012): 1,000 %.
TYPED_POINTS_MIN = 100 * _POINTS_MIN


def _scale_checks(iku: Iku, row: str, values: dict[str, Value], ctx: ReadContext) -> None:
    """KX012 at each cell typed in the other percent scale than its row (both directions), and the
    cell's number read as the office meant it (points)."""
    numeric = [(p, v) for p, v in values.items() if v.number is not None and v.number != 0 and v.cell]
    if _quiet(numeric):
        return
    if not any(_percent_signal(v) for _, v in numeric):
        _fraction_among_points(iku, row, numeric, ctx)
        return
    typed_points = [(p, v) for p, v in numeric if v.kind == "percent" and abs(v.number or 0) >= TYPED_POINTS_MIN]
    typed_fraction = [
        (p, v)
        for p, v in numeric
        if v.kind in ("number", "text-number") and not _percent_signal(v) and abs(v.number or 0) <= _FRACTION_MAX
    ]
    odd = {id(v) for _, v in typed_points + typed_fraction}
    others = [abs(v.number or 0) for _, v in numeric if id(v) not in odd]
    plausible = [x for x in others if 1.0 <= x <= _PLAUSIBLE_MAX]
    points = [x for x in others if x >= _POINTS_MIN]
    label = ROW_NAMES[row]
    example = next((v for _, v in numeric if id(v) not in odd), None)
    if plausible:
        for p, v in typed_points:
            _rescale(v, 0.01, iku, p, label, example, ctx)
    if points:
        for p, v in typed_fraction:
            _rescale(v, 100.0, iku, p, label, example, ctx)
    # A plain number stored as points (104.17, format 0.00) in a row stored as fractions shown as
    # percent (1.0417 as 104.17%): it displays like its row, but a formula reading the row gets a
    # number 100 times too big. Read as points already; flagged so the cell is stored as its row.
    fractions = [v for _, v in numeric if v.kind == "percent" and id(v) not in odd]
    stored_points = [
        (p, v)
        for p, v in numeric
        if v.kind == "number" and id(v) not in odd and _FRACTION_MAX < abs(v.number or 0) <= _PLAUSIBLE_MAX
    ]
    if stored_points and len(fractions) * 2 > len(numeric):
        example = fractions[0]
        for p, v in stored_points:
            _rescale(v, 1.0, iku, p, label, example, ctx)


def _quiet(numeric: list[tuple[str, Value]]) -> bool:
    """Whether a row has nothing to rescale, seen in one pass (most rows): every number a
    %-formatted fraction under 1,000%, or no cell saying percent and no number under 1 (the
    checks below would then find no cell typed in the other scale)."""
    all_percent = no_percent = True
    for _, v in numeric:
        size = abs(v.number or 0)
        kind = v.kind
        if kind == "percent":
            no_percent = False
            if size >= TYPED_POINTS_MIN:
                return False
        else:
            all_percent = False
            if size < 1.0 or (kind == "text-number" and _percent_signal(v)):
                return False
        if not (all_percent or no_percent):
            return False
    return True


def _fraction_among_points(iku: Iku, row: str, numeric: list[tuple[str, Value]], ctx: ReadContext) -> None:
    """KX012 at a plain fraction (0.4405) in a row of plain points (7.36, 16.43, 44.05), read x100.

    No cell of the row says percent, so only a fraction whose points fall among the row's other
    numbers counts (a row of small numbers, 0.5 beside 3.5 and 4, is left as it is)."""
    small = [(p, v) for p, v in numeric if v.kind in ("number", "text-number") and abs(v.number or 0) < 1.0]
    others = [abs(v.number or 0) for _, v in numeric if abs(v.number or 0) >= 1.0]
    if not small or len(others) < 2 or max(others) < _POINTS_MIN:
        return
    low, high = min(others) * 0.5, max(others) * 1.5
    example = next(v for _, v in numeric if abs(v.number or 0) >= 1.0)
    for p, v in small:
        if low <= abs(v.number or 0) * 100.0 <= high:
            _rescale(v, 100.0, iku, p, ROW_NAMES[row], example, ctx)


def _shown(v: Value, lang: str) -> str:
    """A cell's number as the spreadsheet shows it (a % format shows its number times 100)."""
    if v.kind == "text-number":
        return str(v.raw).strip()
    assert v.number is not None
    text = format_number(v.number, lang) if abs(v.number) >= 10 else f"{v.number:.4g}"
    if lang == "id" and abs(v.number) < 10:
        text = text.replace(".", ",")
    return text + "%" if v.kind == "percent" else text


def _rescale(
    v: Value, factor: float, iku: Iku, period: str, label: str, example: Value | None, ctx: ReadContext
) -> None:
    """Record KX012 at the cell with what it shows, then read its number in the row's scale."""
    shown = {f"shown_{lang}": _shown(v, lang) for lang in ("id", "en")}
    other = {f"other_{lang}": _shown(example, lang) if example else "-" for lang in ("id", "en")}
    assert v.number is not None
    v.number = round(v.number * factor, 10)
    ctx.add("KX012", v.cell, owner=iku, period=period, actual=v.number, row=label, **shown, **other)
