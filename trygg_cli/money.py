"""Exact amounts: reading them from a file's text, and writing them the way a reader expects.

Amounts are `Decimal` all the way; nothing here ever touches a float. This is the one place
that knows how a number is written in Swedish (1 234,5: decimal comma, a space between
thousands), in English (1,234.5), and in the plain form JSON and scripts want (1234.5).
Rounding for display is half up, the way a council paper rounds.
"""

from __future__ import annotations

import enum
import math
import re
from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal, localcontext

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


def read_amount(text: str, quoted: bool) -> tuple[Decimal | None, str | None]:
    """Read an amount as written in a file, in the file's unit.

    Returns the exact value and no message, or a value and a message (negative amounts are
    still numbers), or no value and a message saying how to write it instead.
    """
    shown = text.strip()
    if quoted:
        if PLAIN_NUMBER.fullmatch(shown):
            return None, f'amount is written as text ("{text}"); write it without quotes: {shown}'
        return None, f'amount must be a number, not the text "{text}"'
    if shown == "":
        return None, "amount has no value; write a number such as 0.8"
    if PLAIN_NUMBER.fullmatch(shown):
        return Decimal(shown), None
    if _SIGNED_NUMBER.fullmatch(shown):
        value = Decimal(shown)
        if value < 0:
            return value, f"amount is negative ({shown}); amounts are 0 or more"
        return value, f"amount has a sign ({shown}); write it as {shown[1:]}"
    return None, _why_not_a_number(shown)


def _why_not_a_number(shown: str) -> str:
    if "\u2212" in shown:
        return f"amount {shown} uses a Unicode minus sign (\u2212); amounts are 0 or more, written 0.8"
    if _COMMA_DECIMAL.fullmatch(shown):
        return f"amount {shown} has a decimal comma; write it with a point: {shown.replace(',', '.')}"
    if _SPACED_THOUSANDS.fullmatch(shown):
        fixed = re.sub(r"[ \u00a0\u202f]", "", shown).replace(",", ".")
        return f"amount {shown} has spaces between thousands; write it without them: {fixed}"
    if "_" in shown and PLAIN_NUMBER.fullmatch(shown.replace("_", "")):
        return f"amount {shown} has underscores; write it without them: {shown.replace('_', '')}"
    if _NON_FINITE.fullmatch(shown):
        return f"amount {shown} is not a finite number; write a number such as 0.8"
    if _EXPONENT.fullmatch(shown):
        exact = format(Decimal(shown), "f")
        return f"amount {shown} is written with an exponent; write it out: {exact}"
    if _SEXAGESIMAL.fullmatch(shown):
        return f"amount {shown} is not a number (YAML 1.1 reads it as base 60); write a decimal number such as 0.8"
    return f"amount must be a number such as 0.8, not {shown!r}"


def kronor_problem(kronor: Decimal, written: str, unit: Unit) -> str | None:
    """Why an amount (already in kronor) cannot be a budget amount, if it cannot."""
    if abs(kronor) >= MAX_KRONOR:
        return f"amount {written} {unit.value} is too large (at most {MAX_KRONOR:,} kr)"
    if kronor != kronor.quantize(ORE):
        return f"amount {written} {unit.value} is {format(kronor.normalize(), 'f')} kr, finer than whole öre"
    return None


def in_unit(kronor: Decimal, unit: Unit) -> Decimal:
    """An amount in kronor expressed in `unit`, exactly (units are powers of ten)."""
    return kronor if unit is Unit.KR else kronor.scaleb(-_POWERS[unit])


def in_units(kronor: list[Decimal], unit: Unit) -> list[Decimal]:
    """A column of amounts in kronor expressed in `unit`, as `in_unit` does each (in kr, the
    very list given)."""
    if unit is Unit.KR:
        return kronor
    power = -_POWERS[unit]
    return [amount.scaleb(power) for amount in kronor]


_POWERS = {unit: unit.kronor.adjusted() for unit in Unit}


def least_decimals(unit: Unit) -> int:
    """The fewest decimals a unit is shown with: the paper writes mkr as 2,0 and 0,8."""
    return 1 if unit is Unit.MKR else 0


def decimals_for(values: list[Decimal], unit: Unit) -> int:
    """Decimals that show every value (in `unit`) exactly, so a column lines up."""
    # Each value is a fraction whose denominator divides a power of ten; the least common
    # multiple of the denominators gives the places all of them need at once, cheaply.
    denominator = math.lcm(*(value.as_integer_ratio()[1] for value in values)) if values else 1
    places = 0
    while 10**places % denominator:
        places += 1
    return max(least_decimals(unit), places)


class Locale(enum.Enum):
    """Whose way of writing numbers (and, in `render`, labels)."""

    SV = "sv"
    EN = "en"


def exact_plains(values: Sequence[Decimal], least: int = 0) -> list[str]:
    """Each value exactly, with a decimal point and at least `least` decimals: 0.8, 2.0, 800000.
    A column at once: a big year has 100,000s of them."""
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


def number(
    value: Decimal, decimals: int, locale: Locale = Locale.SV, *, signed: bool = False, grouped: bool = True
) -> str:
    """`value` as a reader of `locale` writes it: 1 500 000,0 in Swedish, 1,500,000.0 in English.
    Rounded half up to `decimals` places, the way a council paper rounds."""
    return numbers([value], decimals, locale, signed=signed, grouped=grouped)[0]


def numbers(
    values: Sequence[Decimal], decimals: int, locale: Locale = Locale.SV, *, signed: bool = False, grouped: bool = True
) -> list[str]:
    """A column of amounts written as `number` writes each: in bulk, because a big year has
    100,000s of cells. `format` rounds half up here, as a council paper does, and pads the places."""
    spec = f"{',' if grouped else ''}.{decimals}f"
    with localcontext() as context:
        context.rounding = ROUND_HALF_UP
        texts = [format(value, spec) for value in values]
    # Rounding can leave a zero with a sign, which nobody writes; and a `+` goes on the rest.
    if signed:
        texts = [
            ("+" + text if text.strip("0.,") else text) if text[0] != "-" else text if text.strip("-0.,") else text[1:]
            for text in texts
        ]
    else:
        texts = [text[1:] if text[0] == "-" and not text.strip("-0.,") else text for text in texts]
    if locale is Locale.SV:
        texts = [text.replace(",", " ").replace(".", ",") for text in texts]
    return texts


def percent(value: Decimal, locale: Locale = Locale.SV) -> str:
    """A change in percent to one decimal, signed: +166,7 % in Swedish, +166.7% in English."""
    return percents([value], locale)[0]


def percents(values: Sequence[Decimal], locale: Locale = Locale.SV) -> list[str]:
    """A column of changes in percent, as `percent` writes each."""
    suffix = " %" if locale is Locale.SV else "%"
    return [text + suffix for text in numbers(values, 1, locale, signed=True)]


def with_unit(kronor: Decimal, unit: Unit, locale: Locale = Locale.SV) -> str:
    """An amount in kronor written in `unit`, exactly, with the unit: 5,0 mkr."""
    return with_units([kronor], unit, locale)[0]


def with_units(kronor: Sequence[Decimal], unit: Unit, locale: Locale = Locale.SV) -> list[str]:
    """Amounts in kronor written in `unit`, exactly, all with the same places: 5,05 mkr, 5,00 mkr."""
    values = [in_unit(amount, unit) for amount in kronor]
    return [f"{text} {unit.value}" for text in numbers(values, decimals_for(values, unit), locale)]


def percent_change(old: Decimal, new: Decimal) -> Decimal | None:
    """The change from `old` to `new` in percent, to one decimal; none where `old` is zero."""
    return percent_changes([old], [new])[0]


def percent_changes(olds: Sequence[Decimal], news: Sequence[Decimal]) -> list[Decimal | None]:
    """A column of changes in percent, as `percent_change` works out each: in bulk."""
    changes = [
        ((new - old) * 100 / old).quantize(_TENTH, rounding=ROUND_HALF_UP) if old else None
        for old, new in zip(olds, news, strict=True)
    ]
    return [change if change is None or change else _NO_CHANGE for change in changes]  # not -0.0 %


_TENTH = Decimal("0.1")
_NO_CHANGE = Decimal("0.0")
