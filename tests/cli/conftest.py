"""Fixtures of the check tests: a folder with a clean, an error and a warning workbook."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from cli_workbooks import write_error, write_warning, write_workbook


@pytest.fixture(scope="session")
def source_folder(tmp_path_factory) -> Path:
    """The three workbooks, written once per session (tests copy them)."""
    src = tmp_path_factory.mktemp("src")
    write_workbook(src / "a-bersih-2024-q4.xlsx")
    write_error(src / "b-galat-2024-q4.xlsx")
    write_warning(src / "c-peringatan-2024-q4.xlsx")
    return src


@pytest.fixture
def folder(tmp_path: Path, source_folder: Path) -> Path:
    """A fresh folder with a clean, an error and a warning workbook."""
    for f in sorted(source_folder.iterdir()):
        shutil.copy(f, tmp_path / f.name)
    return tmp_path
