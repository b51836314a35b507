"""Spreadsheets: CSV that Excel opens right with a double click, and an Excel workbook."""

from __future__ import annotations

from decimal import Decimal
from typing import IO, Any, TextIO

from trygg_cli.model import TryggError
from trygg_cli.render import numbers
from trygg_cli.render.cells import headers, rows_as_text
from trygg_cli.render.formats import Format, Writer
from trygg_cli.render.locale import Locale
from trygg_cli.render.views import Cell, Column, Kind, Table
from trygg_cli.render.words import say


def write_csv(table: Table, locale: Locale, out: TextIO) -> None:
    """Swedish Excel wants a BOM, `;` and a decimal comma; English is plain RFC 4180 (comma,
    decimal point, CRLF, no BOM)."""
    import csv

    swedish = locale is Locale.SV
    if swedish:
        out.write("\ufeff")
    writer = csv.writer(out, delimiter=";" if swedish else ",", lineterminator="\r\n")
    writer.writerow(headers(table, locale))
    for row in (*table.rows, *table.footer):
        writer.writerow(
            [_csv_cell(cell, column, table, locale) for cell, column in zip(row, table.columns, strict=True)]
        )


def _csv_cell(cell: Cell, column: Column, table: Table, locale: Locale) -> str:
    if cell is None:
        return ""
    if not isinstance(cell, Decimal):
        return say(cell, locale)
    decimals = 1 if column.kind is Kind.PERCENT else table.decimals
    return numbers.number(cell, decimals, locale, grouped=False)


def write_workbook(table: Table, locale: Locale, out: IO[bytes]) -> None:
    """Numbers with number formats, formulas where a cell follows from others (so edits
    recompute), a bold header, and columns wide enough."""
    try:
        from openpyxl import Workbook
        from openpyxl.styles import Font
        from openpyxl.utils import get_column_letter
    except ImportError:
        raise TryggError("--format xlsx needs openpyxl: pip install 'trygg[excel]'") from None
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "trygg"
    sheet["A1"] = say(table.title, locale)
    sheet["A1"].font = Font(bold=True, size=12)
    header_row, first = 3, 4
    last = first + len(table.rows) - 1
    letters = [get_column_letter(index + 1) for index in range(len(table.columns))]
    amount = "#,##0" + ("." + "0" * table.decimals if table.decimals else "")
    formats = {Kind.AMOUNT: amount, Kind.CHANGE: f"+{amount};-{amount};{amount}", Kind.PERCENT: "+0.0%;-0.0%;0.0%"}
    names = headers(table, locale)
    for index, name in enumerate(names):
        cell = sheet.cell(header_row, index + 1, name)
        cell.font = Font(bold=True)
    for offset, row in enumerate((*table.rows, *table.footer)):
        number = first + offset
        is_sum = offset == len(table.rows)
        for index, (value, column) in enumerate(zip(row, table.columns, strict=True)):
            content: Any = value if value is None or isinstance(value, str | Decimal) else say(value, locale)
            letter = letters[index]
            if column.of is not None:
                old, new = (f"{letters[i]}{number}" for i in column.of)
                content = f"={new}-{old}" if column.kind is Kind.CHANGE else f'=IF({old}=0,"",({new}-{old})/{old})'
            elif is_sum and column.kind is Kind.AMOUNT and table.rows:
                content = f"=SUM({letter}{first}:{letter}{last})"
            elif isinstance(value, Decimal) and column.kind is Kind.PERCENT:
                content = value / 100
            cell = sheet.cell(number, index + 1, content)
            if column.kind in formats:
                cell.number_format = formats[column.kind]
            if is_sum:
                cell.font = Font(bold=True)
    shown = rows_as_text(table, (*table.rows, *table.footer), locale)
    for index, name in enumerate(names):
        sheet.column_dimensions[letters[index]].width = (
            max(len(text) for text in [name, *(row[index] for row in shown)]) + 2
        )
    sheet.freeze_panes = f"A{first}"
    book.save(out)


WRITERS: dict[Format, Writer] = {
    Format.CSV: Writer(write_csv),
    Format.XLSX: Writer(write_workbook, binary=True),
}
