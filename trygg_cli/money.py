"""Exact amounts: reading them from a file's text, units, and the plain form JSON and scripts want.

Amounts are `Decimal` all the way; nothing here ever touches a float. How people write numbers
in each language (1 234,5 or 1,234.5) is the render edge's business (`render.numbers`).
"""

from __future__ import annotations

import math
import re
from collections import deque
from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal, Inexact, InvalidOperation, localcontext
from itertools import repeat
from operator import itemgetter, methodcaller
from typing import Any

from trygg_cli.model import Unit

# A budget line of a quadrillion kronor is a typo; the cap also keeps every sum exact within
# Decimal's default 28 significant digits.
MAX_KRONOR = Decimal(10) ** 15
ORE = Decimal("0.01")

PLAIN_NUMBER = re.compile(r"[0-9]+(?:\.[0-9]+)?")
_SIGNED_NUMBER = re.compile(r"[-+][0-9]+(?:\.[0-9]+)?")
_COMMA_DECIMAL = re.compile(r"[-+]?[0-9]+,[0-9]+")
_SPACED_THOUSANDS = re.compile(r"[0-9]{1,3}(?:[ \u00a0\u202f][0-9]{3})+(?:[.,][0-9]+)?")
_NON_FINITE = re.compile(r"[-+]?\.?(?:inf|nan)", re.IGNORECASE)
_EXPONENT = re.compile(r"[-+]?[0-9]*\.?[0-9]+[eE][-+]?[0-9]+")
_SEXAGESIMAL = re.compile(r"[0-9]+(?::[0-5]?[0-9])+(?:\.[0-9]*)?")


Why = tuple[str, dict[str, Any]]  # a problem's reason and figures, still without words


def read_amount(text: str, quoted: bool) -> tuple[Decimal | None, Why | None]:
    """Read an amount as written in a file, in the file's unit.

    Returns the exact value and no reason, or a value and a reason (negative amounts are still
    numbers), or no value and the reason it is not one, with the figures that say how to write it.
    """
    shown = text.strip()
    if quoted:
        if PLAIN_NUMBER.fullmatch(shown):
            return None, ("amount-quoted-number", {"text": text, "fixed": shown})
        return None, ("amount-text", {"text": text})
    if shown == "":
        return None, ("amount-empty", {})
    if PLAIN_NUMBER.fullmatch(shown):
        return Decimal(shown), None
    if _SIGNED_NUMBER.fullmatch(shown):
        value = Decimal(shown)
        if value < 0:
            return value, ("amount-negative", {"shown": shown})
        return value, ("amount-sign", {"shown": shown, "fixed": shown[1:]})
    return None, _why_not_a_number(shown)


def _why_not_a_number(shown: str) -> Why:
    if "\u2212" in shown:
        return "amount-unicode-minus", {"shown": shown}
    if _COMMA_DECIMAL.fullmatch(shown):
        return "decimal-comma", {"shown": shown, "fixed": shown.replace(",", ".")}
    if _SPACED_THOUSANDS.fullmatch(shown):
        return "spaced-thousands", {"shown": shown, "fixed": re.sub(r"[ \u00a0\u202f]", "", shown).replace(",", ".")}
    if "_" in shown and PLAIN_NUMBER.fullmatch(shown.replace("_", "")):
        return "underscores", {"shown": shown, "fixed": shown.replace("_", "")}
    if _NON_FINITE.fullmatch(shown):
        return "not-finite", {"shown": shown}
    if _EXPONENT.fullmatch(shown):
        return "exponent", {"shown": shown, "fixed": format(Decimal(shown), "f")}
    if _SEXAGESIMAL.fullmatch(shown):
        return "sexagesimal", {"shown": shown}
    return "not-a-number", {"shown": shown}


def kronor_problem(kronor: Decimal, written: str, unit: Unit) -> Why | None:
    """Why an amount (already in kronor) cannot be a budget amount, if it cannot."""
    if abs(kronor) >= MAX_KRONOR:
        return "amount-too-large", {"shown": written, "unit": unit, "most": MAX_KRONOR}
    if kronor != kronor.quantize(ORE):
        return "finer-than-ore", {"shown": written, "unit": unit, "kronor": kronor.normalize()}
    return None


def in_unit(kronor: Decimal, unit: Unit) -> Decimal:
    """An amount in kronor expressed in `unit`, exactly (units are powers of ten)."""
    return kronor if unit is Unit.KR else kronor.scaleb(-_POWERS[unit])


def in_units(kronor: list[Decimal], unit: Unit) -> list[Decimal]:
    """A column of amounts in kronor expressed in `unit`, as `in_unit` does each (in kr, the
    very list given)."""
    if unit is Unit.KR:
        return kronor
    return list(map(Decimal.scaleb, kronor, repeat(Decimal(-_POWERS[unit]))))


_RATIO, _DENOMINATOR = methodcaller("as_integer_ratio"), itemgetter(1)
_ONE = Decimal(1)
_POWERS = {unit: unit.kronor.adjusted() for unit in Unit}


def least_decimals(unit: Unit) -> int:
    """The fewest decimals a unit is shown with: the paper writes mkr as 2,0 and 0,8."""
    return 1 if unit is Unit.MKR else 0


def decimals_for(values: Sequence[Decimal], unit: Unit) -> int:
    """Decimals that show every value (in `unit`) exactly, so a column lines up."""
    # A value shows exactly with the places found so far where rounding it to them is exact:
    # asked of a stretch of values at a time in C (a column may hold a hundred thousand
    # postings). A stretch that needs more has its places worked out exactly (`_places`).
    places = least_decimals(unit)
    with localcontext() as context:
        context.traps[Inexact] = True
        for start in range(0, len(values), STRETCH):
            stretch = values[start : start + STRETCH]
            try:
                deque(map(Decimal.quantize, stretch, repeat(_ONE.scaleb(-places))), maxlen=0)
            except (Inexact, InvalidOperation):  # (more places, or more digits than a Decimal holds)
                places = max(places, _places(stretch))
    return places


STRETCH = 4096  # values asked about at a time


def _places(values: Sequence[Decimal]) -> int:
    """The places the values need: each value is a fraction whose denominator divides a power
    of ten, and the least common multiple of the denominators gives the places all need at once."""
    denominator = math.lcm(*map(_DENOMINATOR, map(_RATIO, values))) if values else 1
    places = 0
    while 10**places % denominator:
        places += 1
    return places


def exact_strings(values: Sequence[Decimal], least: int = 0) -> list[str]:
    """Each value exactly, with a decimal point and at least `least` decimals: 0.8, 2.0, 800000."""
    texts = [format(value.normalize() if value else _ZERO, "f") for value in values]  # never -0
    if least:
        texts = [_with_places(text, least) for text in texts]
    return texts


def _with_places(text: str, least: int) -> str:
    fraction = len(text) - text.index(".") - 1 if "." in text else -1
    if fraction >= least:
        return text
    return text + ("." if fraction < 0 else "") + "0" * (least - max(fraction, 0))


_ZERO = Decimal(0)


def percent_change(old: Decimal, new: Decimal) -> Decimal | None:
    """The change from `old` to `new` in percent, to one decimal; none where `old` is zero.

    The change is taken against the size of `old` (its absolute value), so its sign is always
    the sign of the change itself: from -1,0 to -0,5 is +0,5 and +50,0 %, never +0,5 beside
    -50,0 %. A negative amount is a problem of its own, but a table that shows one must not
    contradict itself."""
    return percent_changes([old], [new])[0]


def percent_changes(olds: Sequence[Decimal], news: Sequence[Decimal]) -> list[Decimal | None]:
    """A column of changes in percent, as `percent_change` works out each: in bulk."""
    changes = [
        ((new - old) * 100 / abs(old)).quantize(_TENTH, rounding=ROUND_HALF_UP) if old else None
        for old, new in zip(olds, news, strict=True)
    ]
    return [change if change is None or change else _NO_CHANGE for change in changes]  # not -0.0 %


_TENTH = Decimal("0.1")
_NO_CHANGE = Decimal("0.0")


def shares(amounts: Sequence[Decimal], whole: Decimal) -> list[Decimal | None]:
    """Each amount's share of `whole` in percent, rounded half up to one decimal; none of nothing."""
    if not whole:
        return [None] * len(amounts)
    return [(amount * 100 / whole).quantize(_TENTH, rounding=ROUND_HALF_UP) for amount in amounts]


def rounded(value: Decimal, decimals: int) -> Decimal:
    """`value` rounded half up to `decimals` places, as it is shown."""
    return value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
