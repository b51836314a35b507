"""The fast reader for the regular layout gives exactly what the full reader gives, or nothing.

`read_regular` may decline any file; what it must never do is return a budget the full reader
(YAML events, then the schema) would not return, or a budget without a problem the full reader
would report. These tests hold the two to that on hand-written regular files, on every bad
input of the catalogue and of test_load, and on generated and mutated files.
"""

from __future__ import annotations

import re
import runpy
import textwrap
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import event, given
from hypothesis import strategies as st

from tests.cases import CATALOGUE, REJECTIONS, SHIPPED, mutated_shipped
from tests.conftest import REPO
from trygg_cli import reader
from trygg_cli.load import load_bytes
from trygg_cli.model import Budget
from trygg_cli.regular import read_regular

PATH = "data/budget-2021.yaml"


def places(budget: Budget) -> list[Any]:
    """Where everything was written: what equality between budgets leaves out."""
    return [
        budget.source,
        budget.year_source,
        budget.total_source,
        budget.title_source,
        *(item.source for item in budget.items),
    ]


def full(data: bytes) -> tuple[Budget | None, list[Any]]:
    return load_bytes(data, PATH, regular=False)


def agrees(data: bytes) -> bool:
    """True if the fast reader read the file, False if it declined; fails if it disagrees."""
    text, problems = reader.decode(data, PATH)
    if text is None or problems:
        return False
    fast = read_regular(text, PATH)
    if fast is None:
        return False
    slow, slow_problems = full(data)
    assert slow_problems == [], slow_problems
    assert slow == fast
    assert slow is not None and places(slow) == places(fast)
    return True


REGULAR = {
    "plain": """\
        year: 2021
        title: Trygghetspaketet 2021
        unit: mkr
        total: 1.25
        items:
          - id: a
            name: Trygghetsvärdar (Orminge och Fisksätra)
            amount: 0.80
          - id: b-2
            amount: 0.45
            name: SSPF, skola – polis/fritid 100%
            note: Två rader blir en
    """,
    "items at column 0, comments and blank lines": """\
        # yaml-language-server: $schema=../schema/budget.schema.json
        # header

        unit: kr
        items:
        - id: a
          name: A
          amount: 5

          # between items
        - id: b
          name: B
          amount: 0.05
        total: 5.05
        year: 2021
    """,
    "no items": "year: 2021\nunit: tkr\ntotal: 0\nitems: []\n",
    "trailing spaces": "year: 2021   \nunit: kr \ntotal: 1  \nitems:\n  - id: a  \n    name: A B  \n    amount: 1 \n",
    "YAML 1.1 words as text": "year: 2021\nunit: kr\ntotal: 0\nitems:\n  - id: no\n    name: yes\n    amount: 0\n",
    "a run whose last item has a note": """\
        year: 2021
        unit: kr
        total: 6
        items:
          - id: a
            name: A
            amount: 1
          - id: b
            name: B
            amount: 2
          - id: c
            name: C
            amount: 3
            note: only this one
        title: Run and then lines
    """,
    "folded notes and title": """\
        year: 2021
        title: >-
          Trygghetspaketet
          2021
        unit: mkr
        total: 1.0
        note: >-
          Kommunfullmäktige set aside 5 mkr, "the same level"
          as 2020: less 1 mkr # not a comment here
        items:
          - id: a
            name: A
            amount: 1.0
            note: >-
              The decision list calls it
              "Ambulerande Väktare/Trygghetsvärdar".
    """,
    "a run broken by a blank line and another shape": """\
        year: 2021
        unit: mkr
        total: 3.5
        items:
          - id: a
            name: A
            amount: 1
          - id: b
            name: B
            amount: 1.5

          - amount: 1
            id: c
            name: C
    """,
}


@pytest.mark.parametrize("text", list(REGULAR.values()), ids=list(REGULAR))
def test_regular_files_are_read_fast_and_the_same(text: str) -> None:
    data = textwrap.dedent(text).encode("utf-8")
    assert agrees(data)


def test_crlf_is_regular_too() -> None:
    assert agrees(textwrap.dedent(REGULAR["plain"]).replace("\n", "\r\n").encode())


IRREGULAR = {
    "a comment after a value": "  # ok\n".join(["year: 2021 # the year\n", ""]),
    "a quoted name": 'year: 2021\nunit: kr\ntotal: 1\nitems:\n  - {id: a, name: "A", amount: 1}\n',
    "a continued name": "year: 2021\nunit: kr\ntotal: 1\nitems:\n  - id: a\n    name: A\n      B\n    amount: 1\n",
    "a name with ': '": "year: 2021\nunit: kr\ntotal: 1\nitems:\n  - id: a\n    name: A: B\n    amount: 1\n",
    "items: and nothing": "year: 2021\nunit: kr\ntotal: 0\nitems:\n",
    "a folded note with a blank line": "year: 2021\nunit: kr\ntotal: 0\nnote: >-\n  a\n\n  b\nitems: []\n",
    "a folded note more indented": "year: 2021\nunit: kr\ntotal: 0\nnote: >-\n  a\n    b\nitems: []\n",
    "a folded amount": "year: 2021\nunit: kr\ntotal: 0\nitems:\n  - id: a\n    name: A\n    amount: >-\n      1\n",
    "a literal note": "year: 2021\nunit: kr\ntotal: 0\nnote: |-\n  a\n  b\nitems: []\n",
    "an item after a later key": "year: 2021\nunit: kr\nitems:\n  - id: a\n    name: A\n    amount: 1\n"
    "total: 1\n  - id: b\n    name: B\n    amount: 0\n",
}


# Whole budgets with what YAML reads otherwise than it looks: each must load the same either
# way, and the full reader's reading is the one that counts.
BASE = """\
year: 2021
title: Paket 2021
unit: mkr
total: 1.5
note: Beslut i KS
items:
  - id: a
    name: Trygghetsvärdar
    amount: 1.0
    note: Orminge
  - id: b
    name: SSPF
    amount: 0.5
"""

LOOKALIKES = {
    "a comment after the title": BASE.replace("title: Paket 2021", "title: Paket # draft"),
    "a comment after an amount": BASE.replace("amount: 0.5", "amount: 0.5 # was 0.4"),
    "a comment after a name in the run": BASE.replace("name: Trygghetsvärdar", "name: Trygghetsvärdar # ny"),
    "a comment after a note": BASE.replace("note: Orminge", "note: Orminge # och Fisksätra"),
    "a hash inside a word": BASE.replace("name: SSPF", "name: SSPF#2"),
    "a double-quoted name": BASE.replace("name: SSPF", 'name: "SSPF"'),
    "a single-quoted name": BASE.replace("name: SSPF", "name: 'SSPF'"),
    "a double-quoted title": BASE.replace("title: Paket 2021", 'title: "Paket 2021"'),
    "a quoted name with an escape": BASE.replace("name: SSPF", 'name: "SSPF\\u00e4"'),
    "a folded name": BASE.replace("name: SSPF", "name: >-\n      SSPF\n      och mer"),
    "a literal note": BASE.replace("note: Orminge", "note: |-\n      Orminge\n      Fisksätra"),
    "a folded note kept with its line break": BASE.replace("note: Orminge", "note: >\n      Orminge"),
    "a folded note with a blank line": BASE.replace("note: Orminge", "note: >-\n      Orminge\n\n      Fisksätra"),
    "a literal title": BASE.replace("title: Paket 2021", "title: |\n  Paket\n  2021"),
    "CRLF line ends": BASE.replace("\n", "\r\n"),
    "trailing spaces after every value": BASE.replace("\n", "   \n"),
    "trailing tab after a value": BASE.replace("name: SSPF", "name: SSPF\t"),
    "keys in another order": BASE.replace(
        "  - id: b\n    name: SSPF\n    amount: 0.5\n", "  - amount: 0.5\n    id: b\n    name: SSPF\n"
    ),
    "top-level keys after the items": BASE.replace("year: 2021\n", "") + "year: 2021\n",
    "a name ending in a colon": BASE.replace("name: SSPF", "name: SSPF:"),
    "a colon inside a name": BASE.replace("name: SSPF", "name: SSPF:2021"),
    "a name with colon and space": BASE.replace("name: SSPF", "name: SSPF: skola"),
    "a name starting with a hash": BASE.replace("name: SSPF", "name: #1 SSPF"),
    "a name that is a number": BASE.replace("name: SSPF", "name: 017"),
    "an amount with a plus sign": BASE.replace("amount: 0.5", "amount: +0.5"),
    "an amount with leading zeros": BASE.replace("amount: 0.5", "amount: 00.5"),
    "a value on the next line": BASE.replace("name: SSPF", "name:\n      SSPF"),
    "a flow item": BASE.replace(
        "  - id: b\n    name: SSPF\n    amount: 0.5\n", "  - {id: b, name: SSPF, amount: 0.5}\n"
    ),
    "an anchor on a name": BASE.replace("name: SSPF", "name: &n SSPF"),
    "a tagged name": BASE.replace("name: SSPF", "name: !!str SSPF"),
    "a document start": "---\n" + BASE,
    "a document end": BASE + "...\n",
    "a BOM": "\ufeff" + BASE,
}


@pytest.mark.parametrize("text", list(LOOKALIKES.values()), ids=list(LOOKALIKES))
def test_lookalikes_load_the_same_either_way(text: str) -> None:
    agrees(text.encode("utf-8"))


def test_the_fast_reader_reads_what_it_can_of_the_lookalikes() -> None:
    # If the fast reader declined everything, the test above would hold for a reader that is
    # wrong: it must read the plain ones and agree there.
    read = {name for name, text in LOOKALIKES.items() if agrees(text.encode("utf-8"))}
    assert {
        "a folded name",
        "a name that is a number",
        "CRLF line ends",
        "trailing spaces after every value",
        "keys in another order",
        "top-level keys after the items",
        "a colon inside a name",
    } <= read


# Edits a person makes to a valid file, each applied to one line: the fast reader must either
# decline the result or read exactly what the full reader reads.
EDITS: dict[str, Callable[[str], str]] = {
    "comment after": lambda line: line + " # c",
    "hash inside": lambda line: line + "#c",
    "trailing spaces": lambda line: line + "   ",
    "double quotes": lambda line: re.sub(r": (.+)$", r': "\1"', line),
    "single quotes": lambda line: re.sub(r": (.+)$", r": '\1'", line),
    "folded": lambda line: re.sub(r"^( *)(- )?(\w+): (.+)$", r"\1\2\3: >-\n\1      \4", line),
    "literal": lambda line: re.sub(r"^( *)(- )?(\w+): (.+)$", r"\1\2\3: |-\n\1      \4", line),
    "colon space": lambda line: line + ": x",
    "colon last": lambda line: line + ":",
    "colon inside": lambda line: line + ":x",
    "no space after colon": lambda line: line.replace(": ", ":", 1),
    "one more space": lambda line: " " + line,
    "one space less": lambda line: line[1:] if line.startswith(" ") else line,
    "tab": lambda line: line + "\t",
    "blank line after": lambda line: line + "\n",
    "comment line after": lambda line: line + "\n# c",
    "repeated": lambda line: line + "\n" + line,
    "deleted": lambda line: "",
}


def edited(text: str, number: int, edit: str) -> bytes:
    lines = text.split("\n")
    lines[number] = EDITS[edit](lines[number])
    return "\n".join(lines).encode("utf-8")


CORPUS = [edited(BASE, number, edit) for number in range(BASE.count("\n")) for edit in EDITS]


def test_the_fast_reader_agrees_on_every_edit_of_a_valid_file() -> None:
    read = sum(agrees(data) for data in CORPUS)
    # A reader that declined everything would pass the line above: it must read many of them.
    assert read >= 50, f"the fast reader read {read} of {len(CORPUS)}"


SAFE_NAME = st.text(alphabet="abcdefghijklmnopqrstuvwxyzåäö ABCÅÄÖ0123456789–().,/", min_size=1, max_size=30).map(
    lambda name: name.strip() or "x"
)


@st.composite
def regular_budgets(draw: st.DrawFn) -> str:
    """A valid budget in the regular layout, as trygg new and scripts write them."""
    unit = draw(st.sampled_from(["kr", "tkr", "mkr"]))
    ids = draw(st.lists(st.from_regex(r"[a-z0-9]{1,6}(-[a-z0-9]{1,4})?", fullmatch=True), max_size=6, unique=True))
    amounts = [Decimal(draw(st.integers(0, 10**6))) / 100 for _ in ids]
    items = "".join(
        f"  - id: {item_id}\n    name: {draw(SAFE_NAME)}\n    amount: {amount}\n"
        + (f"    note: {draw(SAFE_NAME)}\n" if draw(st.booleans()) else "")
        for item_id, amount in zip(ids, amounts, strict=True)
    )
    title = f"title: {draw(SAFE_NAME)}\n" if draw(st.booleans()) else ""
    total = sum(amounts, Decimal(0))
    return f"year: 2021\n{title}unit: {unit}\ntotal: {total}\nitems:{chr(10) + items if items else ' []' + chr(10)}"


@given(regular_budgets(), st.lists(st.tuples(st.integers(0, 40), st.sampled_from(list(EDITS))), max_size=3))
def test_never_disagrees_on_edited_valid_files(text: str, edits: list[tuple[int, str]]) -> None:
    for number, edit in edits:
        text = edited(text, number % text.count("\n"), edit).decode("utf-8")
    data = text.encode("utf-8")
    event("fast reader read it" if agrees(data) else "fast reader declined")
    agrees(data.replace(b"\n", b"\r\n"))


@pytest.mark.parametrize("text", list(IRREGULAR.values()), ids=list(IRREGULAR))
def test_irregular_files_go_the_long_way(text: str) -> None:
    assert read_regular(text, PATH) is None


@pytest.mark.parametrize(
    "content", [case.content for case in CATALOGUE.values()] + [content for content, _, _ in REJECTIONS.values()]
)
def test_never_disagrees_on_bad_inputs(content: str | bytes) -> None:
    data = content if isinstance(content, bytes) else content.encode("utf-8")
    agrees(data)


def test_shipped_files_are_read_fast_and_the_same() -> None:
    for text in SHIPPED:
        assert agrees(text.encode("utf-8"))


@given(mutated_shipped())
def test_never_disagrees_on_mutations(data: bytes) -> None:
    agrees(data)


LINE = st.sampled_from(
    [
        "year: 2021",
        "year: 2020",
        "unit: kr",
        "unit: mkr",
        "total: 1",
        "total: 1.5",
        "items:",
        "items: []",
        "title: T 2021",
        "note: N",
        "  - id: a",
        "  - id: b",
        "- id: a",
        "    name: A",
        "  name: A",
        "    amount: 1",
        "    amount: 0.5",
        "    amount: 0,5",
        "    note: x",
        "    ammount: 1",
        "# c",
        "",
        "    name:",
        "  - id: A",
        "    amount: -1",
        "    name: a #b",
        "year:2021",
        "    name:  spaced  out ",
        "  -  id: a",
        "  - ",
    ]
)


@given(st.lists(LINE, max_size=14), st.lists(st.sampled_from(["\n", "\n", "\r\n", "\r"]), min_size=14, max_size=14))
def test_never_disagrees_on_generated_lines(lines: list[str], ends: list[str]) -> None:
    agrees("\n".join(lines).encode("utf-8"))
    # The same lines with line ends of every kind, mixed: LF, CRLF and a lone CR.
    agrees("".join(line + end for line, end in zip(lines, ends, strict=False)).encode("utf-8"))


def test_big_generated_years_take_the_fast_path(tmp_path: Path) -> None:
    make_years = runpy.run_path(str(REPO / "bench" / "bench.py"))["make_years"]
    make_years(tmp_path, 300)
    for year in (2020, 2021):
        assert agrees((tmp_path / f"budget-{year}.yaml").read_bytes())
        assert agrees((tmp_path / f"budget-{year}.yaml").read_bytes().replace(b"\n", b"\r\n"))
    make_years(tmp_path, 300, quoted=True)  # the benchmark's other case takes the full reader
    assert not agrees((tmp_path / "budget-2021.yaml").read_bytes())


@st.composite
def item_lists(draw: st.DrawFn) -> str:
    """Files of many items in one shape (the fast run), now and then broken: another key, a blank
    line, a comment, a bad value, another indentation."""
    indent = draw(st.sampled_from(["", "  ", "    "]))
    keys = draw(st.permutations(["id", "name", "amount"]))
    values = {
        "id": st.sampled_from(["a", "b", "x-1", "no", "B", "a b", "017"]),
        "name": st.sampled_from(["A", "B C", "x: y", "a#b", "-x", "'q'", "Fisksätra", "A:", "a:b", "1:30"]),
        "amount": st.sampled_from(["1", "0.5", "1,5", "0.001", "007", "1e3", "-1", "1" + "0" * 20, "0.10"]),
    }
    unit = draw(st.sampled_from(["kr", "tkr", "mkr"]))
    lines: list[str | None] = ["year: 2021", f"unit: {unit}", "total: 1", "items:"]
    for _ in range(draw(st.integers(1, 8))):
        for number, key in enumerate(keys):
            lines.append(f"{indent}{'- ' if number == 0 else '  '}{key}: {draw(values[key])}")
        lines.append(
            draw(
                st.sampled_from(
                    [
                        "",
                        None,
                        None,
                        None,
                        f"{indent}  note: N",
                        "# c",
                        f"{indent}  id: z",
                        f"{indent}  note: >-\n{indent}    folded\n{indent}    note",
                        f"{indent}  note: >-\n{indent}    a\n\n",
                        f"{indent}  note: >-\n{indent}      deeper\n{indent}    less",
                        f"{indent}  note: >-",
                    ]
                )
            )
        )
    return "\n".join(line for line in lines if line is not None) + "\n"


@given(item_lists())
def test_never_disagrees_on_runs_of_items(text: str) -> None:
    agrees(text.encode("utf-8"))
    agrees(text.replace("\n", "\r\n").encode("utf-8"))  # as Windows editors save it


@pytest.mark.parametrize(
    "line_ends",
    [
        lambda text: text.replace("\n", "\r\n"),
        lambda text: text.replace("\n", "\r\n", 5),  # CRLF, then LF
        lambda text: text.replace("\n", "\r", 1),  # a lone CR, which YAML reads as a line break
        lambda text: text.replace("1\n", "1\r\r\n", 1),  # a blank line of one CR
    ],
    ids=["crlf", "mixed", "lone-cr", "cr-cr-lf"],
)
def test_line_ends_never_change_the_budget(line_ends: Any) -> None:
    text = "year: 2021\nunit: kr\ntotal: 6\nitems:\n" + "".join(
        f"  - id: i{n}\n    name: Post {n}\n    amount: {n}\n" for n in range(1, 4)
    )
    agrees(line_ends(text).encode())


def test_runs_of_items_are_read_at_once() -> None:
    text = "year: 2021\nunit: kr\ntotal: 6\nitems:\n" + "".join(
        f"  - id: i{n}\n    name: Post {n}\n    amount: {n}\n" for n in range(1, 4)
    )
    assert agrees(text.encode())
    from trygg_cli.model import Unit
    from trygg_cli.regular import _run_of_items

    run = _run_of_items(text, Unit.KR)
    assert run is not None and (run.first, run.end, len(run.lines)) == (5, 14, 9)
    crlf = read_regular(text.replace("\n", "\r\n"), PATH)
    assert crlf is not None and [item.source for item in crlf.items] == [
        item.source
        for item in load_bytes(text.encode(), PATH, regular=False)[0].items  # type: ignore[union-attr]
    ]
