"""The finding catalogue: code -> symbol, severity, Indonesian and English templates, docs.

Each code is declared once, as a ``Message`` with keyword fields, where it is reported: a rule's
beside its check in its family module (``@rule(KX101)``, kinerja_xl/rules/), the others in one
declaration module per source (``SOURCES``). ``CATALOGUE`` and ``BY_SYMBOL`` are read-only views
of those declarations, collected on first use, in the order of ``SOURCES``.

Templates are ``str.format`` strings. Every finding fills ``iku``, ``period``, ``actual``,
``expected``, ``cell``, ``sheet``; a check may add its own parameters (named below).
Numbers are formatted per language (``132,63`` in Indonesian, ``132.63`` in English).
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from types import ModuleType

from kinerja_xl.severity import Severity


@dataclass(frozen=True, kw_only=True)
class Message:
    """A catalogue entry: declared with keyword fields where its code is reported."""

    code: str
    symbol: str
    severity: Severity
    title_id: str
    title_en: str
    template_id: str
    template_en: str
    doc: str  # long description with a bad and a good example (English, shown by `explain`)

    def template(self, lang: str) -> str:
        """The message template for a language (id default)."""
        return self.template_en if lang == "en" else self.template_id

    def title(self, lang: str) -> str:
        """The one-line meaning for a language."""
        return self.title_en if lang == "en" else self.title_id


# The modules that declare finding codes, in the order `kinerja-xl rules` lists them. Each has
# ``MESSAGES``, its declarations in order (kinerja_xl.rules gathers its families' from @rule).
# They sit in layers above this one: they are imported by name on first use of the catalogue,
# never when this module is imported.
SOURCES: tuple[str, ...] = (
    "kinerja_xl.reader.codes",  # KX001-KX020: reading the workbook
    "kinerja_xl.rules",  # KX021, KX022, KX1xx, KX2xx: the rule families, beside their checks
    "kinerja_xl.writers.codes",  # KX030: writing the annotated copy
    "kinerja_xl.history_codes",  # KX3xx: across submissions of one unit and year
)


def load() -> list[ModuleType]:
    """Import every module that declares codes (SOURCES, in order), so what is declared beside a
    code registers too (its check's ``@rule``, its fix's ``@fixer``)."""
    return [importlib.import_module(name) for name in SOURCES]


def declared() -> list[tuple[str, Message]]:
    """(source module, message) of every declared code, in the order of SOURCES."""
    return [(module.__name__, m) for module in load() for m in module.MESSAGES]


class _View(Mapping[str, Message]):
    """Every declared message by code or by symbol, collected on first use."""

    _entries: dict[str, Message] | None = None

    def __init__(self, key: str):
        self._key = key

    def _all(self) -> dict[str, Message]:
        if self._entries is None:
            self._entries = _index([m for _, m in declared()], self._key)
        return self._entries

    def __getitem__(self, key: str) -> Message:
        return self._all()[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._all())

    def __len__(self) -> int:
        return len(self._all())

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self._key}: {', '.join(self._all())})"


def _index(entries: Sequence[Message], key: str) -> dict[str, Message]:
    """Messages by their ``key`` field; a code or symbol declared twice is an error."""
    out: dict[str, Message] = {}
    for m in entries:
        k = getattr(m, key)
        if k in out:
            raise ValueError(f"finding {key} {k} is declared twice")
        out[k] = m
    return out


CATALOGUE: Mapping[str, Message] = _View("code")

BY_SYMBOL: Mapping[str, Message] = _View("symbol")


def lookup(code_or_symbol: str) -> Message | None:
    """A catalogue entry by code (case-insensitive) or symbol."""
    key = code_or_symbol.strip()
    return CATALOGUE.get(key.upper()) or BY_SYMBOL.get(key.lower())
