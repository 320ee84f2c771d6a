"""PlainTable (the report's NKO table) prints the same bytes as the rich.Table it describes: in
colour and without, at every console width, with the cells a report holds and others."""

from __future__ import annotations

import io
import random

import pytest
from rich.console import Console

from kinerja_xl.analysis import Analysis
from kinerja_xl.model import PERIODS
from kinerja_xl.profiles import load
from kinerja_xl.writers.plain_table import PlainTable
from kinerja_xl.writers.terminal import nko_table


def _printed(renderable: object, width: int, color: bool, encoding: str = "utf-8") -> str:
    buf = io.TextIOWrapper(io.BytesIO(), encoding=encoding, errors="replace") if encoding != "utf-8" else io.StringIO()
    console = Console(
        file=buf,
        width=width,
        force_terminal=color,
        color_system="truecolor" if color else None,
        highlight=False,
        soft_wrap=False,
    )
    console.print(renderable)
    if isinstance(buf, io.StringIO):
        return buf.getvalue()
    buf.flush()
    return buf.buffer.getvalue().decode(encoding)  # type: ignore[attr-defined]


def _random_table(rng: random.Random) -> PlainTable:
    cell = lambda: rng.choice(["", "-", "96,91", "104,63", "1.234,50", "Istimewa", "Butuh Perbaikan", "Baik"])  # noqa: E731
    bold = rng.choice([None, *range(1, len(PERIODS) + 1)])
    table = PlainTable(rng.choice(["NKO (hasil hitung ulang)", "NKO (recomputed)", "T"]), ["", *PERIODS], bold=bold)
    for label in rng.sample(["NKO", "Predikat", "NKO tertulis", "NKO written"], rng.randint(1, 3)):
        table.add_row(label, *[cell() for _ in PERIODS])
    return table


@pytest.mark.parametrize("seed", range(40))
def test_plain_table_prints_what_rich_table_prints(seed):
    rng = random.Random(seed)
    table = _random_table(rng)
    for width in (200, 100, 80, 60):
        for color in (False, True):
            assert _printed(table, width, color) == _printed(table.table(), width, color), (width, color)


def test_a_narrow_console_an_ascii_console_and_wide_characters_are_left_to_rich():
    table = PlainTable("NKO", ["", "Q1", "Y"], bold=2)
    table.add_row("NKO", "104,63", "102,81")
    assert _printed(table, 20, False) == _printed(table.table(), 20, False)  # shrunk and wrapped by rich
    assert _printed(table, 100, False, "ascii") == _printed(table.table(), 100, False, "ascii")
    assert "+" in _printed(table, 100, False, "ascii") or "-" in _printed(table, 100, False, "ascii")
    wide = PlainTable("NKO", ["", "Q1"])
    wide.add_row("予測", "[bold]x[/bold]")  # double-width characters; markup stays text
    assert _printed(wide, 100, True) == _printed(wide.table(), 100, True)
    assert "[bold]x[/bold]" in _printed(wide, 100, False)


def test_the_report_nko_table_at_100_columns():
    an = Analysis(load("kmk-300-2022"))
    an.nko = {"Q1": 104.63, "Q2": 96.0, "Sm.I": None, "Q3": 103.2, "s.d. Q3": 103.2, "Q4": 102.81, "Y": 102.81}
    an.predikat = {p: "Istimewa" for p in PERIODS if an.nko.get(p) is not None}
    an.predikat["Q2"] = "Baik"
    table = nko_table(an, "Q4", "id", {"Y": (110.0, None)})
    text = _printed(table, 100, False)
    assert text.splitlines()[0].rstrip() == "NKO (hasil hitung ulang)"
    assert "│ NKO          │   104,63 │ 96,00 │    - │   103,20 │   103,20 │   102,81 │   102,81 │" in text
    assert "│ Predikat     │ Istimewa │  Baik │    - │ Istimewa │ Istimewa │ Istimewa │ Istimewa │" in text
    assert "│ NKO tertulis │          │       │      │          │          │          │   110,00 │" in text
    coloured = _printed(table, 100, True)
    assert "\x1b[1m  102,81\x1b[0m" in coloured  # the reported period (Q4) in bold
    assert coloured == _printed(table.table(), 100, True)
