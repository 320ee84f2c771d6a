"""How a draft speaks to people: who it is addressed to, who signs it, by when, which file to send back.

The [mail] settings (deadline, sender, reply_to), names as the office writes them (``Kepala Seksi
Pengelolaan Kekayaan Negara``, ``Kepala Subbagian Umum``, never ``Seksi Subbagian``), dates people
read (``Jumat, 10 Januari 2025`` without the OS locale), the revision's file name and the scope line
a run ends with. Every word comes from kinerja_xl.messages.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from kinerja_xl.mail.safe import MailError, one_line, parse_address, safe_filename
from kinerja_xl.messages import ui

# The words an office's unit name starts with (lower case, spaces single). A name that starts with
# one is used as written; any other name is a Seksi (the `Seksi :` label the workbook carries).
UNIT_TITLES = (
    "seksi",
    "subbagian",
    "sub bagian",
    "subbag",
    "bagian",
    "bidang",
    "subbidang",
    "sub bidang",
    "subdirektorat",
    "direktorat",
    "sekretariat",
    "kantor",
    "unit",
    "kelompok",
    "tim",
)
# Units led by a Ketua (a team), not a Kepala.
TEAM_TITLES = ("tim", "kelompok")
_LEADERS = ("kepala", "ketua", "koordinator", "plt", "plh")


@dataclass
class MailOptions:
    """The [mail] table of kinerja.toml with the command line over it, checked."""

    deadline: date | None = None
    sender: list[str] = field(default_factory=list)  # the signature: name, then title (one line each)
    reply_to: tuple[str, str] | None = None  # (display name, address) revisions go back to
    all_sections: bool = False  # also a short thank-you note to sections with nothing to fix


def mail_options(table: dict[str, Any] | None, *, deadline: date | None = None, all_sections: bool = False):
    """MailOptions from Settings.mail (checked by config.py) and the command line; MailError on a bad reply_to."""
    t = dict(table or {})
    reply = t.get("reply_to")
    parsed = parse_address(reply) if reply else None
    if reply and parsed is None:
        raise MailError(f"[mail] reply_to = {reply!r}: one valid address is needed (a@x.go.id or Nama <a@x.go.id>)")
    sender = t.get("sender") or []
    return MailOptions(
        deadline=deadline or t.get("deadline"),
        sender=[one_line(s) for s in ([sender] if isinstance(sender, str) else sender) if one_line(s)],
        reply_to=parsed,
        all_sections=all_sections,
    )


def parse_deadline(text: str) -> date:
    """--deadline YYYY-MM-DD as a date; MailError otherwise."""
    try:
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text.strip()):
            raise ValueError(text)
        return date.fromisoformat(text.strip())
    except ValueError:
        raise MailError(f"--deadline {text}: use a date written YYYY-MM-DD, e.g. 2025-01-10") from None


def long_date(d: date, lang: str = "id") -> str:
    """'Jumat, 10 Januari 2025' / 'Friday, 10 January 2025', from kinerja_xl.messages, not the OS locale."""
    days = ui("date_weekdays", lang).split(",")
    months = ui("date_months", lang).split(",")
    return f"{days[d.weekday()]}, {d.day} {months[d.month - 1]} {d.year}"


def short_date(d: date, lang: str = "id") -> str:
    """'10 Januari 2025' / '10 January 2025'."""
    return f"{d.day} {ui('date_months', lang).split(',')[d.month - 1]} {d.year}"


def unit_name(section: str) -> str:
    """A section as the office writes it: 'Subbagian Umum' as is, 'Pelayanan Lelang' -> 'Seksi Pelayanan Lelang'.

    A leading 'Kepala' (someone wrote the head, not the unit) is dropped, so no title is doubled.
    """
    text = one_line(section)
    words = text.split(" ")
    while len(words) > 1 and words[0].casefold().rstrip(".") in _LEADERS:
        words = words[1:]
    text = " ".join(words)
    low = text.casefold()
    if any(low == t or low.startswith(t + " ") for t in UNIT_TITLES):
        return text
    return f"{ui('mail_default_unit', 'id')} {text}"


def addressee(section: str, lang: str, *, is_file: bool = False) -> str:
    """Who the salutation names: 'Kepala Seksi Pelayanan Lelang', 'Ketua Tim Kepatuhan', 'Head of ...'."""
    if is_file:
        return ui("mail_file_owner", lang).format(name=one_line(section))
    name = unit_name(section)
    team = any(name.casefold().startswith(t + " ") for t in TEAM_TITLES)
    return ui("mail_leader_team" if team else "mail_leader", lang).format(unit=name)


def manager_name(unit: str | None, lang: str) -> str:
    """The unit's performance manager, who signs when [mail] sender is not set."""
    return ui("mail_manager", lang).format(unit=one_line(unit) or "").strip(" ,")


def signature(options: MailOptions, unit: str | None, lang: str) -> list[str]:
    """The lines under the closing: [mail] sender, else the unit's performance manager."""
    return list(options.sender) or [manager_name(unit, lang)]


def revision_name(path: Path) -> str:
    """The file name to send the revision back as: 'q4.xlsx' -> 'q4-rev1.xlsx', 'q4-rev1.xlsx' -> 'q4-rev2.xlsx'."""
    stem, suffix = path.stem, path.suffix.lower() or ".xlsx"
    match = re.fullmatch(r"(?P<base>.*?)[-_ ]?rev(?P<n>\d+)", stem, flags=re.IGNORECASE)
    name = f"{match['base']}-rev{int(match['n']) + 1}" if match and match["base"] else f"{stem}-rev1"
    return safe_filename(name + suffix, default="workbook", limit=120)


def letter_context(options: MailOptions, unit: str | None, lang: str) -> dict[str, Any]:
    """The template values every kind of draft shares: deadline, reply-to, signature."""
    reply = options.reply_to
    return {
        "deadline": long_date(options.deadline, lang) if options.deadline else "",
        "deadline_short": short_date(options.deadline, lang) if options.deadline else "",
        "reply_to": (f"{reply[0]} ({reply[1]})" if reply[0] else reply[1]) if reply else "",
        "signature": signature(options, unit, lang),
        "manager": manager_name(unit, lang),
    }


# What kind of cell a fix corrects, by finding code (the words are in messages/ui.py).
FIX_KINDS = {
    "KX101": "capaian",
    "KX021": "capaian",
    "KX102": "nilai",
    "KX103": "nilai",
    "KX104": "nilai",
    "KX110": "konsolidasi",
    "KX201": "ringkasan",
    "KX203": "aggregate",
    "KX011": "text",
    "KX012": "percent",
    "KX004": "year",
}


def fix_kinds(codes: list[str], lang: str) -> str:
    """'capaian, nilai, tabel ringkasan (KX101, KX102, KX201)': the kinds of cell in words, codes after."""
    kinds = dict.fromkeys(ui(f"fix_kind_{FIX_KINDS.get(c, 'other')}", lang) for c in sorted(codes))
    return f"{', '.join(kinds)} ({', '.join(sorted(set(codes)))})" if codes else "-"


@dataclass
class Scope:
    """What a run drafted: for the line it ends with, before anything is sent."""

    files: int = 0
    drafted: set[str] = field(default_factory=set)  # section keys with a draft
    drafts: int = 0  # drafts to sections with something to fix
    quiet: int = 0  # (file, section) pairs with nothing to fix
    thanks: int = 0  # thank-you notes written to them (--all-sections)
    manager: int = 0  # summaries for the performance manager
    failed: int = 0  # notes about a file that could not be read

    def line(self, lang: str = "id") -> str:
        """'6 draf untuk 3 seksi di 5 berkas; 29 seksi tanpa temuan tidak dikirimi'."""
        out = ui("mail_scope", lang).format(drafts=self.drafts, sections=len(self.drafted), files=self.files)
        if self.thanks:
            out += ui("mail_scope_thanks", lang).format(n=self.thanks)
        if self.quiet - self.thanks:
            out += ui("mail_scope_quiet", lang).format(n=self.quiet - self.thanks)
        if self.manager:
            out += ui("mail_scope_manager", lang).format(n=self.manager)
        if self.failed:
            out += ui("mail_scope_failed", lang).format(n=self.failed)
        return out
