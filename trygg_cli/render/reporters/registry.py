"""Which reporter writes which format, and which one a run uses."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TextIO

from trygg_cli.model import Loaded
from trygg_cli.render.formats import Report
from trygg_cli.render.locale import Locale
from trygg_cli.render.reporters import github, json, text

Reporter = Callable[[Sequence[Loaded], Locale, TextIO, TextIO], None]

REPORTERS: dict[Report, Reporter] = {Report.TEXT: text.report, Report.GITHUB: github.report, Report.JSON: json.report}


def chosen(fmt: Report | None, environ: Mapping[str, str]) -> Report:
    """The reporter asked for; else GitHub annotations where GitHub Actions runs trygg; else text."""
    if fmt is not None:
        return fmt
    return Report.GITHUB if environ.get("GITHUB_ACTIONS") == "true" else Report.TEXT


def report(results: Sequence[Loaded], fmt: Report, locale: Locale, out: TextIO, err: TextIO) -> None:
    """The problems of `results` (each file once) as `fmt` writes them."""
    unique = list({id(loaded): loaded for loaded in results}.values())
    REPORTERS[fmt](unique, locale, out, err)
