"""Two years to rows of changes: matched by id, new year's order first, sums exact."""

from __future__ import annotations

from decimal import Decimal

from tests.conftest import DATA
from trygg_cli.compare import Status, compare
from trygg_cli.model import Budget, Item, Unit
from trygg_cli.targets import load_file


def year(number: int, *items: tuple[str, str, str]) -> Budget:
    entries = tuple(Item(item_id, name, Decimal(amount)) for item_id, name, amount in items)
    return Budget(number, Unit.KR, sum((i.amount for i in entries), Decimal(0)), entries)


def test_changes_follow_new_order_then_removed_items() -> None:
    old = year(2020, ("a", "A", "10"), ("gone", "Gone", "5"), ("b", "B", "3"))
    new = year(2021, ("b", "B", "4"), ("new", "New", "1"), ("a", "A", "10"))
    result = compare(old, new)
    assert [(c.id, c.status) for c in result.changes] == [
        ("b", Status.CHANGED),
        ("new", Status.ADDED),
        ("a", Status.UNCHANGED),
        ("gone", Status.REMOVED),
    ]
    removed = result.changes[-1]
    assert (removed.old, removed.new, removed.change, removed.change_pct) == (
        Decimal(5),
        None,
        Decimal(-5),
        Decimal("-100.0"),
    )
    added = result.changes[1]
    assert (added.old, added.new, added.change, added.change_pct) == (None, Decimal(1), Decimal(1), None)


def test_same_id_other_name_is_a_rename() -> None:
    result = compare(year(2020, ("a", "Väktare", "1")), year(2021, ("a", "Trygghetsvärdar", "1")))
    [change] = result.changes
    assert change.renamed and change.old_name == "Väktare" and change.status is Status.UNCHANGED
    assert result.differs


def test_a_year_against_itself_differs_nowhere() -> None:
    budget = year(2021, ("a", "A", "1.5"), ("b", "B", "0.25"))
    result = compare(budget, budget)
    assert not result.differs
    assert all(c.change == 0 for c in result.changes)
    assert result.totals.change == 0


def test_shipped_years_give_the_papers_changes() -> None:
    old, new = (load_file(DATA / f"budget-{y}.yaml").budget for y in (2020, 2021))
    assert old is not None and new is not None
    result = compare(old, new)
    mkr = {c.id: (c.change / 1_000_000, c.change_pct) for c in result.changes}
    assert mkr == {
        "trygghetsvardar": (Decimal("-1.2"), Decimal("-60.0")),
        "ambulerande-trygghetsvardar": (Decimal("0.5"), Decimal("166.7")),
        "trygghetssamordnare": (Decimal("0.4"), None),
        "sspf": (Decimal("0"), Decimal("0.0")),
        "lokala-arbetsgrupper": (Decimal("0"), Decimal("0.0")),
        "kameraovervakning": (Decimal("-0.1"), Decimal("-33.3")),
        "lokala-aktorer": (Decimal("0.4"), None),
    }
    totals = result.totals
    assert (totals.old, totals.new, totals.change, totals.change_pct) == (
        Decimal(5_000_000),
        Decimal(5_000_000),
        Decimal(0),
        Decimal("0.0"),
    )
    assert result.differs


def test_a_repeated_id_on_either_side_counts_its_first_line() -> None:
    """As documented (compare's docstring, the README): the first of a repeated id counts, the
    later one is the duplicate-id problem and is not compared."""
    old = year(2020, ("a", "A", "10"), ("b", "B", "3"), ("a", "A again", "99"))
    new = year(2021, ("a", "A", "12"), ("b", "B", "3"), ("b", "B again", "50"))
    result = compare(old, new)
    assert [(c.id, c.name, c.old, c.new, c.old_name) for c in result.changes] == [
        ("a", "A", Decimal(10), Decimal(12), "A"),
        ("b", "B", Decimal(3), Decimal(3), "B"),
    ]
    assert (result.totals.old, result.totals.new) == (Decimal(13), Decimal(15))


def test_removed_items_follow_in_the_old_years_order() -> None:
    old = year(2020, ("x", "X", "1"), ("kept", "Kept", "1"), ("y", "Y", "2"), ("z", "Z", "3"))
    result = compare(old, year(2021, ("kept", "Kept", "1")))
    assert [c.id for c in result.changes] == ["kept", "x", "y", "z"]


def test_a_change_in_percent_has_the_sign_of_the_change() -> None:
    """A negative amount is a problem, but its row must not say +0,5 beside -50 %: the percent
    is taken against the size of the old amount."""
    result = compare(
        year(2020, ("a", "A", "-100"), ("b", "B", "-100")), year(2021, ("a", "A", "-50"), ("b", "B", "-150"))
    )
    assert [(c.change, c.change_pct) for c in result.changes] == [
        (Decimal(50), Decimal("50.0")),
        (Decimal(-50), Decimal("-50.0")),
    ]
    assert (result.totals.change, result.totals.change_pct) == (Decimal(0), Decimal("0.0"))
    upward = compare(year(2020, ("a", "A", "-100")), year(2021, ("a", "A", "20")))
    assert upward.totals.change_pct == Decimal("120.0")
