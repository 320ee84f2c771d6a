"""The `fix` command: check, then write a corrected copy (or, with --diff, print what would change).

Imports run one way: cli_app <- cli_fix <- cli (cli imports cli_fix to register fix).
"""

from __future__ import annotations

from pathlib import Path

import typer

from kinerja_xl import cli_options as opt
from kinerja_xl.cli_app import app
from kinerja_xl.cli_app import fail as _fail


@app.command()
def fix(
    paths: list[str] = opt.PATHS,
    out: str = opt.OUT,
    unsafe_fixes: bool = typer.Option(
        False, "--unsafe-fixes", help="Also correct Pol/KP labels (KX021) and Y-NN year labels (KX004)."
    ),
    diff: bool = typer.Option(False, "--diff", help="Write nothing; print every change that would be made."),
    select: str = opt.SELECT,
    ignore: str = opt.IGNORE,
    profile: str = opt.PROFILE,
    config: str = opt.CONFIG,
    lang: str = opt.LANG,
    jobs: int = opt.JOBS,
    year: int = opt.YEAR,
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
