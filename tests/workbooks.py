"""Write IKU monitoring blocks and summary tables into real .xlsx files with openpyxl (shared test helpers)."""

from __future__ import annotations

import contextlib
import shutil
import subprocess
import tempfile
from collections.abc import Callable
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


_LO_INPUTS: dict[str, Callable[[Path], Path]] = {}  # name -> builder(folder) of a workbook to re-save
_LO_RESAVED: dict[str, Path] = {}  # name -> its LibreOffice re-save, made once per test session (per worker)


def libreoffice_input(name: str) -> Callable[[Callable[[Path], Path]], Callable[[Path], Path]]:
    """Register ``build(folder) -> path``, a workbook some test re-saves with LibreOffice (at import:
    every test module is imported before the first test runs)."""

    def register(build: Callable[[Path], Path]) -> Callable[[Path], Path]:
        known = _LO_INPUTS.setdefault(name, build)  # a module imported twice registers its builder again
        assert (known.__module__, known.__qualname__) == (build.__module__, build.__qualname__), name
        return build

    return register


def libreoffice_resaved(name: str, folder: Path) -> Path:
    """The workbook registered as ``name``, opened and saved again as .xlsx by LibreOffice (skips the
    test when it is not installed); each caller gets its own copy in ``folder``/lo, under the name
    the builder gave it.

    LibreOffice takes seconds to start: the first call builds every registered workbook not re-saved
    yet and re-saves them all in one LibreOffice run (or waits for the run start_libreoffice_resave
    began in the background).
    """
    import pytest

    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice is not installed")
    finish_libreoffice_resave()
    if name not in _LO_RESAVED or not _LO_RESAVED[name].exists():
        _finish(_start(soffice, [n for n in _LO_INPUTS if n == name or n not in _LO_RESAVED]))
    out = folder / "lo"
    out.mkdir(exist_ok=True)
    dst = out / _LO_RESAVED[name].name.split("__", 1)[1]
    shutil.copyfile(_LO_RESAVED[name], dst)
    return dst


_Run = tuple[subprocess.Popen, Path, list[str], list[Path]]  # LibreOffice, its folder, names, inputs
_LO_RUNNING: list[_Run] = []  # the re-save start_libreoffice_resave began, until it is waited for


def start_libreoffice_resave() -> None:
    """Start re-saving every registered workbook in the background (the root conftest calls this once
    the tests are collected, when one of them is about LibreOffice): its seconds of start-up then
    overlap the first tests instead of stopping the test that first asks for a re-save."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    names = [n for n in _LO_INPUTS if n not in _LO_RESAVED]
    if soffice is not None and names and not _LO_RUNNING:
        with contextlib.suppress(Exception):  # a builder failing here fails the test that asks for its re-save
            _LO_RUNNING.append(_start(soffice, names))


def finish_libreoffice_resave() -> None:
    """Wait for the background re-save, if one was started and not waited for yet (its failure
    fails the test that waits, as a re-save run on the spot would)."""
    while _LO_RUNNING:
        _finish(_LO_RUNNING.pop())


def _start(soffice: str, names: list[str]) -> _Run:
    work = Path(tempfile.mkdtemp(prefix="kx-lo-"))
    (work / "in").mkdir()
    inputs = []
    for i, name in enumerate(names):
        folder = work / "built" / str(i)  # a folder per input: builders pick their file names
        folder.mkdir(parents=True)
        built = _LO_INPUTS[name](folder)
        inputs.append(shutil.copyfile(built, work / "in" / f"{i}__{built.stem}.xlsx"))
    profile = (work / "lo-profile").as_uri()
    args = [soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "xlsx", "--outdir", str(work)]
    proc = subprocess.Popen([*args, *map(str, inputs)], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    return proc, work, names, inputs


def _finish(run: _Run) -> None:
    proc, work, names, inputs = run
    try:
        out, err = proc.communicate(timeout=300)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.communicate()
        raise
    if proc.returncode:
        raise subprocess.CalledProcessError(proc.returncode, proc.args, out, err)
    for name, src in zip(names, inputs, strict=True):
        _LO_RESAVED[name] = work / src.name
