"""Table-driven rule tests: every case in tests/rules/cases/ gives exactly its expected findings."""

from __future__ import annotations

import string

import pytest
from builders import analysed, make_workbook

from kinerja_xl import rules
from kinerja_xl.config import Settings
from kinerja_xl.messages import CATALOGUE
from rules.cases import ANY, Case, all_cases

CASES = all_cases()
STANDARD = {"iku", "period", "actual", "expected", "cell", "sheet"}


def run_case(case: Case) -> list:
    """Findings of a case's workbook, restricted to the codes it checks."""
    wb = make_workbook(case.ikus, case.summary, period=case.period)
    findings = rules.run(wb, analysed(wb), Settings(tolerance=case.tolerance))
    return [f for f in findings if f.code in case.codes]


def where(f) -> str | None:
    return str(f.cell) if f.cell else None


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_case(case: Case):
    found = run_case(case)
    assert sorted((where(f), f.code) for f in found) == sorted((c, code) for c, code, _ in case.expect)
    by_key = {(where(f), f.code): f for f in found}
    for cell, code, expected in case.expect:
        f = by_key[(cell, code)]
        if expected is ANY:
            continue
        if expected is None:
            assert f.expected is None
        else:
            assert f.expected == pytest.approx(expected, abs=0.005), (cell, code)
    for key, params in case.params.items():
        cell, code = key.split(" ")
        f = by_key[(cell, code)]
        for name, value in params.items():
            if isinstance(value, float):
                assert f.params[name] == pytest.approx(value, abs=0.005), name
            else:
                assert f.params[name] == value, name


def _fields(template: str) -> set[str]:
    return {name.split("[")[0].split(".")[0] for _, name, _, _ in string.Formatter().parse(template) if name}


@pytest.fixture(scope="module")
def every_finding() -> list:
    return [f for case in CASES for f in run_case(case)]


def test_params_fill_exactly_the_templates(every_finding):
    """Each finding fills every template field of both languages and passes no unused parameter."""
    assert every_finding
    for f in every_finding:
        spec = CATALOGUE[f.code]
        wanted = (_fields(spec.template_id) | _fields(spec.template_en)) - STANDARD
        assert set(f.params) == wanted, (f.code, set(f.params) ^ wanted)
        for lang in ("id", "en"):
            text = f.message(lang)
            assert "{" not in text and "?" not in text, text


def test_messages_read_in_both_languages():
    case = next(c for c in CASES if c.id == "kx102-serang-2a")
    (f,) = [f for f in run_case(case) if f.code == "KX102"]
    assert f.message("id") == "Nilai Q1 tertulis 68,80 tetapi seharusnya 66,80 (sama dengan capaian 66,80)."
    assert f.message("en") == "Nilai Q1 reads 68.80 but should be 66.80 (equal to capaian 66.80)."
    case = next(c for c in CASES if c.id == "kx021-serang-7a")
    (f,) = [f for f in run_case(case) if f.code == "KX021"]
    assert f.message("en") == (
        "Pol/KP says Max/TLK, but the reported capaian follow the Min formula "
        "((2 - R/T) x 100) in 7 of 7 periods. Fix the label or the numbers; "
        "until then the IKU is scored by its label (Max/TLK)."
    )
