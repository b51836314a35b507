"""What every command does on its way in and out: the years it names, loaded and checked (the
data dir's strays named on stderr), problems reported, the format chosen, the output written (to
stdout, or atomically to a file never read), and stopping where trygg cannot run. With `cli`,
`command_line`, `cli_files` and `cli_git`, a room of the command line.

No `from __future__ import annotations` here: like the commands, plain annotations.
"""

import io
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import typer

from trygg_cli import files
from trygg_cli.command_line import settings_of
from trygg_cli.model import Budget, Loaded, TryggError
from trygg_cli.render import formats, views
from trygg_cli.render import json as json_out
from trygg_cli.render.formats import Format, Report
from trygg_cli.render.locale import Locale
from trygg_cli.render.words import text

if TYPE_CHECKING:
    from trygg_cli import targets

OK, PROBLEMS = 0, 1


def named_years(
    ctx: typer.Context,
    names: Sequence[str] | None,
    *,
    folders: bool = False,
    staged: bool = True,
    on: str | None = None,
    original: bool = False,
) -> "targets.Targets":
    """The years named (none: every year of the data dir), loaded and checked, each budget as the
    tables show it (in force on `on`, default after all its changes; or as first decided); the
    data dir's files that are not read as years are named on stderr."""
    from trygg_cli import targets

    settings = settings_of(ctx)
    day = date_option(on)
    found = targets.load_targets(names, settings.data_dir, sys.stdin.buffer.read, folders=folders)
    if staged:
        found = targets.staged(found, day, original=original)
    name_strays(found.strays, settings.locale)
    return found


def name_strays(strays: Sequence[files.Stray], locale: Locale) -> None:
    """The data dir's files that are not read as years, a line each on stderr."""
    for stray in strays:
        if stray.kept is not None:
            err(text(locale, "stray.duplicate", path=stray.path, kept=stray.kept, year=stray.year))
        else:
            err(text(locale, "stray", path=stray.path))


def budgets_or_exit(results: Sequence[Loaded], fmt: Format | None, locale: Locale) -> list[Budget]:
    """The budgets, or (if any file does not load) its problems reported as validate would, and exit 1."""
    budgets = [loaded.budget for loaded in results]
    if all(budget is not None for budget in budgets):
        return [budget for budget in budgets if budget is not None]
    report_problems(results, Report.JSON if fmt is Format.JSON else None, locale)
    raise typer.Exit(PROBLEMS)


def report_problems(results: Sequence[Loaded], fmt: Report | None, locale: Locale) -> None:
    """Problems as validate reports them (render/reporters: text, GitHub annotations, JSON)."""
    from trygg_cli.render.reporters import registry

    registry.report(results, registry.chosen(fmt, os.environ), locale, sys.stdout, sys.stderr)


def problem_lines(problems: Sequence[Any], locale: Locale) -> None:
    """Problems beside a table: a line each on stderr."""
    from trygg_cli.render.reporters.text import write_lines

    write_lines(problems, locale, sys.stderr)


def summary(results: Sequence[Loaded], locale: Locale) -> str:
    from trygg_cli.render.reporters.text import summary_line

    return summary_line(list({id(loaded): loaded for loaded in results}.values()), locale)


def chosen_format(fmt: Format | None, output: Path | None, *, picture: bool = False) -> Format:
    return formats.chosen(fmt, output, sys.stdout.isatty(), picture=picture)


def date_option(value: str | None) -> date | None:
    """--as-of: a date, or stop and say how to write one."""
    from trygg_cli.rules import as_of

    return None if value is None else as_of(value)


def emit(
    fmt: Format,
    output: Path | None,
    results: Sequence[Loaded],
    locale: Locale,
    data: Callable[[], dict[str, Any]],
    table: Callable[[], views.Table],
    reads: Sequence[Path] = (),
    author: str | None = None,
) -> None:
    """A command's output: JSON, which holds the problems; or a table, with the problems on stderr.
    Only the one asked for is made. `reads`: other files the command read, never written over;
    `author`: who a document says wrote it (--author)."""
    if fmt is Format.JSON:
        write_output(output, results, locale, lambda out: json_out.write_json(data(), out), reads=reads)
        return
    if fmt is Format.SVG:
        fail("svg-table")
    if fmt is Format.SIE:
        fail("sie-table")
    from trygg_cli.render.registry import writer

    chosen = writer(fmt)
    if chosen.binary and output is None:
        fail("needs-output", format=fmt.value)

    def write(out: Any) -> None:
        view = table()
        chosen.write(view if author is None else replace(view, author=author), locale, out)

    write_output(output, results, locale, write, chosen.binary, reads)
    problem_lines([problem for loaded in {id(x): x for x in results}.values() for problem in loaded.problems], locale)


def write_output(
    output: Path | None,
    results: Sequence[Loaded],
    locale: Locale,
    write: Callable[[Any], None],
    binary: bool = False,
    reads: Sequence[Path] = (),
) -> None:
    """Write to stdout, or to --output atomically (a finished file or none) and never over a
    file trygg was asked to read."""
    if output is None:
        write(sys.stdout)
        return
    buffer: io.BytesIO | io.StringIO = io.BytesIO() if binary else io.StringIO()
    write(buffer)
    value = buffer.getvalue()
    data = value if isinstance(value, bytes) else value.encode("utf-8")
    read = [Path(loaded.path) for loaded in results] + list(reads)
    if any(output.resolve() == path.resolve() for path in read):
        fail("reads-input", path=output)
    try:
        files.write_atomic(output, data, replace=True)
    except OSError as error:
        fail("cannot-write", path=output, why=error.strerror or str(error))
    err(text(locale, "wrote", path=output))


def err(message: str) -> None:
    typer.echo(message, err=True)


def fail(reason: str, **figures: Any) -> NoReturn:
    """Stop: trygg cannot run as asked. Said in one place, `TryggGroup`, in the run's language."""
    raise TryggError(reason, **figures)
