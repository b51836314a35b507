"""Property tests: whatever the bytes, trygg answers with a message and 0, 1 or 2; and on any
valid budget its results keep their invariants."""

from __future__ import annotations

import json
import re
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path
from typing import Any

from hypothesis import example, given
from hypothesis import strategies as st
from typer.testing import CliRunner

from tests.cases import SHIPPED, UNITS, budgets, mutated_shipped
from trygg_cli.check import checked
from trygg_cli.cli import app
from trygg_cli.load import load_data
from trygg_cli.render.locale import Locale
from trygg_cli.render.words import problem_message
from trygg_cli.targets import load_file

RUNNER = CliRunner()


@contextmanager
def data_dir(**files: bytes) -> Iterator[Path]:
    with tempfile.TemporaryDirectory() as folder:
        for name, content in files.items():
            (Path(folder) / name).write_bytes(content)
        yield Path(folder)


def invoke(*args: str) -> Any:
    result = RUNNER.invoke(app, list(args))
    # Exit codes are trygg's three, reached through typer.Exit; anything else is a crash.
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert result.exit_code in (0, 1, 2), result.output
    assert result.output.strip(), "a message is always printed"
    return result


def answer_all(content: bytes) -> None:
    """validate, show and diff on one file, as the 2021 year next to the shipped 2020."""
    with data_dir(**{"budget-2021.yaml": content, "budget-2020.yaml": SHIPPED[0].encode()}) as folder:
        path = str(folder / "budget-2021.yaml")
        invoke("validate", path)
        invoke("validate", path, "--format", "json")
        invoke("show", path)
        invoke("--data-dir", str(folder), "diff", "2020", "2021")
        invoke("--data-dir", str(folder), "diff", "2021", "2020", "--format", "json")


@given(st.binary(max_size=2000))
def test_random_bytes(content: bytes) -> None:
    answer_all(content)


TOKENS = st.sampled_from(
    [
        "year",
        "unit",
        "total",
        "items",
        "id",
        "name",
        "amount",
        "note",
        "title",
        "ammount",
        "2021",
        "mkr",
        "tkr",
        "kr",
        "0.8",
        "5.0",
        "0,8",
        "1e3",
        "-1",
        ".inf",
        "~",
        "null",
        "no",
        "017",
        "1:30",
        "'text'",
        '"0.8"',
        "&a",
        "*a",
        "<<",
        "!!binary",
        "!!set",
        "[",
        "]",
        "{",
        "}",
        ",",
        "-",
        ":",
        "?",
        "#",
        "|",
        ">",
        "---",
        "...",
        "ä",
        "\t",
        " ",
        "%YAML 1.1",
    ]
)
LINES = st.lists(
    st.tuples(st.integers(0, 8), st.lists(TOKENS, min_size=1, max_size=6)).map(
        lambda line: " " * line[0] + " ".join(line[1])
    ),
    max_size=30,
)


@given(LINES)
def test_yaml_shaped_text(lines: list[str]) -> None:
    answer_all("\n".join(lines).encode("utf-8"))


@given(mutated_shipped())
def test_mutations_of_the_shipped_files(content: bytes) -> None:
    answer_all(content)


# Invariants over valid budgets -------------------------------------------------------------


@given(budgets(2020), budgets(2021))
def test_valid_budgets_keep_their_invariants(old: Any, new: Any) -> None:
    old_text, _, old_total, old_unit = old
    new_text, new_amounts, new_total, new_unit = new
    with data_dir(**{"budget-2020.yaml": old_text.encode(), "budget-2021.yaml": new_text.encode()}) as folder:
        where = ("--data-dir", str(folder))
        assert invoke(*where, "validate").exit_code == 0

        itself = json.loads(invoke(*where, "diff", "2021", "2021", "--format", "json").stdout)
        assert all(item["status"] == "unchanged" for item in itself["items"])
        assert invoke(*where, "diff", "2021", "2021", "--exit-code").exit_code == 0

        diff = json.loads(invoke(*where, "diff", "2020", "2021", "--format", "json", "--unit", "kr").stdout)
        to_kr = {unit: Decimal(factor) for unit, factor in UNITS.items()}
        old_kr, new_kr = old_total * to_kr[old_unit], new_total * to_kr[new_unit]
        assert Decimal(diff["total"]["change"]) == new_kr - old_kr
        assert Decimal(diff["total"]["from"]) == old_kr and Decimal(diff["total"]["to"]) == new_kr

        shown = json.loads(invoke(*where, "show", "2021", "--format", "json").stdout)
        assert {item["id"]: Decimal(item["amount"]) for item in shown["items"]} == new_amounts
        assert Decimal(shown["total"]) == new_total

        assert invoke(*where, "new", "2022").exit_code == 0
        started, original = load_file(folder / "budget-2022.yaml"), load_file(folder / "budget-2021.yaml")
        assert started.problems == ()
        assert started.budget is not None and original.budget is not None
        assert started.budget.items == original.budget.items


# What a crash guard cannot see -------------------------------------------------------------


def problems_point_inside(content: bytes) -> None:
    """Every problem of any file: a code scripts can rely on, a place within the file, and a
    message in both languages with every figure filled in."""
    loaded = checked(load_data(content, "budget-2021.yaml"))
    # Lines as YAML and an editor count them: a lone carriage return ends one too (as do NEL, LS
    # and PS), and a problem may point just past a last line without a line end.
    lines = len(re.split("\r\n|[\r\n\x85\u2028\u2029]", content.decode("utf-8", errors="replace")))
    for problem in loaded.problems:
        assert re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", problem.code), problem
        assert problem.source.path == "budget-2021.yaml", problem
        assert 1 <= problem.source.line <= lines, (problem, lines)
        assert problem.source.column is None or problem.source.column >= 1, problem
        for locale in Locale:
            message = problem_message(problem, locale)
            assert message.strip() and not re.search(r"\{[a-z_]+\}", message), (problem, message)


@given(st.one_of(st.binary(max_size=500), LINES.map(lambda lines: "\n".join(lines).encode()), mutated_shipped()))
@example(b"(:\n.")  # the parser's end of a file without a last newline is one line past it
@example(b"year: 2021\n\x07unit: mkr\n")  # a control character that starts a line: column 1
@example(b"year: 2021\n\tunit: mkr\n")
@example(b"\r\xc3\x80")  # a lone carriage return ends a line (the problem is on line 2)
@example(b"year: 2021\xc2\x85unit: mkr\n")  # and so does NEL
def test_problems_always_point_inside_the_file(content: bytes) -> None:
    problems_point_inside(content)


@given(budgets(2020), budgets(2021))
def test_a_diff_adds_up_and_its_percent_follows_its_change(old: Any, new: Any) -> None:
    """In any diff of valid years, every row's change is its to less its from, the rows add up
    to the totals, and a change in percent has the sign of the change."""
    with data_dir(**{"budget-2020.yaml": old[0].encode(), "budget-2021.yaml": new[0].encode()}) as folder:
        diff = json.loads(invoke("--data-dir", str(folder), "diff", "2020", "2021", "-f", "json", "-u", "kr").stdout)
    rows = [*diff["items"], diff["total"]]
    for row in rows:
        assert Decimal(row["change"]) == Decimal(row["to"] or 0) - Decimal(row["from"] or 0), row
        if row["change_pct"] is not None:
            assert (Decimal(row["change_pct"]) > 0) == (Decimal(row["change"]) > 0) or not Decimal(row["change_pct"])
    for column in ("from", "to", "change"):
        assert sum(Decimal(item[column] or 0) for item in diff["items"]) == Decimal(diff["total"][column]), column
