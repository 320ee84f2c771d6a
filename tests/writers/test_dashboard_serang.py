"""The Serang sample's copy as its head of office reads it (issue 19): the three IKU scored under a
Pol/KP label their numbers contradict (KX021) are marked in every period with a note of what they
score under the other polarisasi; their Rincian rows link to the Pol/KP finding; the NKO box."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from kinerja_xl import api
from kinerja_xl.config import Settings
from kinerja_xl.findings import format_number
from kinerja_xl.model import PERIODS

ROOT = Path(__file__).resolve().parents[2]
SERANG = ROOT / "samples" / "kpknl-serang-2024-q4.xlsx"
LABELLED = ("6a-CP", "7a-CP", "9b-CP")  # label Max, numbers Min


@pytest.fixture(scope="module", params=["package", "openpyxl"])
def serang(request, tmp_path_factory):
    out = tmp_path_factory.mktemp("serang")
    run = api.check([SERANG], Settings(out_dir=out))
    fr = run.files[0]
    if request.param == "openpyxl":
        from kinerja_xl.writers.annotate import write_annotated

        write_annotated(fr, out / "via-openpyxl.xlsx", method="openpyxl")
        return fr, openpyxl.load_workbook(out / "via-openpyxl.xlsx")
    return fr, openpyxl.load_workbook(fr.output)


def _row_of(ws, text: str, col: int = 1) -> int:
    for r in range(1, ws.max_row + 1):
        v = ws.cell(r, col).value
        if isinstance(v, str) and v.split(" ")[0] == text:
            return r
    raise AssertionError(f"{text} not in column {col} of {ws.title}")


@pytest.mark.parametrize("code", LABELLED)
def test_every_period_cell_of_a_relabelled_iku_is_marked_with_a_note(serang, code):
    fr, wb = serang
    ws = wb["Ringkasan"]
    row = _row_of(ws, code)
    polkp = next(f.cell for f in fr.findings if f.code == "KX021" and f.iku == code)
    for col, period in enumerate(PERIODS, 5):
        cell = ws.cell(row, col)
        own = [f.cell.coord for f in fr.findings if f.iku == code and f.period == period and f.cell]
        # the period's own finding when it has one, else the Pol/KP label's
        assert cell.hyperlink is not None and cell.hyperlink.location.split("!")[1] in (own or [polkp.coord])
        note = cell.comment.text
        assert f"dinilai menurut label Max/TLK: {format_number(cell.value)}" in note
        assert "Menurut Min (rumus yang diikuti capaian tertulis)" in note
    assert ws.cell(row, 5 + PERIODS.index("Y")).value == 0  # a red 0,00 under its label


def test_the_printed_note_under_the_matrix_says_the_other_nilai(serang):
    _, wb = serang
    ws = wb["Ringkasan"]
    texts = [ws.cell(r, 1).value for r in range(1, ws.max_row + 1)]
    note = next(t for t in texts if isinstance(t, str) and t.startswith("6a-CP: label Max/TLK"))
    assert "mengikuti Min (KX021)" in note and "Y 120,00" in note


@pytest.mark.parametrize("code", LABELLED)
def test_rincian_rows_of_a_relabelled_iku_link_to_the_polkp_finding(serang, code):
    fr, wb = serang
    ws = wb["Rincian"]
    polkp = next(f.cell for f in fr.findings if f.code == "KX021" and f.iku == code)
    rows = [r for r in range(2, ws.max_row + 1) if ws.cell(r, 1).value == code]
    assert rows
    for r in rows:
        cell = ws.cell(r, 13)
        assert "KX021" in cell.value
        if cell.value == "KX021":
            assert cell.hyperlink.location.endswith(f"!{polkp.coord}")


def test_the_nko_box_shows_written_recomputed_and_corrected_with_their_predikat(serang):
    _, wb = serang
    ws = wb["Ringkasan"]
    heads = [ws.cell(2, c).value for c in range(4, 12)]
    assert heads == [
        "NKO",
        "Tertulis",
        "Predikat",
        "Hitung ulang",
        "Predikat",
        "Label Pol/KP dibetulkan",
        "Predikat",
        "Predikat berubah?",
    ]
    rows = {ws.cell(r, 4).value: [ws.cell(r, c).value for c in range(5, 12)] for r in (3, 4)}
    written, pred_w, recomputed, pred_r, relabelled, pred_l, change = rows["Y"]
    assert (round(written, 2), pred_w) == (115.67, "Istimewa")
    assert (round(recomputed, 2), pred_r) == (100.87, "Istimewa")
    assert (round(relabelled, 2), pred_l) == (114.87, "Istimewa")
    assert change == "tetap"
    assert rows["Q4"][0] == "tidak tertulis"


def test_the_verdict_names_the_written_and_the_recomputed_nko(serang):
    _, wb = serang
    ws = wb["Ringkasan"]
    texts = [ws.cell(r, 1).value for r in range(1, 12)]
    assert (
        "33 kesalahan: NKO tertulis 115,67 belum sesuai hasil hitung ulang 100,87. "
        "Perbaiki sebelum diunggah ke e-Performance." in texts
    )


def test_kx203_says_written_and_should_be_first(serang):
    fr, _ = serang
    f = next(f for f in fr.findings if f.code == "KX203")
    assert f.message("id").startswith("NKO tertulis 115,67, seharusnya 100,87")
    assert f.message("en").startswith("NKO written 115.67, should be 100.87")


def test_a_predikat_that_changes_is_said_in_the_box():
    from kinerja_xl.headline import Headline, NkoLine
    from kinerja_xl.writers.dashboard import _nko_box
    from kinerja_xl.writers.summary_sheet import SheetSpec

    line = NkoLine("Y", 85.0, "Baik", "kuning", written=101.0, written_predikat="Istimewa")
    assert line.predikat_changes and line.predikats == ["Istimewa", "Baik"]
    sp = SheetSpec("Ringkasan")
    _nko_box(sp, Headline("KPKNL", 2024, "Y", None, nko=[line]), "id")
    values = [v for _, v, _ in sp.rows[3]]
    assert "Istimewa → Baik" in values
    assert 16.0 in values  # written - recomputed, without KX021


def test_rincian_rows_are_top_aligned_and_as_tall_as_their_wrapped_name(serang):
    _, wb = serang
    ws = wb["Rincian"]
    row = next(r for r in range(2, ws.max_row + 1) if ws.cell(r, 1).value == "1a-CP")  # a two-line name
    assert ws.row_dimensions[row].height >= 30
    for col in range(1, 14):
        cell = ws.cell(row, col)
        if cell.value is not None:
            assert cell.alignment.vertical == "top", cell.coordinate


def test_temuan_rows_top_aligned_the_message_kept_off_the_numbers(serang):
    _, wb = serang
    ws = wb["Temuan"]
    row = next(r for r in range(2, ws.max_row + 1) if ws.cell(r, 2).value == "KX104")
    assert all(ws.cell(row, c).alignment.vertical == "top" for c in (1, 5, 9, 10))
    assert ws.cell(row, 10).alignment.indent == 1  # Seharusnya (right-aligned) does not touch Pesan
    assert ws.row_dimensions[row].height >= 30


def test_no_minus_zero():
    assert format_number(-0.001) == "0,00" and format_number(-0.001, "en") == "0.00"
    assert format_number(-0.006) == "-0,01"
