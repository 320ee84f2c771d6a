"""Formula injection: text from the input is stored as text in every cell kinerja-xl writes."""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl
import pytest

from kinerja_xl.api import BATCH_NAME, check
from kinerja_xl.config import Settings

HYPERLINK = '=HYPERLINK("http://x","y")'
DDE = "+cmd|' /C calc'!A0"
AT = "@SUM(1)"
MINUS = "-2+3+cmd|' /C calc'!A0"
PAYLOADS = (HYPERLINK, DDE, AT, MINUS)
# File names are input too (the batch summary lists them); '/' cannot be in a name.
FILE_NAMES = ("=1+1.xlsx", "@SUM(1).xlsx")


def text(ws, coord: str, value: str) -> None:
    """Store value as text even when it starts with '=' (as Excel does for a quote-prefixed entry)."""
    ws[coord] = value
    ws[coord].data_type = "s"


def hostile_workbook(path: Path) -> Path:
    """Two IKU blocks and a summary table whose unit, SS and IKU names and texts are payloads."""
    wb = openpyxl.Workbook()
    summary = wb.active
    summary.title = "Tabel 1"
    summary["A1"] = "LAPORAN KINERJA TAHUN 2024"
    summary.append([])
    summary.append(["Kode SS/IKU", "Sasaran Strategis/Indikator Kinerja Utama", "Target", "Realisasi", "Nilai"])
    summary.append(["Stakeholder Perspective (100%)"])
    summary.append(["1"])
    text(summary, "B5", HYPERLINK)
    for i, (code, name) in enumerate((("1a-CP", DDE), ("1b-CP", AT)), start=6):
        summary[f"A{i}"] = code
        text(summary, f"B{i}", name)
        summary[f"C{i}"], summary[f"D{i}"], summary[f"E{i}"] = 100, 150, 999  # Nilai wrong on purpose
    ws = wb.create_sheet("IKU")
    for b, (_code, name) in enumerate((("1a-CP", DDE), ("1b-CP", AT))):
        top = 1 + b * 8
        text(ws, f"A{top}", AT if b == 0 else MINUS)  # the unit name
        text(ws, f"B{top}", f"Nama Sasaran Strategis : {HYPERLINK}")
        text(ws, f"B{top + 1}", f"Nama IKU : {name}")
        ws.append([])
        for col, label in enumerate(["T/R", "Q1", "Q2", "Sm.I", "Q3", "s.d. Q3", "Q4", "Y-24", "Pol/ K P"], 1):
            ws.cell(top + 2, col, label)
        rows = {
            "Target": [100] * 7,
            "Realisasi": [90, 95, 95, 100, 100, 150, 150],
            "Capaian": [90, 95, 95, 100, 100, 250, 150],
            "Nilai Kinerja": [90, 95, 95, 100, 100, 120, 130],
        }
        for r, (label, values) in enumerate(rows.items(), start=top + 3):
            ws.cell(r, 1, label)
            for col, v in enumerate(values, 2):
                ws.cell(r, col, v)
        text(ws, f"I{top + 3}", DDE)  # an unknown Pol/KP: its text goes into a message
        text(ws, f"C{top + 4}", HYPERLINK)  # text in a value cell: quoted in KX010's message
    wb.save(path)
    return path


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    folder = tmp_path_factory.mktemp("inject")
    first = hostile_workbook(folder / FILE_NAMES[0])
    shutil.copy(first, folder / FILE_NAMES[1])
    out = folder / "out"
    result = check([folder], Settings(out_dir=out))
    return result, out


def _cells(path: Path, sheets=None):
    wb = openpyxl.load_workbook(path)
    for ws in wb.worksheets:
        if sheets is None or ws.title in sheets:
            for row in ws.iter_rows():
                for c in row:
                    if c.value is not None:
                        yield ws.title, c


def test_the_run_read_both_files(run):
    result, out = run
    assert [f.error for f in result.files] == [None, None]
    assert all(f.output is not None and f.output.parent == out for f in result.files)


@pytest.mark.parametrize("which", [0, 1])
def test_payloads_stay_text_in_the_annotated_copy(run, which):
    result, _ = run
    from kinerja_xl.writers.summary_sheet import SHEET_NAMES

    path = result.files[which].output
    seen = set()
    for sheet, c in _cells(path):
        if isinstance(c.value, str) and any(p in c.value for p in PAYLOADS + FILE_NAMES):
            assert c.data_type == "s", f"{sheet}!{c.coordinate} = {c.value!r} stored as {c.data_type}"
            if sheet in SHEET_NAMES:
                seen.add(sheet)
        # Nothing we add is a formula at all.
        if sheet in SHEET_NAMES:
            assert c.data_type != "f", f"{sheet}!{c.coordinate} = {c.value!r}"
    # The payloads did reach our sheets (else this test would prove nothing).
    assert seen == set(SHEET_NAMES)


def test_comments_hold_the_payloads_as_plain_text(run):
    result, _ = run
    wb = openpyxl.load_workbook(result.files[0].output)
    comments = [c.comment.text for c in wb["IKU"]._cells.values() if c.comment]
    assert any(HYPERLINK in t for t in comments)  # KX010 quotes the text it found
    # The commented input cells themselves are unchanged text.
    assert wb["IKU"]["C5"].data_type == "s" and wb["IKU"]["C5"].value == HYPERLINK


def test_payloads_and_file_names_stay_text_in_the_batch_summary(run):
    result, out = run
    batch = out / BATCH_NAME
    assert result.batch == batch and batch.is_file()
    found = set()
    for sheet, c in _cells(batch):
        assert c.data_type != "f", f"{sheet}!{c.coordinate} = {c.value!r}"
        if isinstance(c.value, str):
            found |= {p for p in PAYLOADS + FILE_NAMES if p in c.value}
    assert set(FILE_NAMES) <= found
