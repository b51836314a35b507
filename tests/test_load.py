"""Loading: the shipped years match the paper, and every bad input is a located problem."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
import yaml

from tests.cases import GOOD, PAPER, PAPER_NAMES, REJECTIONS
from tests.conftest import DATA, Write, said
from trygg_cli import reader
from trygg_cli.check import checked
from trygg_cli.model import Unit
from trygg_cli.targets import load_file

if TYPE_CHECKING:
    from trygg_cli.reader import Parser


def codes(path: Path, parser: Parser) -> list[tuple[str, int]]:
    return [(p.code, p.source.line) for p in checked(load_file(path, parser)).problems]


@pytest.mark.parametrize("year", [2020, 2021])
def test_shipped_years_match_the_papers_table(year: int, parser: Parser) -> None:
    loaded = checked(load_file(DATA / f"budget-{year}.yaml", parser))
    assert loaded.problems == ()
    budget = loaded.budget
    assert budget is not None
    assert budget.year == year and budget.unit is Unit.MKR
    assert budget.total == Decimal("5000000")
    assert {item.id: item.amount for item in budget.items} == {
        item_id: Decimal(mkr) * 1_000_000 for item_id, mkr in PAPER[year].items()
    }
    assert [item.id for item in budget.items] == list(PAPER[year])  # the paper's order
    assert {item.id: item.name for item in budget.items} == {item_id: PAPER_NAMES[item_id] for item_id in PAPER[year]}


def test_amounts_are_exact_decimals(write: Write, parser: Parser) -> None:
    path = write("""\
        year: 2021
        unit: mkr
        total: 1.3
        items:
          - {id: a, name: A, amount: 0.1}
          - {id: b, name: B, amount: 0.2}
          - {id: c, name: C, amount: 0.7}
          - {id: d, name: D, amount: 0.1}
          - {id: e, name: E, amount: 0.1}
          - {id: f, name: F, amount: 0.1}
    """)
    loaded = checked(load_file(path, parser))
    assert loaded.problems == ()
    assert loaded.budget is not None
    assert sum(item.amount for item in loaded.budget.items) == Decimal("1300000")
    assert all(isinstance(item.amount, Decimal) for item in loaded.budget.items)


def test_yaml_11_words_and_numbers_stay_text(write: Write, parser: Parser) -> None:
    path = write("""\
        year: 2021
        unit: mkr
        total: 0
        items:
          - {id: no, name: yes, amount: 0}
          - {id: on, name: off, amount: 0}
          - {id: "017", name: 017, amount: 0}
          - {id: x130, name: 1:30, amount: 0}
    """)
    loaded = load_file(path, parser)
    assert loaded.problems == ()
    assert loaded.budget is not None
    assert [(item.id, item.name) for item in loaded.budget.items] == [
        ("no", "yes"),
        ("on", "off"),
        ("017", "017"),
        ("x130", "1:30"),
    ]


def test_bom_and_crlf_are_fine(write: Write, parser: Parser) -> None:
    text = GOOD.replace("\n", "\r\n")
    path = write(b"\xef\xbb\xbf" + text.encode("utf-8"))
    loaded = checked(load_file(path, parser))
    assert loaded.problems == ()
    assert loaded.budget is not None and loaded.budget.total == Decimal("1000000")


def test_repeated_key_keeps_the_first_value(write: Write, parser: Parser) -> None:
    path = write(GOOD.replace("amount: 1.0", "amount: 1.0\n    amount: 2.0"))
    loaded = checked(load_file(path, parser))
    assert loaded.budget is not None
    assert loaded.budget.items[0].amount == Decimal("1000000")
    [problem] = loaded.problems
    assert (problem.code, problem.source.line, problem.source.column) == ("duplicate-key", 8, 5)
    assert said(problem) == "key 'amount' is repeated; the first, on line 7, is used"


def test_every_problem_in_a_file_is_reported(write: Write, parser: Parser) -> None:
    path = write("""\
        year: 2021
        unit: mkr
        total: 5.0
        items:
          - {id: a, name: A, ammount: 1.0}
          - {id: B, name: B, amount: 0,8}
          - {id: c, name: C, amount: "1.0"}
    """)
    assert codes(path, parser) == [("schema", 5), ("schema", 6), ("amount", 6), ("amount", 7)]


def test_misspelt_key_is_one_problem_not_two(write: Write, parser: Parser) -> None:
    path = write(GOOD.replace("amount: 1.0", "ammount: 1.0"))
    [problem] = checked(load_file(path, parser)).problems
    assert (problem.code, problem.source.line) == ("schema", 7)
    assert said(problem) == (
        "unknown key 'ammount' in this item; did you mean 'amount'? "
        "allowed: id, name, amount, note, match, forecast, months, start, end"
    )


def test_decimal_comma_in_a_flow_mapping_is_named(write: Write, parser: Parser) -> None:
    # In `{amount: 0,8}` YAML sees amount 0 and a key 8; trygg says what was meant.
    path = write(GOOD + "  - {id: b, name: B, amount: 0,8}\n")
    loaded = checked(load_file(path, parser))
    assert loaded.budget is None
    [problem] = loaded.problems
    assert (problem.code, problem.source.line) == ("amount", 8)
    assert said(problem) == "amount 0,8 has a decimal comma; write it with a point: 0.8"


@pytest.mark.parametrize(("content", "code", "line"), list(REJECTIONS.values()), ids=list(REJECTIONS))
def test_rejection_names_code_and_line(
    write: Write, parser: Parser, content: str | bytes, code: str, line: int
) -> None:
    path = write(content)
    found = codes(path, parser)
    assert (code, line) in found, found


def test_messages_say_what_to_do(write: Write, parser: Parser) -> None:
    def message(content: str | bytes) -> str:
        return " | ".join(said(p) for p in checked(load_file(write(content), parser)).problems)

    assert "unknown key 'ammount' in this item; did you mean 'amount'?" in message(REJECTIONS["unknown key"][0])
    assert "Windows-1252" in message(REJECTIONS["windows-1252"][0])
    assert "UTF-16" in message(REJECTIONS["utf-16"][0])
    assert "write it with a point: 1.0" in message(REJECTIONS["decimal comma"][0])
    assert "for example 'trygghetsvardar'" in message(REJECTIONS["id not a slug"][0])
    assert "year is 2022 but the file is named for 2021" in message(REJECTIONS["year differs from file name"][0])


def test_both_parsers_report_the_same_problems(write: Write) -> None:
    if not hasattr(yaml, "CSafeLoader"):
        pytest.skip("PyYAML here has no libyaml")
    for content, _, _ in REJECTIONS.values():
        path = write(content)
        fast = checked(load_file(path, yaml.CSafeLoader)).problems
        pure = checked(load_file(path, yaml.SafeLoader)).problems
        assert [(p.code, p.source.line, p.source.column) for p in fast] == [
            (p.code, p.source.line, p.source.column) for p in pure
        ], content


def test_too_large_file_is_refused_before_parsing(write: Write, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(reader, "MAX_FILE_BYTES", 1024)
    path = write(GOOD + "# " + "x" * 2000 + "\n")
    loaded = load_file(path)
    assert loaded.budget is None
    [problem] = loaded.problems
    assert problem.code == "too-large" and "at most" in said(problem)


def test_file_that_does_not_load_gives_no_budget(write: Write, parser: Parser) -> None:
    loaded = load_file(write(GOOD.replace("amount: 1.0", "amount: 1,0")), parser)
    assert loaded.budget is None


def test_budget_still_loads_with_warnings(write: Write, parser: Parser) -> None:
    loaded = checked(load_file(write(GOOD.replace("total: 1.0", "total: 2.0")), parser))
    assert loaded.budget is not None
    assert [p.code for p in loaded.problems] == ["total-mismatch"]


def test_without_libyaml_the_pure_python_parser_reads(write: Write, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delattr(yaml, "CSafeLoader", raising=False)  # as a PyYAML built without libyaml
    assert reader.default_parser() is yaml.SafeLoader
    path = write(REJECTIONS["decimal comma"][0])
    assert codes(path, None) == [("amount", 7)]  # type: ignore[arg-type]


# The follow-up's keys: match and forecast --------------------------------------------------------


def test_match_codes_are_text_however_written(write: Write, parser: Parser) -> None:
    path = write("""\
        year: 2021
        unit: mkr
        total: 1.0
        match: {ansvar: 1510}
        items:
          - id: a
            name: A
            amount: 1.0
            forecast: 0.75
            match:
              projekt: ["2101", 2102, 54*]
              Konto: "4010"
    """)
    loaded = checked(load_file(path, parser))
    assert loaded.problems == ()
    assert loaded.budget is not None
    [package] = loaded.budget.match
    assert (package.dimension, package.codes, package.source and package.source.line) == ("ansvar", ("1510",), 4)
    item = loaded.budget.items[0]
    assert [(criterion.dimension, criterion.codes) for criterion in item.match] == [
        ("projekt", ("2101", "2102", "54*")),
        ("Konto", ("4010",)),
    ]
    assert item.forecast == Decimal(750_000)


def test_a_regular_file_with_match_is_read_by_the_full_reader() -> None:
    from trygg_cli.regular import read_regular

    text = GOOD.replace("items:\n", 'match: {ansvar: "1"}\nitems:\n')
    assert read_regular(text, "x.yaml") is None
    assert read_regular(GOOD + "    forecast: 1.0\n", "x.yaml") is None


@pytest.mark.parametrize(
    ("match", "reason", "line"),
    [
        ("match: ansvar", "match-not-mapping", 4),
        ("match: {}", "match-not-mapping", 4),
        ("match: {ansvar: []}", "match-codes", 4),
        ("match: {ansvar: {a: 1}}", "match-codes", 4),
        ('match: {ansvar: "1*2"}', "match-codes", 4),
        ('match: {ansvar: "1", Ansvar: "2"}', "match-repeated", 4),
        ('match: {[a]: "1"}', "match-key", 4),
    ],
)
def test_a_bad_match_is_a_problem_at_its_line(write: Write, parser: Parser, match: str, reason: str, line: int) -> None:
    path = write(GOOD.replace("items:\n", match + "\nitems:\n"))
    [problem] = checked(load_file(path, parser)).problems
    assert (problem.reason, problem.source.line) == (reason, line)
    assert said(problem)  # put into words
