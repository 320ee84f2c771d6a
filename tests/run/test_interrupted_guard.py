"""A Ctrl-C that lands while Python builds a class (an import inside a file's check) arrives as a
RuntimeError wrapping the KeyboardInterrupt: the file's guard lets it stop the run instead of
reporting the file unreadable and going on (exit 2 instead of 130)."""

from __future__ import annotations

import os
import shutil
import signal
import threading
import time
from pathlib import Path

import pytest

from kinerja_xl import reader
from kinerja_xl.config import Settings
from kinerja_xl.run.one_file import check_file

SAMPLE = Path(__file__).resolve().parents[2] / "samples" / "contoh-bersih-2024-q4.xlsx"


def _raising(exc: BaseException):
    def read(*_args, **_kwargs):
        raise exc

    return read


def _interrupted_import() -> RuntimeError:
    try:
        try:
            raise KeyboardInterrupt
        except KeyboardInterrupt as ctrl_c:  # as CPython 3.11 wraps it from __set_name__
            raise RuntimeError("Error calling __set_name__ on 'Field' instance 'unfixed' in 'FixPlan'") from ctrl_c
    except RuntimeError as exc:
        return exc


def test_a_ctrl_c_wrapped_in_an_import_error_stops_the_check(tmp_path, monkeypatch):
    path = Path(shutil.copy(SAMPLE, tmp_path / "q4.xlsx"))
    monkeypatch.setattr(reader, "read_workbook", _raising(_interrupted_import()))
    with pytest.raises(KeyboardInterrupt):
        check_file(path, Settings(annotate=False))


def test_any_other_failure_is_still_that_files_one_line(tmp_path, monkeypatch):
    path = Path(shutil.copy(SAMPLE, tmp_path / "q4.xlsx"))
    monkeypatch.setattr(reader, "read_workbook", _raising(RuntimeError("something unexpected")))
    result = check_file(path, Settings(annotate=False))
    assert result.error and "RuntimeError: something unexpected" in result.error
    assert [f.code for f in result.findings] == ["KX001"]


@pytest.mark.skipif(not hasattr(signal, "SIGINT") or os.name == "nt", reason="no os.kill(SIGINT) here")
def test_a_ctrl_c_that_reaches_another_thread_is_held_too():
    """A progress bar runs a thread of its own: the kernel may hand a Ctrl-C to that thread, which
    no signal mask of the main thread holds back. It still arrives only after the block."""
    from kinerja_xl import claims

    other = threading.Thread(target=time.sleep, args=(1,), daemon=True)
    other.start()
    done = []
    with pytest.raises(KeyboardInterrupt):
        with claims.ctrl_c_held():
            os.kill(os.getpid(), signal.SIGINT)
            time.sleep(0.05)  # time for the signal to reach whichever thread it reaches
            done.append("the block ran to its end")
        done.append("never reached")
    assert done == ["the block ran to its end"]
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler  # the run's handler is back


@pytest.mark.skipif(not hasattr(signal, "SIGINT") or os.name == "nt", reason="no os.kill(SIGINT) here")
def test_a_claim_file_is_made_and_noted_before_a_ctrl_c_lands(tmp_path):
    """ctrl_c_held: a Ctrl-C during the block arrives after it, so a claim or temporary file is
    never made without the note a stopped run removes it by."""
    from kinerja_xl import claims

    done = []
    with pytest.raises(KeyboardInterrupt):
        with claims.ctrl_c_held():
            os.kill(os.getpid(), signal.SIGINT)
            done.append("the block ran to its end")
        done.append("never reached")
    assert done == ["the block ran to its end"]
    # and a claim made under it is noted for remove_pending
    claim = claims.claim_file(tmp_path / "q4.checked.xlsx")
    assert claim is not None and str(claim) in claims._CLAIMS
    claims.release_claim(claim)
    assert not claim.exists()
