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
