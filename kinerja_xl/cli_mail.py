"""The `mail` and `watch` commands: check, then draft (and with --send, send) one message per section."""

from __future__ import annotations

import math
from pathlib import Path

import typer

from kinerja_xl.cli_app import app
from kinerja_xl.cli_app import fail as _fail


def _setup(
    paths: list[Path],
    outbox: str,
    out: str | None,
    lang: str | None,
    profile: str | None,
    config: str | None,
    select: str | None,
    ignore: str | None,
    year: int | None,
    contacts: str | None,
    templates: str | None,
    send: bool,
    history: str | None = None,
):
    """Settings, contacts, template environment and SMTP config; exit 2 on anything unusable."""
    from kinerja_xl import api, mail
    from kinerja_xl.config import ConfigError, resolve_settings, split_codes

    cli = {
        "out_dir": Path(out) if out else Path(outbox),
        "lang": lang,
        "profile": profile,
        "select": split_codes(select),
        "ignore": split_codes(ignore),
        "year": year,
        "annotate": True,
        "history": Path(history) if history else None,
    }
    try:
        settings = resolve_settings(paths, cli, Path(config) if config else None)
        api.fixed_profile(settings)  # an unknown --profile fails now, not once per file
        book = mail.load_contacts(settings.seksi, Path(contacts) if contacts else None)
        env = mail.template_env(Path(templates) if templates else None)
        base = settings.config_path.parent if settings.config_path else None
        smtp = mail.smtp_config(settings.smtp, base) if send else None
    except (ConfigError, mail.MailError, api.UsageError) as exc:
        raise _fail(str(exc)) from None
    if settings.history is not None and not settings.history.is_dir():
        raise _fail(f"--history {settings.history}: not a folder")
    if lang is None and settings.lang not in mail.LANGS:
        raise _fail(f"unknown language '{settings.lang}' (use id or en)")
    for line in mail.describe_invalid(book, settings.lang):
        typer.echo(line, err=True)
    sender = smtp.sender if smtp else mail.sender_of(settings.smtp)
    return settings, book, env, smtp, sender


_OUTBOX = typer.Option(
    ..., "--outbox", metavar="DIR", help="Folder for the .eml drafts (and the outputs without --out)."
)
_CONTACTS = typer.Option(None, "--contacts", metavar="FILE", help="CSV 'seksi,email' (adds to kinerja.toml \\[seksi]).")
_SEND = typer.Option(
    False, "--send", help="Send through the \\[smtp] table of kinerja.toml. Without it nothing is sent."
)
_LANG = typer.Option(None, "--lang", metavar="id|en", help="Language of messages and mail (default id).")
_TEMPLATES = typer.Option(None, "--templates", metavar="DIR", help="Your own mail_subject/mail_body templates.")
_PROFILE = typer.Option(None, "--profile", metavar="NAME|FILE", help="Rule profile (default: by report year).")
_CONFIG = typer.Option(None, "--config", metavar="FILE", help="kinerja.toml to use (default: beside the inputs).")
_SELECT = typer.Option(None, "--select", metavar="CODES", help="Only these codes or prefixes.")
_IGNORE = typer.Option(None, "--ignore", metavar="CODES", help="Drop these codes or prefixes.")
_YEAR = typer.Option(None, "--year", metavar="YYYY", help="The report year (picks the profile).")
_OUT = typer.Option(None, "--out", metavar="DIR", help="Folder for the annotated copies (default: the outbox).")
_ATTACH = typer.Option(
    None, "--attach", metavar="fixed", help="Also attach the copy `kinerja-xl fix` writes (safe fixes only)."
)


def _attach_fixed(attach: str | None) -> bool:
    """Whether --attach asks for the fixed copy; exit 2 on another value."""
    if attach is None:
        return False
    if attach.strip().lower() != "fixed":
        raise _fail(f"unknown --attach '{attach}' (use fixed)")
    return True


_HISTORY = typer.Option(
    None, "--history", metavar="DIR", help="Earlier submissions (e.g. arsip/) to compare with; read, never written."
)


@app.command()
def mail(
    paths: list[str] = typer.Argument(..., metavar="PATH", help="Workbooks, folders or globs to check."),
    outbox: str = _OUTBOX,
    contacts: str = _CONTACTS,
    send: bool = _SEND,
    lang: str = _LANG,
    templates: str = _TEMPLATES,
    profile: str = _PROFILE,
    config: str = _CONFIG,
    select: str = _SELECT,
    ignore: str = _IGNORE,
    year: int = _YEAR,
    out: str = _OUT,
    attach: str = _ATTACH,
    history: str = _HISTORY,
) -> None:
    """Check workbooks, then write one .eml draft per section with its findings and the annotated file.

    With --send the drafts are also sent by SMTP. Nothing is ever sent without --send.

    Exit code: 0 done; 1 with --send, a message not sent to someone (or a section without contact);
    2 an unreadable file or bad usage.
    """
    from kinerja_xl import api
    from kinerja_xl import mail as m
    from kinerja_xl.messages import ui
    from kinerja_xl.outputs import shown

    with_fixed = _attach_fixed(attach)
    settings, book, env, smtp, sender = _setup(
        [Path(p) for p in paths],
        outbox,
        out,
        lang,
        profile,
        config,
        select,
        ignore,
        year,
        contacts,
        templates,
        send,
        history,
    )
    try:
        run = api.check(paths, settings)
        if with_fixed:
            api.attach_fixed(run, settings.out_dir)
    except api.UsageError as exc:
        raise _fail(str(exc)) from None
    from kinerja_xl.writers.terminal import skipped_lines

    for line in skipped_lines(run, settings.lang):
        typer.echo(line, err=True)
    for fr in run.files:
        if fr.error:
            typer.echo(f"kinerja-xl: {shown(fr.path)}: {shown(fr.error_text(settings.lang))}", err=True)
    try:
        drafts, deliveries = m.prepare_and_send(
            run, Path(outbox), book, lang=settings.lang, env=env, sender=sender, smtp=smtp, echo=typer.echo
        )
    except (m.MailError, OSError, ValueError) as exc:
        raise _fail(str(exc)) from None
    missing = sum(1 for d in drafts if not d.recipients)
    lang = settings.lang
    typer.echo(
        ui("mail_drafts_in", lang).format(n=len(drafts), outbox=shown(outbox))
        + (ui("mail_without_contact", lang).format(n=missing) if missing else "")
    )
    if not send:
        typer.echo(ui("mail_not_sent_hint", lang))
    if any(fr.error for fr in run.files):
        raise typer.Exit(2)
    if any(not d.ok for d in deliveries):
        raise typer.Exit(1)


@app.command()
def watch(
    inbox: str = typer.Argument(..., metavar="INBOX", help="The drop folder to watch."),
    outbox: str = _OUTBOX,
    contacts: str = _CONTACTS,
    send: bool = _SEND,
    lang: str = _LANG,
    templates: str = _TEMPLATES,
    profile: str = _PROFILE,
    config: str = _CONFIG,
    select: str = _SELECT,
    ignore: str = _IGNORE,
    year: int = _YEAR,
    out: str = _OUT,
    history: str = _HISTORY,
    interval: float = typer.Option(2.0, "--interval", metavar="SECONDS", help="Seconds between two polls."),
    once: bool = typer.Option(False, "--once", help="Process what is in INBOX now, then exit (for cron)."),
    attach: str = _ATTACH,
) -> None:
    """Watch a drop folder: check each finished workbook, draft its mail, move it to arsip/ (or gagal/).

    Ctrl-C stops it (exit 0).

    With --once: process what is there, then exit 1 when a file went to gagal/ or a message was not sent, else 0.
    """
    from kinerja_xl import watch as w
    from kinerja_xl.messages import ui
    from kinerja_xl.outputs import shown

    with_fixed = _attach_fixed(attach)
    folder = Path(inbox)
    if not folder.is_dir():
        raise _fail(f"{inbox}: not a folder")
    if not math.isfinite(interval) or interval <= 0:
        raise _fail(f"--interval {interval}: must be a finite number of seconds, more than 0")
    # The inbox is untrusted (anyone who can drop a file can drop a kinerja.toml there): the config
    # comes only from the operator, --config or the kinerja.toml of the folder watch is started in.
    operator = Path.cwd()
    trusted = [] if operator.resolve() == folder.resolve() else [operator]
    settings, book, env, smtp, sender = _setup(
        trusted, outbox, out, lang, profile, config, select, ignore, year, contacts, templates, send, history
    )
    if out:
        typer.echo(ui("watch_out_ignored", settings.lang), err=True)
    Path(outbox).mkdir(parents=True, exist_ok=True)
    if not once:
        typer.echo(ui("watch_watching", settings.lang).format(folder=shown(folder), interval=f"{interval:g}"))
    stats = w.watch(
        folder,
        Path(outbox),
        settings,
        book,
        env,
        lang=settings.lang,
        sender=sender,
        smtp=smtp,
        interval=interval,
        once=once,
        echo=typer.echo,
        attach_fixed=with_fixed,
    )
    if once and (stats.failed or stats.send_failures):
        raise typer.Exit(1)
