"""Acceptance: a Kanwil's recap of 2-5 units, one sheet per unit or all stacked on one sheet, the
unit named left of its blocks or only in its Tabel 1 title. Each unit's NKO is recomputed here from
rules.md (offices.nko), not by the product."""

from __future__ import annotations

import json

import pytest
from openpyxl.utils.cell import column_index_from_string, coordinate_from_string
from typer.testing import CliRunner

from acceptance.offices import kanwil, nko, standard_ikus
from kinerja_xl.cli import app

runner = CliRunner()
NAMES = ["KPKNL SERANG", "KPKNL BOGOR", "KPKNL TANGERANG II", "KPKNL TANGERANG I", "KPKNL CILEGON"]


def check_json(path) -> dict:
    res = runner.invoke(app, ["check", str(path), "--no-annotate", "--format", "json", "--lang", "en"])
    assert res.exit_code in (0, 1), res.output
    (doc,) = json.loads(res.stdout)["files"]
    return doc


def values_at(path, refs: list[list[str]]) -> list:
    """The values of [sheet, coordinate] cells of a written copy, read-only (no full load)."""
    import openpyxl

    wb = openpyxl.load_workbook(path, read_only=True)
    try:
        got = []
        for sheet, coord in refs:
            col, row = coordinate_from_string(coord)
            (cells,) = wb[sheet].iter_rows(min_row=row, max_row=row, min_col=1)
            got.append(cells[column_index_from_string(col) - 1].value)
        return got
    finally:
        wb.close()


@pytest.mark.parametrize("count", [2, 3, 5])
@pytest.mark.parametrize("layout", ["sheets", "stacked", "tables"])
@pytest.mark.parametrize("unit_in_blocks", [True, False])
def test_each_unit_of_a_clean_recap_has_its_own_nko_and_no_finding(tmp_path, count, layout, unit_in_blocks):
    units = [(NAMES[i], standard_ikus(i)) for i in range(count)]
    path, _ = kanwil(tmp_path / "kanwil-banten-2024-q4.xlsx", units, layout=layout, unit_in_blocks=unit_in_blocks)
    doc = check_json(path)
    assert [(f["code"], f["cell"]) for f in doc["findings"] if f["code"] != "KX207"] == []
    got = [(u["unit"], u["nko"]["Y"], u["nko_written"]) for u in doc["units"]]
    want = [(name, round(nko(ikus), 2), round(nko(ikus), 2)) for name, ikus in units]
    assert got == want


@pytest.mark.parametrize("layout", ["sheets", "stacked", "tables"])
@pytest.mark.parametrize("unit_in_blocks", [True, False])
def test_a_wrong_nko_of_the_last_unit_is_found_at_its_own_table(tmp_path, layout, unit_in_blocks):
    units = [(NAMES[i], standard_ikus(i)) for i in range(3)]
    path, _ = kanwil(
        tmp_path / "kanwil-2024-q4.xlsx",
        units,
        layout=layout,
        unit_in_blocks=unit_in_blocks,
        nko_written={NAMES[2]: 99.0},
    )
    doc = check_json(path)
    found = [(f["code"], f["actual"], round(f["expected"], 2)) for f in doc["findings"] if f["code"] != "KX207"]
    assert found == [("KX203", 99.0, round(nko(units[2][1]), 2))]
    assert [u["status"] for u in doc["units"]] == ["ok", "ok", "errors"]


@pytest.mark.parametrize("layout", ["sheets", "stacked", "tables"])
@pytest.mark.parametrize("unit_in_blocks", [True, False])
def test_faults_in_three_units_are_fixed_each_in_its_unit_and_a_second_fix_changes_nothing(
    tmp_path, layout, unit_in_blocks
):
    units = [(NAMES[i], standard_ikus(i)) for i in range(3)]
    # typed by the offices (offices.nko reads T and R, never these cells): a wrong capaian in
    # Tangerang II's row of fractions (0.00%), comma-decimal text in Serang's cell formatted 0.00
    units[2][1][0].cells[("capaian", "Q3")] = 1.2
    units[0][1][1].cells[("realisasi", "Q4")] = "92,44"
    path, where = kanwil(
        tmp_path / "kanwil-2024-q4.xlsx",
        units,
        layout=layout,
        unit_in_blocks=unit_in_blocks,
        nko_written={NAMES[1]: 99.0},
    )
    capaian = where[NAMES[2]]["1a-CP"][("capaian", "Q3")].split("!")
    text = where[NAMES[0]]["1b-CP"][("realisasi", "Q4")].split("!")
    doc = check_json(path)
    by_unit = [sorted(f["code"] for f in u["findings"] if f["code"] != "KX207") for u in doc["units"]]
    assert by_unit == [["KX011"], ["KX203"], ["KX101"]]
    res = runner.invoke(app, ["fix", str(path), "--lang", "en"])
    assert "3 cells fixed, 0 findings to fix by hand" in res.output
    fixed = tmp_path / "kanwil-2024-q4.fixed.xlsx"
    got = values_at(fixed, [capaian, text])
    assert got[0] == pytest.approx(round(68.46 * 1.06, 2) / 51, abs=1e-6)
    assert got[1] == pytest.approx(92.44)
    doc = check_json(fixed)
    assert [f["code"] for f in doc["findings"] if f["code"] != "KX207"] == []
    assert [(u["nko"]["Y"], u["nko_written"]) for u in doc["units"]] == [(round(nko(i), 2),) * 2 for _, i in units]
    res = runner.invoke(app, ["fix", str(fixed), "--out", str(tmp_path / "again"), "--lang", "en"])
    assert "0 cells fixed, 0 findings to fix by hand" in res.output


@pytest.mark.parametrize("layout", ["sheets", "stacked", "tables"])
@pytest.mark.parametrize("unit_in_blocks", [True, False])
def test_history_compares_each_unit_of_a_recap_with_the_same_unit(tmp_path, layout, unit_in_blocks):
    import os

    from kinerja_xl import api
    from kinerja_xl.config import Settings

    q3 = [(name, standard_ikus(i)) for i, name in enumerate(NAMES[:3])]
    for _, ikus in q3:
        for ik in ikus:
            ik.r = (*ik.r[:3], None)
    old, _ = kanwil(tmp_path / "arsip" / "kanwil-banten-2024-q3.xlsx", q3, layout=layout, unit_in_blocks=unit_in_blocks)
    os.utime(old, (1_000, 1_000))
    q4 = [(name, standard_ikus(i)) for i, name in enumerate(NAMES[:3])]
    q4[1][1][0].r = (5.0, *q4[1][1][0].r[1:])  # Bogor's Q1 Realisasi of 1a-CP changed since Q3
    kanwil(tmp_path / "masuk" / "kanwil-banten-2024-q4.xlsx", q4, layout=layout, unit_in_blocks=unit_in_blocks)
    run = api.check([tmp_path / "masuk"], Settings(history=tmp_path / "arsip", annotate=False, lang="en"))
    (fr,) = run.files
    got = [(u.unit, sorted(f.code for f in u.findings if f.code.startswith("KX3"))) for u in fr.units]
    assert got == [(NAMES[0], []), (NAMES[1], ["KX301"]), (NAMES[2], [])]
    assert all(u.compared_with and u.compared_with.endswith("kanwil-banten-2024-q3.xlsx") for u in fr.units)


@pytest.mark.parametrize("layout", ["sheets", "stacked", "tables"])
def test_a_units_sheet_copied_with_the_other_units_name_in_its_blocks_is_told_by_its_title(tmp_path, layout):
    """Bogor's blocks were copied from Serang's sheet and still say KPKNL SERANG left of each block;
    its Tabel 1 title says KPKNL BOGOR. Never one unit of twelve blocks with one NKO of both."""
    import openpyxl

    units = [(NAMES[i], standard_ikus(i)) for i in range(2)]
    path, _ = kanwil(tmp_path / "kanwil-2024-q4.xlsx", units, layout=layout)
    wb = openpyxl.load_workbook(path)
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for c in row:
                if c.value == NAMES[1]:
                    c.value = NAMES[0]
    wb.save(path)
    doc = check_json(path)
    assert [(f["code"], f["cell"]) for f in doc["findings"] if f["code"] not in ("KX207",)] == []
    assert [(u["unit"], u["nko"]["Y"]) for u in doc["units"]] == [(n, round(nko(i), 2)) for n, i in units]


@pytest.mark.parametrize("layout", ["sheets", "stacked", "tables"])
def test_units_named_nowhere_are_said_so_once_in_every_layout(tmp_path, layout):
    """Two units, no unit cell left of the blocks and the generic title 'LAPORAN KINERJA TAHUN 2024'
    above each Tabel 1: KX007 once, never one unit's blocks against another's table."""
    import openpyxl

    units = [(NAMES[i], standard_ikus(i)) for i in range(2)]
    path, _ = kanwil(tmp_path / "rekap-2024-q4.xlsx", units, layout=layout, unit_in_blocks=False)
    wb = openpyxl.load_workbook(path)
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for c in row:
                if isinstance(c.value, str) and "TAHUN 2024" in c.value:
                    c.value = "LAPORAN KINERJA TAHUN 2024"
    wb.save(path)
    doc = check_json(path)
    assert [f["code"] for f in doc["findings"] if f["severity"] != "info"] == ["KX007"]
