"""The two charts of Ringkasan: NKO per period (recomputed beside written) and Nilai per IKU."""

from __future__ import annotations

from collections.abc import Sequence

from kinerja_xl.analysis import Analysis
from kinerja_xl.messages import ui
from kinerja_xl.model import PERIODS
from kinerja_xl.writers.dashboard_layout import CODE, FIRST, LAST_COL, POLKP, WRITTEN_CHART, _status
from kinerja_xl.writers.summary_sheet import STATUS_CHART, ChartSpec, SheetSpec, number_axis_format, number_format


def _charts(
    sp: SheetSpec,
    row: int,
    an: Analysis,
    written: Sequence[float],
    rows: tuple[int, int, int | None],
    iku_rows: tuple[int, int],
    period: str | None,
    lang: str,
) -> None:
    """NKO per period, recomputed beside written, with the line at 100 (left); Nilai per IKU for the
    reported period (right), a Nilai of 0 labelled 0 (N/A has no bar and no label). Values labelled,
    axes from 0 in the language's format. ``rows``: the header, recomputed and written NKO rows."""
    header_row, nko_row, written_row = rows
    colors: list[str | None] = [STATUS_CHART[_status(an.nko.get(p), an.profile)] for p in PERIODS]
    # the axis up to a step above the cap (and any written NKO above it): the line at 100 well inside
    top = max([an.profile.cap if an.profile else 120.0, *written])
    y_max = (int(top) // 20 + 1) * 20
    sp.charts.append(
        ChartSpec(
            ui("db_chart_nko", lang),
            ui("nko", lang),
            cats=(FIRST, header_row, LAST_COL, header_row),
            vals=(FIRST, nko_row, LAST_COL, nko_row),
            anchor=(CODE, row),
            name=ui("db_nko_recomputed", lang),
            colors=colors,
            size_cm=(12.5, 7.5),
            y_min=0,
            y_max=y_max,
            num_format=number_format(lang),
            vals2=(FIRST, written_row, LAST_COL, written_row) if written_row else None,
            color=STATUS_CHART["hijau"],
            name2=ui("db_nko_written", lang),
            color2=WRITTEN_CHART,
            axis_format=number_axis_format(lang),
            major_unit=100,
            minor_unit=20,
        )
    )
    first, last = iku_rows
    if period is None or last < first:
        return
    col = FIRST + PERIODS.index(period)
    colors = [STATUS_CHART[s.periods[period].status] if period in s.periods else None for s in an.ikus]
    sp.charts.append(
        ChartSpec(
            ui("db_chart_iku", lang).format(period=period),
            ui("db_nilai_axis", lang),
            cats=(CODE, first, CODE, last),
            vals=(col, first, col, last),
            anchor=(POLKP, row),
            name=f"{ui('wb_nilai', lang)} {period}",
            colors=colors,
            size_cm=(14.5, 7.5),
            y_min=0,
            y_max=y_max,
            num_format=number_axis_format(lang),  # whole numbers: 23 bars side by side, 0 shown as 0
            axis_format=number_axis_format(lang),
            major_unit=100,
            minor_unit=20,
        )
    )


def _chart_period(an: Analysis, period: str | None) -> str | None:
    """The reported period, else the latest period with any recomputed Nilai."""
    if period in PERIODS:
        return period
    return next(
        (p for p in reversed(PERIODS) if any(s.periods.get(p) and s.periods[p].nilai is not None for s in an.ikus)),
        None,
    )
