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
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

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
    options: mail.MailOptions | None = None,
    history: HistoryCache | None = None,
) -> bool:
    """Check one finished file, write its drafts (send them with smtp), move it to arsip/ or gagal/.

    Prints one line for the file (time, result, drafts, where it went), plus one per message not
    sent. A file that cannot be read gets a short draft to its sender (or the manager) and goes to
    gagal/ with the reason. Returns True when the file was checked, False when it went to gagal/.
    Never raises for a bad file: the watcher must keep going. plan: the outbox names this session
    already wrote (a second ``q4.xlsx`` gets ``q4-2.checked.xlsx``, never the first one's copy).
    history: the --history files this session already read (the watcher holds it, see watch).
    """
    try:
        stats = stats if stats is not None else WatchStats()
        ledger = _ledger(outbox)
        try:
            digest = _digest(path)
        except OSError:
            digest = ""
        if digest and ledger.get(path.name) == digest:
            # checked and mailed by an earlier run that could not move it away: only move it now
            return _archive(path, inbox, outbox, ledger, lang, echo, stats, ui("watch_already_mailed", lang))
        fr, outcome, reason = _check_and_mail(
            path, outbox, settings, contacts, env, lang, sender, smtp, stats, plan, attach_fixed, options, history
        )
        drafts = _drafts_said(outcome, smtp is not None, lang)
        for d in outcome.deliveries if outcome else []:
            if not d.ok:
                echo(mail.describe_delivery(d))
        if reason is None:
            if digest:
                ledger[path.name] = digest  # mailed: remembered until the file has left the inbox
                _save_ledger(outbox, ledger)
            return _archive(path, inbox, outbox, ledger, lang, echo, stats, _result(fr, lang), drafts)
        try:
            dst = file_away(path, inbox / FAILED)
            dst.with_name(dst.name + ".txt").write_text(f"{path.name}: {reason}\n", encoding="utf-8")
        except OSError as exc:
            echo(ui("watch_cannot_move", lang).format(name=path.name, detail=exc.strerror or exc))
            stats.failed.append(path)
            return False
        stats.failed.append(path)
        echo(
            ui("watch_line_failed", lang).format(
                time=_now(),
                name=mail.one_line(path.name),
                failed=ui("watch_failed", lang),
                reason=mail.one_line(reason),
                drafts=drafts,
                folder=FAILED,
            )
        )
        return False
    finally:
        if plan is not None:
            plan.release()  # this file's outputs and drafts are written: its names need no claim now


def _check_and_mail(
    path: Path,
    outbox: Path,
    settings: Settings,
    contacts: mail.Contacts,
    env: Environment,
    lang: str,
    sender: str | None,
    smtp: mail.SmtpConfig | None,
    stats: WatchStats,
    plan: OutputPlan | None,
    attach_fixed: bool,
    options: mail.MailOptions | None,
    cache: HistoryCache | None = None,
) -> tuple[Any, mail.Outcome | None, str | None]:
    """(FileResult or None, mail.Outcome or None, reason it goes to gagal/ or None) for one file."""
    from kinerja_xl import api

    # the archive (--history) may not exist before the first file is filed there: nothing to compare yet
    history = settings.history if settings.history is not None and settings.history.is_dir() else None
    fr = None
    outcome: mail.Outcome | None = None
    reason: str | None = None
    try:
        checking = dataclasses.replace(settings, out_dir=outbox, annotate=True, history=history)
        run = api.check([path], checking, plan=plan, history_cache=cache)
        fr = run.files[0] if run.files else None
        if fr is None:
            return None, None, "no result"
        if attach_fixed and not fr.error:  # the fixed copy beside the annotated one (--attach fixed)
            api.attach_fixed(run, outbox, plan)
        # a file that cannot be read is answered too: a short note to its sender or the manager
        outcome = mail.prepare_and_send(
            run, outbox, contacts, lang=lang, env=env, sender=sender, smtp=smtp, echo=None, options=options
        )
        stats.drafts += len(outcome.drafts)
        stats.send_failures += sum(1 for d in outcome.deliveries if not d.ok)
        if fr.error:
            reason = fr.error_text(lang)
    except mail.MailError as exc:  # a template error concerns every file, but do not stop
        reason = str(exc)
    except Exception as exc:
        reason = f"{type(exc).__name__}: {mail.one_line(exc)}"
    return fr, outcome, reason


def _now() -> str:
    return datetime.now().strftime("%H:%M:%S")


def _drafts_said(outcome: mail.Outcome | None, sending: bool, lang: str) -> str:
    """'2 draf', '2 draf (terkirim)', '2 draf (1 tidak terkirim)'."""
    n = len(outcome.drafts) if outcome else 0
    text = ui("watch_drafts", lang).format(n=n)
    unsent = sum(1 for d in outcome.deliveries if not d.ok) if outcome else 0
    if sending and n:
        text += ui("watch_unsent", lang).format(n=unsent) if unsent else ui("watch_sent", lang)
    return text


def _result(fr, lang: str) -> str:
    """'4 kesalahan, NKO 110,37 (tertulis 114,87)': the counts (warnings when any) and the NKO,
    the written one beside it when the workbook writes one that differs."""
    from kinerja_xl.findings import format_number
    from kinerja_xl.headline import count_text, headline

    if fr is None:
        return "-"
    h = headline(fr)
    counts = [count_text(h.counts.get("error", 0), "error", lang)]
    if h.counts.get("warning"):
        counts.append(count_text(h.counts["warning"], "warning", lang))
    line = next((x for x in h.nko if x.written is not None), h.nko[0] if h.nko else None)
    nko = format_number(line.recomputed, lang) if line and line.recomputed is not None else "-"
    written = ""
    if line is not None and line.differs and line.written is not None:
        written = ui("watch_written", lang).format(nko=format_number(line.written, lang))
    return f"{', '.join(counts)}, NKO {nko}{written}"


def _archive(
    path: Path,
    inbox: Path,
    outbox: Path,
    ledger: dict[str, str],
    lang: str,
    echo: Callable[[str], None],
    stats: WatchStats,
    result: str,
    drafts: str | None = None,
) -> bool:
    """Move a checked file to arsip/ and forget it in the ledger; when the move fails it stays
    in the ledger, so no later run mails it again. Prints the file's one line."""
    stats.processed += 1
    parts = [f"{_now()} {mail.one_line(path.name)}: {result}"]
    if drafts is not None:
        parts.append(drafts)
    try:
        file_away(path, inbox / ARCHIVE)
    except OSError as exc:
        echo(" -> ".join(parts))
        echo(ui("watch_cannot_move", lang).format(name=path.name, detail=exc.strerror or exc))
        return True
    if ledger.pop(path.name, None) is not None:
        _save_ledger(outbox, ledger)
    echo(" -> ".join([*parts, f"{ARCHIVE}/"]))
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
    options: mail.MailOptions | None = None,
) -> WatchStats:
    """Poll inbox until stopped (Ctrl-C, stop() true, max_polls reached, or after one round with once).

    A file is processed on the first poll that finds it unchanged since the previous one, and
    only once: it then leaves the inbox for arsip/ or gagal/.
    """
    inbox, outbox = Path(inbox), Path(outbox)
    stats = WatchStats()
    # one run: no two files of this session share an output in the outbox, and a copy an earlier
    # session left there (another unit's q4.checked.xlsx, perhaps) is never replaced
    plan = OutputPlan(keep_existing=True, exclusive=True)
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
                        options=options,
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
