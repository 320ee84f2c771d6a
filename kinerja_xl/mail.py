"""Send annotated workbooks back to their sections: contacts, messages, .eml drafts, SMTP.

Everything that comes from a workbook, a contacts file or a file name is untrusted: it
never reaches a header unsanitised, never adds a recipient, and never names a file
outside the outbox.
"""

from __future__ import annotations

import csv
import os
import re
import site
import smtplib
import ssl
import sys
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import SMTP as SMTP_POLICY
from email.utils import formatdate, make_msgid, parseaddr
from pathlib import Path
from typing import Any

import jinja2
from jinja2.sandbox import SandboxedEnvironment

from kinerja_xl.findings import Finding, format_number
from kinerja_xl.messages import ui
from kinerja_xl.outputs import NAME_BYTES

XLSX_MIME = ("application", "vnd.openxmlformats-officedocument.spreadsheetml.sheet")
XLSM_MIME = ("application", "vnd.ms-excel.sheet.macroEnabled.12")
TEMPLATE_NAMES = ("mail_subject.{lang}.txt.j2", "mail_body.{lang}.txt.j2")
LANGS = ("id", "en")
NO_CONTACT = {"id": "TANPA KONTAK", "en": "NO CONTACT"}
DEFAULT_TIMEOUT = 30.0


class MailError(ValueError):
    """A mail setting, contacts file or template set that cannot be used."""


# ---------------------------------------------------------------- sanitising

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
# One addr-spec, deliberately stricter than RFC 5322: no quoted local parts, no comments,
# no route, no second address. Unicode letters are allowed for internationalised names.
_LOCAL = r"[\w!#$%&'*+/=?^`{|}~-]+(?:\.[\w!#$%&'*+/=?^`{|}~-]+)*"
_DOMAIN = r"(?:[^\W_](?:[\w-]{0,61}[^\W_])?\.)+[^\W\d_][\w-]*"
_ADDR_RE = re.compile(rf"{_LOCAL}@{_DOMAIN}")
_NAME_RE = re.compile(r"[^\"<>,;:@\\()\[\]]*")  # a display name without specials, so no quoting games


def one_line(value: Any) -> str:
    """Any value as one line of text: control characters (CR, LF, NUL, ...) become spaces."""
    text = "" if value is None else str(value)
    return " ".join(_CONTROL.sub(" ", text).split())


def header_text(value: Any, limit: int = 300) -> str:
    """Text safe for a header value: one line, bounded length."""
    text = one_line(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def parse_address(entry: Any) -> tuple[str, str] | None:
    """(display name, addr-spec) of one contact entry, or None when it is not exactly one address.

    Accepts ``user@host.tld`` and ``Name <user@host.tld>``; refuses CR/LF or any control
    character, a second address ("a@x.id, b@y.id"), quoting, comments and anything
    ``email.utils.parseaddr`` would read differently.
    """
    if not isinstance(entry, str) or _CONTROL.search(entry):
        return None
    text = entry.strip()
    if not text or len(text) > 320:
        return None
    match = re.fullmatch(r"(?P<name>[^<>]*)<(?P<addr>[^<>]+)>", text)
    name, addr = (match["name"].strip(), match["addr"].strip()) if match else ("", text)
    if not _ADDR_RE.fullmatch(addr) or addr.count("@") != 1 or not _NAME_RE.fullmatch(name):
        return None
    # Cross-check with the standard library: it must see the same single address.
    if parseaddr(text)[1] != addr:
        return None
    try:
        Address(display_name=name, addr_spec=addr)
    except (ValueError, IndexError, TypeError):
        return None
    return name, addr


def safe_filename(name: Any, default: str = "seksi", limit: int = 80) -> str:
    """A file name component from untrusted text: one line, made safe, at most ``limit`` UTF-8 bytes.

    A longer one is cut with a hash of the whole text (outputs.fit_name), keeping a short
    extension (``.xlsx``), so 80 emoji still make a name every file system takes.
    """
    from kinerja_xl.outputs import clean_stem, fit_name

    text = clean_stem(re.sub(r"\s+", " ", one_line(name)), default=default)
    stem, dot, ext = text.rpartition(".")
    if dot and stem and 0 < len(ext) <= 5 and ext.isalnum():
        return fit_name(stem, "." + ext, limit)
    return fit_name(text, "", limit)


def inside(folder: Path, name: str) -> Path:
    """folder/name, refusing (ValueError) any result that would leave folder."""
    base = folder.resolve()
    target = (base / name).resolve()
    if target.parent != base:
        raise ValueError(f"refusing to write outside {base}: {name!r}")
    return target


def unique_path(folder: Path, stem: str, suffix: str) -> Path:
    """A path in folder that does not exist yet: stem.suffix, stem-2.suffix, ..."""
    candidate = inside(folder, f"{stem}{suffix}")
    n = 2
    while candidate.exists():
        candidate = inside(folder, f"{stem}-{n}{suffix}")
        n += 1
    return candidate


# ---------------------------------------------------------------- contacts


def section_key(name: Any) -> str:
    """How section names are compared: case and spacing ignored, a leading 'Seksi' dropped."""
    text = one_line(name).casefold()
    text = re.sub(r"^seksi\s+", "", text)
    return text


@dataclass
class Contacts:
    """Section -> valid addresses, plus every entry refused and why."""

    by_section: dict[str, list[tuple[str, str]]] = field(default_factory=dict)  # key -> [(name, addr)]
    labels: dict[str, str] = field(default_factory=dict)  # key -> section name as written
    invalid: list[tuple[str, str, str]] = field(default_factory=list)  # (section, entry, source)

    def add(self, section: Any, entry: Any, source: str) -> None:
        """Add one address for a section, or record it as invalid."""
        key = section_key(section)
        parsed = parse_address(entry)
        if not key or parsed is None:
            self.invalid.append((one_line(section), one_line(entry) if isinstance(entry, str) else repr(entry), source))
            return
        self.labels.setdefault(key, one_line(section))
        addrs = self.by_section.setdefault(key, [])
        if parsed[1].casefold() not in {a.casefold() for _, a in addrs}:
            addrs.append(parsed)

    def lookup(self, section: str) -> list[tuple[str, str]]:
        """The valid addresses of a section (empty when none)."""
        return list(self.by_section.get(section_key(section), []))


def load_contacts(seksi: Mapping[str, Any] | None = None, csv_path: Path | None = None) -> Contacts:
    """Contacts from the kinerja.toml [seksi] table and/or a CSV 'seksi,email' file."""
    contacts = Contacts()
    for section, value in (seksi or {}).items():
        for entry in [value] if isinstance(value, str) else list(value or []):
            contacts.add(section, entry, "kinerja.toml [seksi]")
    if csv_path is not None:
        try:
            text = Path(csv_path).read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            raise MailError(f"{csv_path}: {exc}") from exc
        first = text.splitlines()[0] if text.strip() else ""
        delimiter = ";" if first.count(";") > first.count(",") else ","
        for lineno, row in enumerate(csv.reader(text.splitlines(), delimiter=delimiter), start=1):
            if not row or all(not c.strip() for c in row):
                continue
            if lineno == 1 and [c.strip().casefold() for c in row[:2]] in (["seksi", "email"], ["section", "email"]):
                continue
            if len(row) != 2:
                contacts.invalid.append(
                    (one_line(row[0]), one_line(",".join(row[1:])), f"{Path(csv_path).name}:{lineno}")
                )
                continue
            contacts.add(row[0], row[1], f"{Path(csv_path).name}:{lineno}")
    return contacts


# ---------------------------------------------------------------- templates


def default_template_dirs() -> list[Path]:
    """Where the shipped templates are: the source checkout, then the install prefixes."""
    here = Path(__file__).resolve().parent
    dirs = [here.parent / "templates"]
    for prefix in (sys.prefix, sys.base_prefix, getattr(site, "USER_BASE", None) or ""):
        if prefix:
            dirs.append(Path(prefix) / "share" / "kinerja-xl" / "templates")
    marker = TEMPLATE_NAMES[1].format(lang="id")
    return [d for d in dict.fromkeys(dirs) if (d / marker).is_file()]


def template_env(templates: Path | None = None) -> jinja2.Environment:
    """The jinja2 environment: the user's --templates DIR first, the shipped ones behind it.

    Plain text: no autoescape, StrictUndefined so a typo in a template fails loudly;
    sandboxed so a template cannot reach Python internals through the values.
    """
    dirs: list[Path] = []
    if templates is not None:
        if not Path(templates).is_dir():
            raise MailError(f"--templates {templates}: not a folder")
        dirs.append(Path(templates))
    dirs += default_template_dirs()
    if not dirs:
        raise MailError(
            "mail templates not found (looked next to the package and in <prefix>/share/kinerja-xl/templates)"
        )
    return SandboxedEnvironment(
        loader=jinja2.FileSystemLoader([str(d) for d in dirs]),
        autoescape=False,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )


# ---------------------------------------------------------------- drafts


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
        else:
            msg["X-Kinerja-Missing-Contact"] = header_text(
                f"seksi '{self.section}' has no address in kinerja.toml [seksi] or --contacts"
            )
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


def _iku_key(iku) -> set[str]:
    return {k for k in (iku.code, iku.name) if k}


def _finding_row(f: Finding, lang: str) -> dict[str, Any]:
    where = f"{f.sheet}!{f.cell.coord}" if f.cell else "-"
    message = one_line(f.message(lang))
    expected = format_number(f.expected, lang) if f.expected is not None else ""
    return {
        "code": f.code,
        "symbol": f.symbol,
        "severity": f.severity.value,
        "sheet": one_line(f.sheet or "-"),
        "cell": one_line(f.cell.coord if f.cell else "-"),
        "where": one_line(where),
        "period": one_line(f.period or ""),
        "message": message,
        "actual": format_number(f.actual, lang) if f.actual is not None else "",
        "expected": expected,
        # the expected value said once: empty when the message already gives it
        "expected_extra": "" if expected in message else expected,
    }


def _counts(findings: Iterable[Finding]) -> dict[str, int]:
    out = {"error": 0, "warning": 0, "info": 0}
    for f in findings:
        out[f.severity.value] += 1
    out["total"] = sum(out.values())
    return out


def sections_of(fr) -> dict[str, tuple[list, list[Finding]]]:
    """Section -> (its IKU, its findings) for one FileResult; IKU without Seksi go to the file stem.

    Findings on no IKU (the summary table, NKO) concern the whole workbook: every section gets them.
    """
    wb = fr.workbook
    fallback = one_line(Path(fr.path).stem) or "workbook"
    groups: dict[str, list] = {}
    labels: dict[str, str] = {}
    for iku in wb.ikus if wb else []:
        name = one_line(iku.meta.seksi) or fallback
        key = section_key(name)
        labels.setdefault(key, name)
        groups.setdefault(key, []).append(iku)
    if not groups:
        labels[section_key(fallback)] = fallback
        groups[section_key(fallback)] = []
    owner: dict[str, str] = {}
    for key, ikus in groups.items():
        for iku in ikus:
            for k in _iku_key(iku):
                owner.setdefault(k, key)
    out: dict[str, tuple[list, list[Finding]]] = {labels[k]: (ikus, []) for k, ikus in groups.items()}
    for f in sorted(fr.findings, key=lambda x: x.sort_key()):
        section = owner.get(f.iku or "")
        targets = [labels[section]] if section else list(out)
        for t in targets:
            out[t][1].append(f)
    return out


def context_for(
    fr, section: str, ikus: list, findings: list[Finding], lang: str, attachment: Path | None, settings=None
) -> dict[str, Any]:
    """The template values for one section's message (every string one clean line)."""
    wb, an = fr.workbook, fr.analysis
    period = (wb.period if wb else None) or None
    year = (wb.year if wb else None) or getattr(settings, "year", None)
    nko = an.nko.get(period) if (an and period) else None
    nko_y = an.nko.get("Y") if an else None
    pred = an.predikat.get(period) if (an and period) else None
    pred_y = an.predikat.get("Y") if an else None
    iku_keys = {k: iku for iku in ikus for k in _iku_key(iku)}
    by_iku: dict[int, dict[str, Any]] = {}
    general: list[dict[str, Any]] = []
    for f in findings:
        iku = iku_keys.get(f.iku or "")
        if iku is None:
            general.append(_finding_row(f, lang))
            continue
        entry = by_iku.setdefault(
            id(iku),
            {
                "code": one_line(iku.code or "-"),
                "name": one_line(iku.name),
                "sheet": one_line(iku.sheet),
                "findings": [],
            },
        )
        entry["findings"].append(_finding_row(f, lang))
    order = {id(i): n for n, i in enumerate(ikus)}
    return {
        "lang": lang,
        "section": one_line(section),
        # True when no IKU named its Seksi and the file name stands in for it.
        "section_is_file": section_key(section) == section_key(Path(fr.path).stem)
        and not any(section_key(i.meta.seksi) == section_key(section) for i in ikus if i.meta.seksi),
        "unit": one_line((wb.unit if wb else None) or Path(fr.path).stem),
        "period": one_line(period or "-"),
        "year": one_line(year or "-"),
        "file": one_line(Path(fr.path).name),
        "attachment": one_line(safe_filename(attachment.name, limit=NAME_BYTES)) if attachment else "",
        "nko": format_number(nko, lang) if nko is not None else "-",
        "nko_y": format_number(nko_y, lang) if nko_y is not None else "-",
        "predikat": one_line(pred or "-"),
        "predikat_y": one_line(pred_y or "-"),
        **_written_context(fr, period, lang),
        "profile": one_line(fr.profile.name if fr.profile else "-"),
        "counts": _counts(findings),
        "file_counts": _counts(fr.findings),
        "iku_count": len(ikus),
        "iku_codes": [one_line(i.code or i.name) for i in ikus],
        "ikus": [by_iku[k] for k in sorted(by_iku, key=lambda k: order.get(k, 0))],
        "general": general,
    }


def _written_context(fr, period: str | None, lang: str) -> dict[str, Any]:
    """The NKO the workbook writes (headline.written_nko), beside the recomputed one, and the verdict.

    ``nko_written``/``nko_y_written`` (and their predikat) are empty when the workbook writes none.
    """
    from kinerja_xl.headline import headline, nko_line, verdict_text

    out: dict[str, Any] = {"nko_written": "", "predikat_written": "", "nko_y_written": "", "predikat_y_written": ""}
    if fr.analysis is not None:
        for key, p in (("nko_written", period), ("nko_y_written", "Y")):
            line = nko_line(fr, p) if p else None
            if line is not None and line.written is not None:
                out[key] = format_number(line.written, lang)
                out[key.replace("nko", "predikat")] = one_line(line.written_predikat or "-")
    out["verdict"] = one_line(verdict_text(headline(fr), lang))
    # a workbook of several units: each unit's NKO Y (recomputed and as its own table writes it)
    out["units"] = [
        {
            "unit": one_line(str(u.unit)),
            "nko_y": format_number(line.recomputed, lang) if line.recomputed is not None else "-",
            "predikat_y": one_line(line.predikat or "-"),
            "nko_y_written": format_number(line.written, lang) if line.written is not None else "",
        }
        for u in fr.units
        for line in [nko_line(u, "Y")]
    ]
    return out


def render(env: jinja2.Environment, lang: str, context: dict[str, Any]) -> tuple[str, str]:
    """(subject, body) from the templates of a language."""
    if lang not in LANGS:
        raise MailError(f"--lang {lang}: use one of {', '.join(LANGS)}")
    texts = []
    for name in (n.format(lang=lang) for n in TEMPLATE_NAMES):
        try:
            texts.append(env.get_template(name).render(context))
        except jinja2.TemplateError as exc:
            raise MailError(f"template {name}: {exc}") from None
        except (OverflowError, RecursionError, MemoryError, ArithmeticError, LookupError, TypeError) as exc:
            # the sandbox's own limits (a range over MAX_RANGE) and runaway templates (recursive macros)
            raise MailError(f"template {name}: {type(exc).__name__}: {str(exc).splitlines()[0][:200]}") from None
    subject, body = texts
    return header_text(subject, 250), body


def build_drafts(
    result,
    contacts: Contacts,
    *,
    lang: str = "id",
    templates: Path | None = None,
    sender: str | None = None,
    env: jinja2.Environment | None = None,
) -> list[Draft]:
    """One Draft per (readable file, section) of a RunResult."""
    env = env or template_env(templates)
    drafts: list[Draft] = []
    for fr in result.files:
        if fr.error:
            continue
        attachment = Path(fr.output) if fr.output and Path(fr.output).is_file() else None
        fixed = fixed_context(fr, lang)
        extra = [Path(fr.fixed.output)] if fixed else []
        for section, (ikus, findings) in sections_of(fr).items():
            ctx = context_for(fr, section, ikus, findings, lang, attachment, getattr(result, "settings", None))
            ctx["fixed"] = fixed
            subject, body = render(env, lang, ctx)
            drafts.append(
                Draft(
                    section=section,
                    file=Path(fr.path),
                    attachment=attachment,
                    recipients=contacts.lookup(section),
                    subject=subject,
                    body=body,
                    lang=lang,
                    sender=sender,
                    counts=ctx["counts"],
                    extra=list(extra),
                )
            )
    return drafts


def fixed_context(fr, lang: str) -> dict[str, Any] | None:
    """What the body says about the attached fixed copy (mail/watch --attach fixed), None without one."""
    fixed = getattr(fr, "fixed", None)
    plan = getattr(fixed, "fix_plan", None)
    if fixed is None or plan is None or not fixed.output or not Path(fixed.output).is_file():
        return None
    nko = plan.analysis.nko.get("Y")
    return {
        "file": one_line(safe_filename(Path(fixed.output).name, limit=NAME_BYTES)),
        "cells": len(plan.fixes),
        "codes": ", ".join(sorted({fx.code for fx in plan.fixes})) or "-",
        "left": sum(1 for f in plan.remaining if f.severity.rank >= 1),
        "nko_y": format_number(nko, lang) if nko is not None else "-",
    }


def _draft_base(d: Draft) -> str:
    """The file part of a draft's name: its attachment's (``q4-2`` for ``q4-2.checked.xlsx``), so a
    draft pairs with its copy when two inputs share a name; the input's stem without one."""
    if d.attachment is not None:
        from kinerja_xl.outputs import TAGS

        name = d.attachment.name
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
        path = unique_path(outbox, stem, ".eml")
        path.write_bytes(d.message(draft=True).as_bytes())
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


def prepare_and_send(
    result,
    outbox: Path,
    contacts: Contacts,
    *,
    lang: str,
    env: jinja2.Environment,
    sender: str | None = None,
    smtp: SmtpConfig | None = None,
    echo: Callable[[str], None] = print,
) -> tuple[list[Draft], list[Delivery]]:
    """Build and write the drafts of a RunResult, print a line each, and send them when smtp is given."""
    drafts = build_drafts(result, contacts, lang=lang, env=env, sender=sender or (smtp.sender if smtp else None))
    write_drafts(drafts, outbox)
    for d in drafts:
        echo(describe(d))
    deliveries: list[Delivery] = []
    if smtp is not None and drafts:
        deliveries = send_drafts(drafts, smtp, on_delivery=lambda d: echo(describe_delivery(d)))
    return drafts, deliveries


# ---------------------------------------------------------------- SMTP


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


__all__ = [
    "Contacts",
    "Delivery",
    "Draft",
    "MailError",
    "SmtpConfig",
    "build_drafts",
    "context_for",
    "default_template_dirs",
    "describe",
    "describe_delivery",
    "describe_invalid",
    "header_text",
    "inside",
    "load_contacts",
    "one_line",
    "parse_address",
    "prepare_and_send",
    "render",
    "safe_filename",
    "section_key",
    "sections_of",
    "send_drafts",
    "sender_of",
    "smtp_config",
    "template_env",
    "unique_path",
    "write_drafts",
]
