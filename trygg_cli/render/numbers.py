"""Numbers as people write them: 1 234,5 in Swedish (decimal comma, a space between thousands),
1,234.5 in English. Rounded half up to the places asked for, the way a council paper rounds."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal, localcontext
from itertools import repeat

from trygg_cli import money
from trygg_cli.model import Unit
from trygg_cli.render.locale import Locale


def number(
    value: Decimal, decimals: int, locale: Locale = Locale.SV, *, signed: bool = False, grouped: bool = True
) -> str:
    """`value` as a reader of `locale` writes it: 1 500 000,0 in Swedish, 1,500,000.0 in English."""
    return numbers([value], decimals, locale, signed=signed, grouped=grouped)[0]


def numbers(
    values: Sequence[Decimal], decimals: int, locale: Locale = Locale.SV, *, signed: bool = False, grouped: bool = True
) -> list[str]:
    """A column of amounts, each written as `number` writes it. `format` rounds half up here and
    pads the places."""
    spec = f"{',' if grouped else ''}.{decimals}f"
    with localcontext() as context:
        context.rounding = ROUND_HALF_UP
        texts = list(map(format, values, repeat(spec)))
        zero = format(_ZERO, spec)
    # Rounding can leave a zero with a sign, which nobody writes; and a `+` goes on the rest.
    if signed:
        texts = [text if text[0] == "-" else "+" + text if text != zero else text for text in texts]
    if "-" + zero in texts:
        texts = [zero if text == "-" + zero else text for text in texts]
    if locale is Locale.SV and texts:  # (in one string: two replaces in C, not two per number)
        texts = "\n".join(texts).replace(",", " ").replace(".", ",").split("\n")
    return texts


_ZERO = Decimal(0)


def percent(value: Decimal, locale: Locale = Locale.SV) -> str:
    """A change in percent to one decimal, signed: +166,7 % in Swedish, +166.7% in English."""
    return percents([value], locale)[0]


def percents(values: Sequence[Decimal], locale: Locale = Locale.SV) -> list[str]:
    """A column of changes in percent, as `percent` writes each."""
    suffix = " %" if locale is Locale.SV else "%"
    return [text + suffix for text in numbers(values, 1, locale, signed=True)]


def shares(values: Sequence[Decimal], locale: Locale = Locale.SV) -> list[str]:
    """A column of shares in percent to one decimal, unsigned: 12,5 % in Swedish, 12.5% in English."""
    suffix = " %" if locale is Locale.SV else "%"
    return [text + suffix for text in numbers(values, 1, locale)]


def with_unit(kronor: Decimal, unit: Unit, locale: Locale = Locale.SV) -> str:
    """An amount in kronor written in `unit`, exactly, with the unit: 5,0 mkr."""
    return with_units([kronor], unit, locale)[0]


def with_units(kronor: Sequence[Decimal], unit: Unit, locale: Locale = Locale.SV) -> list[str]:
    """Amounts in kronor written in `unit`, exactly, all with the same places: 5,05 mkr, 5,00 mkr."""
    values = [money.in_unit(amount, unit) for amount in kronor]
    # Written exactly (as many places as the values have), so nothing is rounded.
    return [f"{text} {unit.value}" for text in numbers(values, money.decimals_for(values, unit), locale)]
