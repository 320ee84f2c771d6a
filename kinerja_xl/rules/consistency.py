"""Consistency within a block: consolidated columns (KX110), falling Max targets (KX111), missing Realisasi
(KX120), Realisasi without a Target (KX121)."""

from __future__ import annotations

from collections.abc import Iterator

from kinerja_xl import scoring
from kinerja_xl.analysis import consolidated_all
from kinerja_xl.findings import Finding
from kinerja_xl.fixes import Fix, FixContext, fixer
from kinerja_xl.fixes.values import corrected_value
from kinerja_xl.messages import Message
from kinerja_xl.model import CONSOLIDATED, PERIODS, QUARTERS, Value
from kinerja_xl.rules.common import cell_of
from kinerja_xl.rules.registry import Context, rule
from kinerja_xl.severity import Severity

_ROW_LABEL = {"target": "Target", "realisasi": "Realisasi"}


KX110 = Message(
    code="KX110",
    symbol="konsolidasi-mismatch",
    severity=Severity.ERROR,
    title_id="kolom konsolidasi tidak sesuai dengan triwulannya",
    title_en="consolidated column disagrees with its quarters",
    template_id="{row} {period} tertulis {actual} tetapi {kp} dari {quarters} = {expected}.",
    template_en="{row} {period} reads {actual} but {kp} of {quarters} = {expected}.",
    doc="Sm.I, s.d. Q3 and Y roll up the quarters by the IKU's konsolidasi (TLK, Sum, Avg).\n"
    "Bad: TLK, Target Q4 80%, Target Y 100%.\nGood: Target Y 80%.",
)


@rule(KX110)
def check_konsolidasi(ctx: Context) -> Iterator[Finding]:
    """Target/Realisasi of Sm.I, s.d. Q3 and Y disagree with their quarters rolled up by the KP."""
    # The expected T and R are the ones the column is scored on (analysis.consolidated_tr): a
    # Sum/Avg column with a gap is N/A and not checked (the gap is KX120); TLK takes the last
    # quarter with a Realisasi.
    for iku in ctx.wb.ikus:
        rows = iku.rows
        for period, rolled in consolidated_all(iku, ctx.wb.period).items():
            if rolled is None:
                continue
            t, r, gap = rolled
            if gap is not None and iku.konsolidasi != "TLK":
                continue  # N/A: a Realisasi of the range is missing
            quarters = CONSOLIDATED[period]
            for row, label in _ROW_LABEL.items():
                values = rows.get(row)
                v = None if values is None else values.get(period)
                if v is None or v.number is None:
                    continue  # a blank consolidated cell is not filled yet, not a wrong number
                expected = t if row == "target" else r
                if expected is None or scoring.matches(v.number, expected, ctx.tolerance):
                    continue
                yield Finding(
                    "KX110",
                    v.cell or cell_of(iku, row, period),
                    iku=iku.code,
                    period=period,
                    actual=v.number,
                    expected=expected,
                    params={"row": label, "kp": iku.konsolidasi, "quarters": f"{quarters[0]}-{quarters[-1]}"},
                )


@fixer("KX110", safe=False)  # a consolidated Target or Realisasi: data, a person decides which one is wrong
def fix_konsolidasi(f: Finding, ctx: FixContext) -> tuple[list[Fix], str | None]:
    """The consolidated Target or Realisasi its quarters give by the IKU's konsolidasi."""
    return corrected_value(f, ctx)


KX111 = Message(
    code="KX111",
    symbol="target-decreasing",
    severity=Severity.WARNING,
    title_id="target menurun pada IKU Max",
    title_en="target decreases on a Max IKU",
    template_id="Target turun dari {previous} ({from_period}) ke {actual} ({period}) pada IKU Max/{kp}; "
    "periksa apakah IKU ini seharusnya Min.",
    template_en="Target falls from {previous} ({from_period}) to {actual} ({period}) on a Max/{kp} IKU; "
    "check whether this IKU is Min.",
    doc="Under TLK or Sum a Max target grows or stays over the year. A falling target usually "
    "belongs to a Minimize indicator (a balance to reduce).\nBad: `Max/TLK`, T 95% 90% 81% 19%.\n"
    "Good: `Min/TLK` with the same targets.",
)


@rule(KX111)
def check_target_decreasing(ctx: Context) -> Iterator[Finding]:
    """A cumulative (TLK) Target falls from one quarter to the next on a Max IKU (often a Min IKU)."""
    # Not under Sum/Avg: their quarterly targets are flows, free to fall.
    for iku in ctx.wb.ikus:
        if iku.polarisasi != "Max" or iku.konsolidasi != "TLK":
            continue
        previous: tuple[str, float] | None = None
        for q in QUARTERS:
            t = iku.number("target", q)
            if t is None:
                continue
            if previous is not None and t < previous[1] - ctx.tolerance:
                yield Finding(
                    "KX111",
                    cell_of(iku, "target", q),
                    iku=iku.code,
                    period=q,
                    actual=t,
                    params={"previous": previous[1], "from_period": previous[0], "kp": iku.konsolidasi},
                )
                break  # once per IKU: the first fall says it
            previous = (q, t)


def _blank(v: Value) -> bool:
    """A truly empty cell: no number and no explicit N/A marker ("N/A", "-" say N/A on purpose)."""
    return v.number is None and v.kind == "na" and (v.raw is None or str(v.raw).strip() == "")


KX120 = Message(
    code="KX120",
    symbol="realisasi-missing",
    severity=Severity.WARNING,
    title_id="Realisasi kosong padahal Target ada",
    title_en="Realisasi missing where a Target exists",
    template_id="Target {period} ada tetapi Realisasi kosong pada periode yang sudah lewat (s.d. {reported}).",
    template_en="Target {period} exists but Realisasi is empty in a past period (up to {reported}).",
    doc="A past period with a target needs a realisasi, or an explicit N/A.\n"
    "Bad: Target Q2 50%, Realisasi Q2 blank in a Q4 report.\nGood: Realisasi Q2 48%, or `N/A`.",
)


@rule(KX120)
def check_realisasi_missing(ctx: Context) -> Iterator[Finding]:
    """A quarter up to the reported period has a Target but an empty Realisasi cell."""
    # Without a known report period: a quarter before a later one that has a Realisasi (a gap).
    reported = ctx.wb.period
    known = reported in PERIODS
    for iku in ctx.wb.ikus:
        if known:
            last = PERIODS.index(reported)
        else:
            filled = [PERIODS.index(q) for q in QUARTERS if iku.number("realisasi", q) is not None]
            last = max(filled, default=-1) - 1
        for q in QUARTERS:
            if PERIODS.index(q) > last:
                break
            r = iku.value("realisasi", q)
            if iku.number("target", q) is None or r is None or not _blank(r):
                continue
            yield Finding(
                "KX120",
                r.cell or cell_of(iku, "realisasi", q),
                iku=iku.code,
                period=q,
                params={"reported": reported if known else PERIODS[last + 1]},
            )


KX121 = Message(
    code="KX121",
    symbol="realisasi-without-target",
    severity=Severity.WARNING,
    title_id="Realisasi ada tanpa Target",
    title_en="Realisasi without a Target",
    template_id="Realisasi {period} terisi ({actual}) tetapi Target {period} kosong; triwulan ini tidak dipakai "
    "dalam kolom konsolidasi.",
    template_en="Realisasi {period} is filled ({actual}) but Target {period} is empty; this quarter is left out "
    "of the consolidated columns.",
    doc="A quarter is scored and consolidated only with both a Target and a Realisasi. A Realisasi "
    "without a Target is not silently used: fill in the Target from the PK, or clear the Realisasi.\n"
    "Bad: Target Q1 -, Realisasi Q1 5.\nGood: Target Q1 5, Realisasi Q1 5.",
)


@rule(KX121)
def check_realisasi_without_target(ctx: Context) -> Iterator[Finding]:
    """A quarter with a Realisasi number and no Target: scoring leaves it out of every column."""
    for iku in ctx.wb.ikus:
        realisasi, targets = iku.rows.get("realisasi"), iku.rows.get("target") or {}
        if not realisasi:
            continue
        for q in QUARTERS:
            r = realisasi.get(q)
            if r is None or r.number is None:
                continue
            t = targets.get(q)
            if t is not None and t.number is not None:
                continue
            yield Finding("KX121", r.cell or cell_of(iku, "realisasi", q), iku=iku.code, period=q, actual=r.number)
