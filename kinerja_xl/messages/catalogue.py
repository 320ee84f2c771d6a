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

from kinerja_xl.severity import Severity

E, W, I = Severity.ERROR, Severity.WARNING, Severity.INFO  # noqa: E741  short names keep the catalogue table readable


@dataclass(frozen=True)
class Message:
    """A catalogue entry."""

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
    "kinerja_xl.reader.codes",  # KX0xx: reading the workbook
    "kinerja_xl.messages.catalogue",  # the codes not moved yet
    "kinerja_xl.rules",  # KX021, KX022, KX1xx, KX2xx: the rule families, beside their checks
)


def declared() -> list[tuple[str, Message]]:
    """(source module, message) of every declared code, in the order of SOURCES."""
    return [(name, m) for name in SOURCES for m in importlib.import_module(name).MESSAGES]


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


_ENTRIES = [
    Message(
        "KX030",
        "part-lost",
        W,
        "bagian workbook hilang di salinan beranotasi",
        "a workbook part was lost in the annotated copy",
        "Bagian '{part}' dari workbook asli tidak dapat dipertahankan di salinan beranotasi.",
        "Part '{part}' of the input workbook could not be kept in the annotated copy.",
        "kinerja-xl writes its annotations into the original package and keeps every other part "
        "byte for byte. When the package has a shape it cannot handle it falls back to an openpyxl "
        "re-save, which drops some parts (x14 conditional formats and data bars, sparklines, data "
        "validation lists kept in extensions, slicers, cached formula values); each is named here.\n"
        "Bad: a copy without the sparklines of the input.\n"
        "Good: the input file itself, which is never changed, is the master.",
    ),
]

# KX3xx: across submissions of one unit and year (kinerja_xl.history). Each compares a file with
# the unit's previous submission; {previous_file} and {previous_period} name it.
_ENTRIES += [
    Message(
        "KX301",
        "history-value-changed",
        W,
        "nilai periode yang sudah dilaporkan berubah dibanding kiriman sebelumnya",
        "a value of an already reported period changed since the previous submission",
        "{row} {period} berubah dari {old} (di {previous_file}, laporan {previous_period}) menjadi {new}.",
        "{row} {period} changed from {old} (in {previous_file}, report {previous_period}) to {new}.",
        "A period both files report (Q1..Q3, Sm.I, s.d. Q3 of a later report; every period of a revised "
        "file) should keep its Target, Realisasi, Capaian and Nilai. A change may be a correction, "
        "but one of the two files is wrong: a person must confirm it. A change that only follows "
        "from another one (a roll-up of a changed quarter, a capaian of a changed realisasi) is not "
        "repeated.\nBad: Realisasi Q1 95 in the Q1 file, 88 in the Q3 file.\n"
        "Good: Realisasi Q1 95 in both, or the revision explained to the inspector.",
    ),
    Message(
        "KX302",
        "history-future-target-changed",
        W,
        "target periode mendatang berubah dibanding kiriman sebelumnya",
        "a target of a future period changed since the previous submission",
        "Target {period} berubah dari {old} (di {previous_file}, laporan {previous_period}) menjadi {new}; "
        "target ditetapkan dalam PK dan hanya berubah dengan revisi PK.",
        "Target {period} changed from {old} (in {previous_file}, report {previous_period}) to {new}; "
        "targets are set in the PK and change only with a revised PK.",
        "The targets of periods not yet reported were set in the Perjanjian Kinerja at the start of "
        "the year. A target raised or cut mid-year needs a revised PK. A target left blank before "
        "and filled in now is not reported.\nBad: Target Q4 100 in the Q2 file, 90 in the Q3 file.\n"
        "Good: the PK's target in every file of the year.",
    ),
    Message(
        "KX303",
        "history-iku-missing",
        W,
        "IKU dari kiriman sebelumnya tidak ada",
        "an IKU of the previous submission is missing",
        "IKU {iku} ({name}) ada di {previous_file} (laporan {previous_period}) tetapi tidak ada di berkas ini.",
        "IKU {iku} ({name}) is in {previous_file} (report {previous_period}) but not in this file.",
        "The IKU of a unit are those of its PK for the whole year. An IKU that disappears drops out "
        "of NSS and NKO.\nBad: 5a-CP in the Q2 file, no 5a-CP block in the Q3 file.\n"
        "Good: every IKU of the PK in every file (N/A where there is no realisasi yet).",
    ),
    Message(
        "KX304",
        "history-iku-new",
        W,
        "IKU baru dibanding kiriman sebelumnya",
        "an IKU not in the previous submission",
        "IKU {iku} tidak ada di {previous_file} (laporan {previous_period}); baru di berkas ini.",
        "IKU {iku} is not in {previous_file} (report {previous_period}); it is new in this file.",
        "An IKU that appears mid-year needs a revised PK, or its code or name was changed (the IKU "
        "are matched by code, else by name).\nBad: 9a-N in the Q4 file only.\n"
        "Good: the same IKU, with the same codes, in every file of the year.",
    ),
    Message(
        "KX305",
        "history-polkp-changed",
        W,
        "Pol/KP berubah dibanding kiriman sebelumnya",
        "Pol/KP changed since the previous submission",
        "Pol/KP berubah dari {old} (di {previous_file}, laporan {previous_period}) menjadi {new}.",
        "Pol/KP changed from {old} (in {previous_file}, report {previous_period}) to {new}.",
        "Polarisasi and konsolidasi decide how every period of an IKU is scored; they come from the "
        "IKU manual and stay the same all year. A change re-scores earlier periods.\n"
        "Bad: Max/TLK in the Q2 file, Max/Sum in the Q3 file.\nGood: Max/TLK in both.",
    ),
    Message(
        "KX306",
        "history-cumulative-decrease",
        W,
        "realisasi kumulatif turun dibanding kiriman sebelumnya",
        "cumulative realisasi lower than in the previous submission",
        "Realisasi kumulatif {period} {actual} lebih rendah daripada {old} pada laporan {previous_period} "
        "(di {previous_file}); nama IKU ini menyatakan kumulatif sehingga realisasinya tidak turun.",
        "Cumulative realisasi {period} {actual} is lower than {old} in report {previous_period} "
        "(in {previous_file}); this IKU's name says it is cumulative, so its realisasi does not go down.",
        "Under TLK a quarter holds the figure 's.d.' that quarter. When the IKU's name says it is "
        "cumulative (`s.d. Triwulan`, `kumulatif`), a later report cannot have less.\n"
        "Bad: 'Jumlah berkas s.d. triwulan' 40 in the Q2 report, 35 in the Q3 report.\n"
        "Good: 40 then 52.",
    ),
    Message(
        "KX307",
        "history-period-unknown",
        W,
        "periode laporan tidak diketahui; tidak dibandingkan",
        "reported period unknown; not compared",
        "Periode laporan berkas ini tidak diketahui, sehingga berkas ini tidak dapat diurutkan dengan "
        "{count} kiriman lain unit {unit} tahun {year} dan tidak dibandingkan.",
        "This file's reported period is unknown, so it cannot be ordered with the {count} other "
        "submission(s) of {unit} {year} and was not compared.",
        "Submissions are ordered by the quarter they report: from the file name or title (`Q3`, "
        "`TW III`, `Triwulan III`), else the last quarter with a Realisasi.\n"
        "Bad: laporan.xlsx with no Realisasi and no quarter in its name or title.\n"
        "Good: laporan-2024-tw1.xlsx.",
    ),
    Message(
        "KX308",
        "history-unorderable",
        W,
        "dua kiriman tidak dapat diurutkan; tidak dibandingkan",
        "two submissions cannot be ordered; not compared",
        "Berkas ini dan {other_file} sama-sama laporan {period} unit {unit} tahun {year} dengan waktu "
        "ubah yang sama; mana yang lebih baru tidak dapat ditentukan, sehingga keduanya tidak "
        "dibandingkan satu sama lain.",
        "This file and {other_file} both report {period} of {unit} {year} and have the same modification "
        "time; which one is newer cannot be told, so they were not compared with each other.",
        "Two files of one unit, year and quarter are ordered by their modification time (a revised "
        "file is the newer one). With equal times kinerja-xl does not guess.\n"
        "Bad: q3.xlsx and q3-revisi.xlsx copied with the same time stamp.\n"
        "Good: keep the original in the archive (--history) and check the revision.",
    ),
]

MESSAGES = tuple(_ENTRIES)

CATALOGUE: Mapping[str, Message] = _View("code")

BY_SYMBOL: Mapping[str, Message] = _View("symbol")


def lookup(code_or_symbol: str) -> Message | None:
    """A catalogue entry by code (case-insensitive) or symbol."""
    key = code_or_symbol.strip()
    return CATALOGUE.get(key.upper()) or BY_SYMBOL.get(key.lower())
