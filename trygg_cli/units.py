"""A year file's amounts written in another unit, exactly, and nothing else changed.

The file's own text is rewritten where an amount stands (`total:`, each `amount:`, `forecast:` and
its dated forecasts, each budget change's `total:` and moves) and in `unit:`; every comment, note,
blank line, key and quote elsewhere stays as it was. The result is read back and must be the same
budget in kronor, or nothing is written: a layout the rewrite does not know is refused, never
half converted.
"""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal

from trygg_cli import money, reader
from trygg_cli.load import load_bytes
from trygg_cli.model import Budget, TryggError, Unit

_NUMBER = r"[+-]?[0-9]+(?:\.[0-9]+)?"
_KEYED = re.compile(rf"(\b(?:amount|total|forecast):[ \t]*)({_NUMBER})(?=[ \t]*(?:[,}}#]|$))")
_UNIT = re.compile(r"^(unit:[ \t]*)(kr|tkr|mkr)\b")
_UNDER = re.compile(rf"^([ \t]+(?:[0-9]{{4}}-[0-9]{{2}}-[0-9]{{2}}|[a-z0-9-]+):[ \t]*)({_NUMBER})(?=[ \t]*(?:#|$))")
_FLOW = re.compile(rf"((?:[0-9]{{4}}-[0-9]{{2}}-[0-9]{{2}}|[a-z0-9-]+):[ \t]*)({_NUMBER})(?=[ \t]*[,}}])")
_OPENS = re.compile(r"^([ \t]*)(?:- )?(moves|forecast):[ \t]*(#.*)?$")  # a block of amounts under it
_FLOW_KEYS = re.compile(r"\b(?:moves|forecast):[ \t]*\{")


def in_unit(text: str, budget: Budget, unit: Unit) -> str:
    """`text` (the file `budget` was read from) with every amount written in `unit`. Raises
    `TryggError` where the rewritten text would not be the same budget in kronor."""
    ratio = budget.unit.kronor / unit.kronor

    def written(found: re.Match[str]) -> str:
        number = found.group(2)
        value = money.exact_strings([Decimal(number) * ratio], money.least_decimals(unit))[0]
        sign = "+" if number.startswith("+") else ""
        return found.group(1) + sign + value

    lines = text.splitlines(keepends=True)
    under: int | None = None  # inside a block of moves or dated forecasts: its key's indentation
    for number, line in enumerate(lines):
        body = line.rstrip("\r\n")
        ending = line[len(body) :]
        indent = len(body) - len(body.lstrip(" \t"))
        if under is not None and body.strip() and indent <= under:
            under = None
        opens = _OPENS.match(body)
        if under is not None and not opens:
            body = _UNDER.sub(written, body)
        else:
            body = _UNIT.sub(lambda found: found.group(1) + unit.value, body)
            body = _KEYED.sub(written, body)
            if _FLOW_KEYS.search(body):
                start = _FLOW_KEYS.search(body)
                assert start is not None
                body = body[: start.end()] + _FLOW.sub(written, body[start.end() :])
        if opens:
            under = len(opens.group(1))
        lines[number] = body + ending
    new = "".join(lines)
    again, problems = load_bytes(new.encode("utf-8"), "<rewritten>")
    if again is None or problems or again != replace(budget, unit=unit):
        raise TryggError("unit-unsure", unit=unit.value)
    return new


def rewritten(data: bytes, budget: Budget, unit: Unit, path: str) -> bytes:
    """A year file's bytes with its amounts in `unit` (the file must have loaded as `budget`)."""
    text, problems = reader.decode(data, path)
    if text is None or problems:
        raise TryggError("unit-unsure", unit=unit.value)
    mark = b"\xef\xbb\xbf" if data.startswith(b"\xef\xbb\xbf") else b""  # a BOM stays
    return mark + in_unit(text.removeprefix("\ufeff"), budget, unit).encode("utf-8")
