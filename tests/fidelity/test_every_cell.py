"""Every cell of every input sheet (value and formula, and the cached value) is identical in the annotated copy.

Run over every workbook the suite can name (corpus.py), through the real `check` pipeline
(the lossless package writer) and through the openpyxl fallback writer. The input file itself
is byte-identical afterwards; the input's sheets keep their names and order, ours come after.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl
import pytest
from corpus import CORPUS

from kinerja_xl import api
from kinerja_xl.config import Settings
from kinerja_xl.writers.annotate import write_annotated


@pytest.fixture(scope="module", params=sorted(CORPUS))
def checked(request, tmp_path_factory) -> tuple[Path, api.FileResult]:
    folder = tmp_path_factory.mktemp("corpus")
    src = CORPUS[request.param](folder)
    before = src.read_bytes()
    run = api.check([src], Settings(out_dir=folder / "out"))
    (fr,) = run.files
    assert fr.error is None and fr.output is not None and fr.output.is_file()
    assert src.read_bytes() == before  # the input is never written
    return src, fr


def _plain(value: Any) -> Any:
    """A cell value as comparable data (array formulas carry their range and text)."""
    if hasattr(value, "text") and hasattr(value, "ref"):
        return ("array", value.ref, value.text)
    return value


def _cells(path: Path, data_only: bool) -> dict[str, dict[str, Any]]:
    wb = openpyxl.load_workbook(path, data_only=data_only, rich_text=False)
    out = {}
    for ws in wb.worksheets:
        out[ws.title] = {c.coordinate: _plain(c.value) for row in ws.iter_rows() for c in row if c.value is not None}
    return out


def _assert_every_cell_kept(src: Path, dst: Path, cached: bool = True) -> None:
    names_in = openpyxl.load_workbook(src, read_only=True).sheetnames
    names_out = openpyxl.load_workbook(dst, read_only=True).sheetnames
    assert names_out[: len(names_in)] == names_in  # input sheets first, same names, same order
    for data_only in (False, True) if cached else (False,):  # formulas as written, then the cached values
        before, after = _cells(src, data_only), _cells(dst, data_only)
        for sheet, cells in before.items():
            assert after[sheet] == cells, (sheet, "cached values" if data_only else "values and formulas")


def test_every_cell_of_every_input_sheet_is_identical_in_the_annotated_copy(checked):
    src, fr = checked
    _assert_every_cell_kept(src, fr.output)


def test_every_cell_survives_the_openpyxl_fallback_writer_too(checked, tmp_path):
    """Values and formulas; openpyxl drops cached formula values, which the copy must then say (KX030)."""
    src, fr = checked
    fr.findings = [f for f in fr.findings if f.code != "KX030"]
    dst = write_annotated(fr, tmp_path / fr.output.name, method="openpyxl")
    lost = {f.params.get("part") for f in fr.findings if f.code == "KX030"}
    _assert_every_cell_kept(src, dst, cached="cached-formula-values" not in lost)
