"""Acceptance: `fix` and `fix` again on workbooks built as offices build them (acceptance/offices.py),
read as a user reads them: the CLI's words, the saved copy's cells, a re-check, a second fix."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest
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


def summary_cell(path: Path, code: str, col: str) -> openpyxl.cell.Cell:
    ws = openpyxl.load_workbook(path)["Tabel 1"]
    row = next(r[0].row for r in ws.iter_rows() if r[0].value == code)
    return ws[f"{col}{row}"]


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
    c = summary_cell(fixed, code, col)
    assert c.value == pytest.approx(points / 100) and "%" in c.number_format  # shows 105,25% as its column
    assert findings(check_json(fixed)) == []
    again, said = fix(fixed, tmp_path / "again")
    assert "0 cells fixed, 0 findings to fix by hand" in said
