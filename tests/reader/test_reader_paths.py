"""The reader's paths give the same cells and the same outputs.

A workbook is read through its own parts with the regex sheet scan (the common shape), through
the expat pass (any other shape), or through openpyxl's read-only open (a package shape the own
reader leaves). Every workbook of the fidelity corpus must give the same grids each way, and the
samples the same JSON, annotated copy and fixed copy.
"""

from __future__ import annotations

import datetime as dt
import sys
import zipfile
from pathlib import Path

import pytest

from kinerja_xl.reader import book, files, sheetxml

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "fidelity"))
from corpus import CORPUS, SAMPLES


def _grids(path: Path) -> tuple[list[str], list[tuple[str, dict, dict, set]]]:
    names, grids = files.load_grids(path)
    return names, [(g.title, g.rows, g.formulas, g.percent) for g in grids]


def _force_expat(monkeypatch) -> None:
    monkeypatch.setattr(sheetxml, "split", lambda data: None)


def _force_openpyxl(monkeypatch) -> None:
    def unusual(*args, **kwargs):
        raise book.Unusual("test")

    monkeypatch.setattr(book, "open_book", unusual)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> dict[str, Path]:
    out = {}
    for name, build in CORPUS.items():
        folder = tmp_path_factory.mktemp(name.replace(":", "-"))
        try:
            out[name] = build(folder)
        except pytest.skip.Exception:
            continue
    return out


def test_every_corpus_workbook_reads_the_same_three_ways(corpus, monkeypatch):
    """Own parts + regex, own parts + expat, openpyxl + expat: the same sheets, values, formulas, % cells."""
    fast = {name: _grids(path) for name, path in corpus.items()}
    with monkeypatch.context() as m:
        _force_expat(m)
        expat = {name: _grids(path) for name, path in corpus.items()}
    with monkeypatch.context() as m:
        _force_expat(m)
        _force_openpyxl(m)
        via_openpyxl = {name: _grids(path) for name, path in corpus.items()}
    assert fast == expat == via_openpyxl
    assert len(fast) >= 10


def test_the_common_shape_takes_the_regex_scan(monkeypatch):
    """The samples (written like Excel writes) never need the expat pass, so the test above compares two parsers."""
    calls = []
    scan = sheetxml.scan
    monkeypatch.setattr(sheetxml, "scan", lambda *a: calls.append(scan(*a)) or calls[-1])
    for sample in sorted(SAMPLES.glob("*.xlsx")):
        files.load_grids(sample)
    assert calls and all(calls)


def _rewrite(tmp_path: Path, src: Path, part: str, edit) -> Path:
    out = tmp_path / f"edited-{len(list(tmp_path.iterdir()))}.xlsx"
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            zout.writestr(item, edit(data) if item.filename == part else data)
    return out


SAMPLE = SAMPLES / "kpknl-serang-2024-q4.xlsx"
# Shapes the regex scan must hand to expat (or read the same): each edit of the sample's first sheet
EDITS = {
    "attributes in another order": lambda d: d.replace(b' s="', b' zz="1" s="', 1),
    "character reference": lambda d: d.replace(b"<v>", b"<v>&#49;", 1),
    "carriage return in a formula": lambda d: d.replace(b"<f>", b"<f>\r", 1),
    "comment between cells": lambda d: d.replace(b"</c>", b"</c><!-- x -->", 1),
    "prefixed elements": lambda d: d.replace(b"<sheetData>", b"<x:sheetData xmlns:x='urn:other'/><sheetData>", 1),
    "undeclared attribute prefix": lambda d: d.replace(b"<row ", b'<row q:x="1" ', 1),
    "utf-16": lambda d: d.decode("utf-8").replace('encoding="UTF-8"', 'encoding="UTF-16"').encode("utf-16"),
    "whitespace in cells": lambda d: d.replace(b"</v></c>", b"</v>\n</c>"),
    "entities": lambda d: d.replace(b"</f>", b"&amp;&lt;&gt;&quot;&apos;</f>", 1),
}


@pytest.mark.parametrize("edit", EDITS, ids=list(EDITS))
def test_odd_sheet_shapes_read_as_expat_reads_them(tmp_path, monkeypatch, edit):
    path = _rewrite(tmp_path, SAMPLE, "xl/worksheets/sheet1.xml", EDITS[edit])
    try:
        fast = _grids(path)
    except files.ReadError as exc:
        fast = ("error", str(exc))
    with monkeypatch.context() as m:
        _force_expat(m)
        try:
            slow = _grids(path)
        except files.ReadError as exc:
            slow = ("error", str(exc))
    assert fast == slow


# Cell shapes the regex scan reads itself (its pattern takes plain <v> cells and <f>..</f><v>..</v>
# cells by their own alternatives, every other cell by its content): the same cells as expat reads
_ROW_END = b"</row>"
SCANNED = {
    "type before style": lambda d: d.replace(b' s="7" t="n"', b' t="n" s="7"'),
    "other attributes": lambda d: d.replace(b' s="10" t="n"', b' cm="1" s="10" vm="2" t="n"', 1),
    "empty and self-closed cells": lambda d: d.replace(
        _ROW_END, b'<c r="X1" s="1"/><c r="Y1"><v></v></c><c r="Z1" t="n"><v/></c><c r="AA1"></c>' + _ROW_END, 1
    ),
    "formulas of every shape": lambda d: d.replace(
        _ROW_END,
        b'<c r="X1"><f>1+1</f><v>2</v></c><c r="Y1"><f></f><v>3</v></c>'
        b'<c r="Z1"><f t="shared" ref="Z1:Z2" si="0">X1*2</f><v>4</v></c><c r="AA1"><f t="shared" si="0"/><v>5</v></c>'
        b'<c r="AB1" t="str"><f>"a"&amp;"b"</f><v>a&amp;b</v></c><c r="AC1" s="10"><f>X1</f></c>'
        b'<c r="AD1" t="e"><f>1/0</f><v>#DIV/0!</v></c><c r="AE1" t="b"><v>1</v></c>' + _ROW_END,
        1,
    ),
    "inline strings": lambda d: d.replace(
        _ROW_END,
        b'<c r="X1" t="inlineStr"><is><t xml:space="preserve"> a </t></is></c>'
        b'<c r="Y1" t="inlineStr"><v>9</v><is><t>b</t></is></c><c r="Z1" t="inlineStr"></c>' + _ROW_END,
        1,
    ),
}


@pytest.mark.parametrize("edit", SCANNED, ids=list(SCANNED))
def test_cell_shapes_the_regex_scan_reads_as_expat_reads_them(tmp_path, monkeypatch, edit):
    path = _rewrite(tmp_path, SAMPLE, "xl/worksheets/sheet1.xml", SCANNED[edit])
    calls = []
    scan = sheetxml.scan
    with monkeypatch.context() as m:
        m.setattr(sheetxml, "scan", lambda *a: calls.append(scan(*a)) or calls[-1])
        fast = _grids(path)
    assert calls and all(calls)
    with monkeypatch.context() as m:
        _force_expat(m)
        slow = _grids(path)
    assert fast == slow


def test_a_repeated_attribute_is_left_to_expat(tmp_path):
    path = _rewrite(tmp_path, SAMPLE, "xl/worksheets/sheet1.xml", lambda d: d.replace(b' s="10"', b' s="10" s="10"', 1))
    with pytest.raises(files.ReadError):
        files.load_grids(path)


def test_shared_strings_rich_text_and_phonetic_runs(tmp_path, monkeypatch):
    """Rich runs are joined and phonetic runs left out, as openpyxl reads them."""
    rich = (
        b'<si><r><t>Nama </t></r><r><rPr><b/></rPr><t xml:space="preserve">IKU </t></r>'
        b"<rPh sb='0' eb='1'><t>X</t></rPh></si>"
    )
    import xlsxwriter

    src = tmp_path / "strings.xlsx"
    wb = xlsxwriter.Workbook(str(src))
    wb.add_worksheet("IKU").write_string(0, 0, "Target")
    wb.close()
    path = _rewrite(tmp_path, src, "xl/sharedStrings.xml", lambda d: d.replace(b"<si>", rich + b"<si>", 1))
    own = book.open_book(zipfile.ZipFile(path), files._safe_parser, lambda f: False).shared
    with monkeypatch.context() as m:
        _force_openpyxl(m)
        wb = files._load(path, data_only=True)
        try:
            theirs = wb.worksheets[0]._shared_strings
        finally:
            files._close(wb)
    assert own[0] == "Nama IKU " and own == theirs


def test_number_format_tables_match_openpyxl():
    from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format, is_timedelta_format

    from kinerja_xl.reader.values import is_percent_format

    assert set(BUILTIN_FORMATS) == book.BUILTIN_IDS
    assert {i for i, f in BUILTIN_FORMATS.items() if is_date_format(f)} == book.BUILTIN_DATES
    assert {i for i, f in BUILTIN_FORMATS.items() if is_timedelta_format(f)} == book.BUILTIN_TIMEDELTAS
    assert {i for i, f in BUILTIN_FORMATS.items() if is_percent_format(f)} == book.BUILTIN_PERCENTS
    for fmt in ("yyyy-mm-dd", '"Q"0', "[h]:mm", "[Red]0.00", "0%", "d-mmm", "\\d0", "_m0", "[$-421]dd mmmm yyyy"):
        assert book.is_date_format(fmt) == is_date_format(fmt)
        assert book.is_timedelta_format(fmt) == is_timedelta_format(fmt)


def test_1904_dates_read_as_openpyxl_reads_them(tmp_path, monkeypatch):
    import xlsxwriter

    path = tmp_path / "mac.xlsx"
    wb = xlsxwriter.Workbook(str(path), {"date_1904": True})
    ws = wb.add_worksheet("IKU")
    ws.write_datetime(0, 0, dt.datetime(2024, 3, 31), wb.add_format({"num_format": "yyyy-mm-dd"}))
    wb.close()
    fast = _grids(path)
    with monkeypatch.context() as m:
        _force_openpyxl(m)
        slow = _grids(path)
    assert fast == slow and fast[1][0][1][1][1] == dt.datetime(2024, 3, 31)


def _members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as zf:
        return {name: zf.read(name) for name in zf.namelist()}


def _outputs(src: Path, out: Path) -> tuple[str, dict[str, bytes], dict[str, bytes]]:
    """The JSON text, the annotated copy's parts and the fixed copy's parts of one workbook."""
    from kinerja_xl import api
    from kinerja_xl.config import Settings
    from kinerja_xl.writers.json_out import dumps

    out.mkdir()
    run = api.check([src], Settings(out_dir=out))
    text = dumps(run).replace(str(out), "<out>")
    fixed = api.fix([src], Settings(out_dir=out))
    return text, _members(Path(run.files[0].output)), _members(Path(fixed.files[0].output))


@pytest.mark.parametrize("sample", sorted(p.name for p in SAMPLES.glob("*.xlsx")))
def test_outputs_are_the_same_whichever_reader_path(tmp_path, monkeypatch, sample):
    """JSON, annotated copy and fixed copy of each sample: the same through the own parts + regex
    scan as through openpyxl's open + the expat pass (the reader before issue 20)."""
    fast = _outputs(SAMPLES / sample, tmp_path / "fast")
    with monkeypatch.context() as m:
        _force_expat(m)
        _force_openpyxl(m)
        slow = _outputs(SAMPLES / sample, tmp_path / "slow")
    assert fast[0] == slow[0]
    assert fast[1] == slow[1]
    assert fast[2] == slow[2]
