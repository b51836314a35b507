"""Text tables: rich on a terminal, the plain layout for pipes, Markdown, and tabulate's formats."""

from __future__ import annotations

from typing import TextIO

from trygg_cli.render.cells import alignments, columns_as_text, headers, rows_as_text
from trygg_cli.render.formats import Format, Writer
from trygg_cli.render.locale import Locale
from trygg_cli.render.views import Table
from trygg_cli.render.words import say


def write_rich(table: Table, locale: Locale, out: TextIO) -> None:
    from rich import box
    from rich.console import Console
    from rich.table import Table as RichTable

    grid = RichTable(title=say(table.title, locale), box=box.SIMPLE_HEAD, title_justify="left", title_style="bold")
    for header, align in zip(headers(table, locale), alignments(table), strict=True):
        grid.add_column(header, justify="right" if align == "right" else "left", no_wrap=align == "right")
    styles = table.styles or ("",) * len(table.rows)
    for number, (row, style) in enumerate(zip(rows_as_text(table, table.rows, locale), styles, strict=True), start=1):
        grid.add_row(*row, style=style or None, end_section=number == len(table.rows) and bool(table.footer))
    for row in rows_as_text(table, table.footer, locale):
        grid.add_row(*row, style="bold")
    Console(file=out, highlight=False).print(grid)


def write_plain(table: Table, locale: Locale, out: TextIO) -> None:
    """tabulate's "simple" layout, laid out here: this is the path pipes take with big years."""
    columns = columns_as_text(table, table.rows, locale)
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


ROWS_AT_A_TIME = 4096  # never a big table as one string


def write_markdown(table: Table, locale: Locale, out: TextIO) -> None:
    from tabulate import tabulate

    rows = rows_as_text(table, table.rows, locale) + [
        [f"**{cell}**" if cell else cell for cell in row] for row in rows_as_text(table, table.footer, locale)
    ]
    text = tabulate(
        rows, headers=headers(table, locale), tablefmt="pipe", colalign=alignments(table), disable_numparse=True
    )
    out.write(f"**{say(table.title, locale)}**\n\n{text}\n")


def _tabulate_writer(name: str) -> Writer:
    def write(table: Table, locale: Locale, out: TextIO) -> None:
        from tabulate import tabulate

        rows = rows_as_text(table, (*table.rows, *table.footer), locale)
        names = headers(table, locale)
        out.write(tabulate(rows, headers=names, tablefmt=name, colalign=alignments(table), disable_numparse=True))
        out.write("\n")

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
