"""The catalogue: every label and every problem message, put into words in the language asked for.

Views hold `Words` (a label and its figures) and problems hold a reason and figures; this is the
one place that turns them into text. Problem messages are English for now (and always in
JSON); numbers inside them are written the reader's way.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any

from trygg_cli.model import Problem, Unit
from trygg_cli.render import numbers
from trygg_cli.render.locale import Locale
from trygg_cli.render.views import Words

LABELS: dict[Locale, dict[str, str]] = {
    Locale.SV: {
        "item": "Post",
        "change": "Förändring",
        "change_pct": "Förändring %",
        "sum": "Summa",
        "sum_shown": "Summa, visade rader",
        "sum_package": "Summa, hela paketet",
        "share": "Andel {year}",
        "change_between": "Förändring {old}–{new}",
        "rounded": "Beloppen är avrundade; summan är beräknad på exakta belopp.",
        "budget_of": "Budget {year}",
        "with_unit": "{header} ({unit})",
        "note": "Not",
        "declared": "Beslutad ram",
        "added": "ny",
        "removed": "borttagen",
        "renamed": "nytt namn, tidigare ”{old}”",
        "marked": "{name} ({marks})",
        "year": "År",
        "years": "Budgetår",
        "total": "Ram",
        "items": "Poster",
        "status": "Status",
        "ok": "ok",
        "problems": "fel ({count})",
        "unloaded": "läses inte",
        "compared": "{title}: {old}–{new}, {unit}",
        "side_by_side": "{title}: {years}, {unit}",
        "titled": "{title}, {unit}",
        "budget": "Budget",
        "kr": "kronor",
        "tkr": "tusen kronor",
        "mkr": "miljoner kronor",
    },
    Locale.EN: {
        "item": "Item",
        "change": "Change",
        "change_pct": "Change %",
        "sum": "Total",
        "sum_shown": "Total of rows shown",
        "sum_package": "Package total",
        "share": "Share {year}",
        "change_between": "Change {old}–{new}",
        "rounded": "Amounts are rounded; totals are computed from the exact amounts.",
        "budget_of": "Budget {year}",
        "with_unit": "{header} ({unit})",
        "note": "Note",
        "declared": "Decided total",
        "added": "new",
        "removed": "removed",
        "renamed": "renamed, was “{old}”",
        "marked": "{name} ({marks})",
        "year": "Year",
        "years": "Budget years",
        "total": "Total",
        "items": "Items",
        "status": "Status",
        "ok": "ok",
        "problems": "problems ({count})",
        "unloaded": "does not load",
        "compared": "{title}: {old}–{new}, {unit}",
        "side_by_side": "{title}: {years}, {unit}",
        "titled": "{title}, {unit}",
        "budget": "Budget",
        "kr": "SEK",
        "tkr": "thousand SEK",
        "mkr": "million SEK",
    },
}


def say(text: str | Words, locale: Locale) -> str:
    """A cell's or a heading's text in `locale`."""
    if isinstance(text, str):
        return text
    if text.label == "amount_with_unit":
        figures = dict(text.figures)
        return numbers.with_unit(figures["kronor"], figures["unit"], locale)
    labels = LABELS[locale]
    return labels[text.label].format(**{name: _figure(value, locale) for name, value in text.figures})


def _figure(value: Any, locale: Locale) -> str:
    if isinstance(value, Words | str):
        return say(value, locale)
    if isinstance(value, Unit):
        return LABELS[locale][value.value]
    if isinstance(value, tuple):
        return "; ".join(_figure(part, locale) for part in value)
    return str(value)


# Problems ---------------------------------------------------------------------------------------

Message = str | Callable[[Mapping[str, Any], Locale], str]


def problem_message(problem: Problem, locale: Locale) -> str:
    """What is wrong, in words: the reason's message with its figures filled in."""
    message = MESSAGES[problem.reason]
    if callable(message):
        return message(problem.figures, locale)
    return message.format(**problem.figures)


def _found(figures: Mapping[str, Any]) -> str:
    kind = figures["found"]
    return {"mapping": "a mapping", "list": "a list"}.get(kind) or f"the value {figures['value']!r}"


def _not_utf8(figures: Mapping[str, Any], locale: Locale) -> str:
    byte, letter = figures["byte"], figures["windows_letter"]
    message = f"file is not UTF-8 (byte 0x{byte:02X} cannot start a character)"
    if letter is not None:
        message += f"; it looks like Windows-1252 (0x{byte:02X} is {letter!r} there): save it as UTF-8"
    elif figures["cp1252"]:
        message += "; save it as UTF-8"
    if figures["nul"]:
        message += "; it holds NUL bytes: is it a binary file?"
    return message


def _control(figures: Mapping[str, Any], locale: Locale) -> str:
    point = figures["code_point"]
    what = "a NUL byte" if point == 0 else f"control character U+{point:04X}"
    return f"{what} has no place in a budget file"


def _total_mismatch(figures: Mapping[str, Any], locale: Locale) -> str:
    summed, total, gap = numbers.with_units([figures["sum"], figures["total"], figures["gap"]], figures["unit"], locale)
    how = "short" if figures["sum"] < figures["total"] else "over"
    return f"items sum to {summed} but total is {total} ({gap} {how})"


def _unknown_key(figures: Mapping[str, Any], locale: Locale) -> str:
    hint = f"did you mean {figures['meant']!r}? " if figures["meant"] else ""
    place = _PLACES[figures["place"]]
    return f"unknown key {figures['key']!r} in {place}; {hint}allowed: {', '.join(figures['allowed'])}"


def _missing_key(figures: Mapping[str, Any], locale: Locale) -> str:
    place = _PLACES[figures["place"]]
    return f"{place} has no {figures['key']!r}; it needs {', '.join(figures['required'])}"


_PLACES = {"file": "the file", "item": "this item"}


def _with_found(template: str) -> Message:
    return lambda figures, locale: template.format(**{**figures, "found": _found(figures)})


def _optional(template: str, hint: str, figure: str) -> Message:
    """A message with a hint that needs `figure`, left out where the figure is None."""
    return lambda figures, locale: (
        template.format(**figures) + (hint.format(**figures) if figures.get(figure) is not None else "")
    )


def _too_large(figures: Mapping[str, Any], locale: Locale) -> str:
    size, most = figures["size"] / 1024 / 1024, figures["most"] // 1024 // 1024
    return f"file is {size:.1f} MiB; trygg reads budget files of at most {most} MiB"


def _finer_than_ore(figures: Mapping[str, Any], locale: Locale) -> str:
    kronor: Decimal = figures["kronor"]
    return f"{figures['what']} {figures['shown']} {figures['unit'].value} is {kronor:f} kr, finer than whole öre"


MESSAGES: dict[str, Message] = {
    # reading the bytes
    "utf-16": "file is UTF-16, not UTF-8; save it as UTF-8",
    "not-utf-8": _not_utf8,
    "control-character": _control,
    "more-control-characters": "{count} more control characters: is this a text file?",
    "too-large": _too_large,
    # YAML
    "yaml-syntax": lambda figures, locale: figures["detail"] or "not valid YAML",
    "tab": "tab character where YAML needs spaces; indent with spaces",
    "too-deep": "nesting deeper than {most} levels; a budget needs three",
    "alias": "alias *{anchor} is not allowed; write the value out",
    "anchor": "anchor &{anchor} is not allowed; write each value out",
    "tag": "tag {tag} is not allowed; write a plain value",
    "merge-key": "merge key << is not allowed; write the keys out",
    "several-documents": "several documents in one file; a budget file holds one",
    # the schema
    "empty-file": "file is empty; a budget needs year, unit, total and items",
    "file-not-mapping": _with_found("a budget file is a mapping with year, unit, total and items, not {found}"),
    "key-not-text": _with_found("a key must be text, not {found}"),
    "duplicate-key": "key {key!r} is repeated; the first, on line {first_line}, is used",
    "unknown-key": _unknown_key,
    "missing-key": _missing_key,
    "not-single-value": _with_found("{what} must be a single value, not {found}"),
    "empty-value": "{what} is empty",
    "year-quoted": 'year is written as text ("{value}"); write it without quotes: {value}',
    "bad-year": "year must be a four-digit year such as 2021, not {value!r}",
    "bad-unit": _optional("unit must be kr, tkr or mkr, not {value!r}", "; did you mean {meant}?", "meant"),
    "items-not-list": _with_found("items must be a list of items (each line starting with -), not {found}"),
    "item-not-mapping": _with_found("an item must be a mapping with id, name and amount, not {found}"),
    "id-not-slug": _optional(
        "id {value!r} is not a slug: use lowercase a-z, digits and single hyphens",
        "; for example {suggestion!r}",
        "suggestion",
    ),
    # amounts
    "amount-quoted-number": '{what} is written as text ("{text}"); write it without quotes: {fixed}',
    "amount-text": '{what} must be a number, not the text "{text}"',
    "amount-empty": "{what} has no value; write a number such as 0.8",
    "amount-negative": "{what} is negative ({shown}); amounts are 0 or more",
    "amount-sign": "{what} has a sign ({shown}); write it as {fixed}",
    "amount-unicode-minus": "{what} {shown} uses a Unicode minus sign (\u2212); amounts are 0 or more, written 0.8",
    "decimal-comma": "{what} {shown} has a decimal comma; write it with a point: {fixed}",
    "spaced-thousands": "{what} {shown} has spaces between thousands; write it without them: {fixed}",
    "underscores": "{what} {shown} has underscores; write it without them: {fixed}",
    "not-finite": "{what} {shown} is not a finite number; write a number such as 0.8",
    "exponent": "{what} {shown} is written with an exponent; write it out: {fixed}",
    "sexagesimal": "{what} {shown} is not a number (YAML 1.1 reads it as base 60); write a decimal number such as 0.8",
    "not-a-number": "{what} must be a number such as 0.8, not {shown!r}",
    "amount-too-large": lambda figures, locale: (
        f"{figures['what']} {figures['shown']} {figures['unit'].value} is too large (at most {figures['most']:,} kr)"
    ),
    "finer-than-ore": _finer_than_ore,
    # the whole budget
    "total-mismatch": _total_mismatch,
    "duplicate-id": "id {id!r} is used twice; the first is on line {first_line}",
    "year-mismatch": "year is {year} but the file is named for {named}",
}
