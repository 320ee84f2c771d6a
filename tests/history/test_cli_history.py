"""`check`, `mail` and `watch` with --history, and the KX3xx codes in `rules` and `explain`."""

from __future__ import annotations

import email
import json
from email import policy

from typer.testing import CliRunner

from history.variants import submission
from kinerja_xl.cli import app

runner = CliRunner()


def invoke(*args):
    return runner.invoke(app, [str(a) for a in args])


def folders(tmp_path):
    """arsip/ with Serang Q2 (Realisasi Q1 of 1a-CP 10%), masuk/ with Serang Q3 (11.26%)."""
    arsip, inbox = tmp_path / "arsip", tmp_path / "masuk"
    submission(arsip / "serang-2024-q2.xlsx", period="Q2", cells={"IKU!B7": 0.10}, mtime_s=1_000)
    submission(inbox / "serang-2024-q3.xlsx", period="Q3", mtime_s=2_000)
    return arsip, inbox


def test_check_history_json(tmp_path):
    arsip, inbox = folders(tmp_path)
    before = sorted(p.name for p in arsip.iterdir())
    res = invoke("check", inbox / "serang-2024-q3.xlsx", "--history", arsip, "--format", "json", "--lang", "en")
    assert res.exit_code == 0, res.output  # KX301 is a warning
    doc = json.loads(res.stdout)
    (f,) = [f for f in doc["files"][0]["findings"] if f["code"] == "KX301"]
    assert f == {
        "code": "KX301",
        "symbol": "history-value-changed",
        "severity": "warning",
        "file": "serang-2024-q3.xlsx",
        "sheet": "IKU",
        "cell": "B7",
        "iku": "1a-CP",
        "period": "Q1",
        "actual": 11.26,
        "expected": None,
        "message": "Realisasi Q1 changed from 10.00 (in serang-2024-q2.xlsx, report Q2) to 11.26.",
        "fix": None,  # a change between submissions: a person decides which file is right
    }
    assert len(doc["files"]) == 1  # the archive is no input
    assert doc["files"][0]["compared_with"] == str(arsip / "serang-2024-q2.xlsx")
    assert sorted(p.name for p in arsip.iterdir()) == before  # nor does it get outputs
    res = invoke("check", inbox / "serang-2024-q3.xlsx", "--history", arsip, "--fail-on", "warning")
    assert res.exit_code == 1


def test_check_history_not_a_folder(tmp_path):
    _, inbox = folders(tmp_path)
    res = invoke("check", inbox, "--history", tmp_path / "tidak-ada")
    assert res.exit_code == 2
    assert res.output.strip().splitlines()[-1].startswith("kinerja-xl: --history ")
    assert "not a folder" in res.output


def test_without_history_a_single_file_is_not_compared(tmp_path):
    _, inbox = folders(tmp_path)
    res = invoke("check", inbox / "serang-2024-q3.xlsx", "--format", "json")
    (doc,) = json.loads(res.stdout)["files"]
    assert not [f for f in doc["findings"] if f["code"].startswith("KX3")] and doc["compared_with"] is None


def test_rules_and_explain_list_the_new_codes():
    res = invoke("rules", "--lang", "en")
    for code in ("KX301", "KX302", "KX303", "KX304", "KX305", "KX306", "KX307", "KX308"):
        assert code in res.output
    assert "history-cumulative-decrease" in res.output
    res = invoke("explain", "KX306", "--lang", "en")
    assert res.exit_code == 0
    assert "KX306 history-cumulative-decrease (warning)" in res.output
    assert "Bad: 'Jumlah berkas s.d. triwulan' 40 in the Q2 report, 35 in the Q3 report." in res.output
    assert invoke("explain", "history-unorderable").exit_code == 0


def _draft_texts(outbox):
    texts = []
    for p in sorted(outbox.glob("*.eml")):
        with open(p, "rb") as fh:
            msg = email.message_from_binary_file(fh, policy=policy.default)
        texts.append(msg.get_body(("plain",)).get_content())
    return texts


def test_mail_with_history(tmp_path):
    arsip, inbox = folders(tmp_path)
    outbox = tmp_path / "keluar"
    res = invoke("mail", inbox, "--outbox", outbox, "--history", arsip)
    assert res.exit_code == 0, res.output
    (body,) = _draft_texts(outbox)
    assert (
        "KX301" in body
        and "Realisasi Q1 berubah dari 10,00 (di serang-2024-q2.xlsx, laporan Q2) menjadi 11,26." in body
    )
    assert sorted(p.name for p in arsip.iterdir()) == ["serang-2024-q2.xlsx"]


def test_watch_compares_with_its_own_archive(tmp_path):
    inbox, outbox = tmp_path / "masuk", tmp_path / "keluar"
    submission(inbox / "serang-2024-q2.xlsx", period="Q2", cells={"IKU!B7": 0.10}, mtime_s=1_000)
    args = ("watch", inbox, "--outbox", outbox, "--once", "--interval", "0.01", "--history", inbox / "arsip")
    (inbox / "arsip").mkdir()
    res = invoke(*args)
    assert res.exit_code == 0, res.output
    assert not any("KX3" in t for t in _draft_texts(outbox))
    submission(inbox / "serang-2024-q3.xlsx", period="Q3", mtime_s=2_000)
    res = invoke(*args)
    assert res.exit_code == 0, res.output
    texts = {p.name: t for p, t in zip(sorted(outbox.glob("*.eml")), _draft_texts(outbox), strict=True)}
    q3 = [t for name, t in texts.items() if name.startswith("serang-2024-q3")]
    assert len(q3) == 1 and "KX301" in q3[0]
    assert sorted(p.name for p in (inbox / "arsip").iterdir()) == ["serang-2024-q2.xlsx", "serang-2024-q3.xlsx"]


def test_watch_history_not_a_folder(tmp_path):
    inbox = tmp_path / "masuk"
    inbox.mkdir()
    # a history folder that does not exist yet is fine (issue 18): nothing to compare with so far
    res = invoke("watch", inbox, "--outbox", tmp_path / "keluar", "--once", "--history", tmp_path / "tidak-ada")
    assert res.exit_code == 0, res.output
    (tmp_path / "berkas").write_text("x")
    res = invoke("watch", inbox, "--outbox", tmp_path / "keluar", "--once", "--history", tmp_path / "berkas")
    assert res.exit_code == 2 and "not a folder" in res.output


def test_watch_files_the_older_of_one_poll_first(tmp_path):
    inbox, outbox = tmp_path / "masuk", tmp_path / "keluar"
    (inbox / "arsip").mkdir(parents=True)
    # by name the revision comes first; by file time it is the newer one
    submission(inbox / "serang-2024-q3-revisi.xlsx", period="Q3", cells={"IKU!C7": 0.30}, mtime_s=2_000)
    submission(inbox / "serang-2024-q3.xlsx", period="Q3", mtime_s=1_000)
    res = invoke("watch", inbox, "--outbox", outbox, "--once", "--interval", "0.01", "--history", inbox / "arsip")
    assert res.exit_code == 0, res.output
    assert res.output.index("serang-2024-q3.xlsx") < res.output.index("serang-2024-q3-revisi.xlsx")
    texts = {p.name: t for p, t in zip(sorted(outbox.glob("*.eml")), _draft_texts(outbox), strict=True)}
    (revisi,) = [t for n, t in texts.items() if n.startswith("serang-2024-q3-revisi")]
    # the original has nothing to fix: no draft (issue 18); the revision's changed realisasi is a warning
    assert all(n.startswith("serang-2024-q3-revisi") for n in texts)
    assert "KX301" in revisi
