"""The `fix` command: check, then write a corrected copy (or, with --diff, print what would change).

Imports run one way: cli_app <- cli_fix <- cli (cli imports cli_fix to register fix).
"""

from __future__ import annotations

from pathlib import Path

import typer

from kinerja_xl.cli_app import app
from kinerja_xl.cli_app import fail as _fail

_PATHS = typer.Argument(..., metavar="PATH", help="Workbooks (.xlsx/.xlsm), folders or globs to fix.")


@app.command()
def fix(
    paths: list[str] = _PATHS,
    out: str = typer.Option(
        None, "--out", metavar="DIR", help="Folder for the fixed copies (default: beside each input)."
    ),
    unsafe_fixes: bool = typer.Option(
        False, "--unsafe-fixes", help="Also correct Pol/KP labels (KX021) and Y-NN year labels (KX004)."
    ),
    diff: bool = typer.Option(False, "--diff", help="Write nothing; print every change that would be made."),
    select: str = typer.Option(None, "--select", metavar="CODES", help="Only fix these codes or prefixes (KX1,KX201)."),
    ignore: str = typer.Option(None, "--ignore", metavar="CODES", help="Do not fix these codes or prefixes."),
    profile: str = typer.Option(
        None, "--profile", metavar="NAME|FILE", help="Rule profile (default: chosen by the report year)."
    ),
    config: str = typer.Option(
        None, "--config", metavar="FILE", help="kinerja.toml to use (default: the one beside the inputs)."
    ),
    lang: str = typer.Option(None, "--lang", metavar="id|en", help="Language of messages (default id)."),
    jobs: int = typer.Option(None, "--jobs", "-j", metavar="N", help="Fix N files in parallel."),
    year: int = typer.Option(None, "--year", metavar="YYYY", help="The report year (picks the profile)."),
) -> None:
    """Write <name>.fixed.xlsx: every number that follows from the workbook's own Target and Realisasi corrected.

    Exit code: 0 nothing left that needs a person; 1 findings remain that no fix covers;
    2 a file could not be read or written, or the command was misused.
    """
    from kinerja_xl import api
    from kinerja_xl.config import ConfigError, resolve_settings, split_codes
    from kinerja_xl.writers import fix_report, terminal

    cli = {
        "out_dir": Path(out) if out else None,
        "lang": lang,
        "profile": profile,
        "select": split_codes(select),
        "ignore": split_codes(ignore),
        "jobs": jobs,
        "year": year,
    }
    try:
        settings = resolve_settings([Path(p) for p in paths], cli, Path(config) if config else None)
        run = api.fix(paths, settings, unsafe=unsafe_fixes, diff=diff)
    except (ConfigError, api.UsageError) as exc:
        raise _fail(str(exc)) from None
    for line in terminal.skipped_lines(run) + terminal.unreadable_lines(run):
        typer.echo(line, err=True)
    fix_report.render(run, terminal.make_console(), settings.lang, diff)
    raise typer.Exit(api.fix_exit_code(run))
