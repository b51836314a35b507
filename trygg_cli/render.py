"""Data to text in the format asked for: the only room that imports rich or tabulate.

Each view (a diff, one year, the list of years) becomes one `Table` of ready-made cells, and
one dispatcher writes any table in any text format. JSON is the data itself, not a table.
Labels and number formats per locale live here and in `money`, nowhere else.
"""

from __future__ import annotations

import enum
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, TextIO

from trygg_cli import money
from trygg_cli.compare import Change, Comparison, Status
from trygg_cli.load import Loaded
from trygg_cli.model import Budget, Problem, Unit


class Format(enum.Enum):
    """How a table is printed."""

    RICH = "rich"
    PLAIN = "plain"
    JSON = "json"


class Report(enum.Enum):
    """How problems are printed."""

    TEXT = "text"
    JSON = "json"
    GITHUB = "github"


LABELS = {
    "item": "Post",
    "change": "Förändring",
    "change_pct": "Förändring %",
    "sum": "Summa",
    "total": "Ram",
    "declared": "Beslutad ram",
    "added": "ny",
    "removed": "borttagen",
    "renamed": "nytt namn, tidigare ”{old}”",
    "year": "År",
    "years": "Budgetår",
    "items": "Poster",
    "status": "Status",
    "ok": "ok",
    "problems": "fel ({count})",
    "unloaded": "läses inte",
    "compared": "{title}: {old}–{new}, {unit}",
    "budget": "Budget",
    "kr": "kronor",
    "tkr": "tusen kronor",
    "mkr": "miljoner kronor",
}


@dataclass(frozen=True, slots=True)
class Table:
    """A view ready to print: every cell is text already; `numeric` columns align right."""

    title: str
    headers: list[str]
    rows: list[list[str]]
    numeric: list[bool]
    summary: list[str] | None = None
    row_styles: list[str] = field(default_factory=list)


# Tables -------------------------------------------------------------------------------------


def diff_table(comparison: Comparison, unit: Unit) -> Table:
    old, new = comparison.old, comparison.new
    amounts = [
        money.in_unit(value, unit)
        for change in comparison.changes
        for value in (change.old, change.new, change.change)
        if value is not None
    ]
    decimals = money.decimals_for(amounts, unit)

    def amount(value: Decimal | None, signed: bool = False) -> str:
        return money.swedish(money.in_unit(value or Decimal(0), unit), decimals, signed)

    rows = [
        [
            _item_label(change),
            amount(change.old),
            amount(change.new),
            amount(change.change, True),
            _percent(change.change_pct),
        ]
        for change in comparison.changes
    ]
    summary = [
        LABELS["sum"],
        amount(comparison.old_sum),
        amount(comparison.new_sum),
        amount(comparison.change, True),
        _percent(comparison.change_pct),
    ]
    title = LABELS["compared"].format(title=_title(new), old=old.year, new=new.year, unit=LABELS[unit.value])
    return Table(
        title,
        [LABELS["item"], str(old.year), str(new.year), LABELS["change"], LABELS["change_pct"]],
        rows,
        [False, True, True, True, True],
        summary,
        [_STYLES[change.status] for change in comparison.changes],
    )


def show_table(budget: Budget, unit: Unit) -> Table:
    items_sum = sum((item.amount for item in budget.items), Decimal(0))
    amounts = [money.in_unit(value, unit) for value in (*(item.amount for item in budget.items), budget.total)]
    decimals = money.decimals_for(amounts, unit)

    def amount(value: Decimal) -> str:
        return money.swedish(money.in_unit(value, unit), decimals)

    rows = [[item.name, amount(item.amount)] for item in budget.items]
    if items_sum != budget.total:
        rows.append([LABELS["declared"], amount(budget.total)])
    title = f"{budget.title or LABELS['budget']}, {LABELS[unit.value]}"
    return Table(title, [LABELS["item"], str(budget.year)], rows, [False, True], [LABELS["sum"], amount(items_sum)])


def years_table(files: Sequence[Loaded]) -> Table:
    rows = []
    for loaded in files:
        budget = loaded.budget
        if budget is None:
            rows.append([loaded.path, "", "", "", LABELS["unloaded"]])
            continue
        status = LABELS["problems"].format(count=len(loaded.problems)) if loaded.problems else LABELS["ok"]
        rows.append([str(budget.year), _total(budget), str(len(budget.items)), status])
    return Table(
        LABELS["years"],
        [LABELS["year"], LABELS["total"], LABELS["items"], LABELS["status"]],
        rows,
        [False, True, True, False],
    )


_STYLES = {Status.ADDED: "green", Status.REMOVED: "red", Status.CHANGED: "", Status.UNCHANGED: "dim"}


def _item_label(change: Change) -> str:
    marks = []
    if change.status is Status.ADDED:
        marks.append(LABELS["added"])
    elif change.status is Status.REMOVED:
        marks.append(LABELS["removed"])
    if change.renamed:
        marks.append(LABELS["renamed"].format(old=change.old_name))
    return f"{change.name} ({'; '.join(marks)})" if marks else change.name


def _percent(value: Decimal | None) -> str:
    return "–" if value is None else f"{money.swedish(value, 1, signed=True)} %"


def _title(budget: Budget) -> str:
    title = budget.title or LABELS["budget"]
    return title.removesuffix(f" {budget.year}")


# Writing a table ----------------------------------------------------------------------------


def write_table(table: Table, fmt: Format, out: TextIO) -> None:
    """The one dispatcher: a table in any text format."""
    if fmt is Format.RICH:
        _write_rich(table, out)
    else:
        _write_plain(table, out)


def _write_rich(table: Table, out: TextIO) -> None:
    from rich import box
    from rich.console import Console
    from rich.table import Table as RichTable

    grid = RichTable(title=table.title, box=box.SIMPLE_HEAD, title_justify="left", title_style="bold")
    for header, numeric in zip(table.headers, table.numeric, strict=True):
        grid.add_column(header, justify="right" if numeric else "left", no_wrap=numeric)
    styles = table.row_styles or [""] * len(table.rows)
    for number, (row, style) in enumerate(zip(table.rows, styles, strict=True), start=1):
        grid.add_row(*row, style=style or None, end_section=number == len(table.rows) and table.summary is not None)
    if table.summary is not None:
        grid.add_row(*table.summary, style="bold")
    Console(file=out, highlight=False).print(grid)


def _write_plain(table: Table, out: TextIO) -> None:
    from tabulate import tabulate

    rows: list[list[str]] = list(table.rows)
    if table.summary is not None:
        rows.append(["" for _ in table.headers])
        rows.append(table.summary)
    align = ["right" if numeric else "left" for numeric in table.numeric]
    text = tabulate(rows, headers=table.headers, tablefmt="simple", colalign=align, disable_numparse=True)
    out.write(f"{table.title}\n\n{text}\n")


# Problems -----------------------------------------------------------------------------------


def problem_line(problem: Problem) -> str:
    """`path:line:column: code: message`, the shape editors and CI jump to."""
    where = problem.source
    column = f"{where.column}:" if where.column is not None else ""
    return f"{where.path}:{where.line}:{column} {problem.code}: {problem.message}"


def github_annotation(problem: Problem) -> str:
    """A GitHub Actions workflow command that marks the problem on its line in a pull request."""
    where = problem.source
    properties = [f"file={_github_escape(where.path, True)}", f"line={where.line}"]
    if where.column is not None:
        properties.append(f"col={where.column}")
    properties.append(f"title={_github_escape(problem.code, True)}")
    return f"::error {','.join(properties)}::{_github_escape(problem.message, False)}"


def _github_escape(text: str, is_property: bool) -> str:
    # GitHub's rules: % CR LF always, and : , inside a property value.
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if is_property else text


def started_line(budget: Budget, source: object) -> str:
    count = len(budget.items)
    items = f"{count} item{'s' if count != 1 else ''}"
    return f"started {budget.year} from {source}: {items}, total {_total(budget)}"


def _total(budget: Budget) -> str:
    """The declared total in the budget's own unit: 5,0 mkr."""
    total = money.in_unit(budget.total, budget.unit)
    return f"{money.swedish(total, money.decimals_for([total], budget.unit))} {budget.unit.value}"


def problem_data(problem: Problem, with_path: bool = False) -> dict[str, Any]:
    data: dict[str, Any] = {"path": problem.source.path} if with_path else {}
    data.update(code=problem.code, message=problem.message, line=problem.source.line, column=problem.source.column)
    return data


def summary_line(files: Sequence[Loaded]) -> str:
    count = sum(len(loaded.problems) for loaded in files)
    bad = sum(1 for loaded in files if loaded.problems)
    checked = f"{len(files)} file{'s' if len(files) != 1 else ''} checked"
    if not count:
        return f"{checked}: all good"
    return f"{checked}: {count} problem{'s' if count != 1 else ''} in {bad} file{'s' if bad != 1 else ''}"


# JSON ---------------------------------------------------------------------------------------


def write_json(data: dict[str, Any], out: TextIO) -> None:
    json.dump(data, out, ensure_ascii=False, indent=2)
    out.write("\n")


def exact(kronor: Decimal | None, unit: Unit) -> str | None:
    """An amount as an exact decimal string in `unit` ("0.8"), at least the unit's decimals."""
    if kronor is None:
        return None
    value = money.in_unit(kronor, unit)
    return money.plain(value, money.decimals_for([value], unit))


def validate_data(files: Sequence[Loaded]) -> dict[str, Any]:
    return {
        "ok": not any(loaded.problems for loaded in files),
        "files": [
            {
                "path": loaded.path,
                "year": loaded.budget.year if loaded.budget else None,
                "ok": not loaded.problems,
                "problems": [problem_data(p) for p in loaded.problems],
            }
            for loaded in files
        ],
    }


def diff_data(
    comparison: Comparison, unit: Unit, paths: tuple[str, str], problems: Sequence[Problem]
) -> dict[str, Any]:
    items = []
    for change in comparison.changes:
        item: dict[str, Any] = {
            "id": change.id,
            "name": change.name,
            "from": exact(change.old, unit),
            "to": exact(change.new, unit),
            "change": exact(change.change, unit),
            "change_pct": None if change.change_pct is None else str(change.change_pct),
            "status": change.status.value,
        }
        if change.renamed:
            item.update(renamed=True, old_name=change.old_name)
        items.append(item)
    pct = comparison.change_pct
    return {
        "from": {"year": comparison.old.year, "path": paths[0]},
        "to": {"year": comparison.new.year, "path": paths[1]},
        "unit": unit.value,
        "items": items,
        "total": {
            "from": exact(comparison.old_sum, unit),
            "to": exact(comparison.new_sum, unit),
            "change": exact(comparison.change, unit),
            "change_pct": None if pct is None else str(pct),
        },
        "problems": [problem_data(problem, with_path=True) for problem in problems],
    }


def show_data(loaded: Loaded, budget: Budget, unit: Unit) -> dict[str, Any]:
    return {
        "year": budget.year,
        "path": loaded.path,
        "title": budget.title,
        "unit": unit.value,
        "total": exact(budget.total, unit),
        "ok": not loaded.problems,
        "items": [{"id": item.id, "name": item.name, "amount": exact(item.amount, unit)} for item in budget.items],
        "problems": [problem_data(problem, with_path=True) for problem in loaded.problems],
    }
