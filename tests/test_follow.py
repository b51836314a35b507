"""The follow-up's rows: actuals by the as-of date, the forecast, the variance and the Summa row."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.cases import YEAR, actuals, budget
from trygg_cli.choices import FollowOrder
from trygg_cli.follow import DEFAULT_COLUMNS, columns, follow, ordered
from trygg_cli.model import UNALLOCATED, TryggError


def test_budget_to_date_pace_forecast_and_the_package_total() -> None:
    spent = actuals((0, date(2021, 3, 1), "30"), (1, date(2021, 3, 2), "60.01"), (UNALLOCATED, date(2021, 1, 1), "1"))
    followup = follow(budget(), spent, date(2021, 3, 31))
    a, b, c = followup.lines
    # 100 kr falls by days: January to March hold 8.50 + 7.67 + 8.50 of it (tests/test_periods.py)
    assert (a.budget, a.budget_to_date, a.actual) == (Decimal(100), Decimal("24.67"), Decimal(30))
    assert (a.used_pct, a.remaining, a.variance_to_date) == (Decimal("30.0"), Decimal(70), Decimal("-5.33"))
    assert a.forecast == Decimal("121.61")  # 30 x 100 / 24.67 = 121.605…, half up to the öre
    assert (a.variance, a.over, a.as_budgeted) == (Decimal("-21.61"), False, False)
    assert b.forecast == Decimal("243.25")  # 60.01 x 100 / 24.67 = 243.250…
    assert (c.actual, c.forecast, c.variance, c.used_pct, c.variance_to_date) == (None,) * 5  # no match
    assert c.budget_to_date == Decimal("24.67")
    unallocated = followup.unallocated
    assert unallocated is not None
    # Ej fördelat: budget 0, its actual at the package's pace: 1 x 300 / 74.01
    assert (unallocated.budget, unallocated.budget_to_date, unallocated.actual) == (Decimal(0), Decimal(0), Decimal(1))
    assert (unallocated.forecast, unallocated.variance) == (Decimal("4.05"), Decimal("-4.05"))
    total = followup.total
    assert (total.budget, total.budget_to_date) == (Decimal(300), Decimal("74.01"))  # the package; c counts
    assert total.actual == Decimal("91.01")  # every posting of the package: a, b and unallocated
    assert total.forecast == Decimal("121.61") + Decimal("243.25") + Decimal(100) + Decimal("4.05")  # c: its budget
    assert (total.variance, total.variance_to_date) == (300 - total.forecast, Decimal("74.01") - Decimal("91.01"))
    assert followup.as_budgeted == 1


def test_a_line_that_has_not_started_is_on_plan() -> None:
    """The coordinator who starts on 1 September, followed up at the end of August."""
    year = YEAR.replace(
        "    amount: 100\n    match: {projekt: [", "    amount: 100\n    start: 2021-09-01\n    match: {projekt: [", 1
    )
    followup = follow(budget(year), actuals((1, date(2021, 8, 31), "50")), date(2021, 8, 31))
    line = followup.lines[0]
    assert (line.budget_to_date, line.actual, line.variance_to_date) == (Decimal(0), Decimal(0), Decimal(0))
    assert (line.forecast, line.variance, line.as_budgeted) == (Decimal(100), Decimal(0), True)
    spent = actuals((0, date(2021, 8, 20), "7"), (1, date(2021, 8, 31), "50"))
    early = follow(budget(year), spent, date(2021, 8, 31)).lines[0]  # paid before it started
    assert (early.forecast, early.as_budgeted) == (Decimal(107), True)  # the actual and the budget to come


def test_dated_forecasts_the_latest_on_or_before_the_as_of_date() -> None:
    year = YEAR.replace(
        "    amount: 100\n    match: {projekt: [",
        "    amount: 100\n    forecast: {2021-04-30: 80, 2021-08-31: 95}\n    match: {projekt: [",
        1,
    )
    spent = actuals((0, date(2021, 3, 1), "30"))
    before = follow(budget(year), spent, date(2021, 3, 31)).lines[0]
    assert (before.own_forecast, before.forecast_date, before.forecast) == (False, None, Decimal("121.61"))  # pace
    first = follow(budget(year), spent, date(2021, 5, 1)).lines[0]
    assert (first.forecast, first.forecast_date, first.previous_forecast) == (Decimal(80), date(2021, 4, 30), None)
    second = follow(budget(year), spent, date(2021, 12, 31)).lines[0]
    assert (second.forecast, second.forecast_date, second.own_forecast) == (Decimal(95), date(2021, 8, 31), True)
    assert (second.previous_forecast, second.previous_forecast_date) == (Decimal(80), date(2021, 4, 30))


def test_nothing_to_follow_without_any_match() -> None:
    year = YEAR.replace('match: {ansvar: "1510"}\n', "").replace('    match: {projekt: ["2101", "2102"]}\n', "")
    year = year.replace('    match: {projekt: "22*"}\n', "")
    with pytest.raises(TryggError) as refused:
        follow(budget(year), actuals((0, date(2021, 1, 1), "1")))
    assert refused.value.reason == "nothing-to-follow"


def test_columns_are_known_keys_in_the_order_given() -> None:
    assert columns("actual, budget,used_pct") == ("actual", "budget", "used_pct")
    with pytest.raises(TryggError) as refused:
        columns("budget,spent")
    assert refused.value.figures["asked"] == "spent"
    assert DEFAULT_COLUMNS == ("budget", "budget_to_date", "actual", "variance_to_date", "forecast", "variance")


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


def test_without_a_date_the_exports_without_vouchers_are_named(tmp_path: Path) -> None:
    """An export with no vouchers at all is a problem at its file; with no date to follow up to,
    the refusal names it, rather than only saying the year has no voucher."""
    from trygg_cli.exports import read_exports
    from trygg_cli.render.locale import Locale
    from trygg_cli.render.words import error_message

    empty = tmp_path / "huvudbok.se"
    empty.write_bytes(b"#FLAGGA 0\n#SIETYP 4\n#KONTO 4010 Varor\n")
    with pytest.raises(TryggError) as refused:
        follow(budget(), read_exports([empty], budget()))
    assert (refused.value.reason, refused.value.code) == ("exports-without-vouchers", "no-vouchers-in-year")
    assert error_message(refused.value, Locale.EN).startswith(f"{empty}: no vouchers, so no date to follow up to")
    assert error_message(refused.value, Locale.SV).startswith(f"{empty}: inga verifikationer")


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
    # 40 of 100 kr falls in January: the pace is 2.5 times the actual, so 0.01 kr makes 0.025, half up.
    year = YEAR.replace(
        "    amount: 100\n    match: {projekt: [",
        "    amount: 100\n    months: [4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 6]\n    match: {projekt: [",
        1,
    )
    followup = follow(budget(year), actuals((0, date(2021, 1, 1), "0.01")), date(2021, 1, 31))
    assert (followup.lines[0].budget_to_date, followup.lines[0].forecast) == (Decimal(40), Decimal("0.03"))


@pytest.mark.parametrize(
    ("as_of", "count"),
    [(date(2021, 2, 1), 0), (date(2021, 3, 4), 1), (date(2021, 3, 5), 4), (date(2021, 12, 31), 5)],
    ids=["before all", "the day before three", "on a day of three", "after all"],
)
def test_the_postings_behind_a_figure_stop_at_the_as_of_date(as_of: date, count: int) -> None:
    """`--item`'s postings are those up to and including the as-of date, every posting of that
    day with them; their total is the line's actual to that date."""
    from trygg_cli.follow import postings
    from trygg_cli.model import Actuals, Columns, Posting

    days = [date(2021, 3, 1), date(2021, 3, 5), date(2021, 3, 5), date(2021, 3, 5), date(2021, 4, 1)]
    listed = tuple(Posting(day, f"A {n}", "", "4010", "", Decimal(n + 1), "x.se", 3 + n) for n, day in enumerate(days))
    found = postings(budget(), Actuals({}, {}, 0, days[-1], (), postings=Columns.of(listed)), as_of, 0)
    assert found.postings.rows() == list(listed[:count])
    assert found.total == sum(range(1, count + 1))


@given(
    st.lists(
        st.tuples(st.integers(1, 4), st.sampled_from(["a.se", "b.se"]), st.integers(1, 9)),
        unique_by=lambda where: (where[1], where[2]),
    ),
    st.booleans(),
)
def test_a_lines_postings_are_put_in_order_whatever_order_they_come_in(
    places: list[tuple[int, str, int]], in_order: bool
) -> None:
    """`Columns.in_order`: by date, then file, then line; postings that come in order already
    (one file's, by date and line) are kept as they are, any others sorted."""
    from trygg_cli.model import Columns, Posting

    if in_order:
        places = sorted(places)
    listed = [Posting(date(2021, 1, day), f"A {n}", "", "4010", "", Decimal(n), path, n) for day, path, n in places]
    ordered = Columns.of(listed).in_order()
    assert ordered.rows() == sorted(listed, key=lambda posting: (posting.date, posting.path, posting.line))
