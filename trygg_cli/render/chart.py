"""The chart: two bars per item, the old year's over the new year's, drawn with rich (or as SVG)."""

from __future__ import annotations

import io
from decimal import Decimal
from typing import TextIO

from trygg_cli import money
from trygg_cli.compare import Comparison
from trygg_cli.model import Unit
from trygg_cli.render import numbers
from trygg_cli.render.cells import column_as_text
from trygg_cli.render.formats import ChartFormat
from trygg_cli.render.locale import Locale
from trygg_cli.render.views import diff_table
from trygg_cli.render.words import say

_EIGHTHS = " ▏▎▍▌▋▊▉"
CHART_WIDTH = 40  # the longest bar, in characters, where the terminal is wide enough
NAME_WIDTH = 48  # longer names wrap


def bar(value: Decimal, largest: Decimal, width: int) -> str:
    """A horizontal bar in eighths of a character, `width` long for the largest value."""
    if largest <= 0 or value <= 0:
        return ""
    eighths = int((value / largest * width * 8).to_integral_value())
    return "█" * (eighths // 8) + _EIGHTHS[eighths % 8].strip()


def write_chart(
    comparison: Comparison,
    unit: Unit,
    fmt: ChartFormat,
    out: TextIO,
    *,
    locale: Locale = Locale.SV,
    decimals: int | None = None,
) -> None:
    from rich.console import Console
    from rich.table import Table as RichTable
    from rich.text import Text

    record = fmt is ChartFormat.SVG
    console = Console(
        file=io.StringIO() if record else out,  # SVG: exported from the record
        highlight=False,
        record=record,
        width=100 if record else None,
        no_color=fmt is ChartFormat.PLAIN,
    )
    table = diff_table(comparison, unit, decimals)
    title = say(table.title, locale)
    years = (str(comparison.old.year), str(comparison.new.year))
    names = column_as_text(table.columns[0], [row[0] for row in table.rows], table, locale)
    bars = [
        (name, [money.in_unit(amount or Decimal(0), unit) for amount in (change.old, change.new)])
        for change, name in zip(comparison.changes, names, strict=True)
    ]
    largest = max([value for _, values in bars for value in values] + [Decimal(0)])
    name_width = min(NAME_WIDTH, max([len(name) for name, _ in bars] + [1]))
    value_width = max(
        [len(numbers.number(value, table.decimals, locale)) for _, values in bars for value in values] + [1]
    )
    width = max(10, min(CHART_WIDTH, console.width - name_width - 4 - value_width - 3))
    grid = RichTable.grid(padding=(0, 1))
    grid.add_column(max_width=name_width)
    grid.add_column(justify="right", no_wrap=True)
    grid.add_column(no_wrap=True, min_width=width)
    grid.add_column(justify="right", no_wrap=True)
    for name, values in bars:
        for label, year, value, style in ((name, years[0], values[0], "grey62"), ("", years[1], values[1], "cyan")):
            drawn = Text(bar(value, largest, width) or "·", style=style)
            grid.add_row(label, year, drawn, numbers.number(value, table.decimals, locale))
    console.print(Text(title, style="bold"))
    console.print(grid)
    if record:
        out.write(console.export_svg(title=title))
