"""The formats trygg writes, which one a run writes (asked for, else from the output file's
suffix, else rich on a terminal and plain text elsewhere), and the shape of a writer. The one
place a suffix means a format."""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from trygg_cli.model import TryggError
from trygg_cli.render.locale import Locale

if TYPE_CHECKING:
    from trygg_cli.render.views import Table


class Format(enum.Enum):
    """How a table is printed. After the first ten come tabulate's own formats, by their names;
    `svg` is a picture, for the follow-up month by month only; `sie` the budget for the
    accounting system, for `trygg show` only."""

    RICH = "rich"
    PLAIN = "plain"
    MARKDOWN = "markdown"
    HTML = "html"
    CSV = "csv"
    XLSX = "xlsx"
    DOCX = "docx"
    JSON = "json"
    SVG = "svg"
    SIE = "sie"  # the budget month by month for the accounting system: trygg show only
    GRID = "grid"
    SIMPLE_GRID = "simple_grid"
    ROUNDED_GRID = "rounded_grid"
    FANCY_GRID = "fancy_grid"
    ORGTBL = "orgtbl"
    RST = "rst"
    MEDIAWIKI = "mediawiki"
    LATEX = "latex"
    LATEX_BOOKTABS = "latex_booktabs"
    ASCIIDOC = "asciidoc"
    JIRA = "jira"
    TEXTILE = "textile"
    TSV = "tsv"


class Report(enum.Enum):
    """How problems are printed."""

    TEXT = "text"
    JSON = "json"
    GITHUB = "github"


class ChartFormat(enum.Enum):
    RICH = "rich"
    PLAIN = "plain"
    SVG = "svg"


@dataclass(frozen=True, slots=True)
class Writer:
    """Writes a table to a stream: text, or (`binary`) bytes such as a workbook's."""

    write: Callable[[Table, Locale, Any], None]
    binary: bool = False


# The formats a spreadsheet or a script reads as data: figures in cells of their own, exact.
DATA = frozenset({Format.CSV, Format.XLSX})

SUFFIXES = {
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
    ".se": Format.SIE,
    ".si": Format.SIE,
    ".sie": Format.SIE,
}
CHART_SUFFIXES = {".svg": ChartFormat.SVG, ".txt": ChartFormat.PLAIN}


def chosen(fmt: Format | None, output: Path | None, terminal: bool, *, picture: bool = False) -> Format:
    """The format asked for; else the output file's suffix's (`.svg` where the run draws a
    `picture`); else rich on a terminal, plain elsewhere."""
    if fmt is not None:
        return fmt
    if output is not None:
        suffix = output.suffix.lower()
        if picture and suffix == ".svg":
            return Format.SVG
        if suffix not in SUFFIXES:
            raise TryggError("unknown-suffix", path=output, suffix=suffix, known=sorted(SUFFIXES))
        return SUFFIXES[suffix]
    return Format.RICH if terminal else Format.PLAIN


def chart_chosen(fmt: ChartFormat | None, output: Path | None, terminal: bool) -> ChartFormat:
    """The chart's format: asked for; else an .svg file's picture or a .txt file's text; else
    colour on a terminal and plain text elsewhere."""
    if fmt is not None:
        return fmt
    if output is not None:
        if output.suffix.lower() not in CHART_SUFFIXES:
            raise TryggError("chart-svg", path=output)
        return CHART_SUFFIXES[output.suffix.lower()]
    return ChartFormat.RICH if terminal else ChartFormat.PLAIN
