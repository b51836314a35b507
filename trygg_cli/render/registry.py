"""Which writer writes which format: each family of writers registers its own formats (its
`WRITERS`), and a family is imported only when a run asks for a format that no family before it
writes, so a plain table never loads the workbook or Word writers."""

from __future__ import annotations

import importlib

from trygg_cli.render.formats import Format, Writer

FAMILIES = ("text", "web", "spreadsheet", "document")  # the commonest first


def writer(fmt: Format) -> Writer:
    """The writer of a table format (JSON is data, not a table: see `render.json`)."""
    for family in FAMILIES:
        writers: dict[Format, Writer] = importlib.import_module(f"trygg_cli.render.{family}").WRITERS
        if fmt in writers:
            return writers[fmt]
    raise ValueError(f"{fmt.value} is not a table format")
