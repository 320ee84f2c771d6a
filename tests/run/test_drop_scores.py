"""keep_scores=False (what `check` asks for unless --format json): each file's per-IKU scores go once
its copy is written, and no report changes: the terminal, the batch summary and every copy, a copy
written again after the comparison included (it checks its file again for them)."""

from __future__ import annotations

import io
import os
import pickle
import re
import shutil
from pathlib import Path

import openpyxl
import pytest
from history.variants import submission
from rich.console import Console
from units.kanwil import kanwil

from kinerja_xl import api
from kinerja_xl.config import resolve_settings
from kinerja_xl.writers import batch, terminal

SAMPLES = Path(__file__).resolve().parents[2] / "samples"


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    """An office's sample with a kinerja.toml naming one IKU's Seksi, a Kanwil recap of three units, and
    two submissions of one unit whose second changes a Realisasi (KX301: its copy is written again)."""
    src = tmp_path_factory.mktemp("src")
    shutil.copy(SAMPLES / "kpknl-serang-2024-q4.xlsx", src / "a-serang-2024-q4.xlsx")
    (src / "kinerja.toml").write_text('[iku."3a-CP"]\nseksi = "Seksi Pelayanan Lelang"\n')
    units = (("Cilegon", "KPKNL CILEGON", 1.0), ("Pandeglang", "KPKNL PANDEGLANG", 2.0), ("Bogor", "KPKNL BOGOR", 0.5))
    kanwil(src / "b-kanwil-banten-2024.xlsx", units)
    submission(src / "c-lebak-2024-q3.xlsx", period="Q3", unit="KPKNL LEBAK", mtime_s=1_000)
    revised = {"IKU!C7": 0.3}  # Realisasi Q2 of 1a-CP
    submission(src / "d-lebak-2024-q3-revisi.xlsx", period="Q3", unit="KPKNL LEBAK", cells=revised, mtime_s=2_000)
    return src


def _run(folder: Path, out: Path, jobs: int, keep_scores: bool) -> api.RunResult:
    settings = resolve_settings([folder], {"out_dir": out, "jobs": jobs}, None)
    return api.check([folder], settings, keep_cells=False, keep_scores=keep_scores)


def _as_full(rows: list[list[object]]) -> list[list[object]]:
    """Rows of the run into slim/ as the run into full/ writes them (the copies' paths differ)."""
    return [[v.replace("slim", "full") if isinstance(v, str) else v for v in row] for row in rows]


def _terminal(run: api.RunResult) -> str:
    buf = io.StringIO()
    terminal.render(run, Console(file=buf, width=100, color_system=None, highlight=False))
    return buf.getvalue()


# when the copy was written (its Ringkasan says so, to the minute): two runs may straddle a minute
_CHECKED_AT = re.compile(r"\d{4}-\d\d-\d\d \d\d:\d\d \(UTC[+-]\d\d:\d\d\)")


def _copy(path: Path) -> dict[str, list[tuple[str, object, str | None]]]:
    """Every cell of a written copy: (cell, value, comment) per sheet; the time it was written masked."""
    wb = openpyxl.load_workbook(path)

    def seen(value: object) -> object:
        return _CHECKED_AT.sub("<checked at>", value) if isinstance(value, str) else value

    out = {
        ws.title: [
            (c.coordinate, seen(c.value), c.comment.text if c.comment else None)
            for row in ws.iter_rows()
            for c in row
            if c.value is not None or c.comment
        ]
        for ws in wb.worksheets
    }
    wb.close()
    return out


@pytest.mark.parametrize("jobs", [1, 2])
def test_results_without_scores_give_the_same_reports_and_copies(folder, tmp_path, jobs):
    full = _run(folder, tmp_path / "full", jobs, keep_scores=True)
    full_copies = {fr.path.name: _copy(fr.output) for fr in full.files}
    slim = _run(folder, tmp_path / "slim", jobs, keep_scores=False)

    assert _terminal(slim).replace("slim", "full") == _terminal(full)
    assert [line.replace("slim", "full") for fr in slim.files for line in terminal.concise_lines(fr)] == [
        line for fr in full.files for line in terminal.concise_lines(fr)
    ]
    assert _as_full(batch.head_rows(slim)[1]) == batch.head_rows(full)[1]
    assert _as_full(batch.rows(slim)[1]) == batch.rows(full)[1]
    assert [row for _, row in batch.finding_rows(slim)[1]] == [row for _, row in batch.finding_rows(full)[1]]
    # the batch summary names each finding's Seksi from kinerja.toml, with or without the scores
    assert "Seksi Pelayanan Lelang" in {row[-1] for _, row in batch.finding_rows(slim)[1]}
    assert {fr.path.name: _copy(fr.output) for fr in slim.files} == full_copies

    files = {fr.path.name: fr for fr in slim.files}
    serang, recap = files["a-serang-2024-q4.xlsx"], files["b-kanwil-banten-2024.xlsx"]
    # what went: each IKU's scores; what stays: the NKO, and the IKU a finding or a Seksi names
    assert serang.scores_dropped and serang.analysis.ikus == [] and serang.analysis.nss == {}
    assert serang.analysis.nko == full.files[0].analysis.nko and serang.analysis.nko["Y"] is not None
    assert all(u.scores_dropped and u.analysis.ikus == [] for u in recap.units)
    assert len(recap.units) == 3
    # the revised submission's copy was written again after the comparison, from its file read again
    revised = files["d-lebak-2024-q3-revisi.xlsx"]
    assert "KX301" in {f.code for f in revised.findings}
    assert not revised.scores_dropped and revised.analysis.ikus


def test_a_kanwil_recap_written_first_then_again_after_the_comparison(tmp_path):
    """The recap is read first (its units new to the run: its copy written at once, its scores
    dropped); a later office file of one of its units makes the comparison give the recap findings,
    so its copy is written again, from the recap read again: the same copy as with the scores kept."""
    src = tmp_path / "in"
    src.mkdir()
    kanwil(src / "a-kanwil-2024.xlsx")
    os.utime(src / "a-kanwil-2024.xlsx", (2_000, 2_000))  # the newer submission of KPKNL SERANG
    shutil.copy(SAMPLES / "kpknl-serang-2024-q4.xlsx", src / "b-serang-2024-q4.xlsx")
    os.utime(src / "b-serang-2024-q4.xlsx", (1_000, 1_000))
    full = _run(src, tmp_path / "full", 1, keep_scores=True)
    slim = _run(src, tmp_path / "slim", 1, keep_scores=False)
    recap = slim.files[0]
    assert len(recap.units) == 3 and any(f.code.startswith("KX3") for f in recap.findings)
    assert not recap.scores_dropped and recap.analysis is not None  # read again for its copy
    assert _copy(recap.output) == _copy(full.files[0].output)
    assert _terminal(slim).replace("slim", "full") == _terminal(full)


def test_json_refuses_results_without_scores_rather_than_list_no_iku(folder, tmp_path):
    from kinerja_xl.writers import json_out

    slim = _run(folder, tmp_path / "out", 1, keep_scores=False)
    with pytest.raises(ValueError, match="keep_scores"):
        json_out.dumps(slim)


def test_a_copy_to_write_again_from_a_file_gone_is_one_line_not_a_wrong_copy(folder, tmp_path):
    from kinerja_xl.run.one_file import WriteTask, write_one

    work = tmp_path / "in"
    shutil.copytree(folder, work)
    run = _run(work, tmp_path / "out", 1, keep_scores=False)
    fr = next(fr for fr in run.files if fr.path.name == "a-serang-2024-q4.xlsx")
    first = fr.output
    fr.path.unlink()
    output, error, texts, _ = write_one(WriteTask(fr, tmp_path / "out" / "again.xlsx", run.settings))
    # nothing written from what is left of the result: the file is an error (exit 2), one line
    assert not (tmp_path / "out" / "again.xlsx").exists() and output == first and texts is not None
    assert texts["id"].startswith("tidak dapat menulis") and "tidak dapat dibaca lagi" in texts["id"]
    assert "cannot be read again" in error


def test_a_file_changed_before_its_copy_is_written_again_is_not_copied_from_the_change(folder, tmp_path):
    from kinerja_xl.run.one_file import WriteTask, write_one

    work = tmp_path / "in"
    shutil.copytree(folder, work)
    run = _run(work, tmp_path / "out", 1, keep_scores=False)
    fr = next(fr for fr in run.files if fr.path.name == "c-lebak-2024-q3.xlsx")
    submission(fr.path, period="Q3", unit="KPKNL LEBAK", cells={"IKU!C7": 0.9})  # saved again meanwhile
    _, error, texts, _ = write_one(WriteTask(fr, tmp_path / "out" / "again.xlsx", run.settings))
    assert not (tmp_path / "out" / "again.xlsx").exists() and texts is not None
    assert "berubah atau terhapus" in texts["id"] and error is not None


def test_a_profile_unpickles_as_one_object_per_process():
    from kinerja_xl import profiles

    profile = profiles.load("kmk-300-2022")
    first, second = (pickle.loads(pickle.dumps(profile)) for _ in range(2))
    assert first == profile and first is second
    other = pickle.loads(pickle.dumps(profiles.load("kmk-127-2026")))
    assert other is not first and other.name == "kmk-127-2026"
