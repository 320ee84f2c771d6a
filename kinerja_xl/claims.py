"""Claim files: an output name taken by this process, atomically, against other runs into one folder
(see outputs.OutputPlan with ``exclusive``)."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

CLAIM_SUFFIX = ".kx-claim"


def claim_path(path: Path) -> Path:
    """The claim file of an output name: hidden, beside it (``.q4.checked.xlsx.kx-claim``)."""
    return path.with_name("." + path.name + CLAIM_SUFFIX)


def claim_file(path: Path) -> Path | None:
    """Claim the output name ``path`` for this process, atomically: its claim file is created with
    O_EXCL, so of two runs at the same time into one folder exactly one gets it (no check-then-write).
    The claim holds this process's id and host; one left by a process of this host that is gone (a
    run killed outright) is taken over. Returns the claim file, or None when another run holds it.
    """
    claim = claim_path(path)
    for _ in range(2):
        try:
            with ctrl_c_held():  # the file made and noted as one step (see ctrl_c_held)
                fd = os.open(claim, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
                _CLAIMS.add(str(claim))
        except FileExistsError:
            if not _stale(claim):
                return None
            with contextlib.suppress(OSError):
                os.unlink(claim)
            continue
        except OSError:  # a folder we cannot write (no other run can either): the write will say so
            return claim
        try:
            os.write(fd, f"{os.getpid()} {socket.gethostname()}\n".encode())
        finally:
            os.close(fd)
        return claim
    return None


@contextlib.contextmanager
def ctrl_c_held() -> Iterator[None]:
    """Hold a Ctrl-C (SIGINT) back until the block is done: a file made and the note that lets a
    stopped run remove it (claims, temporary files) happen together, or not at all.

    The Ctrl-C is taken by a handler that notes it, and given to the run's own handler after the
    block. Python runs signal handlers in the main thread whichever thread the signal reached (a
    progress bar's, say), so a thread left unblocked cannot let it through, as it could a signal
    mask. In a thread other than the main one, where handlers cannot be set, or under a handler
    set outside Python (which could not be put back), the block runs as it is.
    """
    if threading.current_thread() is not threading.main_thread() or signal.getsignal(signal.SIGINT) is None:
        yield
        return
    caught: list[int] = []
    previous = signal.signal(signal.SIGINT, lambda signum, _frame: caught.append(signum))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
        if caught:
            _deliver(previous)


def _deliver(handler: object) -> None:
    """A Ctrl-C held back, given now to the handler that was in place (KeyboardInterrupt by default)."""
    if callable(handler):
        handler(signal.SIGINT, None)
    elif handler == signal.SIG_DFL:
        os.kill(os.getpid(), signal.SIGINT)


def release_claim(claim: Path) -> None:
    """Remove a claim file of this process."""
    if str(claim) in _CLAIMS:
        with contextlib.suppress(OSError):
            os.unlink(claim)
        _CLAIMS.discard(str(claim))


def _stale(claim: Path) -> bool:
    """A claim whose process is gone: it ran on this host and no process has its id any more."""
    try:
        pid_text, host = claim.read_text(encoding="utf-8", errors="replace").split()[:2]
        pid = int(pid_text)
    except (OSError, ValueError):
        return False  # being written, or not ours to judge
    if host != socket.gethostname() or pid == os.getpid() or os.name == "nt":
        return False  # (on Windows os.kill would end the process, not test it)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except OSError:
        return False
    return False


# Claim files of this process not yet released: removed when a run is stopped (remove_pending).
_CLAIMS: set[str] = set()
# Temporary files of this process not yet renamed into place: a --jobs worker stopped by Ctrl-C
# removes them (outputs.remove_pending), so no half-written .kx-*.tmp is left behind.
_PENDING: set[str] = set()


def forget_inherited() -> None:
    """In a forked child (a --jobs worker, the batch writer): the claims and temporary files it
    inherited are its parent's, never its own to remove when it is stopped."""
    _CLAIMS.clear()
    _PENDING.clear()


# A folder as a run found it: a file of ours written there since is another run's of the same time.
FolderState = dict[str, tuple[int, int]]


def file_stamp(path: Path) -> tuple[int, int] | None:
    """(size, mtime_ns) of a file: it changed when this differs; None when it cannot be read."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_size, st.st_mtime_ns


def folder_state(folder: Path, wanted: Callable[[str], bool]) -> FolderState:
    """file_stamp of each file in ``folder`` whose name ``wanted`` accepts, by case-folded name
    (an absent or unreadable folder: empty)."""
    found: FolderState = {}
    with contextlib.suppress(OSError), os.scandir(folder) as entries:
        for entry in entries:
            if wanted(entry.name):
                with contextlib.suppress(OSError):
                    st = entry.stat(follow_symlinks=False)
                    found[entry.name.casefold()] = (st.st_size, st.st_mtime_ns)
    return found


def unchanged(path: Path, state: FolderState) -> bool:
    """Whether ``path`` is a file its folder's state noted, as it was then."""
    return state.get(path.name.casefold()) == file_stamp(path)
