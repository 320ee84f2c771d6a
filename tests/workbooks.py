"""Write IKU monitoring blocks and summary tables into real .xlsx files with openpyxl (shared test helpers)."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

HEADER = ["T/R", "Q1", "Q2", "Sm.I", "Q3", "s.d. Q3", "Q4", "Y-24", "Pol/ K P"]
ROWS = {"target": "Target", "realisasi": "Realisasi", "capaian": "Capaian", "nilai": "Nilai Kinerja"}
DEFAULT_VALUES = {
    "target": [10, 20, 20, 30, 30, 40, 40],
    "realisasi": [11, 22, 22, 33, 33, 44, 44],
    "capaian": [110, 110, 110, 110, 110, 110, 110],
    "nilai": [110, 110, 110, 110, 110, 110, 110],
}


def write_block(
    ws,
    row: int = 3,
    col: int = 1,
    *,
    unit: str | None = "KPKNL UJI",
    ss: str | None = "Nama Sasaran Strategis : SS Uji",
    name: str | None = "Nama IKU : Indeks Uji",
    labels: list[str] | None = None,
    header: list[Any] | None = None,
    polkp: Any = "Max/TLK",
    values: dict[str, list[Any]] | None = None,
    row_labels: dict[str, str] | None = None,
    formats: dict[str, str] | None = None,
    order: list[str] | None = None,
) -> int:
    """Write one block; ``row`` is its first name row. Returns the T/R header row.

    labels: extra label rows ("Kode IKU : 1a-CP") written above the name rows.
    values: row -> 7 entries (numbers, text, None); formats: row -> number format for numbers.
    order: the order of the value rows (default target, realisasi, capaian, nilai).
    """
    r = row
    for text in labels or []:
        ws.cell(r, col + 1, text)
        r += 1
    if ss is not None:
        if unit:
            ws.cell(r, col, unit)
        ws.cell(r, col + 1, ss)
        r += 1
    if name is not None:
        if unit and ss is None:
            ws.cell(r, col, unit)
        ws.cell(r, col + 1, name)
        r += 1
    header_row = r
    for i, label in enumerate(header if header is not None else HEADER):
        if label is not None:
            ws.cell(header_row, col + i, label)
    vals = {**DEFAULT_VALUES, **(values or {})}
    names = {**ROWS, **(row_labels or {})}
    for k, key in enumerate(order or list(ROWS)):
        rr = header_row + 1 + k
        ws.cell(rr, col, names[key])
        for i, v in enumerate(vals[key]):
            c = ws.cell(rr, col + 1 + i, v)
            if formats and key in formats and isinstance(v, (int, float)):
                c.number_format = formats[key]
        if key == "target" and polkp is not None:
            ws.cell(rr, col + 8, polkp)
    return header_row


def write_summary(ws, row: int = 1, col: int = 1, *, rows: list[list[Any]], extra_headers: list[str] = ()) -> None:
    """A Tabel 1 style summary: header then the given rows (code, name, T, R, Nilai, extras...)."""
    header = [
        "Kode SS/IKU",
        "Sasaran Strategis/Indikator Kinerja Utama",
        "Target",
        "Realisasi",
        "Nilai",
        *extra_headers,
    ]
    for i, h in enumerate(header):
        ws.cell(row, col + i, h)
    for k, values in enumerate(rows):
        for i, v in enumerate(values):
            if v is not None:
                ws.cell(row + 1 + k, col + i, v)


def save(wb, tmp_path: Path, name: str = "uji-2024.xlsx") -> Path:
    """Save a workbook under tmp_path and return its path."""
    path = tmp_path / name
    wb.save(path)
    return path


_RESAVED: dict[str, Path] = {}  # sha256 of an input -> its LibreOffice re-save, once per test session


def libreoffice_resave(src: Path, folder: Path) -> Path:
    """``src`` opened and saved again as .xlsx by LibreOffice (skips the test when it is not installed).

    The same input is re-saved once per test session (LibreOffice takes seconds to start); each
    caller gets its own copy of the result in ``folder``.
    """
    import pytest

    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice is not installed")
    out = folder / "lo"
    out.mkdir(exist_ok=True)
    key = hashlib.sha256(src.read_bytes()).hexdigest()
    cached = _RESAVED.get(key)
    if cached is None or not cached.exists():
        work = Path(tempfile.mkdtemp(prefix="kx-lo-"))
        profile = (work / "lo-profile").as_uri()
        args = [
            soffice,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            "xlsx",
            "--outdir",
            str(work),
        ]
        subprocess.run([*args, str(src)], check=True, capture_output=True, timeout=180)
        cached = _RESAVED[key] = work / (src.stem + ".xlsx")
    shutil.copyfile(cached, out / (src.stem + ".xlsx"))
    return out / (src.stem + ".xlsx")
