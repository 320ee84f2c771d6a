"""Claim files: an output name taken by this process, atomically, against other runs into one folder
(see outputs.OutputPlan with ``exclusive``)."""

from __future__ import annotations

import contextlib
import os
import socket
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
    mine = f"{os.getpid()} {socket.gethostname()}\n".encode()
    for _ in range(2):
        try:
            fd = os.open(claim, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
        except FileExistsError:
            if not _stale(claim):
                return None
            with contextlib.suppress(OSError):
                os.unlink(claim)
            continue
        except OSError:  # a folder we cannot write (no other run can either): the write will say so
            return claim
        with os.fdopen(fd, "wb") as fh:
            fh.write(mine)
        _CLAIMS.add(str(claim))
        return claim
    return None


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
