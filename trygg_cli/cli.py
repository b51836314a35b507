"""The `trygg` command: arguments in, library calls, rendered text out, an exit code back.

The only room that imports Typer. Exit codes: 0 all good; 1 the data has problems (or
`diff --exit-code` found differences); 2 trygg could not run as asked (a `TryggError`, turned
into exit 2 in one place, `TryggGroup`).

No `from __future__ import annotations` here: Typer reads each command's signature several
times while it builds the commands, and would evaluate string annotations each time.
"""

import gc
import io
import os
import signal
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer
from typer.core import TyperCommand, TyperGroup

from trygg_cli import __version__, files, revisions, rules
from trygg_cli.check import checked
from trygg_cli.compare import Order, compare, select, side_by_side
from trygg_cli.follow import FollowOrder
from trygg_cli.load import load_data, load_file, read_file
from trygg_cli.model import Actuals, Budget, Loaded, TryggError, Unit
from trygg_cli.render import json as json_out
from trygg_cli.render import report, views
from trygg_cli.render.formats import ChartFormat, Format, Report
from trygg_cli.render.locale import Locale
from trygg_cli.render.locale import parse as parse_locale
from trygg_cli.render.words import error_message, started_line, text

OK, PROBLEMS, CANNOT_RUN = 0, 1, 2


@dataclass(slots=True)
class Settings:
    """What the options of a run said, for the helpers below: set as the options are read."""

    data_dir: Path = Path("data")
    locale: Locale = Locale.SV
    json: bool = False  # a JSON run answers with one JSON document, even when it cannot run


class TryggGroup(TyperGroup):
    """trygg's commands: whatever could not run as asked (`TryggError`) ends here, as one line on
    stderr (or, under --format json, one JSON document on stdout) and exit 2."""

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except TryggError as error:
            settings: Settings = ctx.find_root().obj or Settings()
            if settings.json:
                message = error_message(error, Locale.EN)
                json_out.write_json({"ok": False, "error": {"code": error.code, "message": message}}, sys.stdout)
            else:
                _err(text(settings.locale, "trygg", message=error_message(error, settings.locale)))
            raise typer.Exit(CANNOT_RUN) from None


class TryggCommand(TyperCommand):
    """A command whose help reads cleanly: arguments by name in the usage line, no types beside
    them, and examples at the end."""

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        pieces = [self.options_metavar] if self.options_metavar else []
        for param in self.get_params(ctx):
            if param.param_type_name == "argument":
                name = param.metavar or (param.name or "").upper()
                pieces.append(name if param.required else f"[{name}]")
        return pieces

    def format_options(self, ctx: Any, formatter: Any) -> None:
        arguments = [
            (param.metavar or (param.name or "").upper(), getattr(param, "help", "") or "")
            for param in self.get_params(ctx)
            if param.param_type_name == "argument"
        ]
        options = [
            record
            for param in self.get_params(ctx)
            if param.param_type_name == "option"
            if (record := param.get_help_record(ctx)) is not None
        ]
        if arguments:
            with formatter.section("Arguments"):
                formatter.write_dl(arguments)
        with formatter.section("Options"):
            formatter.write_dl(options)


def examples(*lines: str) -> str:
    """A command's help ends with these, kept as written (click's \\b)."""
    return "Examples:\n\n\b\n" + "\n".join(f"  {line}" for line in lines)


app = typer.Typer(
    name="trygg",
    help="Keep a municipal budget package in plain text, and check it.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    cls=TryggGroup,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _complete_year(ctx: typer.Context, incomplete: str) -> list[str]:
    """Shell completion for YEAR: the years that have a file in the data dir."""
    data_dir = ctx.find_root().params.get("data_dir") or Path(os.environ.get("TRYGG_DATA_DIR", "data"))
    return [str(year) for year in files.years(Path(data_dir)) if str(year).startswith(incomplete)]


def _settings(ctx: typer.Context) -> Settings:
    root = ctx.find_root()
    if root.obj is None:
        root.obj = Settings()
    settings: Settings = root.obj
    return settings


def _note_format(ctx: typer.Context, value: Format | Report | None) -> Format | Report | None:
    _settings(ctx).json = value in (Format.JSON, Report.JSON)
    return value


def _note_locale(ctx: typer.Context, value: Locale | str | None) -> Locale:
    """The locale from any spelling people have in their environment (sv_SE.UTF-8 …)."""
    locale = value if isinstance(value, Locale) else parse_locale(value) if value else Locale.SV
    if locale is None:
        raise typer.BadParameter(text(Locale.EN, "bad-locale", value=value))
    _settings(ctx).locale = locale
    return locale


def _note_data_dir(ctx: typer.Context, value: Path | None) -> Path | None:
    if value is not None:  # given after the command, it counts as if given before it
        _settings(ctx).data_dir = value
    return value


FORMATS = (
    "rich (default on a terminal), plain (default when piped), markdown, html, csv, xlsx, docx, json, or one of "
    "tabulate's: grid, simple_grid, rounded_grid, fancy_grid, orgtbl, rst, mediawiki, latex, latex_booktabs, "
    "asciidoc, jira, textile, tsv. With --output, the file's suffix chooses."
)
FormatOption = Annotated[
    Format | None,
    typer.Option(
        "--format",
        "-f",
        metavar="FORMAT",
        help=FORMATS,
        case_sensitive=False,
        show_default=False,
        callback=_note_format,
    ),
]
UnitOption = Annotated[
    Unit | None,
    typer.Option(
        "--unit",
        "-u",
        metavar="kr|tkr|mkr",
        help="Show amounts in kr, tkr or mkr (default: the file's own unit).",
        case_sensitive=False,
        show_default=False,
    ),
]
LocaleOption = Annotated[
    Locale,
    typer.Option(
        "--locale",
        "-l",
        metavar="sv|en",
        envvar="TRYGG_LOCALE",
        help="sv (the default): Swedish messages and labels, 1 234,5; en: English, 1,234.5. "
        "sv_SE, sv-SE.UTF-8, en_GB and the like work too.",
        parser=lambda value: value,
        callback=_note_locale,
        show_default=False,
    ),
]
DataDirOption = Annotated[
    Path | None,
    typer.Option(
        "--data-dir",
        metavar="DIR",
        help="The folder that holds budget-YYYY.yaml (default: ./data, or TRYGG_DATA_DIR).",
        show_default=False,
        callback=_note_data_dir,
    ),
]
DecimalsOption = Annotated[
    int | None,
    typer.Option(
        "--decimals",
        "-d",
        metavar="N",
        min=0,
        max=6,
        help="Round amounts to N places (0 to 6) for display, half up; sums are exact, then rounded. "
        "Default: every amount exactly, at least one place in mkr.",
        show_default=False,
    ),
]
OutputOption = Annotated[
    Path | None,
    typer.Option(
        "--output",
        "-o",
        metavar="FILE",
        help="Write to FILE (atomically: a finished file or none) instead of stdout; its suffix picks the "
        "format (.docx .xlsx .csv .html .md .json .tex .tsv .txt).",
        show_default=False,
        dir_okay=False,
    ),
]
ShareOption = Annotated[bool, typer.Option("--share", help="Show each item's share of its year's package (andel %).")]


# A CSV or xlsx export's columns, by their headers, where trygg does not know them.
DateColumnOption = Annotated[
    str | None,
    typer.Option(
        "--date-column",
        metavar="HEADER",
        help="The date column of a CSV or xlsx export, where it is not Datum, Bokföringsdatum or Date.",
        show_default=False,
    ),
]
AmountColumnOption = Annotated[
    str | None,
    typer.Option(
        "--amount-column",
        metavar="HEADER",
        help="The amount column of a CSV or xlsx export, where it is not Belopp or Amount (or Debet and Kredit).",
        show_default=False,
    ),
]
AccountColumnOption = Annotated[
    str | None,
    typer.Option(
        "--account-column",
        metavar="HEADER",
        help="The account column of a CSV or xlsx export, where it is not Konto or Account.",
        show_default=False,
    ),
]
NotesOption = Annotated[bool, typer.Option("--notes", help="Show the items' notes as numbered footnotes.")]
YearArgument = Annotated[
    str,
    typer.Argument(
        metavar="YEAR", help="A year (2021) or a budget file.", show_default=False, autocompletion=_complete_year
    ),
]
OldArgument = Annotated[
    str,
    typer.Argument(
        metavar="OLD", help="The earlier year (2020) or its file.", show_default=False, autocompletion=_complete_year
    ),
]
NewArgument = Annotated[
    str,
    typer.Argument(
        metavar="NEW", help="The later year (2021) or its file.", show_default=False, autocompletion=_complete_year
    ),
]


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
    _settings(ctx).data_dir = data_dir


@app.command(
    "validate",
    cls=TryggCommand,
    epilog=examples("trygg validate", "trygg validate 2021 --locale en", "trygg validate data/ --format json"),
)
def validate(
    ctx: typer.Context,
    targets: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="YEAR|PATH...",
            show_default=False,
            help="Years, files or folders (default: every budget-YYYY.yaml in the data dir).",
            autocompletion=_complete_year,
        ),
    ] = None,
    fmt: Annotated[
        Report | None,
        typer.Option(
            "--format",
            "-f",
            help="text (the default), json, or github: GitHub Actions annotations (the default when "
            "GITHUB_ACTIONS=true).",
            case_sensitive=False,
            show_default=False,
            metavar="text|json|github",
            callback=_note_format,
        ),
    ] = None,
    locale: LocaleOption = Locale.SV,
    data_dir: DataDirOption = None,
) -> None:
    """Check that each year is well formed and its items add up to its total exactly."""
    results = _load(targets or _every_year(ctx), ctx, folders=True)
    _report(results, _report_format(fmt), locale)
    raise typer.Exit(PROBLEMS if any(loaded.problems for loaded in results) else OK)


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
    share: ShareOption = False,
    notes: NotesOption = False,
    sort: Annotated[
        Order,
        typer.Option(
            "--sort",
            metavar="file|change|amount",
            case_sensitive=False,
            help="Rows in the file's order, by change (largest first) or by amount.",
        ),
    ] = Order.FILE,
    only_changed: Annotated[bool, typer.Option("--only-changed", help="Leave out items that did not change.")] = False,
    exit_code: Annotated[
        bool, typer.Option("--exit-code", help="Exit 1 if anything differs, as git diff --exit-code does.")
    ] = False,
    data_dir: DataDirOption = None,
) -> None:
    """Compare two years item by item: amounts, change and change %, and a Summa row."""
    fmt = _format(fmt, output)
    results = _load([old, new], ctx)
    old_budget, new_budget = _budgets_or_exit(results, fmt, locale)
    comparison = compare(old_budget, new_budget)
    shown = select(comparison, sort, only_changed)
    unit = unit or new_budget.unit
    problems = [problem for loaded in _unique(results) for problem in loaded.problems]
    _emit(
        fmt,
        output,
        results,
        locale,
        lambda: json_out.diff_data(shown, unit, results, problems),
        lambda: views.diff_table(
            shown,
            unit,
            views.Options(decimals, share, notes),
            comparison if only_changed else None,
            [loaded.rev for loaded in results],
        ),
    )
    raise typer.Exit(PROBLEMS if problems or (exit_code and comparison.differs) else OK)


@app.command(
    "show",
    cls=TryggCommand,
    epilog=examples("trygg show 2021", "trygg show 2021 --share --notes", "trygg show 2021 --unit tkr -o 2021.xlsx"),
)
def show(
    ctx: typer.Context,
    year: YearArgument,
    unit: UnitOption = None,
    fmt: FormatOption = None,
    locale: LocaleOption = Locale.SV,
    decimals: DecimalsOption = None,
    output: OutputOption = None,
    share: ShareOption = False,
    notes: NotesOption = False,
    data_dir: DataDirOption = None,
    textconv: Annotated[
        bool,
        typer.Option(
            "--textconv",
            help="For git diff (diff.trygg.textconv): the plain table, or the file's own text where it "
            "does not load; nothing on stderr, exit 0, so git diff never breaks.",
        ),
    ] = False,
) -> None:
    """Print one year's items and total, and whether it validates."""
    if textconv:
        _textconv(Path(year), locale)
    fmt = _format(fmt, output)
    results = _load([year], ctx)
    (budget,) = _budgets_or_exit(results, fmt, locale)
    unit = unit or budget.unit
    _emit(
        fmt,
        output,
        results,
        locale,
        lambda: json_out.show_data(results[0], budget, unit),
        lambda: views.show_table(budget, unit, views.Options(decimals, share, notes)),
    )
    if fmt is not Format.JSON:
        _err(report.summary_line(results, locale))
    raise typer.Exit(PROBLEMS if results[0].problems else OK)


@app.command(
    "table",
    cls=TryggCommand,
    epilog=examples(
        "trygg table 2021 2020", "trygg table 2021 2020 -o tabell.docx", "trygg table 2019 2020 2021 --change"
    ),
)
def table(
    ctx: typer.Context,
    targets: Annotated[
        list[str],
        typer.Argument(
            metavar="YEAR...",
            help="Years (or files) in the order wanted: `trygg table 2021 2020` is the paper's table.",
            show_default=False,
            autocompletion=_complete_year,
        ),
    ],
    unit: UnitOption = None,
    fmt: FormatOption = None,
    locale: LocaleOption = Locale.SV,
    decimals: DecimalsOption = None,
    output: OutputOption = None,
    share: ShareOption = False,
    notes: NotesOption = False,
    change: Annotated[
        bool, typer.Option("--change", help="Show each year's change from the year before it (by year).")
    ] = False,
    data_dir: DataDirOption = None,
) -> None:
    """Several years side by side, in the order given, one row per item and a Summa row."""
    fmt = _format(fmt, output)
    results = _load(targets, ctx)
    budgets = _budgets_or_exit(results, fmt, locale)
    grid = side_by_side(budgets)
    unit = unit or budgets[0].unit
    problems = [problem for loaded in _unique(results) for problem in loaded.problems]
    _emit(
        fmt,
        output,
        results,
        locale,
        lambda: json_out.side_by_side_data(grid, unit, results, problems),
        lambda: views.side_by_side_table(
            grid, unit, views.Options(decimals, share, notes, change), [loaded.rev for loaded in results]
        ),
    )
    raise typer.Exit(PROBLEMS if problems else OK)


@app.command(
    "follow",
    cls=TryggCommand,
    epilog=examples(
        "trygg follow 2021 huvudbok.se",
        "trygg follow 2021 jan-jun.se jul-aug.se --as-of 2021-08-31",
        "trygg follow 2021 huvudbok.se -o uppfoljning.xlsx",
        "trygg follow 2021 huvudbok.csv --format json --fail-over",
    ),
)
def follow(
    ctx: typer.Context,
    year: YearArgument,
    exports: Annotated[
        list[Path],
        typer.Argument(
            metavar="EXPORT...",
            help="The accounting system's exports: SIE 4 (.se .si .sie), .csv or .xlsx; several are read as one.",
            show_default=False,
        ),
    ],
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of",
            metavar="YYYY-MM-DD",
            help="Follow up to this date (default: the latest voucher date of the year in the exports).",
            show_default=False,
        ),
    ] = None,
    unit: UnitOption = None,
    fmt: FormatOption = None,
    locale: LocaleOption = Locale.SV,
    decimals: Annotated[
        int | None,
        typer.Option(
            "--decimals",
            "-d",
            metavar="N",
            min=0,
            max=6,
            help="Round amounts to N places (0 to 6) for display, half up (default: as many as the budget "
            "column needs in tkr and mkr, öre in kr); sums are exact, then rounded.",
            show_default=False,
        ),
    ] = None,
    output: OutputOption = None,
    sort: Annotated[
        FollowOrder,
        typer.Option(
            "--sort",
            metavar="file|used|variance|actual",
            case_sensitive=False,
            help="Rows in the file's order, by % used, by variance (most over first) or by actual.",
        ),
    ] = FollowOrder.FILE,
    fail_over: Annotated[
        bool, typer.Option("--fail-over", help="Exit 1 if any line has spent more than its budget (for CI).")
    ] = False,
    date_column: DateColumnOption = None,
    amount_column: AmountColumnOption = None,
    account_column: AccountColumnOption = None,
    data_dir: DataDirOption = None,
) -> None:
    """A year's budget against the actuals in the accounting system's exports: spent so far, % used,
    what is left, the forecast for the year and the variance, line by line."""
    from trygg_cli.exports import read_exports
    from trygg_cli.follow import follow as follow_up
    from trygg_cli.follow import ordered

    fmt = _format(fmt, output)
    day = _date_option(as_of)
    results = _load([year], ctx)
    (budget,) = _budgets_or_exit(results, fmt, locale)
    named = {"date": date_column, "amount": amount_column, "account": account_column}
    actuals = read_exports(exports, budget, {what: name for what, name in named.items() if name})
    try:
        followup = follow_up(budget, actuals, day)
    except TryggError:  # no date to follow up to: the exports' problems may say why
        if fmt is not Format.JSON:
            _warn_exports(actuals, locale)
        raise
    lines = ordered(followup, sort)
    unit = unit or budget.unit
    _emit(
        fmt,
        output,
        results,
        locale,
        lambda: json_out.follow_data(
            followup, unit, lines, results[0], [str(path) for path in exports], actuals=actuals
        ),
        lambda: views.follow_table(followup, unit, decimals, lines),
        reads=exports,
    )
    if fmt is not Format.JSON:
        _warn_exports(actuals, locale)
        over = sum(line.over for line in followup.lines)
        if fail_over and over:
            _err(text(locale, "trygg", message=text(locale, "over-budget", count=over)))
    failed = results[0].problems or actuals.problems or (fail_over and followup.over)
    raise typer.Exit(PROBLEMS if failed else OK)


def _warn_exports(actuals: Actuals, locale: Locale) -> None:
    for problem in (*actuals.notes, *actuals.problems):
        _err(report.problem_line(problem, locale))


def _date_option(value: str | None) -> date | None:
    """--as-of: a date, or stop and say how to write one."""
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        _fail("bad-as-of", value=value)


@app.command(
    "chart", cls=TryggCommand, epilog=examples("trygg chart 2020 2021", "trygg chart 2020 2021 -o diagram.svg")
)
def chart(
    ctx: typer.Context,
    old: OldArgument,
    new: NewArgument,
    unit: UnitOption = None,
    fmt: Annotated[
        ChartFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="rich (default on a terminal), plain (default when piped) or svg (a picture for a document).",
            case_sensitive=False,
            show_default=False,
            metavar="rich|plain|svg",
        ),
    ] = None,
    locale: LocaleOption = Locale.SV,
    decimals: DecimalsOption = None,
    output: OutputOption = None,
    data_dir: DataDirOption = None,
) -> None:
    """A bar chart of two years, item by item, in the terminal or as SVG."""
    from trygg_cli.render.chart import write_chart

    results = _load([old, new], ctx)
    old_budget, new_budget = _budgets_or_exit(results, None, locale)
    comparison = compare(old_budget, new_budget)
    if output is not None and fmt is None and output.suffix.lower() not in (".svg", ".txt"):
        _fail("chart-svg", path=output)
    if fmt is None:  # an .svg file wants a picture; a terminal colour; anything else plain text
        svg = output is not None and output.suffix.lower() == ".svg"
        terminal = output is None and sys.stdout.isatty()
        fmt = ChartFormat.SVG if svg else ChartFormat.RICH if terminal else ChartFormat.PLAIN
    chosen = fmt
    _write(
        output,
        results,
        locale,
        lambda out: write_chart(
            comparison,
            unit or new_budget.unit,
            chosen,
            out,
            locale=locale,
            decimals=decimals,
            revs=(results[0].rev, results[1].rev),
        ),
    )
    _warn(results, locale)
    raise typer.Exit(PROBLEMS if any(loaded.problems for loaded in results) else OK)


@app.command("years", cls=TryggCommand, epilog=examples("trygg years", "trygg years --format json"))
def years(
    ctx: typer.Context,
    fmt: FormatOption = None,
    locale: LocaleOption = Locale.SV,
    output: OutputOption = None,
    data_dir: DataDirOption = None,
) -> None:
    """List the years in the data dir, each with its total and whether it validates."""
    fmt = _format(fmt, output)
    results = _load(_every_year(ctx), ctx)
    _emit(fmt, output, results, locale, lambda: json_out.years_data(results), lambda: views.years_table(results))
    raise typer.Exit(PROBLEMS if any(loaded.problems for loaded in results) else OK)


@app.command(
    "new",
    cls=TryggCommand,
    epilog=examples("trygg new 2022", "trygg new 2022 --from 2020", "trygg --data-dir annan/ new 2022"),
)
def new(
    ctx: typer.Context,
    year: Annotated[str, typer.Argument(metavar="YEAR", help="The year to start, such as 2022.", show_default=False)],
    previous: Annotated[
        str | None,
        typer.Option(
            "--from",
            metavar="PREV",
            help="The year (or file) to start from (default: the latest earlier year in the data dir).",
            show_default=False,
            autocompletion=_complete_year,
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace the year's file if it exists.")] = False,
    locale: LocaleOption = Locale.SV,
    data_dir: DataDirOption = None,
) -> None:
    """Start a year's file from an earlier one (the same items, amounts and total, ready to edit), or
    the first year from a template."""
    from datetime import date

    from trygg_cli import rollover

    folder = _settings(ctx).data_dir
    if not rules.YEAR_PATTERN.fullmatch(year):
        _fail("not-a-year", year=year)
    target = files.year_file(folder, year)
    if target.exists() and not force:
        _fail("exists", path=target)
    source = files.resolve(previous, folder) if previous else _latest_before(int(year), folder)
    if source is None:  # the first year: a template to fill in
        new_data = text(locale, "template", year=year).encode("utf-8")
        result = checked(load_data(new_data, str(target)))
        said = text(locale, "started.template", year=year)
    else:
        loaded, data = read_file(source)
        loaded = checked(loaded)
        if loaded.budget is None or loaded.problems:
            _report([loaded], Report.TEXT, locale)
            _err(text(locale, "trygg", message=text(locale, "has-problems", path=source, year=year)))
            raise typer.Exit(PROBLEMS)
        new_data, result = rollover.roll_over(loaded, data, int(year), str(target), date.today())
        budget = loaded.budget
        said = started_line(
            locale, year=int(year), source=str(source), items=len(budget.items), total=budget.total, unit=budget.unit
        )
    if result.budget is None or result.problems:  # a bug in trygg, never a user's mistake
        _report([result], Report.TEXT, locale)
        _fail("made-invalid", year=year)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        files.write_atomic(target, new_data, replace=force)
    except FileExistsError:
        _fail("exists", path=target)
    except OSError as error:
        _fail("cannot-write", path=target, why=error.strerror or str(error))
    typer.echo(str(target))
    _err(said)


@app.command(
    "log",
    cls=TryggCommand,
    epilog=examples("trygg log 2021", "trygg log 2021 --item sspf", "trygg log 2021 --format json"),
)
def log(
    ctx: typer.Context,
    year: YearArgument,
    item: Annotated[
        str | None,
        typer.Option(
            "--item", metavar="ID", help="Only the commits that changed this line (its id).", show_default=False
        ),
    ] = None,
    fmt: FormatOption = None,
    locale: LocaleOption = Locale.SV,
    output: OutputOption = None,
    data_dir: DataDirOption = None,
) -> None:
    """Every commit that changed a year's content, newest first: when, who, why, and what changed."""
    from trygg_cli.history import history

    fmt = _format(fmt, output)
    folder = _settings(ctx).data_dir
    path = files.year_file(folder, year) if rules.YEAR_PATTERN.fullmatch(year) else Path(year)
    found_versions, blobs = revisions.versions(path)
    found = history(found_versions, blobs, str(path), item)
    number = int(year) if rules.YEAR_PATTERN.fullmatch(year) else rules.year_of_file(path.name) or 0
    _emit(
        fmt,
        output,
        [],
        locale,
        lambda: json_out.log_data(found, number, str(path)),
        lambda: views.log_table(found, number),
    )
    raise typer.Exit(OK)


@app.command(
    "review",
    cls=TryggCommand,
    epilog=examples("trygg review", "trygg review origin/main", "trygg review ks-beslut --locale en"),
)
def review(
    ctx: typer.Context,
    base: Annotated[
        str,
        typer.Argument(metavar="BASE", help="The revision to review against (default: HEAD).", show_default=False),
    ] = "HEAD",
    locale: LocaleOption = Locale.SV,
    data_dir: DataDirOption = None,
) -> None:
    """A Markdown report of every year file that differs between BASE and the work tree, for a pull
    request's summary (also appended to $GITHUB_STEP_SUMMARY when it is set)."""
    from trygg_cli.history import changed_years
    from trygg_cli.render.review import write_review

    changes = changed_years(_settings(ctx).data_dir, base)
    out = io.StringIO()
    write_review(changes, base, locale, out)
    sys.stdout.write(out.getvalue())
    summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary:
        with open(summary, "a", encoding="utf-8") as step:
            step.write(out.getvalue())
    raise typer.Exit(PROBLEMS if any(change.after and change.after.problems for change in changes) else OK)


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
    from trygg_cli.render.registry import writer

    loaded, data = read_file(path)
    if loaded.budget is None:
        sys.stdout.write(data.decode("utf-8", errors="replace"))
    else:
        writer(Format.PLAIN).write(views.show_table(loaded.budget, loaded.budget.unit), locale, sys.stdout)
    raise typer.Exit(OK)


# Helpers shared by the commands -------------------------------------------------------------


def _every_year(ctx: typer.Context) -> list[str]:
    """Every year file in the data dir, as targets; the files it does not read are named."""
    folder = _settings(ctx).data_dir
    if not folder.is_dir():
        raise files.no_data_dir(folder)
    found = files.scan(folder)
    _say_strays(found.strays, ctx)
    if not found.years:
        _fail("no-budget-files", folder=folder)
    return [str(path) for path in found.years.values()]


def _load(targets: Sequence[str], ctx: typer.Context, *, folders: bool = False) -> list[Loaded]:
    """Each target (a YEAR in the data dir, a path, or with `folders` a folder of year files)
    read, loaded and checked; a file named twice is read once."""
    settings = _settings(ctx)
    wanted: list[tuple[Path, str | None]] = []  # each file, and the revision to read it at
    for target in targets:
        asked = revisions.split(target)
        name, rev = asked.name, asked.rev
        if folders and rev is None and Path(name).is_dir():
            found = files.scan(Path(name))
            _say_strays(found.strays, ctx)
            wanted += [(path, None) for path in found.years.values()]
            continue
        if name == revisions.STDIN:
            wanted.append((Path(STDIN_NAME), None))
            continue
        if rules.YEAR_PATTERN.fullmatch(name):
            strays = files.scan(settings.data_dir).strays
            _say_strays([stray for stray in strays if stray.year == int(name) and rev is None], ctx)
        if rev is None:
            wanted.append((files.resolve(name, settings.data_dir), None))
        elif rules.YEAR_PATTERN.fullmatch(name):
            wanted.append((files.year_file(settings.data_dir, name), rev))
        else:
            wanted.append((Path(name), rev))
    if folders and not wanted:
        _fail("no-budget-files", folder=Path(targets[0]))
    loaded: dict[tuple[Path, str | None], Loaded] = {}
    for path, rev in wanted:
        key = (path if path == Path(STDIN_NAME) else path.resolve(), rev)
        if key not in loaded:
            loaded[key] = checked(_read(path, rev))
    return [loaded[(path if path == Path(STDIN_NAME) else path.resolve(), rev)] for path, rev in wanted]


STDIN_NAME = "<stdin>"


def _read(path: Path, rev: str | None) -> Loaded:
    """A file from the work tree, from a git revision, or (`<stdin>`) from standard input."""
    if path == Path(STDIN_NAME):
        return load_data(sys.stdin.buffer.read(), STDIN_NAME)
    if rev is None:
        return load_file(path)
    return load_data(revisions.read_at(path, rev), str(path), rev)


def _say_strays(strays: Sequence[files.Stray], ctx: typer.Context) -> None:
    locale = _settings(ctx).locale
    for stray in strays:
        if stray.kept is not None:
            _err(text(locale, "stray.duplicate", path=stray.path, kept=stray.kept, year=stray.year))
        else:
            _err(text(locale, "stray", path=stray.path))


def _unique(results: Sequence[Loaded]) -> list[Loaded]:
    """Each file once, though a command named it twice (`trygg diff 2023 2023`)."""
    return list({id(loaded): loaded for loaded in results}.values())


def _latest_before(year: int, data_dir: Path) -> Path | None:
    """The latest year before `year` to start from; None where the data dir has no year yet."""
    known = files.years(data_dir)
    earlier = [found for found in known if found < year]
    if not earlier:
        if known:
            _fail("no-year-before", year=year, folder=data_dir)
        return None
    return files.year_file(data_dir, max(earlier))


def _budgets_or_exit(results: list[Loaded], fmt: Format | None, locale: Locale) -> list[Budget]:
    """The budgets, or (if any file does not load) its problems reported as validate would, and exit 1."""
    budgets = [loaded.budget for loaded in results]
    if all(budget is not None for budget in budgets):
        return [budget for budget in budgets if budget is not None]
    _report(_unique(results), Report.JSON if fmt is Format.JSON else _report_format(None), locale)
    raise typer.Exit(PROBLEMS)


def _report(results: list[Loaded], fmt: Report, locale: Locale) -> None:
    """Problems as validate prints them: JSON or annotations on stdout, or lines on stderr."""
    if fmt is Report.JSON:
        json_out.write_json(json_out.validate_data(results), sys.stdout)
        return
    if fmt is Report.GITHUB:
        for loaded in results:
            for problem in loaded.problems:
                typer.echo(report.github_annotation(problem, locale))
    else:
        _warn(results, locale)
    _err(report.summary_line(results, locale))


def _warn(results: list[Loaded], locale: Locale) -> None:
    for loaded in _unique(results):
        for problem in loaded.problems:
            _err(report.problem_line(problem, locale))


def _report_format(fmt: Report | None) -> Report:
    if fmt is not None:
        return fmt
    return Report.GITHUB if os.environ.get("GITHUB_ACTIONS") == "true" else Report.TEXT


_SUFFIXES = {
    ".txt": Format.PLAIN,
    ".csv": Format.CSV,
    ".xlsx": Format.XLSX,
    ".docx": Format.DOCX,
    ".html": Format.HTML,
    ".htm": Format.HTML,
    ".md": Format.MARKDOWN,
    ".json": Format.JSON,
    ".tex": Format.LATEX,
    ".tsv": Format.TSV,
}


def _format(fmt: Format | None, output: Path | None) -> Format:
    """The format asked for; else the output file's suffix; else rich on a terminal, plain elsewhere."""
    if fmt is not None:
        return fmt
    if output is not None:
        suffix = output.suffix.lower()
        if suffix not in _SUFFIXES:
            _fail("unknown-suffix", path=output, suffix=suffix, known=sorted(_SUFFIXES))
        return _SUFFIXES[suffix]
    return Format.RICH if sys.stdout.isatty() else Format.PLAIN


def _emit(
    fmt: Format,
    output: Path | None,
    results: list[Loaded],
    locale: Locale,
    data: Callable[[], dict[str, Any]],
    table: Callable[[], views.Table],
    reads: Sequence[Path] = (),
) -> None:
    """A command's output: JSON, which holds the problems; or a table, with the problems on stderr.
    Only the one asked for is made. `reads`: other files the command read, never written over."""
    if fmt is Format.JSON:
        _write(output, results, locale, lambda out: json_out.write_json(data(), out), reads=reads)
        return
    from trygg_cli.render.registry import writer

    chosen = writer(fmt)
    if chosen.binary and output is None:
        _fail("needs-output", format=fmt.value)
    _write(output, results, locale, lambda out: chosen.write(table(), locale, out), chosen.binary, reads)
    _warn(results, locale)


def _write(
    output: Path | None,
    results: list[Loaded],
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
    target = output.resolve()
    read = [Path(loaded.path) for loaded in results] + list(reads)
    if any(target == path.resolve() for path in read):
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
