"""Which writer writes which format: each family of writers registers its own formats."""

from __future__ import annotations

from trygg_cli.render import document, spreadsheet, text, web
from trygg_cli.render.formats import Format, Writer

WRITERS: dict[Format, Writer] = {**text.WRITERS, **web.WRITERS, **spreadsheet.WRITERS, **document.WRITERS}


def writer(fmt: Format) -> Writer:
    """The writer of a table format (JSON is data, not a table: see `render.json`)."""
    if fmt not in WRITERS:
        raise ValueError(f"{fmt.value} is not a table format")
    return WRITERS[fmt]
