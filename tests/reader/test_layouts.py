"""Layouts offices really use, written with openpyxl and with xlsxwriter: blocks side by side
(touching or one blank column apart, 0-3 rows apart), alone on a sheet (tab name as code),
merged name cells, label rows in another column, blocks from column B or C, several sheets."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl
import pytest
import xlsxwriter
from openpyxl.utils import get_column_letter

from kinerja_xl.reader import read_workbook

from .conftest import codes

Cells = dict[tuple[int, int], Any]
PERIOD_LABELS = ["T/R", "Q1", "Q2", "Sm.I", "Q3", "s.d. Q3", "Q4", "Y-24", "Pol/ K P"]


def block(
    row: int,
    col: int,
    code: str | None,
    name: str,
    *,
    target: float = 10,
    labels: list[tuple[str, Any]] = (),
    label_col: int = 1,
    unit: str | None = "KPKNL UJI",
    polkp: str = "Max/TLK",
) -> tuple[Cells, int]:
    """One block whose first label row is ``row`` and T/R column ``col``; returns (cells, header row).

    labels: extra (label, value) rows; the value shares the label's cell ("Bobot : 12").
    label_col: offset of the label cells from the T/R column.
    """
    cells: Cells = {}
    r = row
    rows = ([("Kode IKU", code)] if code else []) + list(labels)
    for label, value in rows:
        cells[(r, col + label_col)] = f"{label} : {value}"
        r += 1
    if unit:
        cells[(r, col)] = unit
    cells[(r, col + label_col)] = f"Nama Sasaran Strategis : SS {name}"
    cells[(r + 1, col + label_col)] = f"Nama IKU : {name}"
    header = r + 2
    for i, label in enumerate(PERIOD_LABELS):
        cells[(header, col + i)] = label
    values = {
        "Target": [target] * 7,
        "Realisasi": [target * 1.1] * 7,
        "Capaian": [110] * 7,
        "Nilai Kinerja": [110] * 7,
    }
    for k, (label, vals) in enumerate(values.items()):
        cells[(header + 1 + k, col)] = label
        for i, v in enumerate(vals):
            cells[(header + 1 + k, col + 1 + i)] = round(v, 4)
    cells[(header + 1, col + 8)] = polkp
    return cells, header


def write(
    path: Path,
    sheets: dict[str, Cells],
    writer: str,
    merges: dict[str, list[tuple[int, int, int, int]]] | None = None,
) -> Path:
    """Write sheets of cells (1-based) with openpyxl or xlsxwriter; merges: (r1, c1, r2, c2)."""
    merges = merges or {}
    if writer == "openpyxl":
        wb = openpyxl.Workbook()
        wb.remove(wb.active)
        for title, cells in sheets.items():
            ws = wb.create_sheet(title)
            for (r, c), v in cells.items():
                ws.cell(r, c, v)
            for r1, c1, r2, c2 in merges.get(title, []):
                ws.merge_cells(f"{get_column_letter(c1)}{r1}:{get_column_letter(c2)}{r2}")
        wb.save(path)
    else:
        wb = xlsxwriter.Workbook(str(path))
        for title, cells in sheets.items():
            ws = wb.add_worksheet(title)
            merged = {}
            for r1, c1, r2, c2 in merges.get(title, []):
                merged[(r1, c1)] = (r2, c2)
            for (r, c), v in cells.items():
                if (r, c) in merged:
                    r2, c2 = merged[(r, c)]
                    ws.merge_range(r - 1, c - 1, r2 - 1, c2 - 1, v)
                else:
                    ws.write(r - 1, c - 1, v)
        wb.close()
    return path


def merged(*parts: Cells) -> Cells:
    out: Cells = {}
    for p in parts:
        overlap = set(out) & set(p)
        assert not overlap, f"test layout overlaps at {sorted(overlap)[:3]}"
        out.update(p)
    return out


WRITERS = ["openpyxl", "xlsxwriter"]


def ikus_by_code(model) -> dict[str | None, Any]:
    return {i.code: i for i in model.ikus}


@pytest.mark.parametrize("writer", WRITERS)
@pytest.mark.parametrize("gap", [0, 1], ids=["touching", "one-blank-column"])
@pytest.mark.parametrize("offset", [0, 1, 2, 3])
def test_blocks_side_by_side_keep_their_own_labels(tmp_path, writer, gap, offset):
    left_col, right_col = 1, 1 + 9 + gap  # A..I and K..S (or J..R when touching)
    cells, _ = block(1, left_col, "1a-CP", "Kiri", target=10, labels=[("Seksi", "Seksi Kiri"), ("Bobot", 12)])
    right, right_header = block(
        1 + offset, right_col, "1b-CP", "Kanan", target=5, labels=[("Seksi", "Seksi Kanan"), ("Bobot", 8)]
    )
    below, _ = block(12, left_col, "2a-CP", "Bawah", target=3)
    below_right, _ = block(12 + offset, right_col, "2b-CP", "Bawah Kanan", target=4)
    path = write(tmp_path / "uji-2024.xlsx", {"IKU": merged(cells, right, below, below_right)}, writer)
    model = read_workbook(path)
    by_code = ikus_by_code(model)
    assert sorted(by_code, key=str) == ["1a-CP", "1b-CP", "2a-CP", "2b-CP"]
    left, right_iku = by_code["1a-CP"], by_code["1b-CP"]
    assert (left.name, left.ss_name, left.meta.seksi, left.meta.bobot) == ("Kiri", "SS Kiri", "Seksi Kiri", 12)
    assert (right_iku.name, right_iku.ss_name, right_iku.meta.seksi, right_iku.meta.bobot) == (
        "Kanan",
        "SS Kanan",
        "Seksi Kanan",
        8,
    )
    assert right_iku.number("target", "Q1") == 5
    assert right_iku.value("target", "Q1").cell.coord == f"{get_column_letter(right_col + 1)}{right_header + 1}"
    assert left.period_cells["Pol/KP"].coord == f"I{left.header_cell.coord[1:]}"
    assert (by_code["2a-CP"].name, by_code["2b-CP"].name) == ("Bawah", "Bawah Kanan")
    assert by_code["2b-CP"].number("target", "Y") == 4
    assert model.findings == []


@pytest.mark.parametrize("writer", WRITERS)
def test_side_by_side_right_block_without_kode_is_not_given_the_left_code(tmp_path, writer):
    left, _ = block(1, 1, "1a-CP", "Kiri", labels=[("Bobot", 12), ("Validitas", "Exact"), ("Kendali", "Low")])
    right, _ = block(3, 11, None, "Kanan")
    model = read_workbook(write(tmp_path / "uji-2024.xlsx", {"IKU": merged(left, right)}, writer))
    right_iku = next(i for i in model.ikus if i.name == "Kanan")
    assert right_iku.code is None
    assert (right_iku.meta.bobot, right_iku.meta.validitas, right_iku.meta.kendali) == (None, None, None)


@pytest.mark.parametrize("writer", WRITERS)
@pytest.mark.parametrize("tab", ["3a-CP", "IKU 3a-CP", "IKU_3a-CP", "iku-3a-CP"])
def test_single_block_sheet_takes_code_from_tab(tmp_path, writer, tab):
    cells, _ = block(1, 1, None, "Indeks Tab")
    model = read_workbook(write(tmp_path / "uji-2024.xlsx", {tab: cells}, writer))
    assert [(i.code, i.name, i.sheet) for i in model.ikus] == [("3a-CP", "Indeks Tab", tab)]


@pytest.mark.parametrize("writer", WRITERS)
def test_tab_name_not_used_when_labels_name_a_code_or_sheet_holds_two_blocks(tmp_path, writer):
    one, _ = block(1, 1, "1a-CP", "Berlabel")
    two_a, _ = block(1, 1, None, "Pertama")
    two_b, _ = block(12, 1, None, "Kedua")
    plain, _ = block(1, 1, None, "Tanpa Kode")
    sheets = {"3a-CP": one, "4a-CP": merged(two_a, two_b), "Rekap IKU": plain}
    model = read_workbook(write(tmp_path / "uji-2024.xlsx", sheets, writer))
    assert [(i.sheet, i.code) for i in model.ikus] == [
        ("3a-CP", "1a-CP"),
        ("4a-CP", None),
        ("4a-CP", None),
        ("Rekap IKU", None),
    ]


@pytest.mark.parametrize("writer", WRITERS)
def test_merged_name_cells_across_the_block(tmp_path, writer):
    cells, _ = block(1, 1, "1a-CP", "Nama Panjang Yang Digabung")
    right, _ = block(1, 11, "1b-CP", "Kanan Digabung")
    # Kode row 1, SS row 2, Nama IKU row 3 (merged B..I), same on the right (L..S)
    merges = {"IKU": [(1, 2, 1, 9), (2, 2, 2, 9), (3, 2, 3, 9), (1, 12, 1, 19), (2, 12, 2, 19), (3, 12, 3, 19)]}
    model = read_workbook(write(tmp_path / "uji-2024.xlsx", {"IKU": merged(cells, right)}, writer, merges))
    assert [(i.code, i.name, i.ss_name) for i in model.ikus] == [
        ("1a-CP", "Nama Panjang Yang Digabung", "SS Nama Panjang Yang Digabung"),
        ("1b-CP", "Kanan Digabung", "SS Kanan Digabung"),
    ]
    assert model.findings == []


@pytest.mark.parametrize("writer", WRITERS)
@pytest.mark.parametrize("label_col", [0, 2, 3], ids=["in-T/R-column", "two-right", "three-right"])
def test_label_rows_in_another_column(tmp_path, writer, label_col):
    cells, _ = block(1, 1, "1a-CP", "Label Bergeser", labels=[("Bobot", 15)], label_col=label_col, unit=None)
    right, _ = block(1, 11, "1b-CP", "Kanan Bergeser", labels=[("Bobot", 5)], label_col=label_col, unit=None)
    model = read_workbook(write(tmp_path / "uji-2024.xlsx", {"IKU": merged(cells, right)}, writer))
    assert [(i.code, i.name, i.meta.bobot) for i in model.ikus] == [
        ("1a-CP", "Label Bergeser", 15),
        ("1b-CP", "Kanan Bergeser", 5),
    ]


@pytest.mark.parametrize("writer", WRITERS)
@pytest.mark.parametrize("start", [2, 3], ids=["column-B", "column-C"])
def test_blocks_starting_in_column_b_or_c(tmp_path, writer, start):
    cells, header = block(2, start, "1a-CP", "Mulai Geser")
    right, _ = block(2, start + 10, "1b-CP", "Kanan Geser", target=7)
    model = read_workbook(write(tmp_path / "uji-2024.xlsx", {"IKU": merged(cells, right)}, writer))
    first, second = model.ikus
    assert (first.code, first.name, first.header_cell.coord) == (
        "1a-CP",
        "Mulai Geser",
        f"{get_column_letter(start)}{header}",
    )
    assert (second.code, second.number("target", "Q4")) == ("1b-CP", 7)
    assert model.unit == "KPKNL UJI"
    assert model.findings == []


def _summary(rows: list[list[Any]]) -> Cells:
    cells: Cells = {}
    header = ["Kode SS/IKU", "Sasaran Strategis/Indikator Kinerja Utama", "Target", "Realisasi", "Nilai"]
    for i, h in enumerate(header):
        cells[(1, 1 + i)] = h
    for k, values in enumerate(rows):
        for i, v in enumerate(values):
            if v is not None:
                cells[(2 + k, 1 + i)] = v
    return cells


@pytest.mark.parametrize("writer", WRITERS)
def test_sheet_per_section_plus_summary_sheet(tmp_path, writer):
    """Each section's sheet holds its blocks (side by side); one summary sheet links codes to SS."""
    umum_a, _ = block(1, 1, None, "Indeks Umum")
    umum_b, _ = block(1, 11, None, "Persentase Umum", target=20)
    lelang_a, _ = block(1, 1, "2a-CP", "Frekuensi Lelang", target=30)
    summary = _summary(
        [
            ["Stakeholder Perspective (100%)"],
            [1, "SS Satu"],
            ["1a-CP", "Indeks Umum", 10, 11, 110],
            ["1b-CP", "Persentase Umum", 20, 22, 110],
            [2, "SS Dua"],
            ["2a-CP", "Frekuensi Lelang", 30, 33, 110],
        ]
    )
    sheets = {"Ringkasan": summary, "Umum": merged(umum_a, umum_b), "Lelang": lelang_a}
    model = read_workbook(write(tmp_path / "uji-2024.xlsx", sheets, writer))
    assert [(i.sheet, i.code, i.name) for i in model.ikus] == [
        ("Umum", "1a-CP", "Indeks Umum"),
        ("Umum", "1b-CP", "Persentase Umum"),
        ("Lelang", "2a-CP", "Frekuensi Lelang"),
    ]
    assert [(i.ss, i.perspective) for i in model.ikus] == [
        ("1", "Stakeholder"),
        ("1", "Stakeholder"),
        ("2", "Stakeholder"),
    ]
    assert codes(model) == []


@pytest.mark.parametrize("writer", WRITERS)
def test_several_sheets_of_blocks_side_by_side_each_own_code(tmp_path, writer):
    sheets = {}
    expected = []
    for s in range(3):
        parts = []
        for k in range(4):
            row, col = 1 + (k // 2) * 11, 1 + (k % 2) * 10
            code = f"{s + 1}{'abcd'[k]}-CP"
            cells, _ = block(row + (k % 2), col, code, f"IKU {code}", target=s * 10 + k + 1)
            parts.append(cells)
            expected.append((f"S{s}", code, s * 10 + k + 1))
        sheets[f"S{s}"] = merged(*parts)
    model = read_workbook(write(tmp_path / "uji-2024.xlsx", sheets, writer))
    assert [(i.sheet, i.code, i.number("target", "Q1")) for i in model.ikus] == expected
    assert all(i.name == f"IKU {i.code}" for i in model.ikus)
    assert model.findings == []


@pytest.mark.parametrize("writer", WRITERS)
def test_q2_report_side_by_side_tlk_y_is_na_end_to_end(tmp_path, writer):
    """Issue 9 points 1 and 7 through `check --format json`: a Q2 report, two blocks side by side;
    the right one (T 25/50/75/100, R 20/45/-/-) has Y and s.d. Q3 N/A, so NKO Y is the left one's."""
    import json

    from typer.testing import CliRunner

    from kinerja_xl.cli import app

    left, _ = block(1, 1, "1a-CP", "Kiri", target=100)  # R 110 everywhere: Nilai 110
    right, header = block(1, 11, "1b-CP", "Kanan")
    periods = {"Target": [25, 50, 50, 75, 75, 100, 100], "Realisasi": [20, 45, 45, None, None, None, None]}
    periods["Capaian"] = [80, 90, 90, None, None, None, 45]  # Y typed as 45/100: the old reading
    periods["Nilai Kinerja"] = [80, 90, 90, None, None, None, 45]
    for k, vals in enumerate(periods.values()):
        for i, v in enumerate(vals):
            if v is None:
                right.pop((header + 1 + k, 12 + i), None)
            else:
                right[(header + 1 + k, 12 + i)] = v
    path = write(tmp_path / "kinerja-2024-q2.xlsx", {"IKU": merged(left, right)}, writer)
    res = CliRunner().invoke(app, ["check", str(path), "--format", "json", "--no-annotate"])
    doc = json.loads(res.stdout)["files"][0]
    by_code = {i["code"]: i["periods"] for i in doc["ikus"]}
    assert sorted(by_code) == ["1a-CP", "1b-CP"]
    assert by_code["1b-CP"]["Sm.I"]["nilai"] == pytest.approx(90)
    assert [by_code["1b-CP"][p]["nilai"] for p in ("s.d. Q3", "Y")] == [None, None]
    assert doc["nko"]["Y"] == pytest.approx(110)
    assert doc["nko"]["Sm.I"] == pytest.approx(100)


def _split_labels(cells: Cells, how: str) -> Cells:
    """The block's 'Label : value' cells split as offices type them: 'Label' | ': value',
    'Label' | ':' | 'value', or 'Label :' | 'value'."""
    out: Cells = {}
    for (r, c), v in cells.items():
        if isinstance(v, str) and " : " in v:
            label, value = v.split(" : ", 1)
            if how == "colon-with-value":
                out[(r, c)], out[(r, c + 1)] = label, f": {value}"
            elif how == "colon-alone":
                out[(r, c)], out[(r, c + 1)], out[(r, c + 2)] = label, ":", value
            else:
                out[(r, c)], out[(r, c + 1)] = f"{label} :", value
        else:
            out[(r, c)] = v
    return out


@pytest.mark.parametrize("writer", WRITERS)
@pytest.mark.parametrize("how", ["colon-with-value", "colon-alone", "colon-in-label"])
def test_label_and_value_in_separate_cells(tmp_path, writer, how):
    left, _ = block(1, 1, "1a-CP", "Indeks Kiri", labels=[("Bobot", 15), ("Seksi", "Seksi Lelang")])
    right, _ = block(1, 11, "2b-CP", "Indeks Kanan", labels=[("Bobot", 5), ("Seksi", "Seksi PKN")])
    cells = _split_labels(merged(left, right), how)
    model = read_workbook(write(tmp_path / "uji-2024.xlsx", {"IKU": cells}, writer))
    got = [(i.code, i.name, i.ss_name, i.meta.bobot, i.meta.seksi) for i in model.ikus]
    assert got == [
        ("1a-CP", "Indeks Kiri", "SS Indeks Kiri", 15, "Seksi Lelang"),
        ("2b-CP", "Indeks Kanan", "SS Indeks Kanan", 5, "Seksi PKN"),
    ]
    assert model.findings == []
