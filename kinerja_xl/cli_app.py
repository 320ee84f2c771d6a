"""The typer application every command module registers on, and the one-line failure exit.

Imports run one way: cli_app <- cli_mail <- cli (cli imports cli_mail to register mail and watch).
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import Any

import typer
from typer.core import TyperGroup

from kinerja_xl import __version__


def help_lang(args: Sequence[str]) -> str:
    """The language of the help: ``en`` when the command line asks for it (``--lang en``), else id."""
    args = list(args)
    for i, arg in enumerate(args):
        if arg == "--lang" and i + 1 < len(args):
            return args[i + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return "id"


def _localize(command: Any, name: str, lang: str) -> None:
    """Put a command's summary and its options' help in ``lang`` (the declared English kept for en)."""
    from kinerja_xl.messages.help import HELP_ID

    def pick(key: str, param: str, english: str | None) -> str | None:
        if lang != "id":
            return english
        return HELP_ID.get(f"{key}.{param}") or HELP_ID.get(f"*.{param}") or english

    english = command.__dict__.setdefault("_help_en", command.help)
    command.help = HELP_ID.get(name, english) if lang == "id" else english
    for param in command.params:
        original = param.__dict__.setdefault("_help_en", getattr(param, "help", None))
        if hasattr(param, "help"):
            param.help = pick(name, param.name or "", original)
    if "_help_option_en" not in command.__dict__:
        command._help_option_en = type(command).get_help_option

        def get_help_option(ctx: Any, command: Any = command) -> Any:
            from kinerja_xl.cli_coerce import plain_param

            option = command._help_option_en(command, ctx)
            if option is not None:
                option.help = command._help_option_text
                plain_param(option)  # typer makes it per context: no pydantic for it either
            return option

        command.get_help_option = get_help_option
    command._help_option_text = pick(name, "help", "Show this message and exit.")


# click's formatter, as the installed typer provides it (recent typers carry their own click)
_Context = TyperGroup.context_class
_PlainFormatter = _Context.formatter_class


class _Formatter(_PlainFormatter):  # type: ignore[misc,valid-type]  # the base is the installed click's class
    """Click's plain help formatter with its headings (Usage, Options, Commands) in the run's language."""

    headings: dict[str, str] = {}  # noqa: RUF012  set per run by LocalizedGroup.main

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, args, self.headings.get("usage", "Usage") + ": ")

    def section(self, name: str) -> Any:
        return super().section(self.headings.get(name.lower(), name))


class LocalizedGroup(TyperGroup):
    """The command group whose help speaks the run's language: Indonesian, English with ``--lang en``."""

    def main(self, args: Sequence[str] | None = None, *posargs: Any, **kwargs: Any) -> Any:
        from kinerja_xl import cli_coerce
        from kinerja_xl.messages.help import PANELS_ID

        lang = help_lang(sys.argv[1:] if args is None else args)
        _localize(self, "", lang)
        for name, command in self.commands.items():
            _localize(command, name, lang)
        cli_coerce.install(self)  # plain values without pydantic (cli_coerce.py)
        _Formatter.headings = PANELS_ID if lang == "id" else {}
        _Context.formatter_class = _Formatter
        return super().main(args, *posargs, **kwargs)


app = typer.Typer(
    cls=LocalizedGroup,
    add_completion=False,
    # plain help: rich's help formatter imports ~65 ms of rich (markdown, syntax, tracebacks) per start
    rich_markup_mode=None,
    no_args_is_help=True,
    help="Checks Kemenkeu quarterly IKU monitoring workbooks.",
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
