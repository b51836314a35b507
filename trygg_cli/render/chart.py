"""The chart: two bars per item, the old year's over the new year's: drawn with rich on a terminal,
or as an SVG figure for a document."""

from __future__ import annotations

import textwrap
from decimal import Decimal
from typing import TextIO

from trygg_cli import money
from trygg_cli.compare import Comparison
from trygg_cli.model import Unit
from trygg_cli.render import numbers
from trygg_cli.render.cells import column_as_text
from trygg_cli.render.formats import ChartFormat
from trygg_cli.render.locale import Locale
from trygg_cli.render.views import Options, diff_table, year_headers
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
    revs: tuple[str | None, str | None] = (None, None),
) -> None:
    if fmt is ChartFormat.SVG:
        write_svg(comparison, unit, out, locale=locale, decimals=decimals, revs=revs)
        return
    from rich.console import Console
    from rich.table import Table as RichTable
    from rich.text import Text

    console = Console(file=out, highlight=False, no_color=fmt is ChartFormat.PLAIN)
    table = diff_table(comparison, unit, Options(decimals))
    title = say(table.title, locale)
    old, new = year_headers([comparison.old.year, comparison.new.year], revs)  # 2021 (main) beside 2021
    years = (old, new)
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


# The figure, in pixels: a row of two bars per item, the names to the left, the amounts after.
_FONT = "Arial, Helvetica, 'Liberation Sans', sans-serif"
_BAR = 14
_GAP = 4
_ROW = 2 * _BAR + _GAP + 14
_BAR_AREA = 360
_CHARACTER = 6.6  # the width of one character of 12 px Arial, near enough
_NAME_CHARACTERS = 42  # longer names wrap
_FILLS = (("#ffffff", "#000000"), ("#404040", "#404040"))  # the old year light, the new dark: clear in black and white


def write_svg(
    comparison: Comparison,
    unit: Unit,
    out: TextIO,
    *,
    locale: Locale = Locale.SV,
    decimals: int | None = None,
    revs: tuple[str | None, str | None] = (None, None),
) -> None:
    """Two bars per item as a picture for a document: white, real bars, names and amounts as text,
    a legend of the two years, a title and a description for screen readers, no external URL."""
    from html import escape

    table = diff_table(comparison, unit, Options(decimals))
    title = say(table.title, locale)
    old, new = year_headers([comparison.old.year, comparison.new.year], revs)  # 2021 (main) beside 2021
    years = (old, new)
    names = column_as_text(table.columns[0], [row[0] for row in table.rows], table, locale)
    values = [
        [money.in_unit(amount or Decimal(0), unit) for amount in (change.old, change.new)]
        for change in comparison.changes
    ]
    largest = max([value for pair in values for value in pair] + [Decimal(0)])
    lines = [textwrap.wrap(name, _NAME_CHARACTERS) or [""] for name in names]
    name_width = int(max([len(line) for wrapped in lines for line in wrapped] + [10]) * _CHARACTER) + 16
    width = name_width + _BAR_AREA + 90
    top = 64
    height = top + _ROW * len(names) + 16
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
        f'role="img" aria-labelledby="title desc" font-family="{_FONT}" font-size="12">',
        f'<title id="title">{escape(title)}</title>',
        f'<desc id="desc">{escape(_description(names, values, years, table.decimals, locale))}</desc>',
        f'<rect width="{width}" height="{height}" fill="#ffffff"/>',
        f'<text x="8" y="20" font-size="14" font-weight="bold" fill="#000000">{escape(title)}</text>',
    ]
    for number, year in enumerate(years):  # the legend
        x = 8 + number * 90
        fill, stroke = _FILLS[number]
        parts.append(f'<rect x="{x}" y="32" width="14" height="14" fill="{fill}" stroke="{stroke}"/>')
        parts.append(f'<text x="{x + 20}" y="44" fill="#000000">{year}</text>')
    for number, (wrapped, pair) in enumerate(zip(lines, values, strict=True)):
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
            label = numbers.number(value, table.decimals, locale)
            parts.append(
                f'<text x="{name_width + length + 6:.1f}" y="{bar_y + 11}" fill="#000000">{escape(label)}</text>'
            )
    parts.append("</svg>")
    out.write("\n".join(parts) + "\n")


def _description(
    names: list[str], values: list[list[Decimal]], years: tuple[str, str], decimals: int, locale: Locale
) -> str:
    """The chart in words, for a screen reader: each item with both years' amounts."""
    old, new = years
    return "; ".join(
        f"{name}: {old} {numbers.number(before, decimals, locale)}, {new} {numbers.number(after, decimals, locale)}"
        for name, (before, after) in zip(names, values, strict=True)
    )
