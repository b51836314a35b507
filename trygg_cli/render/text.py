"""Text tables: rich on a terminal, the plain layout for pipes, Markdown, and tabulate's formats."""

from __future__ import annotations

import re
import textwrap
from itertools import islice
from typing import Any, TextIO

from trygg_cli.model import Budget
from trygg_cli.render.cells import (
    NBSP,
    alignments,
    columns_as_text,
    fit_cells,
    footnote_lines,
    glued,
    headers,
    marked,
    rows_as_text,
    superscript,
    words_of,
)
from trygg_cli.render.formats import Format, Writer
from trygg_cli.render.labels import words
from trygg_cli.render.locale import Locale
from trygg_cli.render.views import Table
from trygg_cli.render.words import say


def write_rich(table: Table, locale: Locale, out: TextIO) -> None:
    """A table laid out for the terminal's width: numbers never cut (their headers may wrap
    between words), short columns (a date, a commit, a person) kept whole, long text wrapped
    between words, never inside one. Where the columns cannot all have their longest word, each
    row is a block instead (`_write_stacked`). Every cell is text, never rich's markup."""
    from rich import box
    from rich.console import Console
    from rich.table import Table as RichTable
    from rich.text import Text

    console = Console(file=out, highlight=False)
    columns = _marked_columns(table, locale)
    footer = columns_as_text(table, table.footer, locale)
    names = headers(table, locale)
    layout = _layout(table, names, columns, footer, console.width)
    if layout is None:
        _write_stacked(table, locale, console, columns, footer)
        return
    widths, gap = layout
    grid = RichTable(
        title=Text(say(table.title, locale), style="bold"),
        box=box.SIMPLE_HEAD,
        title_justify="left",
        padding=_PADDING[gap],
        pad_edge=False,
    )

    def cell(text: str, number: int) -> Text:
        if table.columns[number].numeric:  # 2 000 and -60,0 % never break over lines
            return Text(text, no_wrap=True)
        return Text("\n".join(_wrap(text, widths[number])))

    for number, (header, column) in enumerate(zip(names, table.columns, strict=True)):
        grid.add_column(
            Text("\n".join(_wrap(header, widths[number]))),
            justify="right" if column.numeric else "left",
            width=widths[number],
            no_wrap=True,
        )
    rows = list(zip(*columns, strict=True))
    styles = table.styles or ("",) * len(rows)
    for number, (row, style) in enumerate(zip(rows, styles, strict=True), start=1):
        cells = [cell(text, place) for place, text in enumerate(row)]
        grid.add_row(*cells, style=style or None, end_section=number == len(rows) and bool(table.footer))
    for row in zip(*footer, strict=True):
        grid.add_row(*(cell(text, place) for place, text in enumerate(row)), style="bold")
    console.print(grid)
    _print_footnotes(table, locale, console)


# The space between columns, and the cells' padding that makes it (with one space of the box).
_PADDING: dict[int, tuple[int, int] | tuple[int, int, int, int]] = {3: (0, 1), 2: (0, 1, 0, 0), 1: (0, 0)}
_NAME_ROOM = 12  # the least a name column is given before number headers wrap instead
_KEEP = 30  # a text column no wider than this (a date, a commit, a person) keeps its width
_LONGEST_WORD = 30  # a longer word (a URL) may fold rather than crowd out every other column


def _layout(
    table: Table, names: list[str], columns: list[list[str]], footer: list[list[str]], width: int
) -> tuple[list[int], int] | None:
    """The columns' widths and the gap between them: three spaces, or two, and whole number
    headers where that leaves the text its longest words, else one space and number headers
    wrapped between their words; None where not even that fits."""
    every = [[*cells, *below] for cells, below in zip(columns, footer, strict=True)]
    widest = [max(map(len, cells), default=0) for cells in every]
    natural = [max(most, len(header)) for most, header in zip(widest, names, strict=True)]
    count = len(table.columns)
    for gap in _PADDING:
        least = []
        for number, column in enumerate(table.columns):
            if column.numeric:
                header = max(map(len, words_of(names[number])))
                least.append(natural[number] if gap > 1 else max(widest[number], header))
            else:
                word = max(len(word) for text in [names[number], *every[number]] for word in words_of(text))
                short = natural[number] <= _KEEP  # a date, a commit, a person: whole or not at all
                least.append(natural[number] if short else max(min(word, _LONGEST_WORD), _NAME_ROOM))
        # Each gap between columns, and one space at each edge.
        widths = fit_cells(natural, least, width - gap * (count - 1) - 2)
        if widths is not None:
            return widths, gap
    return None


def _wrap(text: str, width: int, first: str = "", rest: str = "") -> list[str]:
    """Lines of at most `width`, broken between words (never inside an amount with its unit or a
    date); a word longer than a line is folded."""
    lines = textwrap.wrap(
        glued(text),
        max(width, 1),
        initial_indent=first,
        subsequent_indent=rest,
        break_long_words=True,
        break_on_hyphens=False,
    )
    return [line.replace(NBSP, " ") for line in lines] or [first.rstrip()]


def _write_stacked(
    table: Table, locale: Locale, console: Any, columns: list[list[str]], footer: list[list[str]]
) -> None:
    """A table too wide for the terminal, row by row: the first cell on a line of its own, then
    each cell after its header, as many to a line as fit; a figure never breaks, a long text
    wraps between its words on lines of its own."""
    from rich.text import Text

    width = console.width
    names = headers(table, locale)
    console.print(Text(say(table.title, locale), style="bold"))
    rows = [
        (row, style)
        for row, style in zip(zip(*columns, strict=True), table.styles or ("",) * len(table.rows), strict=True)
    ]
    rows += [(row, "bold") for row in zip(*footer, strict=True)]
    for row, style in rows:
        lines = _wrap(row[0], width)
        line = "  "
        for header, cell in zip(names[1:], row[1:], strict=True):
            if not cell:
                continue
            pair = f"{header} {cell}"
            if len(pair) + 2 > width:  # on lines of its own, wrapped between words
                if line.strip():
                    lines.append(line)
                    line = "  "
                lines += _wrap(pair, width, "  ", "    ")
                continue
            if len(line) + len(pair) > width and line.strip():
                lines.append(line)
                line = "  "
            line += pair + "  "
        lines.append(line)
        console.print()
        for text in lines:
            if text.strip():
                console.print(Text(text.rstrip(), style=style or ""), no_wrap=True)
    console.print()
    _print_footnotes(table, locale, console)


def _print_footnotes(table: Table, locale: Locale, console: Any) -> None:
    from rich.text import Text

    for note in footnote_lines(table, locale):
        for line in _wrap(note, console.width):
            console.print(Text(line), no_wrap=True)


def _marked_columns(table: Table, locale: Locale) -> list[list[str]]:
    """The rows' columns as text, names marked with their footnote numbers."""
    columns = columns_as_text(table, table.rows, locale)
    if table.rows:
        columns[0] = marked(table, columns[0], lambda name, number: name + superscript(number))
    return columns


def write_plain(table: Table, locale: Locale, out: TextIO) -> None:
    """tabulate's "simple" layout, laid out here: this is the path pipes take with big years."""
    columns = _marked_columns(table, locale)
    if table.footer:
        for column, below in zip(columns, columns_as_text(table, table.footer, locale), strict=True):
            column += ["", *below]
    names = headers(table, locale)
    widths = [max([len(header) + 2, *map(len, column)]) for header, column in zip(names, columns, strict=True)]
    # Each row laid out by one format in C (a table may have a hundred thousand rows): each cell
    # padded to its column's width, to the right in a column of figures, and two spaces between.
    sides = ["" if column.numeric else "-" for column in table.columns]
    layout = "  ".join(f"%{side}{width}s" for side, width in zip(sides, widths, strict=True))
    head = [say(table.title, locale), "", (layout % tuple(names)).rstrip(), "  ".join("-" * width for width in widths)]
    out.write("\n".join(head) + "\n")
    lines = map(str.rstrip, map(layout.__mod__, zip(*columns, strict=True)))
    while chunk := list(islice(lines, ROWS_AT_A_TIME)):
        out.write("\n".join(chunk) + "\n")
    _write_footnotes(table, locale, out)


ROWS_AT_A_TIME = 4096  # never a big table as one string


def _write_footnotes(table: Table, locale: Locale, out: TextIO) -> None:
    if table.footnotes:
        out.write("\n" + "\n".join(footnote_lines(table, locale)) + "\n")


def markdown_text(text: str) -> str:
    """Text that Markdown (GitHub's, cmark-gfm) shows as written: its markup characters escaped,
    and `|`, which would split a table's row; and no link made of it, which GitHub's autolinker
    makes of `https://…` and `www.…` (taking a footnote mark after it into the link): an escaped
    `:` or `.` there shows as itself but starts no link."""
    return _AUTOLINK.sub(r"\\\g<0>", text.translate(_MARKDOWN))


_MARKDOWN = str.maketrans({char: "\\" + char for char in "\\`*_[]<>|~&#!"})
_AUTOLINK = re.compile(r"(?i)(?<=www)\.|:(?=//)")


def write_markdown(table: Table, locale: Locale, out: TextIO) -> None:
    from tabulate import tabulate

    columns = columns_as_text(table, table.rows, locale)
    if table.rows:
        names = [markdown_text(name) for name in columns[0]]
        columns[0] = marked(table, names, lambda name, number: name + superscript(number))
    rows = [list(row) for row in zip(*columns, strict=True)] if table.rows else []
    for row in rows_as_text(table, table.footer, locale):
        rows.append(
            [f"**{markdown_text(cell) if number == 0 else cell}**" if cell else cell for number, cell in enumerate(row)]
        )
    names = [markdown_text(header) for header in headers(table, locale)]
    text = tabulate(rows, headers=names, tablefmt="pipe", colalign=alignments(table), disable_numparse=True)
    out.write(f"**{markdown_text(say(table.title, locale))}**\n\n{text}\n")
    if table.footnotes:
        out.write("\n" + "\n\n".join(markdown_text(line) for line in footnote_lines(table, locale)) + "\n")


def _tabulate_writer(name: str) -> Writer:
    def write(table: Table, locale: Locale, out: TextIO) -> None:
        from tabulate import tabulate

        columns = _marked_columns(table, locale)
        rows = [list(row) for row in zip(*columns, strict=True)] if table.rows else []
        rows += rows_as_text(table, table.footer, locale)
        names = headers(table, locale)
        out.write(tabulate(rows, headers=names, tablefmt=name, colalign=alignments(table), disable_numparse=True))
        out.write("\n")
        if name != "tsv":  # data for scripts: no lines under it
            _write_footnotes(table, locale, out)

    return Writer(write)


TABULATE_FORMATS = (
    Format.GRID,
    Format.SIMPLE_GRID,
    Format.ROUNDED_GRID,
    Format.FANCY_GRID,
    Format.ORGTBL,
    Format.RST,
    Format.MEDIAWIKI,
    Format.LATEX,
    Format.LATEX_BOOKTABS,
    Format.ASCIIDOC,
    Format.JIRA,
    Format.TEXTILE,
    Format.TSV,
)

WRITERS: dict[Format, Writer] = {
    Format.RICH: Writer(write_rich),
    Format.PLAIN: Writer(write_plain),
    Format.MARKDOWN: Writer(write_markdown),
    **{fmt: _tabulate_writer(fmt.value) for fmt in TABULATE_FORMATS},
}


def write_textconv(budget: Budget, locale: Locale, out: TextIO) -> None:
    """A year as git diff shows it (diff.trygg.textconv): a title line, then one line per item,
    `id  amount unit  name`, and the total: a line changes only where its item did, so a rename
    to a longer name re-pads nothing."""
    from trygg_cli.render.numbers import with_units

    title = say(words("titled", title=budget.title or words("budget_of", year=budget.year), unit=budget.unit), locale)
    amounts = with_units([item.amount for item in budget.items] + [budget.total], budget.unit, locale)
    out.write(title + "\n\n")
    for item, amount in zip(budget.items, amounts, strict=False):
        out.write(f"{item.id}  {amount}  {item.name}\n")
    out.write(f"\n{say(words('textconv.total'), locale)}  {amounts[-1]}\n")
