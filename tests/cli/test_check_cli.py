"""`kinerja-xl check` end to end on workbooks written in code: exit codes, outputs, options, config."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest
from cli_workbooks import NKO_Y, write_broken
from typer.testing import CliRunner

from kinerja_xl.cli import app

runner = CliRunner()
CLEAN, ERROR, WARNING = "a-bersih-2024-q4.xlsx", "b-galat-2024-q4.xlsx", "c-peringatan-2024-q4.xlsx"


def check(*args: str):
    """Run `kinerja-xl check ARGS` in-process."""
    return runner.invoke(app, ["check", *map(str, args)])


def as_json(result) -> dict:
    """The whole stdout must be one JSON document."""
    return json.loads(result.stdout)


def codes(doc: dict, i: int = 0) -> set[tuple[str, str, str]]:
    """(sheet, cell, code) of a file's findings."""
    return {(f["sheet"], f["cell"], f["code"]) for f in doc["files"][i]["findings"]}


def files_in(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_clean_file_exits_0_and_writes_the_annotated_copy(folder):
    res = check(folder / CLEAN)
    assert res.exit_code == 0, res.output
    assert (folder / "a-bersih-2024-q4.checked.xlsx").exists()
    assert f"{CLEAN}: 0 kesalahan, 0 peringatan" in res.stdout
    assert "105,00" in res.stdout  # recomputed NKO Y
    names = openpyxl.load_workbook(folder / "a-bersih-2024-q4.checked.xlsx", read_only=True).sheetnames
    assert "Ringkasan" in names and "Temuan" in names


def test_error_file_exits_1_and_names_the_cell(folder):
    res = check(folder / ERROR, "--format", "json", "--no-annotate")
    assert res.exit_code == 1, res.output
    doc = as_json(res)
    assert ("IKU", "G8", "KX101") in codes(doc)
    f = next(f for f in doc["files"][0]["findings"] if f["code"] == "KX101")
    assert (f["iku"], f["period"], f["actual"], f["expected"]) == ("1a-CP", "Q4", 132.63, 100.0)
    assert doc["files"][0]["status"] == "errors"


def test_json_document_follows_the_schema(folder):
    res = check(folder / CLEAN, "--format", "json", "--no-annotate")
    assert res.exit_code == 0
    doc = as_json(res)
    assert set(doc) == {"tool", "version", "profile", "files", "batch", "skipped"}
    assert doc["tool"] == "kinerja-xl" and doc["profile"] == "kmk-300-2022"
    f = doc["files"][0]
    assert {"path", "output", "status", "nko", "predikat", "ikus", "findings"} <= set(f)
    assert f["output"] is None and f["status"] == "ok"
    assert f["nko"]["Y"] == NKO_Y and f["predikat"]["Y"] == "Istimewa"
    assert [i["code"] for i in f["ikus"]] == ["1a-CP", "2a-N"]
    q1 = f["ikus"][0]["periods"]["Q1"]
    assert q1 == {
        "target": 100.0,
        "realisasi": 90.0,
        "capaian_reported": 90.0,
        "capaian": 90.0,
        "nilai_reported": 90.0,
        "nilai": 90.0,
        "status": "kuning",
    }
    for finding in f["findings"]:
        assert {"code", "severity", "sheet", "cell", "iku", "period", "actual", "expected", "message"} <= set(finding)


def test_lang_en_changes_the_messages(folder):
    doc_id = as_json(check(folder / ERROR, "--format", "json", "--no-annotate"))
    doc_en = as_json(check(folder / ERROR, "--format", "json", "--no-annotate", "--lang", "en"))
    msg_id = next(f["message"] for f in doc_id["files"][0]["findings"] if f["code"] == "KX101")
    msg_en = next(f["message"] for f in doc_en["files"][0]["findings"] if f["code"] == "KX101")
    assert "132,63" in msg_id and "132.63" in msg_en and msg_id != msg_en
    text = check(folder / ERROR, "--no-annotate", "--lang", "en").stdout
    assert f"{ERROR}: " in text and " errors, 0 warnings, " in text and " kesalahan," not in text


def test_select_and_ignore(folder):
    every = codes(as_json(check(folder / ERROR, "--format", "json", "--no-annotate")))
    assert any(c.startswith("KX1") for _, _, c in every)
    only = codes(as_json(check(folder / ERROR, "--format", "json", "--no-annotate", "--select", "KX1")))
    assert only and all(c.startswith("KX1") for _, _, c in only)
    res = check(folder / ERROR, "--format", "json", "--no-annotate", "--ignore", "KX101,KX102,KX2")
    kept = codes(as_json(res))
    assert not any(c in ("KX101", "KX102") or c.startswith("KX2") for _, _, c in kept)


def test_fail_on_warning(folder):
    assert check(folder / WARNING, "--no-annotate").exit_code == 0
    res = check(folder / WARNING, "--no-annotate", "--fail-on", "warning", "--format", "json")
    assert res.exit_code == 1
    assert ("IKU", "H5", "KX004") in codes(as_json(res))


def test_no_annotate_writes_nothing(folder):
    before = files_in(folder)
    assert check(folder, "--no-annotate").exit_code == 1
    assert files_in(folder) == before


def test_out_dir_gets_every_output(folder, tmp_path_factory):
    out = tmp_path_factory.mktemp("out") / "hasil"
    before = files_in(folder)
    res = check(folder, "--out", out)
    assert res.exit_code == 1, res.output
    assert files_in(folder) == before
    assert files_in(out) == [
        "a-bersih-2024-q4.checked.xlsx",
        "b-galat-2024-q4.checked.xlsx",
        "c-peringatan-2024-q4.checked.xlsx",
        "ringkasan-batch.xlsx",
    ]


def test_folder_skips_own_outputs_and_lock_files(folder):
    assert check(folder).exit_code == 1
    (folder / "~$a-bersih-2024-q4.xlsx").write_bytes(b"lock")
    (folder / "catatan.txt").write_text("x")
    doc = as_json(check(folder, "--format", "json", "--no-annotate"))
    assert [Path(f["path"]).name for f in doc["files"]] == [CLEAN, ERROR, WARNING]


def test_glob_argument(folder):
    doc = as_json(check(str(folder / "*-2024-q4.xlsx"), "--format", "json", "--no-annotate"))
    assert [Path(f["path"]).name for f in doc["files"]] == [CLEAN, ERROR, WARNING]


def test_batch_with_an_unreadable_file_finishes_and_exits_2(folder):
    write_broken(folder / "d-rusak.xlsx")
    res = check(folder, "--format", "json")
    assert res.exit_code == 2
    doc = as_json(res)
    statuses = {Path(f["path"]).name: f["status"] for f in doc["files"]}
    assert statuses == {CLEAN: "ok", ERROR: "errors", WARNING: "warnings", "d-rusak.xlsx": "unreadable"}
    broken = doc["files"][3]
    assert broken["error"] and broken["findings"][0]["code"] == "KX001"
    lines = [line for line in res.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("kinerja-xl: ") and "d-rusak.xlsx: " in lines[0]
    assert (folder / "b-galat-2024-q4.checked.xlsx").exists()

    ws = openpyxl.load_workbook(folder / "ringkasan-batch.xlsx")["NKO per Periode"]
    header = [c.value for c in ws[1]]
    rows = {r[1]: dict(zip(header, r, strict=False)) for r in ws.iter_rows(min_row=2, values_only=True)}
    assert list(rows) == [CLEAN, ERROR, WARNING, "d-rusak.xlsx"]
    assert rows[CLEAN]["NKO Y"] == pytest.approx(NKO_Y) and rows[CLEAN]["Predikat Y"] == "Istimewa"
    assert rows[CLEAN]["Unit"] == "KPKNL CONTOH" and rows[CLEAN]["Status"] == "bersih"
    assert rows[ERROR]["Kesalahan"] >= 1 and rows[ERROR]["Status"] == "ada kesalahan"
    assert rows[ERROR]["Berkas hasil"].endswith("b-galat-2024-q4.checked.xlsx")
    assert rows["d-rusak.xlsx"]["Status"] == "tidak terbaca" and rows["d-rusak.xlsx"]["Keterangan"]


def test_missing_file_exits_2_with_one_line(folder):
    res = check(folder / "tidak-ada.xlsx")
    assert res.exit_code == 2
    assert res.stderr.strip() == f"kinerja-xl: {folder / 'tidak-ada.xlsx'}: berkas tidak ditemukan"


@pytest.mark.parametrize(
    "args, words",
    [
        (["--profile", "kmk-999"], "unknown profile 'kmk-999'"),
        (["--format", "xml"], "--format 'xml' tidak dikenal (pakai text, concise, json)"),
        (["--lang", "fr"], "bahasa 'fr' tidak dikenal (pakai id atau en)"),
        (["--fail-on", "info"], "--fail-on 'info' tidak dikenal"),
        (["--select", "KX9"], "--select: kode temuan 'KX9' tidak dikenal"),
        (["--config", "tidak-ada.toml"], "berkas konfigurasi tidak ditemukan"),
    ],
)
def test_misuse_exits_2_with_one_line(folder, args, words):
    res = check(folder / CLEAN, *args)
    assert res.exit_code == 2
    lines = res.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("kinerja-xl: ") and words in lines[0]
    assert "Traceback" not in res.output
    assert not (folder / "a-bersih-2024-q4.checked.xlsx").exists()


def test_a_bad_code_names_where_it_came_from(folder):
    """--select on the command line is the option's fault, not the kinerja.toml beside the inputs."""
    (folder / "kinerja.toml").write_text('[check]\nselect = ["KX1"]\n')
    res = check(folder / CLEAN, "--select", "KX9")
    assert res.exit_code == 2
    assert res.stderr.strip() == "kinerja-xl: --select: kode temuan 'KX9' tidak dikenal (lihat 'kinerja-xl rules')"
    (folder / "kinerja.toml").write_text('[check]\nignore = ["KX8"]\n')
    res = check(folder / CLEAN)
    assert res.stderr.strip().startswith(f"kinerja-xl: {folder / 'kinerja.toml'} (ignore): kode temuan 'KX8'")
    (folder / "kinerja.toml").unlink()


def test_kinerja_toml_beside_the_inputs(folder):
    (folder / "kinerja.toml").write_text('[check]\nprofile = "kmk-127-2026"\nignore = ["KX101"]\nlang = "en"\n')
    doc = as_json(check(folder / ERROR, "--format", "json", "--no-annotate"))
    assert doc["profile"] == "kmk-127-2026"
    assert "KX101" not in {c for _, _, c in codes(doc)}
    # the command line wins over the file
    doc = as_json(
        check(
            folder / ERROR,
            "--format",
            "json",
            "--no-annotate",
            "--profile",
            "kmk-300-2022",
            "--ignore",
            "KX2",
            "--lang",
            "id",
        )
    )
    assert doc["profile"] == "kmk-300-2022" and "KX101" in {c for _, _, c in codes(doc)}
    assert "132,63" in next(f["message"] for f in doc["files"][0]["findings"] if f["code"] == "KX101")


def test_config_option_and_bad_config(folder, tmp_path_factory):
    cfg_dir = tmp_path_factory.mktemp("cfg")
    (cfg_dir / "kantor.toml").write_text('[check]\nselect = "KX1"\n')
    doc = as_json(check(folder / ERROR, "--format", "json", "--no-annotate", "--config", cfg_dir / "kantor.toml"))
    assert all(c.startswith("KX1") for _, _, c in codes(doc))
    (folder / "kinerja.toml").write_text("[check\nprofile = 1\n")
    res = check(folder / ERROR)
    assert res.exit_code == 2
    assert res.stderr.count("\n") == 1 and "kinerja.toml" in res.stderr


def test_jobs_2_gives_the_same_json_as_jobs_1(folder):
    write_broken(folder / "d-rusak.xlsx")
    one = check(folder, "--format", "json", "--no-annotate", "--jobs", "1")
    two = check(folder, "--format", "json", "--no-annotate", "--jobs", "2")
    assert one.exit_code == two.exit_code == 2
    assert as_json(one) == as_json(two)


@pytest.mark.parametrize("jobs", [1, 2])
def test_results_without_cells_give_the_same_reports(folder, jobs):
    """keep_cells=False (what the CLI asks for) drops the cell values but no report changes."""
    from kinerja_xl import api
    from kinerja_xl.config import Settings
    from kinerja_xl.writers import batch, json_out

    settings = Settings(annotate=False, jobs=jobs)
    full = api.check([folder], settings)
    slim = api.check([folder], settings, keep_cells=False)
    assert json.loads(json_out.dumps(slim)) == json.loads(json_out.dumps(full))
    assert batch.rows(slim) == batch.rows(full)
    assert batch.head_rows(slim) == batch.head_rows(full)
    assert [f.to_dict() for fr in slim.files for f in fr.findings] == [
        f.to_dict() for fr in full.files for f in fr.findings
    ]
    kept, dropped = full.files[1].workbook, slim.files[1].workbook
    assert kept.summary is not None and kept.ikus[0].rows["target"]
    assert dropped.ikus[0].rows == {}
    # of the summary table only its NKO stays (the headline's "NKO written")
    assert dropped.summary is not None and dropped.summary.ikus == [] and dropped.summary.ss == []
    assert dropped.summary.nko == kept.summary.nko and kept.summary.nko.number is not None
    assert [i.code for i in dropped.ikus] == [i.code for i in kept.ikus]


def test_json_is_compact_in_a_pipe_and_indented_on_request(folder):
    from kinerja_xl import api
    from kinerja_xl.config import Settings
    from kinerja_xl.writers import json_out

    run = api.check([folder / ERROR], Settings(annotate=False))
    compact, indented = json_out.dumps(run), json_out.dumps(run, indent=2)
    assert "\n" not in compact and indented.startswith('{\n  "tool"')
    assert json.loads(compact) == json.loads(indented)
    assert as_json(check(folder / ERROR, "--format", "json", "--no-annotate")) == json.loads(compact)


def test_subprocess_json_stdout_is_only_json(folder):
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "kinerja_xl",
            "check",
            str(folder / ERROR),
            "--format",
            "json",
            "--out",
            str(folder / "hasil"),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 1, proc.stderr
    doc = json.loads(proc.stdout)
    assert doc["files"][0]["output"] == str(folder / "hasil" / "b-galat-2024-q4.checked.xlsx")
    assert proc.stderr == ""


def test_cli_import_stays_light():
    code = (
        "import sys, kinerja_xl.cli; print(sorted(m for m in "
        "('openpyxl', 'xlsxwriter', 'kinerja_xl.reader', 'kinerja_xl.api') if m in sys.modules))"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert proc.stdout.strip() == "[]"


def test_kinerja_toml_iku_metadata_reaches_the_scores(folder):
    before = as_json(check(folder / CLEAN, "--format", "json", "--no-annotate"))["files"][0]
    assert "equal-weights" in before["assumptions"] and "KX207" in {c for _, _, c in codes({"files": [before]})}
    (folder / "kinerja.toml").write_text('[iku."1a-CP"]\nbobot = 10\n\n[iku."2a-N"]\nbobot = 30\n')
    after = as_json(check(folder / CLEAN, "--format", "json", "--no-annotate"))["files"][0]
    assert "equal-weights" not in after["assumptions"]
    assert "KX207" not in {c for _, _, c in codes({"files": [after]})}
    assert [i["weight"] for i in after["ikus"]] == [10.0, 30.0]


def test_xlsm_output_keeps_its_suffix(folder):
    src = folder / "d-makro-2024-q4.xlsm"
    (folder / CLEAN).rename(src)
    res = check(src, "--format", "json")
    assert res.exit_code == 0, res.output
    assert as_json(res)["files"][0]["output"] == str(folder / "d-makro-2024-q4.checked.xlsm")
    assert (folder / "d-makro-2024-q4.checked.xlsm").exists()
