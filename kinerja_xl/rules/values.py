"""Value checks of each IKU block: capaian (KX101), Nilai (KX102-KX104), konversi quota (KX105) and
konversi on a Stab IKU (KX106).

Each wrong cell gets one finding of its most specific code; a number that is only "wrong"
because another finding explains it (KX021 polarisasi, KX110 consolidated T/R) is not repeated.
"""

from __future__ import annotations

from collections.abc import Iterator

from kinerja_xl import scoring
from kinerja_xl.analysis import IkuScore, PeriodScore
from kinerja_xl.findings import Finding
from kinerja_xl.fixes import Fix, FixContext, fixer
from kinerja_xl.fixes.values import corrected_value
from kinerja_xl.messages import Message, phrase
from kinerja_xl.model import CONSOLIDATED, PERIODS, Iku
from kinerja_xl.rules.common import cell_of, count
from kinerja_xl.rules.polarisasi import polarisasi_fit
from kinerja_xl.rules.registry import Context, rule
from kinerja_xl.severity import Severity


def _own_capaian(score: IkuScore, period: str, ctx: Context) -> float | None:
    """Capaian of a consolidated column from its own printed T and R (not rolled up)."""
    iku = score.iku
    t, r = iku.number("target", period), iku.number("realisasi", period)
    if t is None or r is None:
        return None
    try:
        return scoring.capaian(
            t,
            r,
            iku.polarisasi,
            worst=iku.meta.realisasi_terburuk,
            scale=iku.meta.stab_scale or ctx.profile.stabilize_scale,
        )
    except (scoring.NotComputable, ZeroDivisionError):
        return None


def capaian_explained(ctx: Context, score: IkuScore, period: str) -> bool:
    """Whether a reported capaian that differs from the recomputed one is already explained elsewhere.

    Explained: the period follows the polarisasi KX021 reports, or a consolidated column whose
    capaian was computed from its own wrong T/R (KX110 points at that T/R cell).
    """
    fit = polarisasi_fit(ctx, score)
    if fit is not None and period in fit.periods:
        return True
    reported = score.periods[period].capaian_reported
    if period in CONSOLIDATED and reported is not None:
        own = _own_capaian(score, period, ctx)
        return own is not None and scoring.matches(reported, own, ctx.tolerance)
    return False


def _margin(ctx: Context, iku: Iku, ps: PeriodScore) -> float:
    """Extra tolerance for T and R typed with two decimals (scoring.rounding_margin)."""
    return scoring.rounding_margin(
        ps.target, ps.realisasi, iku.polarisasi, iku.meta.stab_scale or ctx.profile.stabilize_scale
    )


KX101 = Message(
    code="KX101",
    symbol="capaian-mismatch",
    severity=Severity.ERROR,
    title_id="capaian berbeda dengan hasil hitung ulang",
    title_en="reported Capaian differs from recomputed",
    template_id="Capaian {period} tertulis {actual} tetapi {formula} = {expected} ({pol}).",
    template_en="Capaian {period} reads {actual} but {formula} = {expected} ({pol}).",
    doc="Capaian is computed from Target and Realisasi by the IKU's polarisasi.\n"
    "Bad: T 100%, R 97,80%, Capaian 132,63% (Max).\nGood: Capaian 97,80%.",
)


@rule(KX101)
def check_capaian(ctx: Context) -> Iterator[Finding]:
    """Reported Capaian differs from the capaian recomputed from T and R by the polarisasi."""
    for iku, score in ctx.scores():
        for period in PERIODS:
            ps = score.periods[period]
            if ps.capaian is None or ps.capaian_reported is None:
                continue
            if scoring.matches(ps.capaian_reported, ps.capaian, ctx.tolerance) or scoring.matches(
                ps.capaian_reported, ps.capaian, ctx.tolerance + _margin(ctx, iku, ps)
            ):
                continue
            if capaian_explained(ctx, score, period):
                continue
            yield Finding(
                "KX101",
                cell_of(iku, "capaian", period),
                iku=iku.code,
                period=period,
                actual=ps.capaian_reported,
                expected=ps.capaian,
                params={"formula": scoring.capaian_formula(ps.target, iku.polarisasi), "pol": iku.polarisasi},
            )


@fixer("KX101", safe=True)
def fix_capaian(f: Finding, ctx: FixContext) -> tuple[list[Fix], str | None]:
    """The capaian the rules compute, as a number or as the cell's canonical formula."""
    return corrected_value(f, ctx)


def _nilai_margin(ctx: Context, iku: Iku, ps: PeriodScore) -> float:
    """The rounding margin carries over to Nilai unless the cap, the floor or konversi fixed it."""
    p = ctx.profile
    if ps.konversi_applied or ps.capaian is None or not (p.floor < ps.capaian < p.cap):
        return 0.0
    return _margin(ctx, iku, ps)


def _nilai_reason(ps: PeriodScore, ctx: Context) -> dict[str, str]:
    """Why the recomputed Nilai is what it is (KX102 reason)."""
    p = ctx.profile
    if ps.konversi_applied:
        return phrase("reason", "nilai-konversi")
    if ps.capaian is not None and ps.capaian > p.cap:
        return phrase("reason", "nilai-capped", capaian=ps.capaian, cap=p.cap)
    if ps.capaian is not None and ps.capaian < p.floor:
        return phrase("reason", "nilai-floored", capaian=ps.capaian, floor=p.floor)
    return phrase("reason", "nilai-equals-capaian", capaian=ps.capaian)


def _konversi_reason(ctx: Context, score: IkuScore, ps: PeriodScore) -> str | None:
    """The KX104 reason key when a Nilai at the cap looks like an unlawful konversi 120, else None."""
    iku = score.iku
    if iku.polarisasi == "Stab":
        return None  # no konversi on a Stab IKU: its scale decides (a designation is KX106), a wrong Nilai is KX102
    met = (
        ps.target is not None
        and ps.realisasi is not None
        and scoring.target_met(ps.target, ps.realisasi, iku.polarisasi)
    )
    designated = iku.meta.konversi_120
    if met and not designated:
        return "konversi-not-designated"
    if met and (iku.code or iku.name) in ctx.analysis.konversi_over_quota:
        return "konversi-over-quota"
    if designated and not met:
        return "konversi-target-not-met"
    return None  # neither met nor designated: an ordinary wrong Nilai (KX102)


KX102 = Message(
    code="KX102",
    symbol="nilai-mismatch",
    severity=Severity.ERROR,
    title_id="Nilai Kinerja berbeda dengan hasil hitung ulang",
    title_en="reported Nilai differs from recomputed",
    template_id="Nilai {period} tertulis {actual} tetapi seharusnya {expected} ({reason_id}).",
    template_en="Nilai {period} reads {actual} but should be {expected} ({reason_en}).",
    doc="Nilai Kinerja is the capaian clamped to [0, 120], or 120 by a designated konversi.\n"
    "Bad: Capaian 66,80%, Nilai 68,80.\nGood: Nilai 66,80.",
)

KX103 = Message(
    code="KX103",
    symbol="nilai-out-of-range",
    severity=Severity.ERROR,
    title_id="Nilai di atas batas atau di bawah batas bawah",
    title_en="Nilai above the cap or below the floor",
    template_id="Nilai {period} tertulis {actual}, di luar rentang [{floor}, {cap}].",
    template_en="Nilai {period} reads {actual}, outside [{floor}, {cap}].",
    doc="Nilai Kinerja never exceeds the cap (120) nor goes below the floor (0).\n"
    "Bad: Nilai 131,25.\nGood: Nilai 120,00.",
)

KX104 = Message(
    code="KX104",
    symbol="konversi-not-allowed",
    severity=Severity.ERROR,
    title_id="Nilai 120 dari konversi yang tidak sah",
    title_en="Nilai 120 by konversi not allowed",
    template_id="Nilai {period} tertulis {actual} tetapi capaian {capaian}: {reason_id}; seharusnya {expected}.",
    template_en="Nilai {period} reads {actual} but capaian is {capaian}: {reason_en}; should be {expected}.",
    doc="Konversi 120 gives 120 when the target is met exactly, only on an IKU designated for it.\n"
    "Bad: T 100, R 100, Nilai 120 on an undesignated IKU.\nGood: Nilai 100, or "
    "`Konversi 120 : Ya` on the IKU (within the 20% quota).",
)


@rule(KX102, KX103, KX104)
def check_nilai(ctx: Context) -> Iterator[Finding]:
    """Reported Nilai outside [floor, cap] (KX103), 120 by an unlawful konversi (KX104), else wrong (KX102)."""
    p, tol = ctx.profile, ctx.tolerance
    for iku, score in ctx.scores():
        for period in PERIODS:
            ps = score.periods[period]
            reported = ps.nilai_reported
            if reported is None:
                continue
            if reported > p.cap + tol or reported < p.floor - tol:
                yield Finding(
                    "KX103",
                    cell_of(iku, "nilai", period),  # only for a finding: 14,000 periods
                    iku=iku.code,
                    period=period,
                    actual=reported,
                    expected=ps.nilai,
                    params={"floor": p.floor, "cap": p.cap},
                )
                continue
            if (
                ps.nilai is None
                or scoring.matches(reported, ps.nilai, tol)
                or scoring.matches(reported, ps.nilai, tol + _nilai_margin(ctx, iku, ps))
            ):
                continue
            if (
                ps.capaian_reported is not None
                and capaian_explained(ctx, score, period)
                and scoring.matches(reported, scoring.clamp(ps.capaian_reported, p), tol)
            ):
                continue  # Nilai follows a capaian another finding explains
            if scoring.matches(reported, p.cap, tol):
                key = _konversi_reason(ctx, score, ps)
                if key is not None:
                    yield Finding(
                        "KX104",
                        cell_of(iku, "nilai", period),
                        iku=iku.code,
                        period=period,
                        actual=reported,
                        expected=ps.nilai,
                        params={"capaian": ps.capaian, **phrase("reason", key, t=ps.target, r=ps.realisasi)},
                    )
                    continue
            yield Finding(
                "KX102",
                cell_of(iku, "nilai", period),
                iku=iku.code,
                period=period,
                actual=reported,
                expected=ps.nilai,
                params=_nilai_reason(ps, ctx),
            )


@fixer("KX102", "KX103", "KX104", safe=True)
def fix_nilai(f: Finding, ctx: FixContext) -> tuple[list[Fix], str | None]:
    """The Nilai the rules compute, as a number or as the cell's canonical formula."""
    return corrected_value(f, ctx)


KX105 = Message(
    code="KX105",
    symbol="konversi-over-quota",
    severity=Severity.ERROR,
    title_id="konversi 120 melebihi kuota",
    title_en="konversi 120 over quota",
    template_id="Konversi 120 ditetapkan pada {count} IKU, kuota {quota} (20% dari {total} IKU); "
    "IKU ini di luar kuota menurut prioritas CP, CNP, N.",
    template_en="Konversi 120 is designated on {count} IKU, quota {quota} (20% of {total} IKU); "
    "this IKU falls outside the quota by priority CP, CNP, N.",
    doc="At most 1 in 5 IKU (rounded down) may use konversi 120, chosen CP first, then CNP, then N.\n"
    "Bad: 5 designations among 19 IKU.\nGood: at most 3.",
)


@rule(KX105)
def check_konversi_quota(ctx: Context) -> Iterator[Finding]:
    """Konversi 120 designated on more IKU than the quota (20%, priority CP, CNP, N) allows."""
    over = set(ctx.analysis.konversi_over_quota)
    if not over:
        return
    designated = sum(1 for i in ctx.wb.ikus if i.meta.konversi_120)
    for iku in ctx.wb.ikus:
        if (iku.code or iku.name) not in over:
            continue
        yield Finding(
            "KX105",
            iku.meta.cells.get("konversi_120") or iku.header_cell,
            iku=iku.code,
            params={
                "count": count(designated),
                "quota": count(ctx.analysis.konversi_quota),
                "total": count(len(ctx.wb.ikus)),
            },
        )


KX106 = Message(
    code="KX106",
    symbol="konversi-on-stab",
    severity=Severity.WARNING,
    title_id="konversi 120 ditetapkan pada IKU Stab",
    title_en="konversi 120 designated on a Stab IKU",
    template_id="Konversi 120 ditetapkan pada IKU Stab; tidak diterapkan: Nilai IKU Stab mengikuti skala "
    "stabilisasinya.",
    template_en="Konversi 120 is designated on a Stab IKU; not applied: a Stab IKU's Nilai follows its "
    "stabilize scale.",
    doc="Konversi 120 applies to Max and Min IKU only; a Stab IKU is scored by its stabilize scale, which "
    "already says what meeting the target exactly is worth.\nBad: `Konversi 120 : Ya` on a Stab/TLK IKU."
    "\nGood: no designation; the scale (e.g. Ca 100 -> 120) decides.",
)


@rule(KX106)
def check_konversi_on_stab(ctx: Context) -> Iterator[Finding]:
    """Konversi 120 designated on a Stab IKU: not applied, the stabilize scale decides."""
    for iku in ctx.wb.ikus:
        if iku.meta.konversi_120 and iku.polarisasi == "Stab":
            yield Finding("KX106", iku.meta.cells.get("konversi_120") or iku.header_cell, iku=iku.code)
