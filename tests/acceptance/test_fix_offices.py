"""Acceptance: `fix` and `fix` again on workbooks built as offices build them (acceptance/offices.py),
read as a user reads them: the CLI's words, the saved copy's cells, a re-check, a second fix."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest
from openpyxl.utils.cell import column_index_from_string, coordinate_from_string
from typer.testing import CliRunner

from acceptance.offices import nko, single_unit, standard_ikus
from kinerja_xl.cli import app

runner = CliRunner()


def check_json(path: Path) -> dict:
    res = runner.invoke(app, ["check", str(path), "--no-annotate", "--format", "json", "--lang", "en"])
    assert res.exit_code in (0, 1), res.output
    (doc,) = json.loads(res.stdout)["files"]
    return doc


def fix(path: Path, out: Path | None = None) -> tuple[Path, str]:
    args = ["fix", str(path), "--lang", "en"] + (["--out", str(out)] if out else [])
    res = runner.invoke(app, args)
    assert res.exit_code in (0, 1), res.output
    folder = out or path.parent
    return folder / (path.stem + ".fixed.xlsx"), res.output


def cell_of(path: Path, sheet: str, coord: str = "", *, code: str = "", col: str = "") -> tuple:
    """(value, number format) of one cell of a written copy, read without loading the whole workbook
    (read-only): ``coord``, or column ``col`` of the first row whose first cell is ``code``."""
    want = 0
    if coord:
        col, want = coordinate_from_string(coord)
    wb = openpyxl.load_workbook(path, read_only=True)
    try:
        for r, row in enumerate(wb[sheet].iter_rows(min_row=1, min_col=1), start=1):
            if r == want or (code and row[0].value == code):
                c = row[column_index_from_string(col) - 1]
                return c.value, c.number_format
        raise AssertionError(f"{coord or (code, col)} not in {sheet}")
    finally:
        wb.close()


def findings(doc: dict) -> list[tuple[str, str]]:
    return [(f["code"], f["cell"]) for f in doc["findings"] if f["code"] != "KX207"]


@pytest.mark.parametrize(
    "code, col, text, points",
    [
        ("Nilai Kinerja Organisasi (NKO)", "E", "105,25%", round(nko(standard_ikus()), 2)),
        ("4a-N", "D", "84,00%", 84.0),  # a Realisasi of a row of fractions, typed as text
        ("1b-CP", "E", "103,67%", 103.67),  # an IKU Nilai
    ],
)
@pytest.mark.parametrize("cell_format", ["0.00%", "General"])
def test_text_in_the_summary_table_is_fixed_in_its_columns_scale(tmp_path, code, col, text, points, cell_format):
    path, _ = single_unit(tmp_path / "kpknl-purwakarta-2024-q4.xlsx", standard_ikus())
    wb = openpyxl.load_workbook(path)
    ws = wb["Tabel 1"]
    row = next(r[0].row for r in ws.iter_rows() if r[0].value == code)
    ws[f"{col}{row}"] = text
    ws[f"{col}{row}"].number_format = cell_format
    wb.save(path)
    assert findings(check_json(path)) == [("KX011", f"{col}{row}")]
    fixed, said = fix(path)
    assert "1 cells fixed, 0 findings to fix by hand" in said
    value, number_format = cell_of(fixed, "Tabel 1", code=code, col=col)
    assert value == pytest.approx(points / 100) and "%" in number_format  # shows 105,25% as its column
    assert findings(check_json(fixed)) == []
    _, said = fix(fixed, tmp_path / "again")
    assert "0 cells fixed, 0 findings to fix by hand" in said


def _with(code: str, **changes):
    ikus = standard_ikus()
    for ik in ikus:
        if ik.code == code:
            for k, v in changes.items():
                setattr(ik, k, v)
    return ikus


@pytest.mark.parametrize("style", ["plain", "tw", "triwulan"])
@pytest.mark.parametrize("unit_in_blocks", [True, False])
@pytest.mark.parametrize(
    "ikus",
    [
        standard_ikus(),
        _with("1b-CP", t=(-10, -10, -10, -10), r=(-9, -8, -9, -9.5)),  # Max, T < 0
        _with("3a-CP", kp="TLK", t=(-10, -10, -10, -10), r=(-9, -11, -9, -12)),  # Min, T < 0
        _with("3b-N", pct=False, t=(-10, -10, -10, -10), r=(-9, -11, -9, -10.5)),  # Stab, T < 0
        _with("3a-CP", kp="TLK", t=(0, 0, 0, 0), r=(3, 2, 4, 1), worst=10),  # Min, T = 0 with W
        _with("2a-CP", t=(12, 10, 10, 8), r=(12, 10, 10, 8)),  # Sum: falling quarterly targets are flows
    ],
    ids=["standard", "max-tneg", "min-tneg", "stab-tneg", "min-t0-w", "sum-falling"],
)
def test_a_clean_report_has_no_finding_the_nko_of_rules_md_and_nothing_to_fix(tmp_path, style, unit_in_blocks, ikus):
    path, _ = single_unit(tmp_path / "kpknl-purwakarta-2024-q4.xlsx", ikus, style=style, unit_in_blocks=unit_in_blocks)
    doc = check_json(path)
    assert findings(doc) == []
    assert doc["unit"] == "KPKNL PURWAKARTA"
    assert doc["nko"]["Y"] == round(nko(ikus), 2)
    _, said = fix(path)
    assert "0 cells fixed, 0 findings to fix by hand" in said


@pytest.mark.parametrize(
    "code, row, period, value, number_format, finding, stored, percent",
    [
        ("1a-CP", "capaian", "Q3", 1.2, None, "KX101", 68.46 / 51, True),  # a wrong capaian in a row of fractions
        ("1a-CP", "capaian", "Q3", 134.24, "0.00", "KX012", 68.46 / 51, True),  # points in a row of fractions
        ("1b-CP", "realisasi", "Q4", "92,44", None, "KX011", 92.44, False),  # comma decimal typed as text
        ("4a-N", "realisasi", "Q4", "84,00%", None, "KX011", 0.84, True),  # '84,00%' typed in a row of fractions
        ("2a-CP", "nilai", "Y", 120, None, "KX104", 41.28 / 40 * 100, False),  # Sum: Nilai 120 by no rule
    ],
)
def test_one_fault_is_fixed_in_the_rows_scale_and_a_second_fix_changes_nothing(
    tmp_path, code, row, period, value, number_format, finding, stored, percent
):
    ikus = standard_ikus()
    ik = next(i for i in ikus if i.code == code)
    ik.cells[(row, period)] = value  # typed into the cell formatted for its row, or as number_format
    if number_format:
        ik.formats[(row, period)] = number_format
    path, where = single_unit(tmp_path / "kpknl-purwakarta-2024-q4.xlsx", ikus)
    coord = where[code][(row, period)]
    assert findings(check_json(path)) == [(finding, coord)]
    fixed, said = fix(path)
    assert "1 cells fixed, 0 findings to fix by hand" in said
    value, number_format = cell_of(fixed, "IKU", coord)
    assert value == pytest.approx(stored, abs=1e-4) and ("%" in number_format) == percent
    doc = check_json(fixed)
    assert findings(doc) == [] and doc["nko"]["Y"] == round(nko(standard_ikus()), 2)
    _, said = fix(fixed, tmp_path / "again")
    assert "0 cells fixed, 0 findings to fix by hand" in said


@pytest.mark.parametrize(
    "code, kp, gap, gap_col",
    [("2a-CP", "Sum", 1, "C"), ("2a-CP", "Sum", 3, "G"), ("3a-CP", "Avg", 2, "E"), ("1b-CP", "TLK", 1, "C")],
)
def test_a_gap_is_kx120_at_the_blank_and_nothing_of_its_range_is_scored_or_fixed(tmp_path, code, kp, gap, gap_col):
    ik = next(i for i in standard_ikus() if i.code == code)
    r = list(ik.r)
    r[gap] = None
    ikus = _with(code, r=tuple(r))
    path, where = single_unit(tmp_path / "kpknl-purwakarta-2024-q4.xlsx", ikus)
    doc = check_json(path)
    (row,) = {int(where[code][("realisasi", "Q1")][1:])}
    assert findings(doc) == [("KX120", f"{gap_col}{row}")]
    assert doc["nko"]["Y"] == round(nko(ikus), 2)  # the rules.md NKO: a Sum/Avg IKU with a gap is N/A
    periods = next(i for i in doc["ikus"] if i["code"] == code)["periods"]
    if kp == "TLK":  # the last quarter with a realisasi
        assert periods["Y"]["realisasi"] == ik.r[3] and periods["Sm.I"]["realisasi"] == ik.r[0]
    else:
        assert periods["Y"]["nilai"] is None and periods["Y"]["status"] == "abu-abu"
    fixed, said = fix(path)
    assert "0 cells fixed, 1 findings to fix by hand" in said
    _, said = fix(fixed, tmp_path / "again")
    assert "0 cells fixed, 1 findings to fix by hand" in said


def test_min_with_target_0_and_realisasi_terburuk_on_the_wrong_side_is_kx022_and_na(tmp_path):
    ikus = _with("3a-CP", kp="TLK", t=(0, 0, 0, 0), r=(98, 98, 98, 98), worst=-10)
    path, where = single_unit(tmp_path / "kpknl-purwakarta-2024-q4.xlsx", ikus)
    doc = check_json(path)
    assert {c for c, _ in findings(doc)} == {"KX022"}
    assert where["3a-CP"][("capaian", "Y")] in {cell for _, cell in findings(doc)}
    periods = next(i for i in doc["ikus"] if i["code"] == "3a-CP")["periods"]
    assert periods["Y"]["nilai"] is None
    assert doc["nko"]["Y"] == round(nko(ikus), 2)


def test_konversi_on_a_stab_iku_is_a_finding_and_the_scale_decides(tmp_path):
    ikus = _with("3b-N", konversi=True)
    path, _ = single_unit(tmp_path / "kpknl-purwakarta-2024-q4.xlsx", ikus)
    doc = check_json(path)
    assert [c for c, _ in findings(doc)] == ["KX106"]
    assert doc["nko"]["Y"] == round(nko(ikus), 2)  # offices.nilai applies no konversi to Stab


def test_a_falling_cumulative_target_is_kx111_but_not_under_sum(tmp_path):
    path, where = single_unit(tmp_path / "a-2024-q4.xlsx", _with("1b-CP", t=(85, 80, 80, 80)))
    assert findings(check_json(path)) == [("KX111", where["1b-CP"][("target", "Q2")])]
