"""The registry: unique codes with docstrings from the catalogue, each with a firing and a passing case."""

from __future__ import annotations

from builders import analysed, make_iku, make_workbook
from golden_codes import golden_codes

from kinerja_xl import rules
from kinerja_xl.config import Settings
from kinerja_xl.messages import CATALOGUE
from rules.cases import all_cases

RULE_CODES = set(golden_codes("kinerja_xl/rules/"))  # the codes the rule families declare


def test_every_rule_has_unique_catalogued_codes_and_a_docstring():
    seen: list[str] = []
    for codes, func in rules.registered():
        assert func.__doc__ and "\n" not in func.__doc__.strip(), func.__name__
        seen.extend(codes)
    assert len(seen) == len(set(seen))
    assert set(seen) <= set(CATALOGUE)
    assert set(seen) == RULE_CODES


def test_every_code_has_a_firing_and_a_passing_case():
    fires = {code for c in all_cases() for _, code, _ in c.expect}
    passes = {code for c in all_cases() for code in c.codes if code not in {e[1] for e in c.expect}}
    assert fires >= RULE_CODES, RULE_CODES - fires
    assert passes >= RULE_CODES, RULE_CODES - passes


def test_settings_tolerance_overrides_profile():
    # Capaian printed 102,50 for (2 - 93/95) x 100 = 102,11 on a Min IKU: wrong at 0.01, fine at 0.5.
    wb = make_workbook([make_iku("6a-CP", "Min/TLK", [95] * 4, [93] * 4, capaian={"Q1": 102.5})])
    an = analysed(wb)

    def kx101(settings):
        return [(str(f.cell), f.code, round(f.expected, 2)) for f in rules.run(wb, an, settings) if f.code == "KX101"]

    assert kx101(Settings()) == [("IKU!B6", "KX101", 102.11)]
    assert kx101(Settings(tolerance=0.5)) == []


def test_clean_workbook_has_no_findings_but_equal_weights():
    wb = make_workbook(
        [
            dict(code="1a-CP", target=[20, 40, 60, 100], realisasi=[25, 40, 55, 120]),
            dict(code="1b-CP", pol="Min/Avg", target=[10, 10, 8, 8], realisasi=[9, 12, 8, 7]),
        ]
    )
    assert [f.code for f in rules.run(wb, analysed(wb), Settings())] == ["KX207"]
