"""Spreadsheets: CSV that Excel opens right with a double click and scripts read as data, and an
Excel workbook that reads, recomputes and prints right. A user's text is a text cell in both,
never a formula."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import IO, Any, TextIO

from trygg_cli.extras import missing_extra
from trygg_cli.render import numbers
from trygg_cli.render.cells import fit_cells, footnote_lines, headers, rows_as_text, words_of
from trygg_cli.render.formats import Format, Writer
from trygg_cli.render.labels import Words, words
from trygg_cli.render.locale import Locale
from trygg_cli.render.views import Cell, Column, Kind, Table
from trygg_cli.render.words import say

# What a spreadsheet may take for the start of a formula (OWASP's CSV injection guidance).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutral(text: str) -> str:
    """A text field no spreadsheet runs as a formula: one that starts like a formula gets a `'`
    in front, which Excel and LibreOffice show as text (as does one that starts with a `'`, so
    a reader drops exactly one `'` from a field that starts with one)."""
    return "'" + text if text.startswith((*_FORMULA_START, "'")) else text


# What a spreadsheet opening a CSV reads as a number, a date, a time or a truth value rather
# than text, in Swedish or English settings: 2847772, 8143e83 (8,14E+86), 1,5, 50 %, (12),
# 1,5 kr, 2021-08-31, 8/31, 12:30, 1 mars, mars 2021, SANT.
_MONTH = r"(?:jan|feb|mar|apr|maj|may|jun|jul|aug|sep|okt|oct|nov|dec)[a-zåäö]*\.?"
_READ_AS_DATA = re.compile(
    rf"""(?ix)^\s*(?:
        [-+(]?\s*[$€£]?\s*[\d.,\s\u00a0]*\d[\d.,\s\u00a0]*(?:e[-+]?\d+)?\s*(?:%|kr|sek|[$€£])?\s*\)?
      | \d+\s*[-/.:]\s*\d+(?:\s*[-/.:]\s*\d+)*(?:\s*[ap]\.?m\.?)?
      | true|false|sant|falskt
      | \d{{1,2}}[-\s./]*{_MONTH}(?:[-\s./,]*\d{{2,4}})?
      | {_MONTH}[-\s./]*\d{{1,4}}(?:[-\s./,]+\d{{2,4}})?
    )\s*$"""
)


def as_text(text: str) -> str:
    """A text field that stays text when a spreadsheet opens the CSV: besides `neutral`'s guard,
    one that a spreadsheet would read as a number or a date (a commit 8143e83 would become
    8,14E+86; an id 2847772 a number; a name "1,5" the number 1,5) gets the same `'` in front.
    Excel and LibreOffice show it as text, with the `'`; a script drops one leading `'` from a
    text field, as from a guarded formula. (`="8143e83"`, which a spreadsheet shows without the
    mark, is a formula, and reaches pandas as that formula: user text is never one.)"""
    return "'" + text if _READ_AS_DATA.match(text) else neutral(text)


def column_headers(table: Table, locale: Locale) -> list[str]:
    """Headers for data: an amount column says its unit, `2020 (mkr)`, as no title is there."""
    names = headers(table, locale)
    if table.unit is None:
        return names
    return [
        say(words("with_unit", header=name, unit=table.unit.value), locale)
        if column.kind in (Kind.AMOUNT, Kind.CHANGE)
        else name
        for name, column in zip(names, table.columns, strict=True)
    ]


def _notes_by_row(table: Table, locale: Locale) -> list[str]:
    texts = {note.number: note.text for note in table.footnotes if note.number is not None}
    return [say(texts[number], locale) if number is not None else "" for number in table.marks]


def write_csv(table: Table, locale: Locale, out: TextIO) -> None:
    """UTF-8 with a BOM, so Excel's double click reads å, ä and ö; in Swedish `;` and a decimal
    comma, in English plain RFC 4180 (comma, decimal point). Data only: no title or footnotes;
    notes, when asked for, in a column of their own."""
    import csv

    out.write("\ufeff")
    writer = csv.writer(out, delimiter=";" if locale is Locale.SV else ",", lineterminator="\r\n")
    notes = _notes_by_row(table, locale)
    header = column_headers(table, locale) + ([say(words("note"), locale)] if notes else [])
    writer.writerow([neutral(name) for name in header])
    for number, row in enumerate((*table.rows, *table.footer)):
        cells = [_csv_cell(cell, column, table, locale) for cell, column in zip(row, table.columns, strict=True)]
        if notes:
            cells.append(as_text(notes[number]) if number < len(notes) else "")
        writer.writerow(cells)


def _csv_cell(cell: Cell, column: Column, table: Table, locale: Locale) -> str:
    if cell is None:
        return ""
    if not isinstance(cell, Decimal):  # a column of figures as text (a count) may be read as figures
        return neutral(say(cell, locale)) if column.right else as_text(say(cell, locale))
    decimals = 1 if column.kind in (Kind.PERCENT, Kind.SHARE) else table.decimals
    return numbers.number(cell, decimals, locale, grouped=False)


def sheet_name(table: Table) -> str:
    """The sheet named for its content (the years), as Excel allows a sheet name."""
    return re.sub(r"[\[\]:*?/\\]", "-", table.name)[:31] or "trygg"


# What a page holds, in characters of the sheet's font (Arial 10: a column of width w is about
# 7w + 5 pixels): A4 less Excel's default margins of 0.7 inch a side, portrait and landscape.
_PORTRAIT_CHARACTERS = 90
_LANDSCAPE_CHARACTERS = 136
_SMALLEST_SCALE = 0.8  # printed at 8 pt or more: never shrunk below this to fit one page wide
_KEEP = 30  # a text column no wider than this (a date, a commit, a person) keeps its width
_NAME_ROOM = 12  # the least a long text column is given, however long its words
_LINE = 14  # points: a line of wrapped Arial 10 (Excel sets 12.75 a row; LibreOffice needs 14)


def write_workbook(table: Table, locale: Locale, out: IO[bytes]) -> None:
    """Numbers with number formats; formulas where a cell follows from others (so an edit
    recomputes), each stored with its value (so a reader that does not recompute shows it);
    one font throughout; printed one page wide with the header row on every page."""
    try:
        import xlsxwriter
    except ImportError:
        raise missing_extra("xlsx", "XlsxWriter", "excel") from None
    book = xlsxwriter.Workbook(out, {"default_format_properties": {"font_name": "Arial", "font_size": 10}})
    sheet = book.add_worksheet(sheet_name(table))
    layout = _Layout(table, locale)
    styles = _Styles(book, table)
    title = say(table.title, locale)
    sheet.write_string(0, 0, title, styles.title)
    for number, (name, column) in enumerate(zip(layout.headers, layout.columns, strict=True)):
        sheet.write_string(layout.header_row, number, name, styles.header(column))
    for offset, row in enumerate((*table.rows, *table.footer)):
        layout.write_row(sheet, styles, offset, row)
    below = layout.first + len(table.rows) + len(table.footer) + 1
    for number, line in enumerate(footnote_lines(table, locale, str)):
        sheet.write_string(below + number, 0, line, styles.footnote)
    widths, landscape = layout.widths()
    for number, width in enumerate(widths):
        sheet.set_column(number, number, width)
    for at, lines in layout.lines(widths).items():  # a program may not measure wrapped text itself
        sheet.set_row(at, _LINE * lines + 2)
    sheet.freeze_panes(layout.first, 0)
    sheet.set_paper(9)  # A4
    if landscape:
        sheet.set_landscape()
    sheet.fit_to_pages(1, 0)
    sheet.repeat_rows(layout.header_row)
    sheet.set_header("&L&B" + title.replace("&", "&&"))
    book.close()


class _Styles:
    """The workbook's cell formats, made once each."""

    def __init__(self, book: Any, table: Table) -> None:
        amount = "#,##0" + ("." + "0" * table.decimals if table.decimals else "")
        self.numbers = {
            Kind.AMOUNT: amount,
            Kind.CHANGE: f"+{amount};-{amount};{amount}",
            Kind.PERCENT: "+0.0%;-0.0%;0.0%",
            Kind.SHARE: "0.0%",
        }
        self.book = book
        self.made: dict[tuple[Any, ...], Any] = {}
        self.title = book.add_format({"bold": True, "font_size": 12})
        self.footnote = book.add_format({"italic": False, "font_size": 9})

    def get(self, kind: Kind | None, *, bold: bool = False, rule: bool = False, header: bool = False) -> Any:
        key = (kind, bold, rule, header)
        if key not in self.made:
            # Text wraps between words where its column is narrower than it; a number never does.
            properties: dict[str, Any] = {"bold": bold or header, "valign": "top", "text_wrap": kind is None}
            if kind in self.numbers and not header:
                properties["num_format"] = self.numbers[kind]
            properties["align"] = "left" if kind is None else "right"
            if rule:
                properties["top"] = 1
            if header:
                properties["bottom"] = 1
                properties["text_wrap"] = True
            self.made[key] = self.book.add_format(properties)
        return self.made[key]

    def header(self, column: Column) -> Any:
        return self.get(column.kind if column.numeric else None, header=True)


class _Layout:
    """Where each cell of the table goes in the sheet, and what it holds."""

    header_row = 2
    first = 3

    def __init__(self, table: Table, locale: Locale) -> None:
        self.table = table
        self.columns: list[Column] = list(table.columns)
        self.headers = column_headers(table, locale)
        self.notes = table.marks if table.footnotes and table.marks else ()
        if self.notes:  # the note's number in a column of its own: a name cell stays the name
            self.columns.insert(1, Column(words("note"), right=True))
            self.headers.insert(1, say(words("note"), locale))
        self.texts = rows_as_text(table, (*table.rows, *table.footer), locale)
        self.locale = locale
        self.sum_row = self.first + len(table.rows)

    def place(self, column: int) -> int:
        """A table column's place in the sheet."""
        return column + 1 if self.notes and column >= 1 else column

    def letter(self, column: int) -> str:
        from xlsxwriter.utility import xl_col_to_name

        return str(xl_col_to_name(self.place(column)))

    def write_row(self, sheet: Any, styles: _Styles, offset: int, row: tuple[Cell, ...]) -> None:
        number = self.first + offset
        in_footer = offset >= len(self.table.rows)
        is_sum = offset == len(self.table.rows)
        bold = in_footer
        if self.notes:
            note_style = styles.get(Kind.TEXT, bold=bold, rule=is_sum)
            if not in_footer and self.notes[offset] is not None:
                sheet.write_number(number, 1, self.notes[offset], note_style)
            else:
                sheet.write_blank(number, 1, None, note_style)
        for index, (value, column) in enumerate(zip(row, self.table.columns, strict=True)):
            style = styles.get(column.kind if column.numeric else None, bold=bold, rule=is_sum)
            place = self.place(index)
            percent = column.kind in (Kind.PERCENT, Kind.SHARE)
            if isinstance(value, str | Words) or (value is None and not percent):
                text = "" if value is None else value if isinstance(value, str) else say(value, self.locale)
                sheet.write_string(number, place, text, style)
                continue
            formula = self.formula(column, index, number, is_sum)
            cached: Any = value
            if percent:
                cached = "" if value is None else value / 100
            if formula is None:
                if cached == "":
                    sheet.write_blank(number, place, None, style)
                else:
                    sheet.write_number(number, place, cached, style)
            else:
                sheet.write_formula(number, place, formula, style, cached)

    def formula(self, column: Column, index: int, number: int, is_sum: bool) -> str | None:
        """The formula a cell follows from, in Excel's 1-based rows; None for a plain number."""
        row = number + 1
        if column.of is not None and column.kind in (Kind.CHANGE, Kind.PERCENT):
            old, new = (f"{self.letter(i)}{row}" for i in column.of)
            return f"={new}-{old}" if column.kind is Kind.CHANGE else f'=IF({old}=0,"",({new}-{old})/{old})'
        if column.of is not None and column.kind is Kind.SHARE and number <= self.sum_row:
            amount, whole = f"{self.letter(column.of[0])}{row}", f"{self.letter(column.of[0])}${self.sum_row + 1}"
            return f'=IF({whole}=0,"",{amount}/{whole})'
        if column.across is not None and column.kind is Kind.AMOUNT:  # the year of its months
            return f"=SUM({self.letter(column.across[0])}{row}:{self.letter(column.across[-1])}{row})"
        if is_sum and column.kind is Kind.AMOUNT and column.summed and self.table.rows:
            letter = self.letter(index)
            return f"=SUM({letter}{self.first + 1}:{letter}{self.sum_row})"
        return None

    def widths(self) -> tuple[list[int], bool]:
        """Each sheet column's width in characters, and whether the page turns to landscape.

        A column would be as wide as its header and cells (the title may run over). Where the
        columns do not fit the page, a short text column (a date, a commit, a person) keeps its
        width, a long one wraps between its words down to its longest (a number's header between
        its words), the room shared as `cells.fit` shares it; landscape only where portrait cannot
        hold that. Where even landscape cannot, long text wraps inside its words, so the page is
        printed one page wide at 80 % or more, never shrunk to a 3 pt scrawl."""
        natural, least, loose = [], [], []
        for place, header in enumerate(self.headers):
            column = [row[place - 1 if self.notes and place >= 1 else place] for row in self.texts]
            shown = [] if self.notes and place == 1 else column
            widest = max((len(text) for text in shown), default=0)
            natural.append(max(widest, len(header)) + 2)
            header_word = max(len(word) for word in words_of(header))
            if self.columns[place].numeric:
                least.append(max(widest, header_word) + 2)
                loose.append(least[-1])
            elif natural[-1] <= _KEEP + 2:
                least.append(natural[-1])
                loose.append(natural[-1])
            else:
                word = max(len(word) for text in [header, *shown] for word in words_of(text))
                least.append(max(word, header_word, _NAME_ROOM) + 2)
                loose.append(_NAME_ROOM + 2)
        for room, landscape in ((_PORTRAIT_CHARACTERS, False), (_LANDSCAPE_CHARACTERS, True)):
            widths = fit_cells(natural, least, room - len(natural))
            if widths is not None:
                return widths, landscape
        room = int(_LANDSCAPE_CHARACTERS / _SMALLEST_SCALE) - len(natural)
        return fit_cells(natural, loose, room) or loose, True

    def lines(self, widths: list[int]) -> dict[int, int]:
        """The rows whose wrapped text takes more than one line, and how many it takes (a column
        unit is a digit's width, a little wider than Arial's letters on average)."""
        import textwrap

        def count(text: str, width: int) -> int:
            return len(textwrap.wrap(text, max(int(width * 1.1), 1), break_on_hyphens=False)) or 1

        found: dict[int, int] = {}
        header = max(count(name, width) for name, width in zip(self.headers, widths, strict=True))
        if header > 1:
            found[self.header_row] = header
        for offset, row in enumerate(self.texts):
            most = max(
                (
                    count(text, widths[self.place(index)])
                    for index, text in enumerate(row)
                    if not self.table.columns[index].numeric
                ),
                default=1,
            )
            if most > 1:
                found[self.first + offset] = most
        return found


WRITERS: dict[Format, Writer] = {
    Format.CSV: Writer(write_csv),
    Format.XLSX: Writer(write_workbook, binary=True),
}
