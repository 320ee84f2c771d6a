"""A workbook that holds several units (issue 17 item 6, findings.md "multi-unit workbooks"): a
Kanwil's recap with one sheet per KPKNL, each with its own Tabel 1 and NKO, is checked unit by unit."""

from __future__ import annotations

import json

import openpyxl
import pytest
from typer.testing import CliRunner

from kinerja_xl import api
from kinerja_xl.cli import app
from kinerja_xl.config import Settings
from kinerja_xl.writers.batch import rows
from units.kanwil import NKO_CELL, OFFSET, Grid, kanwil

runner = CliRunner()
SHEETS = ["KPKNL Serang", "KPKNL Tangerang I", "KPKNL Bogor"]
UNITS = ["KPKNL SERANG", "KPKNL TANGERANG I", "KPKNL BOGOR"]
NKO = 114.87  # the sample's NKO: every unit's T and R are the sample's times a factor


def check(path, **settings):
    (fr,) = api.check([path], Settings(annotate=False, **settings)).files
    assert fr.error is None
    return fr


def where(f) -> str:
    return str(f.cell) if f.cell else "-"


def test_a_clean_recap_of_three_units_has_no_finding(tmp_path):
    fr = check(kanwil(tmp_path / "kanwil-banten-2024-q4.xlsx"))
    assert [(f.code, where(f)) for f in fr.findings] == []
    assert [u.workbook.unit for u in fr.units] == UNITS
    assert [round(u.analysis.nko["Y"], 2) for u in fr.units] == [NKO] * 3
    assert [u.analysis.predikat["Y"] for u in fr.units] == ["Istimewa"] * 3
    assert [len(u.workbook.ikus) for u in fr.units] == [19, 19, 19]
    assert [u.workbook.summary.sheet for u in fr.units] == SHEETS


def test_each_unit_is_checked_against_its_own_table_and_nko(tmp_path):
    fr = check(kanwil(tmp_path / "kanwil.xlsx", nko={"KPKNL Tangerang I": 1.20}))
    assert [(f.code, where(f)) for f in fr.findings] == [("KX203", f"KPKNL Tangerang I!{NKO_CELL}")]
    (f,) = fr.findings
    assert (f.actual, round(f.expected, 2)) == (120.0, NKO)
    assert [u.counts["error"] for u in fr.units] == [0, 1, 0]
    assert fr.units[1].findings == [f]


def test_a_block_differing_from_its_own_table_is_found_in_its_unit_only(tmp_path):
    # Bogor's Tabel 1 writes 50% as 1a-CP's Realisasi; its block says 134.35% x 0.5 = 67.18%
    path = kanwil(tmp_path / "kanwil.xlsx")
    wb = openpyxl.load_workbook(path)
    wb["KPKNL Bogor"]["D6"] = 0.5
    wb.save(path)
    fr = check(path)
    codes = {(f.code, where(f)) for f in fr.findings}
    assert ("KX201", "KPKNL Bogor!D6") in codes
    assert {f.cell.sheet for f in fr.findings if f.cell} == {"KPKNL Bogor"}
    assert [u.status for u in fr.units] == ["ok", "ok", "errors"]


def test_json_lists_each_unit_with_its_nko_and_predikat(tmp_path):
    path = kanwil(tmp_path / "kanwil.xlsx", nko={"KPKNL Tangerang I": 1.20})
    res = runner.invoke(app, ["check", str(path), "--no-annotate", "--format", "json", "--lang", "en"])
    assert res.exit_code == 1, res.output
    (doc,) = json.loads(res.stdout)["files"]
    assert doc["unit"] is None and doc["nko"] == {}
    got = [(u["unit"], u["nko"]["Y"], u["predikat"]["Y"], u["nko_written"], u["status"]) for u in doc["units"]]
    assert got == [
        ("KPKNL SERANG", NKO, "Istimewa", NKO, "ok"),
        ("KPKNL TANGERANG I", NKO, "Istimewa", 120.0, "errors"),
        ("KPKNL BOGOR", NKO, "Istimewa", NKO, "ok"),
    ]
    assert [len(u["ikus"]) for u in doc["units"]] == [19, 19, 19]
    assert [f["code"] for f in doc["units"][1]["findings"]] == ["KX203"]
    assert [f["code"] for f in doc["findings"]] == ["KX203"]


def test_single_unit_json_has_no_units_key(tmp_path):
    from history.variants import submission

    path = submission(tmp_path / "serang-2024-q4.xlsx")
    res = runner.invoke(app, ["check", str(path), "--no-annotate", "--format", "json"])
    (doc,) = json.loads(res.stdout)["files"]
    assert "units" not in doc and doc["unit"] == "KPKNL SERANG"


def test_batch_summary_has_a_row_per_unit(tmp_path):
    kanwil(tmp_path / "kanwil-banten-2024-q4.xlsx", nko={"KPKNL Tangerang I": 1.20})
    from history.variants import submission

    submission(tmp_path / "cilegon-2024-q4.xlsx", unit="KPKNL CILEGON")
    run = api.check([tmp_path], Settings(lang="en"))
    header, body = rows(run, "en")
    unit, nko_written, errors = header.index("Unit"), header.index("NKO Y written"), header.index("Error")
    assert [(r[1], r[unit], r[nko_written], r[errors]) for r in body] == [
        ("cilegon-2024-q4.xlsx", "KPKNL CILEGON", pytest.approx(NKO), 0),
        ("kanwil-banten-2024-q4.xlsx", "KPKNL SERANG", pytest.approx(NKO), 0),
        ("kanwil-banten-2024-q4.xlsx", "KPKNL TANGERANG I", pytest.approx(120.0), 1),
        ("kanwil-banten-2024-q4.xlsx", "KPKNL BOGOR", pytest.approx(NKO), 0),
    ]
    assert [r[0] for r in body] == [1, 2, 3, 4]
    assert [Grid(run.batch, "NKO per Periode").cell(r, 3) for r in range(2, 6)] == ["KPKNL CILEGON", *UNITS]
    # the head of office's table: a row per unit too
    assert [Grid(run.batch, "Ringkasan Batch").cell(r, 2) for r in range(2, 6)] == ["KPKNL CILEGON", *UNITS]


def test_units_that_cannot_be_told_apart_are_said_so_once(tmp_path):
    fr = check(kanwil(tmp_path / "rekap-2024-q4.xlsx", named=False))
    assert [f.code for f in fr.findings if f.severity.value != "info"] == ["KX007"]
    (f,) = [f for f in fr.findings if f.code == "KX007"]
    assert f.message("en").startswith("This workbook holds several units (3)")
    assert fr.units == []
    assert not any(f.code.startswith("KX2") and f.code != "KX207" for f in fr.findings)


def test_history_compares_a_unit_with_the_same_unit(tmp_path):
    """Last quarter's recap in the archive; this quarter's Serang revised its Q1 realisasi of 1a-CP."""
    arsip, inbox = tmp_path / "arsip", tmp_path / "masuk"
    kanwil(arsip / "kanwil-2024-q4-lama.xlsx")
    path = kanwil(inbox / "kanwil-2024-q4.xlsx")
    wb = openpyxl.load_workbook(path)
    wb["KPKNL Serang"][f"B{7 + OFFSET}"] = 0.10  # 1a-CP Realisasi Q1, was 11.26%
    wb.save(path)
    import os

    os.utime(arsip / "kanwil-2024-q4-lama.xlsx", ns=(10**18, 10**18))
    os.utime(path, ns=(2 * 10**18, 2 * 10**18))
    fr = check(path, history=arsip)
    history = [(f.code, where(f)) for f in fr.findings if f.code.startswith("KX3")]
    assert history == [("KX301", f"KPKNL Serang!B{7 + OFFSET}")]
    assert [u.compared_with and u.compared_with.endswith("kanwil-2024-q4-lama.xlsx") for u in fr.units] == [True] * 3
    assert [[f.code for f in u.findings if f.code.startswith("KX3")] for u in fr.units] == [["KX301"], [], []]


def test_a_unit_of_a_recap_is_compared_with_that_unit_s_own_file(tmp_path):
    from history.variants import submission

    submission(tmp_path / "arsip" / "serang-2024-q3.xlsx", period="Q3", cells={"IKU!B7": 0.10}, mtime_s=1_000)
    path = kanwil(tmp_path / "masuk" / "kanwil-2024-q4.xlsx")
    fr = check(path, history=tmp_path / "arsip")
    history = [(f.code, where(f)) for f in fr.findings if f.code.startswith("KX3")]
    assert history == [("KX301", f"KPKNL Serang!B{7 + OFFSET}")]  # Serang's unit only; Bogor's data differ
    assert [bool(u.compared_with) for u in fr.units] == [True, False, False]


def test_terminal_shows_each_unit_s_nko(tmp_path):
    path = kanwil(tmp_path / "kanwil.xlsx", nko={"KPKNL Tangerang I": 1.20})
    res = runner.invoke(app, ["check", str(path), "--no-annotate", "--format", "concise", "--lang", "en"])
    lines = [line.split(": ", 1)[1] for line in res.stdout.splitlines() if ": KPKNL" in line and "NKO Y" in line]
    assert lines == [
        "KPKNL SERANG: NKO Y: written 114.87 (Istimewa), recomputed 114.87 (Istimewa)",
        "KPKNL TANGERANG I: NKO Y: written 120.00 (Istimewa), recomputed 114.87 (Istimewa)",
        "KPKNL BOGOR: NKO Y: written 114.87 (Istimewa), recomputed 114.87 (Istimewa)",
    ]


def test_fix_corrects_each_unit_from_its_own_table_and_a_second_fix_changes_nothing(tmp_path):
    path = kanwil(tmp_path / "kanwil.xlsx", nko={"KPKNL Tangerang I": 1.20})
    res = runner.invoke(app, ["fix", str(path), "--lang", "en"])
    assert "1 cells fixed, 0 findings to fix by hand" in res.stdout, res.stdout
    fixed = tmp_path / "kanwil.fixed.xlsx"
    assert Grid(fixed, "KPKNL Tangerang I")[NKO_CELL] == pytest.approx(1.1487, abs=1e-4)
    assert check(fixed).findings == []
    res = runner.invoke(app, ["fix", str(fixed), "--lang", "en", "--diff"])
    assert "0 cells would be fixed, 0 findings to fix by hand" in res.stdout, res.stdout


def test_the_dashboard_shows_each_unit(tmp_path):
    path = kanwil(tmp_path / "kanwil.xlsx", nko={"KPKNL Tangerang I": 1.20})
    (fr,) = api.check([path], Settings(lang="en")).files
    ws = Grid(fr.output, "Summary")  # Ringkasan, named in the run's language
    texts = [v for v in ws.values() if isinstance(v, str)]
    first = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1) == "Units in this workbook")
    table = [[ws.cell(r, c) for c in (1, 5, 6, 7, 8)] for r in range(first + 2, first + 5)]
    assert [[name, written, round(nko, 2), predikat, errors] for name, written, nko, predikat, errors in table] == [
        ["KPKNL SERANG", pytest.approx(NKO), NKO, "Istimewa", 0],
        ["KPKNL TANGERANG I", pytest.approx(120.0), NKO, "Istimewa", 1],
        ["KPKNL BOGOR", pytest.approx(NKO), NKO, "Istimewa", 0],
    ]
    sections = [v for v in texts if v.startswith("Unit ") and " of 3: " in v]
    assert sections == [f"Unit {n} of 3: {u}" for n, u in enumerate(UNITS, 1)]
    # each section has its own IKU matrix: 19 rows per unit, 1a-CP three times
    assert sum(1 for v in texts if v == "1a-CP") == 3


def test_the_mail_draft_gives_each_unit_s_nko(tmp_path):
    import email
    from email import policy

    path = kanwil(tmp_path / "kanwil.xlsx", nko={"KPKNL Tangerang I": 1.20})
    res = runner.invoke(app, ["mail", str(path), "--outbox", str(tmp_path / "kirim"), "--lang", "en"])
    assert res.exit_code in (0, 1), res.output
    (draft,) = (tmp_path / "kirim").glob("*.eml")
    body = email.message_from_bytes(draft.read_bytes(), policy=policy.default).get_body(("plain",)).get_content()
    assert "  - KPKNL SERANG, year (Y): 114.87 (predikat Istimewa); written 114.87\r\n" in body
    assert "  - KPKNL TANGERANG I, year (Y): 114.87 (predikat Istimewa); written 120.00\r\n" in body
    assert "  - KPKNL BOGOR, year (Y): 114.87 (predikat Istimewa); written 114.87\r\n" in body


def test_with_jobs_the_batch_names_each_finding_s_unit(tmp_path):
    from history.variants import submission

    from kinerja_xl.writers.batch import finding_rows

    kanwil(tmp_path / "kanwil-2024-q4.xlsx", nko={"KPKNL Tangerang I": 1.20})
    submission(tmp_path / "serang-2024-q3.xlsx", period="Q3", mtime_s=1_000)
    run = api.check([tmp_path], Settings(lang="en", jobs=2))
    _, body = finding_rows(run, "en")
    assert [(row[2], row[3], row[6]) for _, row in body if row[6] == "KX203"] == [
        ("KPKNL TANGERANG I", f"KPKNL Tangerang I!{NKO_CELL}", "KX203")
    ]
    header, rows_ = rows(run, "en")
    assert {r[header.index("Output file")] for r in rows_ if r[1] == "kanwil-2024-q4.xlsx"} == {
        str(tmp_path / "kanwil-2024-q4.checked.xlsx")
    }
