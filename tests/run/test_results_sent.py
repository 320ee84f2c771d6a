"""What a --jobs worker sends back, and the names a run claims while its pool runs (issue 20)."""

from __future__ import annotations

import pickle
import random
from pathlib import Path

from kinerja_xl import outputs
from kinerja_xl.config import Settings
from kinerja_xl.run.one_file import CheckTask, check_one

ROOT = Path(__file__).resolve().parents[2]
SERANG = ROOT / "samples" / "kpknl-serang-2024-q4.xlsx"


def test_a_result_sent_by_a_worker_arrives_equal_with_every_score_and_finding(tmp_path):
    result = check_one(CheckTask(SERANG, Settings(annotate=False), None, False, None))
    back = pickle.loads(pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL))
    assert back.workbook == result.workbook
    assert back.analysis == result.analysis
    assert [f.to_dict() for f in back.findings] == [f.to_dict() for f in result.findings]
    assert back.analysis.nko == result.analysis.nko and back.analysis.nko["Y"] is not None
    assert back.findings and back.findings[0].cell == result.findings[0].cell
    # the analysis' IKU are the workbook's, not copies (one object, as in the worker)
    assert back.analysis.ikus[0].iku is back.workbook.ikus[0]


def _inputs(tmp_path: Path) -> list[Path]:
    """Inputs whose copies collide in one --out folder, and one whose plain name is another's -2."""
    names = ["a/q4.xlsx", "b/q4.xlsx", "c/q4-2.xlsx", "d/Q4.xlsx", "e/lain.xlsx", "f/q4.xlsx"]
    files = []
    for name in names:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"")
        files.append(path)
    return files


def test_names_claimed_as_the_pool_asks_are_those_claimed_all_at_once(tmp_path):
    files = _inputs(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    (out / "lain.checked.xlsx").write_bytes(b"not ours")  # a file not ours keeps its name
    eager = outputs.OutputPlan().checked_outputs(files, out)
    assert [p.name for p in eager] == [
        "q4.checked.xlsx",
        "q4-3.checked.xlsx",  # never c's plain name, even before c has claimed it
        "q4-2.checked.xlsx",
        "Q4-4.checked.xlsx",
        "lain-2.checked.xlsx",
        "q4-5.checked.xlsx",
    ]
    lazy = outputs.OutputPlan().planned(files, out)
    asked = [lazy[i] for i in range(len(files))]
    assert asked == eager
    # asked out of order (a dead worker's task given again): each input still gets its own name
    lazy = outputs.OutputPlan().planned(files, out)
    order = list(range(len(files)))
    random.Random(3).shuffle(order)
    assert {i: lazy[i] for i in order} == dict(enumerate(eager))


def test_a_lazy_claim_is_taken_on_disk_only_when_asked(tmp_path):
    files = _inputs(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    plan = outputs.OutputPlan(exclusive=True)
    try:
        lazy = plan.planned(files, out)
        assert not list(out.glob(".*.kx-claim"))
        first = lazy[0]
        assert [p.name for p in out.glob(".*.kx-claim")] == ["." + first.name + ".kx-claim"]
        # another run at the same time cannot take it
        other = outputs.OutputPlan(exclusive=True)
        assert other.checked_outputs(files[:1], out)[0] != first
        other.release()
    finally:
        plan.release()
