"""The `trygg` command: arguments in, library calls, rendered text out, an exit code back.

The only room that imports Typer. Exit codes: 0 all good; 1 the data has problems (or
`diff --exit-code` found differences); 2 trygg could not run as asked.
"""

from __future__ import annotations

import io
import signal
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, NoReturn

import typer

from trygg_cli import __version__, files
from trygg_cli.check import checked
from trygg_cli.compare import compare
from trygg_cli.load import Loaded, load_file
from trygg_cli.model import Budget, TryggError, Unit
from trygg_cli.render import Format

OK, PROBLEMS, CANNOT_RUN = 0, 1, 2

app = typer.Typer(
    name="trygg",
    help="Keep a municipal budget package in plain text, and check it.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


@dataclass(frozen=True, slots=True)
class Settings:
    data_dir: Path


FormatOption = Annotated[
    Format | None,
    typer.Option(
        "--format",
        "-f",
        help="rich (default on a terminal), plain (default when piped) or json.",
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
        ),
    ] = None,
    fmt: FormatOption = None,
) -> None:
    """Check that each year is well formed and its items add up to its total exactly."""
    from trygg_cli import render

    settings: Settings = ctx.obj
    paths = _paths(targets, settings.data_dir)
    results = [_checked(path) for path in paths]
    if fmt is Format.JSON:
        render.write_json(render.validate_data(results), sys.stdout)
    else:
        _report(results)
        _err(render.summary_line(results))
    raise typer.Exit(PROBLEMS if any(loaded.problems for loaded in results) else OK)


@app.command()
def diff(
    ctx: typer.Context,
    old: Annotated[str, typer.Argument(metavar="OLD", help="The earlier year (2020) or its file.", show_default=False)],
    new: Annotated[str, typer.Argument(metavar="NEW", help="The later year (2021) or its file.", show_default=False)],
    unit: UnitOption = None,
    fmt: FormatOption = None,
    exit_code: Annotated[
        bool, typer.Option("--exit-code", help="Exit 1 if anything differs, as git diff --exit-code does.")
    ] = False,
) -> None:
    """Compare two years item by item: amounts, change and change %, and a Summa row."""
    from trygg_cli import render

    settings: Settings = ctx.obj
    before, after = (_checked(_resolve(target, settings.data_dir)) for target in (old, new))
    old_budget, new_budget = _loaded_or_exit([before, after], fmt)
    comparison = compare(old_budget, new_budget)
    shown = unit or new_budget.unit
    problems = before.problems + after.problems
    if fmt is Format.JSON:
        render.write_json(render.diff_data(comparison, shown, (before.path, after.path), problems), sys.stdout)
    else:
        render.write_table(render.diff_table(comparison, shown), _text_format(fmt), sys.stdout)
        _report([before, after])
    if problems:
        raise typer.Exit(PROBLEMS)
    raise typer.Exit(PROBLEMS if exit_code and comparison.differs else OK)


@app.command()
def show(
    ctx: typer.Context,
    year: Annotated[str, typer.Argument(metavar="YEAR", help="A year (2021) or a budget file.", show_default=False)],
    unit: UnitOption = None,
    fmt: FormatOption = None,
) -> None:
    """Print one year's items and total, and whether it validates."""
    from trygg_cli import render

    settings: Settings = ctx.obj
    loaded = _checked(_resolve(year, settings.data_dir))
    (budget,) = _loaded_or_exit([loaded], fmt)
    shown = unit or budget.unit
    if fmt is Format.JSON:
        render.write_json(render.show_data(loaded, budget, shown), sys.stdout)
    else:
        render.write_table(render.show_table(budget, shown), _text_format(fmt), sys.stdout)
        _report([loaded])
        _err(render.summary_line([loaded]))
    raise typer.Exit(PROBLEMS if loaded.problems else OK)


@app.command()
def years(
    ctx: typer.Context,
    fmt: Annotated[
        Format | None,
        typer.Option("--format", "-f", help="rich, plain or json.", case_sensitive=False, show_default=False),
    ] = None,
) -> None:
    """List the years in the data dir, each with its total and whether it validates."""
    from trygg_cli import render

    settings: Settings = ctx.obj
    results = [_checked(path) for path in _paths(None, settings.data_dir)]
    if fmt is Format.JSON:
        render.write_json(render.validate_data(results), sys.stdout)
    else:
        render.write_table(render.years_table(results), _text_format(fmt), sys.stdout)
        _report(results)
    raise typer.Exit(PROBLEMS if any(loaded.problems for loaded in results) else OK)


def run() -> None:
    """The console script: `trygg` as a shell sees it."""
    # Like cat or grep, end quietly when the reader of a pipe goes away (`trygg diff | head -1`).
    if hasattr(signal, "SIGPIPE"):
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    # A terminal that cannot show å, ä, ö gets a ? for each, never a crash.
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="replace")
    app(prog_name="trygg")


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


def _checked(path: Path) -> Loaded:
    try:
        return checked(load_file(path))
    except TryggError as error:
        _fail(str(error))


def _loaded_or_exit(results: list[Loaded], fmt: Format | None) -> list[Budget]:
    """The budgets, or (if any file does not load) its problems printed as validate would, and exit 1."""
    from trygg_cli import render

    budgets = [loaded.budget for loaded in results]
    if all(budget is not None for budget in budgets):
        return [budget for budget in budgets if budget is not None]
    if fmt is Format.JSON:
        render.write_json(render.validate_data(results), sys.stdout)
    else:
        _report(results)
        _err(render.summary_line(results))
    raise typer.Exit(PROBLEMS)


def _report(results: list[Loaded]) -> None:
    from trygg_cli import render

    for loaded in results:
        for problem in loaded.problems:
            _err(render.problem_line(problem))


def _text_format(fmt: Format | None) -> Format:
    if fmt is not None:
        return fmt
    return Format.RICH if sys.stdout.isatty() else Format.PLAIN


def _err(message: str) -> None:
    typer.echo(message, err=True)


def _fail(message: str) -> NoReturn:
    _err(f"trygg: {message}")
    raise typer.Exit(CANNOT_RUN)
