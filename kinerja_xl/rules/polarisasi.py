"""Polarisasi checks: capaian that follow another polarisasi (KX021), capaian not computable (KX022)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from kinerja_xl import scoring
from kinerja_xl.analysis import IkuScore, PeriodScore
from kinerja_xl.findings import Finding
from kinerja_xl.fixes import Fix, FixContext, fixer
from kinerja_xl.messages import Message, phrase
from kinerja_xl.model import PERIODS, Iku
from kinerja_xl.rules.common import cell_of, count
from kinerja_xl.rules.registry import Context, rule
from kinerja_xl.severity import Severity

# A reported capaian "follows" another polarisasi when it lies within this many index points of
# that formula's value (and closer than the declared one). Wider than the comparison tolerance
# because printed T/R are often rounded to whole percents: Serang 6a-CP shows R 93% for 92,63%,
# so its capaian 102,50% is (2 - 92,63/95) x 100, not (2 - 93/95) x 100 = 102,11.
FIT_MARGIN = 1.0


@dataclass
class Fit:
    """The polarisasi a block's reported capaian follow instead of the declared one."""

    fitted: str
    formula: str
    periods: set[str] = field(default_factory=set)  # periods whose reported capaian follow it
    n_total: int = 0  # periods with T, R and a reported capaian


def _alternative(ps: PeriodScore, polarisasi: str, score: IkuScore, ctx: Context) -> float | None:
    """Capaian of a period under another polarisasi, None when not computable."""
    iku = score.iku
    if ps.target is None or ps.realisasi is None:
        return None
    try:
        return scoring.capaian(
            ps.target,
            ps.realisasi,
            polarisasi,
            worst=iku.meta.realisasi_terburuk,
            scale=iku.meta.stab_scale or ctx.profile.stabilize_scale,
        )
    except (scoring.NotComputable, ZeroDivisionError):
        return None


def polarisasi_fit(ctx: Context, score: IkuScore) -> Fit | None:
    """The other polarisasi that explains most reported capaian of an IKU, or None (cached per IKU)."""
    key = ("polarisasi-fit", id(score))
    if key in ctx.cache:
        cached: Fit | None = ctx.cache[key]
        return cached
    declared = score.iku.polarisasi
    margin = max(ctx.tolerance, FIT_MARGIN)
    best: Fit | None = None
    n_total = n_declared = 0
    candidates = [p for p in ("Min", "Max") if p != declared]
    fits: dict[str, Fit] = {p: Fit(fitted=p, formula="") for p in candidates}
    for period in PERIODS:
        ps = score.periods[period]
        if ps.target is None or ps.realisasi is None or ps.capaian_reported is None:
            continue
        n_total += 1
        reported = ps.capaian_reported
        declared_ok = ps.capaian is not None and scoring.matches(reported, ps.capaian, ctx.tolerance)
        n_declared += declared_ok
        if declared_ok:
            continue
        for alt, fit in fits.items():
            value = _alternative(ps, alt, score, ctx)
            if value is None or abs(reported - value) > margin:
                continue
            if ps.capaian is not None and abs(reported - value) >= abs(reported - ps.capaian):
                continue  # the declared formula is at least as close: no evidence for the other one
            fit.periods.add(period)
            fit.formula = fit.formula or scoring.capaian_formula(ps.target, alt)
    for fit in fits.values():
        fit.n_total = n_total
        if (
            2 * len(fit.periods) > n_total
            and len(fit.periods) > n_declared
            and (best is None or len(fit.periods) > len(best.periods))
        ):
            best = fit
    ctx.cache[key] = best
    return best


KX021 = Message(
    code="KX021",
    symbol="polarisasi-mismatch",
    severity=Severity.ERROR,
    title_id="capaian mengikuti polarisasi lain",
    title_en="reported capaian fit another polarisasi",
    template_id="Pol/KP tertulis {declared}, tetapi capaian yang dilaporkan mengikuti rumus {fitted} "
    "({formula}) pada {n_fit} dari {n_total} periode. Perbaiki label atau angkanya; "
    "sampai diperbaiki, IKU dinilai menurut label ({declared}).",
    template_en="Pol/KP says {declared}, but the reported capaian follow the {fitted} formula "
    "({formula}) in {n_fit} of {n_total} periods. Fix the label or the numbers; "
    "until then the IKU is scored by its label ({declared}).",
    doc="A deviation or error-rate indicator is Minimize: lower is better. When its label says Max "
    "but the capaian were computed as (2 - R/T) x 100, the label or the numbers are wrong.\n"
    "Bad: `Max/TLK` with T 16%, R 0%, Capaian 200%.\nGood: `Min/TLK` with the same numbers.",
)


@rule(KX021)
def check_polarisasi_fit(ctx: Context) -> Iterator[Finding]:
    """Reported capaian follow another polarisasi than the declared one (e.g. label Max, values Min)."""
    for iku, score in ctx.scores():
        fit = polarisasi_fit(ctx, score)
        if fit is None:
            continue
        yield Finding(
            "KX021",
            iku.polkp_cell or iku.header_cell,
            iku=iku.code,
            params={
                "declared": f"{iku.polarisasi}/{iku.konsolidasi}",
                "fitted": fit.fitted,
                "formula": fit.formula,
                "n_fit": count(len(fit.periods)),
                "n_total": count(fit.n_total),
            },
        )


@fixer("KX021", safe=False)  # a label is what the workbook says: applied only with --unsafe-fixes
def fix_polkp_label(f: Finding, ctx: FixContext) -> tuple[list[Fix], str | None]:
    """KX021: the Pol/KP label with the polarisasi the reported capaian follow (konsolidasi kept)."""
    wb, safe = ctx.wb, ctx.safe
    iku = next((i for i in wb.ikus if i.polkp_cell == f.cell), None)
    fitted = f.params.get("fitted")
    if iku is None or not fitted or iku.polkp_cell is None:
        return [], "fix-not-computable"
    if iku.polkp_cell.sheet != iku.sheet:  # the summary's Polarisasi column holds the polarisasi alone
        old, new = iku.polarisasi, str(fitted)
    else:
        old, new = iku.polkp_raw or f"{iku.polarisasi}/{iku.konsolidasi}", f"{fitted}/{iku.konsolidasi}"
    return [Fix(iku.polkp_cell, f.code, old, new, safe, new, iku=f.iku)], None


_NOT_COMPUTABLE = {"Max": "max-target-0", "Min": "min-target-0", "Stab": "stab-target-0"}


def _not_computable_reason(iku: Iku) -> dict[str, str]:
    """KX022's reason: by polarisasi, and a realisasi terburuk on the wrong side of target 0 (Min)."""
    worst = iku.meta.realisasi_terburuk
    if iku.polarisasi == "Min" and worst is not None and worst != 0:
        return phrase("reason", "min-worst-wrong-side", worst=worst)
    return phrase("reason", _NOT_COMPUTABLE.get(iku.polarisasi, "max-target-0"))


KX022 = Message(
    code="KX022",
    symbol="capaian-not-computable",
    severity=Severity.WARNING,
    title_id="capaian tidak dapat dihitung",
    title_en="capaian not computable",
    template_id="Capaian {period} tidak dapat dihitung: {reason_id}.",
    template_en="Capaian {period} cannot be computed: {reason_en}.",
    doc="Max with target 0 has no ratio; Min with target 0 needs the IKU's realisasi terburuk "
    "(worst tolerated result), above the target (one at or below it would score backwards).\n"
    "Bad: Min, T=0, no realisasi terburuk, or realisasi terburuk -10.\n"
    "Good: `Realisasi Terburuk : 10` above the block, or in kinerja.toml.",
)


@rule(KX022)
def check_not_computable(ctx: Context) -> Iterator[Finding]:
    """Max with target 0, or Min with target 0 and no realisasi terburuk: capaian not computable."""
    for iku, score in ctx.scores():
        for period in PERIODS:
            ps = score.periods[period]
            if not ps.not_computable:
                continue
            where = iku.value("capaian", period)
            cell = where.cell if where is not None and where.cell is not None else cell_of(iku, "target", period)
            yield Finding(
                "KX022",
                cell,
                iku=iku.code,
                period=period,
                actual=ps.capaian_reported,
                params=_not_computable_reason(iku),
            )
