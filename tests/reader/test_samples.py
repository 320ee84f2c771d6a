"""The committed sample workbooks parse as the printed report says; formulas read like literals."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from workbooks import libreoffice_input, libreoffice_resaved

from kinerja_xl.model import PERIODS
from kinerja_xl.reader import read_workbook

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
SERANG = SAMPLES / "kpknl-serang-2024-q4.xlsx"
CLEAN = SAMPLES / "contoh-bersih-2024-q4.xlsx"
CODES = [
    "1a-CP",
    "1b-CP",
    "2a-CP",
    "2b-CP",
    "3a-CP",
    "3b-CP",
    "4a-CP",
    "5a-CP",
    "5b-CP",
    "5c-CP",
    "6a-CP",
    "6b-CP",
    "7a-CP",
    "8a-N",
    "8b-N",
    "9a-CP",
    "9b-CP",
    "10a-N",
    "11a-N",
]


@pytest.fixture(scope="module")
def serang():
    return read_workbook(SERANG)


def _by_code(wb):
    return {i.code: i for i in wb.ikus}


def test_serang_structure(serang):
    assert [i.code for i in serang.ikus] == CODES
    assert (serang.year, serang.unit, serang.period, serang.sheets) == (2024, "KPKNL SERANG", "Q4", ["Tabel 1", "IKU"])
    s = serang.summary
    assert [(p.name, p.weight) for p in s.perspectives] == [
        ("Stakeholder", 30.0),
        ("Customer", 20.0),
        ("Internal Process", 25.0),
        ("Learning and Growth", 25.0),
    ]
    assert len(s.ss) == 11 and [r.code for r in s.ikus] == CODES
    assert s.nko.number == pytest.approx(115.67)
    assert all((i.polarisasi, i.konsolidasi, i.polkp_assumed) == ("Max", "TLK", False) for i in serang.ikus)
    by = _by_code(serang)
    assert (by["5a-CP"].ss, by["5a-CP"].perspective) == ("5", "Internal Process")
    assert by["1a-CP"].number("realisasi", "Q1") == pytest.approx(11.26)
    assert by["1a-CP"].value("realisasi", "Q1").kind == "percent"
    assert by["1b-CP"].number("target", "Y") == pytest.approx(89.17)
    assert by["5a-CP"].number("capaian", "Q4") == pytest.approx(132.63)
    assert by["6a-CP"].number("realisasi", "Y") == pytest.approx(-50.0)


def test_serang_reader_findings(serang):
    found = sorted((f.sheet, f.cell.coord, f.code, f.iku) for f in serang.findings)
    by = _by_code(serang)
    nilai_y = by["1b-CP"].value("nilai", "Y")
    assert (nilai_y.number, nilai_y.kind) == (pytest.approx(103.67), "text-number")
    smi = by["8a-N"].period_cells["Sm.I"]
    assert found == sorted(
        [
            ("IKU", nilai_y.cell.coord, "KX011", "1b-CP"),
            ("IKU", by["5a-CP"].year_cell.coord, "KX004", "5a-CP"),
            ("IKU", by["7a-CP"].year_cell.coord, "KX004", "7a-CP"),
            ("IKU", by["8a-N"].year_cell.coord, "KX004", "8a-N"),
        ]
    )
    assert by["8a-N"].value("realisasi", "Sm.I").cell.coord == f"D{int(smi.coord[1:]) + 2}"
    assert by["5a-CP"].year_label == 2022 and by["7a-CP"].year_label == 2023


def test_clean_sample_reads_without_findings():
    wb = read_workbook(CLEAN)
    assert [i.code for i in wb.ikus] == CODES
    assert wb.findings == []
    by = _by_code(wb)
    assert {c for c, i in by.items() if i.polarisasi == "Min"} == {"6a-CP", "7a-CP", "9b-CP"}
    for iku in wb.ikus:
        row = wb.summary.iku(iku.code)
        assert row.target.number == pytest.approx(iku.number("target", "Y"))
        assert row.nilai.number == pytest.approx(iku.number("nilai", "Y"))


def _as_formulas(src: Path, dst: Path) -> None:
    """Rewrite every number as a formula (references where a row repeats a value), no cached values."""
    wb = openpyxl.load_workbook(src)
    ws = wb["IKU"]
    y_cells: dict[float, str] = {}
    for row in ws.iter_rows():
        seen: dict[float, str] = {}
        for c in row:
            if isinstance(c.value, (int, float)) and not isinstance(c.value, bool):
                v = c.value
                if v in seen:
                    c.value = f"={seen[v]}"
                else:
                    seen[v] = f"${c.column_letter}${c.row}"
                    c.value = f"=ROUND({v!r}*2,10)/2" if v else "=0"
                if c.column_letter == "H":
                    y_cells.setdefault(v, f"'IKU'!{c.coordinate}")
    t1 = wb["Tabel 1"]
    for row in t1.iter_rows(min_row=4):
        for c in row[2:]:
            if isinstance(c.value, (int, float)) and not isinstance(c.value, bool):
                c.value = f"=IKU!{y_cells[c.value].split('!')[1]}" if c.value in y_cells else f"=SUM({c.value!r})"
    wb.save(dst)


def _numbers(wb):
    out = {}
    for i in wb.ikus:
        for r, vals in i.rows.items():
            for p in PERIODS:
                v = vals.get(p)
                out[(i.code, r, p)] = None if v is None else v.number
    for r in wb.summary.ikus:
        out[(r.code, "summary")] = (r.target.number, r.realisasi.number, r.nilai.number)
    out["nko"] = wb.summary.nko.number
    return out


def _same(a: dict, b: dict) -> None:
    assert a.keys() == b.keys()
    for k in a:
        x, y = a[k], b[k]
        if isinstance(x, tuple):
            assert y == pytest.approx(x), k
        else:
            assert (x is None and y is None) or y == pytest.approx(x), k


def test_formulas_without_cached_values_read_like_literals(tmp_path, serang):
    path = tmp_path / "kpknl-serang-2024-q4-rumus.xlsx"
    _as_formulas(SERANG, path)
    wb = read_workbook(path)
    assert not [f for f in wb.findings if f.code == "KX013"]
    assert sum(1 for i in wb.ikus for vals in i.rows.values() for v in vals.values() if v.formula) > 400
    _same(_numbers(serang), _numbers(wb))
    assert wb.ikus[0].value("realisasi", "Q1").kind == "percent"


@libreoffice_input("samples:serang-as-formulas")
def _serang_as_formulas(folder: Path) -> Path:
    _as_formulas(SERANG, folder / "rumus.xlsx")
    return folder / "rumus.xlsx"


def test_formulas_resaved_by_libreoffice_read_like_literals(tmp_path, serang):
    wb = read_workbook(libreoffice_resaved("samples:serang-as-formulas", tmp_path))  # skips without LibreOffice
    _same(_numbers(serang), _numbers(wb))
