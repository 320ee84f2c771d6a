"""Workbooks of several units in other layouts (reader/units.py): every unit's summary table on one
sheet under a caption naming the unit, and units whose blocks share nothing but their sheet."""

from __future__ import annotations

import openpyxl
from workbooks import save, write_block, write_summary

from kinerja_xl.reader import read_workbook

DOUBLE = {
    "target": [20, 40, 40, 60, 60, 80, 80],
    "realisasi": [22, 44, 44, 66, 66, 88, 88],
}


def _tables_on_one_sheet(tmp_path, captions=("KPKNL SERANG", "KPKNL BOGOR")):
    wb = openpyxl.Workbook()
    tabel = wb.active
    tabel.title = "Tabel"
    for top, unit, (t, r) in ((1, captions[0], (40, 44)), (10, captions[1], (80, 88))):
        tabel.cell(top, 1, f"Tabel 1. Capaian IKU {unit}")
        write_summary(
            tabel,
            row=top + 1,
            rows=[["1a-CP", "Indeks Uji", t, r, 110], ["Nilai Kinerja Organisasi (NKO)", None, None, None, 110]],
        )
    for sheet, unit, values in (("Serang", "KPKNL SERANG", None), ("Bogor", "KPKNL Bogor", DOUBLE)):
        ws = wb.create_sheet(sheet)
        write_block(ws, unit=unit, name="Nama IKU : Indeks Uji (1a-CP)", values=values)
    return read_workbook(save(wb, tmp_path))


def test_each_unit_takes_the_table_whose_caption_names_it(tmp_path):
    model = _tables_on_one_sheet(tmp_path)
    assert [(u.unit, u.summary.header_cell.coord, u.summary.ikus[0].target.number) for u in model.units] == [
        ("KPKNL SERANG", "A2", 40.0),
        ("KPKNL Bogor", "A11", 80.0),
    ]
    assert model.unit is None and model.summary is None


def test_a_table_naming_no_unit_is_no_unit_s(tmp_path):
    model = _tables_on_one_sheet(tmp_path, captions=("KPKNL SERANG", "KANWIL"))
    assert [(u.unit, u.summary is not None) for u in model.units] == [("KPKNL SERANG", True), ("KPKNL Bogor", False)]
    # the table read as no unit's is said once, at its header, and never compared with Bogor's blocks
    assert [(f.code, str(f.cell)) for f in model.findings if f.code == "KX007"] == [("KX007", "Tabel!A11")]
    assert not [f for u in model.units for f in u.findings if f.code == "KX007"]  # the file's, no unit's


def test_one_unit_with_sections_on_two_sheets_and_one_table_reads_as_before(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Tabel"
    write_summary(ws, rows=[["1a-CP", "Indeks Uji", 40, 44, 110], ["1b-CP", "Indeks Dua", 40, 44, 110]])
    for sheet, code, name in (("PKN", "1a-CP", "Indeks Uji"), ("Lelang", "1b-CP", "Indeks Dua")):
        write_block(wb.create_sheet(sheet), unit="KPKNL SERANG", name=f"Nama IKU : {name} ({code})")
    model = read_workbook(save(wb, tmp_path))
    assert model.units == [] and model.unit == "KPKNL SERANG" and model.summary is not None


def test_each_unit_is_checked_against_the_table_naming_it(tmp_path):
    from kinerja_xl import api
    from kinerja_xl.config import Settings

    _tables_on_one_sheet(tmp_path)
    (fr,) = api.check([tmp_path / "uji-2024.xlsx"], Settings(annotate=False)).files
    assert [f.code for f in fr.findings if f.severity.value != "info"] == []
    assert [round(u.analysis.nko["Y"], 2) for u in fr.units] == [110.0, 110.0]


def test_one_office_written_short_and_long_on_two_sheets_is_one_unit(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Tabel"
    write_summary(ws, rows=[["1a-CP", "Indeks Uji", 40, 44, 110], ["1b-CP", "Indeks Dua", 40, 44, 110]])
    for sheet, unit, code, name in (
        ("PKN", "KPKNL SERANG", "1a-CP", "Indeks Uji"),
        ("Lelang", "Serang", "1b-CP", "Indeks Dua"),
    ):
        write_block(wb.create_sheet(sheet), unit=unit, name=f"Nama IKU : {name} ({code})")
    model = read_workbook(save(wb, tmp_path))
    assert model.units == [] and model.unit == "KPKNL SERANG" and model.summary is not None
