"""Numbers as people write them, in Swedish and in English, rounded half up."""

from decimal import ROUND_HALF_UP, Decimal

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from trygg_cli.model import Unit
from trygg_cli.render import numbers
from trygg_cli.render.locale import Locale


@pytest.mark.parametrize(
    ("value", "decimals", "signed", "expected"),
    [
        (Decimal("1234567.5"), 1, False, "1 234 567,5"),
        (Decimal("0.8"), 1, False, "0,8"),
        (Decimal("2"), 1, False, "2,0"),
        (Decimal("0.5"), 1, True, "+0,5"),
        (Decimal("-1.2"), 1, True, "-1,2"),
        (Decimal("-0.0"), 1, True, "0,0"),
        (Decimal("0.25"), 2, False, "0,25"),
    ],
)
def test_swedish_number_format(value: Decimal, decimals: int, signed: bool, expected: str) -> None:
    assert numbers.number(value, decimals, Locale.SV, signed=signed) == expected


def test_english_number_format_and_percent() -> None:
    assert numbers.number(Decimal("1234567.5"), 1, Locale.EN) == "1,234,567.5"
    assert numbers.number(Decimal("1234567.5"), 1, Locale.EN, grouped=False) == "1234567.5"
    assert numbers.percent(Decimal("-60.0"), Locale.EN) == "-60.0%"
    assert numbers.percent(Decimal("166.7"), Locale.SV) == "+166,7 %"


def test_display_rounding_is_half_up() -> None:
    assert numbers.number(Decimal("0.25"), 1) == "0,3"
    assert numbers.number(Decimal("0.35"), 1) == "0,4"
    assert numbers.number(Decimal("-0.04"), 1) == "0,0"


def test_amounts_with_their_unit_share_their_places() -> None:
    kronor = [Decimal(5_050_000), Decimal(5_000_000)]
    assert numbers.with_units(kronor, Unit.MKR, Locale.SV) == ["5,05 mkr", "5,00 mkr"]
    assert numbers.with_unit(Decimal(400_000), Unit.TKR, Locale.EN) == "400 tkr"


def one_by_one(value: Decimal, decimals: int, locale: Locale, signed: bool) -> str:
    """A number as a reader writes it, worked out alone, the long way (the check on `numbers`,
    which writes a whole column at once)."""
    rounded = value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    whole, _, fraction = f"{abs(rounded):f}".partition(".")
    groups = [whole[max(0, end - 3) : end] for end in range(len(whole), 0, -3)][::-1]
    text = (" " if locale is Locale.SV else ",").join(groups)
    if decimals:
        text += ("," if locale is Locale.SV else ".") + fraction.ljust(decimals, "0")
    if rounded < 0:
        return "-" + text
    return "+" + text if signed and rounded > 0 else text


AMOUNTS = st.decimals(min_value=-(10**9), max_value=10**9, places=4, allow_nan=False, allow_infinity=False)


@given(
    values=st.lists(AMOUNTS, max_size=12),
    decimals=st.integers(0, 3),
    locale=st.sampled_from(Locale),
    signed=st.booleans(),
)
@example([Decimal("-0.04"), Decimal("-1.2"), Decimal("0.5"), Decimal(0), Decimal("-0")], 1, Locale.SV, True)
@example([Decimal("-0.04"), Decimal("1234567.25")], 1, Locale.EN, False)
def test_a_column_is_each_number_as_written_alone(
    values: list[Decimal], decimals: int, locale: Locale, signed: bool
) -> None:
    """A column is written at once (the zeros with a sign, the `+`, the Swedish separators over
    the whole column): each number as it reads alone, a zero never signed."""
    written = numbers.numbers(values, decimals, locale, signed=signed)
    assert written == [one_by_one(value, decimals, locale, signed) for value in values]
