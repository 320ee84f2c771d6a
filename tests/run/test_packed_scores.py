"""keep_scores=True without cell values (what `check --format json` asks for): each file's per-IKU
scores are held packed (kinerja_xl.packed) and the JSON, the copies and the terminal are those of a
run that kept everything, a copy written again after the comparison included."""

from __future__ import annotations

import pickle
import shutil
from pathlib import Path

import pytest
from history.variants import submission
from units.kanwil import kanwil

from kinerja_xl import api
from kinerja_xl.config import resolve_settings
from kinerja_xl.packed import PackedList
from kinerja_xl.writers import json_out

SAMPLES = Path(__file__).resolve().parents[2] / "samples"


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    """An office's sample, a Kanwil recap of three units, and two submissions of one unit whose second
    changes a Realisasi (KX301: the first-read one's copy is written at once, then again)."""
    src = tmp_path_factory.mktemp("src")
    shutil.copy(SAMPLES / "kpknl-serang-2024-q4.xlsx", src / "a-serang-2024-q4.xlsx")
    units = (("Cilegon", "KPKNL CILEGON", 1.0), ("Pandeglang", "KPKNL PANDEGLANG", 2.0), ("Bogor", "KPKNL BOGOR", 0.5))
    kanwil(src / "b-kanwil-banten-2024.xlsx", units)
    submission(src / "c-lebak-2024-q3.xlsx", period="Q3", unit="KPKNL LEBAK", mtime_s=1_000)
    revised = {"IKU!C7": 0.3}
    submission(src / "d-lebak-2024-q3-revisi.xlsx", period="Q3", unit="KPKNL LEBAK", cells=revised, mtime_s=2_000)
    return src


def _run(folder: Path, out: Path, jobs: int, keep_cells: bool) -> api.RunResult:
    settings = resolve_settings([folder], {"out_dir": out, "jobs": jobs}, None)
    return api.check([folder], settings, keep_cells=keep_cells, keep_scores=True)


@pytest.mark.parametrize("jobs", [1, 2])
def test_packed_scores_give_the_same_json_and_copies(folder, tmp_path, jobs):
    kept = _run(folder, tmp_path / "kept", jobs, keep_cells=True)
    packed = _run(folder, tmp_path / "packed", jobs, keep_cells=False)
    assert json_out.dumps(packed).replace("/packed/", "/kept/") == json_out.dumps(kept)
    for a, b in zip(packed.files, kept.files, strict=True):
        assert a.output.read_bytes() != b"" and _cells(a.output) == _cells(b.output)

    files = {fr.path.name: fr for fr in packed.files}
    serang, recap = files["a-serang-2024-q4.xlsx"], files["b-kanwil-banten-2024.xlsx"]
    assert isinstance(serang.analysis.ikus, PackedList) and len(serang.analysis.ikus) == 19
    assert all(isinstance(u.analysis.ikus, PackedList) for u in recap.units) and len(recap.units) == 3
    # unpacked, a score's IKU is the workbook's own, as in a run that kept everything
    assert all(any(s.iku is i for i in serang.workbook.ikus) for s in serang.analysis.ikus)
    # the first Lebak file was written at once, then again after the comparison: from its scores unpacked
    first = files["c-lebak-2024-q3.xlsx"]
    assert "KX301" in {f.code for f in files["d-lebak-2024-q3-revisi.xlsx"].findings}
    assert first.output is not None and not first.error
    # a packed result crosses a process (a worker writing a copy) whole
    again = pickle.loads(pickle.dumps(recap))
    assert json_out.file_dict(again) == json_out.file_dict(recap)


def test_a_packed_list_reads_like_the_list_it_holds(folder, tmp_path):
    packed = _run(folder, tmp_path / "p", 1, keep_cells=False)
    ikus = packed.files[0].analysis.ikus
    whole = list(ikus)
    assert ikus[0] is whole[0] and ikus[-1] is whole[-1] and ikus[1:3] == whole[1:3]
    assert ikus == whole and bool(ikus) and len(ikus) == len(whole) and "items" in repr(ikus)


def _cells(path: Path) -> dict[str, list[tuple[str, object]]]:
    import openpyxl

    wb = openpyxl.load_workbook(path)
    out = {
        ws.title: [
            (c.coordinate, c.value)
            for row in ws.iter_rows()
            for c in row
            if c.value is not None and not (isinstance(c.value, str) and "(UTC" in c.value)  # when it was written
        ]
        for ws in wb
    }
    wb.close()
    return out
