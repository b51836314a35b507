"""A web page: one standalone, accessible HTML table, to publish or to paste into Word."""

from __future__ import annotations

from typing import TextIO

from trygg_cli.render.cells import headers, rows_as_text
from trygg_cli.render.formats import Format, Writer
from trygg_cli.render.locale import Locale
from trygg_cli.render.views import Table
from trygg_cli.render.words import say


def write_html(table: Table, locale: Locale, out: TextIO) -> None:
    """A caption, header cells with scope, numbers aligned right. Styles are inline, because Word
    keeps inline styles when the table is pasted."""
    from html import escape

    right = ' style="text-align:right;padding:2px 8px"'
    left = ' style="text-align:left;padding:2px 8px"'

    def row_html(cells: list[str], bold: bool) -> str:
        parts = []
        for index, (text, column) in enumerate(zip(cells, table.columns, strict=True)):
            style = right if column.numeric else left
            if bold:
                style = style[:-1] + ';font-weight:bold"'
            tag = f'th scope="row"{style}' if index == 0 else f"td{style}"
            parts.append(f"<{tag}>{escape(text)}</{tag.split(maxsplit=1)[0]}>")
        return "    <tr>" + "".join(parts) + "</tr>\n"

    header = "".join(
        f'<th scope="col"{right if column.numeric else left}>{escape(name)}</th>'
        for column, name in zip(table.columns, headers(table, locale), strict=True)
    )
    body = "".join(row_html(cells, False) for cells in rows_as_text(table, table.rows, locale))
    foot = "".join(row_html(cells, True) for cells in rows_as_text(table, table.footer, locale))
    title = escape(say(table.title, locale))
    out.write(
        "<!DOCTYPE html>\n"
        f'<html lang="{locale.value}">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{title}</title>\n</head>\n<body>\n"
        '<table style="border-collapse:collapse;font-variant-numeric:tabular-nums">\n'
        f'  <caption style="text-align:left;font-weight:bold">{title}</caption>\n'
        f"  <thead>\n    <tr>{header}</tr>\n  </thead>\n"
        f"  <tbody>\n{body}  </tbody>\n"
        + (f"  <tfoot>\n{foot}  </tfoot>\n" if foot else "")
        + "</table>\n</body>\n</html>\n"
    )


WRITERS: dict[Format, Writer] = {Format.HTML: Writer(write_html)}
