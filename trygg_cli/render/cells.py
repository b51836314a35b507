"""A table's cells as text in the reader's language: the one way every writer writes a cell."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal

from trygg_cli.render import numbers
from trygg_cli.render.locale import Locale
from trygg_cli.render.views import Cell, Column, Kind, Table
from trygg_cli.render.words import say


def column_as_text(column: Column, cells: Sequence[Cell], table: Table, locale: Locale) -> list[str]:
    """One column's cells as a reader of `locale` writes them."""
    figures = [cell for cell in cells if isinstance(cell, Decimal)]
    if column.kind is Kind.PERCENT:
        empty, written = "–", numbers.percents(figures, locale)
    elif column.kind is Kind.SHARE:
        empty, written = "–", numbers.shares(figures, locale)
    else:
        signed = column.kind is Kind.CHANGE
        empty, written = "", numbers.numbers(figures, table.decimals, locale, signed=signed)
    if len(written) == len(cells):  # figures only, as amount columns are
        return written
    numbered = iter(written)
    return [
        cell
        if isinstance(cell, str)
        else empty
        if cell is None
        else next(numbered)
        if isinstance(cell, Decimal)
        else say(cell, locale)
        for cell in cells
    ]


def columns_as_text(table: Table, rows: Sequence[tuple[Cell, ...]], locale: Locale) -> list[list[str]]:
    """The columns of `rows` as text, each written in one pass."""
    if not rows:
        return [[] for _ in table.columns]
    by_column = zip(table.columns, zip(*rows, strict=True), strict=True)
    return [column_as_text(column, cells, table, locale) for column, cells in by_column]


def rows_as_text(table: Table, rows: Sequence[tuple[Cell, ...]], locale: Locale) -> list[list[str]]:
    """Rows of cells as text, each column written its own way."""
    return [list(row) for row in zip(*columns_as_text(table, rows, locale), strict=True)]


def headers(table: Table, locale: Locale) -> list[str]:
    return [say(column.header, locale) for column in table.columns]


def alignments(table: Table) -> list[str]:
    return ["right" if column.numeric else "left" for column in table.columns]


_SUPERSCRIPTS = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


def superscript(number: int) -> str:
    return str(number).translate(_SUPERSCRIPTS)


def marked(table: Table, names: list[str], mark: Callable[[str, int], str]) -> list[str]:
    """The first column's texts with each row's footnote number put to its name by `mark`."""
    if not table.marks:
        return names
    return [name if number is None else mark(name, number) for name, number in zip(names, table.marks, strict=False)]


def footnote_lines(table: Table, locale: Locale, mark: Callable[[int], str] = superscript) -> list[str]:
    """The lines under a table: numbered notes (`mark` writes the number), then notes on the table."""
    return [
        say(note.text, locale) if note.number is None else f"{mark(note.number)} {say(note.text, locale)}"
        for note in table.footnotes
    ]
