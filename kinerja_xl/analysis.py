"""Recompute every score of a workbook from its Target and Realisasi (pure, no openpyxl).

The rules compare what the workbook reports with this; the writers print it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from kinerja_xl import scoring
from kinerja_xl.model import CONSOLIDATED, PERIODS, PERSPECTIVES, QUARTERS, Iku, Value, Workbook, pickled_as_call
from kinerja_xl.profiles import Profile


@pickled_as_call
@dataclass(slots=True)
class PeriodScore:
    """One IKU in one period: the T and R scored, recomputed capaian/Nilai, and what was reported."""

    target: float | None = None
    realisasi: float | None = None
    capaian: float | None = None
    nilai: float | None = None
    status: str = "abu-abu"
    capaian_reported: float | None = None
    nilai_reported: float | None = None
    konversi_applied: bool = False
    not_computable: str | None = None  # reason when T/R exist but capaian has no formula


@pickled_as_call
@dataclass(slots=True)
class IkuScore:
    """Recomputed scores of one IKU over the seven periods."""

    iku: Iku
    ss: str  # SS code, or the block's SS name when there is no summary table
    perspective: str | None
    weight: float
    weight_source: str  # "bobot", "validitas-kendali", "equal"
    konversi: bool  # designated for konversi 120 and within the quota
    periods: dict[str, PeriodScore] = field(default_factory=dict)


@pickled_as_call
@dataclass
class Analysis:
    """All recomputed numbers of one workbook."""

    profile: Profile
    ikus: list[IkuScore] = field(default_factory=list)
    ss_names: dict[str, str] = field(default_factory=dict)  # ss -> name
    ss_perspective: dict[str, str | None] = field(default_factory=dict)
    nss: dict[str, dict[str, float | None]] = field(default_factory=dict)  # ss -> period -> NSS
    np: dict[str, dict[str, float | None]] = field(default_factory=dict)  # perspective -> period -> Np
    nko: dict[str, float | None] = field(default_factory=dict)  # period -> NKO
    predikat: dict[str, str | None] = field(default_factory=dict)
    perspective_weights: dict[str, float] = field(default_factory=dict)
    konversi_over_quota: list[str] = field(default_factory=list)  # IKU codes designated beyond quota
    konversi_quota: int = 0
    # Assumptions the summary must state: "equal-weights", "no-perspectives",
    # "default-perspective-weights", "polkp-assumed:<code>".
    assumptions: list[str] = field(default_factory=list)


def consolidated_tr(
    iku: Iku, period: str, reported: str | None = None
) -> tuple[float | None, float | None, str | None] | None:
    """(T, R, gap quarter) of a consolidated column rolled up from its quarters by the KP, or None
    when no quarter in range has a Target or Realisasi (scoring.consolidate_column: the one rule of
    the score, KX110 and `fix`). ``reported``: the report's period; quarters after it are not due.
    """
    quarters = CONSOLIDATED[period]
    rows = iku.rows
    targets = _numbers(rows.get("target"), quarters)
    realisasi = _numbers(rows.get("realisasi"), quarters)
    if targets.count(None) == len(targets) and realisasi.count(None) == len(realisasi):
        return None
    t, r, gap = scoring.consolidate_column(targets, realisasi, iku.konsolidasi, _due(period, reported))
    return t, r, quarters[gap] if gap is not None else None


def consolidated_all(
    iku: Iku, reported: str | None = None
) -> dict[str, tuple[float | None, float | None, str | None] | None]:
    """consolidated_tr of every consolidated column (the quarters' numbers read once)."""
    rows = iku.rows
    targets, realisasi = _numbers(rows.get("target"), QUARTERS), _numbers(rows.get("realisasi"), QUARTERS)
    out: dict[str, tuple[float | None, float | None, str | None] | None] = {}
    for period, quarters in CONSOLIDATED.items():
        n = len(quarters)  # the first n quarters
        tq, rq = targets[:n], realisasi[:n]
        if tq.count(None) == n and rq.count(None) == n:
            out[period] = None
            continue
        t, r, gap = scoring.consolidate_column(tq, rq, iku.konsolidasi, _due(period, reported))
        out[period] = (t, r, quarters[gap] if gap is not None else None)
    return out


assert all(quarters == QUARTERS[: len(quarters)] for quarters in CONSOLIDATED.values())


def _numbers(values: dict[str, Value] | None, periods: tuple[str, ...]) -> list[float | None]:
    """The numbers of one row of a block in these periods (Iku.number of each)."""
    if values is None:
        return [None] * len(periods)
    out: list[float | None] = []
    for p in periods:
        v = values.get(p)
        out.append(None if v is None else v.number)
    return out


_DUE: dict[tuple[str, str | None], list[bool] | None] = {}


def _due(period: str, reported: str | None) -> list[bool] | None:
    """Whether each quarter of a consolidated column is due in a report of period ``reported``
    (None: the report's period is unknown); the same few lists for every IKU."""
    key = (period, reported)
    if key not in _DUE:
        due = (
            [PERIODS.index(q) <= PERIODS.index(reported) for q in CONSOLIDATED[period]] if reported in PERIODS else None
        )
        _DUE[key] = due
    return _DUE[key]


def scored_tr(iku: Iku, period: str, reported: str | None = None) -> tuple[float | None, float | None]:
    """The T and R a period is scored on: consolidated columns roll up the quarters by KP
    (consolidated_tr: R N/A while a targeted quarter's Realisasi is not due yet, and under Sum/Avg
    while one in range is missing; TLK takes the last quarter with a Realisasi).

    Falls back to the column's own T and R when no quarter in range has a Target or Realisasi
    (a block that fills only its consolidated columns).
    """
    if period in CONSOLIDATED:
        rolled = consolidated_tr(iku, period, reported)
        if rolled is not None:
            return rolled[0], rolled[1]
    return iku.number("target", period), iku.number("realisasi", period)


def score_period(iku: Iku, period: str, profile: Profile, konversi: bool, reported: str | None = None) -> PeriodScore:
    """Recompute capaian, Nilai and status of one IKU in one period (``reported``: the report's period)."""
    t, r = scored_tr(iku, period, reported)
    return _scored(iku, t, r, iku.number("capaian", period), iku.number("nilai", period), profile, konversi)


def _scored(
    iku: Iku,
    t: float | None,
    r: float | None,
    capaian_reported: float | None,
    nilai_reported: float | None,
    profile: Profile,
    konversi: bool,
) -> PeriodScore:
    """score_period from the T and R a period is scored on and its reported capaian and Nilai."""
    ps = PeriodScore(target=t, realisasi=r, capaian_reported=capaian_reported, nilai_reported=nilai_reported)
    if t is None or r is None:
        return ps
    scale = iku.meta.stab_scale or profile.stabilize_scale
    try:
        ps.capaian = scoring.capaian(t, r, iku.polarisasi, worst=iku.meta.realisasi_terburuk, scale=scale)
    except scoring.NotComputable as exc:
        ps.not_computable = str(exc)
        return ps
    met = scoring.target_met(t, r, iku.polarisasi)
    ps.nilai = scoring.nilai(ps.capaian, profile, konversi=konversi, met=met)
    ps.konversi_applied = konversi and met
    ps.status = scoring.status(ps.nilai, profile)
    return ps


def _perspective_weights(wb: Workbook, profile: Profile, assumptions: list[str]) -> dict[str, float]:
    persp = wb.summary.perspectives if wb.summary else []
    weights = {p.name: p.weight for p in persp}
    if persp and all(w is not None for w in weights.values()):
        return {name: float(w) for name, w in weights.items() if w is not None}
    assumptions.append("default-perspective-weights")
    names = {p.name for p in persp}
    if names and "Customer" not in names:
        return dict(profile.perspective_weights_merged)
    return dict(profile.perspective_weights)


def _iku_score(
    iku: Iku, ss: str, konversi: bool, reported: str | None, profile: Profile, reuse: Mapping[int, IkuScore] | None
) -> IkuScore:
    """One IKU's scores: the earlier analysis's when it is known unchanged, else recomputed."""
    known = reuse.get(id(iku)) if reuse else None
    if known is not None and known.iku is iku and known.konversi == konversi:
        return known
    weight, source = scoring.iku_weight(iku.meta.bobot, iku.meta.validitas, iku.meta.kendali, profile)
    s = IkuScore(iku=iku, ss=ss, perspective=iku.perspective, weight=weight, weight_source=source, konversi=konversi)
    s.periods = _score_periods(iku, profile, konversi, reported)
    return s


# Where each consolidated column's quarters are among the seven periods.
_QUARTERS_AT = {period: tuple(PERIODS.index(q) for q in quarters) for period, quarters in CONSOLIDATED.items()}


def _score_periods(iku: Iku, profile: Profile, konversi: bool, reported: str | None) -> dict[str, PeriodScore]:
    """score_period of every period, each row's numbers read once (~2,000 IKU x 7 periods)."""
    rows = iku.rows
    targets, realisasi = _numbers(rows.get("target"), PERIODS), _numbers(rows.get("realisasi"), PERIODS)
    capaian, nilai = _numbers(rows.get("capaian"), PERIODS), _numbers(rows.get("nilai"), PERIODS)
    out = {}
    for i, period in enumerate(PERIODS):
        t, r = targets[i], realisasi[i]
        at = _QUARTERS_AT.get(period)
        if at is not None:  # scored_tr: the quarters rolled up, unless none has a Target or Realisasi
            tq, rq = [targets[j] for j in at], [realisasi[j] for j in at]
            if tq.count(None) != len(tq) or rq.count(None) != len(rq):
                t, r, _ = scoring.consolidate_column(tq, rq, iku.konsolidasi, _due(period, reported))
        out[period] = _scored(iku, t, r, capaian[i], nilai[i], profile, konversi)
    return out


def analyse(wb: Workbook, profile: Profile, reuse: Mapping[int, IkuScore] | None = None) -> Analysis:
    """Recompute Nilai per IKU and period, NSS, Np, NKO and predikat for a workbook.

    ``reuse``: scores of IKU known unchanged since an earlier analysis, by id(iku) (a fix plan
    re-scores only the IKU it changed); one whose konversi designation now counts otherwise is
    scored again.
    """
    an = Analysis(profile=profile)
    # Konversi 120 applies to Max and Min IKU only: on a Stab IKU the scale decides (KX106).
    designated = [(i.code or i.name, i.cascading) for i in wb.ikus if i.meta.konversi_120 and i.polarisasi != "Stab"]
    within, over = scoring.konversi_allowed(designated, len(wb.ikus), profile)
    an.konversi_quota = scoring.konversi_quota(len(wb.ikus), profile)
    an.konversi_over_quota = over
    within_set = set(within)

    sources = set()
    for iku in wb.ikus:
        ss = iku.ss or (iku.ss_name or "?")
        s = _iku_score(iku, ss, (iku.code or iku.name) in within_set, wb.period, profile, reuse)
        sources.add(s.weight_source)
        an.ikus.append(s)
        an.ss_names.setdefault(ss, iku.ss_name or ss)
        an.ss_perspective.setdefault(ss, iku.perspective)
        if iku.polkp_assumed:
            an.assumptions.append(f"polkp-assumed:{iku.code or iku.name}")
    if wb.summary:
        for row in wb.summary.ss:
            if row.code in an.ss_names:
                an.ss_names[row.code] = row.name
    if sources == {"equal"} and wb.ikus:
        an.assumptions.append("equal-weights")

    by_ss = _members(an)
    for ss in an.ss_names:
        members = by_ss.get(ss, [])
        an.nss[ss] = {p: scoring.nss((m.periods[p].nilai, m.weight) for m in members) for p in PERIODS}

    has_perspectives = any(s.perspective for s in an.ikus)
    if has_perspectives:
        an.perspective_weights = _perspective_weights(wb, profile, an.assumptions)
        order = [name for name in PERSPECTIVES if name in an.perspective_weights] + [
            name for name in an.perspective_weights if name not in PERSPECTIVES
        ]
        for persp in order:
            ss_codes = [code for code, pp in an.ss_perspective.items() if pp == persp]
            an.np[persp] = {p: scoring.np_(an.nss[code][p] for code in ss_codes) for p in PERIODS}
        for p in PERIODS:
            an.nko[p] = scoring.nko({k: v[p] for k, v in an.np.items()}, an.perspective_weights)
    else:
        an.assumptions.append("no-perspectives")
        for p in PERIODS:
            an.nko[p] = scoring.np_(an.nss[ss][p] for ss in an.nss)
    an.predikat = {p: scoring.predikat(v, profile) for p, v in an.nko.items()}
    return an


def _members(an: Analysis) -> dict[str, list[IkuScore]]:
    """Each SS's IKU scores in the analysis's order (one pass, not one per SS: 200 SS x 2,000 IKU)."""
    out: dict[str, list[IkuScore]] = {}
    for s in an.ikus:
        out.setdefault(s.ss, []).append(s)
    return out


def merged(analyses: list[Analysis], profile: Profile) -> Analysis:
    """The analysis of a workbook of several units as a whole: every unit's IKU scores and
    assumptions, no NSS, Np or NKO (those are each unit's own: api.FileResult.units)."""
    an = Analysis(profile=profile)
    for part in analyses:
        an.ikus.extend(part.ikus)
        an.konversi_over_quota.extend(part.konversi_over_quota)
        an.assumptions.extend(a for a in part.assumptions if a not in an.assumptions)
    return an


def aggregates_from_nilai(
    an: Analysis, nilai: Mapping[str, float | None]
) -> tuple[dict[str, float | None], dict[str, float | None], float | None]:
    """(NSS by SS, Np by perspective, NKO) of one period from given IKU Nilai (by code), same chain as analyse.

    The rules use it on the REPORTED Nilai to tell a wrong aggregate from wrong IKU Nilai.
    IKU missing from ``nilai`` count as N/A.
    """
    by_ss = _members(an)
    nss_values = {
        ss: scoring.nss((nilai.get(m.iku.code or m.iku.name), m.weight) for m in by_ss.get(ss, []))
        for ss in an.ss_names
    }
    if an.np:
        np_values = {
            persp: scoring.np_(nss_values[ss] for ss, pp in an.ss_perspective.items() if pp == persp) for persp in an.np
        }
        return nss_values, np_values, scoring.nko(np_values, an.perspective_weights)
    return nss_values, {}, scoring.np_(nss_values.values())


__all__ = [
    "Analysis",
    "IkuScore",
    "PeriodScore",
    "aggregates_from_nilai",
    "analyse",
    "consolidated_all",
    "consolidated_tr",
    "merged",
    "score_period",
    "scored_tr",
]
