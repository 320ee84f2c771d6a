"""Property test of `kinerja-xl fix`: random clean blocks with random injected faults -> fix -> check
reports none of the injected faults (and nothing else that needs a person)."""

from __future__ import annotations

import itertools
import tempfile
from dataclasses import dataclass
from pathlib import Path

import openpyxl
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st
from workbooks import write_block

from kinerja_xl import api, profiles, scoring
from kinerja_xl.config import Settings
from kinerja_xl.model import CONSOLIDATED, PERIODS, QUARTERS

FAST = hsettings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
PROFILE = profiles.load("kmk-300-2022")
ROWS = ("target", "realisasi", "capaian", "nilai")
COLUMNS = dict(zip(PERIODS, "BCDEFGH", strict=True))
BLOCK_HEIGHT = 9  # write_block: name rows at top, top+1; header top+2; rows top+3..top+6
_WORK = Path(tempfile.mkdtemp(prefix="kx-fix-property-"))
_COUNTER = itertools.count()
# Faults a fix covers: (row, kind) -> the finding it must give. A consolidated Target (KX110) is data:
# its fix is unsafe (issue 17), so the run fixes with --unsafe-fixes.
UNSAFE = {"KX110"}
FAULTS = {
    ("capaian", "wrong"): "KX101",
    ("nilai", "wrong"): "KX102",
    ("target", "wrong"): "KX110",
    ("capaian", "text"): "KX011",
    ("capaian", "points-in-pct"): "KX012",
}


@dataclass
class Block:
    pol: str
    kp: str
    values: dict[str, dict[str, float]]  # row -> period -> points
    capaian_pct: bool  # the Capaian row is stored as %-formatted fractions
    faults: list[tuple[str, str, str, float]]  # (row, period, kind, delta)


def _roll(quarters: list[float], kp: str) -> dict[str, float]:
    out = dict(zip(QUARTERS, quarters, strict=True))
    for period, qs in CONSOLIDATED.items():
        out[period] = scoring.konsolidasi([out[q] for q in qs], kp)
    return out


@st.composite
def block(draw) -> Block:
    """A consistent block (Max or Min, any KP), then up to three faults on distinct cells."""
    pol = draw(st.sampled_from(["Max", "Min"]))
    kp = draw(st.sampled_from(["TLK", "Sum", "Avg"]))
    base = draw(st.integers(10, 500))
    steps = [draw(st.integers(0, 50)) for _ in range(4)]
    targets = list(itertools.accumulate(steps, initial=base))[1:]  # never falling (KX111 is not a fault here)
    ratios = [draw(st.integers(60, 140)) / 100 for _ in range(4)]
    realisasi = [round(t * r, 2) for t, r in zip(targets, ratios, strict=True)]
    values = {"target": _roll([float(t) for t in targets], kp), "realisasi": _roll(realisasi, kp)}
    values["capaian"] = {p: scoring.capaian(values["target"][p], values["realisasi"][p], pol) for p in PERIODS}
    values["nilai"] = {p: scoring.nilai(values["capaian"][p], PROFILE) for p in PERIODS}
    capaian_pct = draw(st.booleans())
    kinds = [k for k in FAULTS if k != (("capaian", "text") if capaian_pct else ("capaian", "points-in-pct"))]
    faults = []
    used: set[tuple[str, str]] = set()
    for _ in range(draw(st.integers(1, 3))):
        row, kind = draw(st.sampled_from(kinds))
        period = draw(st.sampled_from(list(CONSOLIDATED) if row == "target" else PERIODS))
        if (row, period) in used:
            continue
        used.add((row, period))
        faults.append((row, period, kind, float(draw(st.integers(5, 40)))))
    return Block(pol, kp, values, capaian_pct, faults)


def write(blocks: list[Block]) -> tuple[Path, dict[tuple[str, str], str]]:
    """The blocks on one sheet; returns the path and the injected cell -> the finding it must give."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "IKU"
    ws["A1"] = "MONITORING IKU KPKNL UJI TAHUN 2024"
    injected: dict[tuple[str, str], str] = {}
    for b, blk in enumerate(blocks):
        top = 3 + b * BLOCK_HEIGHT
        entries: dict[str, list] = {}
        for row in ROWS:
            scale = 0.01 if row == "capaian" and blk.capaian_pct else 1.0
            entries[row] = [blk.values[row][p] * scale for p in PERIODS]
        for row, period, kind, delta in blk.faults:
            j = PERIODS.index(period)
            points = blk.values[row][period]
            if kind == "wrong":
                wrong = points - delta if row == "nilai" else points + delta
                entries[row][j] = wrong * (0.01 if row == "capaian" and blk.capaian_pct else 1.0)
            elif kind == "text":
                entries[row][j] = f"{points:.2f}".replace(".", ",")
            elif kind == "points-in-pct":
                entries[row][j] = points  # typed as points into a % cell: shows 11.000%
            injected[("IKU", f"{COLUMNS[period]}{top + 3 + ROWS.index(row)}")] = FAULTS[(row, kind)]
        header = write_block(
            ws,
            top,
            name=f"Nama IKU : Indikator uji {b + 1} ({b + 1}a-CP)",
            polkp=f"{blk.pol}/{blk.kp}",
            values=entries,
            formats={"capaian": "0.00%"} if blk.capaian_pct else None,
        )
        assert header == top + 2
    path = _WORK / f"fix-case-{next(_COUNTER)}-2024.xlsx"
    wb.save(path)
    return path, injected


@FAST
@given(st.lists(block(), min_size=1, max_size=3))
def test_fix_then_check_reports_none_of_the_injected_faults(blocks):
    path, injected = write(blocks)
    before = api.check([path], Settings(annotate=False)).files[0]
    found = {(f.cell.sheet, f.cell.coord): f.code for f in before.findings if f.cell is not None}
    for cell, code in injected.items():  # each fault is found where it was put, with a fix
        assert found.get(cell) == code, (cell, code, found)
    assert all(
        f.fix is not None and f.fix.safe == (f.code not in UNSAFE) for f in before.findings if f.code in FAULTS.values()
    )

    fr = api.fix_file(path, Settings(), output=path.with_name(path.stem + ".fixed.xlsx"), unsafe=True)
    assert fr.error is None and fr.output is not None
    assert {(c.sheet, c.coord) for c in fr.fix_plan.changed} >= set(injected)
    after = api.check([fr.output], Settings(annotate=False)).files[0]
    left = [
        (str(f.cell), f.code)
        for f in after.findings
        if f.severity.rank >= 1 or (f.cell and (f.cell.sheet, f.cell.coord) in injected)
    ]
    assert left == []
    assert after.analysis.nko["Y"] == before.analysis.nko["Y"]  # the fixes never change the score
