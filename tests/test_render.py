"""Views to text: Swedish numbers, a Summa row, exact JSON strings, plain text with no escapes."""

from __future__ import annotations

import io
import json
from decimal import Decimal

from trygg_cli import render
from trygg_cli.compare import compare
from trygg_cli.load import Loaded
from trygg_cli.model import Budget, Item, Problem, Source, Unit
from trygg_cli.render import Format


def mkr_year(number: int, *items: tuple[str, str], total: str | None = None) -> Budget:
    entries = tuple(Item(item_id, item_id.upper(), Decimal(mkr) * 1_000_000) for item_id, mkr in items)
    declared = Decimal(total) * 1_000_000 if total else sum((i.amount for i in entries), Decimal(0))
    return Budget(number, Unit.MKR, declared, entries, title=f"Paket {number}")


def test_diff_table_cells_follow_the_paper() -> None:
    table = render.diff_table(
        compare(mkr_year(2020, ("a", "2.0"), ("gone", "0.5")), mkr_year(2021, ("a", "0.8"), ("b", "1.7"))), Unit.MKR
    )
    assert table.headers == ["Post", "2020", "2021", "Förändring", "Förändring %"]
    assert table.rows == [
        ["A", "2,0", "0,8", "-1,2", "-60,0 %"],
        ["B (ny)", "0,0", "1,7", "+1,7", "–"],
        ["GONE (borttagen)", "0,5", "0,0", "-0,5", "-100,0 %"],
    ]
    assert table.summary == ["Summa", "2,5", "2,5", "0,0", "0,0 %"]
    assert table.title == "Paket: 2020–2021, miljoner kronor"


def test_column_decimals_show_every_amount_exactly() -> None:
    table = render.show_table(mkr_year(2021, ("a", "0.8"), ("b", "0.25")), Unit.MKR)
    assert [row[1] for row in table.rows] == ["0,80", "0,25"]
    assert table.summary == ["Summa", "1,05"]


def test_other_unit_converts_and_groups_thousands() -> None:
    table = render.show_table(mkr_year(2021, ("a", "1.5")), Unit.KR)
    assert table.rows == [["A", "1 500 000"]]
    assert table.title == "Paket 2021, kronor"


def test_show_table_names_a_declared_total_that_differs() -> None:
    table = render.show_table(mkr_year(2021, ("a", "4.9"), total="5.0"), Unit.MKR)
    assert table.rows[-1] == ["Beslutad ram", "5,0"]
    assert table.summary == ["Summa", "4,9"]


def test_rename_is_marked_with_the_old_name() -> None:
    old = Budget(2020, Unit.MKR, Decimal(1), (Item("a", "Väktare", Decimal(1)),))
    new = Budget(2021, Unit.MKR, Decimal(1), (Item("a", "Trygghetsvärdar", Decimal(1)),))
    table = render.diff_table(compare(old, new), Unit.MKR)
    assert table.rows[0][0] == "Trygghetsvärdar (nytt namn, tidigare ”Väktare”)"


def test_plain_output_has_no_escape_codes() -> None:
    out = io.StringIO()
    render.write_table(render.show_table(mkr_year(2021, ("a", "1.0")), Unit.MKR), Format.PLAIN, out)
    text = out.getvalue()
    assert "\x1b" not in text
    assert text.splitlines()[-1].split() == ["Summa", "1,0"]


def test_rich_output_to_a_file_has_no_colour() -> None:
    out = io.StringIO()
    render.write_table(render.show_table(mkr_year(2021, ("a", "1.0")), Unit.MKR), Format.RICH, out)
    assert "\x1b" not in out.getvalue()
    assert "Summa" in out.getvalue()


def test_diff_json_holds_exact_strings_and_nulls() -> None:
    data = render.diff_data(
        compare(mkr_year(2020, ("a", "0.3")), mkr_year(2021, ("a", "0.8"), ("b", "0.25"))),
        Unit.MKR,
        ("old.yaml", "new.yaml"),
        [],
    )
    text = json.dumps(data)
    assert "0.8000" not in text
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


def test_problem_line_is_the_shape_editors_jump_to() -> None:
    problem = Problem("total-mismatch", "items sum to 4,9 mkr", Source("data/budget-2021.yaml", 7, 13))
    assert render.problem_line(problem) == "data/budget-2021.yaml:7:13: total-mismatch: items sum to 4,9 mkr"
    no_column = Problem("schema", "file is empty", Source("x.yaml", 1))
    assert render.problem_line(no_column) == "x.yaml:1: schema: file is empty"


def test_validate_data_shape() -> None:
    bad = Loaded("x.yaml", None, (Problem("yaml", "bad", Source("x.yaml", 2, 3)),))
    data = render.validate_data([bad])
    assert data == {
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
