"""Spreadsheets: CSV for Excel's double click and for scripts, and the workbook."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

import pytest

from tests.cases import DIFF, mkr_year
from trygg_cli.compare import compare
from trygg_cli.model import Unit
from trygg_cli.render.locale import Locale
from trygg_cli.render.spreadsheet import write_csv, write_workbook
from trygg_cli.render.views import Table, diff_table, show_table


def as_csv(table: Table, locale: Locale = Locale.SV) -> str:
    out = io.StringIO()
    write_csv(table, locale, out)
    return out.getvalue()


def test_swedish_csv_parses_back_to_the_exact_amounts() -> None:
    table = diff_table(compare(mkr_year(2020, ("a", "1234.5")), mkr_year(2021, ("a", "0.25"))), Unit.MKR)
    data = as_csv(table)
    assert data.startswith("\ufeffPost;2020;2021;")
    assert "\r\n" in data
    rows = list(csv.reader(io.StringIO(data.removeprefix("\ufeff")), delimiter=";"))
    assert rows[1] == ["A", "1234,50", "0,25", "-1234,25", "-100,0"]
    assert [Decimal(cell.replace(",", ".")) for cell in rows[1][1:4]] == [
        Decimal("1234.5"),
        Decimal("0.25"),
        Decimal("-1234.25"),
    ]
    assert rows[2][0] == "Summa"


def test_english_csv_is_plain_rfc_4180() -> None:
    table = show_table(mkr_year(2021, ("a", "1234.5")), Unit.MKR)
    assert as_csv(table, Locale.EN) == "Item,2021\r\nA,1234.5\r\nTotal,1234.5\r\n"


def test_workbook_holds_numbers_and_formulas() -> None:
    openpyxl = pytest.importorskip("openpyxl")
    out = io.BytesIO()
    write_workbook(diff_table(DIFF, Unit.MKR), Locale.SV, out)
    sheet = openpyxl.load_workbook(io.BytesIO(out.getvalue())).active
    assert sheet["A1"].value == "Paket: 2020–2021, miljoner kronor"
    assert [cell.value for cell in sheet[3]] == ["Post", "2020", "2021", "Förändring", "Förändring %"]
    assert sheet["A3"].font.bold
    assert (sheet["B4"].value, sheet["C4"].value) == (2, 0.8)
    assert isinstance(sheet["B4"].value, (int, float))
    assert sheet["B4"].number_format == "#,##0.0"
    assert sheet["A5"].value == "B (ny)"
    assert sheet["D4"].value == "=C4-B4"
    assert sheet["E4"].value == '=IF(B4=0,"",(C4-B4)/B4)'
    assert sheet["A7"].value == "Summa"
    assert (sheet["B7"].value, sheet["C7"].value) == ("=SUM(B4:B6)", "=SUM(C4:C6)")
    assert sheet["B7"].font.bold
    assert sheet.column_dimensions["A"].width >= len("GONE (borttagen)")
