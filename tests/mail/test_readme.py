"""The README's mail and watch examples run as written on a fresh checkout, and its example draft
is the one the first command writes (issue 18, "done when").

The shell lines (mkdir, cp) run in bash; each kinerja-xl line runs in this process through typer's
runner, with the words the shell would hand it (a fresh process starting the command is tested in
tests/cli/test_check_cli.py and tests/run/)."""

from __future__ import annotations

import email
import re
import shlex
import shutil
import subprocess
import time
from email import policy
from pathlib import Path

from typer.testing import CliRunner

from kinerja_xl import watch as watch_module
from kinerja_xl.cli import app

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text(encoding="utf-8")
SECTION = README[README.index("## Sending results back to the sections") :]
SECTION = SECTION[: SECTION.index("\n## ", 3)]


def blocks(text: str, lang: str) -> list[str]:
    return re.findall(rf"```{lang}\n(.*?)```", text, flags=re.S)


def commands() -> list[str]:
    """The mail section's example block, then the mail/watch lines of the history section."""
    lines = blocks(SECTION, "sh")[0].splitlines()
    history = README[README.index("## Across submissions") : README.index("## Sending results back")]
    lines += [x for x in blocks(history, "sh")[0].splitlines() if x.startswith(("kinerja-xl mail", "kinerja-xl watch"))]
    return [x for x in lines if x.strip()]


def checkout(tmp: Path) -> Path:
    """What a fresh checkout has that the examples use: the samples folder."""
    shutil.copytree(ROOT / "samples", tmp / "samples", ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    return tmp


def run(cmd: str, cwd: Path) -> tuple[int, str, str]:
    """One README line, from ``cwd``: exit code, stdout and stderr."""
    if not cmd.startswith("kinerja-xl "):
        res = subprocess.run(["bash", "-c", cmd], cwd=cwd, capture_output=True, text=True, timeout=300)
        return res.returncode, res.stdout, res.stderr
    words = shlex.split(cmd, comments=True)
    assert not set(words) & {"&&", "||", "|", ";", ">", "<", "&"}, cmd  # nothing but the command's own words
    res = CliRunner().invoke(app, words[1:])
    assert res.exception is None or isinstance(res.exception, SystemExit), (cmd, res.exception)
    return res.exit_code, res.stdout, res.stderr


def test_the_readme_mail_and_watch_examples_run_as_written(tmp_path, monkeypatch):
    cwd = checkout(tmp_path)
    monkeypatch.chdir(cwd)
    # `watch --once` polls twice, its --interval (2 s) apart, and takes a file unchanged between
    # the polls: the pause is recorded, not waited (nothing changes the inbox meanwhile)
    paused: list[float] = []

    class Time:  # the time module as watch.py sees it, but for its sleep between polls
        sleep = staticmethod(paused.append)

        def __getattr__(self, name: str):
            return getattr(time, name)

    monkeypatch.setattr(watch_module, "time", Time())
    cmds = commands()
    assert any(c.startswith("kinerja-xl watch") for c in cmds) and any(c.startswith("kinerja-xl mail") for c in cmds)
    lines_checked = 0
    for cmd in cmds:
        code, stdout, stderr = run(cmd, cwd)
        assert code == 0, f"{cmd}\n{stdout}\n{stderr}"
        if cmd.startswith("kinerja-xl watch") and "kpknl" in stdout:
            # one line per file: time, result, NKO beside the written one, drafts, where it went
            line = stdout.splitlines()[0]
            assert re.fullmatch(
                r"\d\d:\d\d:\d\d kpknl-serang-2024-q4.xlsx: 33 kesalahan, 6 peringatan, "
                r"NKO 100,87 \(tertulis 115,67\) -> 7 draf -> arsip/",
                line,
            ), line
            lines_checked += 1
    assert lines_checked == 1  # the first watch took the sample; the second found the inbox empty
    assert paused and set(paused) == {2.0}  # each watch waited its default interval between its polls
    assert (cwd / "masuk" / "arsip" / "kpknl-serang-2024-q4.xlsx").is_file()
    assert list((cwd / "keluar").glob("*.eml"))

    # the README's full example draft is what the first `mail` command wrote
    shown = next(b for b in blocks(SECTION, "text") if b.startswith("To: "))
    head, body = shown.split("\n\n", 1)
    path = cwd / "kirim" / "kpknl-serang-2024-q4__Seksi Pelayanan Lelang.eml"
    with open(path, "rb") as fh:
        msg = email.message_from_binary_file(fh, policy=policy.default)
    headers = dict(line.split(": ", 1) for line in head.splitlines())
    assert headers["To"] == msg["To"] and headers["Reply-To"] == msg["Reply-To"]
    assert headers["Subject"] == msg["Subject"]
    assert headers["Attachment"] == ", ".join(a.get_filename() for a in msg.iter_attachments())
    assert body == msg.get_body(("plain",)).get_content().replace("\r\n", "\n")
