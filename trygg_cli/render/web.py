"""A web page: one standalone, accessible HTML table, to publish or to paste into Word."""

from __future__ import annotations

import re
from html import escape
from typing import TextIO

from trygg_cli.render.cells import columns_as_text, footnote_lines, glued, headers, marked, rows_as_text
from trygg_cli.render.formats import Format, Writer
from trygg_cli.render.locale import Locale
from trygg_cli.render.views import Table
from trygg_cli.render.words import say

# Inline styles, because Word keeps inline styles when a table is pasted.
_FONT = "font-family:Arial,Helvetica,'Liberation Sans',sans-serif;font-size:11pt"
_CELL = "padding:3px 10px;border-bottom:1px solid #d0d0d0;vertical-align:top"
_LEFT = f"{_CELL};text-align:left;font-weight:normal"
_RIGHT = f"{_CELL};text-align:right;white-space:nowrap"
_HEAD = "padding:3px 10px;vertical-align:bottom;font-weight:bold;border-bottom:1.5px solid #000000"
_SUM = ";font-weight:bold;border-top:1.5px solid #000000;border-bottom:none"
_NBSP = "\u00a0"
_LONG = 60  # characters: text this long wraps in a column at least 14em wide

# A date never breaks over two lines (a browser breaks at its hyphens), nor an amount with its
# unit or a voucher (`cells.glued`), in a name, a header or a note.
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def write_html(table: Table, locale: Locale, out: TextIO) -> None:
    """A caption, header cells with scope, names in normal weight and numbers aligned right on
    one line (a no-break space between thousands and before %), the Summa row bold under a
    rule, and the footnotes below."""

    def row_html(cells: list[str], extra: str) -> str:
        parts = []
        for index, (text, column) in enumerate(zip(cells, table.columns, strict=True)):
            style = (_RIGHT if column.numeric else _LEFT) + extra
            body = text.replace(" ", _NBSP) if column.numeric else _unbroken(text)
            tag = "th" if index == 0 else "td"
            scope = ' scope="row"' if index == 0 else ""
            parts.append(f'<{tag}{scope} style="{style}">{body}</{tag}>')
        return "    <tr>" + "".join(parts) + "</tr>\n"

    columns = [[escape(text) for text in column] for column in columns_as_text(table, table.rows, locale)]
    if table.rows:
        columns[0] = marked(table, columns[0], lambda name, number: f'{name}<sup style="line-height:0">{number}</sup>')
    body = "".join(row_html(list(cells), "") for cells in zip(*columns, strict=True))
    footer = [[escape(text) for text in row] for row in rows_as_text(table, table.footer, locale)]
    foot = "".join(row_html(cells, _SUM if number == 0 else ";font-weight:bold") for number, cells in enumerate(footer))
    # A column of long text (a log's changes) keeps a readable width on a narrow screen, where the
    # table scrolls, rather than shrink to its longest word and run down the page.
    long = [max(map(len, cells), default=0) > _LONG for cells in columns_as_text(table, table.rows, locale)]
    header = "".join(
        f'<th scope="col" style="{_HEAD};text-align:{"right" if column.numeric else "left"}'
        f'{";min-width:14em" if wide else ""}">{_text(name)}</th>'
        for column, name, wide in zip(table.columns, headers(table, locale), long, strict=True)
    )
    notes = "".join(
        f'<p style="{_FONT};font-size:9pt;margin:4px 0">{_text(line)}</p>\n'
        for line in footnote_lines(table, locale, lambda number: f"{number}.")
    )
    title = say(table.title, locale)
    out.write(
        "<!DOCTYPE html>\n"
        f'<html lang="{locale.value}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(title)}</title>\n</head>\n<body>\n"
        # A table wider than the screen scrolls inside its box; the page itself stays as wide as the screen.
        '<div style="overflow-x:auto;max-width:100%">\n'
        f'<table style="border-collapse:collapse;{_FONT};font-variant-numeric:tabular-nums">\n'
        f'  <caption style="text-align:left;font-weight:bold;padding:0 0 6px 0">{_text(title)}</caption>\n'
        f"  <thead>\n    <tr>{header}</tr>\n  </thead>\n"
        f"  <tbody>\n{body}  </tbody>\n"
        + (f"  <tfoot>\n{foot}  </tfoot>\n" if foot else "")
        + "</table>\n</div>\n"
        + notes
        + "</body>\n</html>\n"
    )


def _text(text: str) -> str:
    """Text as HTML: escaped, and kept whole where it must not break."""
    return _unbroken(escape(text))


def _unbroken(escaped: str) -> str:
    """Escaped text with its dates, amounts with units and vouchers kept on one line: a no-break
    space inside each, and a date in a span that does not wrap (which copies as the date itself)."""
    return _DATE.sub(lambda found: f'<span style="white-space:nowrap">{found.group()}</span>', glued(escaped))


WRITERS: dict[Format, Writer] = {Format.HTML: Writer(write_html)}
