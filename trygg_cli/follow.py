"""The follow-up: a year's budget against what the exports say was spent, line by line.

Rows of data, no text (the follow-up's counterpart of `compare`): each item's budget, its
actual up to the as-of date, the share used, what is left, the forecast for the year and the
variance; the package's unallocated postings as a row of their own; and a Summa row that sums
each column's known values.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from trygg_cli import money
from trygg_cli.model import UNALLOCATED, Actuals, Budget, Item, TryggError


class FollowOrder(enum.Enum):
    """The order of the follow-up's item rows (`ordered`)."""

    FILE = "file"  # the year file's order
    USED = "used"  # the largest share used first
    VARIANCE = "variance"  # the most over (the lowest variance) first
    ACTUAL = "actual"  # the largest actual first


@dataclass(frozen=True, slots=True)
class Line:
    """One row of the follow-up, in kronor. `actual` is None for an item without `match`;
    `budget` None for the unallocated row; `own_forecast` where the forecast is the officer's,
    not the pace. A figure that cannot be worked out is None."""

    id: str | None
    name: str
    budget: Decimal | None
    actual: Decimal | None
    used_pct: Decimal | None
    remaining: Decimal | None
    forecast: Decimal | None
    variance: Decimal | None
    own_forecast: bool = False
    note: str | None = None

    @property
    def over(self) -> bool:
        """Spent more than its budget."""
        return self.budget is not None and self.actual is not None and self.actual > self.budget


def line(
    id: str | None,
    name: str,
    budget: Decimal | None,
    actual: Decimal | None,
    *,
    forecast: Decimal | None,
    own_forecast: bool = False,
    note: str | None = None,
) -> Line:
    """A row, with what follows from its budget, actual and forecast."""
    return Line(
        id,
        name,
        budget,
        actual,
        money.shares([actual], budget)[0] if budget is not None and actual is not None else None,
        budget - actual if budget is not None and actual is not None else None,
        forecast,
        budget - forecast if budget is not None and forecast is not None else None,
        own_forecast,
        note,
    )


@dataclass(frozen=True, slots=True)
class FollowUp:
    budget: Budget
    as_of: date
    lines: tuple[Line, ...]
    unallocated: Line | None  # None where the year file has no top-level match and nothing was ambiguous
    total: Line  # each column's known values summed
    after_as_of: int  # the package's postings left out: dated after the as-of date
    outside_year: int  # ... and dated outside the year
    days: int  # days of the year up to and including the as-of date
    days_in_year: int

    @property
    def over(self) -> bool:
        return any(line.over for line in self.lines)


def follow(budget: Budget, actuals: Actuals, as_of: date | None = None) -> FollowUp:
    """The follow-up of `budget` by `as_of` (default: the latest voucher date of the year in
    the exports). Raises `TryggError` where there is no such date, or it is outside the year."""
    first, last = date(budget.year, 1, 1), date(budget.year, 12, 31)
    as_of = as_of or actuals.latest
    if as_of is None:
        raise TryggError("no-vouchers-in-year", year=budget.year)
    if not first <= as_of <= last:
        raise TryggError("as-of-outside-year", as_of=as_of, year=budget.year)
    days, days_in_year = (as_of - first).days + 1, (last - first).days + 1
    spent: dict[int, Decimal] = {}
    after = 0
    for (target, day), amount in actuals.sums.items():
        if day > as_of:
            after += actuals.counts[(target, day)]
            continue
        spent[target] = spent.get(target, _ZERO) + amount
    lines = tuple(_item_line(item, number, spent, days, days_in_year) for number, item in enumerate(budget.items))
    unallocated = None
    if budget.match or UNALLOCATED in spent:
        actual = spent.get(UNALLOCATED, _ZERO)
        unallocated = line(None, "", None, actual, forecast=money.pace(actual, days, days_in_year))
    total = _total([*lines, *([unallocated] if unallocated else [])])
    return FollowUp(budget, as_of, lines, unallocated, total, after, actuals.outside_year, days, days_in_year)


def _item_line(item: Item, number: int, spent: dict[int, Decimal], days: int, days_in_year: int) -> Line:
    actual = spent.get(number, _ZERO) if item.match else None
    if item.forecast is not None:
        return line(item.id, item.name, item.amount, actual, forecast=item.forecast, own_forecast=True, note=item.note)
    forecast = None if actual is None else money.pace(actual, days, days_in_year)
    return line(item.id, item.name, item.amount, actual, forecast=forecast, note=item.note)


def _total(lines: Sequence[Line]) -> Line:
    """Each column's known values summed; the share used is of the sums."""

    def known(values: list[Decimal | None]) -> Decimal | None:
        found = [value for value in values if value is not None]
        return sum(found, _ZERO) if found else None

    budget, actual = known([row.budget for row in lines]), known([row.actual for row in lines])
    used = money.shares([actual], budget)[0] if budget is not None and actual is not None else None
    return Line(
        None,
        "",
        budget,
        actual,
        used,
        known([row.remaining for row in lines]),
        known([row.forecast for row in lines]),
        known([row.variance for row in lines]),
    )


def ordered(followup: FollowUp, order: FollowOrder) -> tuple[Line, ...]:
    """The item rows in `order`: the file's, or the most used, the largest variance against
    (most over first), or the largest actual first; rows without the figure last."""
    if order is FollowOrder.FILE:
        return followup.lines

    def figure(row: Line) -> Decimal | None:
        if order is FollowOrder.USED:
            return row.used_pct
        if order is FollowOrder.VARIANCE:
            return None if row.variance is None else -row.variance
        return row.actual

    known = [row for row in followup.lines if figure(row) is not None]
    unknown = [row for row in followup.lines if figure(row) is None]
    return tuple(sorted(known, key=lambda row: figure(row) or _ZERO, reverse=True)) + tuple(unknown)


_ZERO = Decimal(0)
