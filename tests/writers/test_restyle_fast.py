"""The few cells of a big sheet a finding marks are found by their reference (styles._wanted_tags):
exactly the tags the scan of every cell (_CELL_TAG.sub) restyles, in the same order."""

from __future__ import annotations

import random

import pytest

from kinerja_xl.writers.ooxml.styles import _CELL_TAG, _wanted_tags


def _scan(xml: str, wanted: set[str]) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group(1)) for m in _CELL_TAG.finditer(xml) if m.group(1) in wanted]


def _fast(xml: str, wanted: set[str]) -> list[tuple[int, int, str]] | None:
    tags = _wanted_tags(xml, wanted)
    return None if tags is None else [(m.start(), m.end(), m.group(1)) for m in tags]


ODD = [
    '<row r="5"><c r="C5" s="1"><v>1</v></c><c s="2" r="D5"/><c\tr="E5">x</c></row>',
    '<c xr="C5" r="C6"/><c r="C5" r="C7"/><c r="C7" x:r="C5"/>',  # a second r= is not the cell's
    '<cc r="C5"/><c:c r="C5"/><col r="C5"/><c r="C55"/><c r="c5"/><c r="C5"',  # no match, or no '>'
    '<hyperlink ref="C5" r="C5"/><f>r="C5"</f><c r="C5"/>',
    '<row r="1"><c r="A1"><is><t>r="C5" &lt;c r="C5"&gt;</t></is></c></row>',
]


@pytest.mark.parametrize("xml", ODD)
def test_odd_shapes_find_what_the_scan_finds(xml):
    for wanted in ({"C5"}, {"C5", "C6", "C7", "D5", "E5", "A1"}, {"Z9"}, {"5:5"}, {"C.", "C5|D5"}, set()):
        assert _fast(xml, wanted) == _scan(xml, wanted)


def test_a_tag_the_scan_would_swallow_falls_back_to_the_scan():
    assert _fast('<c s="1" <c r="C5"/>', {"C5"}) is None
    assert _fast('<c s="1" <x r="C5">', {"C5"}) is None  # the scan restyles <c s="1" <x r="C5">


def test_random_sheets():
    rng = random.Random(20)
    pieces = ['<c r="{}"/>', '<c r="{}" s="3"><v>1</v></c>', '<c s="1" r="{}"/>', '<c  r="{}" t="s">', "<v>2</v></c>"]
    pieces += ['<row r="1">', "</row>", "<f>A1+{}</f>", '<t>r="{}"</t>', "<c/>", '<c xr="{}"/>', "<c s='1' ", "<x "]
    refs = ["A1", "B2", "C5", "AA10", "B22", "b2"]
    for _ in range(300):
        xml = "".join(rng.choice(pieces).format(rng.choice(refs)) for _ in range(rng.randrange(1, 30)))
        wanted = set(rng.sample(refs, rng.randrange(1, len(refs))))
        fast = _fast(xml, wanted)
        assert fast is None or fast == _scan(xml, wanted), xml
