"""The drop folder: poll INBOX, check every finished workbook, draft (and send) its mail, file it away.

Polling keeps us free of extra dependencies and works on network shares where
file-system events are unreliable. A file is "finished" when its size and mtime
are the same on two polls in a row.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import shutil
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from kinerja_xl import mail
from kinerja_xl.config import Settings
from kinerja_xl.messages import ui
from kinerja_xl.outputs import OutputPlan
from kinerja_xl.run.compare import HistoryCache

if TYPE_CHECKING:
    from jinja2 import Environment

SUFFIXES = (".xlsx", ".xlsm")
ARCHIVE = "arsip"
FAILED = "gagal"


@dataclass
class WatchStats:
    """What a watcher did, for the summary line."""

    processed: int = 0
    drafts: int = 0
    failed: list[Path] = field(default_factory=list)  # inputs moved to gagal/
    send_failures: int = 0
    polls: int = 0

    def summary(self, lang: str = "id") -> str:
        """One line: files checked, drafts written, failures."""
        return ui("watch_summary", lang).format(
            processed=self.processed,
            drafts=self.drafts,
            failed=len(self.failed),
            folder=FAILED,
            send_failures=self.send_failures,
        )


def is_candidate(path: Path) -> bool:
    """A workbook to check: .xlsx/.xlsm, not an Excel lock file (~$), not our own output."""
    from kinerja_xl.api import is_own_output

    name = path.name
    return (
        path.is_file()
        and path.suffix.lower() in SUFFIXES
        and not name.startswith((".", "~$"))
        and not is_own_output(path)
    )


def snapshot(inbox: Path) -> dict[Path, tuple[int, int]]:
    """Size and mtime of every candidate in the inbox (not its subfolders)."""
    out: dict[Path, tuple[int, int]] = {}
    try:
        entries = list(inbox.iterdir())
    except OSError:
        return out
    for p in entries:
        try:
            if is_candidate(p):
                st = p.stat()
                out[p] = (st.st_size, st.st_mtime_ns)
        except OSError:  # vanished between listing and stat
            continue
    return out


# An upload that pauses (a slow share, a client that re-opens the file) looks finished for a poll
# or two: a file that starts like a zip but has no central directory yet is given this long since
# its last change before it is judged (and filed in gagal/ as what it is then).
SETTLE_SECONDS = 60.0
# Files checked and mailed whose move to arsip/ failed: a later run must not mail them again.
LEDGER = ".kinerja-xl-watch.json"


def looks_incomplete(path: Path) -> bool:
    """A zip whose end (the central directory) is not written yet: an upload still under way."""
    try:
        with path.open("rb") as fh:
            head = fh.read(4)
        return head == b"PK\x03\x04" and not zipfile.is_zipfile(path)
    except OSError:
        return False


def _digest(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def _ledger(outbox: Path) -> dict[str, str]:
    """{input name: sha256} of files already mailed but not yet moved away."""
    try:
        data = json.loads((outbox / LEDGER).read_text(encoding="utf-8"))
        return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}
    except (OSError, ValueError):
        return {}


def _save_ledger(outbox: Path, ledger: dict[str, str]) -> None:
    from kinerja_xl.outputs import atomic_write

    path = outbox / LEDGER
    try:
        if ledger:
            atomic_write(path, json.dumps(ledger, ensure_ascii=False, indent=1).encode("utf-8"))
        elif path.exists():
            path.unlink()
    except OSError:
        pass  # at worst a later run mails once more


def _oldest_first(item: tuple[Path, tuple[int, int]]) -> tuple[int, Path]:
    """Sort key of an inbox entry (path, (size, mtime_ns)): file time, then name."""
    return item[1][1], item[0]


def file_away(path: Path, folder: Path) -> Path:
    """Move path into folder, adding -2, -3... to the name when one is already there."""
    folder.mkdir(parents=True, exist_ok=True)
    dst = mail.unique_path(folder, mail.safe_filename(path.stem, "workbook", 120), path.suffix.lower())
    shutil.move(str(path), str(dst))
    return dst


def process_file(
    path: Path,
    inbox: Path,
    outbox: Path,
    settings: Settings,
    contacts: mail.Contacts,
    env: Environment,
    *,
    lang: str,
    sender: str | None = None,
    smtp: mail.SmtpConfig | None = None,
    echo: Callable[[str], None] = print,
    stats: WatchStats | None = None,
    plan: OutputPlan | None = None,
    attach_fixed: bool = False,
    history: HistoryCache | None = None,
) -> bool:
    """Check one finished file, write its drafts (send them with smtp), move it to arsip/ or gagal/.

    Returns True when the file was checked, False when it went to gagal/. Never raises for a
    bad file: the watcher must keep going. plan: the outbox names this session already wrote
    (a second ``q4.xlsx`` gets ``q4-2.checked.xlsx``, never the first one's copy).
    history: the --history files this session already read (the watcher holds it, see watch).
    """
    from kinerja_xl import api

    stats = stats if stats is not None else WatchStats()
    reason: str | None = None
    ledger = _ledger(outbox)
    try:
        digest = _digest(path)
    except OSError:
        digest = ""
    if digest and ledger.get(path.name) == digest:
        # checked and mailed by an earlier run that could not move it away: only move it now
        echo(f"{ui('watch_already_mailed', lang)}: {path.name}")
        return _archive(path, inbox, outbox, ledger, lang, echo, stats)
    try:
        checking = dataclasses.replace(settings, out_dir=outbox, annotate=True)
        run = api.check([path], checking, plan=plan, history_cache=history)
        fr = run.files[0] if run.files else None
        if fr is None:
            reason = "no result"
        elif fr.error:
            reason = fr.error_text(lang)
        else:
            if attach_fixed:  # the fixed copy beside the annotated one in the outbox (--attach fixed)
                api.attach_fixed(run, outbox, plan)
            drafts, deliveries = mail.prepare_and_send(
                run, outbox, contacts, lang=lang, env=env, sender=sender, smtp=smtp, echo=echo
            )
            stats.drafts += len(drafts)
            stats.send_failures += sum(1 for d in deliveries if not d.ok)
    except mail.MailError as exc:  # a template error concerns every file, but do not stop
        reason = str(exc)
    except Exception as exc:
        reason = f"{type(exc).__name__}: {mail.one_line(exc)}"
    if reason is None:
        if digest:
            ledger[path.name] = digest  # mailed: remembered until the file has left the inbox
            _save_ledger(outbox, ledger)
        return _archive(path, inbox, outbox, ledger, lang, echo, stats)
    try:
        dst = file_away(path, inbox / FAILED)
        dst.with_name(dst.name + ".txt").write_text(f"{path.name}: {reason}\n", encoding="utf-8")
    except OSError as exc:
        echo(ui("watch_cannot_move", lang).format(name=path.name, detail=exc.strerror or exc))
        stats.failed.append(path)
        return False
    stats.failed.append(path)
    echo(f"{ui('watch_failed', lang)}: {path.name} -> {FAILED}/{dst.name} ({mail.one_line(reason)})")
    return False


def _archive(
    path: Path,
    inbox: Path,
    outbox: Path,
    ledger: dict[str, str],
    lang: str,
    echo: Callable[[str], None],
    stats: WatchStats,
) -> bool:
    """Move a checked file to arsip/ and forget it in the ledger; when the move fails it stays
    in the ledger, so no later run mails it again."""
    stats.processed += 1
    try:
        dst = file_away(path, inbox / ARCHIVE)
    except OSError as exc:
        echo(ui("watch_cannot_move", lang).format(name=path.name, detail=exc.strerror or exc))
        return True
    if ledger.pop(path.name, None) is not None:
        _save_ledger(outbox, ledger)
    echo(f"{ui('watch_checked', lang)}: {path.name} -> {ARCHIVE}/{dst.name}")
    return True


def watch(
    inbox: Path,
    outbox: Path,
    settings: Settings,
    contacts: mail.Contacts,
    env: Environment,
    *,
    lang: str = "id",
    sender: str | None = None,
    smtp: mail.SmtpConfig | None = None,
    interval: float = 2.0,
    once: bool = False,
    max_polls: int | None = None,
    stop: Callable[[], bool] | None = None,
    sleep: Callable[[float], None] | None = None,
    echo: Callable[[str], None] = print,
    settle: float = SETTLE_SECONDS,
    clock: Callable[[], float] = time.time,
    attach_fixed: bool = False,
) -> WatchStats:
    """Poll inbox until stopped (Ctrl-C, stop() true, max_polls reached, or after one round with once).

    A file is processed on the first poll that finds it unchanged since the previous one, and
    only once: it then leaves the inbox for arsip/ or gagal/.
    """
    inbox, outbox = Path(inbox), Path(outbox)
    stats = WatchStats()
    # one run: no two files of this session share an output in the outbox, and a copy an earlier
    # session left there (another unit's q4.checked.xlsx, perhaps) is never replaced
    plan = OutputPlan(keep_existing=True)
    history = HistoryCache()  # --history read once per session, again only for files that changed
    previous: dict[Path, tuple[int, int]] = {}
    done: set[tuple[Path, tuple[int, int]]] = set()  # guards against a file we could not move away
    waiting: set[tuple[Path, tuple[int, int]]] = set()  # uploads that look unfinished
    try:
        while True:
            current = snapshot(inbox)
            stats.polls += 1
            gone: set[Path] = set()
            # with --history the oldest file first: it is filed away before a later one is compared with it
            for path, sig in sorted(current.items(), key=_oldest_first if settings.history else None):
                if previous.get(path) == sig and (path, sig) not in done:
                    if clock() - sig[1] / 1e9 < settle and looks_incomplete(path):
                        waiting.add((path, sig))  # an upload that paused: judged once it has settled
                        continue
                    done.add((path, sig))
                    process_file(
                        path,
                        inbox,
                        outbox,
                        settings,
                        contacts,
                        env,
                        lang=lang,
                        sender=sender,
                        smtp=smtp,
                        echo=echo,
                        stats=stats,
                        plan=plan,
                        attach_fixed=attach_fixed,
                        history=history,
                    )
                    if not path.exists():  # filed away: the same file dropped again is new
                        done.discard((path, sig))
                        gone.add(path)
            previous = {p: sig for p, sig in current.items() if p not in gone}
            done = {(p, sig) for p, sig in done if current.get(p) == sig}
            waiting = {(p, sig) for p, sig in waiting if current.get(p) == sig}
            pending = [p for p, sig in current.items() if (p, sig) not in done and p.exists()]
            if once and (stats.polls >= 2 or not current):
                for p in pending:
                    echo(f"{ui('watch_left_for_next_run', lang)}: {p.name}")
                break
            if max_polls is not None and stats.polls >= max_polls:
                break
            if stop is not None and stop():
                break
            (sleep or time.sleep)(interval)
    except KeyboardInterrupt:
        pass  # Ctrl-C is the normal way to stop a watcher
    echo(stats.summary(lang))
    return stats


__all__ = ["WatchStats", "file_away", "is_candidate", "process_file", "snapshot", "watch"]
