"""A table's cells as text in the reader's language: the one way every writer writes a cell."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import cast

from trygg_cli.render import numbers
from trygg_cli.render.locale import Locale
from trygg_cli.render.views import Cell, Column, ColumnRows, Kind, Table
from trygg_cli.render.words import say


def column_as_text(column: Column, cells: Sequence[Cell], table: Table, locale: Locale) -> list[str]:
    """One column's cells as a reader of `locale` writes them."""
    kinds = set(map(type, cells))
    if column.kind is Kind.TEXT and kinds == {str}:  # (as they are: a pass in C)
        return cast(list[str], list(cells))
    figures = (
        cast(list[Decimal], cells) if kinds == {Decimal} else [cell for cell in cells if isinstance(cell, Decimal)]
    )
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
    columns = rows.columns if isinstance(rows, ColumnRows) else zip(*rows, strict=True)
    by_column = zip(table.columns, columns, strict=True)
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


# An amount with its unit or per cent sign (1 234,5 mkr, -60,0 %), a voucher (A 12, as trygg
# writes one) and a paragraph of a decision (§ 112): what a line must never break inside.
_GLUED = re.compile(
    r"(?<![\w,.])[-+\u2212]?\d{1,3}(?:[ \u00a0]\d{3})*(?:[,.]\d+)?(?: ?(?:%|kr|tkr|mkr|SEK)(?!\w))?"
    r"|\b[A-ZÅÄÖ]{1,3} \d+\b"
    r"|§ \d+"
)
NBSP = "\u00a0"


def glued(text: str) -> str:
    """`text` with a no-break space inside each amount with its unit and each voucher."""
    return _GLUED.sub(lambda found: found.group().replace(" ", NBSP), text)


def words_of(text: str) -> list[str]:
    """The pieces a line may break between: words, with an amount and its unit one piece."""
    return glued(text).split() or [""]


def fit(natural: Sequence[float], least: Sequence[float], room: float) -> list[float] | None:
    """Column widths in `room`: each column's `natural` width where they all fit; else each at
    least its `least` (a text column wraps between its words down to its longest), and what is
    left shared out as water fills a row of tanks: the narrow columns get all they want, the
    wide ones the same level each. None where not even the least widths fit."""
    if sum(least) > room:
        return None
    if sum(natural) <= room:
        return list(natural)
    low, high = 0.0, float(max(natural))
    for _ in range(60):  # the level at which the columns fill the room
        level = (low + high) / 2
        if sum(min(max(level, small), big) for small, big in zip(least, natural, strict=True)) > room:
            high = level
        else:
            low = level
    return [min(max(low, small), big) for small, big in zip(least, natural, strict=True)]


def fit_cells(natural: Sequence[int], least: Sequence[int], room: int) -> list[int] | None:
    """`fit` in whole characters: rounded down, what is left given to the columns still short
    of their natural width, the first first."""
    widths = fit(natural, least, room)
    if widths is None:
        return None
    whole = [max(int(width), low) for width, low in zip(widths, least, strict=True)]
    spare = room - sum(whole)
    for n, width in enumerate(whole):
        if spare <= 0:
            break
        more = min(spare, natural[n] - width)
        if more > 0:
            whole[n] += more
            spare -= more
    return whole
