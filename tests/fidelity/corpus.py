"""Every workbook the test suite can name, for the every-cell fidelity test.

``CORPUS`` maps a name to a function that writes the workbook into a folder and returns its
path: the shipped samples, the fidelity suite's workbooks (xlsx and xlsm), the check and mail
helpers' workbooks, and the block layouts the spec allows and the reader tests use (written
with openpyxl and xlsxwriter, as offices write them; a LibreOffice re-save when soffice exists).
A new layout helper added to the tests belongs here too.
"""

from __future__ import annotations

import importlib.util
import shutil
import sys
from collections.abc import Callable
from pathlib import Path

import openpyxl

TESTS = Path(__file__).resolve().parents[1]
SAMPLES = TESTS.parent / "samples"
if str(TESTS) not in sys.path:
    sys.path.insert(0, str(TESTS))

from workbooks import libreoffice_input, libreoffice_resaved, write_block, write_summary  # noqa: E402


def _module(rel: str, name: str):
    """A helper module of another test folder, loaded by path (folders are not packages)."""
    if name in sys.modules:
        return sys.modules[name]
    folder = str((TESTS / rel).parent)
    if folder not in sys.path:
        sys.path.insert(0, folder)
    spec = importlib.util.spec_from_file_location(name, TESTS / rel)
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    sys.modules[name] = mod
    spec.loader.exec_module(mod)
    return mod


Builder = Callable[[Path], Path]
WRONG = {"capaian": [110, 999, 110, "abc", 110, 110, 110], "nilai": [110, 110, 150, 110, 110, None, 110]}


def _sample(name: str) -> Builder:
    def build(folder: Path) -> Path:
        return Path(shutil.copy(SAMPLES / name, folder / name))

    return build


def _fidelity(vba: bool) -> Builder:
    def build(folder: Path) -> Path:
        from test_fidelity import build as write

        path = folder / ("fidelity.xlsm" if vba else "fidelity.xlsx")
        write(path, vba=vba)
        return path

    return build


def _cli(kind: str) -> Builder:
    def build(folder: Path) -> Path:
        mod = _module("cli/cli_workbooks.py", "kx_corpus_cli_workbooks")
        return getattr(mod, kind)(folder / f"{kind}-2024-q4.xlsx")

    return build


def _sectioned(folder: Path) -> Path:
    mod = _module("mail/mailkit.py", "kx_corpus_mailkit")
    return mod.write_sectioned_workbook(folder / "serang-seksi-q4.xlsx")


def _openpyxl_layout(name: str, fill: Callable) -> Builder:
    def build(folder: Path) -> Path:
        wb = openpyxl.Workbook()
        fill(wb)
        path = folder / f"{name}-2024.xlsx"
        wb.save(path)
        return path

    return build


def _side_by_side(wb) -> None:
    ws = wb.active
    ws.title = "IKU"
    write_block(ws, row=1, col=1, labels=["Kode IKU : 1a-CP"], values=WRONG)
    write_block(ws, row=1, col=12, labels=["Kode IKU : 1b-CP"], values={"target": [5] * 7})
    write_block(ws, row=12, col=1, labels=["Kode IKU : 2a-CP"], name="Nama IKU : Kedua")


def _touching_from_column_c(wb) -> None:
    ws = wb.active
    ws.title = "Landscape"
    write_block(ws, row=2, col=3, labels=["Kode IKU : 1a-CP"], values=WRONG)
    write_block(ws, row=2, col=12, labels=["Kode IKU : 1b-CP"])


def _merged_names_and_summary(wb) -> None:
    ws = wb.active
    ws.title = "IKU"
    write_block(ws, row=3, col=1, labels=["Kode IKU : 1a-CP"], values=WRONG)
    ws.merge_cells("B4:I4")
    ws.merge_cells("B5:I5")
    ws["A1"] = "MONITORING CAPAIAN IKU KPKNL UJI TAHUN 2024"
    summary = wb.create_sheet("Tabel 1")
    write_summary(summary, rows=[["1a-CP", "Indeks Uji", 40, 44, 120]])


def _sheet_per_section(wb) -> None:
    first = wb.active
    first.title = "Seksi Lelang"
    write_block(first, row=1, labels=["Kode IKU : 1a-CP", "Seksi : Pelayanan Lelang"], values=WRONG)
    second = wb.create_sheet("Seksi KI")
    write_block(second, row=1, labels=["Kode IKU : 2a-N", "Seksi : Kepatuhan Internal"])
    summary = wb.create_sheet("Ringkasan")  # the office's own summary sheet, by our sheet's name
    write_summary(summary, rows=[["1a-CP", "Indeks Uji", 40, 44, 999], ["2a-N", "Indeks Uji", 40, 44, 110]])
    notes = wb.create_sheet("Temuan")  # and the office's own findings list
    notes["A1"] = "Temuan auditor internal"
    notes["A2"] = "=Ringkasan!E2*2"


def _xlsxwriter_formulas(folder: Path) -> Path:
    """Capaian and Nilai as formulas with cached values, percent formats, a second sheet: as Excel saves."""
    import xlsxwriter

    path = folder / "rumus-2024-q4.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("IKU")
    pct = wb.add_format({"num_format": "0.00%"})
    ws.write("A1", "MONITORING CAPAIAN IKU KPKNL RUMUS TAHUN 2024")
    ws.write("B3", "Kode IKU : 1a-CP")
    ws.write("B4", "Nama Sasaran Strategis : SS Uji")
    ws.write("B5", "Nama IKU : Persentase Uji")
    ws.write_row("A6", ["T/R", "Q1", "Q2", "Sm.I", "Q3", "s.d. Q3", "Q4", "Y-24", "Pol/ K P"])
    ws.write("A7", "Target")
    ws.write("A8", "Realisasi")
    ws.write("A9", "Capaian")
    ws.write("A10", "Nilai Kinerja")
    ws.write("I7", "Max/TLK")
    for c, (t, r) in enumerate([(10, 11), (20, 22), (20, 22), (30, 33), (30, 33), (40, 30), (40, 30)], 1):
        ws.write_number(6, c, t)
        ws.write_number(7, c, r)
        col = xlsxwriter.utility.xl_col_to_name(c)
        ws.write_formula(8, c, f"={col}8/{col}7", pct, r / t if c != 6 else 9.99)  # Q4 cached wrong
        ws.write_formula(9, c, f"=MIN({col}9,1.2)", pct, min(r / t, 1.2))
    other = wb.add_worksheet("Catatan")
    other.write_rich_string("A1", "teks ", wb.add_format({"bold": True}), "tebal")
    other.write_formula("A2", "=IKU!B7*2", None, 20)
    other.write_array_formula("A3:A4", "{=IKU!B7:B8*2}", None, 20)
    wb.close()
    return path


def _fix(name: str) -> Builder:
    """A workbook of the fix tests (tests/fix/fix_workbooks.py)."""

    def build(folder: Path) -> Path:
        mod = _module("fix/fix_workbooks.py", "kx_corpus_fix_workbooks")
        if name == "formula_block":
            return mod.formula_block(folder / "rumus-blok-2024-q4.xlsx")
        return getattr(mod, name)(folder)

    return build


_FIX_WORKBOOKS = (
    "formula_block",
    "q4_realisasi_blank",
    "target_y_wrong",
    "percent_text_in_fraction_row",
    "points_in_a_fraction_row",
    "fraction_in_a_points_row",
    "error_values",
    "sum_gap",
    "target_typed_a_hundred_times_small",
    "text_alone_in_a_percent_cell",
    "percent_cell_in_a_points_row",
)


@libreoffice_input("corpus:serang")
def _serang(folder: Path) -> Path:
    return Path(shutil.copy(SAMPLES / "kpknl-serang-2024-q4.xlsx", folder / "serang.xlsx"))


def _libreoffice_resave(folder: Path) -> Path:
    """The Serang sample re-saved by LibreOffice (its own XML writer), when soffice is installed."""
    return libreoffice_resaved("corpus:serang", folder)


CORPUS: dict[str, Builder] = {
    **{f"sample:{p.name}": _sample(p.name) for p in sorted(SAMPLES.glob("*.xlsx"))},
    "fidelity:xlsx": _fidelity(False),
    "fidelity:xlsm": _fidelity(True),
    "cli:clean": _cli("write_workbook"),
    "cli:error": _cli("write_error"),
    "cli:warning": _cli("write_warning"),
    "mail:sectioned": _sectioned,
    "layout:side-by-side-and-stacked": _openpyxl_layout("berdampingan", _side_by_side),
    "layout:touching-from-column-c": _openpyxl_layout("lanskap", _touching_from_column_c),
    "layout:merged-names-and-summary": _openpyxl_layout("gabung", _merged_names_and_summary),
    "layout:sheet-per-section-own-ringkasan-temuan": _openpyxl_layout("per-seksi", _sheet_per_section),
    "layout:xlsxwriter-formulas": _xlsxwriter_formulas,
    "layout:libreoffice-resave": _libreoffice_resave,
    **{f"fix:{name}": _fix(name) for name in _FIX_WORKBOOKS},
}


_BUILT: dict[str, Path] = {}  # name -> the workbook built once per test session (per xdist worker)


def corpus_copy(name: str, folder: Path, session_dir: Callable[[], Path]) -> Path:
    """A fresh copy in ``folder`` of the corpus workbook ``name``, built once per session.

    Three fidelity modules read every corpus workbook; building each (a LibreOffice re-save,
    xlsxwriter, the fix workbooks) once and copying the bytes gives each test the same input.
    ``session_dir`` makes a new folder for the one build (``tmp_path_factory`` is per worker).
    """
    built = _BUILT.get(name)
    if built is None or not built.is_file():
        built = _BUILT[name] = CORPUS[name](session_dir())
    dst = folder / built.name
    shutil.copyfile(built, dst)
    return dst
