"""The catalogue: every reason the library gives has its message, in every language asked for."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.cases import CATALOGUE, REJECTIONS
from tests.conftest import REPO, Write
from trygg_cli.check import checked
from trygg_cli.load import load_file
from trygg_cli.render.locale import Locale
from trygg_cli.render.words import LABELS, MESSAGES, problem_message


def reasons_in_the_library() -> set[str]:
    """Every reason a module of the library names where it makes a Problem or a reason."""
    found: set[str] = set()
    for path in (REPO / "trygg_cli").glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            # Problem(code, reason, ...), self.problem(code, reason, ...), self.refuse(reason, ...)
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name | ast.Attribute):
                name = node.func.id if isinstance(node.func, ast.Name) else node.func.attr
                place = {"Problem": 1, "problem": 1, "refuse": 0}.get(name)
                reason = node.args[place] if place is not None and len(node.args) > place else None
                if isinstance(reason, ast.Constant) and isinstance(reason.value, str):
                    found.add(reason.value)
            # ("reason", {figures}) returned by money
            if isinstance(node, ast.Tuple) and len(node.elts) == 2 and isinstance(node.elts[1], ast.Dict):
                first = node.elts[0]
                if isinstance(first, ast.Constant) and isinstance(first.value, str):
                    found.add(first.value)
    return found


def test_every_reason_has_a_message() -> None:
    reasons = reasons_in_the_library()
    assert len(reasons) > 40  # the walk above finds them; if it found none, this test would prove nothing
    assert reasons - set(MESSAGES) == set()


def test_every_label_is_in_every_language() -> None:
    assert set(LABELS[Locale.SV]) == set(LABELS[Locale.EN])


@pytest.mark.parametrize(
    "content", [case.content for case in CATALOGUE.values()] + [content for content, _, _ in REJECTIONS.values()]
)
def test_every_bad_input_is_put_into_words_in_both_languages(write: Write, content: str | bytes) -> None:
    path: Path = write(content)
    for problem in checked(load_file(path)).problems:
        for locale in Locale:
            assert problem_message(problem, locale).strip()
