"""Section contacts: the kinerja.toml [seksi] table and a CSV 'seksi,email' file, every entry checked."""

from __future__ import annotations

import csv
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kinerja_xl.mail.safe import MailError, one_line, parse_address


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

    def for_file(self, path: Path) -> list[tuple[str, str]]:
        """Who sent a file we cannot read: the contact named like its stem (the section a file
        without Seksi labels stands for), else the one whose name the stem contains
        (``kpknl-cilegon`` for ``kpknl-cilegon-2024-q4.xlsx``), when exactly one does."""
        exact = self.lookup(path.stem)
        if exact:
            return exact
        stem = _slug(path.stem)
        hits = [key for key in self.by_section if len(_slug(key)) >= 4 and f"-{_slug(key)}-" in f"-{stem}-"]
        return list(self.by_section[hits[0]]) if len(hits) == 1 else []


def _slug(text: str) -> str:
    return "-".join(re.findall(r"[^\W_]+", text.casefold()))


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
