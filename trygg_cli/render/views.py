"""Views: a diff, a year, years side by side, the list of years, each as a `Table` of exact cells.

Amounts stay `Decimal` (in the shown unit) and every word a reader reads is a `Words`: a label
of the catalogue (`render.words`) and what it quotes. So a view knows no language and no
number format; each writer puts the cells into words and figures its own way.
"""

from __future__ import annotations

import enum
import operator
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from trygg_cli import money
from trygg_cli.compare import Change, Comparison, SideBySide, Status
from trygg_cli.model import Budget, Loaded, Unit


@dataclass(frozen=True, slots=True)
class Words:
    """Text the reader reads in their language: a label of the catalogue and what it quotes."""

    label: str
    figures: tuple[tuple[str, Any], ...] = ()


def words(label: str, **figures: Any) -> Words:
    return Words(label, tuple(figures.items()))


class Kind(enum.Enum):
    """What a column holds, which decides how each format writes it."""

    TEXT = "text"
    AMOUNT = "amount"
    CHANGE = "change"  # a signed amount
    PERCENT = "percent"


@dataclass(frozen=True, slots=True)
class Column:
    header: str | Words
    kind: Kind = Kind.TEXT
    # CHANGE and PERCENT columns: the (old, new) amount columns they follow from, so a
    # workbook can hold formulas rather than numbers.
    of: tuple[int, int] | None = None
    right: bool = False  # a TEXT column of figures, aligned like numbers

    @property
    def numeric(self) -> bool:
        return self.kind is not Kind.TEXT or self.right


Cell = str | Words | Decimal | None


@dataclass(frozen=True, slots=True)
class Table:
    """A view ready to write: amounts exact (in the shown unit), written with `decimals` places.

    `footer` rows follow the items; the first is the sum row, where each amount is the exact
    sum of the column (never a sum of rounded cells). `styles` name each row's look on a
    terminal (new, removed, unchanged).
    """

    title: Words
    columns: tuple[Column, ...]
    rows: tuple[tuple[Cell, ...], ...]
    footer: tuple[tuple[Cell, ...], ...] = ()
    styles: tuple[str, ...] = ()
    decimals: int = 0


def diff_table(comparison: Comparison, unit: Unit, decimals: int | None = None) -> Table:
    old, new = comparison.old, comparison.new
    changes = comparison.changes
    before = money.in_units([change.old or _ZERO for change in changes], unit)
    after = money.in_units([change.new or _ZERO for change in changes], unit)
    statuses = [change.status for change in changes]
    names = [
        _item_label(change, status) if status in _MARKED or change.renamed else change.name
        for change, status in zip(changes, statuses, strict=True)
    ]
    change_column = list(map(operator.sub, after, before))
    rows = tuple(zip(names, before, after, change_column, money.percent_changes(before, after), strict=True))
    styles = tuple(_STYLES[status] for status in statuses)
    totals = comparison.totals
    total_amounts = money.in_units([totals.old, totals.new, totals.change], unit)
    footer = ((words("sum"), *total_amounts, totals.change_pct),)
    columns = (
        Column(words("item")),
        Column(str(old.year), Kind.AMOUNT),
        Column(str(new.year), Kind.AMOUNT),
        Column(words("change"), Kind.CHANGE, of=(1, 2)),
        Column(words("change_pct"), Kind.PERCENT, of=(1, 2)),
    )
    title = words("compared", title=_title(new), old=old.year, new=new.year, unit=unit)
    # A change or a sum never needs more places than the amounts it comes from.
    places = _decimals(before + after, unit, decimals)
    return Table(title, columns, rows, footer, styles, places)


def show_table(budget: Budget, unit: Unit, decimals: int | None = None) -> Table:
    items_sum = sum((item.amount for item in budget.items), Decimal(0))
    amounts = money.in_units([item.amount for item in budget.items], unit)
    rows = tuple(zip((item.name for item in budget.items), amounts, strict=True))
    footer: tuple[tuple[Cell, ...], ...] = ((words("sum"), money.in_unit(items_sum, unit)),)
    if items_sum != budget.total:
        footer += ((words("declared"), money.in_unit(budget.total, unit)),)
    columns = (Column(words("item")), Column(str(budget.year), Kind.AMOUNT))
    title = words("titled", title=budget.title or words("budget"), unit=unit)
    places = _decimals([*amounts, money.in_unit(budget.total, unit)], unit, decimals)
    return Table(title, columns, rows, footer, (), places)


def side_by_side_table(grid: SideBySide, unit: Unit, decimals: int | None = None) -> Table:
    rows: tuple[tuple[Cell, ...], ...] = tuple(
        (line.name, *(money.in_unit(amount or _ZERO, unit) for amount in line.amounts)) for line in grid.lines
    )
    footer: tuple[tuple[Cell, ...], ...] = ((words("sum"), *(money.in_unit(total, unit) for total in grid.sums)),)
    columns = (Column(words("item")), *(Column(str(budget.year), Kind.AMOUNT) for budget in grid.budgets))
    years = ", ".join(str(budget.year) for budget in grid.budgets)
    title = words("side_by_side", title=_title(grid.budgets[0]), years=years, unit=unit)
    places = _decimals([cell for row in rows for cell in row[1:] if isinstance(cell, Decimal)], unit, decimals)
    return Table(title, columns, rows, footer, (), places)


def years_table(files: Sequence[Loaded]) -> Table:
    rows: list[tuple[Cell, ...]] = []
    for loaded in files:
        budget = loaded.budget
        if budget is None:
            rows.append((loaded.path, "", "", words("unloaded")))
            continue
        status = words("problems", count=len(loaded.problems)) if loaded.problems else words("ok")
        total = words("amount_with_unit", kronor=budget.total, unit=budget.unit)
        rows.append((str(budget.year), total, str(len(budget.items)), status))
    columns = (
        Column(words("year")),
        Column(words("total"), right=True),
        Column(words("items"), right=True),
        Column(words("status")),
    )
    return Table(words("years"), columns, tuple(rows))


def _decimals(amounts: list[Decimal], unit: Unit, asked: int | None) -> int:
    """The places asked for, or as many as it takes to show every amount exactly."""
    return asked if asked is not None else money.decimals_for(amounts, unit)


_ZERO = Decimal(0)
_MARKED = frozenset({Status.ADDED, Status.REMOVED})
_STYLES = {Status.ADDED: "green", Status.REMOVED: "red", Status.CHANGED: "", Status.UNCHANGED: "dim"}


def _item_label(change: Change, status: Status) -> Words:
    """The item's name, marked where it is new, removed or renamed."""
    marks = []
    if status is Status.ADDED:
        marks.append(words("added"))
    elif status is Status.REMOVED:
        marks.append(words("removed"))
    if change.renamed:
        marks.append(words("renamed", old=change.old_name))
    return words("marked", name=change.name, marks=tuple(marks))


def _title(budget: Budget) -> str | Words:
    """The package's title without its year, for a heading over several years."""
    return budget.title.removesuffix(f" {budget.year}") if budget.title else words("budget")
