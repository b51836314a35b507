"""The follow-up's rows: actuals by the as-of date, the forecast, the variance and the Summa row."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from tests.cases import YEAR, actuals, budget
from trygg_cli.follow import FollowOrder, follow, ordered
from trygg_cli.model import UNALLOCATED, TryggError


def test_pace_forecast_variance_and_the_sum_of_known_values() -> None:
    spent = actuals((0, date(2021, 3, 1), "30"), (1, date(2021, 3, 2), "60.01"), (UNALLOCATED, date(2021, 1, 1), "1"))
    followup = follow(budget(), spent, date(2021, 3, 31))  # 90 of 365 days
    a, b, c = followup.lines
    assert (followup.days, followup.days_in_year) == (90, 365)
    assert (a.actual, a.used_pct, a.remaining) == (Decimal(30), Decimal("30.0"), Decimal(70))
    assert a.forecast == Decimal("121.67")  # 30 x 365 / 90 = 121.666…, half up to the öre
    assert (a.variance, a.over) == (Decimal("-21.67"), False)
    assert b.forecast == Decimal("243.37")  # 60.01 x 365 / 90 = 243.3738…
    assert (c.actual, c.forecast, c.variance, c.used_pct) == (None, None, None, None)  # no match: no actual
    assert followup.unallocated is not None
    assert (followup.unallocated.actual, followup.unallocated.forecast) == (Decimal(1), Decimal("4.06"))
    total = followup.total
    assert total.budget == Decimal(300)
    assert total.actual == Decimal("91.01")  # a, b and unallocated: c has none
    assert total.remaining == a.remaining + b.remaining  # type: ignore[operator]
    assert total.forecast == Decimal("121.67") + Decimal("243.37") + Decimal("4.06")
    assert total.variance == a.variance + b.variance  # type: ignore[operator]


def test_the_officers_forecast_replaces_the_pace() -> None:
    year = YEAR.replace(
        "    amount: 100\n    match: {projekt: [", "    amount: 100\n    forecast: 80\n    match: {projekt: [", 1
    )
    followup = follow(budget(year), actuals((0, date(2021, 6, 30), "70")))
    line = followup.lines[0]
    assert (line.forecast, line.own_forecast, line.variance) == (Decimal(80), True, Decimal(20))


def test_the_as_of_date_defaults_to_the_latest_voucher_and_later_postings_are_left_out() -> None:
    spent = actuals((0, date(2021, 3, 1), "30"), (0, date(2021, 9, 1), "5"), (1, date(2021, 9, 2), "5"), outside=4)
    assert follow(budget(), spent).as_of == date(2021, 9, 2)
    followup = follow(budget(), spent, date(2021, 8, 31))
    assert (followup.lines[0].actual, followup.after_as_of, followup.outside_year) == (Decimal(30), 2, 4)


def test_over_budget_lines() -> None:
    followup = follow(budget(), actuals((1, date(2021, 3, 1), "100.01")))
    assert (followup.lines[1].over, followup.over, followup.lines[1].remaining) == (True, True, Decimal("-0.01"))


@pytest.mark.parametrize(
    ("as_of", "latest", "reason"),
    [(None, None, "no-vouchers-in-year"), (date(2022, 1, 1), None, "as-of-outside-year")],
)
def test_when_there_is_no_date_to_follow_up_to(as_of: date | None, latest: date | None, reason: str) -> None:
    with pytest.raises(TryggError) as refused:
        follow(budget(), actuals(latest=latest), as_of)
    assert refused.value.reason == reason


def test_no_unallocated_row_without_a_package_match() -> None:
    year = YEAR.replace('match: {ansvar: "1510"}\n', "")
    assert follow(budget(year), actuals((0, date(2021, 1, 1), "1"))).unallocated is None


def test_orders() -> None:
    spent = actuals((0, date(2021, 6, 1), "20"), (1, date(2021, 6, 1), "90"))
    followup = follow(budget(), spent)
    assert [line.id for line in ordered(followup, FollowOrder.USED)] == ["b", "a", "c"]
    assert [line.id for line in ordered(followup, FollowOrder.VARIANCE)] == ["b", "a", "c"]
    assert [line.id for line in ordered(followup, FollowOrder.ACTUAL)] == ["b", "a", "c"]
    assert [line.id for line in ordered(followup, FollowOrder.FILE)] == ["a", "b", "c"]


def test_the_pace_rounds_half_up_to_the_ore() -> None:
    # 146 of 365 days: the pace is 2.5 times the actual, so 0.01 kr makes 0.025, rounded half up.
    followup = follow(budget(), actuals((0, date(2021, 1, 1), "0.01")), date(2021, 5, 26))
    assert (followup.days, followup.lines[0].forecast) == (146, Decimal("0.03"))
