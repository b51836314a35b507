"""What trygg says about a run: problem lines, GitHub annotations, summary lines, on stderr or
as annotations; and a problem as a JSON record (always in English, the same in every locale)."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from trygg_cli import money
from trygg_cli.model import Loaded, Problem, Unit
from trygg_cli.render import words
from trygg_cli.render.locale import Locale
from trygg_cli.render.words import problem_message


def problem_line(problem: Problem, locale: Locale) -> str:
    """`path:line:column: code: message`, the shape editors and CI jump to."""
    where = problem.source
    column = f"{where.column}:" if where.column is not None else ""
    return f"{where.path}:{where.line}:{column} {problem.code}: {problem_message(problem, locale)}"


def github_annotation(problem: Problem, locale: Locale) -> str:
    """A GitHub Actions workflow command that marks the problem on its line in a pull request."""
    where = problem.source
    properties = [f"file={_github_escape(where.path, True)}", f"line={where.line}"]
    if where.column is not None:
        properties.append(f"col={where.column}")
    properties.append(f"title={_github_escape(problem.code, True)}")
    return f"::error {','.join(properties)}::{_github_escape(problem_message(problem, locale), False)}"


def _github_escape(text: str, is_property: bool) -> str:
    # GitHub's rules: % CR LF always, and : , inside a property value.
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if is_property else text


def problem_record(problem: Problem, with_path: bool = False) -> dict[str, Any]:
    """A problem for JSON: its code, its message in English, where it is, and the figures the
    message quotes (amounts as exact decimal strings in the file's unit)."""
    record: dict[str, Any] = {"path": problem.source.path} if with_path else {}
    record.update(
        code=problem.code,
        message=problem_message(problem, Locale.EN),
        line=problem.source.line,
        column=problem.source.column,
        figures=_json_figures(problem.figures),
    )
    return record


def _json_figures(figures: dict[str, Any]) -> dict[str, Any]:
    unit = figures.get("unit")
    shown: dict[str, Any] = {}
    for name, value in figures.items():
        if isinstance(value, Unit):
            shown[name] = value.value
        elif isinstance(value, Decimal) and isinstance(unit, Unit) and name in _AMOUNTS:
            shown[name] = money.exact_strings([money.in_unit(value, unit)], money.least_decimals(unit))[0]
        elif isinstance(value, Decimal):
            shown[name] = format(value, "f")
        elif isinstance(value, tuple):
            shown[name] = list(value)
        else:
            shown[name] = value
    return shown


_AMOUNTS = frozenset({"sum", "total", "gap"})  # figures that are amounts in kronor


def summary_line(files: Sequence[Loaded], locale: Locale) -> str:
    count = sum(len(loaded.problems) for loaded in files)
    bad = sum(1 for loaded in files if loaded.problems)
    return words.summary_line(len(files), count, bad, locale)
