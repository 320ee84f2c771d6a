"""Helpers for reader tests: the shared block writers (tests/workbooks.py) and a one-block fixture."""

from __future__ import annotations

import openpyxl
import pytest
from workbooks import DEFAULT_VALUES, HEADER, ROWS, save, write_block, write_summary  # noqa: F401  (re-exported)

from kinerja_xl.reader import read_workbook


def codes(wb_model) -> list[tuple[str | None, str | None, str]]:
    """(sheet, cell, code) of every finding, sorted."""
    return sorted((f.sheet, f.cell.coord if f.cell else None, f.code) for f in wb_model.findings)


@pytest.fixture
def one_block(tmp_path):
    """Build a workbook with one block (kwargs as write_block) and read it."""

    def build(filename: str = "uji-2024.xlsx", settings=None, **kwargs):
        wb = openpyxl.Workbook()
        ws = wb.active
        ws.title = "IKU"
        write_block(ws, **kwargs)
        return read_workbook(save(wb, tmp_path, filename), settings)

    return build
