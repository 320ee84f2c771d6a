"""The typer application every command module registers on, and the one-line failure exit.

Imports run one way: cli_app <- cli_mail <- cli (cli imports cli_mail to register mail and watch).
"""

from __future__ import annotations

import typer

from kinerja_xl import __version__

app = typer.Typer(
    add_completion=False,
    # plain help: rich's help formatter imports ~65 ms of rich (markdown, syntax, tracebacks) per start
    rich_markup_mode=None,
    no_args_is_help=True,
    help="Memeriksa workbook monitoring IKU triwulanan Kemenkeu. / Checks Kemenkeu quarterly IKU monitoring workbooks.",
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"kinerja-xl {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Show the version and exit."
    ),
) -> None:
    """kinerja-xl."""


def fail(message: str) -> typer.Exit:
    """Print one 'kinerja-xl: ...' line on stderr and give the exit for misuse (2)."""
    typer.echo(f"kinerja-xl: {message}", err=True)
    return typer.Exit(2)
