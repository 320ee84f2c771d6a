"""Which unit a workbook belongs to (issue 22 item 1): a caption, a sheet name or a generic title is
never a unit; a file of unknown unit is compared with nothing and says so once; unit names compare
after their case, spacing and long office forms are normalised."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from history.variants import submission
from kinerja_xl import api
from kinerja_xl.config import Settings
from kinerja_xl.reader import read_workbook
from kinerja_xl.unitname import unit_key
from kinerja_xl.writers.batch import rows


def anonymous(dst: Path, **kwargs) -> Path:
    """A sample variant whose blocks carry no unit cell and whose title is the generic
    'LAPORAN KINERJA TAHUN 2024' (its summary sheet keeps the caption 'Tabel 1. Capaian ...')."""
    submission(dst, **kwargs)
    wb = openpyxl.load_workbook(dst)
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for c in row:
                if c.value == "KPKNL SERANG":
                    c.value = None
                elif isinstance(c.value, str) and "KPKNL SERANG" in c.value:
                    c.value = c.value.replace("KPKNL SERANG ", "")
    wb.save(dst)
    return dst


def kx3(fr) -> list[str]:
    return sorted(f.code for f in fr.findings if f.code.startswith("KX3"))


def test_a_caption_or_a_generic_title_is_no_unit(tmp_path):
    path = anonymous(tmp_path / "laporan-2024-tw4.xlsx")
    wb = openpyxl.load_workbook(path)
    assert wb["Tabel 1"]["A1"].value == "LAPORAN KINERJA TAHUN 2024"
    assert wb["Tabel 1"]["A2"].value == "Tabel 1. Capaian Indikator Kinerja Utama"
    assert read_workbook(path).unit is None


@pytest.mark.parametrize("title", ["Tabel 1. Capaian IKU Tahun 2024", "Laporan Kinerja IKU 2024 rekap final"])
def test_a_caption_is_no_unit_even_as_the_only_title(tmp_path, title):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "IKU"
    ws["A1"] = title
    ws["B3"], ws["B4"] = "Nama Sasaran Strategis : SS", "Nama IKU : Indeks"
    for i, label in enumerate(["T/R", "Q1", "Q2", "Sm.I", "Q3", "s.d. Q3", "Q4", "Y-24", "Pol/KP"]):
        ws.cell(5, 1 + i, label)
    path = tmp_path / "tw4.xlsx"
    wb.save(path)
    assert read_workbook(path).unit is None


def test_two_offices_with_generic_titles_are_never_compared(tmp_path):
    """KPKNL Serang's Q4 (inbox) and KPKNL Bogor's Q3 (archive): no unit name anywhere in either."""
    inbox, arsip = tmp_path / "masuk", tmp_path / "arsip"
    serang = anonymous(inbox / "laporan-2024-tw4.xlsx", period="Q4", mtime_s=2_000)
    anonymous(arsip / "laporan-2024-tw3.xlsx", period="Q3", cells={"IKU!B7": 0.5, "IKU!I6": "Min/TLK"}, mtime_s=1_000)
    run = api.check([inbox], Settings(history=arsip, lang="en"))
    (fr,) = run.files
    assert fr.path == serang
    assert kx3(fr) == []  # the archive's file is another office's: not one history finding
    assert fr.compared_with is None
    (note,) = [f for f in fr.findings if f.code == "KX006"]  # said once
    assert note.severity.value == "info" and note.file == "laporan-2024-tw4.xlsx"
    assert "unit is unknown" in note.message("en")
    assert note.message("id").startswith("Unit berkas ini tidak diketahui")
    _, body = rows(run, "en")
    assert body[0][2] == "unit unknown"
    _, body = rows(run, "id")
    assert body[0][2] == "unit tidak diketahui"
    # the year sheets hold no office made of two offices' files
    assert openpyxl.load_workbook(run.batch).sheetnames == ["Ringkasan Batch", "Temuan Batch", "NKO per Periode"]


def test_a_file_of_known_unit_gets_no_kx006(tmp_path):
    submission(tmp_path / "serang-2024-q3.xlsx", period="Q3", mtime_s=1_000)
    submission(tmp_path / "serang-2024-q4.xlsx", period="Q4", mtime_s=2_000)
    run = api.check([tmp_path], Settings(annotate=False))
    assert not [f for fr in run.files for f in fr.findings if f.code == "KX006"]


def test_long_and_short_office_names_are_one_unit(tmp_path):
    long = "Kantor Pelayanan Kekayaan Negara dan Lelang  Serang"
    submission(tmp_path / "arsip" / "serang-2024-q2.xlsx", period="Q2", unit=long, cells={"IKU!B7": 0.10}, mtime_s=1)
    submission(tmp_path / "masuk" / "serang-2024-q3.xlsx", period="Q3", unit="kpknl serang", mtime_s=2)
    run = api.check([tmp_path / "masuk"], Settings(history=tmp_path / "arsip", annotate=False))
    (fr,) = run.files
    assert fr.workbook.unit == "kpknl serang"
    assert kx3(fr) == ["KX301"]
    assert Path(fr.compared_with or "").name == "serang-2024-q2.xlsx"


@pytest.mark.parametrize(
    "a, b",
    [
        ("KPKNL SERANG", "Kantor Pelayanan Kekayaan Negara dan Lelang Serang"),
        ("KPPBC TMP B Serang", "Kantor Pengawasan dan Pelayanan Bea dan Cukai Tipe Madya Pabean B Serang"),
        ("Kanwil DJKN Banten", "Kantor Wilayah Direktorat Jenderal Kekayaan Negara  Banten"),
        ("KPKNL  Tangerang-I", "kpknl tangerang i"),
    ],
)
def test_unit_spellings(a, b):
    assert unit_key(a) == unit_key(b)
    assert unit_key("KPKNL Serang") != unit_key("KPKNL Bogor")
