"""`kinerja-xl fix` on the Serang sample: what a manager gets back, checked again as a user would."""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from kinerja_xl import api
from kinerja_xl.cli import app
from kinerja_xl.config import Settings
from kinerja_xl.fixes import FIXABLE_CODES, SAFE_CODES

from .fix_workbooks import serang

runner = CliRunner()
# What no fix covers in Serang: SS names (KX202), a falling Max target (KX111), equal weights (KX207),
# and the unsafe ones without --unsafe-fixes: Pol/KP labels (KX021), Y-NN years (KX004) and the
# Target Y of 8b-N (KX110: a Target is data, a person decides which one is wrong; issue 17).
LEFT_SAFE = {
    ("IKU", "B35", "KX202"),
    ("IKU", "B75", "KX202"),
    ("IKU", "C86", "KX111"),
    ("IKU", "H118", "KX110"),
    ("IKU", "I86", "KX021"),
    ("IKU", "I102", "KX021"),
    ("IKU", "I134", "KX021"),
    ("IKU", "H61", "KX004"),
    ("IKU", "H101", "KX004"),
    ("IKU", "H109", "KX004"),
    ("Tabel 1", "A3", "KX207"),
}
LEFT_UNSAFE = {("IKU", "B35", "KX202"), ("IKU", "B75", "KX202"), ("Tabel 1", "A3", "KX207")}


def cli(*args) -> object:
    return runner.invoke(app, [str(a) for a in args])


def where(findings) -> set[tuple[str, str, str]]:
    return {(f.cell.sheet, f.cell.coord, f.code) for f in findings if f.cell is not None}


def style(cell) -> tuple:
    return (cell.number_format, repr(cell.font), repr(cell.border), repr(cell.alignment), repr(cell.protection))


def check(path: Path):
    run = api.check([path], Settings(annotate=False))
    (fr,) = run.files
    assert fr.error is None
    return fr


@pytest.fixture(scope="module")
def fixed(tmp_path_factory) -> tuple[Path, Path, object]:
    """(input, fixed copy, CLI result) of a default `kinerja-xl fix` run."""
    folder = tmp_path_factory.mktemp("serang")
    src = serang(folder)
    before = src.read_bytes()
    result = cli("fix", src)
    assert src.read_bytes() == before  # the input is never modified
    return src, folder / "kpknl-serang-2024-q4.fixed.xlsx", result


@pytest.fixture(scope="module")
def fixed_checked(fixed):
    """The fixed copy checked again (several tests read the result; none changes it)."""
    return check(fixed[1])


@pytest.fixture(scope="module")
def fixed_book(fixed):
    """The fixed copy loaded by openpyxl, once for the tests that only read cells of it."""
    return openpyxl.load_workbook(fixed[1])


def test_fix_then_check_leaves_no_fixable_finding(fixed, fixed_checked):
    _, dst, result = fixed
    assert result.exit_code == 1, result.output  # warnings and the unsafe errors remain for a person
    assert dst.exists()
    fr = fixed_checked
    assert where(fr.findings) == LEFT_SAFE
    assert not [f for f in fr.findings if f.fix is not None and f.fix.safe]
    assert "temuan dapat diperbaiki otomatis" not in result.output  # no "run fix" hint after fix


def test_printed_nko_of_the_fixed_copy_is_the_recomputed_one(fixed, fixed_checked, fixed_book):
    _, _, result = fixed
    # the closing line: NKO written -> after the fixes, and whether the predikat changes
    printed = re.search(r"NKO Y 115,67 -> ([\d.,]+) \(predikat tetap Istimewa\)", result.output).group(1)
    fr = fixed_checked
    recomputed = fr.analysis.nko["Y"]
    assert printed == f"{recomputed:.2f}".replace(".", ",") == "100,87"
    # the fixed copy's own NKO cell (Tabel 1!E38, 115,67% before) now says the same
    assert fr.workbook.summary.nko.number == pytest.approx(recomputed, abs=1e-6)
    # and its Perbaikan sheet too
    ws = fixed_book["Perbaikan"]
    values = {ws.cell(r, 1).value: ws.cell(r, 7).value for r in range(1, 6)}
    assert values["NKO tertulis"] == pytest.approx(115.67)
    assert values["NKO setelah perbaikan (Y)"] == pytest.approx(recomputed)
    # and the Ringkasan of the fixed copy shows the NKO after the fixes (the NKO matrix's last column is Y)
    ringkasan = fixed_book["Ringkasan"]
    nko_row = next(r for r in ringkasan.iter_rows(values_only=True) if r[0] == "NKO hitung ulang")
    assert nko_row[10] == pytest.approx(recomputed)


def test_fixed_cells_keep_their_format_and_get_fill_and_comment(fixed_book):
    ws = fixed_book["IKU"]
    c8 = ws["C8"]
    assert c8.value == pytest.approx(0.944667, abs=1e-6)  # a fraction in its 0.00% cell: 94,47%
    assert c8.number_format == "0.00%"
    assert c8.fill.fgColor.rgb.endswith("E4DFEC")
    assert "diperbaiki: tertulis 201,68 -> 94,47 (KX101)" in c8.comment.text
    h17 = ws["H17"]  # '103,67%' stored as text: now the number 103,67 (points, like its row)
    assert h17.value == pytest.approx(103.67) and h17.data_type == "n"
    assert "tertulis 103,67% -> 103,67 (KX011)" in h17.comment.text
    assert ws["I86"].value == "Max/TLK"  # unsafe: untouched without --unsafe-fixes
    assert ws["H61"].value == "Y-22"
    summary = fixed_book["Tabel 1"]
    assert summary["D19"].value == pytest.approx(0.978)  # 5a-CP Realisasi 132,63% -> 97,80% (KX201)


def test_every_other_cell_is_unchanged(fixed):
    src, dst, _ = fixed
    (fr,) = api.fix([src], Settings(), diff=True).files
    changed = {(c.sheet, c.coord) for c in fr.fix_plan.changed}
    a, b = openpyxl.load_workbook(src), openpyxl.load_workbook(dst)
    assert b.sheetnames == ["Ringkasan", "Perbaikan", *a.sheetnames]  # ours first, the input's in their order
    seen = 0
    for ws in a.worksheets:
        other = b[ws.title]
        for row in ws.iter_rows():
            for cell in row:
                if (ws.title, cell.coordinate) in changed:
                    seen += 1
                    continue
                twin = other[cell.coordinate]
                assert (twin.value, *style(twin)) == (cell.value, *style(cell)), (ws.title, cell.coordinate)
    assert seen == len(changed) == 32


def test_untouched_parts_are_byte_identical(fixed):
    src, dst, _ = fixed
    with zipfile.ZipFile(src) as za, zipfile.ZipFile(dst) as zb:
        a = {n: za.read(n) for n in za.namelist()}
        b = {n: zb.read(n) for n in zb.namelist()}
    may_change = {"xl/workbook.xml", "xl/_rels/workbook.xml.rels", "[Content_Types].xml", "xl/styles.xml"}
    may_change |= {"_rels/.rels", "docProps/custom.xml", "xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml"}
    for name, data in a.items():
        if name not in may_change:
            assert b[name] == data, name


def test_perbaikan_lists_every_change_with_a_link_and_what_is_left(fixed_book):
    ws = fixed_book["Perbaikan"]
    rows = [[c.value for c in row] for row in ws.iter_rows()]
    changes = [r for r in rows if r[3] and str(r[3]).startswith("KX") and r[8] in ("ya", "perlu keputusan Anda")]
    assert len(changes) == 32
    c8 = next(r for r in changes if r[1] == "IKU" and r[2] == "C8")
    assert (c8[3], round(c8[6], 2), round(c8[7], 2), c8[8]) == ("KX101", 201.68, 94.47, "ya")
    row_c8 = next(i for i, r in enumerate(rows, 1) if r[1] == "IKU" and r[2] == "C8")
    assert ws.cell(row_c8, 3).hyperlink.location == "'IKU'!C8"
    manual = [r for r in rows if r[3] in ("KX202", "KX021", "KX004", "KX111", "KX207")]
    assert {r[3] for r in manual} == {"KX202", "KX021", "KX004", "KX111", "KX207"}
    kx021 = next(r for r in manual if r[3] == "KX021")
    # the manual list's own columns: severity (G), message (H, merged to J), reason (K)
    assert kx021[6] == "! kesalahan"
    assert kx021[7].startswith("Pol/KP tertulis Max/TLK")
    assert kx021[10] == "perlu keputusan Anda: jalankan dengan --unsafe-fixes bila setuju"
    # each wrapped row is as tall as its text, top-aligned (no row printed over the next)
    row_021 = next(i for i, r in enumerate(rows, 1) if r[3] == "KX021")
    assert ws.row_dimensions[row_021].height >= 45  # three lines
    assert ws.cell(row_021, 8).alignment.vertical == "top" and ws.cell(row_021, 1).alignment.vertical == "top"
    assert f"H{row_021}:J{row_021}" in {str(m) for m in ws.merged_cells.ranges}
    # numbers in the language's format
    assert ws.cell(row_c8, 7).number_format == "[$-421]#,##0.00"


def test_fix_is_idempotent(fixed, fixed_book, tmp_path):
    _, dst, _ = fixed
    run = api.fix([dst], Settings(out_dir=tmp_path))
    (fr,) = run.files
    assert fr.fix_plan.fixes == []
    again = check(fr.output)
    assert where(again.findings) == LEFT_SAFE
    a, b = fixed_book, openpyxl.load_workbook(fr.output)
    for name in ("IKU", "Tabel 1"):
        for row in a[name].iter_rows():
            for cell in row:
                assert b[name][cell.coordinate].value == cell.value


def test_unsafe_fixes_only_with_the_flag(tmp_path):
    src = serang(tmp_path)
    result = cli("fix", src, "--unsafe-fixes", "--lang", "en")
    assert result.exit_code == 1, result.output  # the two SS names (KX202) are left for a person
    dst = tmp_path / "kpknl-serang-2024-q4.fixed.xlsx"
    ws = openpyxl.load_workbook(dst)["IKU"]
    assert (ws["I86"].value, ws["I102"].value, ws["I134"].value) == ("Min/TLK", "Min/TLK", "Min/TLK")
    assert (ws["H61"].value, ws["H101"].value, ws["H109"].value) == ("Y-24", "Y-24", "Y-24")
    assert "[applied with --unsafe-fixes: check it]" in ws["I86"].comment.text
    fr = check(dst)
    assert where(fr.findings) == LEFT_UNSAFE
    # rescored by the corrected polarisasi: 6a-CP, 7a-CP and 9b-CP are Min now
    assert fr.analysis.nko["Y"] == pytest.approx(114.87, abs=0.01)
    assert f"NKO Y 115.67 -> {fr.analysis.nko['Y']:.2f} (predikat stays Istimewa)" in result.output


def test_diff_writes_nothing_and_prints_every_change(tmp_path):
    src = serang(tmp_path)
    result = cli("fix", src, "--diff")
    assert result.exit_code == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == [src.name]
    lines = [re.sub(" +", " ", line) for line in result.output.splitlines()]  # columns aligned by spaces
    assert "IKU!C8 KX101 1a-CP Q2 201,68 -> 94,47" in lines
    assert "IKU!H17 KX011 1b-CP Y teks '103,67%' -> angka 103,67" in lines
    assert "Tabel 1!E38 KX203 - Y 115,67 -> 100,87" in lines
    # aligned: every change's arrow in the same column
    arrows = {line.index(" -> ") for line in result.output.splitlines() if re.match(r"^\S+![A-Z]+\d+ +KX", line)}
    assert len(arrows) == 1
    assert "32 sel akan diperbaiki (2 di antaranya menyusul perbaikan lain)" in result.output
    assert not [line for line in lines if "Min/TLK" in line]
    unsafe = cli("fix", src, "--diff", "--unsafe-fixes", "--lang", "en").output.splitlines()
    unsafe = [re.sub(" +", " ", line) for line in unsafe]
    assert "IKU!I86 KX021 6a-CP - Max/TLK -> Min/TLK (needs your decision)" in unsafe
    assert "IKU!H61 KX004 5a-CP Y Y-22 -> Y-24 (needs your decision)" in unsafe


def test_select_fixes_only_those_codes(tmp_path):
    src = serang(tmp_path)
    result = cli("fix", src, "--diff", "--select", "KX011")
    changes = [line for line in result.output.splitlines() if re.match(r"^\S+![A-Z]+\d+  KX", line)]
    assert changes == ["IKU!H17  KX011  1b-CP  Y  teks '103,67%' -> angka 103,67"]


def test_check_json_gives_each_finding_its_fix(tmp_path):
    src = serang(tmp_path)
    result = cli("check", src, "--no-annotate", "--format", "json")
    doc = json.loads(result.output)
    findings = {(f["sheet"], f["cell"], f["code"]): f for f in doc["files"][0]["findings"]}
    assert findings[("IKU", "C8", "KX101")]["fix"] == {"cell": "C8", "old": 201.68, "new": 94.4667, "safe": True}
    assert findings[("IKU", "I86", "KX021")]["fix"] == {
        "cell": "I86",
        "old": "Max/TLK",
        "new": "Min/TLK",
        "safe": False,
    }
    assert findings[("IKU", "B35", "KX202")]["fix"] is None
    assert doc["files"][0]["nko"]["Y"] == 100.87
    assert doc["files"][0]["nko_labels_corrected"]["Y"] == 114.87
    for key, f in findings.items():
        assert (f["fix"] is not None) == (key[2] in FIXABLE_CODES), key
        if f["fix"] is not None:
            assert f["fix"]["safe"] == (key[2] in SAFE_CODES)


def test_check_ends_with_the_fix_line_and_shows_the_relabelled_nko(tmp_path):
    src = serang(tmp_path)
    result = cli("check", src, "--no-annotate")
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert lines[-1] == f"30 temuan dapat diperbaiki otomatis: kinerja-xl fix {src} (7 lagi dengan --unsafe-fixes)"
    assert "NKO Y bila label Pol/KP dibetulkan (KX021): 114,87 (menurut label tertulis: 100,87)" in result.output


def test_ringkasan_of_the_checked_copy_shows_the_nko_with_labels_corrected(tmp_path):
    src = serang(tmp_path)
    assert cli("check", src).exit_code == 1
    ws = openpyxl.load_workbook(tmp_path / "kpknl-serang-2024-q4.checked.xlsx")["Ringkasan"]
    rows = {r[0]: r for r in ws.iter_rows(values_only=True) if r and r[0]}
    relabelled = next(v for k, v in rows.items() if str(k).startswith("NKO bila label Pol/KP dibetulkan"))
    recomputed = next(v for k, v in rows.items() if str(k).startswith("NKO hitung ulang"))
    assert round(relabelled[-1], 2) == 114.87 and round(recomputed[-1], 2) == 100.87  # Y, both shown
