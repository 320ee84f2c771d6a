"""Every output of the test corpus is byte for byte what tests/golden/outputs.json recorded (the
batch summary: what it shows, sheet by sheet, see output_digest.content_digest).

A change meant to be invisible (speed, refactoring) must leave the annotated copy, the JSON,
the fixed copy and the batch summary as they were. A change meant to alter an output refreshes
the record with ``python tools/output_digest.py --write`` and says so in its commit.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _tool():
    spec = importlib.util.spec_from_file_location("output_digest", ROOT / "tools" / "output_digest.py")
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_every_output_of_the_corpus_is_unchanged(tmp_path):
    tool = _tool()
    stored = json.loads(tool.GOLDEN.read_text(encoding="utf-8"))
    now = tool.digests(tmp_path)
    assert tool.differences(stored, now) == []
    # the record covers the samples, the fixed copies and the batch summary
    assert {"sample:kpknl-serang-2024-q4.xlsx", "batch:ringkasan"} <= set(now)
    assert now["sample:kpknl-serang-2024-q4.xlsx"]["fixed"]


def test_a_changed_part_is_named():
    tool = _tool()
    stored = {"a": {"checked": {"x.xlsx": ["xl/workbook.xml 1", "xl/styles.xml 2"]}, "json": "j"}}
    now = {"a": {"checked": {"x.xlsx": ["xl/workbook.xml 1", "xl/styles.xml 3"]}, "json": "k"}}
    assert tool.differences(stored, now) == ["a checked x.xlsx: xl/styles.xml", "a json: differs"]
