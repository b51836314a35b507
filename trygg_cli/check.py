"""The rules a loaded budget must keep, each a small function, all run by `check`.

Loading already refused what cannot be read; these rules look at a budget as a whole.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from decimal import Decimal
from pathlib import PurePath

from trygg_cli import amendments, periods, rules
from trygg_cli.model import Budget, Item, Loaded, Problem, Source

Check = Callable[[Budget], list[Problem]]


def check_total(budget: Budget) -> list[Problem]:
    """The items add up to the total the council decided, to the öre."""
    items_sum = sum((item.amount for item in budget.items), Decimal(0))
    if items_sum == budget.total:
        return []
    figures: dict[str, object] = {
        "sum": items_sum,
        "total": budget.total,
        "gap": abs(budget.total - items_sum),
        "unit": budget.unit,
    }
    typed = _typed_in_kronor(budget, items_sum)
    if typed is not None:  # 1500000 in an mkr file: kronor, where the unit is millions
        figures.update(kronor_name=typed.name, kronor=typed.amount / budget.unit.kronor)
    return [Problem("total-mismatch", "total-mismatch", budget.total_source or _file(budget), figures)]


def _typed_in_kronor(budget: Budget, items_sum: Decimal) -> Item | None:
    """The item whose amount, read as kronor rather than in the file's unit, makes the items add
    up to the total: someone typed kronor into a tkr or mkr file."""
    if budget.unit.kronor == 1:
        return None
    for item in budget.items:
        if items_sum - item.amount + item.amount / budget.unit.kronor == budget.total:
            return item
    return None


def check_unique_ids(budget: Budget) -> list[Problem]:
    """Each id names one line of the budget."""
    if len({item.id for item in budget.items}) == len(budget.items):
        return []
    first: dict[str, int] = {}
    problems = []
    for item in budget.items:
        where = item.source or _file(budget)
        if item.id in first:
            problems.append(
                Problem("duplicate-id", "duplicate-id", where, {"id": item.id, "first_line": first[item.id]})
            )
        else:
            first[item.id] = where.line
    return problems


def check_year_matches_name(budget: Budget) -> list[Problem]:
    """A file named budget-YYYY.yaml holds the budget of year YYYY."""
    where = _file(budget)
    named = rules.year_of_file(_file_name(where.path))
    if named is None or named == budget.year:
        return []
    figures = {"year": budget.year, "named": named}
    return [Problem("year-mismatch", "year-mismatch", budget.year_source or where, figures)]


def check_periods(budget: Budget) -> list[Problem]:
    """Each item's amount falls on some day of the year: its months within its start–end do not
    all weigh 0."""
    return [
        Problem("period", "no-weight", item.source or _file(budget), {"id": item.id})
        for item in budget.items
        if periods.of_item(item, budget) is None
    ]


def check_changes(budget: Budget) -> list[Problem]:
    """The budget changes name items of the year, balance, and leave no line's budget below zero."""
    return amendments.problems(budget) if budget.changes else []


CHECKS: tuple[Check, ...] = (check_unique_ids, check_year_matches_name, check_total, check_periods, check_changes)


def check(budget: Budget) -> list[Problem]:
    """Every rule's problems for one budget."""
    return [problem for rule in CHECKS for problem in rule(budget)]


def checked(loaded: Loaded) -> Loaded:
    """A loaded file with the rules' problems added, all in the order of the lines they point at."""
    problems = list(loaded.problems)
    if loaded.budget is not None:
        problems += check(loaded.budget)
    if not problems:
        return loaded
    problems.sort(key=lambda problem: (problem.source.line, problem.source.column or 0))
    return replace(loaded, problems=tuple(problems))


def _file_name(path: str) -> str:
    """A year file's name from where its budget was read: `data/budget-2021.yaml`, or at a git
    revision `data/budget-2021.yaml@main`, where the revision may hold a slash (`@release/2021`)."""
    at_revision = _AT_REVISION.search(path)
    return at_revision.group(1) if at_revision else PurePath(path).name


_AT_REVISION = re.compile(r"(?:^|[/\\])(budget-[0-9]{4}\.ya?ml)@")


def _file(budget: Budget) -> Source:
    return budget.source or Source("<budget>", 1)
