"""Two budgets to rows of data: what each line was, what it is, and how it changed. No text."""

from __future__ import annotations

import enum
from dataclasses import dataclass
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
        return money.percent_change(self.old or Decimal(0), self.new or Decimal(0))


@dataclass(frozen=True, slots=True)
class Comparison:
    """The whole diff: one change per item id, in the new year's order, then the removed ones."""

    old: Budget
    new: Budget
    changes: tuple[Change, ...]

    @property
    def old_sum(self) -> Decimal:
        return sum((change.old or Decimal(0) for change in self.changes), Decimal(0))

    @property
    def new_sum(self) -> Decimal:
        return sum((change.new or Decimal(0) for change in self.changes), Decimal(0))

    @property
    def change(self) -> Decimal:
        return self.new_sum - self.old_sum

    @property
    def change_pct(self) -> Decimal | None:
        return money.percent_change(self.old_sum, self.new_sum)

    @property
    def differs(self) -> bool:
        """Whether any amount differs or any item was added, removed or renamed."""
        return any(change.status is not Status.UNCHANGED or change.renamed for change in self.changes)


def compare(old: Budget, new: Budget) -> Comparison:
    """Match the two years' items by id (the first of a repeated id counts)."""
    old_items: dict[str, Item] = {}
    for item in old.items:
        old_items.setdefault(item.id, item)
    changes: list[Change] = []
    seen: set[str] = set()
    for item in new.items:
        if item.id in seen:
            continue
        seen.add(item.id)
        before = old_items.get(item.id)
        changes.append(
            Change(item.id, item.name, before.amount if before else None, item.amount, before.name if before else None)
        )
    for item_id, item in old_items.items():
        if item_id not in seen:
            changes.append(Change(item_id, item.name, item.amount, None, item.name))
    return Comparison(old, new, tuple(changes))
