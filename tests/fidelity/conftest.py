"""Fixtures of the fidelity suite."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from corpus import corpus_copy


@pytest.fixture(scope="session")
def corpus_workbook(tmp_path_factory) -> Callable[[str, Path], Path]:
    """``corpus_workbook(name, folder)``: a copy in ``folder`` of a corpus workbook built once per session."""
    return lambda name, folder: corpus_copy(name, folder, lambda: tmp_path_factory.mktemp("corpus-built"))
