"""A small table drawn as rich draws it, without rich's Table machinery when it fits.

The terminal report prints one NKO table per file. rich.Table measures and renders each cell
through padding, wrapping and line splitting: about 2 ms a table, three seconds of a thousand-file
report. ``PlainTable`` yields the same segments itself when every cell is plain one-line text and the
table fits the console at its natural width (what a report's NKO table always is at 100 columns),
and hands over to the rich.Table it describes otherwise (a narrow console shrinks and wraps columns
as rich does). tests/cli/test_plain_table.py holds the two to the same bytes.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions, RenderResult
    from rich.segment import Segment
    from rich.style import Style
    from rich.table import Table


@dataclass
class PlainTable:
    """rich.Table(show_header=True, header_style="bold", title=title, title_justify="left"): a first
    column left-justified, the others right-justified, one of them (``bold``) in bold."""

    title: str
    header: list[str]
    rows: list[list[str]] = field(default_factory=list)
    bold: int | None = None  # the index of a bold column (the report's period)

    def add_row(self, *cells: str) -> None:
        self.rows.append(list(cells))

    def table(self) -> Table:
        """The rich.Table this draws."""
        from rich.table import Table
        from rich.text import Text

        table = Table(show_header=True, header_style="bold", title=self.title, title_justify="left")
        table.add_column(self.header[0])
        for i, name in enumerate(self.header[1:], 1):
            table.add_column(name, justify="right", style="bold" if i == self.bold else None)
        for row in self.rows:
            # Text, not str: a cell is never read as rich markup
            table.add_row(*(Text(cell) for cell in row))
        return table

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        widths = self._widths()
        too_wide = widths is not None and sum(widths) + 3 * len(widths) + 1 > options.max_width
        if widths is None or too_wide or options.ascii_only or options.legacy_windows:
            # a cell rich must measure, a console too narrow, or another box: rich's own layout
            yield self.table()
            return
        yield from self._segments(console, widths)

    def _widths(self) -> list[int] | None:
        """Each column's width (its longest cell), or None when a cell is not plain one-line text."""
        cells = [self.header, *self.rows]
        for row in cells:
            for cell in row:
                if not cell.isprintable() or not cell.isascii():
                    return None  # wide characters and controls: rich measures them
        widths = [max(len(row[i]) for row in cells) for i in range(len(self.header))]
        table_width = sum(widths) + 3 * len(widths) + 1
        if not self.title.isascii() or not self.title.isprintable() or len(self.title) > table_width:
            return None  # a title rich would wrap
        return widths

    def _segments(self, console: Console, widths: list[int]) -> Iterator[Segment]:
        from rich import box
        from rich.segment import Segment

        bold, null = console.get_style("bold"), console.get_style("")
        table_width = sum(widths) + 3 * len(widths) + 1
        new_line = Segment.line()
        lines = box.HEAVY_HEAD
        spans = [w + 2 for w in widths]  # each column with its one space of padding either side
        yield Segment(self.title.ljust(table_width), console.get_style("table.title"))
        yield new_line
        yield Segment(lines.get_top(spans), null)
        yield new_line
        yield from self._row(self.header, widths, (lines.head_left, lines.head_vertical, lines.head_right), bold, null)
        yield Segment(lines.get_row(spans, "head", edge=True), null)
        yield new_line
        for i, row in enumerate(self.rows, 1):
            # rich draws the last row with the box's foot edges (the same characters here)
            last = i == len(self.rows)
            edges = (
                (lines.foot_left, lines.foot_vertical, lines.foot_right)
                if last
                else (lines.mid_left, lines.mid_vertical, lines.mid_right)
            )
            yield from self._row(row, widths, edges, None, null)
        yield Segment(lines.get_bottom(spans), null)
        yield new_line

    def _row(
        self, cells: list[str], widths: list[int], edges: tuple[str, str, str], style: Style | None, null: Style
    ) -> Iterator[Segment]:
        """One line: the edges and, per cell, its padding and text as rich splits them (a style per segment)."""
        from rich.segment import Segment
        from rich.style import Style

        left, middle, right = edges
        yield Segment(left, null)
        for i, (cell, width) in enumerate(zip(cells, widths, strict=True)):
            if i:
                yield Segment(middle, null)
            text = cell.ljust(width) if i == 0 else cell.rjust(width)
            cell_style = style
            if i == self.bold:
                cell_style = style + Style(bold=True) if style is not None else Style(bold=True)
            pad = cell_style if cell_style is not None else null
            yield Segment(" ", pad)
            yield Segment(text, cell_style)
            yield Segment(" ", pad)
        yield Segment(right, null)
        yield Segment.line()
