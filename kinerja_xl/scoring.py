"""Pure scoring functions from rules.md: capaian, Nilai, konsolidasi, status, NSS, Np, NKO, predikat.

No I/O, no openpyxl. ``None`` means N/A (no number) throughout.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable, Mapping, Sequence

from kinerja_xl.model import CONSOLIDATED, PERIODS, QUARTERS
from kinerja_xl.profiles import Profile

Number = float | None


class NotComputable(ValueError):
    """Capaian cannot be computed (Max with T=0, Min with T=0 and no realisasi terburuk)."""


def ratio_capaian(t: float, r: float) -> float:
    """R / T x 100: Max with a positive target, Min with a negative one."""
    return r / t * 100.0


def inverse_capaian(t: float, r: float) -> float:
    """(1 + (1 - R / T)) x 100: Min with a positive target, Max with a negative one."""
    return (2.0 - r / t) * 100.0


def stabilize_ca(t: float, r: float) -> float:
    """Ca for Stabilize: R/T x 100, mirrored around 100 when above 100, floored at 0.

    rules.md says "if R > T then Ca = 200 - Ca (so Ca <= 100)". For T > 0, R > T is Ca > 100;
    for T < 0 it is the reverse (T = -10, R = -11 gives Ca = 110), so the mirror is taken on
    Ca > 100, the invariant rules.md states: a deviation of 10% either side scores the same
    whatever the sign of the target.
    """
    ca = r / t * 100.0
    if ca > 100.0:
        ca = 200.0 - ca
    return max(ca, 0.0)


def interpolate(scale: Sequence[tuple[float, float]], x: float) -> float:
    """Piecewise-linear interpolation on (x, y) points; flat outside the points."""
    points = sorted(scale)
    if x <= points[0][0]:
        return points[0][1]
    if x >= points[-1][0]:
        return points[-1][1]
    for (x0, y0), (x1, y1) in itertools.pairwise(points):
        if x0 <= x <= x1:
            return y0 if x1 == x0 else y0 + (y1 - y0) * (x - x0) / (x1 - x0)
    return points[-1][1]  # pragma: no cover - unreachable with sorted points


def capaian(
    t: float,
    r: float,
    polarisasi: str,
    *,
    worst: float | None = None,
    scale: Sequence[tuple[float, float]] | None = None,
) -> float:
    """Capaian of one period from T and R by polarisasi (rules.md section 2).

    Raises NotComputable for Max with T=0, Min with T=0 and no ``worst`` (or one at or below the
    target: the score would run backwards), Stab with T=0.
    """
    if polarisasi == "Max":
        if t > 0:
            return ratio_capaian(t, r)
        if t < 0:
            return inverse_capaian(t, r)
        raise NotComputable("target 0 (Max)")
    if polarisasi == "Min":
        # mirrors Max: the inverse formula for T > 0, the ratio for T < 0 (T = -10: R = -20,
        # the better result, scores 200, R = -5 scores 50)
        if t > 0:
            return inverse_capaian(t, r)
        if t < 0:
            return ratio_capaian(t, r)
        if worst is None or worst == 0:
            raise NotComputable("target 0 (Min) tanpa realisasi terburuk")
        if worst <= t:  # the worst tolerated result of a Min IKU lies above its target
            raise NotComputable("realisasi terburuk di sisi yang salah (Min)")
        return min((worst - r) / worst * 100.0, 100.0)
    if polarisasi == "Stab":
        if t == 0:
            raise NotComputable("target 0 (Stab)")
        return interpolate(scale or ((0, 0), (90, 100), (100, 120)), stabilize_ca(t, r))
    raise ValueError(f"unknown polarisasi {polarisasi!r}")


def capaian_formula(t: float | None, polarisasi: str) -> str:
    """The formula capaian() applies, as users write it (for messages); no target reads as T > 0."""
    t = 1.0 if t is None else t
    if polarisasi == "Max":
        return "R/T x 100" if t > 0 else "(2 - R/T) x 100"
    if polarisasi == "Min":
        return "(2 - R/T) x 100" if t > 0 else "R/T x 100" if t < 0 else "(W - R)/W x 100"
    return "stabilize(R/T x 100)"


def target_met(t: float, r: float, polarisasi: str) -> bool:
    """Whether the target is met exactly or better (Max: R >= T; Min: R <= T; Stab: R == T)."""
    if polarisasi == "Max":
        return r >= t
    if polarisasi == "Min":
        return r <= t
    return math.isclose(r, t)


def clamp(value: float, profile: Profile) -> float:
    """Capaian clamped to [floor, cap]."""
    return min(max(value, profile.floor), profile.cap)


def nilai(capaian_value: float, profile: Profile, *, konversi: bool = False, met: bool = False) -> float:
    """Nilai Kinerja: konversi 120 when designated and the target is met, else clamped capaian."""
    if konversi and met:
        return profile.cap
    return clamp(capaian_value, profile)


def konsolidasi(values: Iterable[Number], kp: str) -> Number:
    """Roll quarters up by KP: TLK last known, Sum, Avg; N/A quarters skipped; None if none."""
    known = [v for v in values if v is not None]
    if not known:
        return None
    if kp == "TLK":
        return known[-1]
    if kp == "Sum":
        return math.fsum(known)
    if kp == "Avg":
        return math.fsum(known) / len(known)
    raise ValueError(f"unknown konsolidasi {kp!r}")


def consolidate_column(
    targets: Sequence[Number], realisasi: Sequence[Number], kp: str, due: Sequence[bool] | None = None
) -> tuple[Number, Number, int | None]:
    """T, R and the first gap of a consolidated column from its quarters' T and R, in quarter order.

    One rule for the score, KX110 and `fix` (rules.md section 1, Gaps). ``due``: per quarter,
    whether its Realisasi is due (the quarter is not after the report's period); None: due up to
    the last quarter that has a Realisasi.

    - T rolls up over the targeted quarters by the KP.
    - A targeted quarter whose Realisasi is not due yet: R is N/A (a Q2 report's Y).
    - A gap (a targeted quarter whose Realisasi is due and missing, index returned): under Sum
      and Avg R is N/A, never a sum or mean of fewer quarters than the Target's; under TLK R is
      the last quarter with a Realisasi (the figure is cumulative).
    - A quarter with a Realisasi but no Target is not used (the rules report it, KX121).
    """
    # One pass (analysis and the rules roll up 6,000 columns of a 2,000-IKU workbook each).
    if due is None:
        last_r = -1
        for i, r in enumerate(realisasi):
            if r is not None:
                last_r = i
    known: list[float] = []  # the targeted quarters' T
    used: list[float] = []  # their R, where there is one
    gap = None  # the first targeted quarter whose R is due and missing
    not_due = False  # a targeted quarter whose R is not due yet
    for i, (t, r) in enumerate(zip(targets, realisasi, strict=True)):
        if t is None:
            continue
        known.append(t)
        if r is not None:
            used.append(r)
        elif due[i] if due is not None else i <= last_r:
            if gap is None:
                gap = i
        else:
            not_due = True
    t_column = konsolidasi(known, kp)
    if not used or not_due or (gap is not None and kp != "TLK"):
        return t_column, None, gap
    return t_column, konsolidasi(used, kp), gap


def consolidate_tr(
    targets: Sequence[Number], realisasi: Sequence[Number], kp: str, due: Sequence[bool] | None = None
) -> tuple[Number, Number]:
    """T and R of a consolidated column from its quarters (consolidate_column without the gap)."""
    t, r, _ = consolidate_column(targets, realisasi, kp, due)
    return t, r


def consolidate(quarters: Mapping[str, Number], kp: str) -> dict[str, Number]:
    """All seven periods from Q1..Q4 values: quarters as given, Sm.I, s.d. Q3 and Y rolled up."""
    out: dict[str, Number] = {}
    for period in PERIODS:
        if period in QUARTERS:
            out[period] = quarters.get(period)
        else:
            out[period] = konsolidasi((quarters.get(q) for q in CONSOLIDATED[period]), kp)
    return out


def status(nilai_value: Number, profile: Profile) -> str:
    """Status colour: hijau, kuning, merah, or abu-abu for N/A."""
    if nilai_value is None:
        return "abu-abu"
    if nilai_value >= profile.status_hijau:
        return "hijau"
    if nilai_value >= profile.status_kuning:
        return "kuning"
    return "merah"


def vc_weight(validitas: str | None, kendali: str | None, profile: Profile) -> float | None:
    """The validity x control multiplier, None when not given or not allowed."""
    if not validitas or not kendali:
        return None
    return profile.validity_control.get((validitas.strip().capitalize(), kendali.strip().capitalize()))


def vc_allowed(validitas: str, kendali: str, profile: Profile) -> bool:
    """False for combinations the profile does not allow (Exact-High, Activity-Low)."""
    return (validitas.strip().capitalize(), kendali.strip().capitalize()) in profile.validity_control


def iku_weight(bobot: float | None, validitas: str | None, kendali: str | None, profile: Profile) -> tuple[float, str]:
    """An IKU's weight and where it came from: "bobot", "validitas-kendali" or "equal"."""
    if bobot is not None:
        return float(bobot), "bobot"
    vc = vc_weight(validitas, kendali, profile)
    if vc is not None:
        return vc, "validitas-kendali"
    return 1.0, "equal"


def weighted_mean(pairs: Iterable[tuple[Number, float]]) -> Number:
    """sum(v * w) / sum(w) over pairs with a value; None when none has one."""
    known = [(v, w) for v, w in pairs if v is not None and w]
    total = math.fsum(w for _, w in known)
    if not known or total == 0:
        return None
    return math.fsum(v * w for v, w in known) / total


def nss(nilai_and_weights: Iterable[tuple[Number, float]]) -> Number:
    """Nilai Sasaran Strategis: weighted mean of its IKU's Nilai, N/A IKU re-weighted out."""
    return weighted_mean(nilai_and_weights)


def np_(nss_values: Iterable[Number]) -> Number:
    """Nilai Perspektif: mean of the SS that have an NSS."""
    return weighted_mean((v, 1.0) for v in nss_values)


def nko(np_by_perspective: Mapping[str, Number], weights: Mapping[str, float]) -> Number:
    """NKO: weighted mean of Np by perspective weight, perspectives without Np re-weighted out."""
    return weighted_mean((v, weights.get(p, 0.0)) for p, v in np_by_perspective.items())


def predikat(nko_value: Number, profile: Profile) -> str | None:
    """The organisation's predikat from NKO by the profile's bands (lower bound inclusive)."""
    if nko_value is None:
        return None
    for name, lower in profile.predikat:
        if nko_value >= lower:
            return name
    return profile.predikat[-1][0] if profile.predikat else None


def konversi_quota(n_iku: int, profile: Profile) -> int:
    """How many IKU may use konversi 120: 20% of the PK, rounded down (1 per 5)."""
    return math.floor(n_iku * profile.konversi_quota + 1e-9)


def konversi_allowed(
    designated: Sequence[tuple[str, str]], n_iku: int, profile: Profile
) -> tuple[list[str], list[str]]:
    """Split designated (code, cascading) IKU into (within quota, over quota) by CP > CNP > N.

    Order within a cascading type follows the input order (the workbook's order).
    """
    quota = konversi_quota(n_iku, profile)
    priority = {kind: i for i, kind in enumerate(profile.konversi_priority)}
    ranked = sorted(enumerate(designated), key=lambda e: (priority.get(e[1][1], len(priority)), e[0]))
    codes = [code for _, (code, _) in ranked]
    return codes[:quota], codes[quota:]


def matches(reported: Number, recomputed: Number, tolerance: float) -> bool:
    """Whether a reported value equals the recomputed one within tolerance (both N/A also matches)."""
    if reported is None or recomputed is None:
        return reported is None and recomputed is None
    return abs(reported - recomputed) <= tolerance + 1e-9


# Half the last digit of a value typed with two decimals (in index/percent points).
TYPED_STEP = 0.005


def _typed_error(x: float) -> float:
    """The rounding error a value carries when it looks typed with at most two decimals."""
    return TYPED_STEP if abs(x * 100 - round(x * 100)) < 1e-6 else 0.0


def rounding_margin(
    t: float | None, r: float | None, polarisasi: str, scale: Sequence[tuple[float, float]] | None = None
) -> float:
    """How far a capaian from T and R typed with two decimals may be from the capaian of the true T and R.

    Offices type 30,43% for 30.4348%; the reported capaian was computed from the unrounded
    figures, so R/T x 100 on the typed ones differs by up to 100 * (dR/|T| + |R| dT/T^2).
    Values stored with full precision carry no such margin.
    """
    if t is None or r is None or t == 0:
        return 0.0
    # / |t| / |t|, not / (t * t): a tiny Target (1e-300) squared underflows to 0.0 and raised.
    margin = 100.0 * (_typed_error(r) / abs(t) + abs(r) * _typed_error(t) / abs(t) / abs(t))
    if polarisasi == "Stab":
        points = sorted(scale or ((0, 0), (90, 100), (100, 120)))
        slopes = [abs((y1 - y0) / (x1 - x0)) for (x0, y0), (x1, y1) in itertools.pairwise(points) if x1 != x0]
        margin *= max(slopes, default=1.0)
    return margin
