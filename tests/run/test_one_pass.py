"""A folder is read, checked and written in one pass; only a unit with more than one submission is
compared, and a file whose unit and year the run met before is written once, after the comparison
(issue 20 item 5)."""

from __future__ import annotations

from pathlib import Path

from history.comments import comment_at
from history.variants import submission

from kinerja_xl import api
from kinerja_xl.config import Settings
from kinerja_xl.writers import annotate


def _count_writes(monkeypatch) -> list[str]:
    written: list[str] = []
    real = annotate.write_annotated

    def counting(result, dst: Path, *args, **kwargs):
        written.append(Path(dst).name)
        return real(result, dst, *args, **kwargs)

    monkeypatch.setattr(annotate, "write_annotated", counting)
    return written


def test_distinct_units_are_written_once_and_compared_with_nothing(tmp_path, monkeypatch):
    submission(tmp_path / "serang-2024-q4.xlsx", period="Q4", mtime_s=1_000)
    submission(tmp_path / "bogor-2024-q4.xlsx", period="Q4", unit="KPKNL BOGOR", mtime_s=2_000)
    written = _count_writes(monkeypatch)
    run = api.check([tmp_path], Settings(jobs=1))
    assert sorted(written) == ["bogor-2024-q4.checked.xlsx", "serang-2024-q4.checked.xlsx"]
    assert all(fr.compared_with is None and fr.output for fr in run.files)
    assert not [f for fr in run.files for f in fr.findings if f.code.startswith("KX3")]


def test_a_second_file_of_a_unit_is_written_once_after_the_comparison_with_its_findings(tmp_path, monkeypatch):
    submission(tmp_path / "serang-2024-q3.xlsx", period="Q3", cells={"IKU!B7": 0.5}, mtime_s=1_000)
    submission(tmp_path / "serang-2024-q4.xlsx", period="Q4", cells={"IKU!B7": 0.6}, mtime_s=2_000)
    written = _count_writes(monkeypatch)
    run = api.check([tmp_path], Settings(jobs=1))
    q3, q4 = run.files
    assert q4.compared_with == str(q3.path)
    assert [f.code for f in q4.findings if f.code.startswith("KX3")]
    assert sorted(written) == ["serang-2024-q3.checked.xlsx", "serang-2024-q4.checked.xlsx"]
    comment = comment_at(q4.output, "IKU", "B7")
    assert comment is not None and "KX30" in comment


def test_history_read_in_the_pool_gives_what_one_process_gives(tmp_path):
    arsip = tmp_path / "arsip"
    for q, mtime in (("q1", 1_000), ("q2", 2_000)):
        submission(arsip / f"serang-2024-{q}.xlsx", period=q.upper(), cells={"IKU!B7": 0.1}, mtime_s=mtime)
    submission(tmp_path / "in" / "serang-2024-q3.xlsx", period="Q3", mtime_s=3_000)
    submission(tmp_path / "in" / "bogor-2024-q3.xlsx", period="Q3", unit="KPKNL BOGOR", mtime_s=3_000)

    def kx3(jobs: int) -> list[tuple[str, str, str | None]]:
        run = api.check([tmp_path / "in"], Settings(history=arsip, jobs=jobs, annotate=False))
        return sorted(
            (fr.path.name, f.code, str(f.cell)) for fr in run.files for f in fr.findings if f.code[:3] == "KX3"
        )

    assert kx3(2) == kx3(1) != []
