"""Fixtures of the writer tests; their builders are in writerkit."""

from __future__ import annotations

from pathlib import Path

import pytest
from writerkit import write_input


@pytest.fixture(scope="module")
def input_file(tmp_path_factory) -> Path:
    """The small IKU workbook, written once per module."""
    path = tmp_path_factory.mktemp("in") / "Q4.xlsx"
    write_input(path)
    return path
