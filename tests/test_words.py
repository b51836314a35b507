"""The catalogue: every reason the library gives has its text, every text its Swedish, and the
compiled catalogue is the one its source makes."""

from __future__ import annotations

import ast
import os
import re
import string
from pathlib import Path

import pytest

from tests.cases import CATALOGUE, REJECTIONS
from tests.catalogue import MO, PO, compile_mo, entries
from tests.conftest import REPO, Write
from trygg_cli.check import checked
from trygg_cli.render.locale import Locale, parse
from trygg_cli.render.words import SHAPERS, TEXTS, problem_message
from trygg_cli.targets import load_file


def reasons_in_the_library() -> set[str]:
    """Every reason a module of trygg_cli names where it makes a Problem, a TryggError or a reason."""
    found: set[str] = set()
    for path in (REPO / "trygg_cli").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            # Problem(code, reason, ...), self.problem(code, reason, ...), refuse(reason, ...),
            # TryggError(reason, ...), _fail(reason, ...)
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name | ast.Attribute):
                name = node.func.id if isinstance(node.func, ast.Name) else node.func.attr
                place = {"Problem": 1, "problem": 1, "refuse": 0, "TryggError": 0, "_fail": 0}.get(name)
                reason = node.args[place] if place is not None and len(node.args) > place else None
                if isinstance(reason, ast.Constant) and isinstance(reason.value, str):
                    found.add(reason.value)
            # ("reason", {figures}) returned by money
            if isinstance(node, ast.Tuple) and len(node.elts) == 2 and isinstance(node.elts[1], ast.Dict):
                first = node.elts[0]
                if isinstance(first, ast.Constant) and isinstance(first.value, str):
                    found.add(first.value)
    return found


def test_every_reason_has_a_text() -> None:
    reasons = reasons_in_the_library()
    assert len(reasons) > 60  # the walk above finds them; if it found none, this test would prove nothing
    assert reasons - set(TEXTS) == set()
    assert set(SHAPERS) <= set(TEXTS)


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_every_text_has_its_swedish_with_the_same_figures() -> None:
    swedish = entries(PO.read_text(encoding="utf-8"))
    keys = {context: (msgid, text) for (context, msgid), text in swedish.items() if context is not None}
    assert set(keys) == set(TEXTS), "the .po and TEXTS name different keys"
    for key, english in TEXTS.items():
        msgid, translation = keys[key]
        assert msgid == english, f"{key}: the .po translates an old English text"
        assert translation.strip(), f"{key} has no Swedish"
        assert placeholders(translation) == placeholders(english), key


def test_the_compiled_catalogue_is_its_source_compiled() -> None:
    """TRYGG_UPDATE_CATALOGUE=1 compiles the .po anew (and fails, so the change is looked at)."""
    compiled = compile_mo(PO.read_text(encoding="utf-8"))
    if os.environ.get("TRYGG_UPDATE_CATALOGUE") == "1" and compiled != MO.read_bytes():
        MO.write_bytes(compiled)
        pytest.fail(f"compiled {MO}: run the tests again without TRYGG_UPDATE_CATALOGUE")
    assert MO.read_bytes() == compiled, (
        "trygg.mo is stale: TRYGG_UPDATE_CATALOGUE=1 python -m pytest tests/test_words.py"
    )


@pytest.mark.parametrize(
    "content", [case.content for case in CATALOGUE.values()] + [content for content, _, _ in REJECTIONS.values()]
)
def test_every_bad_input_is_put_into_words_in_both_languages(write: Write, content: str | bytes) -> None:
    path: Path = write(content)
    for problem in checked(load_file(path)).problems:
        english, swedish = problem_message(problem, Locale.EN), problem_message(problem, Locale.SV)
        assert english.strip() and swedish.strip()
        assert not re.search(r"\{[a-z_]+[^}]*\}", english + swedish)  # no placeholder left unfilled


@pytest.mark.parametrize(
    ("spelling", "locale"),
    [
        ("sv", Locale.SV),
        ("sv-SE", Locale.SV),
        ("sv_SE", Locale.SV),
        ("sv_SE.UTF-8", Locale.SV),
        ("SV_se.utf8", Locale.SV),
        ("en", Locale.EN),
        ("en_GB.UTF-8", Locale.EN),
        ("EN-us", Locale.EN),
        ("de_DE.UTF-8", None),
        ("C", None),
    ],
)
def test_the_spellings_people_have_in_their_environment(spelling: str, locale: Locale | None) -> None:
    assert parse(spelling) is locale
