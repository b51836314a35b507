"""The `trygg` command: arguments in, one library call, one output out, an exit code back.

The commands of the tables and the follow-up; `cli_files` (new, unit, import, publish) and
`cli_git` (log, review) hold the rest, `command_line` the shape of the command line (its app,
settings, group and command classes and options) and `command_io` what every command does on its
way in and out. These are the rooms that import Typer, and the only ones that do nothing else.
Exit codes: 0 all good; 1 the data has problems (or `diff --exit-code` found differences); 2
trygg could not run as asked (a `TryggError`, turned into exit 2 in one place, `TryggGroup`).

No `from __future__ import annotations` here: Typer reads each command's signature several
times while it builds the commands, and would evaluate string annotations each time.
"""

import gc
import io
import shlex
import signal
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer

from trygg_cli import __version__
from trygg_cli.choices import FollowOrder
from trygg_cli.command_io import (
    OK,
    PROBLEMS,
    budgets_or_exit,
    chosen_format,
    date_option,
    emit,
    err,
    named_years,
    problem_lines,
    report_problems,
    summary,
    write_output,
)
from trygg_cli.command_line import (
    AuthorOption,
    ChartFormatOption,
    DataDirOption,
    DecimalsOption,
    DiffExitCodeOption,
    DiffOnlyChangedOption,
    DiffSortOption,
    FollowAccountColumnOption,
    FollowAmountColumnOption,
    FollowAsOfOption,
    FollowByOption,
    FollowColumnsOption,
    FollowDateColumnOption,
    FollowDecimalsOption,
    FollowExportsArgument,
    FollowFailForecastOption,
    FollowFailOverOption,
    FollowItemOption,
    FollowSortOption,
    FormatOption,
    IdsOption,
    LocaleOption,
    NewArgument,
    NotesOption,
    OldArgument,
    OriginalOption,
    OutputOption,
    ShareOption,
    ShowAccountOption,
    ShowCompanyOption,
    ShowDimensionOption,
    ShowLikeOption,
    ShowMonthsOption,
    ShowTextconvOption,
    StageAsOfOption,
    TableChangeOption,
    TableNamesArgument,
    TryggCommand,
    UnitOption,
    ValidateFormatOption,
    ValidateNamesArgument,
    YearArgument,
    app,
    examples,
    settings_of,
)
from trygg_cli.compare import Order, compare, select, side_by_side
from trygg_cli.model import Budget, Loaded, TryggError
from trygg_cli.render import formats, views
from trygg_cli.render import json as json_out
from trygg_cli.render.formats import Format
from trygg_cli.render.locale import Locale
from trygg_cli.render.words import text


def _version(value: bool) -> None:
    if value:
        typer.echo(f"trygg {__version__}")
        raise typer.Exit(OK)


@app.callback()
def main(
    ctx: typer.Context,
    data_dir: Annotated[
        Path, typer.Option("--data-dir", envvar="TRYGG_DATA_DIR", help="Folder that holds budget-YYYY.yaml.")
    ] = Path("data"),
    version: Annotated[
        bool, typer.Option("--version", is_eager=True, callback=_version, help="Print the version and exit.")
    ] = False,
    locale: LocaleOption = Locale.SV,
) -> None:
    """Keep a municipal budget package in plain text, and check it."""
    settings_of(ctx).data_dir = data_dir


@app.command(
    "validate",
    cls=TryggCommand,
    epilog=examples("trygg validate", "trygg validate 2021 --locale en", "trygg validate data/ --format json"),
)
def validate(
    ctx: typer.Context,
    names: ValidateNamesArgument = None,
    fmt: ValidateFormatOption = None,
    locale: LocaleOption = Locale.SV,
    data_dir: DataDirOption = None,
) -> None:
    """Check that each year is well formed and its items add up to its total exactly."""
    found = named_years(ctx, names, folders=True, staged=False)
    report_problems(found.loaded, fmt, locale)
    raise typer.Exit(PROBLEMS if found.problems else OK)


@app.command(
    "diff",
    cls=TryggCommand,
    epilog=examples(
        "trygg diff 2020 2021",
        "trygg diff 2020 2021 -o tabell.docx",
        "trygg diff 2020 2021 --only-changed --sort change",
    ),
)
def diff(
    ctx: typer.Context,
    old: OldArgument,
    new: NewArgument,
    unit: UnitOption = None,
    fmt: FormatOption = None,
    locale: LocaleOption = Locale.SV,
    decimals: DecimalsOption = None,
    output: OutputOption = None,
    author: AuthorOption = None,
    share: ShareOption = False,
    notes: NotesOption = False,
    sort: DiffSortOption = Order.FILE,
    only_changed: DiffOnlyChangedOption = False,
    exit_code: DiffExitCodeOption = False,
    as_of: StageAsOfOption = None,
    original: OriginalOption = False,
    data_dir: DataDirOption = None,
) -> None:
    """Compare two years item by item: amounts, change and change %, and a Summa row."""
    fmt = chosen_format(fmt, output)
    found = named_years(ctx, [old, new], on=as_of, original=original)
    old_budget, new_budget = budgets_or_exit(found.loaded, fmt, locale)
    comparison = compare(old_budget, new_budget)
    shown = select(comparison, sort, only_changed)
    unit = unit or new_budget.unit
    revs = [loaded.rev for loaded in found.loaded]
    emit(
        fmt,
        output,
        found.loaded,
        locale,
        lambda: json_out.diff_data(shown, unit, found.loaded, found.problems),
        lambda: views.diff_table(
            shown, unit, views.Options(decimals, share, notes), comparison if only_changed else None, revs
        ),
        author=author,
    )
    raise typer.Exit(PROBLEMS if found.problems or (exit_code and comparison.differs) else OK)


@app.command(
    "show",
    cls=TryggCommand,
    epilog=examples(
        "trygg show 2021 --ids --share --notes",
        "trygg show 2021 --months --unit tkr -o 2021.xlsx",
        "trygg show 2021 -o budget.se --dimension ansvar=1 --account 4010",
    ),
)
def show(
    ctx: typer.Context,
    year: YearArgument,
    unit: UnitOption = None,
    fmt: FormatOption = None,
    locale: LocaleOption = Locale.SV,
    decimals: DecimalsOption = None,
    output: OutputOption = None,
    author: AuthorOption = None,
    share: ShareOption = False,
    notes: NotesOption = False,
    show_ids: IdsOption = False,
    as_of: StageAsOfOption = None,
    original: OriginalOption = False,
    data_dir: DataDirOption = None,
    textconv: ShowTextconvOption = False,
    months: ShowMonthsOption = False,
    account: ShowAccountOption = None,
    dimension: ShowDimensionOption = None,
    like: ShowLikeOption = None,
    company: ShowCompanyOption = None,
) -> None:
    """Print one year's items and total, and whether it validates; with --months -o budget.se, the
    budget month by month as SIE 4 for the accounting system."""
    if textconv:
        _textconv(Path(year), locale)
    fmt = chosen_format(fmt, output)
    found = named_years(ctx, [year], on=as_of, original=original)
    (budget,) = budgets_or_exit(found.loaded, fmt, locale)
    unit = unit or budget.unit
    ids = show_ids or fmt in formats.DATA
    if months or fmt is Format.SIE:
        from trygg_cli.periods import budget_months

        by_month = budget_months(budget)
        if fmt is Format.SIE:
            _sie(budget, by_month, output, found.loaded, locale, (account, dimension or [], like, company))
            raise typer.Exit(PROBLEMS if found.problems else OK)
        data = lambda: json_out.show_data(found.loaded[0], budget, unit, by_month)  # noqa: E731
        view = lambda: views.months_table(budget, by_month, unit, decimals, ids=ids, summed=fmt is not Format.CSV)  # noqa: E731
    else:
        data = lambda: json_out.show_data(found.loaded[0], budget, unit)  # noqa: E731
        view = lambda: views.show_table(budget, unit, views.Options(decimals, share, notes), ids=ids)  # noqa: E731
    emit(fmt, output, found.loaded, locale, data, view, author=author)
    if fmt is not Format.JSON:
        err(summary(found.loaded, locale))
    raise typer.Exit(PROBLEMS if found.problems else OK)


def _sie(
    budget: Budget,
    by_month: Sequence[Sequence[Any]],
    output: Path | None,
    loaded: Sequence[Loaded],
    locale: Locale,
    asked: tuple[str | None, list[str], Path | None, str | None],
) -> None:
    """The budget month by month as an SIE 4 file of type 3 (#PBUDGET), its notes on stderr."""
    from trygg_cli.budget_sie import dimension_numbers, sie_budget
    from trygg_cli.render.sie import write_sie

    account, dimension, like, company = asked
    name = company or budget.title or text(locale, "budget_of", year=budget.year)
    made = sie_budget(budget, by_month, name, account=account, numbers=dimension_numbers(dimension), like=like)
    write_output(
        output,
        loaded,
        locale,
        lambda out: write_sie(made, getattr(out, "buffer", out), date.today(), __version__),  # stdout: its bytes
        True,
        [like] if like else [],
    )
    problem_lines(made.notes, locale)
    err(summary(loaded, locale))


@app.command(
    "table",
    cls=TryggCommand,
    epilog=examples(
        "trygg table 2021 2020", "trygg table 2021 2020 -o tabell.docx", "trygg table 2019 2020 2021 --change"
    ),
)
def table(
    ctx: typer.Context,
    names: TableNamesArgument,
    unit: UnitOption = None,
    fmt: FormatOption = None,
    locale: LocaleOption = Locale.SV,
    decimals: DecimalsOption = None,
    output: OutputOption = None,
    author: AuthorOption = None,
    share: ShareOption = False,
    notes: NotesOption = False,
    change: TableChangeOption = False,
    as_of: StageAsOfOption = None,
    original: OriginalOption = False,
    data_dir: DataDirOption = None,
) -> None:
    """Several years side by side, in the order given, one row per item and a Summa row."""
    fmt = chosen_format(fmt, output)
    found = named_years(ctx, names, on=as_of, original=original)
    budgets = budgets_or_exit(found.loaded, fmt, locale)
    grid = side_by_side(budgets)
    unit = unit or budgets[0].unit
    revs = [loaded.rev for loaded in found.loaded]
    emit(
        fmt,
        output,
        found.loaded,
        locale,
        lambda: json_out.side_by_side_data(grid, unit, found.loaded, found.problems),
        lambda: views.side_by_side_table(grid, unit, views.Options(decimals, share, notes, change), revs),
        author=author,
    )
    raise typer.Exit(PROBLEMS if found.problems else OK)


@app.command(
    "changes",
    cls=TryggCommand,
    epilog=examples("trygg changes 2021", "trygg changes 2021 -o ändringar.docx", "trygg changes 2021 --format json"),
)
def changes(
    ctx: typer.Context,
    year: YearArgument,
    unit: UnitOption = None,
    fmt: FormatOption = None,
    locale: LocaleOption = Locale.SV,
    decimals: DecimalsOption = None,
    output: OutputOption = None,
    author: AuthorOption = None,
    data_dir: DataDirOption = None,
) -> None:
    """A year's budget changes in date order, each with its decision: what moved to which line, each
    line's budget after, and the total after."""
    from trygg_cli.amendments import applied

    fmt = chosen_format(fmt, output)
    found = named_years(ctx, [year], staged=False)
    (budget,) = budgets_or_exit(found.loaded, fmt, locale)
    steps = applied(budget)
    unit = unit or budget.unit
    emit(
        fmt,
        output,
        found.loaded,
        locale,
        lambda: json_out.changes_data(found.loaded[0], budget, steps, unit),
        lambda: views.changes_table(budget, steps, unit, decimals),
        author=author,
    )
    raise typer.Exit(PROBLEMS if found.problems else OK)


@app.command(
    "follow",
    cls=TryggCommand,
    epilog=examples(
        "trygg follow 2021 huvudbok.se",
        "trygg follow 2021 jan-jun.se jul-aug.se --as-of 2021-08-31",
        "trygg follow 2021 huvudbok.se -o uppfoljning.xlsx",
        "trygg follow 2021 huvudbok.csv --format json --fail-over",
        "trygg follow 2021 huvudbok.se --by month --item sspf",
    ),
)
def follow(
    ctx: typer.Context,
    year: YearArgument,
    exports: FollowExportsArgument,
    as_of: FollowAsOfOption = None,
    unit: UnitOption = None,
    fmt: FormatOption = None,
    locale: LocaleOption = Locale.SV,
    decimals: FollowDecimalsOption = None,
    output: OutputOption = None,
    author: AuthorOption = None,
    sort: FollowSortOption = FollowOrder.FILE,
    fail_over: FollowFailOverOption = False,
    fail_forecast: FollowFailForecastOption = False,
    columns: FollowColumnsOption = None,
    by: FollowByOption = None,
    item: FollowItemOption = None,
    date_column: FollowDateColumnOption = None,
    amount_column: FollowAmountColumnOption = None,
    account_column: FollowAccountColumnOption = None,
    data_dir: DataDirOption = None,
) -> None:
    """A year's budget against the actuals in the accounting system's exports: the budget to date
    as it falls over the year, the actual to date and the variance, the forecast for the year and
    its variance, line by line."""
    from trygg_cli import follow as following
    from trygg_cli.exports import read_exports

    fmt = chosen_format(fmt, output, picture=by is not None)
    shown = following.columns(columns) if columns is not None else None
    day = date_option(as_of)
    found = named_years(ctx, [year], staged=False)  # the follow-up takes each change in force on its as-of date
    (budget,) = budgets_or_exit(found.loaded, fmt, locale)
    named = {"date": date_column, "amount": amount_column, "account": account_column}
    target = following.chosen_item(budget, item) if item is not None else None
    keep = target if by is None else None  # --item alone: the postings behind the line's figure
    actuals = read_exports(exports, budget, {what: name for what, name in named.items() if name}, keep=keep)
    said = [] if fmt is Format.JSON else [*actuals.notes, *actuals.problems]
    try:
        followup = following.follow(budget, actuals, day)
    except TryggError:  # no date to follow up to: the exports' problems may say why
        problem_lines(said, locale)
        raise
    lines = following.ordered(followup, sort)
    unit = unit or budget.unit
    paths = [str(path) for path in exports]
    data = lambda: json_out.follow_data(followup, unit, lines, found.loaded[0], paths, actuals=actuals)  # noqa: E731
    view = lambda: views.follow_table(followup, unit, decimals, lines, shown, fmt in formats.DATA)  # noqa: E731
    if keep is not None:
        behind = following.postings(budget, actuals, followup.as_of, keep)
        data = lambda: json_out.postings_data(behind, unit)  # noqa: E731
        view = lambda: views.postings_table(behind, unit, decimals)  # noqa: E731
    if by is not None:
        row = followup.total if target is None else followup.unallocated if target < 0 else followup.lines[target]
        months = following.by_month(budget, actuals, followup.as_of, target, row.forecast if row else None)
        data = lambda: json_out.by_month_data(months, unit)  # noqa: E731
        view = lambda: views.by_month_table(months, unit, decimals)  # noqa: E731
    if fmt is Format.SVG and by is not None:
        from trygg_cli.render.chart import write_month_svg

        picture = views.month_chart(months, unit, decimals)
        write_output(output, found.loaded, locale, lambda out: write_month_svg(picture, locale, out), reads=exports)
    else:
        emit(fmt, output, found.loaded, locale, data, view, reads=exports, author=author)
    problem_lines(said, locale)
    over = [line.name for line in followup.lines if line.over] if fail_over else []
    above = [line.name for line in followup.lines if line.over_forecast] if fail_forecast else []
    for reason, names in (("over-budget", over), ("over-forecast", above)):
        if names and fmt is not Format.JSON:
            err(text(locale, "trygg", message=text(locale, reason, names=", ".join(names))))
    failed = found.problems or actuals.problems or over or above
    raise typer.Exit(PROBLEMS if failed else OK)


@app.command(
    "chart", cls=TryggCommand, epilog=examples("trygg chart 2020 2021", "trygg chart 2020 2021 -o diagram.svg")
)
def chart(
    ctx: typer.Context,
    old: OldArgument,
    new: NewArgument,
    unit: UnitOption = None,
    fmt: ChartFormatOption = None,
    locale: LocaleOption = Locale.SV,
    decimals: DecimalsOption = None,
    output: OutputOption = None,
    as_of: StageAsOfOption = None,
    original: OriginalOption = False,
    data_dir: DataDirOption = None,
) -> None:
    """A bar chart of two years, item by item, in the terminal or as SVG."""
    from trygg_cli.render.chart import CHART_WRITERS

    found = named_years(ctx, [old, new], on=as_of, original=original)
    old_budget, new_budget = budgets_or_exit(found.loaded, None, locale)
    write = CHART_WRITERS[formats.chart_chosen(fmt, output, output is None and sys.stdout.isatty())]
    revs = [loaded.rev for loaded in found.loaded]
    drawn = views.chart_view(compare(old_budget, new_budget), unit or new_budget.unit, decimals, revs)
    write_output(output, found.loaded, locale, lambda out: write(drawn, locale, out))
    problem_lines(found.problems, locale)
    raise typer.Exit(PROBLEMS if found.problems else OK)


@app.command("years", cls=TryggCommand, epilog=examples("trygg years", "trygg years --format json"))
def years(
    ctx: typer.Context,
    fmt: FormatOption = None,
    locale: LocaleOption = Locale.SV,
    output: OutputOption = None,
    author: AuthorOption = None,
    data_dir: DataDirOption = None,
) -> None:
    """List the years in the data dir, each with its total and whether it validates."""
    fmt = chosen_format(fmt, output)
    found = named_years(ctx, None)
    loaded = found.loaded
    data = lambda: json_out.years_data(loaded)  # noqa: E731
    emit(fmt, output, loaded, locale, data, lambda: views.years_table(loaded), author=author)
    raise typer.Exit(PROBLEMS if found.problems else OK)


@app.command("schema", cls=TryggCommand, epilog=examples("trygg schema > budget.schema.json"))
def schema() -> None:
    """Print the JSON Schema of a year file, for editors that check YAML while it is typed."""
    from trygg_cli.schema import budget_schema

    json_out.write_nested_json(budget_schema(), sys.stdout)


def run() -> None:
    """The console script: `trygg` as a shell sees it."""
    gc.set_threshold(100_000, 50, 50)  # a run makes no reference cycles (README: Speed)
    # Like cat or grep, end quietly when the reader of a pipe goes away (`trygg diff | head -1`).
    if hasattr(signal, "SIGPIPE"):
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    # A terminal that cannot show å, ä, ö gets a ? for each, never a crash.
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="replace")
    try:
        app(prog_name="trygg")
    finally:
        # Spares the exit's cycle searches (README: Speed); streams still flush, handlers still run.
        gc.freeze()


def _textconv(path: Path, locale: Locale) -> NoReturn:
    """What git diff shows of a year file: its table where it loads, else its text as it is.
    git hands a temporary copy (/tmp/git-blob-XXXXXX/budget-2021.yaml or XXXXXX_budget-2021.yaml)."""
    from trygg_cli.render.text import write_textconv
    from trygg_cli.targets import read_file

    loaded, data = read_file(path)
    if loaded.budget is None:
        sys.stdout.write(data.decode("utf-8", errors="replace"))
    else:
        write_textconv(loaded.budget, locale, sys.stdout)
    if sys.stdout.isatty():  # run by hand, not by git: say how git runs it
        err(text(locale, "textconv.setup", trygg=shlex.quote(str(Path(sys.argv[0]).resolve()))))
    raise typer.Exit(OK)


# The other rooms' commands, registered after these (the order `trygg --help` lists them in).
from trygg_cli import cli_files, cli_git  # noqa: E402

__all__ = ["app", "cli_files", "cli_git", "run"]
