"""`trygg import YEAR FILE`: a sheet that `trygg show` wrote, edited, back into the year file. The
year file changes only where a value changed (its bytes are compared); nothing is written unless
the result validates; every bad cell is a problem at its cell."""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import REPO

Run = Any

# A year file with what a hand-kept file has: comments above and beside values, a quoted name,
# a folded note, a blank line, keys in their own order, four-space indentation.
KEPT = textwrap.dedent(
    """\
    # Trygghetspaketet, som KS beslutade.
    year: 2021
    unit: mkr   # miljoner
    title: "Paketet 2021"
    total: 1.50
    items:

        # the first line, kept as written
        -   id: a
            amount: 0.50  # as decided
            name: 'Ett: första'
            note: >-
              a folded
              note
        # b is next
        -   id: b
            name: Andra
            amount: 1.0
    # the end
    """
)


@pytest.fixture
def data(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    folder.mkdir()
    shutil.copy(REPO / "data" / "budget-2021.yaml", folder / "budget-2021.yaml")
    shutil.copy(REPO / "examples" / "budget-2021.yaml", folder / "budget-2022.yaml")
    text = (folder / "budget-2022.yaml").read_text(encoding="utf-8").replace("2021", "2022")
    (folder / "budget-2022.yaml").write_text(text, encoding="utf-8")
    (folder / "budget-2023.yaml").write_bytes(KEPT.replace("2021", "2023").replace("\n", "\r\n").encode("utf-8"))
    return folder


def trygg(run: Run, data: Path, *args: str, locale: str | None = None) -> Any:
    return run("--data-dir", str(data), *args, locale=locale)


# The shipped year; the shipped example with budget changes and `match` (as 2022); the hand-kept
# file with CRLF (as 2023): each in the layouts a finance officer gets from trygg show.
ROUND_TRIPS = [
    ("2021", "x.xlsx", [], None),
    ("2021", "x.csv", [], None),
    ("2021", "x.csv", [], "en"),
    ("2021", "x.csv", ["--unit", "tkr"], None),
    ("2022", "x.xlsx", [], None),
    ("2022", "x.xlsx", ["--months"], None),
    ("2022", "x.csv", ["--months"], "en"),
    ("2023", "x.csv", [], None),
    ("2023", "x.xlsx", ["--months"], None),
]


@pytest.mark.parametrize(
    "written", ROUND_TRIPS, ids=lambda case: " ".join([case[0], case[1], *case[2], case[3] or "sv"])
)
def test_a_sheet_trygg_wrote_comes_back_byte_for_byte(
    run: Run, data: Path, tmp_path: Path, written: tuple[str, str, list[str], str | None]
) -> None:
    year, name, options, locale = written
    before = (data / f"budget-{year}.yaml").read_bytes()
    sheet = tmp_path / name
    assert trygg(run, data, "show", year, "-o", str(sheet), *options, locale=locale).exit_code == 0
    result = trygg(run, data, "import", year, str(sheet), locale=locale)
    assert result.exit_code == 0, result.output
    assert (data / f"budget-{year}.yaml").read_bytes() == before


def csv_of(run: Run, data: Path, tmp_path: Path, year: str, locale: str | None = None) -> tuple[Path, str]:
    sheet = tmp_path / "x.csv"
    assert trygg(run, data, "show", year, "-o", str(sheet), locale=locale).exit_code == 0
    return sheet, sheet.read_text(encoding="utf-8-sig")


def test_only_the_changed_values_are_written(run: Run, data: Path, tmp_path: Path) -> None:
    sheet, text = csv_of(run, data, tmp_path, "2023")
    assert text.splitlines()[1] == "a;Ett: första;0,5"
    edited = text.replace("a;Ett: första;0,5", "a;Ett: första;0,75").replace("b;Andra;1,0", "b;Andra: nytt;1,0")
    edited = edited.replace(";Summa;1,5", ";Ny post;0,25\n;Summa;2,0")
    sheet.write_text(edited, encoding="utf-8-sig")
    result = trygg(run, data, "import", "2023", str(sheet))
    assert result.exit_code == 0, result.output
    after = (data / "budget-2023.yaml").read_bytes().decode("utf-8")
    expected = (
        KEPT.replace("2021", "2023")
        .replace("amount: 0.50  # as decided", "amount: 0.75  # as decided")
        .replace("total: 1.50", "total: 2")
        .replace("name: Andra", 'name: "Andra: nytt"')
        .replace(
            "        amount: 1.0\n",
            "        amount: 1.0\n    -   id: ny-post\n        name: Ny post\n        amount: 0.25\n",
        )
        .replace("\n", "\r\n")
    )
    assert after == expected  # CRLF kept, the new item in the file's indentation, before the last comment


def test_missing_items_are_listed_and_kept_or_removed_with_their_comments_above_kept(
    run: Run, data: Path, tmp_path: Path
) -> None:
    sheet, text = csv_of(run, data, tmp_path, "2023", locale="en")
    sheet.write_text(text.replace("a,Ett: första,0.5\n", "").replace("Total,1.5", "Total,1.0"), encoding="utf-8-sig")
    before = (data / "budget-2023.yaml").read_bytes()
    listed = trygg(run, data, "import", "2023", str(sheet), locale="en")
    assert listed.exit_code == 1  # kept: the total of 1.0 no longer adds up
    assert "a: not in" in listed.stderr and "total-mismatch" in listed.stderr
    assert (data / "budget-2023.yaml").read_bytes() == before
    removed = trygg(run, data, "import", "2023", str(sheet), "--remove", locale="en")
    assert removed.exit_code == 0, removed.output
    after = (data / "budget-2023.yaml").read_text(encoding="utf-8")
    assert "id: a" not in after and "folded" not in after
    assert "# the first line, kept as written" in after and "# b is next" in after and "total: 1\n" in after


@pytest.mark.parametrize(
    "case",
    [
        ("0,8", "0,8x", None, "C3: '0,8x' är inget belopp"),
        ("0.8", "0.8x", "en", "C3: '0.8x' is not an amount"),
        ("sspf;SSPF", "trygghetsvardar;SSPF", None, "A6: id:t trygghetsvardar finns två gånger i arket (först i A3)"),
        (";Summa;5,0", ";Trygghetsvärdar;0\n;Summa;5,0", None, "A10: Trygghetsvärdar skulle få id:t trygghetsvardar"),
        (";Summa;5,0", ";Summa;5,0\nx;X;1", None, "C11: ett belopp under Summa-raden (C10)"),
        ("2021 (mkr)", "2020 (mkr)", None, "C2: arkets belopp gäller 2020, inte 2021"),
        ("0,4\nsspf", "0,400123456\nsspf", None, "C5: 0,400123456 mkr är finare än ett öre"),
        ("sspf;SSPF;1,5", "sspf;SSPF;1,6", None, "total-mismatch"),
        ("sspf;SSPF;1,5", "Sspf x;SSPF;1,6", None, "A6: 'Sspf x' är inget id"),
    ],
)
def test_a_refused_import_names_the_cell_and_leaves_the_file_as_it_was(
    run: Run, data: Path, tmp_path: Path, case: tuple[str, str, str | None, str]
) -> None:
    find, replace, locale, said = case
    sheet, text = csv_of(run, data, tmp_path, "2021", locale=locale)
    assert find in text
    text = "\n" + text.replace(find, replace, 1)  # the header on row 2: a cell is named by where it is
    sheet.write_text(text, encoding="utf-8-sig")
    before = (data / "budget-2021.yaml").read_bytes()
    result = trygg(run, data, "import", "2021", str(sheet), locale=locale)
    assert result.exit_code == 1, result.output
    assert said in result.stderr
    assert (data / "budget-2021.yaml").read_bytes() == before


def test_numbers_written_as_text_are_read_exactly(run: Run, data: Path, tmp_path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Id", "Post", "2023 (kr)"])
    sheet.append(["a", "Ett: första", "500 000"])
    sheet.append(["b", "Andra", "1,0E3"])
    book.save(tmp_path / "a.xlsx")
    result = trygg(run, data, "import", "2023", str(tmp_path / "a.xlsx"))
    assert result.exit_code == 1 and "B3: '1,0E3' är inget belopp".replace("B3", "C3") in result.stderr
    for written, kronor in (("1,5", "1.5"), ("1 000 000,5", "1000000.5"), ("1.25", "1.25"), (1000000.5, "1000000.5")):
        book = Workbook()
        sheet = book.active
        assert sheet is not None
        sheet.append(["Id", "Post", "2023 (kr)"])
        sheet.append(["a", "Ett: första", written])
        sheet.append(["b", "Andra", 1_000_000])
        book.save(tmp_path / "a.xlsx")
        dry = trygg(run, data, "import", "2023", str(tmp_path / "a.xlsx"), "--dry-run")
        assert dry.exit_code == 1, dry.output  # the total stays 1.5 mkr: the result would not validate
        from trygg_cli.importing import read_sheet
        from trygg_cli.model import Unit

        read = read_sheet(tmp_path / "a.xlsx", 2023, Unit.MKR)
        assert str(read.rows[0].amount) == kronor and read.problems == ()


def test_english_thousands_and_swedish_decimals() -> None:
    from trygg_cli.importing import _Reader
    from trygg_cli.model import Unit

    english = _Reader("x.csv", 2021, Unit.KR, b"", workbook=False)
    swedish = _Reader("x.csv", 2021, Unit.KR, b"", workbook=False)
    swedish.swedish = True
    assert english._plain("1,500") == "1500" and swedish._plain("1,500") == "1.500"
    assert english._plain("1,234,567.5") == "1234567.5" and swedish._plain("1 234 567,5") == "1234567.5"
    assert english._plain("1.5") == swedish._plain("1.5") == "1.5"


def test_a_formula_without_its_saved_value_is_a_problem_at_its_cell(run: Run, data: Path, tmp_path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Budget"])
    sheet.append([])
    sheet.append(["Id", "Post", "2023 (mkr)"])
    sheet.append(["a", "Ett: första", 0.5])
    sheet.append(["b", "Andra", "=0.5+0.5"])  # openpyxl saves no value with a formula
    sheet.append([None, "Summa", "=SUM(C4:C5)"])
    book.save(tmp_path / "f.xlsx")
    before = (data / "budget-2023.yaml").read_bytes()
    result = trygg(run, data, "import", "2023", str(tmp_path / "f.xlsx"))
    assert result.exit_code == 1
    assert "C5: formeln =0.5+0.5 har inget sparat värde: öppna och spara filen i Excel först" in result.stderr
    assert "C6: formeln =SUM(C4:C5)" in result.stderr
    english = trygg(run, data, "import", "2023", str(tmp_path / "f.xlsx"), locale="en")
    assert "C5: the formula =0.5+0.5 has no saved value: open and save the file in Excel first" in english.stderr
    assert (data / "budget-2023.yaml").read_bytes() == before


def test_dry_run_shows_the_change_and_writes_nothing(run: Run, data: Path, tmp_path: Path) -> None:
    sheet, text = csv_of(run, data, tmp_path, "2021")
    sheet.write_text(text.replace("sspf;SSPF;1,5", "sspf;SSPF;1,6").replace(";Summa;5,0", ";Summa;5,1"), "utf-8-sig")
    before = (data / "budget-2021.yaml").read_bytes()
    result = trygg(run, data, "import", "2021", str(sheet), "--dry-run")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == "2021 (fil) → 2021 (ark), miljoner kronor"
    assert "SSPF" in result.stdout and "+0,1" in result.stdout
    assert (data / "budget-2021.yaml").read_bytes() == before
    written = trygg(run, data, "import", "2021", str(sheet))
    assert written.exit_code == 0
    after = (data / "budget-2021.yaml").read_bytes()
    assert after == before.replace(b"total: 5.0", b"total: 5.1").replace(b"amount: 1.5", b"amount: 1.6")


def test_a_name_the_csv_guard_marked_comes_back_without_the_mark(run: Run, data: Path, tmp_path: Path) -> None:
    year = data / "budget-2023.yaml"
    year.write_bytes(year.read_bytes().replace(b"name: Andra", b'name: "=Andra"'))
    before = year.read_bytes()
    sheet, text = csv_of(run, data, tmp_path, "2023")
    assert "b;'=Andra;1,0" in text
    assert trygg(run, data, "import", "2023", str(sheet)).exit_code == 0
    assert year.read_bytes() == before


def test_months_that_do_not_add_up_to_the_year_name_the_line_and_the_gap(run: Run, data: Path, tmp_path: Path) -> None:
    sheet = tmp_path / "m.csv"
    assert trygg(run, data, "show", "2021", "--months", "-o", str(sheet)).exit_code == 0
    rows = sheet.read_text(encoding="utf-8-sig").split("\n")
    cells = rows[4].split(";")
    assert cells[0] == "sspf"
    cells[3] = "0,2"  # January, where the year says otherwise
    rows[4] = ";".join(cells)
    sheet.write_text("\n".join(rows), encoding="utf-8-sig")
    before = (data / "budget-2021.yaml").read_bytes()
    result = trygg(run, data, "import", "2021", str(sheet))
    assert result.exit_code == 1
    assert "O5: månaderna för sspf blir" in result.stderr and "inte årets 1,5 mkr" in result.stderr
    assert (data / "budget-2021.yaml").read_bytes() == before


def test_a_workbooks_xml_is_read_as_spreadsheet_programs_write_it(tmp_path: Path) -> None:
    """Inline text, rich text runs (not their phonetic guide), rows left out where empty, a cell
    without its reference, numbers as stored, a formula with and without its saved value."""
    import zipfile

    from trygg_cli.importing import _xlsx_sheet

    main = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    relations = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
    parts = {
        "xl/workbook.xml": f"<workbook {main} {relations}><sheets>"
        '<sheet name="A" sheetId="1" r:id="rId7"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId7" Target="/xl/worksheets/ark.xml" Type="x"/></Relationships>',
        "xl/sharedStrings.xml": f"<sst {main}><si><t>Id</t></si><si><r><t>Po</t></r><r><t>st</t></r>"
        "<rPh><t>ポスト</t></rPh></si></sst>",
        "xl/worksheets/ark.xml": f'<worksheet {main}><sheetData><row r="2"><c r="A2" t="s"><v>0</v></c>'
        '<c r="B2" t="s"><v>1</v></c></row><row r="4"><c r="A4" t="inlineStr"><is><t>a &amp; b</t></is></c>'
        '<c t="n"><v>1.5E-2</v></c><c r="D4"><v>12</v></c><c r="E4"><f>1+1</f></c>'
        '<c r="F4" t="str"><f>"x"</f><v>x</v></c></row></sheetData></worksheet>',
    }
    book = tmp_path / "a.xlsx"
    with zipfile.ZipFile(book, "w") as archive:
        for name, text in parts.items():
            archive.writestr(name, text)
    rows, formulas = _xlsx_sheet(book.read_bytes(), str(book))
    assert rows == [(1, []), (2, ["Id", "Post"]), (3, []), (4, ["a & b", 0.015, None, 12, None, "x"])]
    assert formulas == {"E4": "=1+1"}
    # the same through ElementTree's events, the road for tags with a prefix (<x:c>)
    prefixed = {
        name: text.replace("<", "<x:").replace("<x:/", "</x:").replace(f"{main}", main.replace("xmlns=", "xmlns:x="))
        for name, text in parts.items()
        if name.startswith("xl/worksheets") or name.startswith("xl/shared")
    }
    with zipfile.ZipFile(book, "a") as archive:
        for name, text in prefixed.items():
            archive.writestr(name.replace(".xml", "-x.xml"), text)
    with zipfile.ZipFile(book) as archive:
        from trygg_cli.importing import _shared_texts, _sheet_cells

        shared = _shared_texts(archive.read("xl/sharedStrings-x.xml"))
        assert _sheet_cells(archive.read("xl/worksheets/ark-x.xml"), shared) == (rows, formulas)


def test_a_months_sheet_writes_a_lines_months_where_they_changed(run: Run, data: Path, tmp_path: Path) -> None:
    sheet = tmp_path / "m.csv"
    assert trygg(run, data, "show", "2021", "--months", "--unit", "kr", "-o", str(sheet)).exit_code == 0
    text = sheet.read_text(encoding="utf-8-sig")
    assert "Summa" not in text  # a budget import would read a Summa row as a line
    line = next(row for row in text.split("\n") if row.startswith("sspf;"))
    cells = line.split(";")
    cells[2:14] = ["125000,00"] * 6 + ["100000,00"] + ["130000,00"] * 5  # jan..dec, 1 500 000 kr
    sheet.write_text(text.replace(line, ";".join(cells)), encoding="utf-8-sig")
    before = (data / "budget-2021.yaml").read_text(encoding="utf-8")
    result = trygg(run, data, "import", "2021", str(sheet))
    assert result.exit_code == 0, result.output
    months = "[0.125, 0.125, 0.125, 0.125, 0.125, 0.125, 0.1, 0.13, 0.13, 0.13, 0.13, 0.13]"
    after = (data / "budget-2021.yaml").read_text(encoding="utf-8")
    assert after == before.replace("    amount: 1.5\n", f"    amount: 1.5\n    months: {months}\n")
    shown = trygg(run, data, "show", "2021", "--months", "--unit", "kr", "--format", "csv").stdout
    assert ";".join(cells) in shown.replace("\r\n", "\n")
    assert trygg(run, data, "import", "2021", str(sheet)).exit_code == 0  # and back: nothing more to write
    assert (data / "budget-2021.yaml").read_text(encoding="utf-8") == after
