"""The `trygg` command: arguments in, library calls, rendered text out, an exit code back.

The only room that imports Typer. Exit codes: 0 all good; 1 the data has problems (or
`diff --exit-code` found differences); 2 trygg could not run as asked.

No `from __future__ import annotations` here: Typer reads each command's signature several
times while it builds the commands, and with annotations kept as strings it evaluates every
one of them again each time: about 9 ms more on every run.
"""

import gc
import io
import os
import signal
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer

from trygg_cli import __version__, files, render
from trygg_cli.check import checked
from trygg_cli.compare import Order, compare, select, side_by_side
from trygg_cli.load import Loaded, load_file
from trygg_cli.model import Budget, TryggError, Unit
from trygg_cli.money import Locale
from trygg_cli.render import ChartFormat, Format, Report

OK, PROBLEMS, CANNOT_RUN = 0, 1, 2

app = typer.Typer(
    name="trygg",
    help="Keep a municipal budget package in plain text, and check it.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)


@dataclass(frozen=True, slots=True)
class Settings:
    data_dir: Path


def _complete_year(ctx: typer.Context, incomplete: str) -> list[str]:
    """Shell completion for YEAR: the years that have a file in the data dir."""
    data_dir = ctx.find_root().params.get("data_dir") or Path(os.environ.get("TRYGG_DATA_DIR", "data"))
    return [str(year) for year in files.years(Path(data_dir)) if str(year).startswith(incomplete)]


FormatOption = Annotated[
    Format | None,
    typer.Option(
        "--format",
        "-f",
        help="rich (default on a terminal), plain (default when piped), markdown, html, csv, xlsx, json, "
        "or one of tabulate's: grid, simple_grid, rounded_grid, fancy_grid, orgtbl, rst, mediawiki, latex, "
        "latex_booktabs, asciidoc, jira, textile, tsv. With --output, the file's suffix chooses.",
        case_sensitive=False,
        show_default=False,
    ),
]
UnitOption = Annotated[
    Unit | None,
    typer.Option(
        "--unit",
        "-u",
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
        envvar="TRYGG_LOCALE",
        help="sv: 1 234,5 and Swedish labels; en: 1,234.5 and English labels.",
        case_sensitive=False,
    ),
]
DecimalsOption = Annotated[
    int | None,
    typer.Option(
        "--decimals",
        "-d",
        min=0,
        max=6,
        help="Round amounts to N places for display (half up); sums are exact, then rounded. "
        "Default: every amount exactly, at least one place in mkr.",
        show_default=False,
    ),
]
OutputOption = Annotated[
    Path | None,
    typer.Option(
        "--output",
        "-o",
        help="Write to FILE (atomically: a finished file or none) instead of stdout. Needed for xlsx.",
        show_default=False,
        dir_okay=False,
    ),
]
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
    ctx.obj = Settings(data_dir)


@app.command()
def validate(
    ctx: typer.Context,
    targets: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="[YEAR|PATH]...",
            show_default=False,
            help="Years or files (default: every budget-*.yaml in the data dir).",
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
        ),
    ] = None,
    locale: LocaleOption = Locale.SV,
) -> None:
    """Check that each year is well formed and its items add up to its total exactly."""
    settings: Settings = ctx.obj
    results = [_checked(path, locale) for path in _paths(targets, settings.data_dir)]
    _report(results, _report_format(fmt))
    raise typer.Exit(PROBLEMS if any(loaded.problems for loaded in results) else OK)


@app.command()
def diff(
    ctx: typer.Context,
    old: OldArgument,
    new: NewArgument,
    unit: UnitOption = None,
    fmt: FormatOption = None,
    locale: LocaleOption = Locale.SV,
    decimals: DecimalsOption = None,
    output: OutputOption = None,
    sort: Annotated[
        Order, typer.Option("--sort", help="Rows in the file's order, by change (largest first) or by amount.")
    ] = Order.FILE,
    only_changed: Annotated[bool, typer.Option("--only-changed", help="Leave out items that did not change.")] = False,
    exit_code: Annotated[
        bool, typer.Option("--exit-code", help="Exit 1 if anything differs, as git diff --exit-code does.")
    ] = False,
) -> None:
    """Compare two years item by item: amounts, change and change %, and a Summa row."""
    settings: Settings = ctx.obj
    fmt = _format(fmt, output)
    before, after = (_checked(_resolve(target, settings.data_dir), locale) for target in (old, new))
    old_budget, new_budget = _loaded_or_exit([before, after], fmt)
    comparison = compare(old_budget, new_budget)
    shown = select(comparison, sort, only_changed)
    unit = unit or new_budget.unit
    problems = before.problems + after.problems
    _emit(
        fmt,
        output,
        [before, after],
        lambda: render.diff_data(shown, unit, (before.path, after.path), problems),
        lambda: render.diff_table(shown, unit, locale, decimals),
    )
    if problems:
        raise typer.Exit(PROBLEMS)
    raise typer.Exit(PROBLEMS if exit_code and comparison.differs else OK)


@app.command()
def show(
    ctx: typer.Context,
    year: YearArgument,
    unit: UnitOption = None,
    fmt: FormatOption = None,
    locale: LocaleOption = Locale.SV,
    decimals: DecimalsOption = None,
    output: OutputOption = None,
) -> None:
    """Print one year's items and total, and whether it validates."""
    settings: Settings = ctx.obj
    fmt = _format(fmt, output)
    loaded = _checked(_resolve(year, settings.data_dir), locale)
    (budget,) = _loaded_or_exit([loaded], fmt)
    unit = unit or budget.unit
    _emit(
        fmt,
        output,
        [loaded],
        lambda: render.show_data(loaded, budget, unit),
        lambda: render.show_table(budget, unit, locale, decimals),
    )
    if fmt is not Format.JSON:
        _err(render.summary_line([loaded]))
    raise typer.Exit(PROBLEMS if loaded.problems else OK)


@app.command()
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
) -> None:
    """Several years side by side, in the order given, one row per item and a Summa row."""
    settings: Settings = ctx.obj
    fmt = _format(fmt, output)
    results = [_checked(_resolve(target, settings.data_dir), locale) for target in targets]
    budgets = _loaded_or_exit(results, fmt)
    grid = side_by_side(budgets)
    unit = unit or budgets[0].unit
    problems = [problem for loaded in results for problem in loaded.problems]
    _emit(
        fmt,
        output,
        results,
        lambda: render.side_by_side_data(grid, unit, [loaded.path for loaded in results], problems),
        lambda: render.side_by_side_table(grid, unit, locale, decimals),
    )
    raise typer.Exit(PROBLEMS if problems else OK)


@app.command()
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
        ),
    ] = None,
    locale: LocaleOption = Locale.SV,
    decimals: DecimalsOption = None,
    output: OutputOption = None,
) -> None:
    """A bar chart of two years, item by item, in the terminal or as SVG."""
    settings: Settings = ctx.obj
    before, after = (_checked(_resolve(target, settings.data_dir), locale) for target in (old, new))
    old_budget, new_budget = _loaded_or_exit([before, after], None)
    comparison = compare(old_budget, new_budget)
    if fmt is None:  # an .svg file wants a picture; a terminal colour; anything else plain text
        svg = output is not None and output.suffix.lower() == ".svg"
        fmt = (
            ChartFormat.SVG
            if svg
            else ChartFormat.RICH
            if output is None and sys.stdout.isatty()
            else ChartFormat.PLAIN
        )
    if output is None:
        render.write_chart(comparison, unit or new_budget.unit, fmt, sys.stdout, locale=locale, decimals=decimals)
    else:
        buffer = io.StringIO()
        render.write_chart(comparison, unit or new_budget.unit, fmt, buffer, locale=locale, decimals=decimals)
        _write_output(output, buffer.getvalue().encode("utf-8"), [Path(before.path), Path(after.path)])
    _warn([before, after])
    raise typer.Exit(PROBLEMS if before.problems or after.problems else OK)


@app.command()
def years(
    ctx: typer.Context, fmt: FormatOption = None, locale: LocaleOption = Locale.SV, output: OutputOption = None
) -> None:
    """List the years in the data dir, each with its total and whether it validates."""
    settings: Settings = ctx.obj
    fmt = _format(fmt, output)
    results = [_checked(path, locale) for path in _paths(None, settings.data_dir)]
    _emit(fmt, output, results, lambda: render.validate_data(results), lambda: render.years_table(results, locale))
    raise typer.Exit(PROBLEMS if any(loaded.problems for loaded in results) else OK)


@app.command()
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
) -> None:
    """Start a year's file from an earlier one: the same items, amounts and total, ready to edit."""
    from datetime import date

    from trygg_cli import rollover

    settings: Settings = ctx.obj
    if not files.YEAR.fullmatch(year):
        _fail(f"{year}: YEAR must be a four-digit year, such as 2022")
    target = files.year_file(settings.data_dir, year)
    if target.exists() and not force:
        _fail(f"{target} exists already; use --force to replace it")
    source = _resolve(previous, settings.data_dir) if previous else _latest_before(int(year), settings.data_dir)
    loaded, data = _checked_with_bytes(source)
    if loaded.budget is None or loaded.problems:
        _report([loaded], Report.TEXT)
        _err(f"trygg: {source} has problems; fix them before starting {year} from it")
        raise typer.Exit(PROBLEMS)
    new_data, result = rollover.roll_over(loaded, data, int(year), str(target), date.today())
    if result.budget is None or result.problems:  # a bug in trygg, never a user's mistake
        _report([result], Report.TEXT)
        _fail(f"the file made for {year} does not validate; nothing was written")
    try:
        files.write_atomic(target, new_data, replace=force)
    except FileExistsError:
        _fail(f"{target} exists already; use --force to replace it")
    except OSError as error:
        _fail(f"cannot write {target}: {error.strerror or error}; nothing was written")
    typer.echo(str(target))
    _err(f"{render.started_line(result.budget, source)}; edit it, then run `trygg validate {year}`")


@app.command()
def schema() -> None:
    """Print the JSON Schema of a year file, for editors that check YAML while it is typed."""
    from trygg_cli.schema import budget_schema

    render.write_nested_json(budget_schema(), sys.stdout)


def run() -> None:
    """The console script: `trygg` as a shell sees it."""
    # A run is short and makes no reference cycles, but a big year is 100,000s of objects, over
    # which the cyclic collector would pass again and again: let it run far less often.
    gc.set_threshold(100_000, 50, 50)
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
        # On the way out the interpreter searches every object still tracked for reference
        # cycles, several times over; after Typer and pydantic each pass takes some 10 ms, about
        # 30 ms of every run. Nothing here needs that search: streams are still flushed and
        # closed and exit handlers still run; frozen objects are only left out of the search.
        gc.freeze()


# Helpers shared by the commands -------------------------------------------------------------


def _paths(targets: list[str] | None, data_dir: Path) -> list[Path]:
    try:
        paths = [files.resolve(target, data_dir) for target in targets] if targets else files.year_files(data_dir)
    except TryggError as error:
        _fail(str(error))
    if not paths:
        _fail(f"no budget files ({files.PATTERN}) in {data_dir}")
    return paths


def _resolve(target: str, data_dir: Path) -> Path:
    try:
        return files.resolve(target, data_dir)
    except TryggError as error:
        _fail(str(error))


def _latest_before(year: int, data_dir: Path) -> Path:
    earlier = [known for known in files.years(data_dir) if known < year]
    if not earlier:
        _fail(f"no year before {year} in {data_dir} to start from; name one with --from")
    return files.year_file(data_dir, max(earlier))


def _checked(path: Path, locale: Locale = Locale.SV) -> Loaded:
    try:
        return checked(load_file(path), locale)
    except TryggError as error:
        _fail(str(error))


def _checked_with_bytes(path: Path) -> tuple[Loaded, bytes]:
    try:
        return checked(load_file(path)), path.read_bytes()
    except TryggError as error:
        _fail(str(error))
    except OSError as error:
        _fail(f"{path}: cannot read it ({error.strerror or error})")


def _loaded_or_exit(results: list[Loaded], fmt: Format | None) -> list[Budget]:
    """The budgets, or (if any file does not load) its problems reported as validate would, and exit 1."""
    budgets = [loaded.budget for loaded in results]
    if all(budget is not None for budget in budgets):
        return [budget for budget in budgets if budget is not None]
    _report(results, Report.JSON if fmt is Format.JSON else _report_format(None))
    raise typer.Exit(PROBLEMS)


def _report(results: list[Loaded], fmt: Report) -> None:
    """Problems as validate prints them: JSON or annotations on stdout, or lines on stderr."""
    if fmt is Report.JSON:
        render.write_json(render.validate_data(results), sys.stdout)
        return
    if fmt is Report.GITHUB:
        for loaded in results:
            for problem in loaded.problems:
                typer.echo(render.github_annotation(problem))
    else:
        _warn(results)
    _err(render.summary_line(results))


def _warn(results: list[Loaded]) -> None:
    for loaded in results:
        for problem in loaded.problems:
            _err(render.problem_line(problem))


def _report_format(fmt: Report | None) -> Report:
    if fmt is not None:
        return fmt
    return Report.GITHUB if os.environ.get("GITHUB_ACTIONS") == "true" else Report.TEXT


_SUFFIXES = {
    ".csv": Format.CSV,
    ".xlsx": Format.XLSX,
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
        return _SUFFIXES.get(output.suffix.lower(), Format.PLAIN)
    return Format.RICH if sys.stdout.isatty() else Format.PLAIN


def _emit(
    fmt: Format,
    output: Path | None,
    results: list[Loaded],
    data: Callable[[], dict[str, Any]],
    table: Callable[[], render.Table],
) -> None:
    """A command's output: JSON, which holds the problems; or a table, with the problems on stderr.
    Only the one asked for is made."""
    inputs = [Path(loaded.path) for loaded in results]
    if fmt is Format.JSON:
        _emit_json(data(), output, inputs)
    else:
        _emit_table(table(), fmt, output, inputs)
        _warn(results)


def _emit_table(table: render.Table, fmt: Format, output: Path | None, inputs: list[Path]) -> None:
    if fmt is Format.XLSX:
        if output is None:
            _fail("--format xlsx writes a workbook, not text: name the file with --output FILE.xlsx")
        try:
            data = render.workbook(table)
        except TryggError as error:
            _fail(str(error))
        _write_output(output, data, inputs)
    elif output is not None:
        buffer = io.StringIO()
        render.write_table(table, fmt, buffer)
        _write_output(output, buffer.getvalue().encode("utf-8"), inputs)
    else:
        render.write_table(table, fmt, sys.stdout)


def _emit_json(data: dict[str, Any], output: Path | None, inputs: list[Path]) -> None:
    if output is None:
        render.write_json(data, sys.stdout)
        return
    buffer = io.StringIO()
    render.write_json(data, buffer)
    _write_output(output, buffer.getvalue().encode("utf-8"), inputs)


def _write_output(output: Path, data: bytes, inputs: list[Path]) -> None:
    """Write --output atomically, and never over a file trygg was asked to read."""
    target = output.resolve()
    if any(target == source.resolve() for source in inputs):
        _fail(f"{output} is one of the files being read; trygg never writes to its input")
    try:
        files.write_atomic(output, data, replace=True)
    except OSError as error:
        _fail(f"cannot write {output}: {error.strerror or error}; nothing was written")
    _err(f"wrote {output}")


def _err(message: str) -> None:
    typer.echo(message, err=True)


def _fail(message: str) -> NoReturn:
    _err(f"trygg: {message}")
    raise typer.Exit(CANNOT_RUN)
