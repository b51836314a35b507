"""JSON: the data itself, not a table. Amounts are exact decimal strings in the shown unit; one
document per run, a key per line and one record per line in its lists, the same in every language."""

from __future__ import annotations

import operator
from collections.abc import Sequence
from decimal import Decimal
from pathlib import PurePath
from typing import TYPE_CHECKING, Any, TextIO

from trygg_cli import money, rules
from trygg_cli.amendments import Applied
from trygg_cli.compare import Comparison, SideBySide
from trygg_cli.model import UNALLOCATED, Actuals, Budget, Loaded, Match, Problem, Unit
from trygg_cli.render.reporters.records import problem_record

if TYPE_CHECKING:  # the follow-up loads only when a run follows up; the history only for a log
    from trygg_cli.follow import ByMonth, FollowUp, Line, Postings
    from trygg_cli.history import History

ROWS_AT_A_TIME = 4096  # never a long list as one string


def write_json(data: dict[str, Any], out: TextIO) -> None:
    """One JSON document: a key per line, and a list of records one record per line (readable,
    easy on grep and diff)."""
    import json

    dump = json.JSONEncoder(ensure_ascii=False, separators=(", ", ": ")).encode

    out.write("{")
    for number, (key, value) in enumerate(data.items()):
        out.write(f"{',' if number else ''}\n  {dump(key)}: ")
        if isinstance(value, list) and value:
            for start in range(0, len(value), ROWS_AT_A_TIME):
                block = value[start : start + ROWS_AT_A_TIME]
                out.write(("[\n" if start == 0 else ",\n") + ",\n".join(f"    {dump(element)}" for element in block))
            out.write("\n  ]")
        else:
            out.write(dump(value))
    out.write("\n}\n")


def write_nested_json(data: dict[str, Any], out: TextIO) -> None:
    """A small nested JSON document (the schema), indented throughout."""
    import json

    json.dump(data, out, ensure_ascii=False, indent=2)
    out.write("\n")


def exact(kronor: Decimal | None, unit: Unit) -> str | None:
    """An amount as an exact decimal string in `unit` ("0.8"), at least the unit's decimals."""
    return exacts([kronor], unit)[0]


def exacts(kronor: Sequence[Decimal | None], unit: Unit) -> list[str | None]:
    """A column of amounts written as `exact` writes each."""
    known = [amount for amount in kronor if amount is not None]
    texts = money.exact_strings(money.in_units(known, unit), money.least_decimals(unit))
    if len(texts) == len(kronor):
        return list(texts)
    written = iter(texts)
    return [None if amount is None else next(written) for amount in kronor]


def validate_data(files: Sequence[Loaded]) -> dict[str, Any]:
    return {
        "ok": not any(loaded.problems for loaded in files),
        "files": [
            {
                "path": loaded.path,
                "rev": loaded.rev,
                "year": loaded.budget.year if loaded.budget else None,
                "ok": not loaded.problems,
                "problems": [problem_record(problem) for problem in loaded.problems],
            }
            for loaded in files
        ],
    }


def log_data(found: History, year: int, path: str) -> dict[str, Any]:
    """A year's history, newest first; amounts as exact strings in each version's unit."""
    commits = []
    for entry in found.entries:
        version = entry.version
        unit = entry.unit or Unit.KR
        commits.append(
            {
                "commit": version.commit,
                "date": version.date,
                "author": version.author,
                "subject": version.subject,
                "loads": entry.loads,
                "problems": entry.problems,
                "unit": entry.unit.value if entry.unit else None,
                "changes": [
                    {
                        "id": change.id,
                        "name": change.name,
                        "status": change.status.value,
                        "from": exact(change.old, unit),
                        "to": exact(change.new, unit),
                        "old_name": change.old_name if change.renamed else None,
                    }
                    for change in entry.changes
                ],
                "total": None
                if entry.total is None
                else {"from": exact(entry.total[0], unit), "to": exact(entry.total[1], unit)},
                "follow": [
                    {
                        "id": change.id,
                        "name": change.name if change.id else None,
                        "match": None if change.match is None else [_match_data(match) for match in change.match],
                        "forecast": None if change.forecast is None else exacts(list(change.forecast), unit),
                    }
                    for change in entry.follow
                ],
                "decisions": [
                    {
                        "decision": decided.decision,
                        "moves": [{"name": name, "amount": exact(amount, unit)} for name, amount in decided.moves],
                    }
                    for decided in entry.decisions
                ],
            }
        )
    return {"year": year, "path": path, "commits": commits, "skipped": found.skipped}


def _match_data(match: Match) -> dict[str, list[str]]:
    """A match as the year file writes it: each dimension's codes."""
    return {criterion.dimension: list(criterion.codes) for criterion in match}


def years_data(files: Sequence[Loaded]) -> dict[str, Any]:
    """What `trygg years` shows: each year's unit, total, number of items and state."""
    years = []
    for loaded in files:
        budget = loaded.budget
        years.append(
            {
                "year": budget.year if budget else rules.year_of_file(PurePath(loaded.path).name),
                "path": loaded.path,
                "rev": loaded.rev,
                "unit": budget.unit.value if budget else None,
                "total": exact(budget.total, budget.unit) if budget else None,
                "items": len(budget.items) if budget else None,
                "ok": not loaded.problems,
                "problems": [problem_record(problem) for problem in loaded.problems],
            }
        )
    return {"ok": not any(loaded.problems for loaded in files), "years": years}


def diff_data(
    comparison: Comparison, unit: Unit, files: Sequence[Loaded], problems: Sequence[Problem]
) -> dict[str, Any]:
    changes = comparison.changes
    olds, news = [change.old for change in changes], [change.new for change in changes]
    old_amounts, new_amounts = [old or _ZERO for old in olds], [new or _ZERO for new in news]
    columns = zip(
        changes,
        exacts(olds, unit),
        exacts(news, unit),
        exacts(list(map(operator.sub, new_amounts, old_amounts)), unit),
        money.percent_changes(old_amounts, new_amounts),
        strict=True,
    )
    items = []
    for change, before, after, difference, percent in columns:
        item: dict[str, Any] = {
            "id": change.id,
            "name": change.name,
            "from": before,
            "to": after,
            "change": difference,
            "change_pct": None if percent is None else str(percent),
            "status": change.status.value,
            "note": change.note,
        }
        if change.renamed:
            item.update(renamed=True, old_name=change.old_name)
        items.append(item)
    totals = comparison.totals
    return {
        "from": {"year": comparison.old.year, "path": files[0].path, "rev": files[0].rev},
        "to": {"year": comparison.new.year, "path": files[1].path, "rev": files[1].rev},
        "unit": unit.value,
        "items": items,
        "total": {
            "from": exact(totals.old, unit),
            "to": exact(totals.new, unit),
            "change": exact(totals.change, unit),
            "change_pct": None if totals.change_pct is None else str(totals.change_pct),
        },
        "problems": [problem_record(problem, with_path=True) for problem in problems],
    }


_ZERO = Decimal(0)


def show_data(
    loaded: Loaded, budget: Budget, unit: Unit, months: Sequence[Sequence[Decimal]] | None = None
) -> dict[str, Any]:
    """A year as data: the budget shown (in force, or as first decided) and each item's and the
    total's amount as first decided; with `months` (each item's 12 monthly amounts, in kronor),
    each item's months and the package's (their sums), exact in `unit`."""
    first = budget.stage.first if budget.stage is not None else budget  # as first decided
    items: list[dict[str, Any]] = [
        {
            "id": item.id,
            "name": item.name,
            "amount": exact(item.amount, unit),
            "original_amount": exact(original.amount, unit),
            "note": item.note,
        }
        for item, original in zip(budget.items, first.items, strict=True)
    ]
    data: dict[str, Any] = {
        "year": budget.year,
        "path": loaded.path,
        "rev": loaded.rev,
        "title": budget.title,
        "unit": unit.value,
        "total": exact(budget.total, unit),
        "original_total": exact(first.total, unit),
        "changes_in_force": 0 if budget.stage is None else budget.stage.applied,
        "ok": not loaded.problems,
        "items": items,
    }
    if months is not None:
        for item, amounts in zip(items, months, strict=True):
            item["months"] = exacts(list(amounts), unit)
        package = [sum((amounts[month] for amounts in months), Decimal(0)) for month in range(12)]
        data["months"] = exacts(package, unit)
    data["problems"] = [problem_record(problem, with_path=True) for problem in loaded.problems]
    return data


def side_by_side_data(
    grid: SideBySide, unit: Unit, files: Sequence[Loaded], problems: Sequence[Problem]
) -> dict[str, Any]:
    return {
        "years": [
            {"year": budget.year, "path": loaded.path, "rev": loaded.rev}
            for budget, loaded in zip(grid.budgets, files, strict=True)
        ],
        "unit": unit.value,
        "items": [
            {
                "id": line.id,
                "name": line.name,
                "amounts": [exact(amount, unit) for amount in line.amounts],
                "note": line.note,
            }
            for line in grid.lines
        ],
        "total": [exact(total, unit) for total in grid.sums],
        "problems": [problem_record(problem, with_path=True) for problem in problems],
    }


def changes_data(loaded: Loaded, budget: Budget, found: Sequence[Applied], unit: Unit) -> dict[str, Any]:
    """A year's budget changes as they applied, amounts exact in `unit` (moves signed)."""
    after = found[-1].total if found else budget.total
    return {
        "year": budget.year,
        "path": loaded.path,
        "rev": loaded.rev,
        "unit": unit.value,
        "original_total": exact(budget.total, unit),
        "total": exact(after, unit),
        "changes": [
            {
                "date": step.change.date.isoformat(),
                "decision": step.change.decision,
                "note": step.change.note,
                "total": exact(step.total, unit),
                "moves": [
                    {"id": move.id, "name": name, "amount": exact(move.amount, unit), "after": exact(amount, unit)}
                    for move, name, amount in step.moves
                ],
            }
            for step in found
        ],
        "problems": [problem_record(problem, with_path=True) for problem in loaded.problems],
    }


def postings_data(view: Postings, unit: Unit) -> dict[str, Any]:
    """The postings behind a line's actual, exact in `unit`; `item` the line's id or "unallocated"."""
    item = "unallocated" if view.target == UNALLOCATED else view.budget.items[view.target].id
    return {
        "year": view.budget.year,
        "item": item,
        "as_of": view.as_of.isoformat(),
        "unit": unit.value,
        "postings": [
            {
                "date": day.isoformat(),
                "voucher": voucher,
                "text": text,
                "account": account,
                "objects": objects,
                "amount": exact(amount, unit),
                "source": {"path": path, "line": line},
            }
            for day, voucher, text, account, objects, amount, path, line in zip(*view.postings, strict=True)
        ],
        "total": exact(view.total, unit),
    }


def by_month_data(view: ByMonth, unit: Unit) -> dict[str, Any]:
    """A follow-up month by month, exact in `unit`; `item` the line's id, "unallocated", or null
    for the package."""
    if view.target is None:
        item = None
    elif view.target == UNALLOCATED:
        item = "unallocated"
    else:
        item = view.budget.items[view.target].id
    return {
        "year": view.budget.year,
        "as_of": view.as_of.isoformat(),
        "unit": unit.value,
        "item": item,
        "months": [
            {
                "month": month.month.strftime("%Y-%m"),
                "budget": exact(month.budget, unit),
                "actual": exact(month.actual, unit),
                "budget_to_date": exact(month.budget_to_date, unit),
                "actual_to_date": exact(month.actual_to_date, unit),
                "variance_to_date": exact(month.variance_to_date, unit),
            }
            for month in view.months
        ],
    }


def follow_data(
    followup: FollowUp, unit: Unit, lines: Sequence[Line], loaded: Loaded, exports: Sequence[str], *, actuals: Actuals
) -> dict[str, Any]:
    """The follow-up as data: amounts exact in `unit` (never rounded); a figure that cannot be
    known (an item without `match` has no actual) is null; `unallocated` a row like an item's
    (budget 0), null where the year file has no top-level `match`."""

    def row(line: Line, id: str | None, name: str, *, over: bool = True) -> dict[str, Any]:
        keys = (
            "original_budget",
            "changes",
            "budget",
            "budget_to_date",
            "actual",
            "variance_to_date",
            "remaining",
            "forecast",
            "variance",
        )
        amounts = exacts([getattr(line, key) for key in keys], unit)
        return {
            "id": id,
            "name": name,
            **dict(zip(keys, amounts, strict=True)),
            "used_pct": None if line.used_pct is None else str(line.used_pct),
            "own_forecast": line.own_forecast,
            "as_budgeted": line.as_budgeted,
            "forecast_date": None if line.forecast_date is None else line.forecast_date.isoformat(),
            "previous_forecast": exact(line.previous_forecast, unit),
            "previous_forecast_date": None
            if line.previous_forecast_date is None
            else line.previous_forecast_date.isoformat(),
            "over": over and line.over,
        }

    unallocated = followup.unallocated
    problems = [*loaded.problems, *actuals.problems]
    return {
        "year": followup.budget.year,
        "as_of": followup.as_of.isoformat(),
        "unit": unit.value,
        "path": loaded.path,
        "exports": list(exports),
        "days": followup.days,
        "days_in_year": followup.days_in_year,
        "items": [row(line, line.id, line.name) for line in lines],
        "unallocated": None if unallocated is None else row(unallocated, "unallocated", "Unallocated", over=False),
        "total": row(followup.total, None, "Total"),
        "excluded": {"after_as_of": followup.after_as_of, "outside_year": followup.outside_year},
        "notes": [problem_record(note, with_path=True) for note in actuals.notes],
        "problems": [problem_record(problem, with_path=True) for problem in problems],
    }
