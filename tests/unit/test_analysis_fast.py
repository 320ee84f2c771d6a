"""The one-pass scorers give exactly what the per-period ones give (analysis._score_periods against
score_period, scoring.consolidate_column against its plain statement), on random blocks."""

from __future__ import annotations

import random

from kinerja_xl import profiles, scoring
from kinerja_xl.analysis import _score_periods, consolidated_all, consolidated_tr, score_period
from kinerja_xl.model import CONSOLIDATED, PERIODS, CellRef, Iku, Value

P300 = profiles.load("kmk-300-2022")


def _plain_consolidate_column(targets, realisasi, kp, due=None):
    """consolidate_column as first written (rules.md section 1, Gaps)."""
    pairs = list(zip(targets, realisasi, strict=True))
    last_r = max((i for i, (_, r) in enumerate(pairs) if r is not None), default=-1)
    is_due = list(due) if due is not None else [i <= last_r for i in range(len(pairs))]
    t_column = scoring.konsolidasi([t for t, _ in pairs if t is not None], kp)
    missing = [i for i, (t, r) in enumerate(pairs) if t is not None and r is None]
    gap = next((i for i in missing if is_due[i]), None)
    used = [r for t, r in pairs if t is not None and r is not None]
    if not used or any(not is_due[i] for i in missing) or (gap is not None and kp != "TLK"):
        return t_column, None, gap
    return t_column, scoring.konsolidasi(used, kp), gap


def _plain_consolidated_tr(iku, period, reported):
    """analysis.consolidated_tr as first written."""
    quarters = CONSOLIDATED[period]
    targets = [iku.number("target", q) for q in quarters]
    realisasi = [iku.number("realisasi", q) for q in quarters]
    if all(v is None for v in targets + realisasi):
        return None
    due = [PERIODS.index(q) <= PERIODS.index(reported) for q in quarters] if reported in PERIODS else None
    t, r, gap = _plain_consolidate_column(targets, realisasi, iku.konsolidasi, due)
    return t, r, quarters[gap] if gap is not None else None


def _number(rng):
    return rng.choice([None, None, 0.0, 1.0, 80.0, 100.0, -5.0, round(rng.uniform(-50, 150), 3)])


def test_consolidate_column_is_its_plain_statement():
    rng = random.Random(7)
    for _ in range(3000):
        n = rng.randrange(1, 5)
        targets = [_number(rng) for _ in range(n)]
        realisasi = [_number(rng) for _ in range(n)]
        due = rng.choice([None, [rng.random() < 0.7 for _ in range(n)]])
        kp = rng.choice(["TLK", "Sum", "Avg"])
        assert scoring.consolidate_column(targets, realisasi, kp, due) == _plain_consolidate_column(
            targets, realisasi, kp, due
        )


def test_every_period_scored_in_one_pass_as_one_by_one():
    rng = random.Random(11)
    for k in range(600):
        iku = Iku(
            code=f"{k}a-N",
            name="x",
            sheet="IKU",
            header_cell=CellRef("IKU", "A1"),
            polarisasi=rng.choice(["Max", "Min", "Stab"]),
            konsolidasi=rng.choice(["TLK", "Sum", "Avg"]),
        )
        iku.meta.realisasi_terburuk = rng.choice([None, 0.0, 50.0, 200.0])
        for row in rng.sample(["target", "realisasi", "capaian", "nilai"], rng.randrange(0, 5)):
            iku.rows[row] = {
                p: Value(CellRef("IKU", f"{'BCDEFGH'[i]}{k}"), _number(rng), "number")
                for i, p in enumerate(PERIODS)
                if rng.random() < 0.85
            }
        konversi = rng.random() < 0.3
        reported = rng.choice([None, *PERIODS, "Q5"])
        every = consolidated_all(iku, reported)
        for period in CONSOLIDATED:
            assert consolidated_tr(iku, period, reported) == _plain_consolidated_tr(iku, period, reported)
            assert every[period] == consolidated_tr(iku, period, reported)
        one_by_one = {p: score_period(iku, p, P300, konversi, reported) for p in PERIODS}
        assert _score_periods(iku, P300, konversi, reported) == one_by_one
