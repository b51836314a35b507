"""How an amount falls over its year: the periodised budget, month by month and to a date.

An item's days weigh what its `months` say (each month's number shared equally by its days) or,
without `months`, every day the same; days outside its `start`–`end` weigh nothing. Its monthly
amounts are in whole öre and add up to its amount exactly: each month's exact share rounded down
to the öre, the öre left over going one each to the months with the largest remainders (the
earlier month first on a tie). Its budget to a date is the months before that date's month in
full, and that month's amount times the share of the month's weight that falls on days up to and
including the date, rounded half up to the öre.

Exact throughout: the shares are fractions with one common denominator per way of falling (a
`Period`, made once for each and kept), and amounts are counted in öre as integers.
"""

from __future__ import annotations

import calendar
import functools
import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from fractions import Fraction

from trygg_cli import amendments
from trygg_cli.model import Budget, Item, Months

MONTHS = 12
_ORE = Decimal("0.01")


@dataclass(frozen=True, slots=True)
class Period:
    """One way an amount falls over a year: month m's share is `shares[m] / denominator`; `days[m]`
    is how many of its days lie in the period, from `first[m]` (a day of the month, 1-based)."""

    year: int
    shares: tuple[int, ...]
    denominator: int
    days: tuple[int, ...]
    first: tuple[int, ...]


@functools.lru_cache(maxsize=4096)
def period(
    year: int, months: Months | None = None, start: date | None = None, end: date | None = None
) -> Period | None:
    """The period of an item of `year` with these `months`, `start` and `end`; None where no day
    of it weighs anything (every month of the period weighs 0)."""
    start = start or date(year, 1, 1)
    end = end or date(year, 12, 31)
    weights: list[Fraction] = []
    days: list[int] = []
    first: list[int] = []
    for month in range(1, MONTHS + 1):
        length = calendar.monthrange(year, month)[1]
        low = start.day if (start.year, start.month) == (year, month) else 1
        high = end.day if (end.year, end.month) == (year, month) else length
        inside = high - low + 1 if date(year, month, 1) <= end and date(year, month, length) >= start else 0
        inside = max(inside, 0)
        days.append(inside)
        first.append(low)
        weight = Fraction(months[month - 1]) / length if months is not None else Fraction(1)
        weights.append(weight * inside)
    whole = sum(weights, Fraction(0))
    if whole == 0:
        return None
    shares = [weight / whole for weight in weights]
    denominator = math.lcm(*(share.denominator for share in shares))
    numerators = tuple(share.numerator * (denominator // share.denominator) for share in shares)
    return Period(year, numerators, denominator, tuple(days), tuple(first))


def of_item(item: Item, budget: Budget) -> Period | None:
    """How `item` falls over `budget`'s year: its own months, else the package's; None where no
    day of it weighs anything."""
    return period(budget.year, item.months if item.months is not None else budget.months, item.start, item.end)


def falls(item: Item, budget: Budget) -> Period:
    """As `of_item`; where the item falls on no day at all (a problem the checks report), on
    every day of the year the same, so that its months still add up to its amount."""
    found = of_item(item, budget) or period(budget.year)
    assert found is not None  # every day of a year weighs something
    return found


def monthly(amount: Decimal, falls: Period) -> tuple[Decimal, ...]:
    """`amount` (kronor) month by month, in öre that add up to it exactly."""
    ore = int((amount / _ORE).to_integral_value())
    parts = [divmod(ore * share, falls.denominator) for share in falls.shares]
    left = ore - sum(whole for whole, _ in parts)
    order = sorted(range(MONTHS), key=lambda month: (-parts[month][1], month))
    extra = set(order[:left])
    return tuple(Decimal(whole + (month in extra)) * _ORE for month, (whole, _) in enumerate(parts))


def to_date(months: tuple[Decimal, ...], falls: Period, day: date) -> Decimal:
    """The budget to `day` (in its year): the months before in full, and its month's amount times
    the share of the month's period days up to `day`, rounded half up to the öre."""
    index = day.month - 1
    full = sum(months[:index], Decimal(0))
    inside = falls.days[index]
    if inside == 0:
        return full
    counted = min(max(day.day - falls.first[index] + 1, 0), inside)
    ore = int((months[index] / _ORE).to_integral_value())
    share = (2 * abs(ore) * counted + inside) // (2 * inside)
    return full + Decimal(share if ore >= 0 else -share) * _ORE


def item_months(item: Item, budget: Budget) -> tuple[Decimal, ...]:
    """An item's amount month by month."""
    return monthly(item.amount, falls(item, budget))


def moved(item: Item, budget: Budget, day: date) -> Period:
    """How a budget change's move to `item` on `day` falls: over the rest of the item's period from
    that day, as its months say (where those days weigh nothing, over the rest of the year by
    days), so the budget to date before the change does not move."""
    months = item.months if item.months is not None else budget.months
    start = max(day, item.start) if item.start is not None else day
    end = item.end if item.end is not None and item.end >= start else None
    falls = period(budget.year, months, start, end) or period(budget.year, None, day)
    assert falls is not None  # the days from `day` to the year's end weigh something
    return falls


def in_force_months(item: Item, budget: Budget, moves: Sequence[tuple[date, Decimal]]) -> tuple[Decimal, ...]:
    """An item's budget in force month by month: its amount as first decided, and each move
    spread from its date on."""
    sums = list(item_months(item, budget))
    for day, amount in moves:
        for month, part in enumerate(monthly(amount, moved(item, budget, day))):
            sums[month] += part
    return tuple(sums)


def in_force_to_date(item: Item, budget: Budget, moves: Sequence[tuple[date, Decimal]], day: date) -> Decimal:
    """An item's budget in force to `day`: its amount as first decided to that day, and each move
    as it falls from its own date."""
    first = falls(item, budget)
    total = to_date(monthly(item.amount, first), first, day)
    for moved_on, amount in moves:
        part = moved(item, budget, moved_on)
        total += to_date(monthly(amount, part), part, day)
    return total


def budget_months(budget: Budget) -> list[tuple[Decimal, ...]]:
    """Each item's budget month by month, in the file's order: for a budget in force
    (`amendments.in_force`), its amount as first decided and each change's move from its date on."""
    stage = budget.stage
    if stage is None or stage.original:
        return [item_months(item, budget) for item in budget.items]
    first = stage.first
    moves: dict[str, list[tuple[date, Decimal]]] = {}
    for change in amendments.in_force_changes(first, stage.on):
        for move in change.moves:
            moves.setdefault(move.id, []).append((change.date, move.amount))
    return [in_force_months(item, first, moves.get(item.id, [])) for item in first.items]


def package_months(budget: Budget) -> tuple[Decimal, ...]:
    """The package's months: the sum of its items' months."""
    sums = [Decimal(0)] * MONTHS
    for item in budget.items:
        for month, amount in enumerate(item_months(item, budget)):
            sums[month] += amount
    return tuple(sums)
