"""The output formats of `kinerja-xl check --format`: one entry each, name -> how a run is printed.

A new format is one function and one line in FORMATS. Kept light (writers are imported when a
format runs), so the command line can list and check the names without loading openpyxl.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any, Protocol


class Echo(Protocol):
    """Prints a message and a newline (typer.echo); with nl=False, a piece of a longer line."""

    def __call__(self, message: str, *, nl: bool = True) -> None: ...


# Each format prints a run through echo; it calls wait() before it says anything of the batch
# summary, which may still be being written (run.check.Report).
Wait = Callable[[], None]


def _text(run: Any, echo: Echo, wait: Wait) -> None:
    """The rich report for a person at a terminal."""
    from kinerja_xl.writers import terminal

    terminal.render(run, wait=wait)


def _concise(run: Any, echo: Echo, wait: Wait) -> None:
    """One line per finding (path:Sheet!A1: CODE ...), as editors and grep read them."""
    from kinerja_xl.writers import terminal

    terminal.render_concise(run, echo, wait=wait)


def _json(run: Any, echo: Echo, wait: Wait) -> None:
    """The machine contract (json_out; findings as in docs/findings.md); indented at a terminal,
    compact (faster) in pipes and files."""
    from kinerja_xl.writers.json_out import iter_json

    wait()  # the document names the batch summary
    for piece in iter_json(run, indent=2 if sys.stdout.isatty() else None):  # a file at a time
        echo(piece, nl=False)
    echo("")


FORMATS: dict[str, Callable[[Any, Echo, Wait], None]] = {"text": _text, "concise": _concise, "json": _json}


def default_format() -> str:
    """text for a person at a terminal; concise when stdout is a pipe, a file or a CI log."""
    return "text" if sys.stdout.isatty() else "concise"
