"""The few facts a head of office reads first, shared by every output (Ringkasan, batch, terminal, mail).

Pure: reads a FileResult (workbook model, analysis, profile, findings), never a file. One place
decides what "NKO as written" means, which periods the headline shows and how the verdict is
worded, so the annotated copy, the batch summary, the terminal and the mail say the same thing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from kinerja_xl import scoring
from kinerja_xl.findings import format_number
from kinerja_xl.messages import ui
from kinerja_xl.model import CellRef

if TYPE_CHECKING:
    from kinerja_xl.results import FileResult

# The summary table reports the year (rules/aggregates.py SUMMARY_PERIOD): its NKO row is Y's.
WRITTEN_NKO_PERIOD = "Y"


@dataclass
class NkoLine:
    """NKO of one period: as written in the workbook (when it writes one) and recomputed."""

    period: str
    recomputed: float | None
    predikat: str | None
    status: str  # hijau / kuning / merah / abu-abu, by the profile's Nilai thresholds
    written: float | None = None
    written_cell: CellRef | None = None
    written_predikat: str | None = None
    # with KX021: the NKO with the Pol/KP labels its numbers contradict corrected, and its predikat
    relabelled: float | None = None
    relabelled_predikat: str | None = None

    @property
    def predikats(self) -> list[str]:
        """The predikat as written, recomputed and with the labels corrected, those there are, in that order."""
        pairs = (
            (self.written, self.written_predikat),
            (self.recomputed, self.predikat),
            (self.relabelled, self.relabelled_predikat),
        )
        return [p or "-" for v, p in pairs if v is not None]

    @property
    def predikat_changes(self) -> bool:
        """True when the predikat differs between the written, recomputed and corrected NKO."""
        return len(set(self.predikats)) > 1

    @property
    def differs(self) -> bool:
        """True when the workbook writes an NKO that does not match the recomputed one."""
        if self.written is None or self.recomputed is None:
            return False
        return not scoring.matches(self.written, self.recomputed, 0.01)


@dataclass
class Headline:
    """Unit, year, period, profile, NKO lines (reported period and Y), counts and verdict."""

    unit: str | None
    year: int | None
    period: str | None
    profile: str | None  # "kmk-300-2022 (KMK 300/KMK.01/2022)"
    nko: list[NkoLine] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    status: str = "ok"  # the FileResult status: errors / warnings / ok / unreadable


def written_nko(fr: FileResult) -> dict[str, tuple[float, CellRef | None]]:
    """Period -> (NKO as the workbook writes it, its cell): the summary table's NKO row, for Y."""
    wb = fr.workbook
    summary = wb.summary if wb is not None else None
    value = summary.nko if summary is not None else None
    if value is None or value.number is None:
        return {}
    return {WRITTEN_NKO_PERIOD: (value.number, value.cell)}


def headline_periods(fr: FileResult) -> list[str]:
    """The periods the headline shows: the reported one, then Y (once when they are the same)."""
    period = fr.workbook.period if fr.workbook is not None else None
    return list(dict.fromkeys([p for p in (period, "Y") if p]))


def nko_line(fr: FileResult, period: str) -> NkoLine:
    """One period's NKO line of a readable FileResult."""
    an, profile = fr.analysis, fr.profile or (fr.analysis.profile if fr.analysis else None)
    recomputed = an.nko.get(period) if an is not None else None
    line = NkoLine(
        period,
        recomputed,
        an.predikat.get(period) if an is not None else None,
        scoring.status(recomputed, profile) if profile is not None else "abu-abu",
    )
    relabelled = getattr(fr, "nko_relabelled", None) or {}
    if relabelled.get(period) is not None:
        line.relabelled = relabelled[period]
        line.relabelled_predikat = scoring.predikat(line.relabelled, profile) if profile is not None else None
    written = written_nko(fr).get(period)
    if written is not None:
        line.written, line.written_cell = written
        line.written_predikat = scoring.predikat(line.written, profile) if profile is not None else None
    return line


def headline(fr: FileResult) -> Headline:
    """The headline facts of one FileResult (an unreadable one has no NKO lines)."""
    wb, profile = fr.workbook, fr.profile or (fr.analysis.profile if fr.analysis else None)
    out = Headline(
        unit=wb.unit if wb is not None else None,
        year=wb.year if wb is not None else None,
        period=wb.period if wb is not None else None,
        profile=f"{profile.name} ({profile.title})" if profile is not None else None,
        counts=dict(fr.counts),
        status=fr.status,
    )
    if fr.analysis is not None:
        out.nko = [nko_line(fr, p) for p in headline_periods(fr)]
    return out


def count_text(n: int, severity: str, lang: str = "id") -> str:
    """'3 kesalahan' / '3 errors' (English nouns take a plural, Indonesian ones do not)."""
    word = ui(severity, lang)
    if lang == "en" and n != 1 and severity != "info":
        word += "s"
    return f"{n} {word}"


def counts_text(counts: dict[str, int], lang: str = "id") -> str:
    """'33 kesalahan, 6 peringatan, 2 info'."""
    return ", ".join(count_text(counts.get(s, 0), s, lang) for s in ("error", "warning", "info"))


def verdict_text(h: Headline, lang: str = "id") -> str:
    """The one-line verdict in words, e.g. '33 kesalahan: NKO yang dilaporkan tidak dapat dipertanggungjawabkan.'."""
    c = h.counts
    if h.status == "unreadable":
        return ui("status_unreadable", lang).capitalize() + "."
    if c.get("error"):
        count = count_text(c["error"], "error", lang)
        wrong = next((line for line in h.nko if line.differs), None)
        if wrong is not None:
            return ui("hl_verdict_errors_nko", lang).format(
                count=count,
                written=format_number(wrong.written, lang),
                recomputed=format_number(wrong.recomputed, lang),
            )
        return ui("hl_verdict_errors", lang).format(count=count)
    if c.get("warning"):
        return ui("hl_verdict_warnings", lang).format(count=count_text(c["warning"], "warning", lang))
    return ui("hl_verdict_ok", lang)


def nko_text(line: NkoLine, lang: str = "id") -> str:
    """'NKO Y: tertulis 115,67 (Istimewa), hitung ulang 100,87 (Istimewa)' - written only when written."""
    recomputed = f"{format_number(line.recomputed, lang)} ({line.predikat or '-'})"
    text = f"NKO {line.period}: "
    if line.written is not None:
        written = f"{format_number(line.written, lang)} ({line.written_predikat or '-'})"
        return text + ui("hl_nko_both", lang).format(written=written, recomputed=recomputed)
    return text + ui("hl_nko_recomputed", lang).format(recomputed=recomputed)
