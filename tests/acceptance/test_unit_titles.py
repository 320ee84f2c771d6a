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
