"""Problems as GitHub Actions workflow commands, which mark each on its line in a pull request;
the summary line on stderr."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TextIO

from trygg_cli.model import Loaded, Problem
from trygg_cli.render.locale import Locale
from trygg_cli.render.reporters.text import summary_line
from trygg_cli.render.words import problem_message


def annotation(problem: Problem, locale: Locale) -> str:
    """`::error file=…,line=…,col=…,title=code::message`."""
    where = problem.source
    properties = [f"file={_escape(where.path, True)}", f"line={where.line}"]
    if where.column is not None:
        properties.append(f"col={where.column}")
    properties.append(f"title={_escape(problem.code, True)}")
    return f"::error {','.join(properties)}::{_escape(problem_message(problem, locale), False)}"


def _escape(text: str, is_property: bool) -> str:
    # GitHub's rules: % CR LF always, and : , inside a property value.
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if is_property else text


def report(results: Sequence[Loaded], locale: Locale, out: TextIO, err: TextIO) -> None:
    for loaded in results:
        for problem in loaded.problems:
            out.write(annotation(problem, locale) + "\n")
    err.write(summary_line(results, locale) + "\n")
