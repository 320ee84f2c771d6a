"""Acceptance (issue 22 item 1): titles offices really write that name no office are no unit."""

from __future__ import annotations

import openpyxl
import pytest

from acceptance.offices import single_unit, standard_ikus
from kinerja_xl.reader import read_workbook


@pytest.mark.parametrize(
    "title",
    [
        "PERJANJIAN KINERJA TAHUN 2024",
        "Capaian Kinerja Organisasi Tahun 2024",
        "Rencana Kinerja Tahunan 2024",
        "Laporan Akuntabilitas Kinerja Instansi Pemerintah Tahun 2024",
        "Nilai Kinerja Organisasi (NKO) Tahun 2024",
    ],
)
def test_a_generic_title_names_no_unit(tmp_path, title):
    path, _ = single_unit(tmp_path / "laporan-2024-q4.xlsx", standard_ikus(), unit_in_blocks=False)
    wb = openpyxl.load_workbook(path)
    for ws in wb.worksheets:
        ws["A1"] = title
    wb.save(path)
    assert read_workbook(path).unit is None


def test_the_unit_in_the_title_is_still_read(tmp_path):
    path, _ = single_unit(tmp_path / "laporan-2024-q4.xlsx", standard_ikus(), unit_in_blocks=False)
    assert read_workbook(path).unit == "KPKNL PURWAKARTA"


def test_an_iku_name_with_a_year_in_a_stacked_recap_is_no_unit(tmp_path):
    """A Kanwil recap stacking two units on one sheet, no unit cell left of the blocks; one IKU of
    Tabel 1 is named '... Tahun 2024' (a title-like text, but in a table row)."""
    from acceptance.offices import kanwil

    serang, bogor = standard_ikus(0), standard_ikus(1)
    serang[1].name = "Indeks Integritas Tahun 2024"
    path, _ = kanwil(
        tmp_path / "kanwil-2024-q4.xlsx",
        [("KPKNL SERANG", serang), ("KPKNL BOGOR", bogor)],
        layout="stacked",
        unit_in_blocks=False,
    )
    read = read_workbook(path)
    assert [u.unit for u in read.units] == ["KPKNL SERANG", "KPKNL BOGOR"]
    assert [len(u.ikus) for u in read.units] == [6, 6]
    assert [f.code for f in read.findings if f.severity.value != "info"] == []
