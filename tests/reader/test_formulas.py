"""The formula evaluator, and formula cells in blocks (cached value, evaluated, KX013, KX014)."""

from __future__ import annotations

import openpyxl
import pytest

from kinerja_xl.reader import read_workbook
from kinerja_xl.reader.files import SheetGrid
from kinerja_xl.reader.formulas import Evaluator, NotEvaluable, XlError, evaluate

from .conftest import codes, save, write_block


@pytest.fixture
def ev():
    a = SheetGrid(
        "IKU", rows={1: {1: 10.0, 2: 4.0, 3: "11,26%", 4: "abc"}, 2: {1: None, 2: 2.0}}, formulas={(2, 1): "=A1*2"}
    )
    b = SheetGrid("Data Lain", rows={1: {1: 7.0}})
    return Evaluator({"IKU": a, "Data Lain": b})


@pytest.mark.parametrize(
    "formula, expected",
    [
        ("=A1+B1", 14.0),
        ("=A1-B1*2", 2.0),
        ("=(A1-B1)*2", 12.0),
        ("=-A1", -10.0),
        ("=A1/B1", 2.5),
        ("=$A$1+$B1", 14.0),
        ("='Data Lain'!A1+1", 8.0),
        ("=SUM(A1:B1)", 14.0),
        ("=SUM(A1:D1)", 14.0),
        ("=AVERAGE(A1,B1)", 7.0),
        ("=MIN(A1:B2)", 2.0),
        ("=MAX(A1:B2)", 20.0),
        ("=ROUND(A1/3,2)", 3.33),
        ("=ROUND(2.5,0)", 3.0),
        ("=IF(A1>B1,1,0)", 1.0),
        ('=IF(A1<=B1,"ya","tidak")', "tidak"),
        ("=A1<>B1", True),
        ("=A2", 20.0),
        ("=C1*100", 11.26),
        ("=50%", 0.5),
        ("=2^3", 8.0),
        ("=IFERROR(A1/0,0)", 0.0),
        ("=B1/A1*100", 40.0),
    ],
)
def test_evaluate(ev, formula, expected):
    result = evaluate(formula, lambda s, r, c: ev.cell(s or "IKU", r, c))
    assert result == pytest.approx(expected) if isinstance(expected, float) else result == expected


@pytest.mark.parametrize("formula", ["=A1/0", "=D1*2"])
def test_excel_errors(ev, formula):
    assert isinstance(evaluate(formula, lambda s, r, c: ev.cell(s or "IKU", r, c)), XlError)


@pytest.mark.parametrize(
    "formula", ["=VLOOKUP(A1,B1:C2,2,0)", "=A1+", '=INDIRECT("A1")', "=__import__('os')", "=Sheet9!A1", "=A1:B2"]
)
def test_not_evaluable(ev, formula):
    with pytest.raises(NotEvaluable):
        evaluate(formula, lambda s, r, c: ev.cell(s or "IKU", r, c))


def test_circular_reference_not_evaluable():
    g = SheetGrid("S", rows={1: {1: None, 2: None}}, formulas={(1, 1): "=B1", (1, 2): "=A1"})
    with pytest.raises(NotEvaluable):
        Evaluator({"S": g}).cell("S", 1, 1)


def _formula_block(tmp_path, capaian, nilai=None, fmt="0.00%"):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "IKU"
    write_block(ws, values={"capaian": capaian, **({"nilai": nilai} if nilai else {})}, formats={"capaian": fmt})
    for c in "BCDEFGH":  # formula cells too: Excel users format the whole row
        ws[f"{c}8"].number_format = fmt
    return read_workbook(save(wb, tmp_path))


def test_formula_without_cache_is_evaluated(tmp_path):
    wb = _formula_block(tmp_path, ["=B7/B6", "=C7/C6", "=D7/D6", "=E7/E6", "=F7/F6", "=G7/G6", "=H7/H6"])
    v = wb.ikus[0].value("capaian", "Q1")
    assert (v.number, v.kind, v.formula) == (pytest.approx(110.0), "percent", "=B7/B6")
    assert wb.findings == []


def test_formula_not_evaluable_is_kx013_and_na(tmp_path):
    wb = _formula_block(tmp_path, ["=VLOOKUP(1,B6:C7,2,0)", "=C7/C6", "=D7/D6", "=E7/E6", "=F7/F6", "=G7/G6", "=H7/H6"])
    v = wb.ikus[0].value("capaian", "Q1")
    assert (v.number, v.kind) == (None, "unevaluated")
    assert codes(wb) == [("IKU", "B8", "KX013")]
    assert wb.findings[0].params == {"formula": "=VLOOKUP(1,B6:C7,2,0)"}


def test_literal_over_formula_row_is_kx014(tmp_path):
    wb = _formula_block(tmp_path, ["=B7/B6", "=C7/C6", 1.3263, "=E7/E6", "=F7/F6", "=G7/G6", "=H7/H6"])
    assert codes(wb) == [("IKU", "D8", "KX014")]
    f = wb.findings[0]
    assert (f.period, f.actual) == ("Sm.I", pytest.approx(132.63))


def test_cached_value_is_used(tmp_path):
    """A formula with a cached value (as Excel saves it) reads the cached value, keeps the text."""
    path = tmp_path / "cached.xlsx"
    wb = openpyxl.Workbook()
    write_block(wb.active)
    wb.save(path)
    import zipfile

    src = zipfile.ZipFile(path)
    out = tmp_path / "cached2.xlsx"
    with zipfile.ZipFile(out, "w") as z:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                # B8 holds 110 as literal: make it a formula whose cached value is 99
                data = data.replace(b'<c r="B8" t="n"><v>110</v></c>', b'<c r="B8"><f>B7/B6*100</f><v>99</v></c>')
                assert b"<f>B7/B6*100</f>" in data
            z.writestr(item, data)
    model = read_workbook(out)
    v = model.ikus[0].value("capaian", "Q1")
    assert (v.number, v.formula) == (99.0, "=B7/B6*100")


def test_known_functions_are_the_ones_the_evaluator_calls():
    """The set the fixes import is exactly what _call evaluates: each name evaluates, others do not."""
    from kinerja_xl.reader import formulas

    for name in formulas.KNOWN_FUNCTIONS:
        formulas._call(name, [1.0, 0.0] if name.startswith("ROUND") or name == "IFERROR" else [1.0])
    with pytest.raises(formulas.NotEvaluable):
        formulas._call("VLOOKUP", [1.0])


def test_references_expands_ranges_and_names_sheets():
    from kinerja_xl.model import CellRef
    from kinerja_xl.reader.formulas import references

    assert references("=SUM(B4:C5)+'Tabel 1'!$A$1", "IKU") == {
        CellRef("IKU", "B4"),
        CellRef("IKU", "C4"),
        CellRef("IKU", "B5"),
        CellRef("IKU", "C5"),
        CellRef("Tabel 1", "A1"),
    }
