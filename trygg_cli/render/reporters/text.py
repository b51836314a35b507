"""Problems as lines, `path:line:column: code: message`, the shape editors and CI jump to, on
stderr; and the summary line under them."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TextIO

from trygg_cli.model import Loaded, Problem
from trygg_cli.render import words
from trygg_cli.render.locale import Locale
from trygg_cli.render.words import problem_message


def problem_line(problem: Problem, locale: Locale) -> str:
    """`path:line:column: code: message`."""
    where = problem.source
    column = f"{where.column}:" if where.column is not None else ""
    return f"{where.path}:{where.line}:{column} {problem.code}: {problem_message(problem, locale)}"


def summary_line(files: Sequence[Loaded], locale: Locale) -> str:
    count = sum(len(loaded.problems) for loaded in files)
    bad = sum(1 for loaded in files if loaded.problems)
    return words.summary_line(len(files), count, bad, locale)


def write_lines(problems: Iterable[Problem], locale: Locale, err: TextIO) -> None:
    """Each problem as a line (the problems beside a table, an export's notes)."""
    for problem in problems:
        err.write(problem_line(problem, locale) + "\n")


def report(results: Sequence[Loaded], locale: Locale, out: TextIO, err: TextIO) -> None:
    write_lines((problem for loaded in results for problem in loaded.problems), locale, err)
    err.write(summary_line(results, locale) + "\n")
