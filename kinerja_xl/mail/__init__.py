"""Send annotated workbooks back to their sections: contacts, messages, .eml drafts, SMTP.

One package, one job per module: ``safe`` (untrusted text made safe for headers and file names),
``contacts`` (who a section is), ``compose`` (templates and what they are given), ``drafts``
(one .eml per section, written inside the outbox) and ``smtp`` (sending). Everything callers use is
importable from ``kinerja_xl.mail`` itself.
"""

from __future__ import annotations

from kinerja_xl.mail.compose import (
    LANGS,
    TEMPLATE_NAMES,
    context_for,
    default_template_dirs,
    fixed_context,
    render,
    sections_of,
    template_env,
    workbook_findings,
)
from kinerja_xl.mail.contacts import Contacts, load_contacts, section_key
from kinerja_xl.mail.drafts import (
    NO_CONTACT,
    XLSM_MIME,
    XLSX_MIME,
    Draft,
    Outcome,
    build_drafts,
    describe,
    describe_delivery,
    describe_invalid,
    prepare_and_send,
    sender_of,
    write_drafts,
)
from kinerja_xl.mail.letter import MailOptions, Scope, long_date, mail_options, parse_deadline, revision_name
from kinerja_xl.mail.safe import MailError, header_text, inside, one_line, parse_address, safe_filename, unique_path
from kinerja_xl.mail.smtp import DEFAULT_TIMEOUT, Delivery, SmtpConfig, send_drafts, smtp_config

__all__ = [
    "DEFAULT_TIMEOUT",
    "LANGS",
    "NO_CONTACT",
    "TEMPLATE_NAMES",
    "XLSM_MIME",
    "XLSX_MIME",
    "Contacts",
    "Delivery",
    "Draft",
    "MailError",
    "MailOptions",
    "Outcome",
    "Scope",
    "SmtpConfig",
    "build_drafts",
    "context_for",
    "default_template_dirs",
    "describe",
    "describe_delivery",
    "describe_invalid",
    "fixed_context",
    "header_text",
    "inside",
    "load_contacts",
    "long_date",
    "mail_options",
    "one_line",
    "parse_address",
    "parse_deadline",
    "prepare_and_send",
    "render",
    "revision_name",
    "safe_filename",
    "section_key",
    "sections_of",
    "send_drafts",
    "sender_of",
    "smtp_config",
    "template_env",
    "unique_path",
    "workbook_findings",
    "write_drafts",
]
