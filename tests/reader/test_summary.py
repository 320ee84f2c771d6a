"""The summary table: perspectives and weights, SS and IKU rows, extra columns, NSS/Np/NKO rows."""

from __future__ import annotations

import openpyxl
import pytest

from kinerja_xl.reader import read_workbook

from .conftest import codes, save, write_block, write_summary


def _book(tmp_path, rows, extra_headers=(), block_kwargs=None):
    wb = openpyxl.Workbook()
    t1 = wb.active
    t1.title = "Tabel 1"
    t1["A1"] = "LAPORAN KINERJA KPKNL UJI TAHUN 2024"
    write_summary(t1, row=3, rows=rows, extra_headers=list(extra_headers))
    ws = wb.create_sheet("IKU")
    write_block(ws, **(block_kwargs or {"labels": ["Kode IKU : 1a-CP"]}))
    return read_workbook(save(wb, tmp_path))


@pytest.mark.parametrize(
    "label, name, weight",
    [
        ("Stakeholder Perspective (30%)", "Stakeholder", 30.0),
        ("Customer Perspective (20%)", "Customer", 20.0),
        ("Internal Process Perspective (25%)", "Internal Process", 25.0),
        ("Learning and Growth Perspective (25%)", "Learning and Growth", 25.0),
        ("Perspektif Pembelajaran dan Pertumbuhan (25,5%)", "Learning and Growth", 25.5),
        ("Perspektif Proses Bisnis Internal", "Internal Process", None),
    ],
)
def test_perspective_rows(tmp_path, label, name, weight):
    wb = _book(tmp_path, [[label], [1, "SS Satu"], ["1a-CP", "Indeks Uji", 40, 44, 1.1]])
    p = wb.summary.perspectives[0]
    assert (p.name, p.weight, p.label, p.row_cell.coord) == (name, weight, label, "A4")
    assert (wb.ikus[0].ss, wb.ikus[0].perspective) == ("1", name)


def test_ss_iku_nko_rows_and_values(tmp_path):
    rows = [
        ["Stakeholder Perspective (100%)"],
        [1, "SS Satu"],
        ["1a-CP", "Indeks Uji", "40", "44", "110,00%"],
        ["Nilai SS", None, None, None, 110],
        ["Nilai Perspektif", None, None, None, 110],
        ["Nilai Kinerja Organisasi (NKO)", None, None, None, "110,00%"],
    ]
    wb = _book(tmp_path, rows)
    s = wb.summary
    assert (s.sheet, s.header_cell.coord) == ("Tabel 1", "A3")
    assert [(x.code, x.name, x.perspective, x.row_cell.coord) for x in s.ss] == [("1", "SS Satu", "Stakeholder", "A5")]
    row = s.iku("1a-CP")
    assert (row.name, row.ss, row.target.number, row.realisasi.number, row.nilai.number) == (
        "Indeks Uji",
        "1",
        40.0,
        44.0,
        110.0,
    )
    assert (s.ss[0].nss.number, s.perspectives[0].np.number, s.nko.number) == (110.0, 110.0, 110.0)
    assert s.nko.cell.coord == "E9"
    # text numbers in the summary are reported like anywhere else
    assert ("Tabel 1", "C6", "KX011") in codes(wb) and ("Tabel 1", "E9", "KX011") in codes(wb)


@pytest.mark.parametrize(
    "header, value, attr, expected",
    [
        ("Bobot", 15, "bobot", 15.0),
        ("Validitas", "exact", "validitas", "Exact"),
        ("Kendali", "High", "kendali", "High"),
        ("Seksi", "Seksi Piutang Negara", "seksi", "Seksi Piutang Negara"),
        ("Konversi 120", "Ya", "konversi_120", True),
        ("Realisasi Terburuk", 10, "realisasi_terburuk", 10.0),
    ],
)
def test_extra_columns_fill_meta(tmp_path, header, value, attr, expected):
    wb = _book(
        tmp_path,
        [["Stakeholder Perspective (30%)"], [1, "SS"], ["1a-CP", "Indeks Uji", 40, 44, 1.1, value]],
        extra_headers=[header],
    )
    assert getattr(wb.summary.iku("1a-CP").meta, attr) == expected
    assert getattr(wb.ikus[0].meta, attr) == expected
    assert wb.ikus[0].meta.cells[attr].coord == "F6"


def test_block_label_row_wins_over_summary_column(tmp_path):
    wb = _book(
        tmp_path,
        [[1, "SS"], ["1a-CP", "Indeks Uji", 40, 44, 1.1, 15]],
        extra_headers=["Bobot"],
        block_kwargs={"labels": ["Kode IKU : 1a-CP", "Bobot : 12"]},
    )
    assert wb.ikus[0].meta.bobot == 12.0


def test_polkp_from_summary_when_block_has_none(tmp_path):
    wb = _book(
        tmp_path,
        [[1, "SS"], ["1a-CP", "Indeks Uji", 40, 44, 1.1, "Min", "Sum"]],
        extra_headers=["Polarisasi", "Konsolidasi"],
        block_kwargs={"labels": ["Kode IKU : 1a-CP"], "polkp": None},
    )
    iku = wb.ikus[0]
    assert (iku.polarisasi, iku.konsolidasi, iku.polkp_assumed) == ("Min", "Sum", False)
    assert not [f for f in wb.findings if f.code == "KX020"]


def test_no_summary_table(tmp_path):
    wb = openpyxl.Workbook()
    write_block(wb.active)
    model = read_workbook(save(wb, tmp_path))
    assert model.summary is None and model.ikus[0].perspective is None and model.ikus[0].ss is None
