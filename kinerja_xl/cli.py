"""The command line: typer commands only; parse options, call the api, print, exit."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import typer

from kinerja_xl import cli_options as opt
from kinerja_xl.cli_app import app
from kinerja_xl.cli_app import fail as _fail

if TYPE_CHECKING:
    from pathlib import Path


@app.command()
def rules(lang: str = opt.LANG) -> None:
    """List every finding code with its severity and meaning."""
    from kinerja_xl.writers.terminal import rules_lines

    for line in rules_lines(lang or "id"):
        typer.echo(line)


@app.command()
def explain(
    code: str = typer.Argument(..., help="A code (KX101) or symbol (capaian-mismatch)."),
    lang: str = opt.LANG,
) -> None:
    """Print a finding's documentation with a bad and a good example."""
    from kinerja_xl.messages import lookup, ui

    lang = lang or "id"
    msg = lookup(code)
    if msg is None:
        typer.echo(f"kinerja-xl: {ui('cli_unknown_code', lang).format(code=code)}", err=True)
        raise typer.Exit(2)
    typer.echo(f"{msg.code} {msg.symbol} ({ui(msg.severity.value, lang)})")
    typer.echo(msg.title(lang))
    typer.echo("")
    doc = msg.doc  # written in English; its example labels in the run's language
    if lang == "id":
        doc = doc.replace("\nBad:", "\nContoh salah:").replace("\nGood:", "\nContoh benar:")
    typer.echo(doc)


@app.command()
def profiles() -> None:
    """List the shipped rule profiles."""
    from kinerja_xl.writers.terminal import profile_lines

    for line in profile_lines():
        typer.echo(line)


@app.command()
def check(
    paths: list[str] = opt.PATHS,
    out: str = opt.OUT,
    fmt: str = typer.Option(
        None,
        "--format",
        metavar="text|concise|json",
        help="text: tables for a person at a terminal; concise: one line per finding (path:Sheet!A1: CODE ...), "
        "the default when stdout is not a terminal; json: the machine contract on stdout.",
    ),
    lang: str = opt.LANG,
    profile: str = opt.PROFILE,
    config: str = opt.CONFIG,
    fail_on: str = typer.Option(
        None, "--fail-on", metavar="error|warning", help="Exit 1 on an error finding (default) or also on a warning."
    ),
    select: str = opt.SELECT,
    ignore: str = opt.IGNORE,
    no_annotate: bool = typer.Option(
        False, "--no-annotate", help="Write no file (no annotated copy, no batch summary)."
    ),
    jobs: int = opt.JOBS,
    year: int = opt.YEAR,
    history: str = opt.HISTORY,
) -> None:
    """Check workbooks: recompute every score, list findings, write annotated copies.

    Exit code: 0 no error finding; 1 an error finding (or a warning with --fail-on warning);
    2 a file could not be read or the command was misused.
    """
    from pathlib import Path

    from kinerja_xl import api
    from kinerja_xl.config import ConfigError, resolve_settings, split_codes
    from kinerja_xl.writers.formats import FORMATS, default_format

    fmt = fmt or default_format()
    if fmt not in FORMATS:
        from kinerja_xl.messages import ui

        choices = ", ".join(FORMATS)
        raise _fail(ui("cli_unknown_format", lang if lang in ("id", "en") else "id").format(fmt=fmt, choices=choices))
    cli = {
        "out_dir": Path(out) if out else None,
        "lang": lang,
        "profile": profile,
        "fail_on": fail_on,
        "select": split_codes(select),
        "ignore": split_codes(ignore),
        "jobs": jobs,
        "year": year,
        "annotate": False if no_annotate else None,
        "history": Path(history) if history else None,
    }
    try:
        settings = resolve_settings([Path(p) for p in paths], cli, Path(config) if config else None)
    except ConfigError as exc:
        raise _fail(str(exc)) from None

    bar = _Bar()

    def report(run: Any, wait: Callable[[], None]) -> None:
        # the batch summary may be written while this prints (api.check's report); wait() first
        # for what says anything of it
        from kinerja_xl.writers import terminal

        bar.stop()
        for line in terminal.skipped_lines(run) + terminal.unreadable_lines(run, batch=False):
            typer.echo(line, err=True)
        FORMATS[fmt](run, typer.echo, wait)
        wait()
        for line in terminal.batch_error_lines(run):
            typer.echo(line, err=True)

    try:
        # the reports below need no cell values, and but for JSON no per-IKU scores: results
        # without them cost --jobs far less and keep a big batch's memory small
        run = api.check(paths, settings, bar, keep_cells=False, keep_scores=fmt == "json", report=report)
    except api.UsageError as exc:
        raise _fail(str(exc)) from None
    finally:
        bar.stop()
    raise typer.Exit(run.exit_code(settings.fail_on))


class _Bar:
    """The progress bar of a check of several files, for a person watching (never in a pipe or a
    log). It ends once every file is read: its thread is gone before the batch writer forks."""

    def __init__(self) -> None:
        self.progress: Any = None
        self.task: Any = None
        self.ended = False

    def __call__(self, done: int, total: int, path: Path | None) -> None:
        if self.ended or total < 2 or not sys.stderr.isatty():
            return
        if self.progress is None:
            from rich.progress import Progress

            from kinerja_xl.writers.terminal import make_console

            self.progress = Progress(console=make_console(stderr=True), transient=True)
            self.progress.start()
            self.task = self.progress.add_task("", total=total)
        from kinerja_xl.outputs import shown

        self.progress.update(self.task, completed=done, description=shown(path.name) if path else "")
        if done >= total:
            self.stop()

    def stop(self) -> None:
        if self.progress is not None:
            # rich's stop() only tells its refresh thread to end: wait for it, so none is left
            # running when the batch writer forks (a forked child gets no thread but this one)
            thread = getattr(getattr(self.progress, "live", None), "_refresh_thread", None)
            self.progress.stop()
            if thread is not None:
                thread.join(timeout=1.0)
        self.progress, self.ended = None, True


from kinerja_xl import cli_fix, cli_mail  # noqa: E402,F401  registers fix, mail and watch


def main() -> None:
    """Console entry point."""
    # A file name that is not valid UTF-8 reaches us with surrogates: print them as escapes
    # (JSON readers decode the \udcXX escape back to the same name) instead of failing.
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="backslashreplace")
    app()
