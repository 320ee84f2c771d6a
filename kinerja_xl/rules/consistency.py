"""Consistency within a block: consolidated columns (KX110), falling Max targets (KX111), missing Realisasi
(KX120), Realisasi without a Target (KX121)."""

from __future__ import annotations

from collections.abc import Iterator

from kinerja_xl import scoring
from kinerja_xl.analysis import consolidated_tr
from kinerja_xl.findings import Finding
from kinerja_xl.model import CONSOLIDATED, PERIODS, QUARTERS
from kinerja_xl.rules.common import cell_of
from kinerja_xl.rules.registry import Context, rule

_ROW_LABEL = {"target": "Target", "realisasi": "Realisasi"}


@rule("KX110")
def check_konsolidasi(ctx: Context) -> Iterator[Finding]:
    """Target/Realisasi of Sm.I, s.d. Q3 and Y disagree with their quarters rolled up by the KP."""
    # The expected T and R are the ones the column is scored on (analysis.consolidated_tr): a
    # Sum/Avg column with a gap is N/A and not checked (the gap is KX120); TLK takes the last
    # quarter with a Realisasi.
    for iku in ctx.wb.ikus:
        for period, quarters in CONSOLIDATED.items():
            rolled = consolidated_tr(iku, period, ctx.wb.period)
            if rolled is None:
                continue
            t, r, gap = rolled
            if gap is not None and iku.konsolidasi != "TLK":
                continue  # N/A: a Realisasi of the range is missing
            for row, label in _ROW_LABEL.items():
                v = iku.value(row, period)
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


@rule("KX111")
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


def _blank(v) -> bool:
    """A truly empty cell: no number and no explicit N/A marker ("N/A", "-" say N/A on purpose)."""
    return v.number is None and v.kind == "na" and (v.raw is None or str(v.raw).strip() == "")


@rule("KX120")
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


@rule("KX121")
def check_realisasi_without_target(ctx: Context) -> Iterator[Finding]:
    """A quarter with a Realisasi number and no Target: scoring leaves it out of every column."""
    for iku in ctx.wb.ikus:
        for q in QUARTERS:
            r = iku.value("realisasi", q)
            if r is None or r.number is None or iku.number("target", q) is not None:
                continue
            yield Finding("KX121", r.cell or cell_of(iku, "realisasi", q), iku=iku.code, period=q, actual=r.number)
