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
from kinerja_xl.fixes import Fix, FixContext, fixer
from kinerja_xl.fixes.values import corrected_value
from kinerja_xl.messages import Message, phrase
from kinerja_xl.model import CellRef, Iku, SummaryIku
from kinerja_xl.rules.common import norm_name
from kinerja_xl.rules.registry import Context, rule
from kinerja_xl.severity import Severity

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


KX201 = Message(
    code="KX201",
    symbol="summary-mismatch",
    severity=Severity.ERROR,
    title_id="nilai tabel ringkasan berbeda dengan blok",
    title_en="summary table value differs from the block",
    template_id="{field} {iku} di tabel ringkasan tertulis {actual} tetapi di blok IKU ({block_cell}) {expected}.",
    template_en="{field} of {iku} in the summary table reads {actual} but the IKU block ({block_cell}) has {expected}.",
    doc="The summary table repeats each IKU's annual Target, Realisasi and Nilai from its block.\n"
    "Bad: summary Realisasi 132,63% while the block's Y Realisasi is 97,80%.\nGood: 97,80%.",
)


@rule(KX201)
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


@fixer("KX201", safe=True, after_blocks=True)
def fix_summary_copy(f: Finding, ctx: FixContext) -> tuple[list[Fix], str | None]:
    """The block's value (its corrected value when this round corrects it), as a number or as a
    reference to the block cell."""
    return corrected_value(f, ctx)


KX202 = Message(
    code="KX202",
    symbol="ss-name-mismatch",
    severity=Severity.WARNING,
    title_id="nama SS di blok berbeda dengan tabel ringkasan",
    title_en="SS name in block differs from the summary table",
    template_id="Nama SS di blok {iku} '{block_ss}' berbeda dengan SS {ss} di tabel ringkasan '{summary_ss}'.",
    template_en="SS name in block {iku} '{block_ss}' differs from SS {ss} in the summary table '{summary_ss}'.",
    doc="A block's `Nama Sasaran Strategis` should be the SS its IKU belongs to in the summary.\n"
    "Bad: block says SS 2's name, summary lists the IKU under SS 3.\nGood: the same SS.",
)


@rule(KX202)
def check_ss_name(ctx: Context) -> Iterator[Finding]:
    """A block's SS name differs from the name of the SS its IKU sits under in the summary table."""
    summary = ctx.wb.summary
    if summary is None or not summary.ss:
        return
    names = {s.code: s.name for s in summary.ss}
    normal = {code: norm_name(name) for code, name in names.items()}  # once per SS, not per IKU
    for iku in ctx.wb.ikus:
        row = summary.iku(iku.code) if iku.code else None
        ss = iku.ss or (row.ss if row else None)
        if not iku.ss_name or ss not in names:
            continue
        # Case, spacing and punctuation differences ("Idle)" vs "Idle") are typing noise, not another SS.
        if norm_name(iku.ss_name) == normal[ss]:
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


KX203 = Message(
    code="KX203",
    symbol="aggregate-mismatch",
    severity=Severity.ERROR,
    title_id="NSS/Np/NKO berbeda dengan hasil hitung ulang",
    title_en="reported NSS / Np / NKO differs from recomputed",
    template_id="{what} tertulis {actual}, seharusnya {expected}. "
    "Rata-rata tertimbang Nilai yang dilaporkan: {from_reported}.",
    template_en="{what} written {actual}, should be {expected}. Weighted mean of the reported Nilai: {from_reported}.",
    doc="NSS is the weighted mean of its IKU's Nilai, Np the mean of its NSS, NKO the weighted "
    "mean of Np by perspective weight.\nBad: NKO 115,67% when the chain gives 114,90.\n"
    "Good: the recomputed NKO.",
)


@rule(KX203)
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


@fixer("KX203", safe=True, after_blocks=True)
def fix_aggregate(f: Finding, ctx: FixContext) -> tuple[list[Fix], str | None]:
    """The NSS, Np or NKO the rules compute from the Nilai (a formula cell is left for a person: a
    weighted chain has no canonical formula over one block)."""
    return corrected_value(f, ctx)


KX204 = Message(
    code="KX204",
    symbol="perspective-weights-sum",
    severity=Severity.WARNING,
    title_id="bobot perspektif tidak berjumlah 100",
    title_en="perspective weights do not sum to 100",
    template_id="Bobot perspektif berjumlah {actual}, bukan 100.",
    template_en="Perspective weights sum to {actual}, not 100.",
    doc="Perspective weights are percentages of NKO.\nBad: 30/20/25/30.\nGood: 30/20/25/25.",
)


@rule(KX204)
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


KX205 = Message(
    code="KX205",
    symbol="validity-control-not-allowed",
    severity=Severity.ERROR,
    title_id="kombinasi validitas x kendali tidak diperbolehkan",
    title_en="validity x control combination not allowed",
    template_id="Kombinasi {validitas}-{kendali} pada IKU {iku} tidak diperbolehkan.",
    template_en="Combination {validitas}-{kendali} on IKU {iku} is not allowed.",
    doc="Exact-High and Activity-Low are not allowed for a strategy-map owner.\n"
    "Bad: Validitas Exact, Kendali High.\nGood: Exact-Moderate.",
)


@rule(KX205)
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


KX206 = Message(
    code="KX206",
    symbol="iku-not-matched",
    severity=Severity.WARNING,
    title_id="IKU ada di blok tetapi tidak di tabel ringkasan, atau sebaliknya",
    title_en="IKU in a block but not in the summary table, or the reverse",
    template_id="IKU {iku} {where_id}.",
    template_en="IKU {iku} {where_en}.",
    doc="Every IKU block has one row in the summary table and the reverse.\n"
    "Bad: block 12a-N with no summary row.\nGood: a `12a-N` row under its SS.",
)


@rule(KX206)
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


KX207 = Message(
    code="KX207",
    symbol="equal-weights-assumed",
    severity=Severity.INFO,
    title_id="bobot IKU sama diasumsikan",
    title_en="equal IKU weights assumed",
    template_id="Tidak ada Bobot maupun validitas/kendali: bobot IKU dianggap sama untuk NSS.",
    template_en="No Bobot nor validity/control: equal IKU weights assumed for NSS.",
    doc="Without weights every IKU of an SS counts the same.\n"
    "Good: a `Bobot` column in the summary table or `Bobot : 12` above a block.",
)


@rule(KX207)
def check_equal_weights(ctx: Context) -> Iterator[Finding]:
    """Equal IKU weights assumed: no Bobot and no validity/control anywhere."""
    if "equal-weights" in ctx.analysis.assumptions:
        yield Finding("KX207", ctx.wb.summary.header_cell if ctx.wb.summary else None)
