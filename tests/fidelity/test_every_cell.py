"""Every cell of every input sheet (value and formula, and the cached value) is identical in the annotated copy.

Run over every workbook the suite can name (corpus.py), through the real `check` pipeline
(the lossless package writer) and through the openpyxl fallback writer. The input file itself
is byte-identical afterwards; the input's sheets keep their names and order, ours come after.
"""

from __future__ import annotations

import gc
import hashlib
import weakref
from collections import OrderedDict
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from corpus import CORPUS
from openpyxl.utils import get_column_letter

from kinerja_xl import api
from kinerja_xl.config import Settings
from kinerja_xl.writers.annotate import write_annotated
from kinerja_xl.writers.marks import expand_range


@pytest.fixture(scope="module", params=sorted(CORPUS))
def checked(request, tmp_path_factory, corpus_workbook) -> tuple[Path, api.FileResult]:
    folder = tmp_path_factory.mktemp("corpus")
    src = corpus_workbook(request.param, folder)
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


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _cells(path: Path, data_only: bool) -> Mapping[str, dict[str, Any]]:
    """Every non-empty cell per sheet (in the workbook's sheet order); each sheet read when first
    asked for (a copy's own sheets are not compared) and once per file content (an input is read
    by several tests).

    Formulas as written come from the workbook openpyxl loads in full (``_workbook``, whose styles
    the tests compare too); the cached values from a read-only load of the whole sheet (not
    trusting its stored dimension), where a merged range keeps only its top-left cell's value, as
    a full load has it.
    """
    key = (_digest(path), data_only)
    if key not in _CELLS:
        _CELLS[key] = _Sheets(path, data_only)
    return _CELLS[key]


class _Sheets(Mapping[str, dict[str, Any]]):
    def __init__(self, path: Path, data_only: bool) -> None:
        self.path, self.data_only = path, data_only
        self.titles = [ws.title for ws in _workbook(path).worksheets]
        self.read: dict[str, dict[str, Any]] = {}
        self._ro: Any = None

    def _read_only(self) -> Any:
        """The read-only load of the cached values, opened once for all the sheets asked for (a load
        per sheet parsed the styles again each time) and closed with this object or at exit."""
        if self._ro is None:
            with _gc_paused():
                self._ro = openpyxl.load_workbook(self.path, read_only=True, data_only=True, rich_text=False)
            weakref.finalize(self, self._ro.close)
        return self._ro

    def __iter__(self) -> Iterator[str]:
        return iter(self.titles)

    def __len__(self) -> int:
        return len(self.titles)

    def __getitem__(self, title: str) -> dict[str, Any]:
        if title not in self.titles:
            raise KeyError(title)
        if title not in self.read:
            full = _workbook(self.path)[title]
            if not self.data_only:
                self.read[title] = _nonempty(full.iter_rows())
            else:
                ws = self._read_only()[title]
                ws.reset_dimensions()
                hidden = {c for r in full.merged_cells.ranges for c in _coords(r) if c != r.start_cell.coordinate}
                self.read[title] = {k: v for k, v in _nonempty(ws.iter_rows()).items() if k not in hidden}
        return self.read[title]


@contextmanager
def _gc_paused() -> Iterator[None]:
    """No cyclic garbage collection while openpyxl builds a workbook the tests keep: its many new
    objects set off full collections that walk every cached workbook again (a second of this module);
    nothing else changes (the collector runs as before once the load is done)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _nonempty(rows) -> dict[str, Any]:
    return {c.coordinate: _plain(c.value) for row in rows for c in row if c.value is not None}


def _coords(merged) -> list[str]:
    return [f"{get_column_letter(col)}{row}" for row, col in merged.cells]


_CELLS: dict[tuple[str, bool], _Sheets] = {}


def _assert_every_cell_kept(src: Path, dst: Path, cached: bool = True) -> None:
    names_in, names_out = _workbook(src).sheetnames, _workbook(dst).sheetnames
    # our sheets come first (an .xlsm's last); the input sheets keep their names and their order
    assert names_out[-len(names_in) :] == names_in or names_out[: len(names_in)] == names_in
    for data_only in (False, True) if cached else (False,):  # formulas as written, then the cached values
        before, after = _cells(src, data_only), _cells(dst, data_only)
        for sheet, cells in before.items():
            assert after[sheet] == cells, (sheet, "cached values" if data_only else "values and formulas")


def _workbook(path: Path) -> Any:
    """``path`` loaded by openpyxl (formulas as written), once per file content: the inputs and copies
    are read by several tests of this module and test_fixed_copy.py. Never saved or changed."""
    digest = _digest(path)
    if digest not in _BOOKS:
        with _gc_paused():
            _BOOKS[digest] = openpyxl.load_workbook(path)
        while len(_BOOKS) > 8:
            _BOOKS.popitem(last=False)
    _BOOKS.move_to_end(digest)
    return _BOOKS[digest]


_BOOKS: OrderedDict[str, Any] = OrderedDict()


def _style(cell) -> tuple:
    """Number format, font, border, alignment and protection of ``cell``, comparable across workbooks."""
    return _styles(cell)[0]


def _fill(cell) -> str:
    return _styles(cell)[1]


def _styles(cell) -> tuple[tuple, str]:
    """(style, fill) of ``cell``: a function of its workbook's style tables and the cell's indexes
    into them, so worked out once per workbook and distinct indexes (most cells share a few)."""
    memo = _STYLES.setdefault(cell.parent.parent, {})
    ids = None if cell._style is None else tuple(cell._style)  # None until a style is set: the defaults
    if ids not in memo:
        al = cell.alignment  # wrapText=False and None mean the same (openpyxl writes one as the other)
        keys = ("horizontal", "vertical", "textRotation", "wrapText", "shrinkToFit", "indent")
        align = tuple(getattr(al, k) or None for k in keys)
        style = (cell.number_format, repr(cell.font), repr(cell.border), align, repr(cell.protection))
        memo[ids] = (style, repr(cell.fill))
    return memo[ids]


_STYLES: weakref.WeakKeyDictionary[Any, dict[tuple[int, ...] | None, tuple[tuple, str]]] = weakref.WeakKeyDictionary()


def _assert_only_fills_and_comments_changed(src: Path, dst: Path, marked: set[tuple[str, str]]) -> None:
    """Besides values: styles, comments, merges, sizes, panes and states of every input sheet.

    Only the cells with findings (``marked``) may get another fill, and a comment (after the
    office's own comment, when the cell had one).
    """
    a, b = _workbook(src), _workbook(dst)
    for ws_a in a.worksheets:
        ws_b = b[ws_a.title]
        where = ws_a.title
        assert ws_b.sheet_state == ws_a.sheet_state, where
        assert ws_b.freeze_panes == ws_a.freeze_panes, where
        assert sorted(map(str, ws_b.merged_cells.ranges)) == sorted(map(str, ws_a.merged_cells.ranges)), where
        assert {k: d.width for k, d in ws_b.column_dimensions.items()} == {
            k: d.width for k, d in ws_a.column_dimensions.items()
        }, where
        assert {k: d.height for k, d in ws_b.row_dimensions.items() if d.height} == {
            k: d.height for k, d in ws_a.row_dimensions.items() if d.height
        }, where
        for row in ws_a.iter_rows():
            for ca in row:
                cb = ws_b[ca.coordinate]
                key = (where, ca.coordinate)
                assert _style(cb) == _style(ca), key
                if key not in marked:
                    assert _fill(cb) == _fill(ca), key
                    assert (cb.comment.text if cb.comment else None) == (ca.comment.text if ca.comment else None), key
                elif ca.comment is not None:
                    assert cb.comment is not None and cb.comment.text.startswith(ca.comment.text), key


def test_every_cell_of_every_input_sheet_is_identical_in_the_annotated_copy(checked):
    src, fr = checked
    _assert_every_cell_kept(src, fr.output)


def test_nothing_of_an_input_sheet_changes_but_fills_and_comments_of_finding_cells(checked):
    src, fr = checked
    marked = {(f.cell.sheet, c) for f in fr.findings if f.cell for c in expand_range(f.cell.coord)}
    _assert_only_fills_and_comments_changed(src, fr.output, marked)


@pytest.fixture(scope="module")
def fallback(checked, tmp_path_factory) -> tuple[Path, api.FileResult, Path]:
    """The annotated copy through the openpyxl fallback writer, written once per input (two tests read it).

    openpyxl drops cached formula values, which the copy must then say (KX030): the check's own
    KX030 findings are dropped first, so those in ``fr.findings`` afterwards are the writer's.
    """
    src, fr = checked
    fr.findings = [f for f in fr.findings if f.code != "KX030"]
    dst = write_annotated(fr, tmp_path_factory.mktemp("fallback") / fr.output.name, method="openpyxl")
    return src, fr, dst


def test_every_cell_survives_the_openpyxl_fallback_writer_too(fallback):
    """Values and formulas; openpyxl drops cached formula values, which the copy must then say (KX030)."""
    src, fr, dst = fallback
    lost = {f.params.get("part") for f in fr.findings if f.code == "KX030"}
    _assert_every_cell_kept(src, dst, cached="cached-formula-values" not in lost)


def test_fallback_writer_changes_nothing_but_fills_and_comments_of_finding_cells(fallback):
    src, fr, dst = fallback
    marked = {(f.cell.sheet, c) for f in fr.findings if f.cell for c in expand_range(f.cell.coord)}
    _assert_only_fills_and_comments_changed(src, dst, marked)
