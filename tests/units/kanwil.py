"""A Kanwil's recap built in code: one sheet per unit (KPKNL), each with its own Tabel 1 and NKO
above its IKU blocks, from samples/contoh-bersih-2024-q4.xlsx.

Each unit's Target and Realisasi are the sample's times a factor of its own, so every unit's
capaian, Nilai and NKO are the sample's (all correct) while its Tabel 1 T and R differ from the
other units': checking one unit's blocks against another unit's table finds differences. A
``Bobot`` column (10 for every IKU: equal weights, the same NSS) keeps a unit free of KX207.

Each block's IKU name ends with its code. On a unit's sheet Tabel 1 is rows 1-38 (title A1,
caption A2, header row 3, NKO in E38) and the sample's IKU sheet follows from row 41 (its row r
is row r + 38 here: 1a-CP Target Q1 is B44).
"""

from __future__ import annotations

import pickle
import re
from pathlib import Path
from typing import Any

import openpyxl
from built import built_once

SAMPLE = Path(__file__).resolve().parents[2] / "samples" / "contoh-bersih-2024-q4.xlsx"
OFFSET = 38  # IKU sheet row r -> unit sheet row r + OFFSET (from the sample's row 3)
NKO_CELL = "E38"
UNITS = (
    ("KPKNL Serang", "KPKNL SERANG", 1.0),
    ("KPKNL Tangerang I", "KPKNL TANGERANG I", 2.0),
    ("KPKNL Bogor", "KPKNL BOGOR", 0.5),
)
_CODE = re.compile(r"^\d{1,3}[a-z]{1,2}-[A-Za-z]{1,4}$")


_SAMPLE_LOADED: list[bytes] = []


def _sample() -> openpyxl.Workbook:
    """A fresh workbook of the sample (edited below): loaded once per session, then unpickled."""
    if not _SAMPLE_LOADED:
        _SAMPLE_LOADED.append(pickle.dumps(openpyxl.load_workbook(SAMPLE)))
    return pickle.loads(_SAMPLE_LOADED[0])


class Grid:
    """The values of one sheet of a written copy, read read-only (no full load of the workbook);
    ``cell(r, c)`` and ``[coordinate]`` as in openpyxl, None past the sheet's cells."""

    def __init__(self, path: Path, sheet: str) -> None:
        wb = openpyxl.load_workbook(path, read_only=True)
        try:
            ws = wb[sheet]
            ws.reset_dimensions()  # every cell openpyxl finds, not a stored dimension
            self.rows: dict[int, dict[int, Any]] = {}
            for row in ws.iter_rows():
                for c in row:
                    if c.value is not None:
                        self.rows.setdefault(c.row, {})[c.column] = c.value
        finally:
            wb.close()
        self.max_row = max(self.rows, default=0)

    def cell(self, row: int, column: int) -> Any:
        return self.rows.get(row, {}).get(column)

    def __getitem__(self, coord: str) -> Any:
        from openpyxl.utils.cell import column_index_from_string, coordinate_from_string

        col, row = coordinate_from_string(coord)
        return self.cell(row, column_index_from_string(col))

    def values(self) -> list[Any]:
        """Every value, row by row."""
        return [v for r in sorted(self.rows) for _, v in sorted(self.rows[r].items())]


@built_once  # many tests ask for the same recap: built once, then copied
def kanwil(
    dst: Path,
    units: tuple[tuple[str, str, float], ...] = UNITS,
    *,
    nko: dict[str, float] | None = None,
    named: bool = True,
    title: str = "LAPORAN KINERJA {unit} TAHUN 2024",
) -> Path:
    """Write the recap to ``dst``: units are (sheet name, unit name, factor of T and R).

    nko: sheet -> the NKO its Tabel 1 writes instead (a fraction, as the sample's 1.1487).
    named=False: no unit cell left of the blocks and a generic title (the units cannot be told apart).
    """
    src = _sample()
    table, blocks = src["Tabel 1"], src["IKU"]
    # each block names its code, as many offices write it ('Nama IKU : Indeks Integritas (1b-CP)')
    codes = {str(r[1].value).strip(): r[0].value for r in table.iter_rows() if _CODE.match(str(r[0].value))}
    for row in blocks.iter_rows():
        for c in row:
            if isinstance(c.value, str) and c.value.startswith("Nama IKU"):
                name = c.value.split(":", 1)[1].strip()
                c.value = f"{c.value} ({codes[name]})"
    out = openpyxl.Workbook()
    out.remove(out.active)
    for sheet, unit, factor in units:
        ws = out.create_sheet(sheet)
        for row in table.iter_rows():
            for c in row:
                _copy(
                    c,
                    ws.cell(c.row, c.column),
                    unit,
                    named,
                    title,
                    factor if c.column in (3, 4) and _CODE.match(str(row[0].value)) else 1.0,
                )
        ws["F3"] = "Bobot"
        for r in range(4, 38):
            if _CODE.match(str(ws.cell(r, 1).value)):
                ws.cell(r, 6, 10)
        for row in blocks.iter_rows(min_row=3):
            label = row[0].value
            scaled = isinstance(label, str) and label.strip() in ("Target", "Realisasi")
            for c in row:
                _copy(c, ws.cell(c.row + OFFSET, c.column), unit, named, title, factor if scaled else 1.0)
        if nko and sheet in nko:
            ws[NKO_CELL] = nko[sheet]
    dst.parent.mkdir(parents=True, exist_ok=True)
    out.save(dst)
    return dst


def _copy(src, dst, unit: str, named: bool, title: str, factor: float) -> None:
    value = src.value
    if isinstance(value, str):
        if value == "LAPORAN KINERJA KPKNL SERANG TAHUN 2024":
            value = title.format(unit=unit) if named else "LAPORAN KINERJA TAHUN 2024"
        elif value == "KPKNL SERANG":
            value = unit if named else None
    elif isinstance(value, (int, float)) and not isinstance(value, bool) and factor != 1.0:
        value = round(value * factor, 6)
    dst.value = value
    dst.number_format = src.number_format


def cell(sheet: str, coord: str) -> str:
    """'Sheet!E38' as a finding's location reads."""
    return f"{sheet}!{coord}"
