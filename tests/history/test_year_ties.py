"""Ambiguous history is not shown as fact (issue 22 item 7): two reports of one quarter with the same
file time cannot be ordered (KX308), so the year sheet leaves that quarter empty and says why,
instead of taking Q1-Q3 from one file and Q4 from the other."""

from __future__ import annotations

import openpyxl

from history.variants import submission
from kinerja_xl import api
from kinerja_xl.config import Settings


def test_two_q4_files_of_the_same_time_leave_the_year_empty_with_the_reason(tmp_path):
    submission(tmp_path / "serang-2024-q4.xlsx", period="Q4", mtime_s=5_000)
    submission(tmp_path / "serang-2024-q4-revisi.xlsx", period="Q4", cells={"IKU!B7": 0.10}, mtime_s=5_000)
    run = api.check([tmp_path], Settings(lang="en"))
    assert all([f.code for f in fr.findings if f.code.startswith("KX3")] == ["KX308"] for fr in run.files)
    ws = openpyxl.load_workbook(run.batch)["KPKNL SERANG 2024"]
    reason = "not determined (KX308): serang-2024-q4-revisi.xlsx, serang-2024-q4.xlsx"
    assert [ws.cell(5, c).value for c in range(3, 7)] == [reason] * 4  # the file row: no quarter from either
    assert [ws.cell(6, c).value for c in range(3, 7)] == [None] * 4  # NKO: empty
    assert [ws.cell(7, c).value for c in range(3, 7)] == [None] * 4  # 1a-CP: empty, not 'N/A'


def test_an_earlier_quarter_is_kept_when_only_a_later_one_is_tied(tmp_path):
    submission(tmp_path / "serang-2024-q3.xlsx", period="Q3", mtime_s=1_000)
    submission(tmp_path / "serang-2024-q4.xlsx", period="Q4", mtime_s=5_000)
    submission(tmp_path / "serang-2024-q4-revisi.xlsx", period="Q4", cells={"IKU!G7": 0.9}, mtime_s=5_000)
    run = api.check([tmp_path], Settings(lang="en"))
    ws = openpyxl.load_workbook(run.batch)["KPKNL SERANG 2024"]
    sources = [ws.cell(5, c).value for c in range(3, 7)]
    assert sources[:3] == ["serang-2024-q3.xlsx"] * 3
    assert sources[3].startswith("not determined (KX308): ")
    assert isinstance(ws.cell(6, 5).value, float) and ws.cell(6, 6).value is None
