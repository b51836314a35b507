"""The catalogue: every text has its Swedish, with the same figures, said at run time and not
the English a missing translation falls back to; the compiled catalogue is the one its source
makes. (That every producer of a problem gives the figures its text quotes: test_messages.)"""

from __future__ import annotations

import os
import re
import string
from pathlib import Path

import pytest

from tests.cases import CATALOGUE, REJECTIONS
from tests.catalogue import MO, PO, compile_mo, entries
from tests.conftest import Write
from trygg_cli.check import checked
from trygg_cli.render.locale import Locale, parse
from trygg_cli.render.words import TEXTS, problem_message, text
from trygg_cli.targets import load_file


def fields(template: str) -> set[tuple[str, str | None, str | None]]:
    """A template's figures, each with how it is written: `{byte:02X}`, `{key!r}`, `{year}`."""
    return {(name, conversion, spec) for _, name, spec, conversion in string.Formatter().parse(template) if name}


def swedish() -> dict[str, tuple[str, str]]:
    """key -> (the English the .po translates, its Swedish)."""
    found = entries(PO.read_text(encoding="utf-8"))
    return {context: (msgid, text) for (context, msgid), text in found.items() if context is not None}


def test_every_text_has_its_swedish_with_the_same_figures() -> None:
    keys = swedish()
    assert set(keys) == set(TEXTS), "the .po and TEXTS name different keys"
    for key, english in TEXTS.items():
        msgid, translation = keys[key]
        assert msgid == english, f"{key}: the .po translates an old English text"
        assert translation.strip(), f"{key} has no Swedish"
        assert fields(translation) == fields(english), key  # the same figures, written the same way


class Figure:
    """A stand-in for any figure, written as its name whatever the format asks (`:02X`, `!r`)."""

    def __init__(self, name: str) -> None:
        self.name = name

    def __format__(self, spec: str) -> str:
        return f"<{self.name}>"

    def __repr__(self) -> str:
        return f"<{self.name}>"


def test_every_key_is_said_in_swedish_at_run_time() -> None:
    """What trygg says in Swedish is the .po's Swedish, found in the compiled catalogue by its
    key and its English: never the English fallback gettext gives for a key it does not find (a
    stale .mo, an English text edited without its msgid)."""
    wrong = []
    po = swedish()
    for key, english in sorted(TEXTS.items()):
        translation = po[key][1]
        figures = {name: Figure(name) for name, _, _ in fields(english) | fields(translation)}
        said = text(Locale.SV, key, **figures)
        if said != translation.format(**figures):
            wrong.append(f"{key}: Swedish at run time is not the .po's: {said!r}")
        elif key not in SAME_IN_BOTH and said == english.format(**figures):
            wrong.append(f"{key}: said in English in Swedish")
    assert wrong == []


# Texts whose Swedish is their English by design, and why.
SAME_IN_BOTH = {
    "budget_of": "Budget {year}: the word is Swedish too",
    "budget": "Budget",
    "follow.budget": "Budget",
    "with_unit": "{header} ({unit}): only figures",
    "marked": "{name} ({marks}): only figures",
    "import.title": "{old} → {new}, {unit}: only figures",
    "compared": "{title}: {old}–{new}, {unit}: only figures",
    "side_by_side": "{title}: {years}, {unit}: only figures",
    "titled": "{title}, {unit}: only figures",
    "titled.stage": "{title}, {stage}, {unit}: only figures",
    "compared.stage": "{title}: {old}–{new} ({stage}), {unit}: only figures",
    "side_by_side.stage": "{title}: {years} ({stage}), {unit}: only figures",
    "stage.year": "{year} {stage}: only figures",
    "changes.note": "{date}: {note}: only figures",
    "log.move": "{name} {amount}: only figures",
    "follow.marks_list": "{marks}: only figures",
    "compared.revisions": "{title} {year}: {old} → {new}, {unit}: only figures",
    "textconv.total": "total: the file's key",
    "postings.text": "Text: the word is Swedish too",
    "log.list": "{changes}: only figures",
    "log.changed": "{name} {before} → {after}: only figures",
    "review.headline": "{year}: total {old} → {new} ({change}): total is the file's key",
    "log.total": "total {before} → {after}: total is the file's key",
    "log.match": "{name}: match {before} → {after}: match is the file's key",
    "status": "Status: the word is Swedish too",
    "ok": "ok: the word is Swedish too",
    "problem.one": "1 problem: the word is Swedish too",
    "trygg": "trygg: {message}: the program's name",
    "follow.none": "–: a dash",
}


def test_every_swedish_text_differs_from_its_english_but_a_listed_few() -> None:
    same = {key for key, (english, translation) in swedish().items() if english == translation}
    assert same - set(SAME_IN_BOTH) == set(), "Swedish that is still the English"
    assert set(SAME_IN_BOTH) - same == set(), "listed as the same in both languages, but translated"


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
