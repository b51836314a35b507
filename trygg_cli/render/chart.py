"""The chart's writers: a `Chart` (two bars per item, the old year's over the new year's) drawn
with rich on a terminal, as plain text, or as an SVG figure for a document."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from decimal import Decimal
from typing import TextIO

from trygg_cli.render import numbers
from trygg_cli.render.cells import column_as_text
from trygg_cli.render.formats import ChartFormat
from trygg_cli.render.locale import Locale
from trygg_cli.render.views import Chart
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


def _names(chart: Chart, locale: Locale) -> list[str]:
    table = chart.table
    return column_as_text(table.columns[0], [row[0] for row in table.rows], table, locale)


def _largest(chart: Chart) -> Decimal:
    return max([value for pair in chart.bars for value in pair] + [Decimal(0)])


def write_terminal(chart: Chart, locale: Locale, out: TextIO, *, color: bool = True) -> None:
    """Bars of eighths of a character, in colour on a terminal (`color`) or plain."""
    from rich.console import Console
    from rich.table import Table as RichTable
    from rich.text import Text

    console = Console(file=out, highlight=False, no_color=not color)
    places = chart.table.decimals
    bars = list(zip(_names(chart, locale), chart.bars, strict=True))
    largest = _largest(chart)
    name_width = min(NAME_WIDTH, max([len(name) for name, _ in bars] + [1]))
    value_width = max([len(numbers.number(value, places, locale)) for pair in chart.bars for value in pair] + [1])
    width = max(10, min(CHART_WIDTH, console.width - name_width - 4 - value_width - 3))
    grid = RichTable.grid(padding=(0, 1))
    grid.add_column(max_width=name_width)
    grid.add_column(justify="right", no_wrap=True)
    grid.add_column(no_wrap=True, min_width=width)
    grid.add_column(justify="right", no_wrap=True)
    old, new = chart.years
    for name, values in bars:
        for label, year, value, style in ((name, old, values[0], "grey62"), ("", new, values[1], "cyan")):
            drawn = Text(bar(value, largest, width) or "·", style=style)
            # Text, never rich's markup: a name "[red]x" is shown as written.
            grid.add_row(Text(label), Text(year), drawn, Text(numbers.number(value, places, locale)))
    console.print(Text(say(chart.table.title, locale), style="bold"))
    console.print(grid)


def write_plain(chart: Chart, locale: Locale, out: TextIO) -> None:
    write_terminal(chart, locale, out, color=False)


# The figure, in pixels: a row of two bars per item, the names to the left, the amounts after.
_FONT = "Arial, Helvetica, 'Liberation Sans', sans-serif"
_BAR = 14
_GAP = 4
_ROW = 2 * _BAR + _GAP + 14
_BAR_AREA = 360
_CHARACTER = 6.6  # the width of one character of 12 px Arial, near enough
_NAME_CHARACTERS = 42  # longer names wrap
_FILLS = (("#ffffff", "#000000"), ("#404040", "#404040"))  # the old year light, the new dark: clear in black and white


def write_svg(chart: Chart, locale: Locale, out: TextIO) -> None:
    """Two bars per item as a picture for a document: white, real bars, names and amounts as text,
    a legend of the two years, a title and a description for screen readers, no external URL."""
    from html import escape

    title = say(chart.table.title, locale)
    places = chart.table.decimals
    names = _names(chart, locale)
    largest = _largest(chart)
    lines = [textwrap.wrap(name, _NAME_CHARACTERS) or [""] for name in names]
    name_width = int(max([len(line) for wrapped in lines for line in wrapped] + [10]) * _CHARACTER) + 16
    width = name_width + _BAR_AREA + 90
    top = 64
    height = top + _ROW * len(names) + 16
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" lang="{locale.value}" xml:lang="{locale.value}" width="{width}" '
        f'height="{height}" viewBox="0 0 {width} {height}" role="img" aria-labelledby="title desc" '
        f'font-family="{_FONT}" font-size="12">',
        f'<title id="title">{escape(title)}</title>',
        f'<desc id="desc">{escape(_description(names, chart, locale))}</desc>',
        f'<rect width="{width}" height="{height}" fill="#ffffff"/>',
        f'<text x="8" y="20" font-size="14" font-weight="bold" fill="#000000">{escape(title)}</text>',
    ]
    for number, year in enumerate(chart.years):  # the legend
        x = 8 + number * 90
        fill, stroke = _FILLS[number]
        parts.append(f'<rect x="{x}" y="32" width="14" height="14" fill="{fill}" stroke="{stroke}"/>')
        parts.append(f'<text x="{x + 20}" y="44" fill="#000000">{escape(year)}</text>')
    for number, (wrapped, pair) in enumerate(zip(lines, chart.bars, strict=True)):
        y = top + number * _ROW
        for line_number, line in enumerate(wrapped):
            parts.append(f'<text x="8" y="{y + 12 + line_number * 14}" fill="#000000">{escape(line)}</text>')
        for bar_number, value in enumerate(pair):
            bar_y = y + bar_number * (_BAR + _GAP)
            length = float(value / largest * _BAR_AREA) if largest > 0 else 0.0
            fill, stroke = _FILLS[bar_number]
            parts.append(
                f'<rect x="{name_width}" y="{bar_y}" width="{length:.1f}" height="{_BAR}" fill="{fill}" '
                f'stroke="{stroke}"/>'
            )
            label = numbers.number(value, places, locale)
            parts.append(
                f'<text x="{name_width + length + 6:.1f}" y="{bar_y + 11}" fill="#000000">{escape(label)}</text>'
            )
    parts.append("</svg>")
    out.write("\n".join(parts) + "\n")


def _description(names: list[str], chart: Chart, locale: Locale) -> str:
    """The chart in words, for a screen reader: each item with both years' amounts."""
    old, new = chart.years
    places = chart.table.decimals
    return "; ".join(
        f"{name}: {old} {numbers.number(before, places, locale)}, {new} {numbers.number(after, places, locale)}"
        for name, (before, after) in zip(names, chart.bars, strict=True)
    )


CHART_WRITERS: dict[ChartFormat, Callable[[Chart, Locale, TextIO], None]] = {
    ChartFormat.RICH: write_terminal,
    ChartFormat.PLAIN: write_plain,
    ChartFormat.SVG: write_svg,
}
