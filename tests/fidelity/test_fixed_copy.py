"""The fixed copy of every workbook the suite can name (corpus.py): only the fixed cells change.

Through the real `kinerja-xl fix --unsafe-fixes` pipeline: every other cell of every input sheet
keeps its value, formula, style, fill and comment (a formula that reads a fixed cell keeps its
formula and only loses its cached value); a fixed cell keeps its number format and style but its
fill, and an office's comment stays in front of ours. Checked again, the copy has no finding left
that a fix covers, and fixing it again changes nothing.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from corpus import CORPUS
from test_every_cell import _cells, _fill, _style, _workbook

from kinerja_xl import api
from kinerja_xl.config import Settings


@pytest.fixture(scope="module", params=sorted(CORPUS))
def fixed(request, tmp_path_factory, corpus_workbook) -> tuple[Path, api.FileResult]:
    folder = tmp_path_factory.mktemp("fixed")
    src = corpus_workbook(request.param, folder)
    before = src.read_bytes()
    (fr,) = api.fix([src], Settings(out_dir=folder / "out"), unsafe=True).files
    assert fr.error is None and fr.output is not None and fr.output.is_file(), fr.error
    assert src.read_bytes() == before  # the input is never written
    return src, fr


def test_every_other_cell_keeps_its_value_and_formula(fixed):
    src, fr = fixed
    changed = {(c.sheet, c.coord) for c in fr.fix_plan.changed}
    before, after = _cells(src, False), _cells(fr.output, False)
    cached_before, cached_after = _cells(src, True), _cells(fr.output, True)
    for sheet, cells in before.items():
        for coord, value in cells.items():
            if (sheet, coord) in changed:
                continue
            assert after[sheet].get(coord) == value, (sheet, coord)
            is_formula = isinstance(value, str) and value.startswith("=")
            if not is_formula:  # a formula may lose its cached value (it reads a fixed cell)
                assert cached_after[sheet].get(coord) == cached_before[sheet].get(coord), (sheet, coord)
    for fx in fr.fix_plan.fixes:
        assert (fx.cell.sheet, fx.cell.coord) in changed


def test_styles_fills_and_comments_change_only_on_fixed_cells(fixed):
    src, fr = fixed
    changed = {(c.sheet, c.coord) for c in fr.fix_plan.changed}
    percent = {(fx.cell.sheet, fx.cell.coord) for fx in fr.fix_plan.fixes if fx.percent_format}
    points = {(fx.cell.sheet, fx.cell.coord) for fx in fr.fix_plan.fixes if fx.points_format}
    a, b = _workbook(src), _workbook(fr.output)
    for ws in a.worksheets:
        for row in ws.iter_rows():
            for ca in row:
                cb = b[ws.title][ca.coordinate]
                key = (ws.title, ca.coordinate)
                if key in percent:  # a fraction stored in a row shown as percent gets a % format, nothing else
                    assert "%" in cb.number_format and _style(cb)[1:] == _style(ca)[1:], key
                elif key in points:  # points stored in a % cell of a row of points: 0.00, nothing else
                    assert "%" in ca.number_format and cb.number_format == "0.00", key
                    assert _style(cb)[1:] == _style(ca)[1:], key
                else:
                    assert _style(cb) == _style(ca), key  # number format, font, border, alignment kept
                if key not in changed:
                    assert _fill(cb) == _fill(ca), key
                    assert (cb.comment.text if cb.comment else None) == (ca.comment.text if ca.comment else None), key
                else:
                    assert "E4DFEC" in str(cb.fill.fgColor.rgb), key
                    assert cb.comment is not None and "kinerja-xl:" in cb.comment.text, key
                    if ca.comment is not None:
                        assert cb.comment.text.startswith(ca.comment.text), key


def _rounded(values: dict) -> dict:
    return {k: None if v is None else round(v, 6) for k, v in values.items()}


def test_checked_again_no_fixable_finding_is_left_and_a_second_fix_changes_nothing(fixed, tmp_path):
    _, fr = fixed
    again = api.check([fr.output], Settings(annotate=False)).files[0]
    assert again.error is None
    assert [(str(f.cell), f.code) for f in again.findings if f.fix is not None] == []
    assert _rounded(again.analysis.nko) == _rounded(fr.fix_plan.analysis.nko)  # the NKO the fix promised
    (second,) = api.fix([fr.output], Settings(out_dir=tmp_path), unsafe=True).files
    assert second.fix_plan.fixes == []


@pytest.mark.parametrize("name", sorted(CORPUS))
def test_safe_fix_then_check_leaves_no_safe_fix_and_a_second_fix_changes_nothing(name, tmp_path, corpus_workbook):
    """`kinerja-xl fix` without --unsafe-fixes: what is left has no safe fix, and fixing again changes nothing."""
    src = corpus_workbook(name, tmp_path)
    (fr,) = api.fix([src], Settings(out_dir=tmp_path / "out")).files
    assert fr.error is None and fr.output is not None, fr.error
    assert all(fx.safe for fx in fr.fix_plan.fixes)
    again = api.check([fr.output], Settings(annotate=False)).files[0]
    assert [(str(f.cell), f.code) for f in again.findings if f.fix is not None and f.fix.safe] == []
    (second,) = api.fix([fr.output], Settings(out_dir=tmp_path / "again")).files
    assert second.fix_plan.fixes == []
