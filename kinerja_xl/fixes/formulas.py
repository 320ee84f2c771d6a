"""Formulas of a fix: whether the reader understands a formula, the cells it reads, and the
canonical formula of a block or summary cell over the block's own cells (pure)."""

from __future__ import annotations

import re

from kinerja_xl import scoring
from kinerja_xl.fixes.types import is_percent
from kinerja_xl.model import CONSOLIDATED, CellRef, Iku, Value, column_letters, column_number
from kinerja_xl.profiles import Profile

# Functions the reader's evaluator understands (reader/formulas.py); a formula using others is opaque.
_KNOWN_FUNCTIONS = frozenset(
    {"SUM", "AVERAGE", "MIN", "MAX", "COUNT", "ROUND", "ROUNDUP", "ROUNDDOWN", "ABS", "IF", "IFERROR", "AND", "OR"}
    | {"NOT"}
)
REF = re.compile(r"(?:(?:'(?:[^']|'')+'|[A-Za-z_][\w.]*)!)?\$?([A-Za-z]{1,3})\$?(\d+)(?::\$?([A-Za-z]{1,3})\$?(\d+))?")


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
        m = REF.fullmatch(text)
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
    scales = {is_percent(v) for v in known} | ({is_percent(own)} if own is not None else set())
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
    if tv.cell.sheet != sheet or rv.cell.sheet != sheet or is_percent(tv) != is_percent(rv):
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


def summary_formula(block: Value, percent: bool) -> str | None:
    """A summary cell's canonical formula: a reference to the block's cell (scaled between % and points)."""
    if block.cell is None:
        return None
    ref = _quote(block.cell.sheet) + "!" + block.cell.coord
    src = is_percent(block)
    if src == percent:
        return "=" + ref
    return f"={ref}/100" if percent else f"={ref}*100"


def formula_value(iku: Iku, row: str, period: str, profile: Profile, konversi: bool) -> float | None:
    """What the canonical formula of a cell computes from the column's own T and R (points)."""
    t, r = iku.number("target", period), iku.number("realisasi", period)
    if row in ("target", "realisasi"):  # the one rule of the score and KX110 (analysis.consolidated_tr)
        from kinerja_xl.analysis import consolidated_tr

        rolled = consolidated_tr(iku, period)
        return None if rolled is None else rolled[0] if row == "target" else rolled[1]
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
