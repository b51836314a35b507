"""Budget changes decided during the year, and the budget in force on a date.

A year file keeps its items and total as first decided, and each change as data: its date, its
decision and its moves (`model.Amendment`). The budget in force on a date is each item's amount
plus its moves dated on or before it, and the last total a change stated; several changes on one
date apply in the file's order. A change that cannot hold (it names no item, or its moves do not
balance) is reported and left out of the budget in force.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from typing import Any

from trygg_cli.model import Amendment, Budget, Move, Problem, Source, Stage


@dataclass(frozen=True, slots=True)
class _Step:
    """A change as it applies: the total in force before it, and what keeps it out, if anything."""

    change: Amendment
    before: Decimal
    unknown: tuple[Move, ...]
    moved: Decimal
    expected: Decimal

    @property
    def holds(self) -> bool:
        return not self.unknown and self.moved == self.expected


def _steps(budget: Budget) -> Iterator[_Step]:
    """Each change by date (the file's order on one date), with the total in force before it."""
    ids = {item.id for item in budget.items}
    total = budget.total
    for change in sorted(budget.changes, key=lambda change: change.date):
        unknown = tuple(move for move in change.moves if move.id not in ids)
        moved = sum((move.amount for move in change.moves), Decimal(0))
        expected = (change.total - total) if change.total is not None else Decimal(0)
        step = _Step(change, total, unknown, moved, expected)
        yield step
        if step.holds and change.total is not None:
            total = change.total


def in_force_changes(budget: Budget, on: date | None = None) -> list[Amendment]:
    """The changes in the budget in force on `on` (None: after every change), in the order they apply."""
    return [step.change for step in _steps(budget) if step.holds and (on is None or step.change.date <= on)]


def in_force(budget: Budget, on: date | None = None, *, original: bool = False) -> Budget:
    """The budget in force on `on` (None: after every change), or with `original` as first
    decided; a year without changes is itself. The result's `stage` says which it is."""
    if not budget.changes:
        return budget
    if original:
        return replace(budget, stage=Stage(0, budget, original=True))
    amounts = {item.id: item.amount for item in budget.items}
    total = budget.total
    applied = in_force_changes(budget, on)
    for change in applied:
        for move in change.moves:
            amounts[move.id] += move.amount
        total = change.total if change.total is not None else total
    items = tuple(replace(item, amount=amounts[item.id]) for item in budget.items)
    return replace(budget, items=items, total=total, stage=Stage(len(applied), budget, on))


def problems(budget: Budget) -> list[Problem]:
    """What is wrong with the year's changes: a move that names no item, moves that do not
    balance (against 0, or against the new total less the total before), and a line whose budget
    in force would go below zero (once, at the first date it would)."""
    found: list[Problem] = []
    ids = [item.id for item in budget.items]
    where = budget.source or Source("", 1)
    amounts = {item.id: item.amount for item in budget.items}
    negative: set[str] = set()
    for step in _steps(budget):
        change = step.change
        for move in step.unknown:
            meant = difflib.get_close_matches(move.id, ids, n=1)
            figures: dict[str, Any] = {"id": move.id, "meant": meant[0] if meant else None, "known": ", ".join(ids)}
            found.append(Problem("unknown-item", "unknown-item", move.source or change.source or where, figures))
        if step.moved != step.expected:
            figures = {"sum": step.moved, "gap": step.moved - step.expected, "unit": budget.unit}
            if change.total is not None:
                figures.update(total=change.total, before=step.before, expected=step.expected)
            reason = "change-unbalanced.total" if change.total is not None else "change-unbalanced"
            found.append(Problem("change-unbalanced", reason, change.moves_source or where, figures))
        if not step.holds:
            continue
        for move in change.moves:
            before = amounts[move.id]
            amounts[move.id] = before + move.amount
            if amounts[move.id] < 0 and move.id not in negative:
                negative.add(move.id)
                figures = {"id": move.id, "date": change.date, "after": amounts[move.id], "most": before}
                found.append(
                    Problem("negative-budget", "negative-budget", move.source or where, figures | {"unit": budget.unit})
                )
    return found


@dataclass(frozen=True, slots=True)
class Applied:
    """A change as it applied: each move with its line's name and budget after it, and the
    package's total after it."""

    change: Amendment
    moves: tuple[tuple[Move, str, Decimal], ...]
    total: Decimal


def applied(budget: Budget) -> list[Applied]:
    """The changes in force after the year, in the order they apply, each as it applied."""
    names = {item.id: item.name for item in budget.items}
    amounts = {item.id: item.amount for item in budget.items}
    total = budget.total
    found: list[Applied] = []
    for change in in_force_changes(budget):
        moves = []
        for move in change.moves:
            amounts[move.id] += move.amount
            moves.append((move, names[move.id], amounts[move.id]))
        total = change.total if change.total is not None else total
        found.append(Applied(change, tuple(moves), total))
    return found
