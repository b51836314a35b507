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
from trygg_cli.render.views import Chart, MonthChart
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


# The follow-up month by month, in pixels: the months along, the amounts up.
_PLOT_LEFT, _PLOT_TOP, _PLOT_WIDTH, _PLOT_HEIGHT = 80, 80, 600, 300


def write_month_svg(chart: MonthChart, locale: Locale, out: TextIO) -> None:
    """The year's budget to each month's end (a solid line, square marks), the actual to date (a
    thick line, round marks) and the forecast (a dashed line to December, a triangle): told apart
    by line and mark, not colour, so they read in black and white; a title and a description for
    screen readers; no external resource."""
    from html import escape

    title = say(chart.title, locale)
    places = chart.decimals
    tick = _nice_step(max([*chart.budget, *chart.actual, chart.forecast or Decimal(0)]) / 4)
    ticks = [tick * number for number in range(5)]
    while ticks[-1] < max([*chart.budget, *chart.actual, chart.forecast or Decimal(0)]):
        ticks.append(ticks[-1] + tick)
    top = ticks[-1]
    tick_places = max(0, -tick.normalize().as_tuple().exponent)  # type: ignore[operator]
    step = _PLOT_WIDTH / 11

    def point(month: int, value: Decimal) -> tuple[float, float]:
        return _PLOT_LEFT + month * step, _PLOT_TOP + _PLOT_HEIGHT - float(value / top) * _PLOT_HEIGHT

    def line(points: list[tuple[float, float]], style: str) -> str:
        drawn = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
        return f'<polyline points="{drawn}" fill="none" stroke="#000000" {style}/>'

    budget = [point(month, value) for month, value in enumerate(chart.budget)]
    actual = [point(month, value) for month, value in enumerate(chart.actual)]
    width, height = _PLOT_LEFT + _PLOT_WIDTH + 230, _PLOT_TOP + _PLOT_HEIGHT + 60
    language = "sv" if locale is Locale.SV else "en"
    budget_name, actual_name, forecast_name = (say(label, locale) for label in chart.legend)
    described = [f"{budget_name}: {numbers.number(chart.budget[-1], places, locale)}"]
    if chart.actual:
        described.append(f"{actual_name}: {numbers.number(chart.actual[-1], places, locale)}")
    if chart.forecast is not None:
        described.append(f"{forecast_name}: {numbers.number(chart.forecast, places, locale)}")
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" lang="{language}" xml:lang="{language}" width="{width}" '
        f'height="{height}" viewBox="0 0 {width} {height}" role="img" aria-labelledby="title desc" '
        f'font-family="{_FONT}" font-size="12">',
        f'<title id="title">{escape(title)}</title>',
        f'<desc id="desc">{escape("; ".join(described))}</desc>',
        f'<rect width="{width}" height="{height}" fill="#ffffff"/>',
        f'<text x="8" y="20" font-size="14" font-weight="bold" fill="#000000">{escape(title)}</text>',
    ]
    for value in ticks:  # the amounts' axis, at round values
        y = _PLOT_TOP + _PLOT_HEIGHT - float(value / top) * _PLOT_HEIGHT
        parts.append(
            f'<line x1="{_PLOT_LEFT}" y1="{y:.1f}" x2="{_PLOT_LEFT + _PLOT_WIDTH}" y2="{y:.1f}" stroke="#cccccc"/>'
        )
        label = numbers.number(value, tick_places, locale)
        parts.append(
            f'<text x="{_PLOT_LEFT - 6}" y="{y + 4:.1f}" text-anchor="end" fill="#000000">{escape(label)}</text>'
        )
    for month, month_name in enumerate(chart.months):
        x = _PLOT_LEFT + month * step
        label = escape(say(month_name, locale))
        parts.append(
            f'<text x="{x:.1f}" y="{_PLOT_TOP + _PLOT_HEIGHT + 18}" text-anchor="middle" fill="#000000">{label}</text>'
        )
    parts.append(line(budget, 'stroke-width="2"'))
    parts += [
        f'<rect x="{x - 3:.1f}" y="{y - 3:.1f}" width="6" height="6" fill="#ffffff" stroke="#000000"/>'
        for x, y in budget
    ]
    if actual:
        parts.append(line(actual, 'stroke-width="4" stroke-opacity="0.75"'))
        parts += [f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4" fill="#000000"/>' for x, y in actual]
    if chart.forecast is not None and actual:
        end = point(11, chart.forecast)
        parts.append(line([actual[-1], end], 'stroke-width="2" stroke-dasharray="6 4"'))
        x, y = end
        parts.append(
            f'<path d="M{x:.1f},{y - 6:.1f} L{x + 6:.1f},{y + 5:.1f} L{x - 6:.1f},{y + 5:.1f} Z" fill="#000000"/>'
        )
    legend_x = _PLOT_LEFT + _PLOT_WIDTH + 16
    for number, (named, mark) in enumerate(
        (
            (budget_name, '<rect x="{x}" y="{y}" width="8" height="8" fill="#ffffff" stroke="#000000"/>'),
            (actual_name, '<circle cx="{cx}" cy="{cy}" r="4" fill="#000000"/>'),
            (forecast_name, '<path d="M{x},{y2} L{x3},{y} L{x6},{y2} Z" fill="#000000"/>'),
        )
    ):
        y = _PLOT_TOP + number * 22
        parts.append(
            mark.format(x=legend_x, y=y, cx=legend_x + 4, cy=y + 4, y2=y + 8, x3=legend_x + 4, x6=legend_x + 8)
        )
        parts.append(f'<text x="{legend_x + 14}" y="{y + 8}" fill="#000000">{escape(named)}</text>')
    parts.append("</svg>")
    out.write("\n".join(parts) + "\n")


def _nice_step(rough: Decimal) -> Decimal:
    """The smallest of 1, 2, 2.5 or 5 times a power of ten that is at least `rough` (a tick's step)."""
    if rough <= 0:
        return Decimal(1)
    power = Decimal(10) ** rough.adjusted()
    return next(
        power * factor
        for factor in (Decimal(1), Decimal(2), Decimal("2.5"), Decimal(5), Decimal(10))
        if power * factor >= rough
    )
