"""The `trygg` command: arguments in, one library call, one output out, an exit code back.

With `command_line` (the shape of the command line: its settings, group and command classes and
shared options), the only room that imports Typer, and the only one that does nothing else.
Exit codes: 0 all good; 1 the data has problems (or `diff --exit-code` found differences); 2
trygg could not run as asked (a `TryggError`, turned into exit 2 in one place, `TryggGroup`).

No `from __future__ import annotations` here: Typer reads each command's signature several
times while it builds the commands, and would evaluate string annotations each time.
"""

import gc
import io
import os
import shlex
import signal
import sys
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer

from trygg_cli import __version__, files
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
    ImportDryRunOption,
    ImportRemoveOption,
    ImportSheetArgument,
    LocaleOption,
    LogItemOption,
    NewArgument,
    NewForceOption,
    NewPreviousOption,
    NewYearArgument,
    NotesOption,
    OldArgument,
    OriginalOption,
    OutputOption,
    PublishBaseUrlOption,
    PublishFolderArgument,
    PublishLicenseOption,
    PublishTitleOption,
    ReviewBaseArgument,
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
    TryggGroup,
    UnitArgument,
    UnitOption,
    ValidateFormatOption,
    ValidateNamesArgument,
    YearArgument,
    examples,
    settings_of,
)
from trygg_cli.compare import Order, compare, select, side_by_side
from trygg_cli.follow import FollowOrder
from trygg_cli.model import Budget, Loaded, TryggError
from trygg_cli.render import formats, views
from trygg_cli.render import json as json_out
from trygg_cli.render.formats import Format, Report
from trygg_cli.render.locale import Locale
from trygg_cli.render.words import started_line, text

if TYPE_CHECKING:
    from trygg_cli import targets

OK, PROBLEMS = 0, 1


app = typer.Typer(
    name="trygg",
    help="Keep a municipal budget package in plain text, and check it.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    cls=TryggGroup,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


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
    found = _targets(ctx, names, folders=True, staged=False)
    _report(found.loaded, fmt, locale)
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
    fmt = _format(fmt, output)
    found = _targets(ctx, [old, new], on=as_of, original=original)
    old_budget, new_budget = _budgets_or_exit(found.loaded, fmt, locale)
    comparison = compare(old_budget, new_budget)
    shown = select(comparison, sort, only_changed)
    unit = unit or new_budget.unit
    revs = [loaded.rev for loaded in found.loaded]
    _emit(
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
        "trygg show 2021 --share --notes",
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
    fmt = _format(fmt, output)
    found = _targets(ctx, [year], on=as_of, original=original)
    (budget,) = _budgets_or_exit(found.loaded, fmt, locale)
    unit = unit or budget.unit
    ids = fmt in formats.DATA
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
    _emit(fmt, output, found.loaded, locale, data, view, author=author)
    if fmt is not Format.JSON:
        _err(_summary(found.loaded, locale))
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
    _write(
        output,
        loaded,
        locale,
        lambda out: write_sie(made, getattr(out, "buffer", out), date.today(), __version__),  # stdout: its bytes
        True,
        [like] if like else [],
    )
    _problem_lines(made.notes, locale)
    _err(_summary(loaded, locale))


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
    fmt = _format(fmt, output)
    found = _targets(ctx, names, on=as_of, original=original)
    budgets = _budgets_or_exit(found.loaded, fmt, locale)
    grid = side_by_side(budgets)
    unit = unit or budgets[0].unit
    revs = [loaded.rev for loaded in found.loaded]
    _emit(
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

    fmt = _format(fmt, output)
    found = _targets(ctx, [year], staged=False)
    (budget,) = _budgets_or_exit(found.loaded, fmt, locale)
    steps = applied(budget)
    unit = unit or budget.unit
    _emit(
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

    fmt = _format(fmt, output, picture=by is not None)
    shown = following.columns(columns) if columns is not None else None
    day = _date_option(as_of)
    found = _targets(ctx, [year], staged=False)  # the follow-up takes each change in force on its as-of date
    (budget,) = _budgets_or_exit(found.loaded, fmt, locale)
    named = {"date": date_column, "amount": amount_column, "account": account_column}
    target = following.chosen_item(budget, item) if item is not None else None
    keep = target if by is None else None  # --item alone: the postings behind the line's figure
    actuals = read_exports(exports, budget, {what: name for what, name in named.items() if name}, keep=keep)
    said = [] if fmt is Format.JSON else [*actuals.notes, *actuals.problems]
    try:
        followup = following.follow(budget, actuals, day)
    except TryggError:  # no date to follow up to: the exports' problems may say why
        _problem_lines(said, locale)
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
        _write(output, found.loaded, locale, lambda out: write_month_svg(picture, locale, out), reads=exports)
    else:
        _emit(fmt, output, found.loaded, locale, data, view, reads=exports, author=author)
    _problem_lines(said, locale)
    over = [line.name for line in followup.lines if line.over] if fail_over else []
    above = [line.name for line in followup.lines if line.over_forecast] if fail_forecast else []
    for reason, names in (("over-budget", over), ("over-forecast", above)):
        if names and fmt is not Format.JSON:
            _err(text(locale, "trygg", message=text(locale, reason, names=", ".join(names))))
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

    found = _targets(ctx, [old, new], on=as_of, original=original)
    old_budget, new_budget = _budgets_or_exit(found.loaded, None, locale)
    write = CHART_WRITERS[formats.chart_chosen(fmt, output, output is None and sys.stdout.isatty())]
    revs = [loaded.rev for loaded in found.loaded]
    drawn = views.chart_view(compare(old_budget, new_budget), unit or new_budget.unit, decimals, revs)
    _write(output, found.loaded, locale, lambda out: write(drawn, locale, out))
    _problem_lines(found.problems, locale)
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
    fmt = _format(fmt, output)
    found = _targets(ctx, None)
    loaded = found.loaded
    data = lambda: json_out.years_data(loaded)  # noqa: E731
    _emit(fmt, output, loaded, locale, data, lambda: views.years_table(loaded), author=author)
    raise typer.Exit(PROBLEMS if found.problems else OK)


@app.command(
    "new",
    cls=TryggCommand,
    epilog=examples("trygg new 2022", "trygg new 2022 --from 2020", "trygg --data-dir annan/ new 2022"),
)
def new(
    ctx: typer.Context,
    year: NewYearArgument,
    previous: NewPreviousOption = None,
    force: NewForceOption = False,
    locale: LocaleOption = Locale.SV,
    data_dir: DataDirOption = None,
) -> None:
    """Start a year's file from an earlier one (the same items, amounts and total, ready to edit), or
    the first year from a template."""
    from trygg_cli import rollover

    template = text(locale, "template", year=year).encode("utf-8")

    def header(origin: rollover.Origin) -> list[str]:
        counted = text(locale, "changes.one" if origin.applied == 1 else "changes.many", count=origin.applied)
        changes = text(locale, "new.changes", previous=origin.previous, changes=counted) if origin.applied else ""
        said = [
            text(
                locale,
                "new.header",
                year=origin.year,
                source=origin.source,
                previous=origin.previous,
                today=origin.today,
            )
        ]
        return [*said, *([changes] if changes else []), text(locale, "new.edit", year=origin.year)]

    started = rollover.start(
        year, settings_of(ctx).data_dir, previous, template, date.today(), force=force, header=header
    )
    if started.result is None and started.previous is not None:  # the year it starts from has problems
        _report([started.previous], Report.TEXT, locale)
        _err(text(locale, "trygg", message=text(locale, "has-problems", path=started.previous.path, year=year)))
        raise typer.Exit(PROBLEMS)
    if not started.ready:  # a bug in trygg, never a user's mistake
        _report([started.result] if started.result else [], Report.TEXT, locale)
        _fail("made-invalid", year=year)
    rollover.write(started, force=force)
    typer.echo(str(started.target))
    for dropped in started.dropped:
        _err(text(locale, "new.dropped", id=dropped.id, key=dropped.key, day=dropped.day, year=year))
    if started.previous is None or started.previous.budget is None:
        _err(text(locale, "started.template", year=year))
    else:
        from trygg_cli.amendments import in_force

        was = in_force(started.previous.budget)
        items, total = len(was.items), was.total
        _err(
            started_line(locale, year=int(year), source=started.previous.path, items=items, total=total, unit=was.unit)
        )


@app.command("unit", cls=TryggCommand, epilog=examples("trygg unit 2021 tkr", "trygg unit data/budget-2022.yaml mkr"))
def unit_command(
    ctx: typer.Context,
    year: YearArgument,
    to: UnitArgument,
    locale: LocaleOption = Locale.SV,
    data_dir: DataDirOption = None,
) -> None:
    """Write a year file's amounts in another unit (kr, tkr or mkr), exactly; every comment, note
    and line that holds no amount stays as it was."""
    from trygg_cli import units
    from trygg_cli.targets import read_file

    found = _targets(ctx, [year], staged=False)
    loaded = found.loaded[0]
    if loaded.rev is not None or loaded.path == "<stdin>":
        _fail("unit-not-a-file", target=year)
    if loaded.budget is None or loaded.problems:
        _report(found.loaded, None, locale)
        raise typer.Exit(PROBLEMS)
    _, data = read_file(loaded.path)
    new = units.rewritten(data, loaded.budget, to, loaded.path)
    files.write_atomic(Path(loaded.path), new, replace=True)
    typer.echo(loaded.path)
    _err(text(locale, "unit.done", path=loaded.path, before=loaded.budget.unit.value, unit=to.value))


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

    fmt = _format(fmt, output)
    path, number = targets.year_path(year, settings_of(ctx).data_dir)
    found = history(*revisions.versions(path), str(path), item)
    json_data, view = (lambda: json_out.log_data(found, number, str(path))), (lambda: views.log_table(found, number))
    _emit(fmt, output, [], locale, json_data, view, author=author)
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


@app.command(
    "publish",
    cls=TryggCommand,
    epilog=examples(
        "trygg publish site/",
        "trygg publish site/ --locale en --license CC-BY-4.0 --base-url https://example.se/trygghet/",
    ),
)
def publish(
    ctx: typer.Context,
    folder: PublishFolderArgument,
    locale: LocaleOption = Locale.SV,
    license: PublishLicenseOption = "CC0-1.0",
    base_url: PublishBaseUrlOption = None,
    title: PublishTitleOption = None,
    data_dir: DataDirOption = None,
) -> None:
    """Publish every year of the data dir as open data in DIR: budget.csv, years.csv, changes.csv,
    budget.json, a Data Package (datapackage.json) and a page anyone can read (index.html)."""
    from trygg_cli import publish as publishing
    from trygg_cli.render.publication import publication_files

    chosen = publishing.chosen_license(license)
    publishing.check_url(base_url)
    before = publishing.claim(folder)
    loaded, strays = publishing.read_years(settings_of(ctx).data_dir)
    _name_strays(strays, locale)
    found = publishing.publication(loaded, chosen, title=title, base_url=base_url)
    made = publication_files(found, locale)
    publishing.replace_files(folder, made, before)
    _problem_lines(found.problems, locale)
    _err(text(locale, "publish.wrote", count=len(made), folder=folder))
    raise typer.Exit(PROBLEMS if found.problems else OK)


@app.command(
    "import",
    cls=TryggCommand,
    epilog=examples(
        "trygg show 2021 -o 2021.xlsx && trygg import 2021 2021.xlsx",
        "trygg import 2021 förslag.csv --dry-run",
        "trygg import 2021 2021.xlsx --remove",
    ),
)
def import_(
    ctx: typer.Context,
    year: YearArgument,
    sheet: ImportSheetArgument,
    remove: ImportRemoveOption = False,
    dry_run: ImportDryRunOption = False,
    unit: UnitOption = None,
    locale: LocaleOption = Locale.SV,
    data_dir: DataDirOption = None,
) -> None:
    """Write the edits of a sheet that trygg show wrote (xlsx or CSV, with its Id column) into the
    year file: only the values that changed, every comment and note kept; nothing is written
    unless the result validates."""
    from trygg_cli import importing, targets
    from trygg_cli.amendments import in_force
    from trygg_cli.check import checked

    path, _ = targets.year_path(year, settings_of(ctx).data_dir)
    loaded, data = targets.read_file(path)
    loaded = checked(loaded)
    (budget,) = _budgets_or_exit([loaded], None, locale)
    read = importing.read_sheet(sheet, budget.year, budget.unit)
    result = importing.imported(loaded, data, read, remove=remove)
    if result.problems:
        _problem_lines(result.problems, locale)
        _err(text(locale, "trygg", message=text(locale, "import.refused", path=path, sheet=sheet)))
        raise typer.Exit(PROBLEMS)
    assert result.result is not None
    after = result.result
    for item_id in result.missing:
        _err(text(locale, "import.removed" if remove else "import.missing", id=item_id, path=sheet))
    if dry_run and after.budget is not None:
        from trygg_cli.render.registry import writer

        comparison = compare(in_force(budget), in_force(after.budget))
        writer(_format(None, None)).write(views.import_table(comparison, unit or budget.unit), locale, sys.stdout)
    if dry_run or after.problems or after.budget is None:
        if after.problems:
            _report([after], Report.TEXT, locale)
            _err(text(locale, "trygg", message=text(locale, "import.refused", path=path, sheet=sheet)))
            raise typer.Exit(PROBLEMS)
        raise typer.Exit(OK)
    if not result.changed:
        _err(text(locale, "import.unchanged", path=path, sheet=sheet))
        raise typer.Exit(OK)
    try:
        files.write_atomic(path, result.data, replace=True)
    except OSError as error:
        _fail("cannot-write", path=path, why=error.strerror or str(error))
    _err(text(locale, "wrote", path=path))
    raise typer.Exit(OK)


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
        _err(text(locale, "textconv.setup", trygg=shlex.quote(str(Path(sys.argv[0]).resolve()))))
    raise typer.Exit(OK)


# Helpers shared by the commands: one each for loading targets, reporting problems, choosing the
# format, writing the output, and stopping. -------------------------------------------------


def _targets(
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
    day = _date_option(on)
    found = targets.load_targets(names, settings.data_dir, sys.stdin.buffer.read, folders=folders)
    if staged:
        found = targets.staged(found, day, original=original)
    _name_strays(found.strays, settings.locale)
    return found


def _name_strays(strays: Sequence[files.Stray], locale: Locale) -> None:
    """The data dir's files that are not read as years, a line each on stderr."""
    for stray in strays:
        if stray.kept is not None:
            _err(text(locale, "stray.duplicate", path=stray.path, kept=stray.kept, year=stray.year))
        else:
            _err(text(locale, "stray", path=stray.path))


def _budgets_or_exit(results: Sequence[Loaded], fmt: Format | None, locale: Locale) -> list[Budget]:
    """The budgets, or (if any file does not load) its problems reported as validate would, and exit 1."""
    budgets = [loaded.budget for loaded in results]
    if all(budget is not None for budget in budgets):
        return [budget for budget in budgets if budget is not None]
    _report(results, Report.JSON if fmt is Format.JSON else None, locale)
    raise typer.Exit(PROBLEMS)


def _report(results: Sequence[Loaded], fmt: Report | None, locale: Locale) -> None:
    """Problems as validate reports them (render/reporters: text, GitHub annotations, JSON)."""
    from trygg_cli.render.reporters import registry

    registry.report(results, registry.chosen(fmt, os.environ), locale, sys.stdout, sys.stderr)


def _problem_lines(problems: Sequence[Any], locale: Locale) -> None:
    """Problems beside a table: a line each on stderr."""
    from trygg_cli.render.reporters.text import write_lines

    write_lines(problems, locale, sys.stderr)


def _summary(results: Sequence[Loaded], locale: Locale) -> str:
    from trygg_cli.render.reporters.text import summary_line

    return summary_line(list({id(loaded): loaded for loaded in results}.values()), locale)


def _format(fmt: Format | None, output: Path | None, *, picture: bool = False) -> Format:
    return formats.chosen(fmt, output, sys.stdout.isatty(), picture=picture)


def _date_option(value: str | None) -> date | None:
    """--as-of: a date, or stop and say how to write one."""
    from trygg_cli.rules import as_of

    return None if value is None else as_of(value)


def _emit(
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
        _write(output, results, locale, lambda out: json_out.write_json(data(), out), reads=reads)
        return
    if fmt is Format.SVG:
        _fail("svg-table")
    if fmt is Format.SIE:
        _fail("sie-table")
    from trygg_cli.render.registry import writer

    chosen = writer(fmt)
    if chosen.binary and output is None:
        _fail("needs-output", format=fmt.value)

    def write(out: Any) -> None:
        view = table()
        chosen.write(view if author is None else replace(view, author=author), locale, out)

    _write(output, results, locale, write, chosen.binary, reads)
    _problem_lines([problem for loaded in {id(x): x for x in results}.values() for problem in loaded.problems], locale)


def _write(
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
        _fail("reads-input", path=output)
    try:
        files.write_atomic(output, data, replace=True)
    except OSError as error:
        _fail("cannot-write", path=output, why=error.strerror or str(error))
    _err(text(locale, "wrote", path=output))


def _err(message: str) -> None:
    typer.echo(message, err=True)


def _fail(reason: str, **figures: Any) -> NoReturn:
    """Stop: trygg cannot run as asked. Said in one place, `TryggGroup`, in the run's language."""
    raise TryggError(reason, **figures)
