"""The README's mail and watch examples run as written on a fresh checkout, and its example draft
is the one the first command writes (issue 18, "done when")."""

from __future__ import annotations

import email
import re
import shutil
import subprocess
import sys
from email import policy
from pathlib import Path

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


def test_the_readme_mail_and_watch_examples_run_as_written(tmp_path):
    cwd = checkout(tmp_path)
    cmds = commands()
    assert any(c.startswith("kinerja-xl watch") for c in cmds) and any(c.startswith("kinerja-xl mail") for c in cmds)
    for cmd in cmds:
        line = re.sub(r"^kinerja-xl ", f"'{sys.executable}' -m kinerja_xl ", cmd)
        res = subprocess.run(["bash", "-c", line], cwd=cwd, capture_output=True, text=True, timeout=300)
        assert res.returncode == 0, f"{cmd}\n{res.stdout}\n{res.stderr}"
        if cmd.startswith("kinerja-xl watch") and "kpknl" in res.stdout:
            # one line per file: time, result, NKO beside the written one, drafts, where it went
            line = res.stdout.splitlines()[0]
            assert re.fullmatch(
                r"\d\d:\d\d:\d\d kpknl-serang-2024-q4.xlsx: 33 kesalahan, 6 peringatan, "
                r"NKO 100,87 \(tertulis 115,67\) -> 7 draf -> arsip/",
                line,
            ), line
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
