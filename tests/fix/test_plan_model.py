"""The plan's model: the input model is never changed (copy-on-write of the IKU a fix touches), and the
findings left after the rounds (re-checked on the touched IKU only) are those a full check finds."""

from __future__ import annotations

from builders import PROFILE, make_summary, make_workbook

from kinerja_xl import fixes, rules
from kinerja_xl.analysis import analyse
from kinerja_xl.config import Settings


def _workbook():
    ikus = [
        dict(code="1a-CP", capaian={"Q1": 150.0}, nilai={"Q2": 50.0}),
        dict(code="1b-CP", target=[100, 100, 100, 100], realisasi=[90, 95, 97, 99]),
        dict(code="2a-CP", pol="Min/TLK", target=[50] * 4, realisasi=[40] * 4, capaian={"Y": 80.0}),
        dict(code="2b-CP", target=[10, 20, 30, 40], realisasi=[10, 20, 30, 40]),
    ]
    summary = make_summary(
        [
            ("Stakeholder", 50, [("1", "SS satu", [("1a-CP", 100, 100, 100), ("1b-CP", 100, 99, 99)])]),
            ("Customer", 50, [("2", "SS dua", [("2a-CP", 50, 40, 120), ("2b-CP", 40, 40, 100)])]),
        ],
        nko=123.0,
    )
    return make_workbook(ikus, summary)


def _snapshot(wb) -> list:
    block = [(v.cell, v.number, v.raw) for iku in wb.ikus for vs in iku.rows.values() for v in vs.values()]
    s = wb.summary
    table = [(x.cell, x.number) for r in s.ikus for x in (r.target, r.realisasi, r.nilai)]
    return [*block, *table, (s.nko.cell, s.nko.number), [iku.polarisasi for iku in wb.ikus]]


def test_a_plan_never_changes_its_input_model_and_leaves_what_a_full_check_finds():
    wb = _workbook()
    before = _snapshot(wb)
    ikus_before = list(wb.ikus)
    settings = Settings(annotate=False)
    plan = fixes.plan(wb, PROFILE, settings, unsafe=True)
    assert plan.fixes, "the workbook has wrong numbers to fix"
    assert _snapshot(wb) == before
    assert all(a is b for a, b in zip(wb.ikus, ikus_before, strict=True))
    # untouched IKU are shared with the input, touched ones are the plan's own copies
    touched = {fx.iku for fx in plan.fixes if fx.cell.sheet == "IKU"}
    for mine, theirs in zip(plan.workbook.ikus, wb.ikus, strict=True):
        assert (mine is theirs) == (mine.code not in touched), mine.code
    # a full check of the fixed model finds exactly what the plan left
    full = rules.run(plan.workbook, analyse(plan.workbook, PROFILE), settings)
    key = sorted((str(f.cell), f.code, f.period) for f in full)
    assert key == sorted((str(f.cell), f.code, f.period) for f in plan.remaining if not f.code.startswith("KX0"))
    assert analyse(plan.workbook, PROFILE).nko == plan.analysis.nko
