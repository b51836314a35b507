"""A problem as a JSON record: its code, its message in English, where it is, and the figures the
message quotes, every one of them a JSON value (amounts as exact decimal strings in the file's
unit, dates as YYYY-MM-DD, paths as text). The same in every locale."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import PurePath
from typing import Any

from trygg_cli import money
from trygg_cli.model import Problem, Unit
from trygg_cli.render.locale import Locale
from trygg_cli.render.words import problem_message

_AMOUNTS = frozenset({"sum", "total", "gap"})  # figures that are amounts in kronor


def problem_record(problem: Problem, with_path: bool = False) -> dict[str, Any]:
    record: dict[str, Any] = {"path": problem.source.path} if with_path else {}
    record.update(
        code=problem.code,
        message=problem_message(problem, Locale.EN),
        line=problem.source.line,
        column=problem.source.column,
        figures=_figures(problem.figures),
    )
    return record


def _figures(figures: dict[str, Any]) -> dict[str, Any]:
    unit = figures.get("unit")
    shown: dict[str, Any] = {}
    for name, value in figures.items():
        if isinstance(value, Decimal) and isinstance(unit, Unit) and name in _AMOUNTS:
            shown[name] = money.exact_strings([money.in_unit(value, unit)], money.least_decimals(unit))[0]
        else:
            shown[name] = _value(value)
    return shown


def _value(value: Any) -> Any:
    """Any figure as JSON can hold it: never a value the encoder refuses (a run's one document
    must not break off half-written)."""
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, Unit):
        return value.value
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, PurePath):
        return str(value)
    if isinstance(value, list | tuple | set | frozenset):
        return [_value(element) for element in value]
    if isinstance(value, dict):
        return {str(key): _value(element) for key, element in value.items()}
    return str(value)
