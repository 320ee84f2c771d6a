"""The fixed copy's few cells and a sheet's formula cells, found without scanning every cell
(writers/ooxml/cellscan.py): exactly the matches the whole-sheet scan makes, in order."""

from __future__ import annotations

import random

import pytest

from kinerja_xl.writers.ooxml import cellscan
from kinerja_xl.writers.ooxml.cellscan import CELL_ELEMENT, FORMULA


def _spans(matches):
    return [(m.start(), m.end(), m.group(1), m.group(2)) for m in matches]


def _scan_wanted(xml, coords):
    return _spans(m for m in CELL_ELEMENT.finditer(xml) if m.group(1) in coords)


def _scan_formulas(xml):
    return _spans(m for m in CELL_ELEMENT.finditer(xml) if m.group(2) and FORMULA.search(m.group(2)))


ODD = [
    '<row r="5"><c r="C5" s="1"><f>C4/C3</f><v>1</v></c><c s="2" r="D5"/><c\tr="E5"><v>x</v></c></row>',
    '<c r="A1"><v>1</v><c r="C5"><f>A1</f></c><c r="D5"/>',  # A1 not closed: it swallows C5
    '<c r="A1" </c><c r="C5"><f>1</f></c>',  # a </c> inside a tag left open
    '<c s="1" <x r="C5"><f>2</f></c>',
    '<c r="C5"/><c r="C5"><f>3</f><v>3</v></c>',  # the same reference twice
    '<c r="C5"><is><t>&lt;f&gt; r="C5"</t></is></c><f>outside</f><c r="D5"><f/></c><c r="E5"><f</c>',
    '<cols><col min="1"/></cols><sheetData><c r="A1"><f t="shared" si="0" ref="A1:A3">B1</f></c></sheetData>',
]


@pytest.mark.parametrize("xml", ODD)
def test_odd_shapes(xml):
    for coords in ({"C5"}, {"C5", "D5", "E5", "A1"}, {"Z9"}, set()):
        assert _spans(cellscan.wanted_cells(xml, coords)) == _scan_wanted(xml, coords)
    assert _spans(cellscan.formula_cells(xml)) == _scan_formulas(xml)


def test_random_sheets():
    rng = random.Random(5)
    pieces = ['<c r="{}"/>', '<c r="{}" s="3"><v>1</v></c>', '<c r="{}"><f>A1+B2</f><v>2</v></c>', "</c>"]
    pieces += ['<c s="1" r="{}">', '<row r="1">', "</row>", '<f t="shared" si="1"/>', "<v>4</v>", "<c/>", "<x "]
    pieces += ['<c r="{}"><is><t>r="{}"</t></is></c>', "<f>", '<c xr="{}"/>', "<font/>", "<cols><col/></cols>"]
    refs = ["A1", "B2", "C5", "AA10", "b2"]
    fast = 0
    for _ in range(2000):
        xml = "".join(
            rng.choice(pieces).format(rng.choice(refs), rng.choice(refs)) for _ in range(rng.randrange(1, 25))
        )
        coords = set(rng.sample(refs, rng.randrange(0, len(refs))))
        assert _spans(cellscan.wanted_cells(xml, coords)) == _scan_wanted(xml, coords), xml
        assert _spans(cellscan.formula_cells(xml)) == _scan_formulas(xml), xml
        fast += cellscan._wanted_cells(xml, coords) is not None and cellscan._formula_cells(xml) is not None
    assert fast > 500  # most shapes are found without the scan


def test_replaced():
    xml = '<c r="A1"/><c r="B1"><v>1</v></c><c r="C1"/>'
    out = cellscan.replaced(xml, cellscan.wanted_cells(xml, {"A1", "C1"}), lambda m: m.group(1))
    assert out == 'A1<c r="B1"><v>1</v></c>C1'
