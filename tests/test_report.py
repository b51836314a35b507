"""What trygg says about a run: problem lines, GitHub annotations, summaries, problems in JSON."""

from __future__ import annotations

from decimal import Decimal

from trygg_cli.model import Loaded, Problem, Source, Unit
from trygg_cli.render.locale import Locale
from trygg_cli.render.report import github_annotation, problem_line, problem_record, summary_line

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
