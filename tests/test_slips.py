"""Everyday editing slips, each driven through the CLI in both languages: the line it names, and
the fix it gives (what to type next), instead of a parser's words."""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import Write

BUDGET = """\
year: 2021
unit: mkr
total: 1.0
items:
  - id: a
    name: A
    amount: 0.5
  - id: b
    name: B
    amount: 0.5
"""

# name: (the file, the line, what the English message must say, what the Swedish must say)
SLIPS: dict[str, tuple[str, int, str, str]] = {
    "a name with ': '": (
        BUDGET.replace("name: B", "name: Trygghet: belysning i parker"),
        9,
        """put it in quotes: name: "Trygghet: belysning i parker\"""",
        """sätt värdet inom citattecken: name: "Trygghet: belysning i parker\"""",
    ),
    "a name starting with #": (
        BUDGET.replace("name: B", "name: #1 belysning"),
        9,
        """'#' starts a comment in YAML, so name is empty; put it in quotes: name: "#1 belysning\"""",
        """'#' inleder en kommentar i YAML, så name blir tomt; sätt värdet inom citattecken: name: "#1 belysning\"""",
    ),
    "a line indented one space too many": (
        BUDGET.replace("    name: B", "     name: B"),
        9,
        "this line is indented 5 spaces, but the other lines of this item are indented 4; indent it the same",
        "raden är indragen 5 mellanslag, men de andra raderna i posten är indragna 4; dra in den likadant",
    ),
    "a line indented one space too few": (
        BUDGET.replace("    amount: 0.5\n  - id: b", "   amount: 0.5\n  - id: b"),
        7,
        "this line is indented 3 spaces, but the other lines of this item are indented 4",
        "raden är indragen 3 mellanslag, men de andra raderna i posten är indragna 4",
    ),
    "an item without its dash": (
        BUDGET.replace("  - id: b", "    id: b"),
        8,
        "a new item starts here but has no '- ': write it as '- id: b', in line with the other items",
        "en ny post börjar här men saknar '- ': skriv '- id: b', i linje med de andra posterna",
    ),
    "key:value without the space": (
        BUDGET.replace("    amount: 0.5\n  - id: b", "    amount:0.5\n  - id: b"),
        7,
        "'amount:0.5' needs a space after the colon: amount: 0.5",
        "'amount:0.5' behöver ett mellanslag efter kolonet: amount: 0.5",
    ),
    "500 000 in an mkr file": (
        BUDGET.replace("total: 1.0", "total: 0.5")
        .replace("    amount: 0.5\n  - id: b", "    amount: 500 000\n  - id: b")
        .replace("    amount: 0.5\n", "    amount: 0\n"),
        7,
        "500 000 kr is 0.5 mkr, write 0.5; or 500000 if you mean 500 000 mkr",
        "500 000 kr är 0.5 mkr, skriv 0.5; eller 500000 om du menar 500 000 mkr",
    ),
    "a key in the wrong case": (
        BUDGET.replace("    amount: 0.5\n  - id: b", "    Amount: 0.5\n  - id: b"),
        7,
        "unknown key 'Amount' in this item; did you mean 'amount'?",
        "okänd nyckel 'Amount' i posten; menade du 'amount'?",
    ),
}


@pytest.mark.parametrize("name", list(SLIPS))
def test_a_slip_gets_its_line_and_its_fix_in_both_languages(write: Write, run: Any, name: str) -> None:
    content, line, english, swedish = SLIPS[name]
    path = write(content)
    for locale, fix in (("en", english), ("sv", swedish)):
        result = run("validate", str(path), "--locale", locale)
        assert result.exit_code == 1
        lines = [line for line in result.stderr.splitlines() if line.startswith(str(path))]
        assert len(lines) == 1, result.stderr  # one problem, the slip's, not the parser's aftermath
        assert lines[0].startswith(f"{path}:{line}:"), lines[0]
        assert fix in lines[0], lines[0]


def test_a_missing_dash_is_one_problem_not_duplicates_and_a_total(write: Write, run: Any) -> None:
    path = write(SLIPS["an item without its dash"][0])
    result = run("validate", str(path), "--format", "json")
    [problem] = __import__("json").loads(result.stdout)["files"][0]["problems"]
    assert (problem["code"], problem["line"]) == ("schema", 8)


def test_a_new_id_for_the_same_name_is_asked_about_under_the_diff(write: Write, run: Any) -> None:
    write(BUDGET.replace("year: 2021", "year: 2020"), name="budget-2020.yaml")
    path = write(BUDGET.replace("id: b", "id: b-2"))
    folder = str(path.parent)
    swedish = run("--data-dir", folder, "diff", "2020", "2021").stdout
    assert swedish.splitlines()[-1] == "b → b-2: samma namn, nytt id; har posten bytt id?"
    english = run("--data-dir", folder, "diff", "2020", "2021", "--locale", "en").stdout
    assert english.splitlines()[-1] == "b → b-2: same name, new id; was it renamed?"


def test_good_messages_are_kept_as_they_were(write: Write, run: Any) -> None:
    path = write(BUDGET.replace("amount: 0.5\n  - id: b", "amount: 0,5\n  - id: b"))
    result = run("validate", str(path), "--locale", "en")
    assert "amount 0,5 has a decimal comma; write it with a point: 0.5" in result.stderr
