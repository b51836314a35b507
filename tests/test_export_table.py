"""CSV and xlsx exports: columns found by their headers, numbers as each convention writes them."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest

from tests.cases import budget, by_target, reasons
from trygg_cli.exports import read_exports
from trygg_cli.model import UNALLOCATED, Actuals, TryggError

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
    assert (refused.value.figures["column"], refused.value.figures["columns"]) == (
        "account",
        ["Datum", "Ansvar", "Belopp"],
    )


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
