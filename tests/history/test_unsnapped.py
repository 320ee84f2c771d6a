"""A file written at once without its cell values sends no snapshot back (the folder goal of issue 20):
its unit's snapshot is taken again only when another submission has its unit and year, and the run's
findings, comparisons and copies are those of a run that kept every snapshot."""

from __future__ import annotations

import re
import sys
import zipfile
from pathlib import Path

import pytest

from history.variants import submission
from kinerja_xl import api
from kinerja_xl.config import Settings


def kx3(run: api.RunResult) -> dict[str, list[tuple[str | None, str]]]:
    return {
        fr.path.name: sorted((str(f.cell) if f.cell else None, f.code) for f in fr.findings if f.code.startswith("KX"))
        for fr in run.files
    }


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_unit_met_again_is_snapshotted_again(tmp_path, monkeypatch, jobs):
    submission(tmp_path / "in" / "serang-2024-q2.xlsx", period="Q2", mtime_s=1_000)
    submission(tmp_path / "in" / "bogor-2024-q3.xlsx", period="Q3", unit="KPKNL BOGOR", mtime_s=2_000)
    submission(tmp_path / "in" / "serang-2024-q3.xlsx", period="Q3", cells={"IKU!B15": 80.0}, mtime_s=3_000)
    one_file = sys.modules["kinerja_xl.run.one_file"]
    compare = sys.modules["kinerja_xl.run.compare"]
    again: list[str] = []
    resnapshot = one_file.resnapshot

    def counted(task):
        again.append(task.path.name)
        return resnapshot(task)

    monkeypatch.setattr(compare, "resnapshot", counted)
    kept = api.check([tmp_path / "in"], Settings(out_dir=tmp_path / "kept", jobs=jobs), keep_cells=True)
    assert again == []
    lean = api.check([tmp_path / "in"], Settings(out_dir=tmp_path / "lean", jobs=jobs), keep_cells=False)
    # the Serang file whose worker asked first was written at once: read again, once; Bogor is alone: never
    expected = [["serang-2024-q2.xlsx"], ["serang-2024-q3.xlsx"]] if jobs > 1 else [["serang-2024-q2.xlsx"]]
    assert again in expected
    assert kx3(lean) == kx3(kept)
    assert ("IKU!B15", "KX301") in kx3(lean)["serang-2024-q3.xlsx"]
    assert [fr.compared_with and Path(fr.compared_with).name for fr in lean.files] == [
        None,
        None,
        "serang-2024-q2.xlsx",
    ]
    # the lone unit is compared with nothing and left out of the run's submissions
    assert sorted(Path(s.path).name for s in lean.submissions) == ["serang-2024-q2.xlsx", "serang-2024-q3.xlsx"]
    for name in ("bogor-2024-q3", "serang-2024-q2", "serang-2024-q3"):
        a, b = (_parts(tmp_path / out / f"{name}.checked.xlsx") for out in ("kept", "lean"))
        assert a == b


@pytest.mark.parametrize("jobs", [1, 2])
def test_without_copies_a_unit_met_once_keeps_no_snapshot(tmp_path, jobs):
    """`check --no-annotate` on a folder: before, every file's snapshot (~175 KB) stayed in the run,
    200 MB at 1,000 files; now only a unit met again is snapshotted, with the same findings."""
    submission(tmp_path / "in" / "serang-2024-q2.xlsx", period="Q2", mtime_s=1_000)
    submission(tmp_path / "in" / "bogor-2024-q3.xlsx", period="Q3", unit="KPKNL BOGOR", mtime_s=2_000)
    submission(tmp_path / "in" / "serang-2024-q3.xlsx", period="Q3", cells={"IKU!B15": 80.0}, mtime_s=3_000)
    settings = Settings(annotate=False, jobs=jobs)
    kept = api.check([tmp_path / "in"], settings, keep_cells=True)
    lean = api.check([tmp_path / "in"], settings, keep_cells=False)
    assert kx3(lean) == kx3(kept)
    assert ("IKU!B15", "KX301") in kx3(lean)["serang-2024-q3.xlsx"]
    assert [fr.compared_with and Path(fr.compared_with).name for fr in lean.files] == [
        None,
        None,
        "serang-2024-q2.xlsx",
    ]
    (bogor,) = (fr for fr in lean.files if fr.path.name == "bogor-2024-q3.xlsx")
    assert bogor.submission is None and bogor.findings  # checked, its snapshot not kept
    assert sorted(Path(s.path).name for s in lean.submissions) == ["serang-2024-q2.xlsx", "serang-2024-q3.xlsx"]


_CHECKED_AT = re.compile(rb"\d{4}-\d{2}-\d{2} \d{2}:\d{2} \(UTC[+-]\d{2}:\d{2}\)")


def _parts(path: Path) -> list[tuple[str, bytes]]:
    """Every member of a copy, the time of the check made constant."""
    with zipfile.ZipFile(path) as zf:
        return [(i.filename, _CHECKED_AT.sub(b"<checked>", zf.read(i))) for i in zf.infolist()]
