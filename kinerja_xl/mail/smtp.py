"""Sending drafts over SMTP: the [smtp] table checked, one connection, one Delivery per recipient."""

from __future__ import annotations

import os
import smtplib
import ssl
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kinerja_xl.mail.safe import MailError, one_line, parse_address

if TYPE_CHECKING:
    from kinerja_xl.mail.drafts import Draft

DEFAULT_TIMEOUT = 30.0


@dataclass
class SmtpConfig:
    """The [smtp] table of kinerja.toml, checked."""

    host: str
    port: int
    security: str  # starttls | ssl | none
    sender: str
    user: str | None = None
    password_env: str | None = None
    timeout: float = DEFAULT_TIMEOUT
    cafile: str | None = None  # an extra CA bundle, for a mail server with an internal CA

    def tls_context(self) -> ssl.SSLContext:
        """A verifying TLS context (system CAs, plus cafile when given)."""
        context = ssl.create_default_context()
        if self.cafile:
            context.load_verify_locations(cafile=self.cafile)
        return context


def smtp_config(table: Mapping[str, Any] | None, base: Path | None = None) -> SmtpConfig:
    """Check the [smtp] table; refuse a password written in the file.

    A relative cafile is taken relative to base (the folder of kinerja.toml).
    """
    t = dict(table or {})
    if "password" in t:
        raise MailError(
            "[smtp] password: never write the password in kinerja.toml; put it in an "
            'environment variable and name that variable with password_env = "..."'
        )
    host = one_line(t.get("host"))
    if not host:
        raise MailError("[smtp] host is missing in kinerja.toml")
    security = str(t.get("security", "starttls")).lower()
    if security not in ("starttls", "ssl", "none"):
        raise MailError(f'[smtp] security = {security!r}: use "starttls", "ssl" or "none"')
    default_port = {"starttls": 587, "ssl": 465, "none": 25}[security]
    try:
        port = int(t.get("port", default_port))
        timeout = float(t.get("timeout", DEFAULT_TIMEOUT))
    except (TypeError, ValueError) as exc:
        raise MailError(f"[smtp] port/timeout: {exc}") from exc
    user = one_line(t.get("user")) or None
    sender = t.get("from") or (user if user and "@" in user else None)
    if not sender or parse_address(str(sender)) is None:
        raise MailError(f"[smtp] from = {sender!r}: one valid address is needed")
    password_env = one_line(t.get("password_env")) or None
    if user and not password_env:
        raise MailError("[smtp] user is set but password_env (the NAME of an environment variable) is missing")
    cafile = one_line(t.get("cafile")) or None
    if cafile and base is not None and not Path(cafile).is_absolute():
        cafile = str(Path(base) / cafile)
    if cafile and not Path(cafile).is_file():
        raise MailError(f"[smtp] cafile = {cafile!r}: file not found")
    return SmtpConfig(
        host=host,
        port=port,
        security=security,
        sender=str(sender),
        user=user,
        password_env=password_env,
        timeout=timeout,
        cafile=cafile,
    )


@dataclass
class Delivery:
    """What happened to one recipient of one draft."""

    draft: Draft
    recipient: str | None
    ok: bool
    detail: str


def _connect(cfg: SmtpConfig, environ: Mapping[str, str]) -> smtplib.SMTP:
    password = None
    if cfg.user:
        password = environ.get(cfg.password_env or "")
        if password is None:
            raise MailError(f"environment variable {cfg.password_env} (password_env) is not set")
    if cfg.security == "ssl":
        server: smtplib.SMTP = smtplib.SMTP_SSL(cfg.host, cfg.port, timeout=cfg.timeout, context=cfg.tls_context())
    else:
        server = smtplib.SMTP(cfg.host, cfg.port, timeout=cfg.timeout)
    try:
        server.ehlo()
        if cfg.security == "starttls":
            server.starttls(context=cfg.tls_context())
            server.ehlo()
        if cfg.user:
            server.login(cfg.user, password or "")
    except BaseException:
        _quit(server)
        raise
    return server


def _quit(server: smtplib.SMTP | None) -> None:
    if server is None:
        return
    try:
        server.quit()
    except (smtplib.SMTPException, OSError):
        server.close()


def _reason(exc: BaseException) -> str:
    if isinstance(exc, smtplib.SMTPResponseException):
        text = exc.smtp_error.decode("utf-8", "replace") if isinstance(exc.smtp_error, bytes) else str(exc.smtp_error)
        return f"{type(exc).__name__} {exc.smtp_code} {one_line(text)}"
    return f"{type(exc).__name__}: {one_line(exc) or 'no detail'}"


def send_drafts(
    drafts: list[Draft],
    cfg: SmtpConfig,
    environ: Mapping[str, str] | None = None,
    on_delivery: Callable[[Delivery], None] | None = None,
) -> list[Delivery]:
    """Send every draft over one connection (reconnecting after a drop); one Delivery per recipient.

    A draft without recipients is reported as not sent. A failure never stops the others.
    """
    environ = os.environ if environ is None else environ
    report: list[Delivery] = []

    def note(d: Delivery) -> None:
        report.append(d)
        if on_delivery:
            on_delivery(d)

    server: smtplib.SMTP | None = None
    for draft in drafts:
        if not draft.recipients:
            note(Delivery(draft, None, False, "no contact for this section"))
            continue
        draft.sender = draft.sender or cfg.sender
        try:
            if server is None:
                server = _connect(cfg, environ)
            msg = draft.message()
            refused = server.send_message(
                msg,
                from_addr=(parse_address(cfg.sender) or ("", cfg.sender))[1],  # checked by smtp_config
                to_addrs=draft.envelope_to,
            )
        except smtplib.SMTPRecipientsRefused as exc:
            for addr in draft.envelope_to:
                code, text = exc.recipients.get(addr, (0, b"refused"))
                note(Delivery(draft, addr, False, f"refused {code} {one_line(_decode(text))}"))
            continue
        except (smtplib.SMTPException, OSError, MailError) as exc:
            for addr in draft.envelope_to:
                note(Delivery(draft, addr, False, _reason(exc)))
            # The connection state is unknown after an error: start a fresh one next time.
            _quit(server)
            server = None
            continue
        for addr in draft.envelope_to:
            if addr in refused:
                code, text = refused[addr]
                note(Delivery(draft, addr, False, f"refused {code} {one_line(_decode(text))}"))
            else:
                note(Delivery(draft, addr, True, "sent"))
    _quit(server)
    return report


def _decode(text: Any) -> str:
    return text.decode("utf-8", "replace") if isinstance(text, bytes) else str(text)
