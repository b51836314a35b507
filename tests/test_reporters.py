"""Reporters: what trygg says of a run's problems as lines, GitHub annotations, JSON and summaries."""

from __future__ import annotations

import io
import json
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from trygg_cli.model import Loaded, Problem, Source, Unit
from trygg_cli.render.formats import Report
from trygg_cli.render.locale import Locale
from trygg_cli.render.reporters.github import annotation as github_annotation
from trygg_cli.render.reporters.records import problem_record
from trygg_cli.render.reporters.registry import REPORTERS, chosen, report
from trygg_cli.render.reporters.text import problem_line, summary_line

MISMATCH = Problem(
    "total-mismatch",
    "total-mismatch",
    Source("data/budget-2021.yaml", 7, 8),
    {"sum": Decimal(4_900_000), "total": Decimal(5_000_000), "gap": Decimal(100_000), "unit": Unit.MKR},
)


def test_problem_line_is_the_shape_editors_jump_to() -> None:
    assert problem_line(MISMATCH, Locale.SV) == (
        "data/budget-2021.yaml:7:8: total-mismatch: posterna summerar till 4,9 mkr men total är 5,0 mkr "
        "(0,1 mkr för lite)"
    )
    no_column = Problem("schema", "empty-file", Source("x.yaml", 1))
    assert problem_line(no_column, Locale.EN) == (
        "x.yaml:1: schema: file is empty; a budget needs year, unit, total and items"
    )


def test_numbers_in_a_message_follow_the_locale() -> None:
    assert "items sum to 4.9 mkr but total is 5.0 mkr (0.1 mkr short)" in problem_line(MISMATCH, Locale.EN)


def test_a_problem_in_json_is_english_whatever_the_locale() -> None:
    assert problem_record(MISMATCH, with_path=True) == {
        "path": "data/budget-2021.yaml",
        "code": "total-mismatch",
        "message": "items sum to 4.9 mkr but total is 5.0 mkr (0.1 mkr short)",
        "line": 7,
        "column": 8,
        "figures": {"sum": "4.9", "total": "5.0", "gap": "0.1", "unit": "mkr"},
    }


def test_github_escapes_by_githubs_rules() -> None:
    problem = Problem("schema", "yaml-syntax", Source("a,b:c.yaml", 2, 1), {"detail": "100% wrong\r\nsee: here, now"})
    assert (
        github_annotation(problem, Locale.EN)
        == "::error file=a%2Cb%3Ac.yaml,line=2,col=1,title=schema::100%25 wrong%0D%0Asee: here, now"
    )


def test_summary_counts_problems_and_files() -> None:
    clean = Loaded("a.yaml", None, ())
    bad = Loaded("b.yaml", None, (MISMATCH, MISMATCH))
    assert summary_line([clean], Locale.EN) == "1 file checked: all good"
    assert summary_line([clean, bad], Locale.EN) == "2 files checked: 2 problems in 1 file"
    assert summary_line([clean], Locale.SV) == "1 fil kontrollerad: allt stämmer"
    assert summary_line([clean, bad], Locale.SV) == "2 filer kontrollerade: 2 problem i 1 fil"


def test_every_report_format_has_a_reporter_and_each_writes_where_it_should() -> None:
    assert set(REPORTERS) == set(Report)
    bad = [Loaded("b.yaml", None, (MISMATCH,))]
    written = {}
    for fmt in Report:
        out, err = io.StringIO(), io.StringIO()
        report(bad, fmt, Locale.EN, out, err)
        written[fmt] = (out.getvalue(), err.getvalue())
    assert written[Report.TEXT] == ("", f"{problem_line(MISMATCH, Locale.EN)}\n1 file checked: 1 problem in 1 file\n")
    assert written[Report.GITHUB][0] == github_annotation(MISMATCH, Locale.EN) + "\n"
    assert json.loads(written[Report.JSON][0])["files"][0]["problems"][0]["code"] == "total-mismatch"
    assert written[Report.JSON][1] == ""  # one JSON document, nothing else


def test_a_file_named_twice_is_reported_once() -> None:
    bad = Loaded("b.yaml", None, (MISMATCH,))
    out, err = io.StringIO(), io.StringIO()
    report([bad, bad], Report.TEXT, Locale.EN, out, err)
    assert err.getvalue().count("total-mismatch") == 1


@pytest.mark.parametrize(
    ("fmt", "environ", "expected"),
    [
        (None, {}, Report.TEXT),
        (None, {"GITHUB_ACTIONS": "true"}, Report.GITHUB),
        (Report.JSON, {"GITHUB_ACTIONS": "true"}, Report.JSON),
        (Report.TEXT, {"GITHUB_ACTIONS": "true"}, Report.TEXT),
    ],
)
def test_the_reporter_chosen(fmt: Report | None, environ: dict[str, str], expected: Report) -> None:
    assert chosen(fmt, environ) is expected


def test_a_problem_whose_figures_are_dates_paths_or_tuples_is_still_json() -> None:
    """Found on real exports: a duplicate voucher's figures held a date, and JSON broke off."""
    problem = Problem(
        "duplicate-voucher",
        "duplicate-voucher",
        Source("a.se", 9),
        {"voucher": "A 1", "day": date(2021, 3, 1), "earlier": Path("b.se"), "codes": ("1", "2"), "n": Decimal("1.50")},
    )
    record = json.loads(json.dumps(problem_record(problem)))
    assert record["figures"] == {
        "voucher": "A 1",
        "day": "2021-03-01",
        "earlier": "b.se",
        "codes": ["1", "2"],
        "n": "1.50",
    }
