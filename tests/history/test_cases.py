"""Table-driven KX3xx tests: every case in tests/history/cases.py gives exactly its expected findings."""

from __future__ import annotations

import string

import pytest
from builders import analysed, make_workbook
from golden_codes import golden_codes

from history.cases import CASES, Case
from kinerja_xl import history
from kinerja_xl.messages import CATALOGUE

STANDARD = {"iku", "period", "actual", "expected", "cell", "sheet"}


def submissions(case: Case) -> list[history.Submission]:
    out = []
    for i, sub in enumerate(case.subs):
        wb = make_workbook(sub.ikus, period=sub.period, year=sub.year or 2024, path=f"{sub.name}.xlsx")
        wb.unit, wb.year = sub.unit, sub.year
        out.append(
            history.snapshot(
                wb,
                analysed(wb),
                None,
                path=f"/data/{sub.name}.xlsx",
                mtime_ns=sub.mtime if sub.mtime is not None else i,
                archived=sub.archived,
            )
        )
    return out


def run_case(case: Case) -> list[tuple[str, history.Finding]]:
    """(file stem, finding) of every finding of the case's codes."""
    subs = submissions(case)
    found = history.compare(subs)
    return [(case.subs[i].name, f) for i, fs in found.items() for f in fs if f.code in case.codes]


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_case(case: Case):
    found = run_case(case)
    keys = [(name, str(f.cell) if f.cell else None, f.code) for name, f in found]
    assert sorted(keys, key=str) == sorted(case.expect, key=str)
    by_key = dict(zip([" ".join(map(str, k)) for k in keys], [f for _, f in found], strict=True))
    for key, params in case.params.items():
        f = by_key[key]
        for name, value in params.items():
            assert f.params[name] == value, (key, name)


def test_every_code_fires_and_passes():
    fires = {code for c in CASES for _, _, code in c.expect}
    passes = {code for c in CASES for code in c.codes if code not in {e[2] for e in c.expect}}
    assert fires == set(history.CODES)
    assert passes == set(history.CODES)


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_params_fill_exactly_the_templates():
    every = [f for c in CASES for _, f in run_case(c)]
    assert {f.code for f in every} == set(history.CODES)
    for f in every:
        spec = CATALOGUE[f.code]
        wanted = (_fields(spec.template_id) | _fields(spec.template_en)) - STANDARD
        assert set(f.params) == wanted, (f.code, set(f.params) ^ wanted)
        for lang in ("id", "en"):
            text = f.message(lang)
            assert "{" not in text and "?" not in text and "None" not in text, text


def test_messages_in_both_languages():
    case = next(c for c in CASES if c.id == "kx301-realisasi-q1-revised-in-q3")
    ((_, f),) = run_case(case)
    assert f.message("id") == "Realisasi Q1 berubah dari 95,00 (di q1.xlsx, laporan Q1) menjadi 88,00."
    assert f.message("en") == "Realisasi Q1 changed from 95.00 (in q1.xlsx, report Q1) to 88.00."
    assert f.actual == 88.0 and f.severity.value == "warning"


def test_every_code_is_catalogued_with_docs():
    assert list(history.CODES) == golden_codes("kinerja_xl/history_codes.py")
    for code in history.CODES:
        msg = CATALOGUE[code]
        assert msg.code.startswith("KX3") and msg.doc and "Bad:" in msg.doc and "Good:" in msg.doc


def test_cumulative_names():
    assert history.is_cumulative("Jumlah berkas s.d. Triwulan")
    assert history.is_cumulative("Realisasi PNBP s/d TW")
    assert history.is_cumulative("Nilai KUMULATIF")
    assert not history.is_cumulative("Indeks kepuasan pengguna layanan")
    assert not history.is_cumulative("Persentase dokumen sdm")
