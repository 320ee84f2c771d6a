"""One language (issue 19): the help, explain, rules and the command line's errors speak
Indonesian by default and English with --lang en."""

from __future__ import annotations

import re

from typer.testing import CliRunner

from kinerja_xl.cli import app

runner = CliRunner()


def _out(*args: str) -> str:
    return re.sub(r"\s+", " ", runner.invoke(app, list(args), env={"COLUMNS": "100"}).output)


def test_help_is_indonesian_by_default():
    out = _out("--help")
    assert "Memeriksa workbook monitoring IKU triwulanan Kemenkeu." in out
    assert "Perintah" in out and "Opsi" in out and "Tampilkan bantuan ini lalu keluar." in out
    assert "Checks Kemenkeu" not in out
    out = _out("check", "--help")
    assert "Memeriksa workbook: hitung ulang setiap skor" in out and "Kode keluar:" in out
    assert "Folder untuk salinan beranotasi" in out and "Bahasa pesan" in out


def test_help_in_english_with_lang_en():
    out = _out("check", "--help", "--lang", "en")
    assert "Check workbooks: recompute every score" in out and "Exit code:" in out
    assert "Options" in out and "Show this message and exit." in out
    assert "Memeriksa" not in out
    assert "Perintah" in _out("--help")  # and back to Indonesian in the next run


def test_explain_and_rules_speak_the_language():
    assert _out("explain", "KX101").startswith("KX101 capaian-mismatch (kesalahan) capaian berbeda")
    assert _out("explain", "KX101", "--lang", "en").startswith("KX101 capaian-mismatch (error) reported Capaian")
    assert " kesalahan " in _out("rules") and " error " in _out("rules", "--lang", "en")
    assert "Contoh salah:" in _out("explain", "KX101") and "Bad:" in _out("explain", "KX101", "--lang", "en")


def test_errors_are_indonesian():
    res = runner.invoke(app, ["explain", "KX999"])
    assert (
        res.exit_code == 2 and res.stderr.strip() == "kinerja-xl: kode 'KX999' tidak dikenal (lihat 'kinerja-xl rules')"
    )
