"""CSV and xlsx exports: columns found by their headers, numbers as each convention writes them."""

from __future__ import annotations

import codecs
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest

from tests.cases import YEAR, budget, by_target, reasons
from trygg_cli.exports import read_exports
from trygg_cli.model import UNALLOCATED, Actuals, TryggError
from trygg_cli.render.locale import Locale
from trygg_cli.render.words import error_message

SWEDISH = """\
Verifikation;Datum;Konto;Ansvar;Projekt;Belopp
A1;2021-01-05;4010;1510;2101;1 250,50
A2;2021-02-01;6110;1510;2207;−10,25
A3;2021-03-01;6550;1510;;100
A4;2021-03-02;1930;1510;2101;-999
A5;2021-04-30;4010;4100;2101;77
"""


def read(tmp_path: Path, content: str | bytes, name: str = "huvudbok.csv", **columns: str) -> Actuals:
    path = tmp_path / name
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return read_exports([path], budget(), columns)


def test_swedish_csv_with_decimal_comma(tmp_path: Path) -> None:
    actuals = read(tmp_path, SWEDISH)
    assert by_target(actuals) == {0: Decimal("1250.50"), 1: Decimal("-10.25"), UNALLOCATED: Decimal(100)}
    assert (actuals.latest, actuals.problems) == (date(2021, 4, 30), ())


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252"])
def test_encodings_are_found(tmp_path: Path, encoding: str) -> None:
    text = SWEDISH.replace("Datum", "Bokföringsdatum").replace("A1;", "Åtgärd;")
    assert by_target(read(tmp_path, text.replace("−", "-").encode(encoding)))[0] == Decimal("1250.50")


def test_english_csv_with_debit_and_credit_and_other_names(tmp_path: Path) -> None:
    text = (
        "DATE,Account,ANSVAR,projekt,Debit,Credit\n"
        '20210105,4010,1510,2101,"1,250.50",\n'
        "2021-01-06,4010,1510,2101,,50\n"
        "2021-01-07,4010,1510,2101,2.5,\n"
    )
    assert by_target(read(tmp_path, text)) == {0: Decimal("1203.00")}


def test_a_point_in_a_semicolon_file(tmp_path: Path) -> None:
    text = "Datum;Konto;Ansvar;Projekt;Belopp\n2021-01-05;4010;1510;2101;2.5\n2021-01-05;4010;1510;2101;1.002,5\n"
    assert by_target(read(tmp_path, text)) == {0: Decimal("1005.0")}


def test_columns_named_by_the_caller(tmp_path: Path) -> None:
    text = "När;Var;ansvar;projekt;Hur mycket\n2021-01-05;4010;1510;2101;5\n"
    actuals = read(tmp_path, text, date="när", account="Var", amount="Hur mycket")
    assert by_target(actuals) == {0: Decimal(5)}


def test_a_missing_column_names_the_columns_found(tmp_path: Path) -> None:
    with pytest.raises(TryggError) as refused:
        read(tmp_path, "Datum;Ansvar;Belopp\n2021-01-05;1510;5\n")
    assert refused.value.reason == "missing-column"
    assert (refused.value.figures["missing"], refused.value.figures["columns"]) == (
        ["account"],
        ["Datum", "Ansvar", "Belopp"],
    )


def test_every_missing_column_is_named_in_one_message(tmp_path: Path) -> None:
    with pytest.raises(TryggError) as refused:
        read(tmp_path, "När;Ansvar;Text\n2021-01-05;1510;x\n", date="När2")
    assert refused.value.figures["missing"] == ["date", "account", "amount"]
    path = tmp_path / "huvudbok.csv"
    assert error_message(refused.value, Locale.EN) == (
        f"{path}:1: no date column named 'När2', no account column, no amount column; its columns are 'När', "
        "'Ansvar', 'Text': name the column to use with --date-column, --account-column, --amount-column"
    )
    assert error_message(refused.value, Locale.SV).startswith(
        f"{path}:1: ingen kolumn för datum med namnet 'När2', ingen kolumn för konto, ingen kolumn för belopp;"
    )


# The headers of the systems' exports and of the open-data ledgers are known without options
HEADERS = [
    ("date", "bokforingsdatum"),
    ("date", "Bokf.datum"),
    ("date", "Bokföringsdatum"),
    ("date", "Transaktionsdatum"),
    ("amount", "nettobelopp"),
    ("amount", "Belopp SEK"),
    ("amount", "Belopp (kr)"),
    ("account", "konto_nr"),
    ("account", "Kontonr"),
    ("voucher", "verifikationsnummer"),
    ("voucher", "Ver.nr"),
    ("voucher", "Verifikationsnummer"),
]


@pytest.mark.parametrize(("what", "header"), HEADERS)
def test_known_headers(tmp_path: Path, what: str, header: str) -> None:
    names = {"date": "Datum", "amount": "Belopp", "account": "Konto", "voucher": "Verifikation"} | {what: header}
    row = "2021-01-05;4010;1510;2101;5;A1\n"
    head = f"{names['date']};{names['account']};Ansvar;Projekt;{names['amount']};{names['voucher']}\n"
    first, again = tmp_path / "a.csv", tmp_path / "b.csv"
    first.write_text(head + row, encoding="utf-8")
    again.write_text(head + row.replace(";5;", ";7;"), encoding="utf-8")  # the same voucher A1, read again
    actuals = read_exports([first, again], budget())
    assert by_target(actuals) == {0: Decimal(5)}
    assert reasons(actuals) == [("duplicate-voucher", 2)]  # (the voucher column is known too)


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le-bom", "utf-16-be-bom", "utf-16-le"])
def test_utf_16_is_read(tmp_path: Path, encoding: str) -> None:
    """UTF-16 with a BOM is unambiguous; without one, a NUL beside every ASCII letter gives it away."""
    text = SWEDISH.replace("Datum", "Bokföringsdatum")
    if encoding.endswith("-bom"):
        codec = encoding.removesuffix("-bom")
        data = (codecs.BOM_UTF16_LE if codec.endswith("le") else codecs.BOM_UTF16_BE) + text.encode(codec)
    else:
        data = text.encode(encoding)
    actuals = read(tmp_path, data)
    assert by_target(actuals) == {0: Decimal("1250.50"), 1: Decimal("-10.25"), UNALLOCATED: Decimal(100)}
    assert actuals.problems == ()


def test_a_header_without_rows_says_so(tmp_path: Path) -> None:
    actuals = read(tmp_path, "Datum;Konto;Ansvar;Projekt;Belopp\n")
    assert [(problem.code, problem.reason, problem.source.line) for problem in actuals.problems] == [
        ("empty-export", "export-no-rows", 1)
    ]


# The same export twice, and the same voucher twice ----------------------------------------------


def test_the_same_csv_twice_is_read_once(tmp_path: Path) -> None:
    path = tmp_path / "huvudbok.csv"
    path.write_text(SWEDISH, encoding="utf-8")
    copy = tmp_path / "kopia.csv"
    copy.write_text(SWEDISH, encoding="utf-8")
    for again in (path, copy):
        actuals = read_exports([path, again], budget())
        assert by_target(actuals) == {0: Decimal("1250.50"), 1: Decimal("-10.25"), UNALLOCATED: Decimal(100)}
        assert [(problem.code, problem.source.path) for problem in actuals.problems] == [
            ("duplicate-export", str(again))
        ]


def test_a_voucher_in_two_csv_exports_counts_once_and_its_rows_in_one_all_count(tmp_path: Path) -> None:
    """A ledger lists a voucher's rows under each account, so one voucher's rows recur in one
    export; the same voucher in a second export (overlapping periods) is a repeat."""
    head = "Ver.nr;Datum;Konto;Ansvar;Projekt;Belopp\n"
    first = head + "A1;2021-01-05;4010;1510;2101;5\nA2;2021-01-06;4010;1510;2101;1\nA1;2021-01-05;6110;1510;2207;2\n"
    second = head + "A2;2021-01-06;4010;1510;2101;1\nA3;2021-01-07;4010;1510;2101;10\n"
    paths = [tmp_path / "jan.csv", tmp_path / "jan-feb.csv"]
    for path, text in zip(paths, (first, second), strict=True):
        path.write_text(text, encoding="utf-8")
    actuals = read_exports(paths, budget())
    assert by_target(actuals) == {0: Decimal(16), 1: Decimal(2)}
    [problem] = actuals.problems
    assert (problem.code, problem.source.path, problem.source.line) == ("duplicate-voucher", str(paths[1]), 2)
    assert (problem.figures["voucher"], problem.figures["earlier"]) == ("A2", str(paths[0]))


# Decimal marks from the numbers' shape, not the delimiter ---------------------------------------


@pytest.mark.parametrize(
    ("delimiter", "written", "amount"),
    [
        ("\t", "1,234.50", "1234.50"),
        ("\t", "1.234,50", "1234.50"),
        ("\t", "-1 234,50", "-1234.50"),
        ("\t", "1,234,567", "1234567"),
        ("\t", "1,234", "1234"),
        (";", "1.234,50", "1234.50"),
        (";", "1,5", "1.5"),
        (";", "1.000", "1000"),
        (",", '"1,234.50"', "1234.50"),
        (",", '"12,5"', "12.5"),
        (",", "1.000", "1.000"),
    ],
)
def test_the_decimal_mark_is_read_from_the_numbers(tmp_path: Path, delimiter: str, written: str, amount: str) -> None:
    text = delimiter.join(["Datum", "Konto", "Ansvar", "Projekt", "Belopp"]) + "\n"
    text += delimiter.join(["2021-01-05", "4010", "1510", "2101", written]) + "\n"
    actuals = read(tmp_path, text)
    assert (by_target(actuals), actuals.problems) == ({0: Decimal(amount)}, ())


def test_a_file_whose_numbers_show_a_decimal_comma_reads_1_234_as_finer_than_ore(tmp_path: Path) -> None:
    text = "Datum\tKonto\tAnsvar\tProjekt\tBelopp\n2021-01-05\t4010\t1510\t2101\t2,50\n"
    actuals = read(tmp_path, text + "2021-01-06\t4010\t1510\t2101\t1,234\n")
    assert (by_target(actuals), reasons(actuals)) == ({0: Decimal("2.50")}, [("export.finer-than-ore", 3)])


@pytest.mark.parametrize("written", ["1,2,3", "12,34.5,6", "1.23.4"])
def test_thousands_not_in_threes_are_no_amount(tmp_path: Path, written: str) -> None:
    text = f"Datum\tKonto\tAnsvar\tProjekt\tBelopp\n2021-01-05\t4010\t1510\t2101\t{written}\n"
    assert reasons(read(tmp_path, text)) == [("export.bad-amount", 2)]


# What must hold however the year names it -------------------------------------------------------


def test_a_posting_two_items_claim_counts_as_unallocated_in_neither(tmp_path: Path) -> None:
    year = YEAR.replace('{projekt: "22*"}', '{projekt: "21*"}')
    path = tmp_path / "huvudbok.csv"
    path.write_text("Ver.nr;Datum;Konto;Ansvar;Projekt;Belopp\nA7;2021-01-05;4010;1510;2101;10\n", encoding="utf-8")
    actuals = read_exports([path], budget(year))
    assert by_target(actuals) == {UNALLOCATED: Decimal(10)}
    [problem] = actuals.problems
    assert (problem.code, problem.source.line, problem.figures["voucher"]) == ("ambiguous-match", 2, "A7")


def test_a_row_dated_after_the_year_leaves_the_as_of_date_in_the_year(tmp_path: Path) -> None:
    text = SWEDISH + "A6;2022-01-10;4010;1510;2101;5\n"
    actuals = read(tmp_path, text)
    assert (actuals.latest, actuals.outside_year) == (date(2021, 4, 30), 1)
    assert by_target(actuals)[0] == Decimal("1250.50")


def test_dimension_names_in_any_case(tmp_path: Path) -> None:
    year = YEAR.replace('{ansvar: "1510"}', '{ANSVAR: "1510"}').replace("{projekt: [", "{Projekt: [")
    path = tmp_path / "huvudbok.csv"
    path.write_text("datum;KONTO;Ansvar;PROJEKT;belopp\n2021-01-05;4010;1510;2101;5\n", encoding="utf-8")
    actuals = read_exports([path], budget(year))
    assert (by_target(actuals), actuals.problems) == ({0: Decimal(5)}, ())


def test_bad_cells_are_problems_at_their_lines(tmp_path: Path) -> None:
    text = (
        "Datum;Konto;Ansvar;Projekt;Belopp\n"
        "2021-13-01;4010;1510;2101;5\n"
        "2021-01-02;4010;1510;2101;fem\n"
        "2021-01-03;40x0;1510;2101;5\n"
        "2021-01-04;4010;1510;2101;5,001\n"
        "\n"
        "2021-01-05;4010;1510;2101;5\n"
    )
    actuals = read(tmp_path, text)
    assert reasons(actuals) == [
        ("export.bad-date", 2),
        ("export.bad-amount", 3),
        ("export.bad-account", 4),
        ("export.finer-than-ore", 5),
    ]
    assert by_target(actuals) == {0: Decimal(5)}


def test_xlsx_export(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Datum", "Konto", "Ansvar", "Projekt", "Belopp"])
    sheet.append([datetime(2021, 1, 5), 4010, 1510, 2101, 1.005])  # finer than öre
    sheet.append([datetime(2021, 1, 6), 4010, "1510", "2101", 1250.5])
    sheet.append(["2021-01-07", "4010", 1510.0, 2207, 7])
    book.save(tmp_path / "huvudbok.xlsx")
    actuals = read_exports([tmp_path / "huvudbok.xlsx"], budget())
    assert by_target(actuals) == {0: Decimal("1250.5"), 1: Decimal(7)}
    assert reasons(actuals) == [("export.finer-than-ore", 2)]


def test_a_file_that_is_not_a_workbook(tmp_path: Path) -> None:
    pytest.importorskip("openpyxl")
    with pytest.raises(TryggError) as refused:
        read(tmp_path, "Datum;Konto\n", name="huvudbok.xlsx")
    assert refused.value.reason == "not-xlsx"


def test_an_unknown_kind_of_export(tmp_path: Path) -> None:
    with pytest.raises(TryggError) as refused:
        read(tmp_path, "x", name="huvudbok.pdf")
    assert (refused.value.reason, refused.value.figures["suffix"]) == ("unknown-export", ".pdf")


def test_a_row_the_csv_module_cannot_read_is_a_problem(tmp_path: Path) -> None:
    text = 'Datum;Konto;Ansvar;Projekt;Belopp\n2021-01-05;4010;1510;2101;5\n2021-01-06;4010;1510;2101;"' + "x" * 200_000
    actuals = read(tmp_path, text + '"\n2021-01-07;4010;1510;2101;5\n')
    assert reasons(actuals) == [("export.bad-row", 3)]
    assert by_target(actuals) == {0: Decimal(5)}


@pytest.mark.parametrize("damage", ["truncated", "sheet"])
def test_a_broken_workbook_cannot_be_read(tmp_path: Path, damage: str) -> None:
    """Whatever openpyxl meets in a damaged workbook, trygg says it is not a readable one."""
    import io
    import zipfile

    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    book.active.append(["Datum", "Konto", "Belopp"])
    book.active.append(["2021-01-05", 4010, 5])
    saved = io.BytesIO()
    book.save(saved)
    data = saved.getvalue()
    if damage == "truncated":
        data = data[: len(data) // 2]
    else:
        source, out = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
        with zipfile.ZipFile(out, "w") as target:
            for name in source.namelist():
                content = source.read(name)
                if damage == "sheet" and name.endswith("sheet1.xml"):
                    content = content.replace(b"<row", b"<r!ow", 1)
                target.writestr(name, content)
        data = out.getvalue()
    path = tmp_path / "huvudbok.xlsx"
    path.write_bytes(data)
    with pytest.raises(TryggError) as refused:
        read_exports([path], budget())
    assert refused.value.reason == "not-xlsx"


def test_without_openpyxl_the_message_says_how_to_install_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "openpyxl", None)  # as if it were not installed
    path = tmp_path / "huvudbok.xlsx"
    path.write_bytes(b"PK")
    with pytest.raises(TryggError) as refused:
        read_exports([path], budget())
    assert (refused.value.reason, refused.value.figures["package"]) == ("needs-extra.read", "openpyxl")
    assert "[excel]" in refused.value.figures["command"]


def test_the_same_workbook_twice_is_read_once(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    book.active.append(["Ver.nr", "Datum", "Konto", "Ansvar", "Projekt", "Belopp"])
    book.active.append(["A1", "2021-01-05", 4010, 1510, 2101, 5])
    path = tmp_path / "huvudbok.xlsx"
    book.save(path)
    actuals = read_exports([path, tmp_path / "." / "huvudbok.xlsx"], budget())
    assert by_target(actuals) == {0: Decimal(5)}
    assert [(problem.code, problem.source.line) for problem in actuals.problems] == [("duplicate-export", 1)]
