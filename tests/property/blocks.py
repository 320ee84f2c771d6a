"""Hypothesis strategies for random IKU block contents, and a writer that turns them into an xlsx.

Every generated cell carries a tag saying what it is, so a test knows which finding
the cell must produce: ("text", s) must give KX010 at that cell, ("numtext", s) KX011,
("formula-opaque", f) KX013, and so on.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import openpyxl
from hypothesis import strategies as st
from openpyxl.utils import get_column_letter

ROWS = ("Target", "Realisasi", "Capaian", "Nilai Kinerja")
ROW_OFFSET = {"Target": 3, "Realisasi": 4, "Capaian": 5, "Nilai Kinerja": 6}
BLOCK_HEIGHT = 8
FIRST_ROW = 3  # row 1 holds the title with the year
# Accepted label variants per position (workbook-format.md section 1).
PERIOD_VARIANTS = [
    ["Q1", "TW1", "TW I", "Triwulan I"],
    ["Q2", "TW2", "TW II", "Triwulan II"],
    ["Sm.I", "Sm.l", "Smt.1", "Semester I", "s.d. Q2", "Q2"],
    ["Q3", "TW3", "TW III", "Triwulan III"],
    ["s.d. Q3", "s.d.Q3", "sd Q3", "s/d Q3"],
    ["Q4", "TW4", "TW IV", "Triwulan IV"],
    ["Y-24", "Y", "Y-2024", "Tahunan"],
]
POLKP_VARIANTS = ["Pol/KP", "Pol/ K P", "Po/ K P", "Pol / KP"]
KNOWN_POL = ["Max", "Maximize", "Min", "Minimize", "Stab", "Stabilize"]
KNOWN_KP = ["TLK", "Take Last Known", "Sum", "Jumlah", "Avg", "Average", "Rata-rata"]
NA_TEXT = ["-", "N/A", "n.a.", "NA"]
EXCEL_ERRORS = ["#DIV/0!", "#N/A", "#VALUE!", "#REF!", "#NUM!"]
NON_NUMERIC = ["belum ada", "Rp18.897M", "tercapai", "lihat catatan", "TBD", "on progress", "12 orang", "Rp 5 M"]


@dataclass
class Cell:
    """One generated cell: its tag, the value written, and an optional number format."""

    tag: str  # num, pct, numtext, text, blank, na, error, formula, formula-opaque
    value: Any
    number_format: str | None = None


@dataclass
class Block:
    """One generated IKU block."""

    code: str
    labels: list[str]
    polkp: Cell
    cells: dict[str, list[Cell]]  # row label -> 7 cells


@dataclass
class Sheet:
    """The generated workbook: blocks on one sheet, and where each tagged cell went."""

    blocks: list[Block]
    where: dict[tuple[str, str], Cell] = field(default_factory=dict)  # (sheet, coord) -> cell
    polkp_where: dict[tuple[str, str], Cell] = field(default_factory=dict)


finite = st.floats(min_value=-1e15, max_value=1e15, allow_nan=False, allow_infinity=False)
extreme = st.sampled_from([0, 0.0, -0.0, 1, -1, 1e300, -1e300, 1e-300, 5e-324, 10**15, 120, 200])
numbers = st.one_of(st.integers(-(10**12), 10**12), finite, extreme)
# Number text that is unambiguous in the spec's reading: Indonesian first, English when clear.
numtext = st.one_of(
    st.builds(lambda i, d: f"{i},{d:02d}", st.integers(0, 999), st.integers(0, 99)),
    st.builds(lambda i, d: f"{i},{d:02d}%", st.integers(0, 300), st.integers(0, 99)),
    st.builds(lambda a, b, d: f"{a}.{b:03d},{d:02d}", st.integers(1, 999), st.integers(0, 999), st.integers(0, 99)),
    st.builds(lambda a, b, d: f"{a},{b:03d}.{d:02d}", st.integers(1, 999), st.integers(0, 999), st.integers(0, 99)),
)
words = st.text(alphabet="abcdefghijklmnopqrstuvwxyz ", min_size=1, max_size=12)
non_numeric = st.one_of(st.sampled_from(NON_NUMERIC), words.map(lambda s: f"belum {s}".strip()))


@functools.cache  # one strategy object per cell position: built once, drawn from many times
def _formulas(col: str, top: int) -> st.SearchStrategy[Cell]:
    """Formulas as offices write them, relative to the block starting at row ``top``."""
    t, r = top + ROW_OFFSET["Target"], top + ROW_OFFSET["Realisasi"]
    simple = st.sampled_from(
        [
            f"={col}{r}/{col}{t}*100",
            f"={col}{r}/{col}{t}",
            "=1/0",
            f"=SUM(B{t}:H{t})",
            f"=AVERAGE(B{r}:C{r})",
            f"=MIN({col}{r}/{col}{t}*100,120)",
            f"=ROUND({col}{r}/{col}{t}*100,2)",
            f"=IF({col}{t}=0,0,{col}{r}/{col}{t}*100)",
            f"=({col}{r}-{col}{t})",
            "=A1",
        ]
    )
    opaque = st.sampled_from(["=VLOOKUP(A1,B:C,2,FALSE)", f'=INDIRECT("B{t}")', "=NOW()"])
    return st.one_of(simple.map(lambda f: Cell("formula", f)), opaque.map(lambda f: Cell("formula-opaque", f)))


@functools.cache
def cell_strategy(col: str, top: int) -> st.SearchStrategy[Cell]:
    """Any content a person might type into a value cell."""
    return st.one_of(
        numbers.map(lambda x: Cell("num", x)),
        numbers.map(lambda x: Cell("pct", x, "0.00%")),
        numtext.map(lambda s: Cell("numtext", s)),
        non_numeric.map(lambda s: Cell("text", s)),
        st.just(Cell("blank", None)),
        st.sampled_from(NA_TEXT).map(lambda s: Cell("na", s)),
        st.sampled_from(EXCEL_ERRORS).map(lambda s: Cell("error", s)),
        _formulas(col, top),
    )


polkp_known = st.builds(
    lambda p, k: Cell("polkp-known", f"{p}/{k}"), st.sampled_from(KNOWN_POL), st.sampled_from(KNOWN_KP)
)
polkp_unknown = st.one_of(
    st.sampled_from(["Naik/Akhir", "Max", "TLK", "Max/Median", "?/?"]).map(lambda s: Cell("polkp-unknown", s)),
    st.just(Cell("polkp-unknown", None)),
)


@st.composite
def blocks(draw, n_min: int = 1, n_max: int = 3, random_labels: bool = False) -> list[Block]:
    """One to three blocks with random contents (and, optionally, random period labels)."""
    out = []
    for b in range(draw(st.integers(n_min, n_max))):
        top = FIRST_ROW + b * BLOCK_HEIGHT
        if random_labels:
            labels = [draw(st.one_of(st.sampled_from(v), words, st.just(""))) for v in PERIOD_VARIANTS]
        else:
            labels = [draw(st.sampled_from(v)) for v in PERIOD_VARIANTS]
            if labels[2] == "Q2":  # the Serang quirk: a second Q2 in third position, needs a first Q2
                labels[1] = "Q2"
        cells = {row: [draw(cell_strategy(get_column_letter(2 + j), top)) for j in range(7)] for row in ROWS}
        polkp = draw(st.one_of(polkp_known, polkp_unknown))
        out.append(Block(code=f"{b + 1}a-CP", labels=labels, polkp=polkp, cells=cells))
    return out


def write_workbook(path: Path, generated: list[Block], sheet: str = "IKU") -> Sheet:
    """Write the blocks in the layout of workbook-format.md and record where each cell went."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = sheet
    ws["A1"] = "MONITORING IKU KPKNL UJI TAHUN 2024"
    out = Sheet(blocks=generated)
    for b, block in enumerate(generated):
        top = FIRST_ROW + b * BLOCK_HEIGHT
        ws.cell(top, 1, "KPKNL UJI")
        ws.cell(top, 2, f"Nama Sasaran Strategis : Sasaran uji {b + 1}")
        ws.cell(top + 1, 2, f"Nama IKU : Indikator uji {b + 1} ({block.code})")
        ws.cell(top + 2, 1, "T/R")
        for j, label in enumerate(block.labels):
            ws.cell(top + 2, 2 + j, label)
        ws.cell(top + 2, 9, POLKP_VARIANTS[b % len(POLKP_VARIANTS)])
        for row in ROWS:
            r = top + ROW_OFFSET[row]
            ws.cell(r, 1, row)
            for j, c in enumerate(block.cells[row]):
                target = ws.cell(r, 2 + j)
                target.value = c.value  # openpyxl stores '=...' as a formula, '#DIV/0!' as an error
                if c.number_format:
                    target.number_format = c.number_format
                out.where[(sheet, target.coordinate)] = c
        pk = ws.cell(top + ROW_OFFSET["Target"], 9, block.polkp.value)
        out.polkp_where[(sheet, pk.coordinate)] = block.polkp
    wb.save(path)
    return out
