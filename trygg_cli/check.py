"""The rules a loaded budget must keep, each a small function, all run by `check`.

Loading already refused what cannot be read; these rules look at a budget as a whole.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from decimal import Decimal
from pathlib import PurePath

from trygg_cli import money
from trygg_cli.load import Loaded
from trygg_cli.model import Budget, Problem, Source
from trygg_cli.money import Locale

# A rule: a budget in, its problems out; `locale` is how numbers in a message are written.
Check = Callable[[Budget, Locale], list[Problem]]

_YEAR_IN_NAME = re.compile(r"budget-([0-9]{4})\.ya?ml")


def check_total(budget: Budget, locale: Locale = Locale.SV) -> list[Problem]:
    """The items add up to the total the council decided, to the öre."""
    items_sum = sum((item.amount for item in budget.items), Decimal(0))
    if items_sum == budget.total:
        return []
    gap = abs(budget.total - items_sum)
    summed, total, gap_text = money.with_units([items_sum, budget.total, gap], budget.unit, locale)
    how = "short" if items_sum < budget.total else "over"
    message = f"items sum to {summed} but total is {total} ({gap_text} {how})"
    return [Problem("total-mismatch", message, budget.total_source or _file(budget))]


def check_unique_ids(budget: Budget, locale: Locale = Locale.SV) -> list[Problem]:
    """Each id names one line of the budget."""
    if len({item.id for item in budget.items}) == len(budget.items):
        return []  # the common case, found at C speed
    first: dict[str, int] = {}
    problems = []
    for item in budget.items:
        where = item.source or _file(budget)
        if item.id in first:
            problems.append(
                Problem("duplicate-id", f"id {item.id!r} is used twice; the first is on line {first[item.id]}", where)
            )
        else:
            first[item.id] = where.line
    return problems


def check_year_matches_name(budget: Budget, locale: Locale = Locale.SV) -> list[Problem]:
    """A file named budget-YYYY.yaml holds the budget of year YYYY."""
    where = _file(budget)
    match = _YEAR_IN_NAME.fullmatch(PurePath(where.path).name)
    if match is None or int(match.group(1)) == budget.year:
        return []
    message = f"year is {budget.year} but the file is named for {match.group(1)}"
    return [Problem("year-mismatch", message, budget.year_source or where)]


CHECKS: tuple[Check, ...] = (check_unique_ids, check_year_matches_name, check_total)


def check(budget: Budget, locale: Locale = Locale.SV) -> list[Problem]:
    """Every rule's problems for one budget."""
    return [problem for rule in CHECKS for problem in rule(budget, locale)]


def checked(loaded: Loaded, locale: Locale = Locale.SV) -> Loaded:
    """A loaded file with the rules' problems added, all in the order of the lines they point at."""
    problems = list(loaded.problems)
    if loaded.budget is not None:
        problems += check(loaded.budget, locale)
    if not problems:
        return loaded
    problems.sort(key=lambda problem: (problem.source.line, problem.source.column or 0))
    return replace(loaded, problems=tuple(problems))


def _file(budget: Budget) -> Source:
    return budget.source or Source("<budget>", 1)
