"""Every finding code is declared once, where it is reported; the catalogue is a view of those declarations."""

from __future__ import annotations

import subprocess
import sys
import types

import pytest
from golden_codes import golden_codes

from kinerja_xl import history, rules
from kinerja_xl.messages import BY_SYMBOL, CATALOGUE, Message, catalogue, lookup
from kinerja_xl.rules import consistency
from kinerja_xl.severity import Severity


def test_a_rule_carries_the_entries_of_the_codes_it_emits():
    by_func = {func.__name__: codes for codes, func in rules.registered()}
    assert by_func["check_nilai"] == ("KX102", "KX103", "KX104")
    assert consistency.KX121 is CATALOGUE["KX121"] is BY_SYMBOL["realisasi-without-target"]
    assert lookup("kx121") is lookup("realisasi-without-target") is consistency.KX121
    assert [m.code for m in rules.MESSAGES] == golden_codes("kinerja_xl/rules/")


def test_every_source_declares_its_own_codes():
    where = {m.code: source for source, m in catalogue.declared()}
    assert [c for c, s in where.items() if s == "kinerja_xl.reader.codes"] == golden_codes("kinerja_xl/reader/")
    assert [c for c, s in where.items() if s == "kinerja_xl.writers.codes"] == golden_codes("kinerja_xl/writers/")
    assert list(history.CODES) == golden_codes("kinerja_xl/history_codes.py")
    assert [c for c, s in where.items() if s == "kinerja_xl.history_codes"] == list(history.CODES)


def test_message_fields_are_keywords():
    with pytest.raises(TypeError):
        Message("KX999", "x", Severity.INFO, "a", "b", "c", "d", "e")


def test_a_code_or_symbol_declared_twice_is_an_error(monkeypatch):
    twice = types.ModuleType("twice_codes")
    again = dict(vars(CATALOGUE["KX101"]))
    twice.MESSAGES = (Message(**{**again, "symbol": "capaian-mismatch-again"}),)
    monkeypatch.setitem(sys.modules, "twice_codes", twice)
    monkeypatch.setattr(catalogue, "SOURCES", (*catalogue.SOURCES, "twice_codes"))
    with pytest.raises(ValueError, match="finding code KX101 is declared twice"):
        len(catalogue._View("code"))
    twice.MESSAGES = (Message(**{**again, "code": "KX999"}),)
    with pytest.raises(ValueError, match="finding symbol capaian-mismatch is declared twice"):
        len(catalogue._View("symbol"))


def test_importing_the_catalogue_imports_no_layer_above_it():
    above = ("kinerja_xl.reader", "kinerja_xl.rules", "kinerja_xl.writers", "kinerja_xl.history", "kinerja_xl.api")
    code = (
        "import sys, kinerja_xl.messages as m\n"
        f"def above(): return sorted(n for n in sys.modules if n.startswith({above!r}))\n"
        "print(above()); m.CATALOGUE['KX101']; print(above())"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.splitlines()
    assert out[0] == "[]"
    assert "'kinerja_xl.history_codes'" in out[1] and "'kinerja_xl.rules.values'" in out[1]  # loaded on first use
