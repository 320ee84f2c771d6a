"""The grid Ringkasan and Rincian share: columns, widths, cell keys of numbers and marks, statuses.

(dashboard.py lays out Ringkasan, dashboard_charts.py its charts, rincian.py the Rincian sheet.)
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from kinerja_xl.analysis import IkuScore
from kinerja_xl.findings import Finding
from kinerja_xl.messages import ui
from kinerja_xl.model import PERIODS, CellRef, Iku, column_letters
from kinerja_xl.profiles import Profile
from kinerja_xl.writers.summary_sheet import LINK, SIGNS, combine, flag_style, num_key

CODE, NAME, SS, POLKP = 1, 2, 3, 4


FIRST = 5  # column of Q1; Y is FIRST + 6


LAST_COL = FIRST + len(PERIODS) - 1


MARKS = SIGNS


VERDICT_FILL = {"errors": "merah", "warnings": "kuning", "ok": "hijau", "unreadable": "abu-abu"}


WIDTHS = {CODE: 19, NAME: 44, SS: 6, POLKP: 10, **{c: 12 for c in range(FIRST, LAST_COL + 1)}}


WRITTEN_CHART = "8EA9DB"  # the written NKO's bars: blue-grey, none of the status colours


CHART_ROWS = 17  # rows the charts take (7.5 cm at the default row height, and a spare row)


# one row of the NSS or Np block: (label cells (value, style key), value per period)
BlockRow = tuple[Sequence[tuple[Any, str]], Mapping[str, float | None]]


def _num(lang: str, *tokens: str | None, mark: str = "") -> str:
    return combine(num_key(lang, mark), *tokens)


def iku_key(iku: Iku) -> str:
    """How findings name an IKU: its code, else its name."""
    return iku.code or iku.name


def finding_marks(findings: Iterable[Finding]) -> dict[tuple[str, str | None], Finding]:
    """(IKU, period or None) -> the finding to show there: the worst, then the first in sheet order."""
    out: dict[tuple[str, str | None], Finding] = {}
    for f in sorted(findings, key=lambda f: (-f.severity.rank, f.sort_key())):
        if f.iku and f.cell is not None:
            out.setdefault((f.iku, f.period), f)
    return out


def label_findings(findings: Iterable[Finding]) -> dict[str, Finding]:
    """IKU -> its KX021 finding: the IKU is scored under a Pol/KP label its own numbers contradict."""
    return {f.iku: f for f in findings if f.code == "KX021" and f.iku}


def _flag(f: Finding | None) -> str | None:
    """The mark of a cell with a finding (a border in the severity's colour, bold, underlined: a link)."""
    return combine(LINK, flag_style(f.severity.value)) if f is not None else None


def _status(value: float | None, profile: Profile) -> str:
    from kinerja_xl import scoring

    return scoring.status(value, profile) if profile is not None else "abu-abu"


def _letter(col: int) -> str:
    return column_letters(col)


def _ref(cell: CellRef) -> tuple[str, str]:
    return cell.sheet, cell.coord


def other_nilai(score: IkuScore, polarisasi: str, profile: Profile) -> dict[str, float | None]:
    """Period -> the Nilai an IKU would get under another polarisasi (its label corrected)."""
    import dataclasses

    from kinerja_xl.analysis import score_period

    iku = dataclasses.replace(score.iku, polarisasi=polarisasi)
    return {p: score_period(iku, p, profile, score.konversi).nilai for p in PERIODS}


def label_note(score: IkuScore, f: Finding, period: str, other: dict[str, float | None], lang: str) -> str:
    """The note on a period cell of a KX021 IKU: its Nilai under the label, and under the other polarisasi."""
    from kinerja_xl.findings import format_number

    ps = score.periods.get(period)
    return ui("db_label_note", lang).format(
        code=f.code,
        declared=f.params.get("declared", ""),
        fitted=f.params.get("fitted", ""),
        now=format_number(ps.nilai if ps else None, lang),
        other=format_number(other.get(period), lang),
    )
