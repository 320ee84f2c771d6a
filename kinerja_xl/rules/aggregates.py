"""Summary table and aggregate checks (KX201-KX207): summary vs blocks, NSS/Np/NKO, weights.

Decisions that keep one error one finding:
- KX201 compares the summary with the block's REPORTED Y column, except when the summary equals
  the recomputed value and the block cell does not (the block cell is wrong and flagged by
  KX110/KX102/KX104 there; Serang 8b-N Target 80 vs block Y 100, 2b-CP Nilai 115,61 vs 120).
- KX203 fires only when a reported aggregate disagrees with the same chain over the REPORTED
  IKU Nilai (summary row Nilai, else the block's Y) and with the recomputed value: wrong IKU
  Nilai are reported on their own cells, not again on every NSS, Np and NKO.
- KX202 compares SS names ignoring case, spacing and punctuation.
"""

from __future__ import annotations

from collections.abc import Iterator

from kinerja_xl import scoring
from kinerja_xl.analysis import IkuScore, aggregates_from_nilai
from kinerja_xl.findings import Finding
from kinerja_xl.messages import phrase
from kinerja_xl.model import CellRef, Iku, SummaryIku
from kinerja_xl.rules.common import norm_name
from kinerja_xl.rules.registry import Context, rule

# The summary table reports the year: each IKU row repeats its block's Y column.
SUMMARY_PERIOD = "Y"
_FIELDS = (("target", "Target"), ("realisasi", "Realisasi"), ("nilai", "Nilai"))
_VALIDITAS = {"Exact", "Proxy", "Activity"}
_KENDALI = {"Low", "Moderate", "High"}


def _matched(ctx: Context) -> Iterator[tuple[SummaryIku, Iku, IkuScore]]:
    """Summary rows with their block and recomputed scores (matched by IKU code, case-insensitive)."""
    if ctx.wb.summary is None:
        return
    for iku, score in ctx.scores():
        row = ctx.wb.summary.iku(iku.code) if iku.code else None
        if row is not None:
            yield row, iku, score


@rule("KX201")
def check_summary_vs_block(ctx: Context) -> Iterator[Finding]:
    """Summary table Target/Realisasi/Nilai of an IKU differ from its block's reported Y column."""
    for row, iku, score in _matched(ctx):
        ps = score.periods[SUMMARY_PERIOD]
        recomputed = {"target": ps.target, "realisasi": ps.realisasi, "nilai": ps.nilai}
        for name, label in _FIELDS:
            sv = getattr(row, name)
            bv = iku.value(name, SUMMARY_PERIOD)
            if sv is None or bv is None or sv.number is None or bv.number is None:
                continue
            if scoring.matches(sv.number, bv.number, ctx.tolerance):
                continue
            right = recomputed[name]
            if (
                right is not None
                and scoring.matches(sv.number, right, ctx.tolerance)
                and not scoring.matches(bv.number, right, ctx.tolerance)
            ):
                continue  # the summary is right; the block's own cell is wrong and flagged there
            yield Finding(
                "KX201",
                sv.cell or row.row_cell,
                iku=iku.code,
                period=SUMMARY_PERIOD,
                actual=sv.number,
                expected=bv.number,
                params={"field": label, "block_cell": str(bv.cell) if bv.cell else "-"},
            )


@rule("KX202")
def check_ss_name(ctx: Context) -> Iterator[Finding]:
    """A block's SS name differs from the name of the SS its IKU sits under in the summary table."""
    summary = ctx.wb.summary
    if summary is None or not summary.ss:
        return
    names = {s.code: s.name for s in summary.ss}
    for iku in ctx.wb.ikus:
        row = summary.iku(iku.code) if iku.code else None
        ss = iku.ss or (row.ss if row else None)
        if not iku.ss_name or ss not in names:
            continue
        # Case, spacing and punctuation differences ("Idle)" vs "Idle") are typing noise, not another SS.
        if norm_name(iku.ss_name) == norm_name(names[ss]):
            continue
        yield Finding(
            "KX202",
            iku.ss_name_cell or iku.header_cell,
            iku=iku.code,
            params={"block_ss": iku.ss_name, "ss": ss, "summary_ss": names[ss]},
        )


def _reported_nilai(ctx: Context) -> dict[str, float | None]:
    """The IKU Nilai the report's own arithmetic used: the summary row's, else the block's Y."""
    out: dict[str, float | None] = {}
    for score in ctx.analysis.ikus:
        iku = score.iku
        row = ctx.wb.summary.iku(iku.code) if ctx.wb.summary and iku.code else None
        value = row.nilai.number if row is not None and row.nilai is not None else None
        out[iku.code or iku.name] = value if value is not None else score.periods[SUMMARY_PERIOD].nilai_reported
    return out


@rule("KX203")
def check_aggregates(ctx: Context) -> Iterator[Finding]:
    """Reported NSS / Np / NKO differ from the weighted mean of the reported IKU Nilai (own arithmetic)."""
    summary = ctx.wb.summary
    if summary is None:
        return
    an = ctx.analysis
    nss_r, np_r, nko_r = aggregates_from_nilai(an, _reported_nilai(ctx))
    checks = [
        (s.nss, f"NSS {s.code}", nss_r.get(s.code), an.nss.get(s.code, {}).get(SUMMARY_PERIOD)) for s in summary.ss
    ]
    checks += [
        (p.np, f"Np {p.name}", np_r.get(p.name), an.np.get(p.name, {}).get(SUMMARY_PERIOD))
        for p in summary.perspectives
    ]
    checks.append((summary.nko, "NKO", nko_r, an.nko.get(SUMMARY_PERIOD)))
    for value, what, from_reported, expected in checks:
        if value is None or value.number is None:
            continue
        # Wrong IKU Nilai are reported on their own cells; the aggregate is wrong only when its
        # own arithmetic over the reported Nilai is (and it does not equal the recomputed value).
        if from_reported is not None and scoring.matches(value.number, from_reported, ctx.tolerance):
            continue
        if expected is not None and scoring.matches(value.number, expected, ctx.tolerance):
            continue
        if from_reported is None and expected is None:
            continue
        yield Finding(
            "KX203",
            value.cell or summary.header_cell,
            period=SUMMARY_PERIOD,
            actual=value.number,
            expected=expected,
            params={"what": what, "from_reported": from_reported if from_reported is not None else "-"},
        )


@rule("KX204")
def check_perspective_weights(ctx: Context) -> Iterator[Finding]:
    """Perspective weights given in the summary table do not sum to 100."""
    summary = ctx.wb.summary
    weighted = [p for p in summary.perspectives if p.weight is not None] if summary else []
    if not weighted:
        return
    total = sum(p.weight or 0.0 for p in weighted)
    if not scoring.matches(total, 100.0, ctx.tolerance):
        yield Finding("KX204", weighted[0].row_cell, actual=total, expected=100.0)


def _vc(iku: Iku, ctx: Context) -> tuple[str | None, str | None, CellRef | None]:
    """Validitas, kendali and the cell they were read from (block metadata, else the summary row)."""
    sources = [iku.meta]
    row = ctx.wb.summary.iku(iku.code) if ctx.wb.summary and iku.code else None
    if row is not None:
        sources.append(row.meta)
    for meta in sources:
        if meta.validitas and meta.kendali:
            where = meta.cells.get("validitas") or meta.cells.get("kendali")
            if where is None and meta is not iku.meta and row is not None:
                where = row.row_cell
            return meta.validitas, meta.kendali, where
    return None, None, None


@rule("KX205")
def check_validity_control(ctx: Context) -> Iterator[Finding]:
    """Validity x control combination not allowed for a strategy-map owner (Exact-High, Activity-Low)."""
    for iku in ctx.wb.ikus:
        validitas, kendali, where = _vc(iku, ctx)
        if not validitas or not kendali:
            continue
        v, k = validitas.strip().capitalize(), kendali.strip().capitalize()
        if v not in _VALIDITAS or k not in _KENDALI:
            continue  # unknown words: nothing to judge (no weight is derived from them either)
        if scoring.vc_allowed(v, k, ctx.profile):
            continue
        yield Finding("KX205", where or iku.header_cell, iku=iku.code, params={"validitas": v, "kendali": k})


@rule("KX206")
def check_iku_matched(ctx: Context) -> Iterator[Finding]:
    """An IKU has a block but no summary row, or a summary row but no block."""
    summary = ctx.wb.summary
    if summary is None or not summary.ikus:
        return
    summary_codes = {r.code.casefold() for r in summary.ikus}
    summary_names = {norm_name(r.name) for r in summary.ikus}
    block_codes = set()
    for iku in ctx.wb.ikus:
        if iku.code:
            block_codes.add(iku.code.casefold())
            if iku.code.casefold() in summary_codes:
                continue
        elif norm_name(iku.name) in summary_names:
            continue
        yield Finding(
            "KX206", iku.name_cell or iku.header_cell, iku=iku.code or iku.name, params=phrase("where", "block-only")
        )
    for row in summary.ikus:
        if row.code.casefold() not in block_codes:
            if any(i.code is None and norm_name(i.name) == norm_name(row.name) for i in ctx.wb.ikus):
                continue
            yield Finding("KX206", row.row_cell, iku=row.code, params=phrase("where", "summary-only"))


@rule("KX207")
def check_equal_weights(ctx: Context) -> Iterator[Finding]:
    """Equal IKU weights assumed: no Bobot and no validity/control anywhere."""
    if "equal-weights" in ctx.analysis.assumptions:
        yield Finding("KX207", ctx.wb.summary.header_cell if ctx.wb.summary else None)
