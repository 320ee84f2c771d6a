"""`--format json` printed a file at a time (issue 20, folder memory): the same text as the whole
document dumped at once, compact and indented, so the machine contract does not move."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kinerja_xl import api
from kinerja_xl.cli import app
from kinerja_xl.config import Settings
from kinerja_xl.writers.json_out import dumps, iter_json, run_dict

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    from units.kanwil import kanwil

    folder = tmp_path_factory.mktemp("json") / "laporan"
    folder.mkdir()
    for sample in sorted((ROOT / "samples").glob("*.xlsx")):
        shutil.copy(sample, folder / sample.name)
    kanwil(folder / "kanwil-2024.xlsx", (("Cilegon", "KPKNL CILEGON", 1.0), ("Bogor", "KPKNL BOGOR", 0.5)))
    (folder / "rusak-2024-q4.xlsx").write_bytes(b"not a workbook")
    return folder


@pytest.mark.parametrize("indent", [None, 2])
def test_the_pieces_make_the_document_dumped_whole(folder, indent):
    run = api.check([folder], Settings(annotate=False))
    assert len(run.files) >= 4 and any(fr.units for fr in run.files) and any(fr.error for fr in run.files)
    whole = run_dict(run)
    if indent is None:
        expected = json.dumps(whole, ensure_ascii=False, separators=(",", ":"))
    else:
        expected = json.dumps(whole, ensure_ascii=False, indent=indent)
    pieces = list(iter_json(run, indent=indent))
    assert "".join(pieces) == expected == dumps(run, indent=indent)
    assert len(pieces) == len(run.files) + 2  # the frame's head, a piece per file, its tail


def test_a_run_of_no_files_is_the_frame_alone():
    run = api.RunResult(files=[], settings=Settings())
    assert json.loads(dumps(run))["files"] == [] and dumps(run, indent=2) == json.dumps(run_dict(run), indent=2)


def test_the_command_prints_one_document_on_one_line(folder):
    result = CliRunner().invoke(app, ["check", "--format", "json", "--no-annotate", str(folder)])
    assert result.exit_code == 2  # an unreadable file
    assert result.stdout.count("\n") == 1 and result.stdout.endswith("}\n")
    doc = json.loads(result.stdout)
    assert [Path(f["path"]).name for f in doc["files"]] == sorted(p.name for p in folder.glob("*.xlsx"))
