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
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer
from typer.core import TyperGroup

from trygg_cli import __version__, files, rules
from trygg_cli.check import checked
from trygg_cli.compare import Order, compare, select, side_by_side
from trygg_cli.load import load_file, read_file
from trygg_cli.model import Budget, Loaded, TryggError, Unit
from trygg_cli.render import json as json_out
from trygg_cli.render import report, views
from trygg_cli.render.formats import ChartFormat, Format, Report
from trygg_cli.render.locale import Locale

OK, PROBLEMS, CANNOT_RUN = 0, 1, 2


class TryggGroup(TyperGroup):
    """trygg's commands: whatever could not run as asked (`TryggError`) ends as one line and exit 2."""

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except TryggError as error:
            _fail(str(error))


app = typer.Typer(
    name="trygg",
    help="Keep a municipal budget package in plain text, and check it.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    cls=TryggGroup,
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
        help="rich (default on a terminal), plain (default when piped), markdown, html, csv, xlsx, docx, json, "
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
ShareOption = Annotated[bool, typer.Option("--share", help="Show each item's share of its year's package (andel %).")]
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
    ctx.obj = Settings(data_dir)


@app.command()
def validate(
    ctx: typer.Context,
    targets: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="[YEAR|PATH]...",
            show_default=False,
            help="Years or files (default: every budget-YYYY.yaml in the data dir).",
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
    results = _load(targets or _every_year(ctx), ctx)
    _report(results, _report_format(fmt), locale)
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
    share: ShareOption = False,
    notes: NotesOption = False,
    sort: Annotated[
        Order, typer.Option("--sort", help="Rows in the file's order, by change (largest first) or by amount.")
    ] = Order.FILE,
    only_changed: Annotated[bool, typer.Option("--only-changed", help="Leave out items that did not change.")] = False,
    exit_code: Annotated[
        bool, typer.Option("--exit-code", help="Exit 1 if anything differs, as git diff --exit-code does.")
    ] = False,
) -> None:
    """Compare two years item by item: amounts, change and change %, and a Summa row."""
    fmt = _format(fmt, output)
    results = _load([old, new], ctx)
    old_budget, new_budget = _budgets_or_exit(results, fmt, locale)
    comparison = compare(old_budget, new_budget)
    shown = select(comparison, sort, only_changed)
    unit = unit or new_budget.unit
    problems = [problem for loaded in results for problem in loaded.problems]
    _emit(
        fmt,
        output,
        results,
        locale,
        lambda: json_out.diff_data(shown, unit, (results[0].path, results[1].path), problems),
        lambda: views.diff_table(
            shown, unit, views.Options(decimals, share, notes), comparison if only_changed else None
        ),
    )
    raise typer.Exit(PROBLEMS if problems or (exit_code and comparison.differs) else OK)


@app.command()
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
) -> None:
    """Print one year's items and total, and whether it validates."""
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
        _err(report.summary_line(results))
    raise typer.Exit(PROBLEMS if results[0].problems else OK)


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
    share: ShareOption = False,
    notes: NotesOption = False,
    change: Annotated[
        bool, typer.Option("--change", help="Show each year's change from the year before it (by year).")
    ] = False,
) -> None:
    """Several years side by side, in the order given, one row per item and a Summa row."""
    fmt = _format(fmt, output)
    results = _load(targets, ctx)
    budgets = _budgets_or_exit(results, fmt, locale)
    grid = side_by_side(budgets)
    unit = unit or budgets[0].unit
    problems = [problem for loaded in results for problem in loaded.problems]
    _emit(
        fmt,
        output,
        results,
        locale,
        lambda: json_out.side_by_side_data(grid, unit, [loaded.path for loaded in results], problems),
        lambda: views.side_by_side_table(grid, unit, views.Options(decimals, share, notes, change)),
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
    from trygg_cli.render.chart import write_chart

    results = _load([old, new], ctx)
    old_budget, new_budget = _budgets_or_exit(results, None, locale)
    comparison = compare(old_budget, new_budget)
    if output is not None and fmt is None and output.suffix.lower() not in (".svg", ".txt"):
        _fail(f"{output}: trygg draws charts as SVG (-o chart.svg), a picture Word and browsers show")
    if fmt is None:  # an .svg file wants a picture; a terminal colour; anything else plain text
        svg = output is not None and output.suffix.lower() == ".svg"
        terminal = output is None and sys.stdout.isatty()
        fmt = ChartFormat.SVG if svg else ChartFormat.RICH if terminal else ChartFormat.PLAIN
    chosen = fmt
    _write(
        output,
        results,
        lambda out: write_chart(comparison, unit or new_budget.unit, chosen, out, locale=locale, decimals=decimals),
    )
    _warn(results, locale)
    raise typer.Exit(PROBLEMS if any(loaded.problems for loaded in results) else OK)


@app.command()
def years(
    ctx: typer.Context, fmt: FormatOption = None, locale: LocaleOption = Locale.SV, output: OutputOption = None
) -> None:
    """List the years in the data dir, each with its total and whether it validates."""
    fmt = _format(fmt, output)
    results = _load(_every_year(ctx), ctx)
    _emit(fmt, output, results, locale, lambda: json_out.validate_data(results), lambda: views.years_table(results))
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

    data_dir = _settings(ctx).data_dir
    if not rules.YEAR_PATTERN.fullmatch(year):
        _fail(f"{year}: YEAR must be a four-digit year, such as 2022")
    target = files.year_file(data_dir, year)
    if target.exists() and not force:
        _fail(f"{target} exists already; use --force to replace it")
    source = files.resolve(previous, data_dir) if previous else _latest_before(int(year), data_dir)
    loaded, data = read_file(source)
    loaded = checked(loaded)
    if loaded.budget is None or loaded.problems:
        _report([loaded], Report.TEXT, Locale.SV)
        _fail(f"{source} has problems; fix them before starting {year} from it", PROBLEMS)
    new_data, result = rollover.roll_over(loaded, data, int(year), str(target), date.today())
    if result.budget is None or result.problems:  # a bug in trygg, never a user's mistake
        _report([result], Report.TEXT, Locale.SV)
        _fail(f"the file made for {year} does not validate; nothing was written")
    try:
        files.write_atomic(target, new_data, replace=force)
    except FileExistsError:
        _fail(f"{target} exists already; use --force to replace it")
    except OSError as error:
        _fail(f"cannot write {target}: {error.strerror or error}; nothing was written")
    typer.echo(str(target))
    _err(f"{report.started_line(result.budget, source)}; edit it, then run `trygg validate {year}`")


@app.command()
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


# Helpers shared by the commands -------------------------------------------------------------


def _settings(ctx: typer.Context) -> Settings:
    settings: Settings = ctx.find_root().obj
    return settings


def _every_year(ctx: typer.Context) -> list[str]:
    """Every year file in the data dir, as targets."""
    data_dir = _settings(ctx).data_dir
    paths = files.year_files(data_dir)
    if not paths:
        _fail(f"no budget files ({rules.FILE_NAME_SHOWN}) in {data_dir}")
    return [str(path) for path in paths]


def _load(targets: Sequence[str], ctx: typer.Context) -> list[Loaded]:
    """Each target (a YEAR in the data dir, or a path) read, loaded and checked."""
    data_dir = _settings(ctx).data_dir
    return [checked(load_file(files.resolve(target, data_dir))) for target in targets]


def _latest_before(year: int, data_dir: Path) -> Path:
    earlier = [known for known in files.years(data_dir) if known < year]
    if not earlier:
        _fail(f"no year before {year} in {data_dir} to start from; name one with --from")
    return files.year_file(data_dir, max(earlier))


def _budgets_or_exit(results: list[Loaded], fmt: Format | None, locale: Locale) -> list[Budget]:
    """The budgets, or (if any file does not load) its problems reported as validate would, and exit 1."""
    budgets = [loaded.budget for loaded in results]
    if all(budget is not None for budget in budgets):
        return [budget for budget in budgets if budget is not None]
    _report(results, Report.JSON if fmt is Format.JSON else _report_format(None), locale)
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
    _err(report.summary_line(results))


def _warn(results: list[Loaded], locale: Locale) -> None:
    for loaded in results:
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
# Suffixes people try that trygg does not write, and what to write instead.
_INSTEAD = {
    ".xls": "use .xlsx (Excel opens it)",
    ".doc": "use .docx (Word opens it)",
    ".odt": "use .docx (LibreOffice opens it)",
    ".ods": "use .xlsx (LibreOffice opens it)",
    ".pdf": "write .docx or .html and print that to PDF",
    ".png": "a table is text; for a picture, `trygg chart` writes .svg",
    ".svg": "a table is text; for a picture, `trygg chart` writes .svg",
}


def _format(fmt: Format | None, output: Path | None) -> Format:
    """The format asked for; else the output file's suffix; else rich on a terminal, plain elsewhere."""
    if fmt is not None:
        return fmt
    if output is not None:
        suffix = output.suffix.lower()
        if suffix not in _SUFFIXES:
            known = " ".join(sorted(_SUFFIXES))
            hint = _INSTEAD.get(suffix, f"use one of {known}, or name a format with --format")
            _fail(f"{output}: trygg does not write {suffix or 'files without a suffix'}; {hint}")
        return _SUFFIXES[suffix]
    return Format.RICH if sys.stdout.isatty() else Format.PLAIN


def _emit(
    fmt: Format,
    output: Path | None,
    results: list[Loaded],
    locale: Locale,
    data: Callable[[], dict[str, Any]],
    table: Callable[[], views.Table],
) -> None:
    """A command's output: JSON, which holds the problems; or a table, with the problems on stderr.
    Only the one asked for is made."""
    if fmt is Format.JSON:
        _write(output, results, lambda out: json_out.write_json(data(), out))
        return
    from trygg_cli.render.registry import writer

    chosen = writer(fmt)
    if chosen.binary and output is None:
        _fail(f"--format {fmt.value} writes a file, not text: name it with --output FILE.{fmt.value}")
    _write(output, results, lambda out: chosen.write(table(), locale, out), binary=chosen.binary)
    _warn(results, locale)


def _write(output: Path | None, results: list[Loaded], write: Callable[[Any], None], binary: bool = False) -> None:
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
    if any(target == Path(loaded.path).resolve() for loaded in results):
        _fail(f"{output} is one of the files being read; trygg never writes to its input")
    try:
        files.write_atomic(output, data, replace=True)
    except OSError as error:
        _fail(f"cannot write {output}: {error.strerror or error}; nothing was written")
    _err(f"wrote {output}")


def _err(message: str) -> None:
    typer.echo(message, err=True)


def _fail(message: str, code: int = CANNOT_RUN) -> NoReturn:
    _err(f"trygg: {message}")
    raise typer.Exit(code)
