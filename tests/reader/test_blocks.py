"""IKU blocks: every variant of period labels, row labels, Pol/KP, names, codes and metadata rows."""

from __future__ import annotations

import openpyxl
import pytest

from kinerja_xl.config import Settings
from kinerja_xl.reader import read_workbook

from .conftest import HEADER, codes, save, write_block, write_summary


def _header_with(position: int, label: str) -> list[str]:
    h = list(HEADER)
    h[position] = label
    return h


PERIOD_VARIANTS = [
    (1, "Q1", ["Q1", "TW1", "TW I", "Triwulan I", "q1"]),
    (2, "Q2", ["Q2", "TW2", "TW II", "Triwulan II"]),
    (3, "Sm.I", ["Sm.I", "Sm.l", "Smt.1", "Smt I", "Smt.I", "S1", "Semester I", "s.d. Q2", "sd Q2"]),
    (4, "Q3", ["Q3", "TW3", "TW III", "Triwulan III"]),
    (5, "s.d. Q3", ["s.d. Q3", "s.d.Q3", "sd Q3", "s/d Q3"]),
    (6, "Q4", ["Q4", "TW4", "TW IV", "Triwulan IV"]),
    (7, "Y", ["Y", "Y-24", "Y-2024", "Y24", "Tahunan", "Tahun"]),
    (8, "Pol/KP", ["Pol/KP", "Pol/ K P", "Po/ K P", "Pol / KP", "Polarisasi/Konsolidasi"]),
]


@pytest.mark.parametrize(
    "position, period, label", [(pos, per, lab) for pos, per, labels in PERIOD_VARIANTS for lab in labels]
)
def test_period_label_variants(one_block, position, period, label):
    # put the variant in a non-standard position too: swap order is handled by label, not position
    wb = one_block(header=_header_with(position, label))
    iku = wb.ikus[0]
    col = "ABCDEFGHI"[position]
    assert iku.period_cells[period].coord == f"{col}5"
    assert [f.code for f in wb.findings] == []
    if period != "Pol/KP":
        assert iku.value("target", period).cell.coord == f"{col}6"
    else:
        assert (iku.polarisasi, iku.konsolidasi, iku.polkp_cell.coord) == ("Max", "TLK", "I6")


def test_periods_in_other_order_mapped_by_label(one_block):
    header = ["T/R", "TW I", "TW II", "TW III", "TW IV", "Smt I", "s.d. Q3", "Tahunan", "Pol/KP"]
    wb = one_block(header=header, values={"target": [1, 2, 3, 4, 5, 6, 7]})
    iku = wb.ikus[0]
    assert {p: iku.number("target", p) for p in ("Q1", "Q2", "Q3", "Q4", "Sm.I", "s.d. Q3", "Y")} == {
        "Q1": 1,
        "Q2": 2,
        "Q3": 3,
        "Q4": 4,
        "Sm.I": 5,
        "s.d. Q3": 6,
        "Y": 7,
    }
    assert wb.findings == []


def test_second_q2_in_third_position_is_smi(one_block):
    # workbook-format.md lists "a second Q2 in the third position" as an accepted Sm.I label.
    wb = one_block(header=_header_with(3, "Q2"))
    iku = wb.ikus[0]
    assert iku.period_cells["Sm.I"].coord == "D5"
    assert iku.period_cells["Q2"].coord == "C5"
    assert codes(wb) == []


def test_repeated_label_elsewhere_mapped_by_position(one_block):
    wb = one_block(header=_header_with(5, "Q3"))  # a second Q3 where s.d. Q3 belongs
    assert wb.ikus[0].period_cells["s.d. Q3"].coord == "F5"
    assert codes(wb) == [("IKU", "F5", "KX005")]
    f = wb.findings[0]
    assert f.params == {"label": "Q3", "period": "s.d. Q3"} and f.period == "s.d. Q3"


def test_unreadable_label_mapped_by_position(one_block):
    wb = one_block(header=_header_with(4, "???"))
    assert wb.ikus[0].period_cells["Q3"].coord == "E5"
    assert codes(wb) == [("IKU", "E5", "KX005")]


def test_y_year_label_differs_from_title_year(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws["A1"] = "LAPORAN KINERJA KPKNL UJI TAHUN 2024"
    write_block(ws, header=_header_with(7, "Y-22"))
    model = read_workbook(save(wb, tmp_path, "laporan.xlsx"))
    assert model.year == 2024 and model.year_source == "title"
    assert model.ikus[0].year_label == 2022
    f = next(f for f in model.findings if f.code == "KX004")
    assert (f.cell.coord, f.params) == ("H5", {"label_year": "2022", "year": "2024"})


@pytest.mark.parametrize(
    "row, label",
    [
        ("target", "Target"),
        ("target", "TARGET"),
        ("realisasi", "Realisasi"),
        ("realisasi", " realisasi "),
        ("capaian", "Capaian"),
        ("capaian", "Capaian (%)"),
        ("capaian", "% Capaian"),
        ("nilai", "Nilai Kinerja"),
        ("nilai", "Nilai"),
        ("nilai", "NK"),
        ("nilai", "Indeks Capaian"),
    ],
)
def test_row_label_variants(one_block, row, label):
    wb = one_block(row_labels={row: label})
    iku = wb.ikus[0]
    assert set(iku.rows) == {"target", "realisasi", "capaian", "nilai"}
    assert iku.row_cells[row].coord == f"A{ {'target': 6, 'realisasi': 7, 'capaian': 8, 'nilai': 9}[row] }"
    assert wb.findings == []


def test_rows_in_any_order(one_block):
    wb = one_block(order=["realisasi", "target", "nilai", "capaian"])
    iku = wb.ikus[0]
    assert iku.value("realisasi", "Q1").cell.coord == "B6"
    assert iku.value("target", "Q1").cell.coord == "B7"
    assert iku.number("target", "Q1") == 10 and iku.number("realisasi", "Q1") == 11
    assert iku.polkp_cell.coord == "I7"  # Pol/KP sits in the Target row wherever it is


def test_missing_row_is_kx003(one_block):
    wb = one_block(order=["target", "realisasi", "capaian"])
    assert "nilai" not in wb.ikus[0].rows
    assert codes(wb) == [("IKU", "A5", "KX003")]
    assert "Nilai Kinerja" in wb.findings[0].params["missing"]


def test_missing_period_column_is_kx003(one_block):
    wb = one_block(header=HEADER[:7], polkp=None)
    assert codes(wb) == [("IKU", "A5", "KX003"), ("IKU", "A5", "KX020")]
    assert wb.findings[0].params == {"missing": "Y"}
    assert "Y" not in wb.ikus[0].rows["target"]


def test_blank_label_between_labels_mapped_by_position(one_block):
    wb = one_block(header=[*HEADER[:7], None, "Pol/KP"])
    assert wb.ikus[0].period_cells["Y"].coord == "H5"
    assert codes(wb) == [("IKU", "H5", "KX005")]


@pytest.mark.parametrize(
    "text, pol, kp",
    [
        ("Max/TLK", "Max", "TLK"),
        ("Maximize/Take Last Known", "Max", "TLK"),
        ("Maks/Last", "Max", "TLK"),
        ("Min/Sum", "Min", "Sum"),
        ("Minimize/Jumlah", "Min", "Sum"),
        ("Stab/Avg", "Stab", "Avg"),
        ("Stabilize/Average", "Stab", "Avg"),
        ("Min/Rata-rata", "Min", "Avg"),
    ],
)
def test_polkp_cell_spellings(one_block, text, pol, kp):
    wb = one_block(polkp=text)
    iku = wb.ikus[0]
    assert (iku.polarisasi, iku.konsolidasi, iku.polkp_assumed, iku.polkp_raw) == (pol, kp, False, text)
    assert wb.findings == []


@pytest.mark.parametrize("text", [None, "Naik/Akhir", "Max"])
def test_polkp_missing_or_unknown_is_kx020(one_block, text):
    wb = one_block(polkp=text)
    iku = wb.ikus[0]
    assert (iku.polarisasi, iku.konsolidasi, iku.polkp_assumed) == ("Max", "TLK", True)
    assert codes(wb) == [("IKU", "I6", "KX020")]
    assert wb.findings[0].params == {"text": text or ""}


def test_value_formats_in_block(one_block):
    wb = one_block(
        values={
            "realisasi": ["11,26%", "1.234,56", "1,234.56", "Rp18.897M", "-", None, "N/A"],
            "target": [0.1126, 0.5, 0.5, 0.6, 0.6, 1, 1],
        },
        formats={"target": "0.00%"},
    )
    iku = wb.ikus[0]
    assert [iku.number("realisasi", p) for p in ("Q1", "Q2", "Sm.I", "Q3", "s.d. Q3", "Q4", "Y")] == [
        11.26,
        1234.56,
        1234.56,
        None,
        None,
        None,
        None,
    ]
    assert [iku.value("realisasi", p).kind for p in ("Q1", "Q3", "s.d. Q3", "Q4", "Y")] == [
        "text-number",
        "text",
        "na",
        "na",
        "na",
    ]
    assert iku.value("target", "Q1").kind == "percent" and iku.number("target", "Q1") == 11.26
    found = codes(wb)
    assert found == [("IKU", "B7", "KX011"), ("IKU", "C7", "KX011"), ("IKU", "D7", "KX011"), ("IKU", "E7", "KX010")]
    kx011 = wb.findings[0]
    assert (kx011.actual, kx011.params, kx011.period) == (11.26, {"text": "11,26%"}, "Q1")
    assert next(f for f in wb.findings if f.code == "KX010").params == {
        "text": "Rp18.897M",
        "hint_id": "",
        "hint_en": "",
    }


@pytest.mark.parametrize("marker", ["-", "N/A", "n.a.", "NA", None])
def test_na_markers_in_block(one_block, marker):
    wb = one_block(values={"realisasi": [marker, 22, 22, 33, 33, 44, 44]})
    v = wb.ikus[0].value("realisasi", "Q1")
    assert (v.number, v.kind, v.cell.coord) == (None, "na", "B7")
    assert wb.findings == []


def test_excel_error_is_kind_error(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "IKU"
    write_block(ws)
    ws["B8"] = "=1/0"  # openpyxl writes no cached value: evaluated to #DIV/0!
    model = read_workbook(save(wb, tmp_path))
    v = model.ikus[0].value("capaian", "Q1")
    assert (v.number, v.kind, v.raw, v.formula) == (None, "error", "#DIV/0!", "=1/0")
    assert ("IKU", "B8", "KX010") in codes(model)


def test_percent_format_is_fraction_times_100(one_block):
    wb = one_block(values={"capaian": [1.1, 1.1, 1.1, 1.1, 1.1, 1.1, 1.1]}, formats={"capaian": "0.00%"})
    assert [v.number for v in wb.ikus[0].rows["capaian"].values()] == [110.0] * 7
    assert wb.findings == []


def test_text_percent_is_already_points(one_block):
    wb = one_block(values={"nilai": [100, 100, 100, 120, 120, 103.67, "103,67%"]})
    v = wb.ikus[0].value("nilai", "Y")
    assert (v.number, v.kind) == (103.67, "text-number")
    assert codes(wb) == [("IKU", "H9", "KX011")]


def test_plain_numbers_in_percent_row_are_points(one_block):
    wb = one_block(values={"capaian": ["110%", 110, 110, 110, 110, 110, 110]})
    assert wb.ikus[0].number("capaian", "Q2") == 110
    assert [f.code for f in wb.findings] == ["KX011"]


def test_mixed_percent_scale_is_kx012_at_each_odd_cell(one_block):
    # a 0% row of fractions with 86/90 typed as points (shown 8600%): each such cell, read as 86/90
    wb = one_block(values={"realisasi": [0.86, 0.86, 0.86, 86, 86, 90, 90]}, formats={"realisasi": "0%"})
    assert codes(wb) == [("IKU", c, "KX012") for c in ("E7", "F7", "G7", "H7")]
    assert [v.number for v in wb.ikus[0].rows["realisasi"].values()] == [86, 86, 86, 86, 86, 90, 90]
    # percent points (text with %, plain numbers) with two fractions typed: those two cells, read as 86
    wb = one_block(values={"realisasi": ["86%", 0.86, 0.86, 86, 86, 90, 90]})
    f = [f for f in wb.findings if f.code == "KX012"]
    assert [(x.cell.coord, x.period, x.params["row"]) for x in f] == [
        ("C7", "Q2", "Realisasi"),
        ("D7", "Sm.I", "Realisasi"),
    ]
    assert [v.number for v in wb.ikus[0].rows["realisasi"].values()] == [86, 86, 86, 86, 86, 90, 90]


def test_code_from_kode_iku_row(one_block):
    wb = one_block(labels=["Kode IKU : 1a-CP"])
    assert wb.ikus[0].code == "1a-CP"
    assert wb.ikus[0].meta.cells["code"].coord == "B3"


@pytest.mark.parametrize(
    "name, code, clean",
    [
        ("Nama IKU : Indeks Integritas (1b-CP)", "1b-CP", "Indeks Integritas"),
        ("Nama IKU : 8a-N Indeks Kualitas Manajemen", "8a-N", "Indeks Kualitas Manajemen"),
        ("Nama IKU : Indeks tanpa kode", None, "Indeks tanpa kode"),
    ],
)
def test_code_in_name(one_block, name, code, clean):
    wb = one_block(name=name)
    assert (wb.ikus[0].code, wb.ikus[0].name) == (code, clean)
    assert wb.ikus[0].name_cell.coord == "B4"


def test_code_from_summary_by_name(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "IKU"
    write_block(ws, name="Nama IKU : Indeks   UJI coba")
    t1 = wb.create_sheet("Tabel 1")
    write_summary(t1, rows=[["Customer Perspective (100%)"], [2, "SS Dua"], ["2b-CP", "Indeks uji coba", 40, 44, 1.1]])
    model = read_workbook(save(wb, tmp_path))
    iku = model.ikus[0]
    assert (iku.code, iku.ss, iku.perspective) == ("2b-CP", "2", "Customer")


def test_names_unit_and_ss(one_block):
    wb = one_block()
    iku = wb.ikus[0]
    assert (iku.name, iku.ss_name, iku.unit) == ("Indeks Uji", "SS Uji", "KPKNL UJI")
    assert (iku.ss_name_cell.coord, iku.name_cell.coord, iku.header_cell.coord) == ("B3", "B4", "A5")
    assert wb.unit == "KPKNL UJI"


def test_label_and_value_in_separate_cells(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws["A1"], ws["B1"] = "Nama Sasaran Strategis", "SS terpisah"
    ws["A2"], ws["B2"] = "Nama IKU", "IKU terpisah"
    write_block(ws, row=3, unit=None, ss=None, name=None)
    iku = read_workbook(save(wb, tmp_path)).ikus[0]
    assert (iku.ss_name, iku.name, iku.name_cell.coord) == ("SS terpisah", "IKU terpisah", "B2")


@pytest.mark.parametrize(
    "label, attr, value",
    [
        ("Seksi : Seksi Pelayanan Lelang", "seksi", "Seksi Pelayanan Lelang"),
        ("Bobot : 12", "bobot", 12.0),
        ("Bobot : 12,5", "bobot", 12.5),
        ("Validitas : Exact", "validitas", "Exact"),
        ("Kendali : low", "kendali", "Low"),
        ("Realisasi Terburuk : 10", "realisasi_terburuk", 10.0),
        ("Konversi 120 : Ya", "konversi_120", True),
        ("Konversi 120 : Tidak", "konversi_120", False),
    ],
)
def test_metadata_rows(one_block, label, attr, value):
    wb = one_block(labels=[label])
    meta = wb.ikus[0].meta
    assert getattr(meta, attr) == value
    assert meta.cells[attr].coord == "B3"


def test_settings_meta_wins(one_block):
    settings = Settings(iku={"1a-CP": {"bobot": 30, "konversi_120": True, "stab_scale": [[0, 0], [100, 120]]}})
    wb = one_block(labels=["Kode IKU : 1a-CP", "Bobot : 12"], settings=settings)
    meta = wb.ikus[0].meta
    assert (meta.bobot, meta.konversi_120, meta.stab_scale) == (30.0, True, [(0.0, 0.0), (100.0, 120.0)])


def test_blocks_side_by_side_and_stacked(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    write_block(ws, row=1, col=1, labels=["Kode IKU : 1a-CP"])
    write_block(ws, row=1, col=12, labels=["Kode IKU : 1b-CP"], values={"target": [5] * 7})
    write_block(ws, row=12, col=1, labels=["Kode IKU : 2a-CP"], name="Nama IKU : Kedua")
    model = read_workbook(save(wb, tmp_path))
    assert [i.code for i in model.ikus] == ["1a-CP", "1b-CP", "2a-CP"]
    assert model.ikus[1].number("target", "Q1") == 5 and model.ikus[1].value("target", "Q1").cell.coord == "M5"
    assert model.ikus[2].name == "Kedua"
    assert model.findings == []


def test_no_block_is_kx002(tmp_path):
    wb = openpyxl.Workbook()
    wb.active["A1"] = "Uraian"
    model = read_workbook(save(wb, tmp_path))
    assert model.ikus == [] and [(f.code, f.cell) for f in model.findings] == [("KX002", None)]


@pytest.mark.parametrize(
    "filename, title, expected",
    [
        ("kinerja-2024-q3.xlsx", None, "Q3"),
        ("kinerja_TW_III_2024.xlsx", None, "Q3"),
        ("kinerja.xlsx", "LAPORAN KINERJA TRIWULAN III TAHUN 2024", "Q3"),
        ("kinerja.xlsx", None, "Q4"),
    ],
)
def test_reported_period(tmp_path, filename, title, expected):
    wb = openpyxl.Workbook()
    ws = wb.active
    if title:
        ws["A1"] = title
    write_block(ws)
    assert read_workbook(save(wb, tmp_path, filename)).period == expected


def test_period_is_last_quarter_with_realisasi(one_block):
    wb = one_block(values={"realisasi": [1, 2, 2, None, 2, "-", None]})
    assert wb.period == "Q2"


@pytest.mark.parametrize(
    "filename, title, settings, year, source",
    [
        ("x.xlsx", "LAPORAN KINERJA TAHUN 2023", Settings(year=2025), 2025, "settings"),
        ("x-2022.xlsx", "LAPORAN KINERJA TAHUN 2023", None, 2023, "title"),
        ("x-2022.xlsx", None, None, 2022, "file-name"),
        ("x.xlsx", None, None, 2024, "y-label"),
    ],
)
def test_year_sources(tmp_path, filename, title, settings, year, source):
    wb = openpyxl.Workbook()
    ws = wb.active
    if title:
        ws["A1"] = title
    write_block(ws, row=3)
    model = read_workbook(save(wb, tmp_path, filename), settings)
    assert (model.year, model.year_source) == (year, source)


@pytest.mark.parametrize(
    "title, filename, unit",
    [
        ("LAPORAN KINERJA KPKNL SERANG TAHUN 2024", "x.xlsx", "KPKNL SERANG"),
        (None, "kpknl-cilegon-2024.xlsx", "KPKNL CILEGON"),
    ],
)
def test_unit_without_name_row_unit(tmp_path, title, filename, unit):
    wb = openpyxl.Workbook()
    ws = wb.active
    if title:
        ws["A1"] = title
    write_block(ws, row=3, unit=None)
    assert read_workbook(save(wb, tmp_path, filename)).unit == unit
