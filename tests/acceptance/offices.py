"""Workbooks built the way offices build them, and an independent calculator from rules.md.

Nothing here calls the product's scoring: ``expected`` recomputes consolidation, capaian, Nilai,
NSS, Np and NKO from the spec's own words, so a test compares the tool with a second reading of
rules.md. The writer varies what offices vary: label spellings (TW I / Triwulan I / Smt I / s/d Q3 /
Y-2024), merged title and name cells, the unit named left of the blocks or only in the title,
percent-formatted rows (fractions) next to rows of plain points, and a Kanwil recap with several
units on separate sheets or stacked on one sheet.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import openpyxl
from built import built_once

QUARTERS = ("Q1", "Q2", "Q3", "Q4")
PERIODS = ("Q1", "Q2", "Sm.I", "Q3", "s.d. Q3", "Q4", "Y")
RANGES = {"Sm.I": ("Q1", "Q2"), "s.d. Q3": ("Q1", "Q2", "Q3"), "Y": QUARTERS}
WEIGHTS = {"Stakeholder": 30, "Customer": 20, "Internal Process": 25, "Learning and Growth": 25}

LABELS = {
    "plain": ["T/R", "Q1", "Q2", "Sm.I", "Q3", "s.d. Q3", "Q4", "Y-24", "Pol/KP"],
    "tw": ["T / R", "TW I", "TW II", "Smt I", "TW III", "s/d Q3", "TW IV", "Y-2024", "Pol / KP"],
    "triwulan": [
        "t/r",
        "Triwulan I",
        "Triwulan II",
        "Semester I",
        "Triwulan III",
        "sd Q3",
        "Triwulan IV",
        "Tahunan",
        "Polarisasi/Konsolidasi",
    ],
}
ROW_LABELS = {
    "plain": ("Target", "Realisasi", "Capaian", "Nilai Kinerja"),
    "tw": ("TARGET", "REALISASI", "Capaian (%)", "NK"),
    "triwulan": ("Target", "Realisasi", "% Capaian", "Indeks Capaian"),
}


@dataclass
class Ik:
    """One IKU as an office plans it: quarterly T and R (None = blank), scale and metadata."""

    code: str
    name: str
    ss: int
    ss_name: str
    perspective: str
    pol: str = "Max"
    kp: str = "TLK"
    t: tuple[Any, ...] = (25, 50, 75, 100)
    r: tuple[Any, ...] = (26, 52, 76, 101)
    pct: bool = False  # the row stores fractions shown as percent (0.8651 -> 86,51%)
    konversi: bool = False
    worst: float | None = None  # realisasi terburuk (Min, T = 0)
    # overrides of what the office writes: (row, period) -> cell value (as stored), typed into the
    # cell as formatted for its row (text too), or in the number format of ``formats`` at that key
    cells: dict[tuple[str, str], Any] = field(default_factory=dict)
    formats: dict[tuple[str, str], str] = field(default_factory=dict)


# ---------------------------------------------------------------- the independent calculator


def consolidate(values: dict[str, float | None], period: str, kp: str) -> float | None:
    qs = RANGES.get(period, (period,))
    got = [values[q] for q in qs if values[q] is not None]
    if not got:
        return None
    if kp == "TLK":
        return got[-1]
    return sum(got) if kp == "Sum" else sum(got) / len(got)


def real_consolidated(ik: Ik, period: str) -> float | None:
    """R of a period under rules.md section 1 (a Sum/Avg gap makes the column N/A)."""
    t = dict(zip(QUARTERS, ik.t, strict=True))
    r = dict(zip(QUARTERS, ik.r, strict=True))
    qs = RANGES.get(period, (period,))
    if ik.kp in ("Sum", "Avg") and any(t[q] is not None and r[q] is None for q in qs):
        return None
    return consolidate(r, period, ik.kp)


def capaian(pol: str, t: float | None, r: float | None, worst: float | None = None) -> float | None:
    if t is None or r is None:
        return None
    if pol == "Max":
        if t == 0:
            return None
        return r / t * 100 if t > 0 else (1 + (1 - r / t)) * 100
    if pol == "Min":
        if t == 0:
            if worst is None or worst <= t:
                return None
            return min((worst - r) / worst * 100, 100)
        return (2 - r / t) * 100 if t > 0 else r / t * 100
    # Stab, default scale (0,0) (90,100) (100,120)
    if t == 0:
        return None
    ca = max(0.0, 100 * (1 - abs(r / t - 1)))
    if ca <= 90:
        return ca / 90 * 100
    return 100 + (min(ca, 100) - 90) * 2


def nilai(ik: Ik, t: float | None, r: float | None) -> float | None:
    c = capaian(ik.pol, t, r, ik.worst)
    if c is None:
        return None
    if ik.konversi and ik.pol in ("Max", "Min") and ((ik.pol == "Max" and r >= t) or (ik.pol == "Min" and r <= t)):
        return 120.0
    return min(max(c, 0.0), 120.0)


def period_values(ik: Ik, period: str) -> tuple[float | None, float | None, float | None, float | None]:
    """(T, R, capaian, Nilai) of a period, in percent points."""
    t = consolidate(dict(zip(QUARTERS, ik.t, strict=True)), period, ik.kp)
    r = real_consolidated(ik, period)
    return t, r, capaian(ik.pol, t, r, ik.worst), nilai(ik, t, r)


def nko(ikus: list[Ik], period: str = "Y") -> float | None:
    """NKO from equal IKU weights, NSS per SS, Np per perspective, the default perspective weights."""
    by_ss: dict[int, list[float]] = {}
    persp_of: dict[int, str] = {}
    for ik in ikus:
        n = period_values(ik, period)[3]
        persp_of[ik.ss] = ik.perspective
        if n is not None:
            by_ss.setdefault(ik.ss, []).append(n)
    nps: dict[str, list[float]] = {}
    for ss, values in by_ss.items():
        nps.setdefault(persp_of[ss], []).append(sum(values) / len(values))
    if not nps:
        return None
    num = sum(sum(v) / len(v) * WEIGHTS[p] for p, v in nps.items())
    return num / sum(WEIGHTS[p] for p in nps)


# ---------------------------------------------------------------- the writer


def _stored(ik: Ik, row: str, value: float | None) -> tuple[Any, str]:
    """A value as the office stores it: fractions in a percent row, points otherwise; Nilai always points."""
    if value is None:
        return None, "General"
    if ik.pct and row in ("target", "realisasi", "capaian"):
        return round(value / 100, 6), "0.00%"
    return round(value, 2) if row in ("capaian", "nilai") else value, "0.00"


def write_summary(
    ws, top: int, unit_title: str | None, ikus: list[Ik], style: str, *, nko_written=None, period: str = "Y"
) -> int:
    """Title (merged), caption, header, perspective/SS/IKU rows and the NKO row; returns the next free row."""
    r = top
    if unit_title:
        ws.cell(r, 1, unit_title)
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=6)
        r += 1
    ws.cell(r, 1, "Tabel 1. Capaian Indikator Kinerja Utama")
    r += 1
    header = (
        ["Kode SS/IKU", "Sasaran Strategis/Indikator Kinerja Utama", "Target", "Realisasi", "Nilai"]
        if style == "plain"
        else ["KODE", "SASARAN STRATEGIS / IKU", "TARGET", "REALISASI", "NILAI KINERJA"]
    )
    for i, h in enumerate(header):
        ws.cell(r, 1 + i, h)
    r += 1
    seen_p: set[str] = set()
    seen_ss: set[int] = set()
    for ik in ikus:
        if ik.perspective not in seen_p:
            seen_p.add(ik.perspective)
            ws.cell(r, 1, f"{ik.perspective} Perspective ({WEIGHTS[ik.perspective]}%)")
            ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=5)
            r += 1
        if ik.ss not in seen_ss:
            seen_ss.add(ik.ss)
            ws.cell(r, 1, ik.ss)
            ws.cell(r, 2, ik.ss_name)
            r += 1
        t, real, _, n = period_values(ik, period)
        ws.cell(r, 1, ik.code)
        ws.cell(r, 2, ik.name)
        for col, row, v in ((3, "target", t), (4, "realisasi", real)):
            stored, fmt = _stored(ik, row, v)
            c = ws.cell(r, col, stored)
            c.number_format = fmt
        if n is not None:
            c = ws.cell(r, 5, round(n / 100, 4))
            c.number_format = "0.00%"
        r += 1
    total = nko(ikus, period) if nko_written is None else nko_written
    ws.cell(r, 1, "Nilai Kinerja Organisasi (NKO)")
    ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=4)
    if total is not None:
        c = ws.cell(r, 5, round(total / 100, 4))
        c.number_format = "0.00%"
    return r + 2


def write_blocks(ws, top: int, unit_cell: str | None, ikus: list[Ik], style: str) -> tuple[int, dict[str, dict]]:
    """One block per IKU from row ``top``; returns the next free row and each IKU's cells:
    code -> {(row, period): 'C12'}."""
    where: dict[str, dict] = {}
    r = top
    labels, row_labels = LABELS[style], ROW_LABELS[style]
    for ik in ikus:
        if unit_cell:
            ws.cell(r, 1, unit_cell)
        ws.cell(r, 2, f"Nama Sasaran Strategis : {ik.ss_name}")
        ws.merge_cells(start_row=r, start_column=2, end_row=r, end_column=9)
        ws.cell(r + 1, 2, f"Nama IKU : {ik.name} ({ik.code})")
        ws.merge_cells(start_row=r + 1, start_column=2, end_row=r + 1, end_column=9)
        extra = 0
        if ik.worst is not None:
            ws.cell(r + 2, 2, f"Realisasi Terburuk : {ik.worst}")
            extra += 1
        if ik.konversi:
            ws.cell(r + 2 + extra, 2, "Konversi 120 : Ya")
            extra += 1
        h = r + 2 + extra
        for i, label in enumerate(labels):
            ws.cell(h, 1 + i, label)
        cells: dict = {}
        for k, row in enumerate(("target", "realisasi", "capaian", "nilai")):
            rr = h + 1 + k
            ws.cell(rr, 1, row_labels[k])
            for j, p in enumerate(PERIODS):
                t, real, cap, n = period_values(ik, p)
                if p in RANGES and real is None:
                    # the office types what it has: the sum/last of the quarters it knows
                    real = consolidate(dict(zip(QUARTERS, ik.r, strict=True)), p, ik.kp)
                    cap, n = capaian(ik.pol, t, real, ik.worst), nilai(ik, t, real)
                v = {"target": t, "realisasi": real, "capaian": cap, "nilai": n}[row]
                stored, fmt = _stored(ik, row, v)
                typed = (row, p) in ik.cells
                if typed:
                    stored = ik.cells[(row, p)]
                    fmt = ik.formats.get((row, p), fmt)
                col = 2 + j
                c = ws.cell(rr, col, stored)
                if typed or not isinstance(stored, str):
                    c.number_format = fmt
                cells[(row, p)] = c.coordinate
            if row == "target":
                ws.cell(rr, 9, f"{ik.pol}/{ik.kp}")
        where[ik.code] = cells
        r = h + 6
    return r, where


@built_once  # the same report is asked for by several tests: built once, then copied
def single_unit(
    path: Path,
    ikus: list[Ik],
    *,
    unit: str = "KPKNL PURWAKARTA",
    style: str = "plain",
    unit_in_blocks: bool = True,
    nko_written: float | None = None,
    blocks_sheet: str = "IKU",
    period: str = "Y",
) -> tuple[Path, dict[str, dict]]:
    """A unit's Q4 report: 'Tabel 1' sheet then its blocks on another sheet."""
    wb = openpyxl.Workbook()
    table = wb.active
    table.title = "Tabel 1"
    title = f"LAPORAN KINERJA {unit} TAHUN 2024"
    write_summary(table, 1, title, ikus, style, nko_written=nko_written, period=period)
    ws = wb.create_sheet(blocks_sheet)
    ws["A1"] = f"MONITORING CAPAIAN IKU {unit} TAHUN 2024"
    ws.merge_cells("A1:I1")
    _, where = write_blocks(ws, 3, unit if unit_in_blocks else None, ikus, style)
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    return path, where


@built_once
def kanwil(
    path: Path,
    units: list[tuple[str, list[Ik]]],
    *,
    layout: str = "sheets",
    unit_in_blocks: bool = True,
    style: str = "plain",
    nko_written: dict[str, float] | None = None,
) -> tuple[Path, dict[str, dict[str, dict]]]:
    """A Kanwil recap: each unit's Tabel 1 (title naming the unit) and blocks, one sheet per unit
    (``sheets``), all stacked on one sheet (``stacked``), or every Tabel 1 stacked on one sheet and
    each unit's blocks on a sheet of its own titled with the unit (``tables``)."""
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    where: dict[str, dict[str, dict]] = {}
    ws = tables = None
    r = t = 1
    for name, ikus in units:
        title = f"LAPORAN KINERJA {name} TAHUN 2024"
        written = (nko_written or {}).get(name)
        if layout == "tables":
            tables = tables or wb.create_sheet("Tabel 1")
            t = write_summary(tables, t, title, ikus, style, nko_written=written)
            ws = wb.create_sheet(f"IKU {len(where) + 1}")
            ws["A1"] = f"MONITORING CAPAIAN IKU {name} TAHUN 2024"
            _, cells = write_blocks(ws, 3, name if unit_in_blocks else None, ikus, style)
        else:
            if layout == "sheets" or ws is None:
                ws = wb.create_sheet(name.title()[:31] if layout == "sheets" else "Rekap Kanwil")
                r = 1
            r = write_summary(ws, r, title, ikus, style, nko_written=written)
            r, cells = write_blocks(ws, r, name if unit_in_blocks else None, ikus, style)
            r += 2
        where[name] = {code: {k: f"{ws.title}!{v}" for k, v in c.items()} for code, c in cells.items()}
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    return path, where


def standard_ikus(seed: int = 0) -> list[Ik]:
    """Six IKU over four perspectives: Max/Min/Stab, TLK/Sum/Avg, percent rows and plain points."""
    f = 1 + seed * 0.03
    return [
        Ik(
            "1a-CP",
            "Persentase Realisasi PNBP",
            1,
            "PNBP yang optimal",
            "Stakeholder",
            "Max",
            "TLK",
            (6, 30, 51, 100),
            (round(11.26 * f, 2), round(28.34 * f, 2), round(68.46 * f, 2), round(104.35 * f, 2)),
            pct=True,
        ),
        Ik(
            "1b-CP",
            "Indeks Integritas",
            1,
            "PNBP yang optimal",
            "Stakeholder",
            "Max",
            "TLK",
            (80, 80, 85, 89.17),
            (81, 83.5, 86, round(92.44 * f, 2)),
        ),
        Ik(
            "2a-CP",
            "Jumlah Lelang Terlaksana",
            2,
            "Layanan prima",
            "Customer",
            "Max",
            "Sum",
            (10, 10, 10, 10),
            (11.72, 9.71, 10.5, 9.35),
        ),
        Ik(
            "3a-CP",
            "Rata-rata Waktu Layanan",
            3,
            "Proses efisien",
            "Internal Process",
            "Min",
            "Avg",
            (5, 5, 5, 5),
            (4.5, 5.5, 4.8, 4.9),
        ),
        Ik(
            "3b-N",
            "Tingkat Penyerapan Anggaran",
            3,
            "Proses efisien",
            "Internal Process",
            "Stab",
            "TLK",
            (20, 45, 70, 95),
            (19, 47, 71, round(93 * f, 2)),
            pct=True,
        ),
        Ik(
            "4a-N",
            "Persentase Pegawai Terlatih",
            4,
            "SDM kompeten",
            "Learning and Growth",
            "Max",
            "TLK",
            (20, 40, 60, 80),
            (22, 41, 66, 84),
            pct=True,
        ),
    ]
