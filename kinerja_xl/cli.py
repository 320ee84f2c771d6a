"""The command line: typer commands only; parse options, call the api, print, exit."""
from __future__ import annotations

import typer

from kinerja_xl import __version__

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Memeriksa workbook monitoring IKU triwulanan Kemenkeu. / Checks Kemenkeu quarterly IKU monitoring workbooks.",
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"kinerja-xl {__version__}")
        raise typer.Exit()


@app.callback()
def _root(version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                       help="Show the version and exit.")) -> None:
    """kinerja-xl."""


@app.command()
def rules(lang: str = typer.Option("id", "--lang", help="id or en")) -> None:
    """List every finding code with its severity and meaning."""
    from kinerja_xl.messages import CATALOGUE

    for msg in CATALOGUE.values():
        typer.echo(f"{msg.code}  {msg.severity.value:<7}  {msg.symbol:<30}  {msg.title(lang)}")


@app.command()
def explain(code: str = typer.Argument(..., help="A code (KX101) or symbol (capaian-mismatch)."),
            lang: str = typer.Option("id", "--lang")) -> None:
    """Print a finding's documentation with a bad and a good example."""
    from kinerja_xl.messages import lookup

    msg = lookup(code)
    if msg is None:
        typer.echo(f"kinerja-xl: unknown code '{code}' (see 'kinerja-xl rules')", err=True)
        raise typer.Exit(2)
    typer.echo(f"{msg.code} {msg.symbol} ({msg.severity.value})")
    typer.echo(msg.title(lang))
    typer.echo("")
    typer.echo(msg.doc)


@app.command()
def profiles() -> None:
    """List the shipped rule profiles."""
    from kinerja_xl import profiles as prof

    for name in prof.available():
        p = prof.load(name)
        bands = ", ".join(f"{n} >= {lo:g}" if lo > -1e8 else n for n, lo in p.predikat)
        typer.echo(f"{p.name:<14} {p.title:<22} years {p.years[0]}-{p.years[1]}  cap {p.cap:g}  "
                   f"tolerance {p.tolerance:g}  predikat: {bands}")


def main() -> None:
    """Console entry point."""
    app()
