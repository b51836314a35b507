"""The formats trygg writes, and the shape of a writer."""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from trygg_cli.render.locale import Locale
from trygg_cli.render.views import Table


class Format(enum.Enum):
    """How a table is printed. After the first eight come tabulate's own formats, by their names."""

    RICH = "rich"
    PLAIN = "plain"
    MARKDOWN = "markdown"
    HTML = "html"
    CSV = "csv"
    XLSX = "xlsx"
    DOCX = "docx"
    JSON = "json"
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
