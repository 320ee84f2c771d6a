"""An option several commands take is declared once: the same help text everywhere (issue 21)."""

from __future__ import annotations

import typer

from kinerja_xl.cli import app


def test_shared_options_have_one_help_text_across_commands():
    commands = typer.main.get_command(app).commands  # type: ignore[attr-defined]
    helps: dict[str, set[str]] = {}
    for name in ("check", "fix", "mail", "watch", "rules", "explain"):
        for param in commands[name].params:
            for flag in getattr(param, "opts", []):
                if flag.startswith("--"):
                    helps.setdefault(flag, set()).add(getattr(param, "help", None) or "")
    shared = ["--lang", "--profile", "--config", "--select", "--ignore", "--year", "--out", "--history", "--jobs"]
    for flag in shared:
        assert len(helps[flag]) == 1, (flag, helps[flag])
