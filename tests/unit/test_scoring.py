"""Scoring: every formula of rules.md against the numbers the issue names."""

from __future__ import annotations

import pytest

from kinerja_xl import profiles, scoring

P300 = profiles.load("kmk-300-2022")
P127 = profiles.load("kmk-127-2026")


@pytest.mark.parametrize(
    "t, r, pol, worst, capaian, nilai",
    [
        (6, 11.26, "Max", None, 187.67, 120.0),  # 1a-CP Q1 of Serang, capped
        (100, 97.8, "Max", None, 97.8, 97.8),
        (16, 0, "Min", None, 200.0, 120.0),  # deviation indicator 7a-CP
        (-10, -11, "Max", None, 90.0, 90.0),  # negative target
        (-10, -5, "Max", None, 150.0, 120.0),
        (0, 4, "Min", 10, 60.0, 60.0),  # realisasi terburuk
        (0, -5, "Min", 10, 100.0, 100.0),  # at most 100 before conversion
        (100, 96, "Stab", None, 112.0, 112.0),
        (100, 102, "Stab", None, 116.0, 116.0),
        (100, 250, "Stab", None, 0.0, 0.0),  # Ca floored at 0
        (100, 50, "Stab", None, 50 / 90 * 100, 50 / 90 * 100),
        # negative targets: Min and Stab mirror Max T < 0 (issue 9 point 7)
        (-10, -20, "Min", None, 200.0, 120.0),  # lower is better for Min: was 0 before the fix
        (-10, -5, "Min", None, 50.0, 50.0),
        (-10, -10, "Min", None, 100.0, 100.0),
        (-10, 5, "Min", None, -50.0, 0.0),  # opposite sign: floored
        (-10, -11, "Max", None, 90.0, 90.0),  # the Max rule Min mirrors (R/T <-> 2 - R/T)
        (10, 20, "Min", None, 0.0, 0.0),
        (-100, -96, "Stab", None, 112.0, 112.0),  # 4% off either side scores as for T > 0
        (-100, -104, "Stab", None, 112.0, 112.0),  # was 120 (Ca 104 not mirrored)
        (-100, -102, "Stab", None, 116.0, 116.0),
        (-100, -250, "Stab", None, 0.0, 0.0),
        (-100, 50, "Stab", None, 0.0, 0.0),  # opposite sign: Ca floored at 0
        (100, 104, "Stab", None, 112.0, 112.0),
    ],
)
def test_capaian_and_nilai(t, r, pol, worst, capaian, nilai):
    got = scoring.capaian(t, r, pol, worst=worst, scale=P300.stabilize_scale)
    assert got == pytest.approx(capaian, abs=0.005)
    assert scoring.nilai(got, P300) == pytest.approx(nilai, abs=0.005)


@pytest.mark.parametrize("t, pol, worst", [(0, "Max", None), (0, "Min", None), (0, "Stab", None)])
def test_not_computable(t, pol, worst):
    with pytest.raises(scoring.NotComputable):
        scoring.capaian(t, 5, pol, worst=worst)


def test_stabilize_custom_scale():
    scale = [(0, 0), (80, 100), (100, 110)]
    assert scoring.capaian(100, 90, "Stab", scale=scale) == pytest.approx(105.0)
    assert scoring.capaian(100, 70, "Stab", scale=scale) == pytest.approx(87.5)


@pytest.mark.parametrize(
    "t, r, pol, designated, expected",
    [
        (100, 100, "Max", True, 120.0),  # target met exactly -> 120
        (100, 99, "Max", True, 99.0),  # not met -> plain formula
        (100, 100, "Max", False, 100.0),  # not designated -> plain formula
        (10, 10, "Min", True, 120.0),
        (10, 11, "Min", True, 90.0),
    ],
)
def test_konversi_120(t, r, pol, designated, expected):
    cap = scoring.capaian(t, r, pol)
    met = scoring.target_met(t, r, pol)
    assert scoring.nilai(cap, P300, konversi=designated, met=met) == pytest.approx(expected)


@pytest.mark.parametrize(
    "kp, quarters, expected",
    [
        ("TLK", {"Q1": 10, "Q2": 20, "Q3": None, "Q4": None}, {"Sm.I": 20, "s.d. Q3": 20, "Y": 20}),
        ("TLK", {"Q1": 10, "Q2": None, "Q3": 30, "Q4": 40}, {"Sm.I": 10, "s.d. Q3": 30, "Y": 40}),
        ("Sum", {"Q1": 10, "Q2": None, "Q3": 30, "Q4": 40}, {"Sm.I": 10, "s.d. Q3": 40, "Y": 80}),
        ("Avg", {"Q1": 10, "Q2": None, "Q3": 30, "Q4": 50}, {"Sm.I": 10, "s.d. Q3": 20, "Y": 30}),
        ("Avg", {"Q1": None, "Q2": None, "Q3": None, "Q4": None}, {"Sm.I": None, "s.d. Q3": None, "Y": None}),
    ],
)
def test_konsolidasi(kp, quarters, expected):
    got = scoring.consolidate(quarters, kp)
    for period, value in expected.items():
        assert got[period] == (pytest.approx(value) if value is not None else None)
    assert got["Q3"] == quarters["Q3"]


def test_quota_19_iku_priority():
    assert scoring.konversi_quota(19, P300) == 3
    assert scoring.konversi_quota(4, P300) == 0
    assert scoring.konversi_quota(5, P300) == 1
    designated = [("8a-N", "N"), ("2a-CNP", "CNP"), ("1a-CP", "CP"), ("9a-N", "N"), ("3a-CP", "CP")]
    within, over = scoring.konversi_allowed(designated, 19, P300)
    assert within == ["1a-CP", "3a-CP", "2a-CNP"]
    assert over == ["8a-N", "9a-N"]


@pytest.mark.parametrize(
    "nilai, colour",
    [(100, "hijau"), (120, "hijau"), (99.99, "kuning"), (80, "kuning"), (79.99, "merah"), (None, "abu-abu")],
)
def test_status(nilai, colour):
    assert scoring.status(nilai, P300) == colour


def test_nss_weights_and_na_reweighting():
    assert scoring.nss([(120, 1), (100, 1)]) == pytest.approx(110)
    assert scoring.nss([(120, 3), (100, 1)]) == pytest.approx(115)
    assert scoring.nss([(120, 1), (None, 1)]) == pytest.approx(120)  # N/A drops out
    assert scoring.nss([(None, 1)]) is None


def test_iku_weight_sources():
    assert scoring.iku_weight(12, "Exact", "Low", P127) == (12.0, "bobot")
    assert scoring.iku_weight(None, "exact", "low", P127) == (1.2, "validitas-kendali")
    assert scoring.iku_weight(None, "Activity", "High", P127) == (0.6, "validitas-kendali")
    assert scoring.iku_weight(None, None, None, P127) == (1.0, "equal")
    assert not scoring.vc_allowed("Exact", "High", P127)
    assert not scoring.vc_allowed("Activity", "Low", P127)
    assert scoring.vc_allowed("Proxy", "High", P127)


def test_np_is_mean_of_nss():
    assert scoring.np_([110, 120, None]) == pytest.approx(115)


def test_nko_kanwil_djbc_kalbar_2023():
    np_values = {"Stakeholder": 116.15, "Customer": 111.29, "Internal Process": 117.39, "Learning and Growth": 119.32}
    assert round(scoring.nko(np_values, P300.perspective_weights), 2) == 116.28


def test_nko_reweights_missing_perspective():
    np_values = {"Stakeholder": 110, "Customer": None, "Internal Process": 100, "Learning and Growth": 120}
    # (110*30 + 100*25 + 120*25) / 80
    assert scoring.nko(np_values, P300.perspective_weights) == pytest.approx((110 * 30 + 100 * 25 + 120 * 25) / 80)


def test_nko_merged_map_40_30_30():
    np_values = {"Stakeholder": 100, "Internal Process": 110, "Learning and Growth": 120}
    assert scoring.nko(np_values, P300.perspective_weights_merged) == pytest.approx(109.0)


@pytest.mark.parametrize(
    "profile, nko, expected",
    [
        (P300, 100.0, "Istimewa"),
        (P300, 99.99, "Baik"),
        (P300, 90.0, "Baik"),
        (P300, 89.99, "Butuh Perbaikan"),
        (P300, 70.0, "Butuh Perbaikan"),
        (P300, 69.99, "Kurang"),
        (P300, 50.0, "Kurang"),
        (P300, 49.99, "Sangat Kurang"),
        (P300, 0.0, "Sangat Kurang"),
        (P127, 110.0, "Sangat Baik"),
        (P127, 109.99, "Baik"),
        (P127, 100.0, "Baik"),
        (P127, 99.99, "Cukup"),
        (P127, 90.0, "Cukup"),
        (P127, 89.99, "Kurang"),
        (P127, 80.0, "Kurang"),
        (P127, 79.99, "Buruk"),
    ],
)
def test_predikat_boundaries(profile, nko, expected):
    assert scoring.predikat(nko, profile) == expected


def test_predikat_na():
    assert scoring.predikat(None, P300) is None


@pytest.mark.parametrize(
    "reported, recomputed, ok", [(187.67, 187.6667, True), (68.8, 66.8, False), (None, None, True), (None, 5.0, False)]
)
def test_matches_with_tolerance(reported, recomputed, ok):
    assert scoring.matches(reported, recomputed, P300.tolerance) is ok


@pytest.mark.parametrize(
    "t, r, pol, reported, ok",
    [
        (45, 51.67, "Max", 114.81, True),  # Serang 2b-CP Q2: R typed 51,67 for 51.6645
        (10, 30.43, "Max", 304.35, True),  # 2b-CP Q1
        (13, 16.43, "Max", 126.94, False),  # 3a-CP Q2: off by 0.56, a real error
        (6, 11.26, "Max", 183.51, False),  # 1a-CP Q1: a real error
        (45, 51.6645, "Max", 114.84, False),  # full precision stored (114.81): no margin beyond tolerance
        (45, 51.67, "Max", 114.84, True),  # the same reading is within reach of typed 51,67
    ],
)
def test_rounding_margin_for_typed_values(t, r, pol, reported, ok):
    recomputed = scoring.capaian(t, r, pol)
    margin = scoring.rounding_margin(t, r, pol)
    assert scoring.matches(reported, recomputed, P300.tolerance + margin) is ok


def test_rounding_margin_scales_with_stabilize_slope():
    plain = scoring.rounding_margin(100, 96.5, "Max")
    assert scoring.rounding_margin(100, 96.5, "Stab", P300.stabilize_scale) == pytest.approx(2 * plain)
    assert scoring.rounding_margin(0, 5, "Max") == 0.0


@pytest.mark.parametrize(
    "pol, t, expected",
    [("Max", 5, "R/T x 100"), ("Max", -5, "(2 - R/T) x 100"), ("Min", 5, "(2 - R/T) x 100"), ("Min", -5, "R/T x 100")],
)
def test_capaian_formula_text_follows_the_sign(pol, t, expected):
    assert scoring.capaian_formula(t, pol) == expected


@pytest.mark.parametrize("pol", ["Max", "Min", "Stab"])
@pytest.mark.parametrize("t", [10.0, -10.0])
def test_negative_target_mirrors_positive(pol, t):
    """For every polarisasi a result a distance d from a negative target scores as the result
    the same distance d on the same side (better or worse) of the positive target: for Max,
    T = -10, R = -5 scores as T = 10, R = 15; for Min as T = 10, R = 5; for Stab both sides
    score alike. (R = T +- d: with T < 0 the ratio R/T is 2 - k where it is k for T > 0.)"""
    for k in (0.5, 0.9, 1.0, 1.1, 1.5):
        assert scoring.capaian(-t, -t * k, pol) == pytest.approx(scoring.capaian(t, t * (2 - k), pol))


# (T by quarter, R by quarter, KP) -> consolidated (T, R); None is N/A.
# Issue 9 point 7: T and R roll up over the same quarters (both present); R is N/A while a
# targeted quarter has no Realisasi yet; a quarter with R and no T is not used.
@pytest.mark.parametrize(
    "targets, realisasi, kp, expected",
    [
        ([25, 50, 75, 100], [20, 45, None, None], "TLK", (100, None)),  # the Q2 report: Y N/A
        ([25, 50, 75], [20, 45, None], "TLK", (75, None)),  # s.d. Q3 N/A
        ([25, 50], [20, 45], "TLK", (50, 45)),  # Sm.I
        ([10, 10, 10, 10], [12, 9, None, None], "Sum", (40, None)),
        ([10, 10, 10, 10], [12, 9, None, None], "Avg", (10, None)),
        ([10, 10], [12, 9], "Sum", (20, 21)),
        ([10, 20], [12, 9], "Avg", (15, 10.5)),
        # a gap (KX120): the column is N/A under Sum/Avg, never summed over fewer quarters than T (issue 17)
        ([10, 10, 10, 10], [12, None, 9, 10], "Sum", (40, None)),
        ([10, 20, 30, 40], [12, None, 9, 10], "Avg", (25, None)),
        ([10, 20, 30, 40], [12, None, 29, 41], "TLK", (40, 41)),
        ([None, 20, None, 40], [None, 18, None, 44], "TLK", (40, 44)),  # semester targets
        ([None, 20, None, 40], [None, 18, None, 44], "Sum", (60, 62)),
        ([None, 20, None, 40], [5, 18, 7, 44], "Sum", (60, 62)),  # R without T (KX121): not used
        ([None, 20, None, 40], [5, 18, 7, None], "TLK", (40, None)),
        ([None, None], [None, None], "Sum", (None, None)),
        ([10, None], [None, None], "TLK", (10, None)),
        ([None, None], [3, 4], "TLK", (None, None)),
    ],
)
def test_consolidate_tr_pairs_quarters(targets, realisasi, kp, expected):
    t, r = scoring.consolidate_tr(targets, realisasi, kp)
    assert (t, r) == (
        pytest.approx(expected[0]) if expected[0] is not None else None,
        expected[1] and pytest.approx(expected[1]),
    )
