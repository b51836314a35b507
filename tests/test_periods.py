"""How an amount falls over its year: months in whole öre that add up, and the budget to a date."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from tests.cases import budget
from trygg_cli.periods import monthly, package_months, period, to_date

YEAR = 2021


def months(*weights: str | int) -> tuple[Decimal, ...]:
    return tuple(Decimal(str(weight)) for weight in weights)


def amounts(*texts: str) -> tuple[Decimal, ...]:
    return tuple(Decimal(text) for text in texts)


def test_without_periodisation_every_day_weighs_the_same() -> None:
    falls = period(YEAR)
    assert falls is not None
    # 100 kr: 31-day months 8.493…, 30-day 8.219…, February 7.671…; each rounded down, and the six
    # öre left go to the largest remainders: the four 30-day months, then January and March.
    assert monthly(Decimal(100), falls) == amounts(
        "8.50", "7.67", "8.50", "8.22", "8.49", "8.22", "8.49", "8.49", "8.22", "8.49", "8.22", "8.49"
    )
    assert to_date(monthly(Decimal(100), falls), falls, date(YEAR, 3, 31)) == Decimal("24.67")
    # May's 8.49 x 26/31 = 7.1206… to the 26th
    assert to_date(monthly(Decimal(100), falls), falls, date(YEAR, 5, 26)) == Decimal("40.01")


def test_months_give_each_month_its_share_and_ties_go_to_the_earlier_month() -> None:
    falls = period(YEAR, months(1, 1, 1, 1, 1, 1, "0.5", 1, 1, 1, 1, 1))
    assert falls is not None
    # 100 / 11.5 = 8.695… a month, July half of it: 4.347…; 93 öre down, 7 left: July (.78) first,
    # then six of the eleven equal remainders (.56), January to June.
    assert monthly(Decimal(100), falls) == amounts(
        "8.70", "8.70", "8.70", "8.70", "8.70", "8.70", "4.35", "8.69", "8.69", "8.69", "8.69", "8.69"
    )
    equal = period(YEAR, months(*[1] * 12))
    assert equal is not None
    assert monthly(Decimal("0.05"), equal) == amounts(*["0.01"] * 5, *["0.00"] * 7)


def test_a_start_date_puts_the_amount_on_the_days_from_it() -> None:
    falls = period(YEAR, None, date(YEAR, 9, 1))
    assert falls is not None
    shares = monthly(Decimal(400_000), falls)
    assert shares[:8] == amounts(*["0"] * 8)
    assert sum(shares) == 400_000
    assert to_date(shares, falls, date(YEAR, 8, 31)) == 0  # the coordinator who starts in September
    assert to_date(shares, falls, date(YEAR, 12, 31)) == 400_000


def test_months_and_a_start_together() -> None:
    falls = period(YEAR, months(1, 1, 1, 1, 1, 1, "0.5", 1, 1, 1, 1, 1), date(YEAR, 9, 15))
    assert falls is not None
    # September weighs 16/30 of a month, October to December one each: 15.094…, 28.301… x 3.
    shares = monthly(Decimal(100), falls)
    assert shares == amounts(*["0"] * 8, "15.10", "28.30", "28.30", "28.30")
    assert to_date(shares, falls, date(YEAR, 9, 10)) == 0  # before the start: nothing
    assert to_date(shares, falls, date(YEAR, 9, 15)) == Decimal("0.94")  # 15.10 x 1/16


def test_the_budget_to_a_date_rounds_half_up_to_the_ore() -> None:
    falls = period(YEAR, None, date(YEAR, 12, 30))
    assert falls is not None
    shares = monthly(Decimal("0.01"), falls)
    assert to_date(shares, falls, date(YEAR, 12, 30)) == Decimal("0.01")  # 0.005, half up


def test_no_weight_at_all_is_no_period() -> None:
    assert period(YEAR, months(*[0] * 12)) is None
    assert period(YEAR, months(*[1] * 6, *[0] * 6), date(YEAR, 7, 1)) is None


def test_the_package_months_are_the_sum_of_its_items() -> None:
    year = budget()
    falls = period(YEAR)
    assert falls is not None
    per_item = [monthly(item.amount, falls) for item in year.items]
    assert package_months(year) == tuple(sum(column) for column in zip(*per_item, strict=True))
    assert sum(package_months(year)) == year.total


@given(
    ore=st.integers(0, 10**12),
    weights=st.lists(st.integers(0, 5), min_size=12, max_size=12).filter(any),
    first=st.integers(0, 364),
    length=st.integers(0, 364),
)
def test_months_add_up_exactly_and_the_budget_to_date_grows_to_the_amount(
    ore: int, weights: list[int], first: int, length: int
) -> None:
    start = date(YEAR, 1, 1) + timedelta(days=first)
    end = min(start + timedelta(days=length), date(YEAR, 12, 31))
    falls = period(YEAR, months(*weights), start, end)
    amount = Decimal(ore) / 100
    if falls is None:
        return
    shares = monthly(amount, falls)
    assert sum(shares) == amount
    assert all(share >= 0 and share == share.quantize(Decimal("0.01")) for share in shares)
    seen = [to_date(shares, falls, start + timedelta(days=step)) for step in range(0, (end - start).days + 1, 7)]
    assert seen == sorted(seen)
    assert to_date(shares, falls, date(YEAR, 12, 31)) == amount
    if start > date(YEAR, 1, 1):  # before the period, nothing
        assert to_date(shares, falls, start - timedelta(days=1)) == 0
