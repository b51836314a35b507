"""Next year from the last: the same text with the year moved on, amounts exactly as written."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from tests.conftest import DATA, Write
from trygg_cli.check import checked
from trygg_cli.rollover import next_year_text, roll_over
from trygg_cli.targets import load_file

TODAY = date(2026, 11, 26)


def test_amounts_stay_as_written_and_the_year_moves_on(write: Write) -> None:
    path = write("""\
        # About 2021: this header describes the old year.
        year: 2021
        title: Paketet 2021
        unit: mkr
        total: 1.00
        items:
          - id: a
            name: A 2021   # a name that happens to hold the year stays as it is
            amount: 0.80
          - id: b
            name: B
            amount: 0.20
    """)
    loaded = checked(load_file(path))
    assert loaded.budget is not None
    text = next_year_text(path.read_text(encoding="utf-8"), loaded.budget, 2022, "data/budget-2021.yaml", TODAY)
    assert text.splitlines() == [
        "# 2022, started from data/budget-2021.yaml (2021) by `trygg new 2022` on 2026-11-26.",
        "# Edit the items and the total, then check them with `trygg validate 2022`.",
        "year: 2022",
        "title: Paketet 2022",
        "unit: mkr",
        "total: 1.00",
        "items:",
        "  - id: a",
        "    name: A 2021   # a name that happens to hold the year stays as it is",
        "    amount: 0.80",
        "  - id: b",
        "    name: B",
        "    amount: 0.20",
    ]


def test_crlf_and_the_schema_comment_are_kept(write: Write) -> None:
    path = write(
        b"# yaml-language-server: $schema=../schema/budget.schema.json\r\n# old\r\n"
        b"year: 2021\r\nunit: kr\r\ntotal: 5\r\nitems:\r\n  - {id: a, name: A, amount: 5}\r\n"
    )
    loaded = checked(load_file(path))
    assert loaded.budget is not None
    data, result = roll_over(loaded, path.read_bytes(), 2022, str(path.with_name("budget-2022.yaml")), TODAY)
    text = data.decode("utf-8")
    assert text.startswith("# yaml-language-server: $schema=../schema/budget.schema.json\r\n# 2022, started")
    assert "\r\nyear: 2022\r\n" in text
    assert "\n" not in text.replace("\r\n", "")
    assert result.problems == ()


def test_shipped_year_rolls_over_to_a_file_that_validates(tmp_path: Path) -> None:
    previous = checked(load_file(DATA / "budget-2021.yaml"))
    data, result = roll_over(
        previous, (DATA / "budget-2021.yaml").read_bytes(), 2022, str(tmp_path / "budget-2022.yaml"), TODAY
    )
    assert result.problems == ()
    assert result.budget is not None and previous.budget is not None
    assert result.budget.year == 2022
    assert result.budget.title == "Trygghetspaketet 2022"
    assert result.budget.items == previous.budget.items
    assert result.budget.total == previous.budget.total
    assert b"Trygghetspaketet 2021, as decided" not in data  # the old header is gone


def test_an_items_own_forecast_stays_behind_and_match_goes_on(write: Write) -> None:
    path = write("""\
        year: 2021
        unit: mkr
        total: 1.0
        match: {ansvar: "1510"}
        items:
          - forecast: 0.3
            id: a
            name: A
            amount: 0.5
            match: {projekt: "2101"}
          - id: b
            name: B
            forecast: 0.4
            amount: 0.5
    """)
    loaded = checked(load_file(path))
    assert loaded.budget is not None
    data, result = roll_over(loaded, path.read_bytes(), 2022, "budget-2022.yaml", TODAY)
    assert result.problems == ()
    assert result.budget is not None
    assert [item.forecast for item in result.budget.items] == [None, None]
    assert [item.match for item in result.budget.items] == [loaded.budget.items[0].match, ()]
    assert result.budget.match == loaded.budget.match
    assert b"forecast:" not in data
