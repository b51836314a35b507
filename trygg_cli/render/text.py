"""Text tables: rich on a terminal, the plain layout for pipes, Markdown, and tabulate's formats."""

from __future__ import annotations

import re
from typing import Any, TextIO

from trygg_cli.render.cells import (
    alignments,
    columns_as_text,
    footnote_lines,
    headers,
    marked,
    rows_as_text,
    superscript,
)
from trygg_cli.render.formats import Format, Writer
from trygg_cli.render.locale import Locale
from trygg_cli.render.views import Table
from trygg_cli.render.words import say


def write_rich(table: Table, locale: Locale, out: TextIO) -> None:
    """Names wrap where the terminal is narrow; numbers are never cut (their headers may wrap)."""
    from rich import box
    from rich.console import Console
    from rich.table import Table as RichTable
    from rich.text import Text

    console = Console(file=out, highlight=False)
    columns = _marked_columns(table, locale)
    footer = columns_as_text(table, table.footer, locale)
    cells: list[list[str | Text]] = [list(column) for column in columns]
    below: list[list[str | Text]] = [list(column) for column in footer]
    for number, column in enumerate(table.columns):  # 2 000 and -60,0 % never break over lines
        if column.numeric:
            cells[number] = [Text(cell, no_wrap=True) for cell in columns[number]]
            below[number] = [Text(cell, no_wrap=True) for cell in footer[number]]
    names = headers(table, locale)
    widest = [max(map(len, [*cells, *below]), default=1) for cells, below in zip(columns, footer, strict=True)]
    numeric = [number for number, column in enumerate(table.columns) if column.numeric]
    # Each number column as wide as its header, if that leaves a name room; else as its widest cell.
    roomy = sum(max(widest[n], len(names[n])) + 3 for n in numeric) + _NAME_ROOM <= console.width
    grid = RichTable(
        title=say(table.title, locale),
        box=box.SIMPLE_HEAD,
        title_justify="left",
        title_style="bold",
        padding=(0, 1 if roomy else 0),
        pad_edge=False,
    )
    # Where the whole headers do not fit, they wrap between their words (never inside one).
    widths = {n: max(widest[n], len(names[n]) if roomy else max(map(len, names[n].split()))) for n in numeric}
    # Three spaces between columns (one where the terminal is narrow), one at each edge: what is
    # left is the name's.
    gap = 3 if roomy else 1
    room = console.width - sum(widths.values()) - gap * (len(table.columns) - 1) - 2
    if room < _NAME_ROOM and len(numeric) > 1:  # too narrow for a table: each row as a block
        _write_stacked(table, locale, console, columns, footer)
        return
    for number, (header, column) in enumerate(zip(names, table.columns, strict=True)):
        if column.numeric:
            grid.add_column(header, justify="right", width=widths[number])
        else:  # the room that is left, so a long word folds rather than crowd out a number
            grid.add_column(header, overflow="fold", width=max(1, min(max(widest[number], len(header)), room)))
    rows = list(zip(*cells, strict=True))
    styles = table.styles or ("",) * len(rows)
    for number, (row, style) in enumerate(zip(rows, styles, strict=True), start=1):
        grid.add_row(*row, style=style or None, end_section=number == len(rows) and bool(table.footer))
    for row in zip(*below, strict=True):
        grid.add_row(*row, style="bold")
    console.print(grid)
    for line in footnote_lines(table, locale):
        console.print(line, highlight=False, markup=False)


_NAME_ROOM = 12  # the least a name column is given before number headers wrap instead


def _write_stacked(
    table: Table, locale: Locale, console: Any, columns: list[list[str]], footer: list[list[str]]
) -> None:
    """A table too wide for the terminal, row by row: the name on a line of its own, then each
    figure after its header, as many to a line as fit; a figure never breaks."""
    names = headers(table, locale)
    console.print(say(table.title, locale), style="bold", highlight=False, markup=False)
    rows = [
        (row, style)
        for row, style in zip(zip(*columns, strict=True), table.styles or ("",) * len(table.rows), strict=True)
    ]
    rows += [(row, "bold") for row in zip(*footer, strict=True)]
    for row, style in rows:
        console.print()
        console.print(row[0], style=style or None, highlight=False, markup=False)
        lines, line = [], "  "
        for header, cell in zip(names[1:], row[1:], strict=True):
            if not cell:
                continue
            pair = f"{header} {cell}".replace(" ", "\u00a0")  # kept whole when the line wraps
            if len(line) + len(pair) + 2 > console.width and line.strip():
                lines.append(line)
                line = "  "
            line += pair + "  "
        lines.append(line)
        for text in lines:
            console.print(text.rstrip(), style=style or None, highlight=False, markup=False, no_wrap=True)
    console.print()
    for note in footnote_lines(table, locale):
        console.print(note, highlight=False, markup=False)


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
    # One %-format per row pads every cell in C.
    layout = "  ".join(
        f"%{'' if column.numeric else '-'}{width}s" for column, width in zip(table.columns, widths, strict=True)
    )
    head = [say(table.title, locale), "", (layout % tuple(names)).rstrip(), "  ".join("-" * width for width in widths)]
    out.write("\n".join(head) + "\n")
    rows = list(zip(*columns, strict=True))
    for start in range(0, len(rows), ROWS_AT_A_TIME):
        lines = [(layout % row).rstrip() for row in rows[start : start + ROWS_AT_A_TIME]]
        out.write("\n".join(lines) + "\n")
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
