"""Views to text: numbers per locale, a Summa row, exact JSON strings, every format from one table."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal

import pytest

from trygg_cli import render
from trygg_cli.compare import compare, side_by_side
from trygg_cli.load import Loaded
from trygg_cli.model import Budget, Item, Problem, Source, Unit
from trygg_cli.money import Locale
from trygg_cli.render import ChartFormat, Format


def mkr_year(number: int, *items: tuple[str, str], total: str | None = None) -> Budget:
    entries = tuple(Item(item_id, item_id.upper(), Decimal(mkr) * 1_000_000) for item_id, mkr in items)
    declared = Decimal(total) * 1_000_000 if total else sum((i.amount for i in entries), Decimal(0))
    return Budget(number, Unit.MKR, declared, entries, title=f"Paket {number}")


def shown(table: render.Table) -> list[list[str]]:
    return render.texts(table, table.rows)


def footer(table: render.Table) -> list[list[str]]:
    return render.texts(table, table.footer)


def written(table: render.Table, fmt: Format) -> str:
    out = io.StringIO()
    render.write_table(table, fmt, out)
    return out.getvalue()


DIFF = compare(mkr_year(2020, ("a", "2.0"), ("gone", "0.5")), mkr_year(2021, ("a", "0.8"), ("b", "1.7")))


def test_diff_table_cells_follow_the_paper() -> None:
    table = render.diff_table(DIFF, Unit.MKR)
    assert [column.header for column in table.columns] == ["Post", "2020", "2021", "Förändring", "Förändring %"]
    assert shown(table) == [
        ["A", "2,0", "0,8", "-1,2", "-60,0 %"],
        ["B (ny)", "0,0", "1,7", "+1,7", "–"],
        ["GONE (borttagen)", "0,5", "0,0", "-0,5", "-100,0 %"],
    ]
    assert footer(table) == [["Summa", "2,5", "2,5", "0,0", "0,0 %"]]
    assert table.title == "Paket: 2020–2021, miljoner kronor"


def test_english_locale_changes_labels_and_numbers() -> None:
    table = render.diff_table(DIFF, Unit.KR, Locale.EN)
    assert [column.header for column in table.columns] == ["Item", "2020", "2021", "Change", "Change %"]
    assert shown(table)[1] == ["B (new)", "0", "1,700,000", "+1,700,000", "–"]
    assert shown(table)[2][0] == "GONE (removed)"
    assert footer(table) == [["Total", "2,500,000", "2,500,000", "0", "0.0%"]]
    assert table.title == "Paket: 2020–2021, SEK"


def test_column_decimals_show_every_amount_exactly() -> None:
    table = render.show_table(mkr_year(2021, ("a", "0.8"), ("b", "0.25")), Unit.MKR)
    assert [row[1] for row in shown(table)] == ["0,80", "0,25"]
    assert footer(table) == [["Summa", "1,05"]]


def test_rounding_is_for_display_and_the_sum_is_exact_then_rounded() -> None:
    # Three items of 0,34 mkr: each shows as 0,3, but the sum is 1,02 and shows as 1,0, not 0,9.
    budget = mkr_year(2021, ("a", "0.34"), ("b", "0.34"), ("c", "0.34"))
    table = render.show_table(budget, Unit.MKR, decimals=1)
    assert [row[1] for row in shown(table)] == ["0,3", "0,3", "0,3"]
    assert footer(table) == [["Summa", "1,0"]]
    halves = render.show_table(mkr_year(2021, ("a", "0.25"), ("b", "0.25")), Unit.MKR, decimals=1)
    assert [row[1] for row in shown(halves)] == ["0,3", "0,3"]  # half up
    assert footer(halves) == [["Summa", "0,5"]]


def test_other_unit_converts_and_groups_thousands() -> None:
    table = render.show_table(mkr_year(2021, ("a", "1.5")), Unit.KR)
    assert shown(table) == [["A", "1 500 000"]]
    assert table.title == "Paket 2021, kronor"


def test_show_table_names_a_declared_total_that_differs() -> None:
    table = render.show_table(mkr_year(2021, ("a", "4.9"), total="5.0"), Unit.MKR)
    assert footer(table) == [["Summa", "4,9"], ["Beslutad ram", "5,0"]]


def test_rename_is_marked_with_the_old_name() -> None:
    old = Budget(2020, Unit.MKR, Decimal(1), (Item("a", "Väktare", Decimal(1)),))
    new = Budget(2021, Unit.MKR, Decimal(1), (Item("a", "Trygghetsvärdar", Decimal(1)),))
    table = render.diff_table(compare(old, new), Unit.MKR)
    assert shown(table)[0][0] == "Trygghetsvärdar (nytt namn, tidigare ”Väktare”)"


def test_side_by_side_fills_missing_years_with_zero() -> None:
    grid = side_by_side([mkr_year(2021, ("a", "0.8"), ("new", "0.4")), mkr_year(2020, ("a", "2.0"), ("old", "1.0"))])
    table = render.side_by_side_table(grid, Unit.MKR)
    assert [column.header for column in table.columns] == ["Post", "2021", "2020"]
    assert shown(table) == [["A", "0,8", "2,0"], ["NEW", "0,4", "0,0"], ["OLD", "0,0", "1,0"]]
    assert footer(table) == [["Summa", "1,2", "3,0"]]


def test_plain_output_has_no_escape_codes() -> None:
    text = written(render.show_table(mkr_year(2021, ("a", "1.0")), Unit.MKR), Format.PLAIN)
    assert "\x1b" not in text
    assert text.splitlines()[-1].split() == ["Summa", "1,0"]


def test_rich_output_to_a_file_has_no_colour() -> None:
    text = written(render.show_table(mkr_year(2021, ("a", "1.0")), Unit.MKR), Format.RICH)
    assert "\x1b" not in text
    assert "Summa" in text


def test_swedish_csv_parses_back_to_the_exact_amounts() -> None:
    table = render.diff_table(compare(mkr_year(2020, ("a", "1234.5")), mkr_year(2021, ("a", "0.25"))), Unit.MKR)
    data = written(table, Format.CSV)
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
    table = render.show_table(mkr_year(2021, ("a", "1234.5")), Unit.MKR, Locale.EN)
    data = written(table, Format.CSV)
    assert data == "Item,2021\r\nA,1234.5\r\nTotal,1234.5\r\n"


def test_html_is_standalone_and_accessible() -> None:
    page = written(render.diff_table(DIFF, Unit.MKR), Format.HTML)
    assert page.startswith('<!DOCTYPE html>\n<html lang="sv">')
    assert "<caption" in page and "Paket: 2020–2021, miljoner kronor</caption>" in page
    assert '<th scope="col" style="text-align:right;padding:2px 8px">2020</th>' in page
    assert '<th scope="row" style="text-align:left;padding:2px 8px">B (ny)</th>' in page
    assert '<td style="text-align:right;padding:2px 8px">+1,7</td>' in page
    assert "<tfoot>" in page and "Summa" in page.split("<tfoot>")[1]


def test_html_escapes_names() -> None:
    page = written(
        render.show_table(Budget(2021, Unit.KR, Decimal(1), (Item("a", "<b>&", Decimal(1)),)), Unit.KR), Format.HTML
    )
    assert "&lt;b&gt;&amp;" in page and "<b>&" not in page


def test_markdown_is_a_pipe_table_with_aligned_numbers() -> None:
    text = written(render.show_table(mkr_year(2021, ("a", "1.0")), Unit.MKR), Format.MARKDOWN)
    lines = text.splitlines()
    assert lines[0] == "**Paket 2021, miljoner kronor**"
    assert lines[2].startswith("| Post")
    assert lines[3].endswith("--:|")
    assert lines[-1].startswith("| **Summa**")


@pytest.mark.parametrize("fmt", [Format.GRID, Format.LATEX, Format.RST, Format.TSV])
def test_tabulate_formats_hold_every_row(fmt: Format) -> None:
    text = written(render.diff_table(DIFF, Unit.MKR), fmt)
    for label in ["A", "B (ny)", "GONE (borttagen)", "Summa"]:
        assert label in text


def test_workbook_holds_numbers_and_formulas() -> None:
    openpyxl = pytest.importorskip("openpyxl")
    data = render.workbook(render.diff_table(DIFF, Unit.MKR))
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    assert sheet["A1"].value == "Paket: 2020–2021, miljoner kronor"
    assert [cell.value for cell in sheet[3]] == ["Post", "2020", "2021", "Förändring", "Förändring %"]
    assert sheet["A3"].font.bold
    assert (sheet["B4"].value, sheet["C4"].value) == (2, 0.8)
    assert isinstance(sheet["B4"].value, (int, float))
    assert sheet["B4"].number_format == "#,##0.0"
    assert sheet["D4"].value == "=C4-B4"
    assert sheet["E4"].value == '=IF(B4=0,"",(C4-B4)/B4)'
    assert sheet["A7"].value == "Summa"
    assert (sheet["B7"].value, sheet["C7"].value) == ("=SUM(B4:B6)", "=SUM(C4:C6)")
    assert sheet["B7"].font.bold
    assert sheet.column_dimensions["A"].width >= len("GONE (borttagen)")


def test_chart_draws_a_bar_per_year_scaled_to_the_largest() -> None:
    out = io.StringIO()
    render.write_chart(DIFF, Unit.MKR, ChartFormat.PLAIN, out)
    lines = out.getvalue().splitlines()
    assert lines[0] == "Paket: 2020–2021, miljoner kronor"
    full = "█" * render.CHART_WIDTH
    assert any(full in line and "2020" in line and line.endswith("2,0") for line in lines)
    assert any("2021" in line and "█" * 16 in line and "█" * 17 not in line and line.endswith("0,8") for line in lines)
    assert len(lines) == 1 + 2 * len(DIFF.changes)  # a title, then two bars per item
    assert "\x1b" not in out.getvalue()


def test_chart_as_svg() -> None:
    out = io.StringIO()
    render.write_chart(DIFF, Unit.MKR, ChartFormat.SVG, out)
    assert out.getvalue().startswith("<svg")
    assert "Paket" in out.getvalue()


def test_diff_json_holds_exact_strings_and_nulls() -> None:
    data = render.diff_data(
        compare(mkr_year(2020, ("a", "0.3")), mkr_year(2021, ("a", "0.8"), ("b", "0.25"))),
        Unit.MKR,
        ("old.yaml", "new.yaml"),
        [],
    )
    assert "0.8000" not in json.dumps(data)
    assert data["items"] == [
        {
            "id": "a",
            "name": "A",
            "from": "0.3",
            "to": "0.8",
            "change": "0.5",
            "change_pct": "166.7",
            "status": "changed",
        },
        {"id": "b", "name": "B", "from": None, "to": "0.25", "change": "0.25", "change_pct": None, "status": "added"},
    ]
    assert data["total"] == {"from": "0.3", "to": "1.05", "change": "0.75", "change_pct": "250.0"}


def test_json_is_one_document_with_a_record_per_line() -> None:
    comparison = compare(many_items(2020, 10_000, 3), many_items(2021, 10_001, 7))
    data = render.diff_data(comparison, Unit.KR, ("old.yaml", "new.yaml"), [])
    out = io.StringIO()
    render.write_json(data, out)
    text = out.getvalue()
    assert json.loads(text) == data  # all 10,001 records, across the blocks it is written in
    records = [line for line in text.splitlines() if line.startswith('    {"id": ')]
    assert len(records) == 10_001
    assert data["items"][4096] == {
        "id": "i4096",
        "name": "Post 4096",
        "from": "1228.8",
        "to": "2867.2",
        "change": "1638.4",
        "change_pct": "133.3",
        "status": "changed",
    }
    assert data["items"][-1]["status"] == "added"


def test_problem_line_is_the_shape_editors_jump_to() -> None:
    problem = Problem("total-mismatch", "items sum to 4,9 mkr", Source("data/budget-2021.yaml", 7, 13))
    assert render.problem_line(problem) == "data/budget-2021.yaml:7:13: total-mismatch: items sum to 4,9 mkr"
    no_column = Problem("schema", "file is empty", Source("x.yaml", 1))
    assert render.problem_line(no_column) == "x.yaml:1: schema: file is empty"


def test_validate_data_shape() -> None:
    bad = Loaded("x.yaml", None, (Problem("yaml", "bad", Source("x.yaml", 2, 3)),))
    assert render.validate_data([bad]) == {
        "ok": False,
        "files": [
            {
                "path": "x.yaml",
                "year": None,
                "ok": False,
                "problems": [{"code": "yaml", "message": "bad", "line": 2, "column": 3}],
            }
        ],
    }


def tabulate_simple(table: render.Table) -> str:
    """The same table through tabulate's "simple" layout, which the plain writer follows."""
    from tabulate import tabulate

    rows = shown(table) + ([[""] * len(table.columns), *footer(table)] if table.footer else [])
    text = tabulate(
        rows,
        headers=[column.header for column in table.columns],
        tablefmt="simple",
        colalign=["right" if column.numeric else "left" for column in table.columns],
        disable_numparse=True,
    )
    return f"{table.title}\n\n" + "\n".join(line.rstrip() for line in text.splitlines()) + "\n"


def many_items(number: int, count: int, step: int) -> Budget:
    """A year of `count` items, with amounts that differ by item and by year."""
    items = tuple(Item(f"i{n}", f"Post {n}", Decimal(n * step) / 10) for n in range(count))
    return Budget(number, Unit.KR, sum((item.amount for item in items), Decimal(0)), items)


@pytest.mark.parametrize(
    "table",
    [
        render.diff_table(DIFF, Unit.MKR),
        render.diff_table(DIFF, Unit.KR, Locale.EN),
        render.diff_table(compare(mkr_year(2020), mkr_year(2021)), Unit.MKR),  # no rows, a Summa row
        # More rows than the plain writer writes at a time.
        render.diff_table(compare(many_items(2020, 10_000, 3), many_items(2021, 10_001, 7)), Unit.KR),
    ],
    ids=["diff", "english", "no-rows", "10001-rows"],
)
def test_plain_is_tabulates_simple_layout(table: render.Table) -> None:
    assert written(table, Format.PLAIN) == tabulate_simple(table)
