"""The terminal a manager reads at 100 columns (issue 19): findings grouped under their IKU, a
consolidated column that only copies a wrong quarter folded into that quarter's line, the counts in
findings and cells; piped output one line per cell; a folder run ends with a table per file."""

from __future__ import annotations

import io
import re
import shutil
from pathlib import Path

import pytest
from rich.console import Console

from kinerja_xl import api
from kinerja_xl.config import Settings
from kinerja_xl.writers import terminal

ROOT = Path(__file__).resolve().parents[2]
SERANG = ROOT / "samples" / "kpknl-serang-2024-q4.xlsx"
BERSIH = ROOT / "samples" / "contoh-bersih-2024-q4.xlsx"


def _text(run, width: int = 100) -> str:
    buf = io.StringIO()
    terminal.render(run, Console(file=buf, width=width, force_terminal=False, highlight=False))
    return buf.getvalue()


@pytest.fixture(scope="module")
def serang():
    return api.check([SERANG], Settings(annotate=False))


def test_findings_grouped_by_iku_at_100_columns(serang):
    text = _text(serang)
    lines = text.splitlines()
    # every line fits; the fix command too unless this checkout's path alone is too long (never cut)
    assert all(len(line) <= 100 or line == f"  kinerja-xl fix {SERANG}" for line in lines)
    start = lines.index(next(x for x in lines if x.startswith("1a-CP  Persentase Realisasi Penerimaan")))
    assert lines[start].endswith("· SS 1")
    block = lines[start + 1 : start + 5]
    squeezed = [re.sub(" +", " ", x.strip()) for x in block]
    assert squeezed == [
        "B8 ! kesalahan Capaian Q1 183,51 -> 187,67",
        "C8 ! kesalahan Capaian Q2 201,68 -> 94,47 + Sm.I D8",  # Sm.I only copies Q2 under TLK: one line
        "E8 ! kesalahan Capaian Q3 134,94 -> 134,24 + s.d. Q3 F8",
        "C9 ! kesalahan Nilai Q2 120,00 -> 94,47 + Sm.I D9",
    ]
    assert len({x.index("->") for x in block}) == 1  # the numbers in columns
    # a cell outside the IKU's own sheet is named in full; a message without numbers is wrapped under itself
    assert re.search(r"\n  Tabel 1!D19 +! kesalahan +Tabel ringkasan Y +132,63 -> +97,80\n", text)
    kx021 = next(i for i, x in enumerate(lines) if "I86" in x)
    assert lines[kx021 + 1].startswith(" " * 20) and "Min" in lines[kx021] + lines[kx021 + 1]
    # the counts say both: lines to read and cells to correct
    assert "kpknl-serang-2024-q4.xlsx: 21 kesalahan (33 sel), 6 peringatan, 2 info" in text


def test_the_message_does_not_repeat_what_the_columns_show(serang):
    lines = _text(serang).splitlines()
    b8 = next(x for x in lines if x.lstrip().startswith("B8 "))
    assert "tertulis" not in b8 and "1a-CP" not in b8


def test_piped_output_stays_one_line_per_cell(serang):
    lines: list[str] = []
    terminal.render_concise(serang, lines.append)
    fr = serang.files[0]
    cells = [x for x in lines if re.match(rf"{re.escape(str(fr.path))}:[^:]+![A-Z]+\d+: KX", x)]
    assert len(cells) == sum(1 for f in fr.findings if f.cell)
    assert any(x.endswith("Capaian Sm.I tertulis 201,68 tetapi R/T x 100 = 94,47 (Max).") for x in cells)


def test_a_folder_run_ends_with_a_table_per_file_and_names_the_folder(tmp_path):
    folder = tmp_path / "laporan"
    folder.mkdir()
    shutil.copy(SERANG, folder / SERANG.name)
    bersih = folder / "kpknl-bersih-2024-q4.xlsx"
    shutil.copy(BERSIH, bersih)
    run = api.check([folder], Settings(annotate=False))
    text = _text(run)
    assert all(len(line) <= 100 for line in text.splitlines())
    head = next(x for x in text.splitlines() if x.startswith("Berkas "))
    assert re.sub(" +", " ", head) == "Berkas Unit Periode Tertulis Hitung ulang Predikat Kesalahan Peringatan"
    row = next(x for x in text.splitlines() if x.startswith("kpknl-serang-2024-q4.xlsx ") and "─" not in x)
    assert re.sub(" +", " ", row).startswith("kpknl-serang-2024-q4.xlsx KPKNL SERANG Q4 115,67 100,87 Istimewa 33 ")
    assert any(line.endswith(f"kinerja-xl fix {folder}/") for line in text.splitlines())  # whole, on one line


def test_a_recap_of_several_units_has_a_row_per_unit_in_the_closing_table(tmp_path):
    """As the batch summary has: the head of a Kanwil reads each unit's NKO, not one row with unit '-'."""
    from units.kanwil import kanwil

    folder = tmp_path / "laporan"
    folder.mkdir()
    shutil.copy(BERSIH, folder / "a-bersih-2024-q4.xlsx")
    units = (("Cilegon", "KPKNL CILEGON", 1.0), ("Pandeglang", "KPKNL PANDEGLANG", 2.0), ("Bogor", "KPKNL BOGOR", 0.5))
    kanwil(folder / "b-kanwil-2024.xlsx", units)
    run = api.check([folder], Settings(annotate=False))
    lines = [re.sub(" +", " ", x).strip() for x in _text(run).splitlines()]
    start = lines.index(next(x for x in lines if x.startswith("Berkas Unit")))
    table = lines[start + 2 : start + 6]
    assert [row.split(" Q4 ")[0] for row in table] == [
        "a-bersih-2024-q4.xlsx KPKNL SERANG",
        "b-kanwil-2024.xlsx KPKNL CILEGON",
        "KPKNL PANDEGLANG",  # the file named once, its units below it
        "KPKNL BOGOR",
    ]
    recap = run.files[1]
    for row, part in zip(table[1:], recap.units, strict=True):
        assert row.endswith(f" {part.counts['error']} {part.counts['warning']}")


def test_a_verdict_too_long_for_the_line_puts_the_copy_on_its_own_line_whole(tmp_path):
    out = tmp_path / "hasil-pemeriksaan-triwulan-iv-tahun-2024-untuk-kepala-kantor"
    (fr,) = api.check([SERANG], Settings(out_dir=out)).files
    lines = _text(api.RunResult(files=[fr], settings=Settings(out_dir=out))).splitlines()
    at = next(i for i, x in enumerate(lines) if x.startswith("kpknl-serang-2024-q4.xlsx: "))
    assert lines[at].endswith(" info")  # the counts, not cut after an arrow
    assert lines[at + 1] == f"  -> {fr.output}"  # the copy's path whole, on its own line
    short = _text(api.check([SERANG], Settings(out_dir=tmp_path / "o")))
    assert f" info -> {tmp_path / 'o' / 'kpknl-serang-2024-q4.checked.xlsx'}" in short or len(str(tmp_path)) > 40


def test_the_fix_command_is_never_cut_and_goes_below_its_count_when_long(serang):
    lead, command = "30 temuan dapat diperbaiki otomatis:", f"kinerja-xl fix {SERANG}"
    aside = "(7 lagi dengan --unsafe-fixes)"
    fits = len(lead) + 1 + len(command)
    lines = _text(serang, width=fits).splitlines()
    assert lines[-2:] == [f"{lead} {command}", f"  {aside}"]  # the aside below when only the command fits
    lines = _text(serang, width=fits - 1).splitlines()
    assert lines[-2:] == [lead, f"  {command} {aside}"]  # the command whole on its own line, to be copied
    narrow = _text(serang, width=len(command) + 3).splitlines()
    assert narrow[-3:] == [lead, f"  {command}", f"  {aside}"]
    assert _text(serang, width=400).splitlines()[-1] == f"{lead} {command} {aside}"  # one line when it fits


def test_a_long_path_keeps_every_line_within_100_columns(tmp_path, monkeypatch):
    """The CI's checkout may sit deep: the closing lines break before the path, never inside it."""
    monkeypatch.chdir(tmp_path)
    deep = Path("pemeriksaan-iku-" * 3) / "kpknl-serang"  # as typed: relative, 62 characters
    deep.mkdir(parents=True)
    shutil.copy(SERANG, deep / SERANG.name)
    shutil.copy(BERSIH, deep / "kpknl-bersih-2024-q4.xlsx")
    run = api.check([deep], Settings(out_dir=Path("hasil")))
    lines = _text(run).splitlines()
    assert len(f"  kinerja-xl fix {deep}/") <= 100 < len(f"30 temuan dapat diperbaiki otomatis: kinerja-xl fix {deep}/")
    assert all(len(line) <= 100 for line in lines), [x for x in lines if len(x) > 100]
    assert f"  kinerja-xl fix {deep}/ (7 lagi dengan --unsafe-fixes)" in lines or f"  kinerja-xl fix {deep}/" in lines
    assert any(line.endswith(str(run.batch)) for line in lines)


def test_rules_has_a_header_and_says_what_fix_corrects():
    from typer.testing import CliRunner

    from kinerja_xl.cli import app

    out = CliRunner().invoke(app, ["rules"]).output.splitlines()
    assert re.sub(" +", " ", out[0]) == "Kode Tingkat Simbol fix Arti"
    rows = {line.split()[0]: re.sub(" +", " ", line) for line in out[1:]}
    assert rows["KX101"].startswith("KX101 kesalahan capaian-mismatch ya ")
    assert rows["KX021"].startswith("KX021 kesalahan polarisasi-mismatch --unsafe-fixes ")
    assert rows["KX202"].split()[3] == "-"


def test_profiles_print_an_open_range_open():
    from typer.testing import CliRunner

    from kinerja_xl.cli import app

    out = CliRunner().invoke(app, ["profiles"]).output
    assert re.search(r"kmk-127-2026 .* tahun 2026- ", out) and "9999" not in out
    assert "tahun 2000-2025" in out and "toleransi 0,01" in out
