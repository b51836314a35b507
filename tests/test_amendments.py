"""Budget changes decided during the year: read, checked, and the budget in force on a date."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from tests.cases import budget
from trygg_cli.amendments import in_force, in_force_changes, problems
from trygg_cli.load import load_data
from trygg_cli.model import Amendment, Move

CHANGED = """\
year: 2021
unit: mkr
total: 5.0
items:
  - id: vardar
    name: Ambulerande trygghetsvärdar
    amount: 0.8
  - id: grupper
    name: Lokala arbetsgrupper
    amount: 0.9
  - id: sspf
    name: SSPF
    amount: 3.3
changes:
  - date: 2021-05-10
    decision: KS 2021-05-10 § 87, dnr KS 2021/0123
    note: Väktarna kommer i gång först i augusti.
    moves:
      vardar: -0.2
      grupper: +0.2
  - date: 2021-09-20
    decision: KF 2021-09-20 § 112
    total: 5.3
    moves:
      sspf: +0.3
"""


def amounts(year_budget: object) -> dict[str, Decimal]:
    return {item.id: item.amount for item in year_budget.items}  # type: ignore[attr-defined]


def test_a_change_is_read_with_its_decision_and_moves() -> None:
    year = budget(CHANGED)
    first, second = year.changes
    assert (first.date, first.decision, first.note) == (
        date(2021, 5, 10),
        "KS 2021-05-10 § 87, dnr KS 2021/0123",
        "Väktarna kommer i gång först i augusti.",
    )
    assert [(move.id, move.amount) for move in first.moves] == [
        ("vardar", Decimal(-200_000)),
        ("grupper", Decimal(200_000)),
    ]
    assert (second.total, first.moves_source.line if first.moves_source else None) == (Decimal(5_300_000), 18)
    assert problems(year) == []


def test_the_budget_in_force_on_a_date() -> None:
    year = budget(CHANGED)
    assert amounts(year) == {"vardar": 800_000, "grupper": 900_000, "sspf": 3_300_000}  # as first decided
    after = in_force(year)
    assert amounts(after) == {"vardar": 600_000, "grupper": 1_100_000, "sspf": 3_600_000}
    assert after.total == 5_300_000 and after.stage is not None and after.stage.applied == 2
    june = in_force(year, date(2021, 6, 30))
    assert amounts(june) == {"vardar": 600_000, "grupper": 1_100_000, "sspf": 3_300_000}
    assert june.total == 5_000_000 and june.stage is not None and june.stage.applied == 1
    assert in_force(year, date(2021, 5, 10)).total == 5_000_000  # a change counts from its own date
    assert amounts(in_force(year, date(2021, 5, 9))) == amounts(year)
    original = in_force(year, original=True)
    assert amounts(original) == amounts(year) and original.stage is not None and original.stage.original
    plain = budget(CHANGED.split("changes:", maxsplit=1)[0])
    assert in_force(plain) is plain  # a year without changes is itself, with no stage


def test_changes_on_one_date_apply_in_the_files_order() -> None:
    text = CHANGED.replace("date: 2021-09-20", "date: 2021-05-10")
    assert [change.decision for change in in_force_changes(budget(text))] == [
        "KS 2021-05-10 § 87, dnr KS 2021/0123",
        "KF 2021-09-20 § 112",
    ]


def codes(text: str) -> list[tuple[str, int]]:
    from trygg_cli.check import checked

    loaded = checked(load_data(text.encode(), "budget-2021.yaml"))
    return [(problem.code, problem.source.line) for problem in loaded.problems]


def test_every_problem_of_a_change_at_its_line() -> None:
    assert codes(CHANGED.replace("grupper: +0.2", "gruper: +0.2")) == [("unknown-item", 20)]
    assert codes(CHANGED.replace("grupper: +0.2", "grupper: +0.3")) == [("change-unbalanced", 18)]
    assert codes(CHANGED.replace("total: 5.3", "total: 5.4")) == [("change-unbalanced", 24)]
    assert codes(CHANGED.replace("date: 2021-05-10", "date: 2022-05-10")) == [("change-date", 15)]
    assert codes(CHANGED.replace("date: 2021-05-10", "date: 10 maj")) == [("change-date", 15)]
    assert codes(CHANGED.replace("    decision: KF 2021-09-20 § 112\n", "")) == [("schema", 21)]
    assert codes(CHANGED.replace("decision: KF 2021-09-20 § 112", "decision: ''")) == [("schema", 22)]
    assert codes(CHANGED.replace("grupper: +0.2", "grupper: +0.200000005")) == [("amount", 20)]
    twice = CHANGED.replace("      grupper: +0.2\n", "      grupper: +0.2\n      vardar: 0\n")
    assert codes(twice) == [("duplicate-key", 21)]
    too_much = CHANGED.replace("vardar: -0.2", "vardar: -1.0").replace("grupper: +0.2", "grupper: +1.0")
    assert codes(too_much) == [("negative-budget", 19)]
    assert codes(CHANGED.replace("    note: Väktarna", "    beslut: x\n    note: Väktarna")) == [("schema", 17)]
    zero = CHANGED.replace("vardar: -0.2", "vardar: 0").replace("grupper: +0.2", "grupper: 0")
    assert codes(zero) == []  # a zero move is allowed


def test_a_change_with_a_problem_is_left_out_of_the_budget_in_force() -> None:
    loaded = load_data(CHANGED.replace("grupper: +0.2", "grupper: +0.3").encode(), "budget-2021.yaml")
    assert loaded.budget is not None
    assert amounts(in_force(loaded.budget)) == {"vardar": 800_000, "grupper": 900_000, "sspf": 3_600_000}


ITEMS = ("a", "b", "c", "d")


@given(
    st.lists(
        st.tuples(
            st.integers(1, 365),
            st.lists(st.tuples(st.sampled_from(ITEMS), st.integers(-10_000, 10_000)), min_size=1, max_size=4),
        ),
        max_size=20,
    )
)
def test_balanced_moves_keep_the_total_and_the_last_day_holds_every_move(
    drawn: list[tuple[int, list[tuple[str, int]]]],
) -> None:
    base = budget(
        "year: 2021\nunit: kr\ntotal: 400000\nitems:\n"
        + "".join(f"  - id: {name}\n    name: {name}\n    amount: 100000\n" for name in ITEMS)
    )
    changes = []
    for day, moves in drawn:
        ids = [name for name, _ in moves]
        if len(set(ids)) != len(ids):
            continue
        balanced = [Move(name, Decimal(amount)) for name, amount in moves]
        balanced.append(Move("balance" if "a" in ids else "a", -sum((move.amount for move in balanced), Decimal(0))))
        if balanced[-1].id == "balance":
            continue
        changes.append(
            Amendment(date(2021, 1, 1).fromordinal(date(2021, 1, 1).toordinal() + day - 1), "KS", tuple(balanced))
        )

    year = replace(base, changes=tuple(changes))
    after = in_force(year)
    assert after.total == base.total == sum(item.amount for item in after.items)
    expected = {name: Decimal(100_000) for name in ITEMS}
    for change in changes:
        for move in change.moves:
            expected[move.id] += move.amount
    assert amounts(after) == expected
    assert amounts(in_force(year, date(2021, 12, 31))) == expected


def test_a_regular_file_with_changes_reads_the_same_on_the_fast_road() -> None:
    """The items read by the fast reader, the changes block by the full one: the same budget and
    the same problems at the same places as reading it all in full."""
    from tests.cases import CATALOGUE
    from trygg_cli.load import load_bytes

    texts = [
        CHANGED,
        CHANGED.replace("grupper: +0.2", "gruper: +0.2"),
        CHANGED.replace("    decision: K", "    decision: '"),
    ]
    texts += [case.content for name, case in CATALOGUE.items() if "change" in name and isinstance(case.content, str)]
    for text in texts:
        fast, full = (load_bytes(text.encode(), "budget-2021.yaml", regular=road) for road in (True, False))
        assert fast[0] == full[0], text
        assert [(p.code, p.reason, p.source) for p in fast[1]] == [(p.code, p.reason, p.source) for p in full[1]], text
        if fast[0] is not None:
            assert [c.moves_source for c in fast[0].changes] == [c.moves_source for c in full[0].changes]  # type: ignore[union-attr]


def test_the_fast_road_takes_a_regular_file_with_changes() -> None:
    from trygg_cli.load import _changes_apart
    from trygg_cli.regular import read_regular

    head, block = _changes_apart(CHANGED)
    assert block is not None and block.lstrip("\n").startswith("changes:")
    assert head.count("\n") == CHANGED.count("\n") == block.count("\n")  # every line keeps its number
    assert read_regular(head, "budget-2021.yaml") is not None
