"""The follow-up: a year's budget against what the exports say was spent, line by line.

Rows of data, no text (the follow-up's counterpart of `compare`): each item's budget for the year
and to the as-of date (as its periodisation falls, `periods`), its actual up to that date, and
its forecast for the year; the package's unallocated postings as a row of their own (budget 0);
and a Summa row for the package: its total, every one of its postings, the lines' budgets to
date and forecasts (a line without `match` counts with its budget). Every row adds up.
"""

from __future__ import annotations

import calendar
from bisect import bisect_right
from dataclasses import dataclass, replace
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from trygg_cli import amendments, money, periods
from trygg_cli.choices import FollowOrder
from trygg_cli.model import UNALLOCATED, Actuals, Amendment, Budget, Columns, Item, TryggError

# A follow-up's columns, by the key of the figure each shows; the six a tertial report shows, by
# default, and before them the budget as first decided and the changes, where a change is in force.
COLUMNS = (
    "budget",
    "budget_to_date",
    "actual",
    "variance_to_date",
    "forecast",
    "variance",
    "used_pct",
    "remaining",
    "original_budget",
    "changes",
)
DEFAULT_COLUMNS = COLUMNS[:6]
CHANGED_COLUMNS = ("original_budget", "changes", *DEFAULT_COLUMNS)


def columns(asked: str) -> tuple[str, ...]:
    """`--columns budget,actual,used_pct`: the keys, in the order given. Raises `TryggError` for
    a key trygg does not know, naming those it does."""
    keys = tuple(key.strip() for key in asked.split(",") if key.strip())
    unknown = [key for key in keys if key not in COLUMNS]
    if unknown or not keys:
        raise TryggError("unknown-column", asked=", ".join(unknown) or asked, known=", ".join(COLUMNS))
    return keys


@dataclass(frozen=True, slots=True)
class Line:
    """One row of the follow-up, in kronor: the budget for the year and to the as-of date, the
    actual to that date, and the forecast for the year; every other figure follows from these,
    so each row adds up (budget − actual = remaining, budget to date − actual = variance to
    date, budget − forecast = variance). `actual` is None for an item without `match`; a figure
    that cannot be known is None."""

    id: str | None
    name: str
    budget: Decimal  # in force on the as-of date
    budget_to_date: Decimal
    actual: Decimal | None
    forecast: Decimal | None
    own_forecast: bool = False  # the officer's, not the pace's
    as_budgeted: bool = False  # the line has not started: the forecast is the budget still to come
    forecast_date: date | None = None  # the date of a dated own forecast
    previous_forecast: Decimal | None = None  # and the one before it
    previous_forecast_date: date | None = None
    note: str | None = None
    first_budget: Decimal | None = None  # as first decided (None: the same as `budget`)

    @property
    def original_budget(self) -> Decimal:
        """The line's budget as first decided."""
        return self.budget if self.first_budget is None else self.first_budget

    @property
    def changes(self) -> Decimal:
        """The budget changes in force for the line: its budget less its budget as first decided."""
        return self.budget - self.original_budget

    @property
    def used_pct(self) -> Decimal | None:
        return None if self.actual is None else money.shares([self.actual], self.budget)[0]

    @property
    def remaining(self) -> Decimal | None:
        return None if self.actual is None else self.budget - self.actual

    @property
    def variance_to_date(self) -> Decimal | None:
        return None if self.actual is None else self.budget_to_date - self.actual

    @property
    def variance(self) -> Decimal | None:
        return None if self.forecast is None else self.budget - self.forecast

    @property
    def over(self) -> bool:
        """Spent more than its budget."""
        return self.actual is not None and self.actual > self.budget

    @property
    def over_forecast(self) -> bool:
        """Forecast to spend more than its budget."""
        return self.forecast is not None and self.forecast > self.budget


@dataclass(frozen=True, slots=True)
class FollowUp:
    budget: Budget
    as_of: date
    lines: tuple[Line, ...]
    unallocated: Line | None  # None where the year file has no top-level match and nothing was ambiguous
    total: Line  # the package: its total, every posting, and the lines' forecasts
    after_as_of: int  # the package's postings left out: dated after the as-of date
    outside_year: int  # ... and dated outside the year
    days: int  # days of the year up to and including the as-of date
    days_in_year: int
    as_budgeted: int  # lines without `match` (nor own forecast) counted in Summa with their budget as forecast
    changes: tuple[Amendment, ...] = ()  # the budget changes in force on the as-of date

    @property
    def columns(self) -> tuple[str, ...]:
        """The columns a table shows by default: with the budget as first decided and the changes
        where a change is in force."""
        return CHANGED_COLUMNS if self.changes else DEFAULT_COLUMNS

    @property
    def over(self) -> bool:
        return any(line.over for line in self.lines)


def follow(budget: Budget, actuals: Actuals, as_of: date | None = None) -> FollowUp:
    """The follow-up of `budget` by `as_of` (default: the latest voucher date of the year in
    the exports). Raises `TryggError` where nothing can be followed up (no `match` at all), where
    there is no such date, or where it is outside the year."""
    if not budget.match and not any(item.match for item in budget.items):
        raise TryggError("nothing-to-follow", year=budget.year)
    first, last = date(budget.year, 1, 1), date(budget.year, 12, 31)
    as_of = as_of or actuals.latest
    if as_of is None:
        empty = [problem.source.path for problem in actuals.problems if problem.code == "empty-export"]
        if empty:  # say which exports hold nothing, not only that the year has no voucher
            raise TryggError("exports-without-vouchers", "no-vouchers-in-year", paths=", ".join(empty))
        raise TryggError("no-vouchers-in-year", year=budget.year)
    if not first <= as_of <= last:
        raise TryggError("as-of-outside-year", as_of=as_of, year=budget.year)
    spent: dict[int, Decimal] = {}
    after = 0
    for (target, day), amount in actuals.sums.items():
        if day > as_of:
            after += actuals.counts[(target, day)]
            continue
        spent[target] = spent.get(target, _ZERO) + amount
    changes = tuple(amendments.in_force_changes(budget, as_of))
    moves: dict[str, list[tuple[date, Decimal]]] = {}
    for change in changes:
        for move in change.moves:
            moves.setdefault(move.id, []).append((change.date, move.amount))
    lines = tuple(
        _item_line(item, number, budget, spent, as_of, moves.get(item.id, []))
        for number, item in enumerate(budget.items)
    )
    to_date = sum((row.budget_to_date for row in lines), _ZERO)
    in_force = amendments.in_force(budget, as_of).total
    unallocated = None
    if budget.match or UNALLOCATED in spent:
        actual = spent.get(UNALLOCATED, _ZERO)
        if to_date:  # the package's pace
            unallocated = Line(None, "", _ZERO, _ZERO, actual, _half_up(actual * in_force / to_date))
        else:
            unallocated = Line(None, "", _ZERO, _ZERO, actual, actual, as_budgeted=True)
        unallocated = replace(unallocated, first_budget=_ZERO)
    rows = [*lines, *([unallocated] if unallocated else [])]
    total = Line(
        None,
        "",
        in_force,
        to_date,
        sum((row.actual for row in rows if row.actual is not None), _ZERO),
        sum((row.budget if row.forecast is None else row.forecast for row in rows), _ZERO),
        first_budget=budget.total,
    )
    without = sum(1 for row in lines if row.forecast is None)
    days, days_in_year = (as_of - first).days + 1, (last - first).days + 1
    return FollowUp(
        budget, as_of, lines, unallocated, total, after, actuals.outside_year, days, days_in_year, without, changes
    )


def _item_line(  # noqa: PLR0917 - the row's figures come from each of these
    item: Item,
    number: int,
    budget: Budget,
    spent: dict[int, Decimal],
    as_of: date,
    moves: list[tuple[date, Decimal]],
) -> Line:
    """An item's row: its budget in force (as first decided, and the `moves` of the changes in
    force), its budget to date from its periodisation (each move spread from its date on), and
    its forecast: the officer's own (the latest dated one on or before the as-of date), else the
    actual carried on as the budget falls, else (the line has not started) the actual and the
    budget still to come."""
    to_date = periods.in_force_to_date(item, budget, moves, as_of)
    amount = item.amount + sum((moved for _, moved in moves), _ZERO)
    actual = spent.get(number, _ZERO) if item.match else None
    row = Line(item.id, item.name, amount, to_date, actual, None, note=item.note, first_budget=item.amount)
    dated = [(day, amount) for day, amount in item.forecasts if day <= as_of]
    if dated:
        (day, amount), previous = dated[-1], dated[-2] if len(dated) > 1 else (None, None)
        return replace(
            row,
            forecast=amount,
            own_forecast=True,
            forecast_date=day,
            previous_forecast=previous[1],
            previous_forecast_date=previous[0],
        )
    if item.forecast is not None:
        return replace(row, forecast=item.forecast, own_forecast=True)
    if actual is None:
        return row
    if to_date:
        return replace(row, forecast=_half_up(actual * amount / to_date))
    return replace(row, forecast=actual + amount - to_date, as_budgeted=True)


def _half_up(value: Decimal) -> Decimal:
    return value.quantize(money.ORE, rounding=ROUND_HALF_UP)


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


def chosen_item(budget: Budget, asked: str) -> int:
    """The line `--item` names: an id or a name in any case, or the unallocated postings
    (`ej-fordelat`, `unallocated`) as UNALLOCATED. Raises `TryggError` for one the year does not have."""
    wanted = asked.strip().casefold()
    if wanted in ("ej-fordelat", "ej fördelat", "unallocated"):
        return UNALLOCATED
    for number, item in enumerate(budget.items):
        if wanted in (item.id.casefold(), item.name.casefold()):
            if not item.match:
                raise TryggError("item-without-match", item=item.id)
            return number
    raise TryggError("no-such-item", item=asked, known=", ".join(item.id for item in budget.items))


@dataclass(frozen=True, slots=True)
class Postings:
    """The postings behind one line's actual up to the as-of date, in date order; their total is
    the line's actual in the follow-up table."""

    budget: Budget
    as_of: date
    target: int  # an item's index, or UNALLOCATED
    postings: Columns

    @property
    def total(self) -> Decimal:
        return sum(self.postings.amount, _ZERO)

    @property
    def name(self) -> str:
        return "" if self.target == UNALLOCATED else self.budget.items[self.target].name


def postings(budget: Budget, actuals: Actuals, as_of: date, target: int) -> Postings:
    """The line's postings (read with `read_exports(keep=target)`) up to and including `as_of`."""
    listed = actuals.postings  # (in date order)
    return Postings(budget, as_of, target, listed.first(bisect_right(listed.date, as_of)))


@dataclass(frozen=True, slots=True)
class Month:
    """One month of a follow-up month by month, in kronor: the budget and the actual of the month
    (the as-of month's to the as-of date), and both to the month's end."""

    month: date  # its first day
    budget: Decimal
    actual: Decimal
    budget_to_date: Decimal
    actual_to_date: Decimal

    @property
    def variance_to_date(self) -> Decimal:
        return self.budget_to_date - self.actual_to_date


@dataclass(frozen=True, slots=True)
class ByMonth:
    """A line's (or, with `target` None, the package's) follow-up month by month, from January to
    the as-of month; its last month's to-date figures are the follow-up table's."""

    budget: Budget
    as_of: date
    target: int | None  # an item's index, UNALLOCATED, or None for the package
    name: str
    months: tuple[Month, ...]
    year: tuple[Decimal, ...] = ()  # the budget to each month's end, January to December
    forecast: Decimal | None = None  # the forecast for the year, where there is one


def by_month(
    budget: Budget, actuals: Actuals, as_of: date, target: int | None = None, forecast: Decimal | None = None
) -> ByMonth:
    """The follow-up of one line (`target`: an item's index or UNALLOCATED) or of the package,
    month by month up to `as_of`: each month's budget as the line falls (with the changes in force
    on `as_of`, each from its date) and its actual, and both to date; and, for a chart, the budget
    to each month's end of the whole year and the year's `forecast`."""
    moves: dict[str, list[tuple[date, Decimal]]] = {}
    for change in amendments.in_force_changes(budget, as_of):
        for move in change.moves:
            moves.setdefault(move.id, []).append((change.date, move.amount))
    items = [number for number in range(len(budget.items)) if target is None or target == number]

    def budget_to(day: date) -> Decimal:
        return sum(
            (periods.in_force_to_date(budget.items[n], budget, moves.get(budget.items[n].id, []), day) for n in items),
            _ZERO,
        )

    spent = [_ZERO] * 13
    for (found, day), amount in actuals.sums.items():
        if day <= as_of and day.year == budget.year and (target is None or found == target):
            spent[day.month] += amount
    months: list[Month] = []
    budget_before = actual_before = _ZERO
    for month in range(1, as_of.month + 1):
        first = date(budget.year, month, 1)
        last = as_of if month == as_of.month else date(budget.year, month, calendar.monthrange(budget.year, month)[1])
        to_date = budget_to(last)
        actual_to_date = actual_before + spent[month]
        months.append(Month(first, to_date - budget_before, spent[month], to_date, actual_to_date))
        budget_before, actual_before = to_date, actual_to_date
    if target is None:
        name = budget.title or ""
    elif target == UNALLOCATED:
        name = ""
    else:
        name = budget.items[target].name
    ends = [date(budget.year, month, calendar.monthrange(budget.year, month)[1]) for month in range(1, 13)]
    return ByMonth(budget, as_of, target, name, tuple(months), tuple(map(budget_to, ends)), forecast)


_ZERO = Decimal(0)
