"""Every command-line option more than one command takes, declared once with its one help text.

A command names them as defaults (``lang: str = LANG``); typer reads the declaration. Imports run
one way: cli_options <- cli_fix, cli_mail, cli.
"""

from __future__ import annotations

import typer

PATHS = typer.Argument(..., metavar="PATH", help="Workbooks (.xlsx/.xlsm), folders or globs.")
OUT = typer.Option(
    None,
    "--out",
    metavar="DIR",
    help="Folder for the files kinerja-xl writes (default: beside each input; mail and watch: the outbox).",
)
LANG = typer.Option(None, "--lang", metavar="id|en", help="Language of messages (default id).")
PROFILE = typer.Option(
    None, "--profile", metavar="NAME|FILE", help="Rule profile (default: chosen by the report year)."
)
CONFIG = typer.Option(
    None, "--config", metavar="FILE", help="kinerja.toml to use (default: the one beside the inputs)."
)
SELECT = typer.Option(
    None, "--select", metavar="CODES", help="Only these codes or prefixes, comma-separated (KX1,KX205)."
)
IGNORE = typer.Option(None, "--ignore", metavar="CODES", help="Drop these codes or prefixes, comma-separated.")
YEAR = typer.Option(None, "--year", metavar="YYYY", help="The report year (picks the profile).")
JOBS = typer.Option(None, "--jobs", "-j", metavar="N", help="Work on N files in parallel.")
HISTORY = typer.Option(
    None,
    "--history",
    metavar="DIR",
    help="Earlier submissions (e.g. arsip/) to compare each unit's workbook with; read, never written.",
)
