"""The rules over a whole budget: the total, unique ids, the year in the file name."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from tests.conftest import said
from trygg_cli.check import (
    CHECKS,
    check,
    check_changes,
    check_periods,
    check_total,
    check_unique_ids,
    check_year_matches_name,
    checked,
)
from trygg_cli.model import Budget, Item, Loaded, Problem, Source, Unit
from trygg_cli.render.locale import Locale

MKR = Decimal(1_000_000)


def budget(
    total: str, *amounts: str, ids: list[str] | None = None, year: int = 2021, path: str = "data/budget-2021.yaml"
) -> Budget:
    ids = ids or [f"item-{n}" for n in range(len(amounts))]
    items = tuple(
        Item(item_id, item_id.title(), Decimal(a) * MKR, source=Source(path, 5 + 3 * n, 9))
        for n, (item_id, a) in enumerate(zip(ids, amounts, strict=True))
    )
    return Budget(
        year,
        Unit.MKR,
        Decimal(total) * MKR,
        items,
        source=Source(path, 1, 1),
        year_source=Source(path, 1, 7),
        total_source=Source(path, 3, 8),
    )


def test_items_adding_up_pass_every_rule() -> None:
    assert check(budget("5.0", "2.0", "3.0")) == []


def test_short_total_says_sum_total_and_gap() -> None:
    [problem] = check_total(budget("5.0", "2.0", "2.9"))
    assert problem == Problem(
        "total-mismatch",
        "total-mismatch",
        Source("data/budget-2021.yaml", 3, 8),
        {"sum": Decimal(4_900_000), "total": Decimal(5_000_000), "gap": Decimal(100_000), "unit": Unit.MKR},
    )
    assert said(problem) == "items sum to 4.9 mkr but total is 5.0 mkr (0.1 mkr short)"
    assert said(problem, Locale.SV) == "posterna summerar till 4,9 mkr men total är 5,0 mkr (0,1 mkr för lite)"


def test_over_total_says_over() -> None:
    [problem] = check_total(budget("5.0", "2.0", "3.05"))
    assert said(problem) == "items sum to 5.05 mkr but total is 5.00 mkr (0.05 mkr over)"


def test_one_ore_off_is_a_mismatch() -> None:
    problems = check_total(budget("5.0", "2.0", "2.99999999"))
    assert [p.code for p in problems] == ["total-mismatch"]


def test_duplicate_id_points_at_the_second_and_names_the_first() -> None:
    [problem] = check_unique_ids(budget("2.0", "1.0", "1.0", ids=["sspf", "sspf"]))
    assert (problem.code, problem.source.line) == ("duplicate-id", 8)
    assert said(problem) == "id 'sspf' is used twice; the first is on line 5"


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("data/budget-2021.yaml", []),
        ("data/budget-2020.yaml", ["year-mismatch"]),
        ("elsewhere/plan.yaml", []),  # no year in the name, nothing to compare with
    ],
)
def test_year_must_match_the_file_name(path: str, expected: list[str]) -> None:
    problems = check_year_matches_name(budget("1.0", "1.0", path=path))
    assert [p.code for p in problems] == expected


def test_checks_are_listed_once_and_all_run() -> None:
    assert set(CHECKS) == {check_total, check_unique_ids, check_year_matches_name, check_periods, check_changes}
    bad = budget("9.0", "1.0", "1.0", ids=["a", "a"], path="data/budget-2020.yaml")
    first_half_only = replace(bad.items[0], months=(Decimal(0),) * 6 + (Decimal(1),) * 6, end=date(2020, 6, 30))
    bad = replace(bad, items=(first_half_only, *bad.items[1:]))
    assert sorted(p.code for p in check(bad)) == ["duplicate-id", "period", "total-mismatch", "year-mismatch"]


def test_checked_adds_rule_problems_in_line_order() -> None:
    bad = budget("9.0", "1.0", "1.0", ids=["a", "a"])
    loaded = Loaded("data/budget-2021.yaml", bad, (Problem("schema", "x", Source("data/budget-2021.yaml", 6, 1)),))
    result = checked(loaded)
    assert [(p.code, p.source.line) for p in result.problems] == [
        ("total-mismatch", 3),
        ("schema", 6),
        ("duplicate-id", 8),
    ]


def test_unloaded_file_is_left_as_it_is() -> None:
    loaded = Loaded("x.yaml", None, (Problem("yaml", "bad", Source("x.yaml", 2, 1)),))
    assert checked(loaded) == loaded
