"""Spreadsheets: CSV for Excel's double click and for scripts, and the workbook."""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from typing import Any

import pytest

from tests.cases import DIFF, mkr_year
from trygg_cli.compare import compare
from trygg_cli.model import Budget, Item, Unit
from trygg_cli.render.locale import Locale
from trygg_cli.render.spreadsheet import write_csv, write_workbook
from trygg_cli.render.views import Options, Table, diff_table, show_table


def as_csv(table: Table, locale: Locale = Locale.SV) -> str:
    out = io.StringIO()
    write_csv(table, locale, out)
    return out.getvalue()


def test_swedish_csv_parses_back_to_the_exact_amounts() -> None:
    table = diff_table(compare(mkr_year(2020, ("a", "1234.5")), mkr_year(2021, ("a", "0.25"))), Unit.MKR)
    data = as_csv(table)
    assert data.startswith("\ufeffPost;2020 (mkr);2021 (mkr);")
    assert "\r\n" in data
    rows = list(csv.reader(io.StringIO(data.removeprefix("\ufeff")), delimiter=";"))
    assert rows[1] == ["A", "1234,50", "0,25", "-1234,25", "-100,0"]
    assert [Decimal(cell.replace(",", ".")) for cell in rows[1][1:4]] == [
        Decimal("1234.5"),
        Decimal("0.25"),
        Decimal("-1234.25"),
    ]
    assert rows[2][0] == "Summa"


def test_english_csv_is_plain_rfc_4180_with_a_bom() -> None:
    table = show_table(mkr_year(2021, ("a", "1234.5")), Unit.MKR)
    assert as_csv(table, Locale.EN) == "\ufeffItem,2021 (mkr)\r\nA,1234.5\r\nTotal,1234.5\r\n"


ATTACKS = ["=1+1", '=HYPERLINK("http://example.com","klicka")', "+1", "-x", "@SUM(A1)", "\tx", "\rx"]


def attacked(name: str) -> Budget:
    """A year whose item name, note and title are all `name`."""
    item = Item("a", name, Decimal(1_200_000), note=name)
    return Budget(2021, Unit.MKR, Decimal(1_200_000), (item,), title=name)


@pytest.mark.parametrize("name", ATTACKS)
def test_csv_neutralises_text_that_starts_like_a_formula(name: str) -> None:
    table = show_table(attacked(name), Unit.MKR, Options(notes=True))
    rows = list(csv.reader(io.StringIO(as_csv(table).removeprefix("\ufeff"), newline=""), delimiter=";"))
    assert rows[1][0] == "'" + name  # the name, shown as text
    assert rows[1][2] == "'" + name  # the note's column
    assert rows[1][1] == "1,2"


def test_csv_keeps_numbers_numbers_and_neutralises_old_names() -> None:
    old = Budget(2020, Unit.MKR, Decimal(2_000_000), (Item("a", "=cmd", Decimal(2_000_000)),))
    new = Budget(2021, Unit.MKR, Decimal(800_000), (Item("a", "-renamed", Decimal(800_000)),))
    rows = list(csv.reader(io.StringIO(as_csv(diff_table(compare(old, new), Unit.MKR))[1:]), delimiter=";"))
    assert rows[1][0] == "'-renamed (nytt namn, tidigare ”=cmd”)"
    assert rows[1][3] == "-1,2"  # a negative change stays a number


def test_csv_is_data_without_footnotes_and_notes_in_a_column() -> None:
    budget = Budget(2021, Unit.MKR, Decimal(1_000_000), (Item("a", "A", Decimal(1_000_000), note="Not A"),))
    data = as_csv(show_table(budget, Unit.MKR, Options(decimals=0, notes=True)))
    assert data == "\ufeffPost;2021 (mkr);Not\r\nA;1;Not A\r\nSumma;1;\r\n"


def workbook(table: Table, locale: Locale = Locale.SV, *, data_only: bool = False) -> Any:
    openpyxl = pytest.importorskip("openpyxl")
    out = io.BytesIO()
    write_workbook(table, locale, out)
    return openpyxl.load_workbook(io.BytesIO(out.getvalue()), data_only=data_only).active


@pytest.mark.parametrize("name", ATTACKS[:-1])  # a name cannot hold a carriage return: YAML breaks the line
def test_workbook_text_cells_are_text_never_formulas(name: str) -> None:
    sheet = workbook(show_table(attacked(name), Unit.MKR, Options(notes=True)))
    cells = [cell for row in sheet.iter_rows() for cell in row if cell.value is not None]
    assert all(cell.data_type != "f" for cell in cells if isinstance(cell.value, str) and name in cell.value)
    assert sheet["A4"].value == name and sheet["A4"].data_type == "s"
    assert sheet["A1"].value.startswith(name)


def test_workbook_formulas_carry_their_values() -> None:
    sheet = workbook(diff_table(DIFF, Unit.MKR), data_only=True)  # as a reader that does not recompute
    assert [sheet.cell(7, column).value for column in range(1, 6)] == ["Summa", 2.5, 2.5, 0, 0]
    assert [sheet.cell(4, column).value for column in range(2, 6)] == [2, 0.8, -1.2, -0.6]
    assert sheet["E5"].value in ("", None)  # no change % from nothing


def test_workbook_speaks_one_font_and_aligns_headers_with_their_columns() -> None:
    sheet = workbook(diff_table(DIFF, Unit.MKR))
    fonts = {cell.font.name for row in sheet.iter_rows() for cell in row if cell.value is not None}
    assert fonts == {"Arial"}
    assert sheet["A3"].alignment.horizontal == "left"
    assert [sheet.cell(3, column).alignment.horizontal for column in range(2, 6)] == ["right"] * 4


def test_workbook_prints_one_page_wide_with_its_header_on_every_page() -> None:
    long = "Brottsförebyggande trygghetssamordnare i Orminge"
    old, new = (mkr_year(year, (long, "2.0"), ("b", "3.0")) for year in (2020, 2021))
    sheet = workbook(diff_table(compare(old, new), Unit.KR, Options(share=True)))
    assert sheet.title == "2020–2021"
    assert sheet.page_setup.fitToWidth in (1, None)  # 1, Excel's default, is left unwritten
    assert sheet.page_setup.fitToHeight == 0
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sheet.print_title_rows == "$3:$3"
    assert sheet.page_setup.orientation == "landscape"  # a long name and six columns of figures
    assert sheet.page_setup.paperSize == 9  # A4
    assert sheet.oddHeader.left.text == "&BPaket: 2020–2021, kronor"  # bold


def test_workbook_says_its_unit_and_names_notes_apart_from_names() -> None:
    budget = Budget(2021, Unit.MKR, Decimal(1_000_000), (Item("a", "A", Decimal(1_000_000), note="Not A"),))
    sheet = workbook(show_table(budget, Unit.MKR, Options(notes=True)))
    assert [cell.value for cell in sheet[3]] == ["Post", "Not", "2021 (mkr)"]
    assert (sheet["A4"].value, sheet["B4"].value) == ("A", 1)
    assert sheet["A7"].value == "1 Not A"


def test_workbook_holds_numbers_and_formulas() -> None:
    sheet = workbook(diff_table(DIFF, Unit.MKR))
    assert sheet["A1"].value == "Paket: 2020–2021, miljoner kronor"
    assert [cell.value for cell in sheet[3]] == ["Post", "2020 (mkr)", "2021 (mkr)", "Förändring (mkr)", "Förändring %"]
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


def test_a_log_workbook_wraps_its_changes_and_prints_at_a_readable_size() -> None:
    """`trygg log YEAR -o log.xlsx`: the changes column is capped and wraps (its rows as tall as
    their lines), the short columns keep their width, and the sheet prints one page wide at
    100 % (the columns fit a landscape A4), never shrunk to a 3 pt scrawl."""
    from trygg_cli.render.labels import words
    from trygg_cli.render.views import Column

    changes = "; ".join(f"Trygghetsvärdar i område {n} (ny) 0,{n} mkr" for n in range(1, 9))
    labels = ("log.date", "log.commit", "log.author", "log.subject", "log.changes")
    rows = (
        ("2021-09-14", "8143e83", "Bertil Karlsson-Wästerberg", "Flytta 0,2 mkr efter beslut i KS", changes),
        ("2021-03-15", "2847772", "Anna Andersson", "Budget 2021", "SSPF 1,5 mkr"),
    )
    table = Table(words("log.title", year=2021), tuple(Column(words(label)) for label in labels), rows, name="2021")
    sheet = workbook(table)
    widths = [sheet.column_dimensions[letter].width for letter in "ABCDE"]
    assert widths[0] >= len("2021-09-14") and widths[2] >= len("Bertil Karlsson-Wästerberg")  # kept whole
    assert widths[4] < len(changes) / 2  # capped: the changes wrap
    landscape = sheet.page_setup.orientation == "landscape"
    assert sum(map(int, widths)) + len(widths) <= (136 if landscape else 90)  # the page holds it at 100 %
    assert sheet.sheet_properties.pageSetUpPr.fitToPage and sheet.page_setup.fitToHeight == 0
    assert sheet["E4"].alignment.wrap_text and not sheet["E5"].value.startswith("'")
    assert sheet.row_dimensions[4].height >= 12.75 * 3  # tall enough for its lines
    assert sheet.row_dimensions[5].height in (None, 12.75) or sheet.row_dimensions[5].height < 20


# Each is what LibreOffice 7.4 with Swedish settings (the CSV filter's language 1053, special
# numbers detected) read as a number, a date, a time or a truth value from an unmarked field.
READ_AS_DATA = [
    "8143e83", "2847772", "1,5", "2021-08-31", "1 mars", "mars 2021", "SANT", "(12)", "50 %", "1,5 kr",
    "12:30", "1 234,5", "2021", "Mar 5", "1/2", "3e5", "12 jan", "5 maj 2021", "0012", "-5", "+5", "Nov-21",
]  # fmt: skip
# ... and what it left as text, which stays as written.
READ_AS_TEXT = ["0,8 mkr", "c621d5b", "SSPF", "Budget 2021", "Insatser 2021", "e123", "0x12", "1a", "Fisksätra (ny)"]


@pytest.mark.parametrize("text", READ_AS_DATA)
def test_csv_keeps_text_that_a_spreadsheet_would_read_as_a_number_or_date_text(text: str) -> None:
    """A commit, an id, a name or a date that a spreadsheet would turn into a number or a date
    (8143e83 into 8,14E+86) is written with the `'` that marks text, as a formula is guarded."""
    from trygg_cli.render.labels import words
    from trygg_cli.render.views import Column

    table = Table(
        words("log.title", year=2021), (Column(words("log.commit")), Column(words("items"), right=True)), ((text, "7"),)
    )
    rows = list(csv.reader(io.StringIO(as_csv(table).removeprefix("\ufeff"), newline=""), delimiter=";"))
    assert rows[1] == ["'" + text, "7"]  # a column of figures (a count) stays figures


@pytest.mark.parametrize("text", READ_AS_TEXT)
def test_csv_leaves_text_a_spreadsheet_reads_as_text_as_it_is(text: str) -> None:
    from trygg_cli.render.spreadsheet import as_text

    assert as_text(text) == text


def test_csv_marks_can_be_taken_off_exactly() -> None:
    """A reader takes one leading `'` off a text field and has the text back: a text that itself
    starts with `'` gets a second one. Numbers are never marked."""
    from trygg_cli.render.spreadsheet import as_text

    for text in [*READ_AS_DATA, *READ_AS_TEXT, *ATTACKS, "'citat'", "''"]:
        written = as_text(text)
        assert (written.removeprefix("'") if written.startswith("'") else written) == text
    table = show_table(mkr_year(2021, ("a", "-1.5")), Unit.MKR)
    assert as_csv(table).splitlines()[1] == "A;-1,5"
