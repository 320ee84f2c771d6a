"""The batch summary streams its rows to disk (xlsxwriter's constant_memory) unless the run has
many year sheets (each streamed sheet holds a temporary file open): both ways it shows the same."""

from __future__ import annotations

import importlib.util
import shutil
import zipfile
from pathlib import Path

import pytest
from history.variants import submission
from units.kanwil import kanwil

from kinerja_xl import api
from kinerja_xl.config import Settings
from kinerja_xl.writers import batch

ROOT = Path(__file__).resolve().parents[2]


def _content_digest(path: Path) -> list[str]:
    spec = importlib.util.spec_from_file_location("output_digest", ROOT / "tools" / "output_digest.py")
    assert spec is not None and spec.loader is not None
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    return tool.content_digest(path)


@pytest.fixture(scope="module")
def run(tmp_path_factory) -> api.RunResult:
    """A Kanwil recap, two submissions of one unit (a year sheet), the office sample and a broken file."""
    src = tmp_path_factory.mktemp("in")
    kanwil(src / "kanwil-2024.xlsx")
    submission(src / "lebak-2024-q3.xlsx", period="Q3", unit="KPKNL LEBAK", mtime_s=1_000)
    submission(src / "lebak-2024-q4.xlsx", period="Q4", unit="KPKNL LEBAK", mtime_s=2_000)
    shutil.copy(ROOT / "samples" / "kpknl-serang-2024-q4.xlsx", src / "serang-2024-q4.xlsx")
    (src / "rusak.xlsx").write_bytes(b"not a workbook")
    return api.check([src], Settings(out_dir=tmp_path_factory.mktemp("out")), keep_cells=False, keep_scores=False)


def _streamed(path: Path) -> bool:
    """xlsxwriter's constant_memory writes every string inline: no shared strings part."""
    with zipfile.ZipFile(path) as z:
        return "xl/sharedStrings.xml" not in z.namelist()


@pytest.mark.parametrize("lang", ["id", "en"])
def test_streamed_and_held_batch_summaries_show_the_same(run, tmp_path, monkeypatch, lang):
    streamed = batch.write_batch(run, tmp_path / "streamed.xlsx", lang)
    monkeypatch.setattr(batch, "MAX_STREAMED_YEAR_SHEETS", 0)  # one year sheet is already too many
    held = batch.write_batch(run, tmp_path / "held.xlsx", lang)
    assert _streamed(streamed) and not _streamed(held)
    digest = _content_digest(streamed)
    assert digest == _content_digest(held)
    assert [line.split()[0] for line in digest][:4] == ["sheets", "Ringkasan", "Temuan", "NKO"]
    # the three sheets, and the year sheets of KPKNL LEBAK and KPKNL SERANG (recap and sample) 2024
    assert [line.rsplit(" ", 1)[0] for line in digest[4:]] == ["KPKNL LEBAK 2024", "KPKNL SERANG 2024"]
