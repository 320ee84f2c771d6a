"""docs/findings.md, the finding contract, is generated from the code declarations and committed up to date."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from golden_codes import DOC, golden_codes

from kinerja_xl.messages import CATALOGUE

TOOL = Path(__file__).resolve().parents[2] / "tools" / "findings_doc.py"


def _tool():
    spec = importlib.util.spec_from_file_location("findings_doc", TOOL)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_committed_contract_is_up_to_date():
    assert DOC.read_text(encoding="utf-8") == _tool().render(), "run: python tools/findings_doc.py"


def test_contract_shows_every_code_with_both_languages_and_where_it_is_declared():
    text = DOC.read_text(encoding="utf-8")
    assert golden_codes() == list(CATALOGUE)
    assert "| [KX121](#kx121) | warning | `realisasi-without-target` | Realisasi without a Target | " in text
    assert "`kinerja_xl/rules/consistency.py` |" in text
    section = text.split("### KX101\n")[1].split("\n### ")[0]
    assert "declared in `kinerja_xl/rules/values.py`, rule `check_capaian`" in section
    assert "| message | `Capaian {period} tertulis {actual} tetapi {formula} = {expected} ({pol}).` |" in section
    assert "Its own parameters: `formula`, `pol`." in section
    assert "Bad: T 100%, R 97,80%, Capaian 132,63% (Max)." in section
    assert "Good: `86% \\| 86% \\| 90%`" not in text  # a pipe is escaped only inside table cells
    assert "Good: `86% | 86% | 90%` (numbers with a % format)" in text


def test_check_fails_on_a_stale_page(tmp_path, monkeypatch, capsys):
    tool = _tool()
    stale = tmp_path / "findings.md"
    stale.write_text(tool.render().replace("KX121", "KX12I"), encoding="utf-8")
    monkeypatch.setattr(tool, "DOC", stale)
    assert tool.main(["--check"]) == 1
    assert "docs/findings.md is not up to date: run python tools/findings_doc.py" in capsys.readouterr().err
    stale.write_text(tool.render(), encoding="utf-8")
    assert tool.main(["--check"]) == 0


def test_contract_shows_each_code_s_fix_and_where_it_is_declared():
    text = DOC.read_text(encoding="utf-8")
    assert "| reported Capaian differs from recomputed | safe | `kinerja_xl/rules/values.py` |" in text
    assert "| Y-NN year label differs from the workbook's year | unsafe | `kinerja_xl/reader/codes.py` |" in text
    assert "| konversi 120 over quota | none | `kinerja_xl/rules/values.py` |" in text
    section = text.split("### KX021\n")[1].split("\n### ")[0]
    assert "Fix: unsafe, applied by `kinerja-xl fix --unsafe-fixes` only; `fix_polkp_label` in " in section
    assert "Fix: none; left for a person." in text.split("### KX202\n")[1].split("\n### ")[0]
