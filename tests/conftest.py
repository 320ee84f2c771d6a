"""Make tests/ importable, so every test folder can use the shared helpers (builders, workbooks)."""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path
from typing import Any

import pytest
import typer.main
import typer.testing

sys.path.insert(0, str(Path(__file__).parent))

# The terminal report is as wide as COLUMNS says (200 when piped and unset). pytest-xdist sets
# COLUMNS in its workers from the controller's terminal, so under `-n` long paths wrapped where a
# plain run does not: every test sees an unset COLUMNS, and a test about the width sets its own.
os.environ.pop("COLUMNS", None)

# Hypothesis: how many examples a property test tries comes from one profile, chosen by
# HYPOTHESIS_PROFILE ("default" on every run, "thorough" for a long hunt); tests do not hard-code it.
from hypothesis import HealthCheck, settings

settings.register_profile("default", max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("thorough", max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


# CliRunner.invoke turns the typer app into a click command on every call (~3.5 ms of typer
# introspecting every command's signature, over 470 invocations a run): built once per app here, as
# the real program builds it once per process; each invocation still parses its arguments anew.
_COMMANDS: dict[int, tuple[typer.Typer, Any]] = {}


def _command_once(app: typer.Typer) -> Any:
    if id(app) not in _COMMANDS:
        _COMMANDS[id(app)] = (app, typer.main.get_command(app))
    return _COMMANDS[id(app)][1]


typer.testing._get_command = _command_once


@pytest.fixture
def fresh_cli(monkeypatch: pytest.MonkeyPatch) -> None:
    """CliRunner.invoke builds the click command anew on every call in this test (for a test that
    changes how the command's options are set up, which a command built earlier would not see)."""
    monkeypatch.setattr(typer.testing, "_get_command", typer.main.get_command)


def pytest_collection_finish(session: pytest.Session) -> None:
    """Start LibreOffice's re-save of the workbooks some tests ask for (workbooks.libreoffice_resaved)
    in the background as soon as one such test is collected: it runs on the other core while the
    tests before it run. Under pytest-xdist a worker re-saves when its first such test asks, as before
    (a worker does not know which tests it will get)."""
    if os.environ.get("PYTEST_XDIST_WORKER") is None and any("libreoffice" in i.nodeid.lower() for i in session.items):
        import workbooks

        workbooks.start_libreoffice_resave()


def pytest_sessionfinish(session: pytest.Session) -> None:
    """Wait for a background re-save no test waited for (a run of a few tests), leaving no LibreOffice behind."""
    import workbooks

    with contextlib.suppress(Exception):  # no test asked for its result
        workbooks.finish_libreoffice_resave()
