"""A year file's amounts rewritten in another unit: exactly, and nothing else changed."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.conftest import DATA, REPO
from trygg_cli.load import load_data
from trygg_cli.model import TryggError, Unit
from trygg_cli.units import rewritten

FILES = [DATA / "budget-2020.yaml", DATA / "budget-2021.yaml", REPO / "examples" / "budget-2021.yaml"]


@pytest.mark.parametrize("path", FILES, ids=lambda path: f"{path.parent.name}/{path.name}")
@pytest.mark.parametrize("unit", [Unit.KR, Unit.TKR])
def test_there_and_back_is_the_same_file_byte_for_byte(path: Path, unit: Unit) -> None:
    data = path.read_bytes()
    budget = load_data(data, path.name).budget
    assert budget is not None
    there = rewritten(data, budget, unit, path.name)
    moved = load_data(there, path.name).budget
    assert moved is not None and moved.unit is unit
    assert [item.amount for item in moved.items] == [item.amount for item in budget.items]  # the same kronor
    assert moved.changes == budget.changes and moved.total == budget.total
    assert rewritten(there, moved, budget.unit, path.name) == data


def test_only_lines_with_amounts_change() -> None:
    data = (REPO / "examples" / "budget-2021.yaml").read_bytes()
    budget = load_data(data, "budget-2021.yaml").budget
    assert budget is not None
    changed = [
        (old, new)
        for old, new in zip(
            data.decode().splitlines(), rewritten(data, budget, Unit.TKR, "x").decode().splitlines(), strict=True
        )
        if old != new
    ]
    assert ("      2021-08-31: 0.3", "      2021-08-31: 300") in changed
    assert ("      lokala-arbetsgrupper: +0.2", "      lokala-arbetsgrupper: +200") in changed
    assert (
        "    total: 5.3  # a tilläggsbudget: the package's total after this change",
        "    total: 5300  # a tilläggsbudget: the package's total after this change",
    ) in changed
    assert all("amount:" in old or "total:" in old or "unit:" in old or ": " in old for old, _ in changed)
    assert len(changed) == 15  # unit, total, 7 amounts, 2 dated forecasts, 3 moves, a change's total


def test_a_layout_it_cannot_rewrite_with_certainty_is_refused() -> None:
    text = "year: 2021\nunit: mkr\ntotal: 1.0\nitems:\n  - id: a\n    name: A\n    amount:\n      1.0\n"
    budget = load_data(text.encode(), "budget-2021.yaml").budget
    assert budget is not None
    with pytest.raises(TryggError) as refused:
        rewritten(text.encode(), budget, Unit.KR, "budget-2021.yaml")
    assert refused.value.reason == "unit-unsure"


def test_trygg_unit_rewrites_the_file_or_leaves_it_as_it_was(tmp_path: Path, run: Any) -> None:
    path = tmp_path / "budget-2021.yaml"
    path.write_bytes((DATA / "budget-2021.yaml").read_bytes())
    result = run("unit", str(path), "tkr", "--locale", "en")
    assert result.exit_code == 0, result.output
    assert result.stderr == f"{path}: the amounts are now in tkr (were mkr); nothing else changed\n"
    assert "unit: tkr\ntotal: 5000\n" in path.read_text(encoding="utf-8")
    assert run("validate", str(path)).exit_code == 0
    odd = tmp_path / "budget-2020.yaml"
    odd.write_bytes(b"year: 2020\nunit: mkr\ntotal: 1.0\nitems:\n  - id: a\n    name: A\n    amount:\n      1.0\n")
    before = odd.read_bytes()
    refused = run("unit", str(odd), "kr", "--locale", "en")
    assert refused.exit_code == 2 and "nothing was written" in refused.stderr
    assert odd.read_bytes() == before
