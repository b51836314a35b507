"""Two budgets to rows of data: what each line was, what it is, and how it changed. No text."""

from __future__ import annotations

import enum
from dataclasses import dataclass, replace
from decimal import Decimal

from trygg_cli import money
from trygg_cli.model import Budget, Item


class Status(enum.Enum):
    ADDED = "added"
    REMOVED = "removed"
    CHANGED = "changed"
    UNCHANGED = "unchanged"


@dataclass(frozen=True, slots=True)
class Change:
    """One line of the budget in two years; `old` or `new` is None where it is absent."""

    id: str
    name: str
    old: Decimal | None
    new: Decimal | None
    old_name: str | None = None
    note: str | None = None  # the new year's note, or the old year's for a removed item

    @property
    def status(self) -> Status:
        if self.old is None:
            return Status.ADDED
        if self.new is None:
            return Status.REMOVED
        return Status.CHANGED if self.old != self.new else Status.UNCHANGED

    @property
    def renamed(self) -> bool:
        return self.old_name is not None and self.old_name != self.name

    @property
    def change(self) -> Decimal:
        return (self.new or Decimal(0)) - (self.old or Decimal(0))

    @property
    def change_pct(self) -> Decimal | None:
        """The change in percent of the old amount's size, so of the change's sign; none for
        a new item (`money.percent_change`)."""
        return money.percent_change(self.old or Decimal(0), self.new or Decimal(0))


@dataclass(frozen=True, slots=True)
class Totals:
    old: Decimal
    new: Decimal
    change: Decimal
    change_pct: Decimal | None


_ZERO = Decimal(0)


@dataclass(frozen=True, slots=True)
class Comparison:
    """The whole diff: one change per item id, in the new year's order, then the removed ones."""

    old: Budget
    new: Budget
    changes: tuple[Change, ...]

    @property
    def totals(self) -> Totals:
        """Each column's sum over the rows, and how the sum changed: the Summa row."""
        old = sum((change.old or _ZERO for change in self.changes), _ZERO)
        new = sum((change.new or _ZERO for change in self.changes), _ZERO)
        return Totals(old, new, new - old, money.percent_change(old, new))

    @property
    def differs(self) -> bool:
        """Whether any amount differs or any item was added, removed or renamed."""
        return any(change.status is not Status.UNCHANGED or change.renamed for change in self.changes)


def compare(old: Budget, new: Budget) -> Comparison:
    """Match the two years' items by id (the first of a repeated id counts, on either side);
    the removed items follow in the old year's order."""
    old_items: dict[str, Item] = {}
    for item in old.items:
        old_items.setdefault(item.id, item)  # the first of a repeated id wins
    changes: list[Change] = []
    seen: set[str] = set()
    for item in new.items:
        if item.id in seen:
            continue
        seen.add(item.id)
        before = old_items.get(item.id)
        changes.append(
            Change(
                item.id,
                item.name,
                before.amount if before else None,
                item.amount,
                before.name if before else None,
                item.note,
            )
        )
    for item_id, item in old_items.items():
        if item_id not in seen:
            changes.append(Change(item_id, item.name, item.amount, None, item.name, item.note))
    return Comparison(old, new, tuple(changes))


class Order(enum.Enum):
    """The order of a diff's rows."""

    FILE = "file"  # the new year's order, then the removed items
    CHANGE = "change"  # the largest change, up or down, first
    AMOUNT = "amount"  # the largest amount (the new year's, else the old's) first


def select(comparison: Comparison, order: Order = Order.FILE, only_changed: bool = False) -> Comparison:
    """The same comparison with its rows filtered and ordered; its sums are then those rows'."""
    changes = [c for c in comparison.changes if not only_changed or c.status is not Status.UNCHANGED or c.renamed]
    if order is Order.CHANGE:
        changes.sort(key=lambda c: abs(c.change), reverse=True)
    elif order is Order.AMOUNT:
        changes.sort(key=lambda c: c.new if c.new is not None else (c.old or Decimal(0)), reverse=True)
    return replace(comparison, changes=tuple(changes))


@dataclass(frozen=True, slots=True)
class Line:
    """One line of the budget across several years; None where a year does not have it."""

    id: str
    name: str
    amounts: tuple[Decimal | None, ...]
    note: str | None = None  # the first year's note that has one


@dataclass(frozen=True, slots=True)
class SideBySide:
    """Several years in the order given, one line per item id."""

    budgets: tuple[Budget, ...]
    lines: tuple[Line, ...]

    @property
    def sums(self) -> tuple[Decimal, ...]:
        return tuple(
            sum((line.amounts[column] or Decimal(0) for line in self.lines), Decimal(0))
            for column in range(len(self.budgets))
        )


def side_by_side(budgets: list[Budget]) -> SideBySide:
    """Lines in the first year's order, then lines only later years have; names from the first year with each."""
    names: dict[str, str] = {}
    notes: dict[str, str] = {}
    for budget in budgets:
        for item in budget.items:
            names.setdefault(item.id, item.name)
            if item.note is not None:
                notes.setdefault(item.id, item.note)
    columns = []
    for budget in budgets:
        amounts: dict[str, Decimal] = {}
        for item in budget.items:
            amounts.setdefault(item.id, item.amount)
        columns.append(amounts)
    lines = tuple(
        Line(item_id, name, tuple(column.get(item_id) for column in columns), notes.get(item_id))
        for item_id, name in names.items()
    )
    return SideBySide(tuple(budgets), lines)
