"""Our sheets are ours by a marker, not by name; an office's Ringkasan/Temuan is kept (issue 9 point 2).

Also: no text longer than an Excel cell holds goes into Temuan or a comment.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from workbooks import libreoffice_input, libreoffice_resaved, write_block, write_summary

from kinerja_xl import api
from kinerja_xl.config import Settings
from kinerja_xl.outputs import EXCEL_CELL_CHARS
from kinerja_xl.writers.annotate import write_annotated
from kinerja_xl.writers.own_sheets import free_sheet_name, marked_sheets, plan_sheets, sheet_of_reference

METHODS = ["package", "openpyxl"]  # the lossless writer (default) and the fallback


def _office_workbook(path: Path) -> Path:
    """A workbook with a wrong Capaian and the office's own sheets called Ringkasan and Temuan."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "IKU"
    ws["A1"] = "MONITORING CAPAIAN IKU KPKNL UJI TAHUN 2024"
    write_block(ws, row=3, labels=["Kode IKU : 1a-CP"], values={"capaian": [110, 999, 110, 110, 110, 110, 110]})
    own = wb.create_sheet("Ringkasan")
    own["A1"] = "Ringkasan milik kantor"
    own["B2"] = "=IKU!B7*2"
    own["C3"] = 12.5
    notes = wb.create_sheet("temuan")  # any case: Excel compares sheet names case-insensitively
    notes["A1"] = "Temuan auditor"
    wb.save(path)
    return path


def _annotate(src: Path, dst: Path, method: str) -> Path:
    result = api.check_file(src, Settings(annotate=False))
    assert result.error is None
    return write_annotated(result, dst, method=method, fallback=False)


# Our sheets and their roles when the office already has a Ringkasan and a temuan sheet.
OURS = {"Ringkasan (kinerja-xl)": "ringkasan", "Temuan (kinerja-xl)": "temuan", "Rincian": "rincian"}


def _markers(path: Path) -> dict[str, str]:
    wb = openpyxl.load_workbook(path)
    return marked_sheets((n, dn.attr_text or "") for n, dn in wb.defined_names.items())


@pytest.mark.parametrize("method", METHODS)
def test_office_ringkasan_and_temuan_sheets_are_kept_ours_take_free_names(tmp_path, method):
    src = _office_workbook(tmp_path / "kantor-2024.xlsx")
    out = _annotate(src, tmp_path / "kantor-2024.checked.xlsx", method)
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["Ringkasan (kinerja-xl)", "Temuan (kinerja-xl)", "Rincian", "IKU", "Ringkasan", "temuan"]
    assert (wb["Ringkasan"]["A1"].value, wb["Ringkasan"]["B2"].value) == ("Ringkasan milik kantor", "=IKU!B7*2")
    assert wb["temuan"]["A1"].value == "Temuan auditor"
    assert _markers(out) == OURS
    temuan = wb["Temuan (kinerja-xl)"]
    assert any("KX101" in str(c.value) for row in temuan.iter_rows() for c in row)


@pytest.mark.parametrize("method", METHODS)
def test_rerun_replaces_only_our_sheets_even_renamed(tmp_path, method):
    src = _office_workbook(tmp_path / "kantor-2024.xlsx")
    first = _annotate(src, tmp_path / "first.xlsx", method)
    wb = openpyxl.load_workbook(first)
    wb["Temuan (kinerja-xl)"].title = "Temuan lama"  # someone renamed our sheet in Excel, which
    wb.defined_names["kinerjaxl_temuan"].attr_text = "'Temuan lama'!$A$1"  # rewrites the reference too
    wb.save(tmp_path / "renamed.xlsx")
    assert _markers(tmp_path / "renamed.xlsx")["Temuan lama"] == "temuan"
    second = _annotate(tmp_path / "renamed.xlsx", tmp_path / "second.xlsx", method)
    names = openpyxl.load_workbook(second).sheetnames
    assert names == ["Ringkasan (kinerja-xl)", "Temuan (kinerja-xl)", "Rincian", "IKU", "Ringkasan", "temuan"]
    assert _markers(second) == OURS


@pytest.mark.parametrize("method", METHODS)
def test_plain_names_when_free_and_rerun_keeps_one_pair(tmp_path, method):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "IKU"
    write_block(ws, row=3, labels=["Kode IKU : 1a-CP"])
    write_summary(wb.create_sheet("Tabel 1"), rows=[["1a-CP", "Indeks Uji", 40, 44, 110]])
    wb.save(tmp_path / "a.xlsx")
    first = _annotate(tmp_path / "a.xlsx", tmp_path / "b.xlsx", method)
    assert openpyxl.load_workbook(first).sheetnames == ["Ringkasan", "Temuan", "Rincian", "IKU", "Tabel 1"]
    second = _annotate(first, tmp_path / "c.xlsx", method)
    assert openpyxl.load_workbook(second).sheetnames == ["Ringkasan", "Temuan", "Rincian", "IKU", "Tabel 1"]


@libreoffice_input("own-sheets:annotated")
def _annotated_office_workbook(folder: Path) -> Path:
    src = _office_workbook(folder / "kantor-2024.xlsx")
    return _annotate(src, folder / "kantor-2024.checked.xlsx", METHODS[0])


def test_marker_survives_a_libreoffice_resave(tmp_path):
    back = libreoffice_resaved("own-sheets:annotated", tmp_path)  # _annotated_office_workbook, re-saved
    assert back.name == "kantor-2024.checked.xlsx"
    assert _markers(back) == OURS
    from kinerja_xl.outputs import package_marker

    assert package_marker(back) == "checked"  # the file-level marker too
    again = _annotate(back, tmp_path / "again.xlsx", METHODS[0])
    assert openpyxl.load_workbook(again).sheetnames[-3:] == ["IKU", "Ringkasan", "temuan"]
    assert openpyxl.load_workbook(again)["Ringkasan"]["A1"].value == "Ringkasan milik kantor"


def test_free_sheet_names_stay_within_31_characters_and_avoid_every_taken_name():
    assert free_sheet_name("Ringkasan", ["IKU"]) == "Ringkasan"
    assert free_sheet_name("Ringkasan", ["RINGKASAN"]) == "Ringkasan (kinerja-xl)"
    assert free_sheet_name("Ringkasan", ["ringkasan", "Ringkasan (kinerja-xl)"]) == "Ringkasan (kinerja-xl 2)"
    long = free_sheet_name("Perbaikan yang sangat panjang sekali", ["Perbaikan yang sangat panjang s"])
    assert len(long) <= 31 and long.endswith("(kinerja-xl)")
    planned = plan_sheets(["Perbaikan"], [("perbaikan", "Perbaikan")])
    assert [(s.name, s.marker, s.reference) for s in planned] == [
        ("Perbaikan (kinerja-xl)", "kinerjaxl_perbaikan", "'Perbaikan (kinerja-xl)'!$A$1")
    ]
    assert sheet_of_reference("'It''s ours'!$A$1") == "It's ours"
    assert sheet_of_reference("Temuan!$A$1") == "Temuan" and sheet_of_reference("#REF!") is None


@pytest.mark.parametrize("method", METHODS)
def test_text_over_excel_cell_limit_is_cut_in_temuan_and_comments(tmp_path, method):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "IKU"
    huge = ("teks panjang " * 2600)[:32760]  # fits a cell; our message quoting it does not
    write_block(ws, row=3, labels=["Kode IKU : 1a-CP"], values={"target": [huge, 20, 20, 30, 30, 40, 40]})
    wb.save(tmp_path / "panjang-2024.xlsx")
    out = _annotate(tmp_path / "panjang-2024.xlsx", tmp_path / "out.xlsx", method)
    book = openpyxl.load_workbook(out)
    assert book["IKU"]["B7"].value == huge  # the input cell itself is untouched
    comment = book["IKU"]["B7"].comment
    assert comment is not None and "KX010" in comment.text
    assert len(comment.text) <= EXCEL_CELL_CHARS and comment.text.endswith("…")
    texts = [c.value for row in book["Temuan"].iter_rows() for c in row if isinstance(c.value, str)]
    cut = [t for t in texts if t.startswith(("Sel berisi teks", "Cell holds"))]
    assert cut and all(len(t) <= EXCEL_CELL_CHARS for t in texts) and cut[0].endswith("…")


def test_thousands_of_tiny_blocks_each_finding_cell_gets_its_fill_and_comment(tmp_path):
    """The 10,000-tiny-blocks case (time measured by benchmarks/bench_comments.py), at 200 blocks."""
    import zipfile

    import xlsxwriter

    blocks = 200
    src = tmp_path / "banyak-2024.xlsx"
    book = xlsxwriter.Workbook(str(src))
    ws = book.add_worksheet("IKU")
    ws.write(0, 0, "MONITORING CAPAIAN IKU KPKNL BANYAK TAHUN 2024")
    wrong = []
    for n in range(blocks):
        row = 2 + 7 * n
        ws.write(row, 1, f"Nama IKU : Indikator {n} (1a-CP{n})")
        ws.write_row(row + 1, 0, ["T/R", "Q1", "Q2", "Sm.I", "Q3", "s.d. Q3", "Q4", "Y-24", "Pol/ K P"])
        ws.write_row(row + 2, 0, ["Target", *[100] * 7, "Max/TLK"])
        ws.write_row(row + 3, 0, ["Realisasi", *[90] * 7])
        ws.write_row(row + 4, 0, ["Capaian", 95, *[90] * 6])
        ws.write_row(row + 5, 0, ["Nilai Kinerja", *[90] * 7])
        wrong.append(f"B{row + 5}")
        if n % 10 == 0:  # an office's own comment on some of the wrong cells
            ws.write_comment(row + 4, 1, f"catatan kantor {n}")
    book.close()
    out = _annotate(src, tmp_path / "banyak.checked.xlsx", "package")
    notes, fills = _comments_and_fills(out, "IKU", set(wrong))
    for n, coord in enumerate(wrong):
        text = notes[coord]
        assert "KX101" in text, coord
        if n % 10 == 0:
            assert text.startswith(f"catatan kantor {n}"), coord
        assert fills[coord].fgColor.rgb.endswith("FFC7CE"), coord
    with zipfile.ZipFile(out) as z:
        vml = "".join(z.read(n).decode() for n in z.namelist() if n.endswith(".vml"))
        comments = "".join(z.read(n).decode() for n in z.namelist() if "comments" in n and n.endswith(".xml"))
    refs = re.findall(r'<comment ref="([A-Z]+\d+)"', comments)
    assert len(refs) == len(set(refs)) and set(wrong) <= set(refs)
    assert vml.count("<v:shape ") == len(refs)  # one note box per comment


def _comments_and_fills(path: Path, title: str, coords: set[str]) -> tuple[dict[str, str], dict[str, Any]]:
    """The comment texts of sheet ``title`` (as a full openpyxl load reads them: the sheet's comments
    part through its relationships) and the fills of ``coords`` (a read-only load); a full load of
    this copy took most of the test's time."""
    import zipfile

    from openpyxl.comments.comment_sheet import CommentSheet
    from openpyxl.packaging.relationship import get_dependents, get_rels_path
    from openpyxl.xml.constants import COMMENTS_NS
    from openpyxl.xml.functions import fromstring

    book = openpyxl.load_workbook(path, read_only=True)
    try:
        ws = book[title]
        fills = {
            c.coordinate: c.fill for row in ws.iter_rows() for c in row if getattr(c, "coordinate", None) in coords
        }
        with zipfile.ZipFile(path) as z:
            rels = get_dependents(z, get_rels_path(ws._worksheet_path))
            notes = {
                ref: comment.text
                for r in rels.find(COMMENTS_NS)
                for ref, comment in CommentSheet.from_tree(fromstring(z.read(r.target))).comments
            }
    finally:
        book.close()
    return notes, fills
