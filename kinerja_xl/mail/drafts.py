"""One .eml draft per section of a checked file: build, write (never outside the outbox), describe, send."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import SMTP as SMTP_POLICY
from email.utils import formatdate, make_msgid
from pathlib import Path
from typing import Any

import jinja2

from kinerja_xl.mail.compose import (
    context_for,
    fixed_context,
    fixed_keys,
    render,
    section_fixed,
    sections_of,
    template_env,
    workbook_findings,
)
from kinerja_xl.mail.contacts import Contacts, section_key
from kinerja_xl.mail.letter import MailOptions, Scope, letter_context
from kinerja_xl.mail.safe import header_text, one_line, parse_address, safe_filename, write_new
from kinerja_xl.mail.smtp import Delivery, SmtpConfig, send_drafts
from kinerja_xl.messages import ui
from kinerja_xl.outputs import NAME_BYTES

XLSX_MIME = ("application", "vnd.openxmlformats-officedocument.spreadsheetml.sheet")
XLSM_MIME = ("application", "vnd.ms-excel.sheet.macroEnabled.12")
NO_CONTACT = {"id": "TANPA KONTAK", "en": "NO CONTACT"}


@dataclass
class Draft:
    """One message for one section about one checked file."""

    section: str
    file: Path  # the checked input
    attachment: Path | None
    recipients: list[tuple[str, str]]  # (display name, addr-spec), all validated
    subject: str
    body: str
    lang: str = "id"
    sender: str | None = None
    eml: Path | None = None  # where the draft was written
    counts: dict[str, int] = field(default_factory=dict)
    extra: list[Path] = field(default_factory=list)  # more attachments: the fixed copy (--attach fixed)
    kind: str = "mail"  # mail | thanks | manager | failed (compose.KINDS)
    reply_to: tuple[str, str] | None = None  # (display name, address), validated: [mail] reply_to
    copy: Path | None = None  # the file's annotated copy, attached or not: names the draft (_draft_base)

    @property
    def envelope_to(self) -> list[str]:
        """The SMTP envelope recipients: exactly the validated addresses."""
        return [addr for _, addr in self.recipients]

    def message(self, draft: bool = False) -> EmailMessage:
        """The EmailMessage: To only from validated addresses, every header one clean line."""
        msg = EmailMessage(policy=SMTP_POLICY)
        msg["Subject"] = header_text(self.subject, 250)
        if self.sender:
            parsed = parse_address(self.sender)
            if parsed:
                msg["From"] = Address(display_name=parsed[0], addr_spec=parsed[1])
        if self.recipients:
            msg["To"] = [Address(display_name=n, addr_spec=a) for n, a in self.recipients]
        elif self.kind in ("manager", "failed"):
            msg["X-Kinerja-Missing-Contact"] = header_text(
                f"'{self.section}': no address in --contacts, kinerja.toml [seksi], [mail] reply_to or [smtp] from"
            )
        else:
            msg["X-Kinerja-Missing-Contact"] = header_text(
                f"seksi '{self.section}' has no address in kinerja.toml [seksi] or --contacts"
            )
        if self.reply_to:
            msg["Reply-To"] = Address(display_name=self.reply_to[0], addr_spec=self.reply_to[1])
        msg["Date"] = formatdate(localtime=True)
        msg["Message-ID"] = make_msgid(domain="kinerja-xl.local")
        msg["X-Kinerja-Seksi"] = header_text(self.section, 200)
        if draft:
            msg["X-Unsent"] = "1"  # Outlook opens the .eml as an editable, sendable draft
        msg.set_content(self.body, subtype="plain", charset="utf-8")
        for attachment in ([self.attachment] if self.attachment is not None else []) + self.extra:
            data = Path(attachment).read_bytes()
            maintype, subtype = XLSM_MIME if attachment.suffix.lower() == ".xlsm" else XLSX_MIME
            msg.add_attachment(
                data,
                maintype=maintype,
                subtype=subtype,
                filename=safe_filename(attachment.name, default="workbook.xlsx", limit=NAME_BYTES),
            )
        return msg


def build_drafts(
    result,
    contacts: Contacts,
    *,
    lang: str = "id",
    templates: Path | None = None,
    sender: str | None = None,
    env: jinja2.Environment | None = None,
    options: MailOptions | None = None,
    scope: Scope | None = None,
) -> list[Draft]:
    """The drafts of a RunResult: one per section with an error or a warning on its IKU.

    With options.all_sections a short thank-you note goes to every other section. The workbook-level
    findings (on no section's IKU) go to one summary for the performance manager when one of them is
    an error or a warning; a file that could not be read gets a short note to its sender (or the
    manager). scope, when given, counts what was drafted and what was not.
    """
    env = env or template_env(templates)
    options = options or MailOptions()
    scope = scope if scope is not None else Scope()
    manager = _manager_address(options, sender)
    drafts: list[Draft] = []
    for fr in result.files:
        scope.files += 1
        if fr.error:
            drafts.append(_failed_draft(fr, contacts, manager, env, lang, sender, options))
            scope.failed += 1
            continue
        drafts += _file_drafts(fr, result, contacts, manager, env, lang, sender, options, scope)
    return drafts


def _file_drafts(fr, result, contacts, manager, env, lang, sender, options, scope) -> list[Draft]:
    """The drafts of one readable file: its sections' (and the manager's when it has anything)."""
    attachment = Path(fr.output) if fr.output and Path(fr.output).is_file() else None
    fixed = fixed_context(fr, lang)
    fixed_cells = fixed_keys(fr) if fixed else set()
    extra = [Path(fr.fixed.output)] if fixed else []
    settings = getattr(result, "settings", None)
    drafts: list[Draft] = []
    summary: list[dict[str, Any]] = []
    for section, (ikus, findings) in sections_of(fr).items():
        ctx = context_for(fr, section, ikus, findings, lang, attachment, settings, options, fixed_cells)
        ctx["fixed"] = section_fixed(fr, fixed, ikus, lang)
        to_fix = ctx["counts"]["error"] + ctx["counts"]["warning"] > 0
        summary.append(
            {
                "name": ctx["section_name"],
                "counts": ctx["counts"],
                "counts_short": ctx["counts_short"],
                "drafted": to_fix,
            }
        )
        if not to_fix:
            scope.quiet += 1
            if not options.all_sections:
                continue
            scope.thanks += 1
        else:
            scope.drafts += 1
            scope.drafted.add(section_key(section))
        kind = "mail" if to_fix else "thanks"
        subject, body = render(env, lang, ctx, kind)
        drafts.append(
            Draft(
                section=section,
                file=Path(fr.path),
                attachment=attachment if to_fix else None,
                recipients=contacts.lookup(section),
                subject=subject,
                body=body,
                lang=lang,
                sender=sender,
                counts=ctx["counts"],
                extra=list(extra) if to_fix else [],
                kind=kind,
                reply_to=options.reply_to,
                copy=attachment,
            )
        )
    general = workbook_findings(fr)
    if any(f.severity.rank >= 1 for f in general):
        ctx = context_for(fr, "", [], general, lang, attachment, settings, options, fixed_cells)
        ctx.update(fixed=fixed, sections=summary)
        subject, body = render(env, lang, ctx, "manager")
        scope.manager += 1
        drafts.append(
            Draft(
                section=ctx["manager"],
                file=Path(fr.path),
                attachment=attachment,
                recipients=[manager] if manager else [],
                subject=subject,
                body=body,
                lang=lang,
                sender=sender,
                counts=ctx["counts"],
                extra=list(extra),
                kind="manager",
                reply_to=options.reply_to,
            )
        )
    return drafts


def _manager_address(options: MailOptions, sender: str | None) -> tuple[str, str] | None:
    """Where the manager's own drafts go: [mail] reply_to, else the From address."""
    return options.reply_to or (parse_address(sender) if sender else None)


def _failed_draft(fr, contacts, manager, env, lang, sender, options) -> Draft:
    """A short note about a file that could not be read: to its sender when known, else the manager."""
    path = Path(fr.path)
    recipients = contacts.for_file(path)
    to_manager = not recipients
    ctx = {
        "lang": lang,
        "file": one_line(path.name),
        "reason": one_line(fr.error_text(lang)),
        "to_manager": to_manager,
        "addressee": ui("mail_someone", lang),
        **letter_context(options, None, lang),
    }
    subject, body = render(env, lang, ctx, "failed")
    return Draft(
        section=ui("mail_broken_file", lang),
        file=path,
        attachment=None,
        recipients=recipients or ([manager] if manager else []),
        subject=subject,
        body=body,
        lang=lang,
        sender=sender,
        kind="failed",
        reply_to=options.reply_to,
    )


def _draft_base(d: Draft) -> str:
    """The file part of a draft's name: its file's annotated copy's (``q4-2`` for ``q4-2.checked.xlsx``),
    so a draft pairs with its copy when two inputs share a name; the input's stem without one."""
    copy = d.attachment if d.attachment is not None else d.copy
    if copy is not None:
        from kinerja_xl.outputs import TAGS

        name = copy.name
        for tag in TAGS.values():
            i = name.casefold().rfind(tag + ".")
            if i > 0:
                return name[:i]
    return d.file.stem


def write_drafts(drafts: Iterable[Draft], outbox: Path) -> list[Path]:
    """Write each draft as <file>__<section>.eml inside outbox (never outside, never overwriting).

    Each part is at most 80 UTF-8 bytes (cut with a hash beyond), so the name fits every file system.
    """
    outbox = Path(outbox)
    outbox.mkdir(parents=True, exist_ok=True)
    paths = []
    for d in drafts:
        stem = f"{safe_filename(_draft_base(d), 'workbook', 80)}__{safe_filename(d.section)}"
        path = write_new(outbox, stem, ".eml", d.message(draft=True).as_bytes())
        d.eml = path
        paths.append(path)
    return paths


def describe(d: Draft) -> str:
    """One line per draft for the terminal: section, recipients or NO CONTACT, file."""
    who = ", ".join(a for _, a in d.recipients) or NO_CONTACT.get(d.lang, NO_CONTACT["id"])
    where = d.eml.name if d.eml else "-"
    return f"{ui('mail_draft', d.lang)}: {d.section}  ->  {who}  [{where}]"


def describe_delivery(d: Delivery) -> str:
    """One line per recipient after sending: sent, or why not."""
    lang = d.draft.lang
    if d.ok:
        return f"{ui('mail_sent', lang)}: {d.draft.section}  ->  {d.recipient}"
    who = d.recipient or NO_CONTACT.get(lang, NO_CONTACT["id"])
    return f"{ui('mail_not_sent', lang)}: {d.draft.section}  ->  {who}  ({d.detail})"


def describe_invalid(contacts: Contacts, lang: str = "id") -> list[str]:
    """One line per refused contact entry."""
    head = ui("mail_invalid_address", lang)
    return [f"{head}: seksi '{s}': {e!r} ({src})" for s, e, src in contacts.invalid]


def sender_of(smtp_table: Mapping[str, Any] | None) -> str | None:
    """The From address for drafts: [smtp] from when it is one valid address."""
    value = (smtp_table or {}).get("from")
    return str(value) if isinstance(value, str) and parse_address(value) else None


@dataclass
class Outcome:
    """What prepare_and_send did: the drafts written, the deliveries (with --send) and the scope."""

    drafts: list[Draft]
    deliveries: list[Delivery]
    scope: Scope

    def __iter__(self):  # drafts, deliveries = prepare_and_send(...)
        return iter((self.drafts, self.deliveries))


def prepare_and_send(
    result,
    outbox: Path,
    contacts: Contacts,
    *,
    lang: str,
    env: jinja2.Environment,
    sender: str | None = None,
    smtp: SmtpConfig | None = None,
    echo: Callable[[str], None] | None = print,
    options: MailOptions | None = None,
) -> Outcome:
    """Build and write the drafts of a RunResult, print a line each (echo None: silent, failures
    only), and send them when smtp is given."""
    scope = Scope()
    drafts = build_drafts(
        result,
        contacts,
        lang=lang,
        env=env,
        sender=sender or (smtp.sender if smtp else None),
        options=options,
        scope=scope,
    )
    write_drafts(drafts, outbox)
    for d in drafts:
        if echo is not None:
            echo(describe(d))
    deliveries: list[Delivery] = []
    if smtp is not None and drafts:

        def said(d: Delivery) -> None:
            if echo is not None:
                echo(describe_delivery(d))

        deliveries = send_drafts(drafts, smtp, on_delivery=said)
    return Outcome(drafts, deliveries, scope)
