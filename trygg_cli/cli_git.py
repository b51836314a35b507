"""The commands that read a year through git: `log` and `review`.

A room of the command line (with `cli`, `command_line` and `command_io`): arguments in, one
library call, one output out, an exit code back.

No `from __future__ import annotations` here: Typer reads each command's signature at run time.
"""

import io
import os
import sys
from pathlib import Path

import typer

from trygg_cli import files
from trygg_cli.command_io import (
    OK,
    PROBLEMS,
    chosen_format,
    emit,
)
from trygg_cli.command_line import (
    AuthorOption,
    DataDirOption,
    FormatOption,
    LocaleOption,
    LogItemOption,
    OutputOption,
    ReviewBaseArgument,
    TryggCommand,
    YearArgument,
    app,
    examples,
    settings_of,
)
from trygg_cli.render import json as json_out
from trygg_cli.render import views
from trygg_cli.render.locale import Locale


@app.command(
    "log",
    cls=TryggCommand,
    epilog=examples("trygg log 2021", "trygg log 2021 --item sspf", "trygg log 2021 --format json"),
)
def log(
    ctx: typer.Context,
    year: YearArgument,
    item: LogItemOption = None,
    fmt: FormatOption = None,
    locale: LocaleOption = Locale.SV,
    output: OutputOption = None,
    author: AuthorOption = None,
    data_dir: DataDirOption = None,
) -> None:
    """Every commit that changed a year's content, newest first: when, who, why, and what changed."""
    from trygg_cli import revisions, targets
    from trygg_cli.history import history

    fmt = chosen_format(fmt, output)
    path, number = targets.year_path(year, settings_of(ctx).data_dir)
    found = history(*revisions.versions(path), str(path), item)
    json_data, view = (lambda: json_out.log_data(found, number, str(path))), (lambda: views.log_table(found, number))
    emit(fmt, output, [], locale, json_data, view, author=author)
    raise typer.Exit(OK)


@app.command(
    "review",
    cls=TryggCommand,
    epilog=examples("trygg review", "trygg review origin/main", "trygg review ks-beslut --locale en"),
)
def review(
    ctx: typer.Context,
    base: ReviewBaseArgument = "HEAD",
    locale: LocaleOption = Locale.SV,
    data_dir: DataDirOption = None,
) -> None:
    """A Markdown report of every year file that differs between BASE and the work tree, for a pull
    request's summary (also appended to $GITHUB_STEP_SUMMARY when it is set)."""
    from trygg_cli.history import changed_years
    from trygg_cli.render.review import write_review

    changes = changed_years(settings_of(ctx).data_dir, base)
    out = io.StringIO()
    write_review(changes, base, locale, out)
    sys.stdout.write(out.getvalue())
    summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary:
        files.append_text(Path(summary), out.getvalue())
    raise typer.Exit(PROBLEMS if any(change.after and change.after.problems for change in changes) else OK)
