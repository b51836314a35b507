"""The shape of trygg's command line, for `cli`: the run's settings, the command group that turns
"could not run" into exit 2, the command class whose help reads cleanly, both with their help in
the run's language (through the catalogue, the language read from the raw arguments), and the
options and arguments several commands share, declared once (`Annotated` aliases, as fastapi-cli
does).
With `cli`, the only rooms that import Typer.

No `from __future__ import annotations` here: Typer reads these annotations at run time.
"""

import copy
import inspect
import os
import re
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

import typer
from typer.core import TyperCommand, TyperGroup

from trygg_cli import files
from trygg_cli.choices import FollowOrder, Period
from trygg_cli.compare import Order
from trygg_cli.model import TryggError, Unit
from trygg_cli.render.formats import ChartFormat, Format, Report
from trygg_cli.render.locale import Locale
from trygg_cli.render.locale import parse as parse_locale
from trygg_cli.render.words import TEXTS, error_message, text

CANNOT_RUN = 2


@dataclass(slots=True)
class Settings:
    """What the options of a run said, for the helpers below: set as the options are read."""

    data_dir: Path = Path("data")
    locale: Locale = Locale.SV
    json: bool = False  # a JSON run answers with one JSON document, even when it cannot run


def run_locale(args: Sequence[str], environ: Mapping[str, str]) -> Locale:
    """The language a run speaks, read from its raw arguments (`--locale X`, `--locale=X`, `-l X`,
    `-lX`) or TRYGG_LOCALE before any option is parsed: `--help` answers before options are read.
    Swedish where neither names a language trygg speaks (the option itself then says so)."""
    value = environ.get("TRYGG_LOCALE")
    for index, arg in enumerate(args):
        if arg == "--":
            break
        if arg in ("--locale", "-l") and index + 1 < len(args):
            value = args[index + 1]
        elif arg.startswith("--locale="):
            value = arg.removeprefix("--locale=")
        elif arg.startswith("-l") and len(arg) > 2:
            value = arg.removeprefix("-l")
    return (parse_locale(value) if value else None) or Locale.SV


# Every help text's key, by its English (its whitespace as one space): a command's docstring, an
# argument's or option's help=, and the options Click and Typer add themselves.
HELP_KEYS = {" ".join(english.split()): key for key, english in TEXTS.items() if key.startswith("help.")}


def help_key(english: str) -> str | None:
    """The catalogue key of a help text, None for one the catalogue does not have (untranslated)."""
    return HELP_KEYS.get(" ".join(english.split()))


def help_text(locale: Locale, english: str) -> str:
    """A help text in `locale`; one the catalogue does not have, as written (a test keeps them out)."""
    key = help_key(english)
    return text(locale, key) if key else english


def _locale(ctx: Any) -> Locale:
    """The run's language, for its help (`TryggGroup.main` knows it before any option is read)."""
    settings = ctx.find_root().obj
    return settings.locale if isinstance(settings, Settings) else Locale.SV


def _record(param: Any, ctx: Any, locale: Locale) -> tuple[str, str] | None:
    """An option's line of help in `locale`: its help and the notes Click adds ([env var: …])."""
    shown = copy.copy(param)
    shown.help = help_text(locale, param.help) if param.help else param.help
    record: tuple[str, str] | None = shown.get_help_record(ctx)
    if record is None or locale is Locale.EN:
        return record
    name, line = record
    words, bracket, notes = line.rpartition("  [")
    if bracket and notes.endswith("]"):
        for english in ("env var", "default", "required"):
            notes = re.sub(rf"(^|; ){english}\b", rf"\g<1>{text(locale, 'help.' + english.replace(' ', '_'))}", notes)
        line = words + bracket + notes
    return name, line


class TranslatedHelp:
    """Help in the run's language: the usage line, the command's text, its examples' heading and
    its options, each through the catalogue (Typer and Click fix them in English when a command
    is defined)."""

    help: str | None
    epilog: str | None

    def format_usage(self, ctx: Any, formatter: Any) -> None:
        pieces = self.collect_usage_pieces(ctx)  # type: ignore[attr-defined]
        prefix = text(_locale(ctx), "help.usage") + " "
        formatter.write_usage(ctx.command_path, " ".join(pieces), prefix=prefix)

    def format_help_text(self, ctx: Any, formatter: Any) -> None:
        if self.help:
            formatter.write_paragraph()
            with formatter.indentation():
                formatter.write_text(help_text(_locale(ctx), inspect.cleandoc(self.help)))

    def format_epilog(self, ctx: Any, formatter: Any) -> None:
        if self.epilog:
            heading = text(_locale(ctx), "help.examples")
            epilog = inspect.cleandoc(self.epilog).replace(EXAMPLES, heading, 1)
            formatter.write_paragraph()
            with formatter.indentation():
                formatter.write_text(epilog)

    def format_options(self, ctx: Any, formatter: Any) -> None:
        locale = _locale(ctx)
        params = self.get_params(ctx)  # type: ignore[attr-defined]
        arguments = [
            (param.metavar or (param.name or "").upper(), help_text(locale, getattr(param, "help", "") or ""))
            for param in params
            if param.param_type_name == "argument"
        ]
        options = [
            record
            for param in params
            if param.param_type_name == "option"
            if (record := _record(param, ctx, locale)) is not None
        ]
        if arguments:
            with formatter.section(text(locale, "help.arguments")):
                formatter.write_dl(arguments)
        if options:
            with formatter.section(text(locale, "help.options")):
                formatter.write_dl(options)


class TryggGroup(TranslatedHelp, TyperGroup):
    """trygg's commands: whatever could not run as asked (`TryggError`) ends here, as one line on
    stderr (or, under --format json, one JSON document on stdout) and exit 2. The run's language is
    known from its raw arguments before they are parsed, for its help."""

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        windows_expand_args: bool = True,
        **extra: Any,
    ) -> Any:
        raw = sys.argv[1:] if args is None else list(args)
        extra.setdefault("obj", Settings(locale=run_locale(raw, os.environ)))
        return super().main(args, prog_name, complete_var, standalone_mode, windows_expand_args, **extra)

    def format_options(self, ctx: Any, formatter: Any) -> None:
        super().format_options(ctx, formatter)
        self.format_commands(ctx, formatter)

    def format_commands(self, ctx: Any, formatter: Any) -> None:
        locale = _locale(ctx)
        commands = [(name, command) for name in self.list_commands(ctx) if not (command := self.commands[name]).hidden]
        if commands:
            limit = formatter.width - 6 - max(len(name) for name, _ in commands)
            rows = []
            for name, command in commands:
                shown = copy.copy(command)
                shown.help = help_text(locale, inspect.cleandoc(command.help or ""))
                rows.append((name, shown.get_short_help_str(limit)))
            with formatter.section(text(locale, "help.commands")):
                formatter.write_dl(rows)

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except TryggError as error:
            settings: Settings = ctx.find_root().obj or Settings()
            if settings.json:
                from trygg_cli.render import json as json_out

                message = error_message(error, Locale.EN)
                json_out.write_json({"ok": False, "error": {"code": error.code, "message": message}}, sys.stdout)
            else:
                typer.echo(text(settings.locale, "trygg", message=error_message(error, settings.locale)), err=True)
            raise typer.Exit(CANNOT_RUN) from None


class TryggCommand(TranslatedHelp, TyperCommand):
    """A command whose help reads cleanly, in the run's language: arguments by name in the usage
    line, no types beside them, and examples at the end."""

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        pieces = [self.options_metavar] if self.options_metavar else []
        for param in self.get_params(ctx):
            if param.param_type_name == "argument":
                name = param.metavar or (param.name or "").upper()
                pieces.append(name if param.required else f"[{name}]")
        return pieces


EXAMPLES = "Examples:"


def examples(*lines: str) -> str:
    """A command's help ends with these, kept as written (click's \\b)."""
    return EXAMPLES + "\n\n\b\n" + "\n".join(f"  {line}" for line in lines)


app = typer.Typer(
    name="trygg",
    help="Keep a municipal budget package in plain text, and check it.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    cls=TryggGroup,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def complete_year(ctx: typer.Context, incomplete: str) -> list[str]:
    """Shell completion for YEAR: the years that have a file in the data dir."""
    data_dir = ctx.find_root().params.get("data_dir") or Path(os.environ.get("TRYGG_DATA_DIR", "data"))
    return [str(year) for year in files.years(Path(data_dir)) if str(year).startswith(incomplete)]


def settings_of(ctx: typer.Context) -> Settings:
    root = ctx.find_root()
    if root.obj is None:
        root.obj = Settings()
    settings: Settings = root.obj
    return settings


def note_format(ctx: typer.Context, value: Format | Report | None) -> Format | Report | None:
    settings_of(ctx).json = value in (Format.JSON, Report.JSON)
    return value


def note_locale(ctx: typer.Context, value: Locale | str | None) -> Locale:
    """The locale from any spelling people have in their environment (sv_SE.UTF-8 …). Not given
    to the command itself, the run's (`run_locale`: `trygg --locale en show 2021` speaks English,
    and an option anywhere wins over TRYGG_LOCALE)."""
    locale = value if isinstance(value, Locale) else parse_locale(value) if value else Locale.SV
    if locale is None:
        raise typer.BadParameter(text(Locale.EN, "bad-locale", value=value))
    source = ctx.get_parameter_source("locale")
    if source is not None and source.name in ("DEFAULT", "ENVIRONMENT"):
        return settings_of(ctx).locale
    settings_of(ctx).locale = locale
    return locale


def note_data_dir(ctx: typer.Context, value: Path | None) -> Path | None:
    if value is not None:  # given after the command, it counts as if given before it
        settings_of(ctx).data_dir = value
    return value


def option(*names: str, metavar: str | None = None, **settings: Any) -> Any:
    """An option that shows no default of its own (its help says what the default is)."""
    return typer.Option(*names, metavar=metavar, show_default=False, **settings)


FORMATS = (
    "rich (default on a terminal), plain (default when piped), markdown, html, csv, xlsx, docx, json, sie (trygg show: "
    "the budget month by month for the accounting system), or one of "
    "tabulate's: grid, simple_grid, rounded_grid, fancy_grid, orgtbl, rst, mediawiki, latex, latex_booktabs, "
    "asciidoc, jira, textile, tsv. With --output, the file's suffix chooses."
)
FormatOption = Annotated[
    Format | None,
    option("--format", "-f", metavar="FORMAT", help=FORMATS, case_sensitive=False, callback=note_format),
]
UnitOption = Annotated[
    Unit | None,
    option(
        "--unit",
        "-u",
        metavar="kr|tkr|mkr",
        help="Show amounts in kr, tkr or mkr (default: the file's own unit).",
        case_sensitive=False,
    ),
]
LocaleOption = Annotated[
    Locale,
    option(
        "--locale",
        "-l",
        metavar="sv|en",
        envvar="TRYGG_LOCALE",
        help="sv (the default): Swedish messages and labels, 1 234,5; en: English, 1,234.5. "
        "sv_SE, sv-SE.UTF-8, en_GB and the like work too.",
        parser=lambda value: value,
        callback=note_locale,
    ),
]
DataDirOption = Annotated[
    Path | None,
    option(
        "--data-dir",
        metavar="DIR",
        help="The folder that holds budget-YYYY.yaml (default: ./data, or TRYGG_DATA_DIR).",
        callback=note_data_dir,
    ),
]
DECIMALS = "Round amounts to N places (0 to 6) for display, half up; sums are exact, then rounded. "
DecimalsOption = Annotated[
    int | None,
    option(
        "--decimals",
        "-d",
        metavar="N",
        min=0,
        max=6,
        help=DECIMALS + "Default: every amount exactly, at least one place in mkr.",
    ),
]
OutputOption = Annotated[
    Path | None,
    option(
        "--output",
        "-o",
        metavar="FILE",
        help="Write to FILE (atomically: a finished file or none) instead of stdout; its suffix picks the "
        "format (.docx .xlsx .csv .html .md .json .tex .tsv .txt; .se .si .sie: SIE 4 budget, trygg show).",
        dir_okay=False,
    ),
]
AuthorOption = Annotated[
    str | None,
    option("--author", metavar="NAME", help="The author a Word document (.docx) names. Default: none."),
]
StageAsOfOption = Annotated[
    str | None,
    option(
        "--as-of",
        metavar="YYYY-MM-DD",
        help="The budget in force on this date: with the budget changes decided up to then (default: after all of "
        "them). In a diff or table, for each year as written.",
    ),
]
OriginalOption = Annotated[
    bool, typer.Option("--original", help="The budget as first decided, before any budget change of the year.")
]
ShareOption = Annotated[bool, typer.Option("--share", help="Show each item's share of its year's package (andel %).")]
NotesOption = Annotated[bool, typer.Option("--notes", help="Show the items' notes as numbered footnotes.")]
IdsOption = Annotated[
    bool, typer.Option("--ids", help="Show each item's id beside its name (CSV, xlsx and JSON always carry them).")
]


def year_argument(metavar: str, help: str) -> Any:
    return typer.Argument(metavar=metavar, help=help, show_default=False, autocompletion=complete_year)


YearArgument = Annotated[str, year_argument("YEAR", "A year (2021) or a budget file.")]
OldArgument = Annotated[str, year_argument("OLD", "The earlier year (2020) or its file.")]
NewArgument = Annotated[str, year_argument("NEW", "The later year (2021) or its file.")]


def _column_option(what: str, known: str) -> Any:
    """An option naming a CSV or xlsx export's column by its header, where trygg does not know it."""
    return option(
        f"--{what}-column",
        metavar="HEADER",
        help=f"The {what} column of a CSV or xlsx export, where it is not {known}.",
    )


# Each command's own options and arguments, beside the shared ones.
ValidateNamesArgument = Annotated[
    list[str] | None,
    year_argument("YEAR|PATH...", "Years, files or folders (default: every budget-YYYY.yaml in the data dir)."),
]
ValidateFormatOption = Annotated[
    Report | None,
    option(
        "--format",
        "-f",
        metavar="text|json|github",
        help="text (the default), json, or github: GitHub Actions annotations (the default when GITHUB_ACTIONS=true).",
        case_sensitive=False,
        callback=note_format,
    ),
]
DiffSortOption = Annotated[
    Order,
    typer.Option(
        "--sort",
        metavar="file|change|amount",
        case_sensitive=False,
        help="Rows in the file's order, by change (largest first) or by amount.",
    ),
]
DiffOnlyChangedOption = Annotated[bool, typer.Option("--only-changed", help="Leave out items that did not change.")]
DiffExitCodeOption = Annotated[
    bool, typer.Option("--exit-code", help="Exit 1 if anything differs, as git diff --exit-code does.")
]
ShowTextconvOption = Annotated[
    bool,
    typer.Option(
        "--textconv",
        help="For git diff (diff.trygg.textconv): the plain table, or the file's own text where it "
        "does not load; nothing on stderr, exit 0, so git diff never breaks.",
    ),
]
ShowMonthsOption = Annotated[
    bool,
    typer.Option(
        "--months", help="Each item's budget month by month, as its periodisation falls (months, start, end)."
    ),
]
TableNamesArgument = Annotated[
    list[str],
    year_argument("YEAR...", "Years (or files) in the order wanted: `trygg table 2021 2020` is the paper's table."),
]
TableChangeOption = Annotated[
    bool, typer.Option("--change", help="Show each year's change from the year before it (by year).")
]
FollowExportsArgument = Annotated[
    list[Path],
    typer.Argument(
        metavar="EXPORT...",
        help="The accounting system's exports: SIE 4 (.se .si .sie), .csv or .xlsx; several are read as one.",
        show_default=False,
    ),
]
FollowAsOfOption = Annotated[
    str | None,
    option(
        "--as-of",
        metavar="YYYY-MM-DD",
        help="Follow up to this date (default: the latest voucher date of the year in the exports).",
    ),
]
FollowDecimalsOption = Annotated[
    int | None,
    option(
        "--decimals",
        "-d",
        metavar="N",
        min=0,
        max=6,
        help=DECIMALS + "Default: as many as the budget column needs in tkr and mkr, öre in kr.",
    ),
]
FollowSortOption = Annotated[
    FollowOrder,
    typer.Option(
        "--sort",
        metavar="file|used|variance|actual",
        case_sensitive=False,
        help="Rows in the file's order, by % used, by variance (most over first) or by actual.",
    ),
]
FollowFailOverOption = Annotated[
    bool, typer.Option("--fail-over", help="Exit 1 if any line has spent more than its budget (for CI).")
]
FollowFailForecastOption = Annotated[
    bool,
    typer.Option("--fail-forecast", help="Exit 1 if any line's forecast for the year is above its budget (for CI)."),
]
FollowByOption = Annotated[
    Period | None,
    option(
        "--by",
        metavar="month",
        case_sensitive=False,
        help="month: one row a month from January to the as-of date, the package's or (--item) one line's.",
    ),
]
FollowItemOption = Annotated[
    str | None,
    option(
        "--item",
        metavar="ID",
        help="One line (its id or its name; ej-fordelat for the unallocated postings): the postings behind its "
        "actual, or with --by month, the line month by month.",
    ),
]
FollowColumnsOption = Annotated[
    str | None,
    option(
        "--columns",
        metavar="KEY,...",
        help="The columns, in order: budget, budget_to_date, actual, variance_to_date, forecast, variance, "
        "used_pct, remaining (default: the first six).",
    ),
]
FollowDateColumnOption = Annotated[str | None, _column_option("date", "Datum, Bokföringsdatum or Date")]
FollowAmountColumnOption = Annotated[str | None, _column_option("amount", "Belopp or Amount (or Debet and Kredit)")]
FollowAccountColumnOption = Annotated[str | None, _column_option("account", "Konto or Account")]
ChartFormatOption = Annotated[
    ChartFormat | None,
    option(
        "--format",
        "-f",
        metavar="rich|plain|svg",
        help="rich (default on a terminal), plain (default when piped) or svg (a picture for a document).",
        case_sensitive=False,
    ),
]
NewYearArgument = Annotated[
    str, typer.Argument(metavar="YEAR", help="The year to start, such as 2022.", show_default=False)
]
NewPreviousOption = Annotated[
    str | None,
    option(
        "--from",
        metavar="PREV",
        help="The year (or file) to start from (default: the latest earlier year in the data dir).",
        autocompletion=complete_year,
    ),
]
NewForceOption = Annotated[bool, typer.Option("--force", help="Replace the year's file if it exists.")]
LogItemOption = Annotated[
    str | None, option("--item", metavar="ID", help="Only the commits that changed this line (its id).")
]
UnitArgument = Annotated[
    Unit,
    typer.Argument(
        metavar="kr|tkr|mkr", help="The unit to write the amounts in.", case_sensitive=False, show_default=False
    ),
]
ReviewBaseArgument = Annotated[
    str,
    typer.Argument(metavar="BASE", help="The revision to review against (default: HEAD).", show_default=False),
]
PublishFolderArgument = Annotated[
    Path,
    typer.Argument(
        metavar="DIR",
        help="The folder to publish into: new, empty, or one trygg published into before (its .trygg-publish).",
        show_default=False,
    ),
]
PublishLicenseOption = Annotated[
    str,
    option(
        "--license",
        metavar="SPDX",
        help="The data's license: CC0-1.0 (the default, as Swedish open-data guidance recommends), CC-BY-4.0, "
        "ODC-By-1.0, ODbL-1.0 or PDDL-1.0.",
    ),
]
PublishBaseUrlOption = Annotated[
    str | None,
    option(
        "--base-url",
        metavar="URL",
        help="Where the folder will be on the web (https://…): the package's homepage and the page's canonical link.",
    ),
]
PublishTitleOption = Annotated[
    str | None,
    option("--title", metavar="TEXT", help="The package's title (default: the newest year's title without its year)."),
]
ShowAccountOption = Annotated[
    str | None,
    option(
        "--account",
        metavar="KONTO",
        help="SIE budget: the account of the lines whose match names no single konto (theirs or the package's).",
    ),
]
ShowDimensionOption = Annotated[
    list[str] | None,
    option(
        "--dimension",
        metavar="NAME=N",
        help="SIE budget: the SIE number of a dimension the standard does not name (ansvar=1); may be repeated.",
    ),
]
ShowLikeOption = Annotated[
    Path | None,
    option(
        "--like",
        metavar="EXPORT.se",
        help="SIE budget: take the dimensions' numbers and the accounts', dimensions' and objects' names from "
        "this SIE export of the accounting system.",
        dir_okay=False,
    ),
]
ShowCompanyOption = Annotated[
    str | None, option("--company", metavar="NAME", help="SIE budget: the name #FNAMN gives (default: the title).")
]
ImportSheetArgument = Annotated[
    Path,
    typer.Argument(
        metavar="FILE",
        help="A sheet trygg show wrote (.xlsx or .csv, in Swedish or English), edited.",
        show_default=False,
        dir_okay=False,
    ),
]
ImportRemoveOption = Annotated[
    bool, typer.Option("--remove", help="Remove the year's items that the sheet does not have (default: list them).")
]
ImportDryRunOption = Annotated[
    bool, typer.Option("--dry-run", help="Show what would change, as a diff, and write nothing.")
]
