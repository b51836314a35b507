"""Next year from the last: the same text with the year moved on, amounts exactly as written."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

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
    text, _ = next_year_text(path.read_text(encoding="utf-8"), loaded.budget, 2022, "data/budget-2021.yaml", TODAY)
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
    data, result, _ = roll_over(loaded, path.read_bytes(), 2022, str(path.with_name("budget-2022.yaml")), TODAY)
    text = data.decode("utf-8")
    assert text.startswith("# yaml-language-server: $schema=../schema/budget.schema.json\r\n# 2022, started")
    assert "\r\nyear: 2022\r\n" in text
    assert "\n" not in text.replace("\r\n", "")
    assert result.problems == ()


def test_shipped_year_rolls_over_to_a_file_that_validates(tmp_path: Path) -> None:
    previous = checked(load_file(DATA / "budget-2021.yaml"))
    data, result, _ = roll_over(
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
    data, result, _ = roll_over(loaded, path.read_bytes(), 2022, "budget-2022.yaml", TODAY)
    assert result.problems == ()
    assert result.budget is not None
    assert [item.forecast for item in result.budget.items] == [None, None]
    assert [item.match for item in result.budget.items] == [loaded.budget.items[0].match, ()]
    assert result.budget.match == loaded.budget.match
    assert b"forecast:" not in data


def test_a_period_moves_on_where_it_is_the_whole_year_and_is_left_out_otherwise(write: Write) -> None:
    path = write(
        "year: 2021\nunit: kr\ntotal: 300\nmonths: [1, 1, 1, 1, 1, 1, 0.5, 1, 1, 1, 1, 1]\nitems:\n"
        "  - id: a\n    name: A\n    amount: 100\n    start: 2021-01-01\n    end: '2021-12-31'\n"
        "  - start: 2021-09-01\n    id: b\n    name: B\n    amount: 100\n"
        "    months: [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1]\n"
        "  - id: c\n    name: C\n    amount: 100\n    end: 2021-06-30\n"
        "    forecast:  # by date\n      2021-04-30: 90\n      2021-08-31: 95\n    note: kept\n"
    )
    loaded = checked(load_file(path))
    assert loaded.budget is not None and not loaded.problems, loaded.problems
    data, result, dropped = roll_over(loaded, path.read_bytes(), 2022, "budget-2022.yaml", TODAY)
    text = data.decode()
    assert "    start: 2022-01-01\n    end: '2022-12-31'\n" in text  # the whole year moves on
    assert "  - id: b\n    name: B\n" in text  # b's start left out, and its next key takes the dash
    assert "2021-09-01" not in text and "2021-06-30" not in text and "forecast" not in text
    assert "months: [1, 1, 1, 1, 1, 1, 0.5, 1, 1, 1, 1, 1]" in text and "months: [0, 0, 0, 0" in text
    assert "    amount: 100\n    note: kept\n" in text  # the dated forecast went with its dates
    assert [(d.id, d.key, d.day) for d in dropped] == [
        ("b", "start", date(2021, 9, 1)),
        ("c", "end", date(2021, 6, 30)),
    ]
    assert result.budget is not None and not result.problems
    assert [(item.start, item.end) for item in result.budget.items] == [
        (date(2022, 1, 1), date(2022, 12, 31)),
        (None, None),
        (None, None),
    ]


def test_new_says_which_dates_it_left_out(tmp_path: Path, run: Any) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "budget-2021.yaml").write_text(
        "year: 2021\nunit: kr\ntotal: 1\nitems:\n  - id: a\n    name: A\n    amount: 1\n    start: 2021-09-01\n",
        encoding="utf-8",
    )
    result = run("--data-dir", str(folder), "new", "2022", "--locale", "en")
    assert result.exit_code == 0, result.output
    assert "a: start 2021-09-01 is not taken over to 2022" in result.stderr
    assert "start:" not in (folder / "budget-2022.yaml").read_text(encoding="utf-8")


def test_a_year_with_changes_goes_on_as_in_force_without_them(tmp_path: Path) -> None:
    text = (DATA.parent / "examples" / "budget-2021.yaml").read_text(encoding="utf-8")
    path = tmp_path / "budget-2021.yaml"
    path.write_text(text, encoding="utf-8")
    loaded = checked(load_file(path))
    assert loaded.budget is not None and len(loaded.budget.changes) == 2
    data, result, _ = roll_over(loaded, path.read_bytes(), 2022, "budget-2022.yaml", TODAY)
    new = data.decode()
    assert "changes:" not in new and "decision: K" not in new and "moves:" not in new
    assert "total: 5.3\n" in new  # the total in force, after the tilläggsbudget
    assert "    amount: 0.6\n" in new and "    amount: 1.1\n" in new and "    amount: 1.8\n" in new
    assert "2 budget changes of 2021 are in them" in new
    assert result.budget is not None and not result.problems
    assert {item.id: item.amount for item in result.budget.items}["sspf"] == 1_800_000
    # every other line as it was written: the notes, the match, the unchanged amounts
    unchanged = [line for line in text.splitlines() if line.startswith("    amount: 0.8") or "match: {projekt" in line]
    assert all(line in new.splitlines() for line in unchanged)


def test_new_writes_its_header_in_the_runs_language(tmp_path: Path, run: Any) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "budget-2021.yaml").write_bytes((DATA.parent / "examples" / "budget-2021.yaml").read_bytes())
    assert run("--data-dir", str(folder), "new", "2022").exit_code == 0
    swedish = (folder / "budget-2022.yaml").read_text(encoding="utf-8").splitlines()
    assert swedish[1].startswith("# 2022, påbörjad från ") and swedish[1].endswith(f"den {date.today().isoformat()}.")
    assert swedish[2] == "# Beloppen och totalen är 2021s i kraft: 2 budgetändringar från 2021 ingår i dem."
    assert swedish[3] == "# Ändra posterna och totalen, och kontrollera dem sedan med `trygg validate 2022`."
    assert run("--data-dir", str(folder), "new", "2022", "--force", "--locale", "en").exit_code == 0
    english = (folder / "budget-2022.yaml").read_text(encoding="utf-8").splitlines()
    assert english[2] == "# The amounts and the total are 2021's in force: 2 budget changes of 2021 are in them."
