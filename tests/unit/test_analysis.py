"""Analysis: the recomputed chain IKU -> NSS -> Np -> NKO -> predikat on small models."""

from __future__ import annotations

import pytest

from kinerja_xl import profiles
from kinerja_xl.analysis import analyse, scored_tr
from kinerja_xl.model import PERIODS, CellRef, Iku, IkuMeta, Summary, SummaryPerspective, Value, Workbook

P300 = profiles.load("kmk-300-2022")


def make_iku(code, target, realisasi, pol="Max", kp="TLK", ss="1", perspective="Stakeholder", **meta):
    """An IKU with the seven periods of Target and Realisasi (None = N/A)."""
    iku = Iku(
        code=code,
        name=code,
        sheet="IKU",
        header_cell=CellRef("IKU", "B3"),
        polarisasi=pol,
        konsolidasi=kp,
        ss=ss,
        perspective=perspective,
        meta=IkuMeta(**meta),
    )
    for row, values in (("target", target), ("realisasi", realisasi)):
        iku.rows[row] = {
            p: Value(CellRef("IKU", f"{'CDEFGHI'[i]}4"), v, "number" if v is not None else "na")
            for i, (p, v) in enumerate(zip(PERIODS, values, strict=False))
        }
    return iku


def test_consolidated_columns_use_quarters_not_reported_value():
    # 8b-N of Serang: Target Q4 80 but Target Y typed as 100 under TLK.
    iku = make_iku("8b-N", [45, 60, 60, 80, 80, 80, 100], [71.5, 87.13, 87.13, 100.31, 100.31, 105, 105])
    assert scored_tr(iku, "Y") == (80, 105)
    an = analyse(Workbook(path="x.xlsx", ikus=[iku]), P300)
    assert an.ikus[0].periods["Y"].capaian == pytest.approx(131.25)
    assert an.ikus[0].periods["Y"].nilai == 120.0


def test_sum_konsolidasi_and_na_quarter():
    # Q2 has a Target and no Realisasi (a gap, KX120): Y is N/A, never R over three quarters
    # against T over four (40 vs 31, issue 9 point 7) nor over the same three (issue 17 item 3)
    iku = make_iku("1a-CP", [10, 10, None, 10, None, 10, None], [12, None, None, 9, None, 10, None], kp="Sum")
    an = analyse(Workbook(path="x.xlsx", ikus=[iku]), P300)
    y = an.ikus[0].periods["Y"]
    assert (y.target, y.realisasi) == (40, None)
    assert y.capaian is None and y.nilai is None
    assert y.status == "abu-abu"
    assert an.nko["Y"] is None
    assert an.ikus[0].periods["Q2"].nilai is None  # Target without Realisasi is N/A, not 0
    assert an.ikus[0].periods["Q2"].status == "abu-abu"


def test_tlk_gap_in_a_q4_report_takes_the_last_quarter_with_a_realisasi():
    # Q4 report, Q4 Realisasi blank: Y is scored on Q3's Realisasi (cumulative), not N/A
    iku = make_iku("2b-CP", [100] * 7, [80, 85, 85, 90, 90, None, 100])
    an = analyse(Workbook(path="x.xlsx", ikus=[iku], period="Q4"), P300)
    assert (an.ikus[0].periods["Y"].target, an.ikus[0].periods["Y"].realisasi) == (100, 90)
    assert an.ikus[0].periods["Y"].capaian == pytest.approx(90)
    # a Q3 report: Q4 is not due yet, Y is N/A
    an = analyse(Workbook(path="x.xlsx", ikus=[iku], period="Q3"), P300)
    assert an.ikus[0].periods["Y"].realisasi is None


def test_konversi_designated_on_a_stab_iku_is_not_applied():
    # Stab with its own scale topping out at 110: R = T scores 110 by the scale, never 120 by konversi
    iku = make_iku(
        "1a-CP", [100] * 7, [100] * 7, pol="Stab", konversi_120=True, stab_scale=[(0, 0), (90, 100), (100, 110)]
    )
    others = [make_iku(f"{i}a-CP", [100] * 7, [90] * 7) for i in range(2, 6)]
    an = analyse(Workbook(path="x.xlsx", ikus=[iku, *others]), P300)
    assert an.ikus[0].konversi is False
    assert an.ikus[0].periods["Y"].nilai == pytest.approx(110)


def test_nko_chain_with_perspectives_and_equal_weights():
    ikus = [
        make_iku("1a-CP", [100] * 7, [110] * 7, ss="1", perspective="Stakeholder"),
        make_iku("1b-CP", [100] * 7, [90] * 7, ss="1", perspective="Stakeholder"),
        make_iku("2a-CP", [100] * 7, [130] * 7, ss="2", perspective="Customer"),
        make_iku("3a-CP", [100] * 7, [100] * 7, ss="3", perspective="Internal Process"),
        make_iku("4a-N", [100] * 7, [80] * 7, ss="4", perspective="Learning and Growth"),
    ]
    an = analyse(Workbook(path="x.xlsx", ikus=ikus), P300)
    assert an.nss["1"]["Y"] == pytest.approx(100)
    assert an.np["Customer"]["Y"] == pytest.approx(120)
    assert an.nko["Y"] == pytest.approx((100 * 30 + 120 * 20 + 100 * 25 + 80 * 25) / 100)
    assert an.predikat["Y"] == "Baik"
    assert "equal-weights" in an.assumptions
    assert "default-perspective-weights" in an.assumptions


def test_summary_weights_bobot_and_konversi_quota():
    ikus = [
        make_iku(
            f"{i}a-CP", [100] * 7, [100] * 7, ss=str(i), perspective="Stakeholder", konversi_120=True, bobot=float(i)
        )
        for i in range(1, 6)
    ]
    ikus.append(make_iku("6a-N", [100] * 7, [100] * 7, ss="6", perspective="Customer", konversi_120=True))
    summary = Summary(
        sheet="Tabel 1",
        header_cell=CellRef("Tabel 1", "A3"),
        perspectives=[
            SummaryPerspective("Stakeholder", "Stakeholder Perspective (60%)", CellRef("Tabel 1", "A4"), 60),
            SummaryPerspective("Customer", "Customer Perspective (40%)", CellRef("Tabel 1", "A9"), 40),
        ],
    )
    an = analyse(Workbook(path="x.xlsx", ikus=ikus, summary=summary), P300)
    assert an.konversi_quota == 1  # 6 IKU -> 1
    assert an.konversi_over_quota == ["2a-CP", "3a-CP", "4a-CP", "5a-CP", "6a-N"]
    assert an.ikus[0].periods["Y"].nilai == 120.0 and an.ikus[0].periods["Y"].konversi_applied
    assert an.ikus[1].periods["Y"].nilai == 100.0
    assert an.perspective_weights == {"Stakeholder": 60.0, "Customer": 40.0}
    assert an.np["Stakeholder"]["Y"] == pytest.approx((120 + 4 * 100) / 5)
    assert an.nko["Y"] == pytest.approx(104 * 0.6 + 100 * 0.4)
    assert "equal-weights" not in an.assumptions


def test_without_summary_nko_is_mean_of_nss():
    ikus = [
        make_iku("1a-CP", [100] * 7, [110] * 7, ss=None, perspective=None),
        make_iku("2a-CP", [100] * 7, [90] * 7, ss=None, perspective=None),
    ]
    ikus[0].ss_name, ikus[1].ss_name = "SS satu", "SS dua"
    an = analyse(Workbook(path="x.xlsx", ikus=ikus), P300)
    assert set(an.nss) == {"SS satu", "SS dua"}
    assert an.nko["Q1"] == pytest.approx(100)
    assert "no-perspectives" in an.assumptions


def test_not_computable_is_recorded():
    iku = make_iku("7a-CP", [0] * 7, [1] * 7, pol="Min")
    an = analyse(Workbook(path="x.xlsx", ikus=[iku]), P300)
    assert an.ikus[0].periods["Q1"].capaian is None
    assert "realisasi terburuk" in an.ikus[0].periods["Q1"].not_computable


def test_tlk_q2_report_consolidated_columns_pair_quarters():
    """Issue 9 point 7: in a Q2 report a TLK IKU with T 25/50/75/100 and R 20/45/-/- scored
    Y = 45 (Q4 target against Q2 realisasi). Y and s.d. Q3 are N/A; Sm.I is 45/50 = 90."""
    iku = make_iku("1a-CP", [25, 50, 50, 75, 75, 100, 100], [20, 45, 45, None, None, None, None])
    other = make_iku("1b-CP", [100] * 7, [110] * 7)
    an = analyse(Workbook(path="x.xlsx", ikus=[iku, other]), P300)
    periods = an.ikus[0].periods
    assert (periods["Sm.I"].target, periods["Sm.I"].realisasi, periods["Sm.I"].nilai) == (50, 45, 90)
    for p in ("s.d. Q3", "Y"):
        assert (periods[p].realisasi, periods[p].capaian, periods[p].nilai, periods[p].status) == (
            None,
            None,
            None,
            "abu-abu",
        )
    assert periods["Y"].target == 100  # the year's target still shows
    # the N/A Y no longer enters NSS and NKO: only 1b-CP's 110 remains
    assert an.nss["1"]["Y"] == pytest.approx(110)
    assert an.nss["1"]["Sm.I"] == pytest.approx((90 + 110) / 2)
    assert an.nko["Y"] == pytest.approx(110)


@pytest.mark.parametrize("kp, y", [("Sum", (60, 62)), ("Avg", (30, 31)), ("TLK", (40, 44))])
def test_realisasi_without_target_is_not_used(kp, y):
    """Semester targets (Q2, Q4) with realisasi typed in every quarter: Q1 and Q3 have R and no T,
    and are left out of the roll-up (the rules report them) instead of being summed in."""
    iku = make_iku("1a-CP", [None, 20, None, None, None, 40, None], [5, 18, None, 7, None, 44, None], kp=kp)
    an = analyse(Workbook(path="x.xlsx", ikus=[iku]), P300)
    ps = an.ikus[0].periods["Y"]
    assert (ps.target, ps.realisasi) == pytest.approx(y)
    assert ps.capaian == pytest.approx(y[1] / y[0] * 100)
