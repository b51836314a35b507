"""Exact amounts: reading what a file says, units, exact strings, changes in percent."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.conftest import said
from trygg_cli import money
from trygg_cli.model import Problem, Source, Unit


@pytest.mark.parametrize("text", ["0.8", "5.0", "0.80", "1500000", "0"])
def test_plain_numbers_are_read_exactly(text: str) -> None:
    assert money.read_amount(text, quoted=False) == (Decimal(text), None)


def test_exact_decimal_sum_has_no_float_error() -> None:
    values = [money.read_amount(text, quoted=False)[0] for text in ["0.1", "0.2", "0.7", "0.1", "0.1", "0.1"]]
    assert sum(v for v in values if v is not None) == Decimal("1.3")


@pytest.mark.parametrize(
    ("text", "hint"),
    [
        ("0,8", "write it with a point: 0.8"),
        ("1 000", "write it without them: 1000"),
        ("1e3", "write it out: 1000"),
        ("1_000", "without them: 1000"),
        ("\u22120.5", "Unicode minus"),
        (".inf", "not a finite number"),
        (".nan", "not a finite number"),
        ("1:30", "base 60"),
        ("abc", "must be a number"),
        ("", "has no value"),
    ],
)
def test_unreadable_amounts_say_how_to_write_them(text: str, hint: str) -> None:
    value, why = money.read_amount(text, quoted=False)
    assert value is None
    assert hint in message(why)


def message(why: money.Why | None) -> str:
    """A reason from `money` in words, as loading an item's amount puts it."""
    assert why is not None
    reason, figures = why
    return said(Problem("amount", reason, Source("x.yaml", 1), {"what": "amount", **figures}))


def test_quoted_number_is_text_with_a_hint() -> None:
    value, why = money.read_amount("0.8", quoted=True)
    assert value is None
    assert message(why) == 'amount is written as text ("0.8"); write it without quotes: 0.8'


def test_negative_amount_keeps_its_value_and_a_message() -> None:
    value, why = money.read_amount("-0.5", quoted=False)
    assert value == Decimal("-0.5")
    assert "negative" in message(why)


def test_sub_ore_amount_is_named() -> None:
    kronor = Decimal("0.000000001") * Unit.MKR.kronor
    why = money.kronor_problem(kronor, "0.000000001", Unit.MKR)
    assert message(why) == "amount 0.000000001 mkr is 0.001 kr, finer than whole öre"
    assert money.kronor_problem(Decimal("0.01"), "0.01", Unit.KR) is None


def test_units_convert_exactly() -> None:
    assert money.in_unit(Decimal("800000"), Unit.MKR) == Decimal("0.8")
    assert money.in_unit(Decimal("400000"), Unit.TKR) == Decimal("400")
    assert money.in_units([Decimal("800000"), Decimal("1")], Unit.MKR) == [Decimal("0.8"), Decimal("0.000001")]
    assert money.in_units([Decimal("400000")], Unit.KR) == [Decimal("400000")]


def test_columns_get_enough_decimals_for_every_value() -> None:
    assert money.decimals_for([Decimal("0.8"), Decimal("2")], Unit.MKR) == 1
    assert money.decimals_for([Decimal("0.8"), Decimal("0.25")], Unit.MKR) == 2
    assert money.decimals_for([Decimal("400")], Unit.TKR) == 0


PLACES = st.integers(-5, 40)


@given(
    values=st.lists(
        st.decimals(allow_nan=False, allow_infinity=False)
        | st.builds(lambda whole, places: Decimal(whole).scaleb(-places), st.integers(-(10**40), 10**40), PLACES),
        max_size=40,
    ),
    stretch=st.integers(1, 5),
    unit=st.sampled_from(list(Unit)),
)
def test_a_column_gets_the_places_its_hardest_value_needs(values: list[Decimal], stretch: int, unit: Unit) -> None:
    """Asked a stretch at a time (a column of a hundred thousand postings): the places are the
    most any value needs, wherever it is (a value needing more after a stretch that did not, one
    with more digits than a Decimal holds, trailing zeros that need no place)."""

    def needed(value: Decimal) -> int:  # (its digits as written, less the zeros that end them)
        _, digits, exponent = value.as_tuple()
        written = "".join(map(str, digits))
        return max(0, -(int(exponent) + len(written) - len(written.rstrip("0")))) if written.strip("0") else 0

    with pytest.MonkeyPatch.context() as patched:
        patched.setattr(money, "STRETCH", stretch)
        asked = money.decimals_for(values, unit)
    assert asked == max([money.least_decimals(unit), *map(needed, values)])


def test_percent_change_rounds_half_up_and_skips_zero() -> None:
    assert money.percent_change(Decimal("2.0"), Decimal("0.8")) == Decimal("-60.0")
    assert money.percent_change(Decimal("0.3"), Decimal("0.8")) == Decimal("166.7")
    assert money.percent_change(Decimal("200"), Decimal("200.1")) == Decimal("0.1")  # 0.05 rounds up
    assert money.percent_change(Decimal("0"), Decimal("0.4")) is None
    assert str(money.percent_change(Decimal("1000"), Decimal("999.99"))) == "0.0"  # not -0.0


def test_percent_changes_work_out_a_column_at_once() -> None:
    olds = [Decimal("2.0"), Decimal("0"), Decimal("1000"), Decimal("200"), Decimal("-5")]
    news = [Decimal("0.8"), Decimal("0.4"), Decimal("999.99"), Decimal("200.1"), Decimal("5")]
    column = money.percent_changes(olds, news)
    assert [str(change) for change in column] == ["-60.0", "None", "0.0", "0.1", "200.0"]  # against |-5|
