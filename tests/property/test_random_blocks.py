"""Property tests: random block contents never crash the reader or the rules, and every problem is a finding."""

from __future__ import annotations

import itertools
import json
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings

from kinerja_xl import profiles, reader, rules
from kinerja_xl.analysis import analyse
from kinerja_xl.config import Settings
from kinerja_xl.messages import CATALOGUE

from .blocks import blocks, write_workbook

FAST = hsettings(suppress_health_check=[HealthCheck.too_slow])  # examples: the profile (tests/conftest.py)
_WORK = Path(tempfile.mkdtemp(prefix="kx-property-"))
_COUNTER = itertools.count()


def pipeline(generated, annotate: bool = False):
    """Write the blocks, then read, analyse and check them exactly as api.check_file does."""
    path = _WORK / f"case-{next(_COUNTER)}.xlsx"
    layout = write_workbook(path, generated)
    settings = Settings(annotate=annotate)
    wb = reader.read_workbook(path, settings)
    profile = profiles.for_year(settings.year or wb.year)
    analysis = analyse(wb, profile)
    found = list(wb.findings) + list(rules.run(wb, analysis, settings))
    return layout, wb, found


def at(found) -> dict[tuple[str, str], set[str]]:
    """Codes by (sheet, cell)."""
    out: dict[tuple[str, str], set[str]] = {}
    for f in found:
        if f.cell is not None:
            out.setdefault((f.cell.sheet, f.cell.coord), set()).add(f.code)
    return out


def assert_renderable(found) -> None:
    """Every finding is a catalogue code whose record and both messages render completely."""
    for f in found:
        assert f.code in CATALOGUE
        for lang in ("id", "en"):
            record = f.to_dict(lang)
            json.dumps(record, allow_nan=False)
            assert "{" not in record["message"] and "'?'" not in record["message"], record


@FAST
@given(blocks())
def test_random_contents_never_crash_and_every_problem_is_a_finding(generated):
    layout, wb, found = pipeline(generated)
    assert len(wb.ikus) == len(generated)
    assert_renderable(found)
    codes_at = at(found)
    values = {
        (v.cell.sheet, v.cell.coord): v
        for iku in wb.ikus
        for row in iku.rows.values()
        for v in row.values()
        if v is not None and v.cell is not None
    }
    for where, cell in layout.where.items():
        codes = codes_at.get(where, set())
        if cell.tag == "text":
            assert "KX010" in codes, (where, cell, codes)
        elif cell.tag == "numtext":
            assert "KX011" in codes and "KX010" not in codes, (where, cell, codes)
        elif cell.tag == "formula-opaque":
            assert "KX013" in codes, (where, cell, codes)
        elif cell.tag == "error":
            assert codes, f"Excel error {cell.value} at {where} produced no finding"
        elif cell.tag == "formula" and "KX010" in codes:
            # A simple formula may evaluate to an error (=F7/F6*100 over a zero Target) or to
            # text (=A1, the title): reporting that value is right, but it must be one.
            assert values[where].kind in ("error", "text") and values[where].number is None, (
                where,
                cell,
                values[where],
            )
        else:  # numbers, blanks, N/A markers and simple formulas are never 'text'
            assert "KX010" not in codes, (where, cell, codes)
    for where, cell in layout.polkp_where.items():
        codes = codes_at.get(where, set())
        if cell.tag == "polkp-unknown":
            assert "KX020" in codes, (where, cell, codes)
        else:
            assert "KX020" not in codes, (where, cell, codes)


@FAST
@given(blocks(random_labels=True))
def test_random_period_labels_never_crash(generated):
    _layout, wb, found = pipeline(generated)
    assert_renderable(found)
    # A block whose header cannot be read is reported, never silently dropped.
    if len(wb.ikus) < len(generated):
        assert {"KX002", "KX003", "KX005"} & {f.code for f in found}


# a whole check with its annotated copy per example: a third of the profile's examples
@hsettings(max_examples=max(3, hsettings.default.max_examples // 3), suppress_health_check=[HealthCheck.too_slow])
@given(blocks(n_max=2))
def test_the_annotated_copy_is_written_for_random_contents(generated):
    """The whole check, annotated copy included, finishes for any content and keeps every input cell."""
    from kinerja_xl.api import check_file

    path = _WORK / f"annotate-{next(_COUNTER)}.xlsx"
    write_workbook(path, generated)
    result = check_file(path, Settings(out_dir=_WORK / "out"))
    assert result.error is None, result.error
    assert result.output is not None and result.output.is_file()
    _assert_every_input_cell_kept(path, result.output)


def _assert_every_input_cell_kept(src: Path, dst: Path) -> None:
    """Every cell of every input sheet: value or formula, and cached value, identical in the copy.

    Read-only loads of whole sheets (not trusting a stored dimension): the input has no merged
    range, so every cell openpyxl finds is compared, in the copy too.
    """
    for data_only in (False, True):
        before, after = _cells(src, data_only), _cells(dst, data_only)
        for title, cells in before.items():
            assert after[title] == cells, (title, data_only)


def _cells(path: Path, data_only: bool) -> dict[str, dict[str, object]]:
    import openpyxl

    wb = openpyxl.load_workbook(path, read_only=True, data_only=data_only)
    try:
        out = {}
        for ws in wb.worksheets:
            ws.reset_dimensions()
            out[ws.title] = {c.coordinate: c.value for row in ws.iter_rows() for c in row if c.value is not None}
        return out
    finally:
        wb.close()
