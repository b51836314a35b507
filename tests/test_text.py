"""Text tables: the plain layout for pipes, rich, Markdown, and tabulate's formats (checked by
structure: their exact layout is tabulate's, which changes with its releases)."""

from __future__ import annotations

import io

import pytest

from tests.cases import DIFF, many_items, mkr_year
from trygg_cli.compare import compare
from trygg_cli.model import Unit
from trygg_cli.render.cells import alignments, headers, rows_as_text
from trygg_cli.render.formats import Format
from trygg_cli.render.locale import Locale
from trygg_cli.render.registry import writer
from trygg_cli.render.text import TABULATE_FORMATS
from trygg_cli.render.views import Table, diff_table, show_table
from trygg_cli.render.words import say


def written(table: Table, fmt: Format, locale: Locale = Locale.SV) -> str:
    out = io.StringIO()
    writer(fmt).write(table, locale, out)
    return out.getvalue()


def test_plain_output_has_no_escape_codes() -> None:
    text = written(show_table(mkr_year(2021, ("a", "1.0")), Unit.MKR), Format.PLAIN)
    assert "\x1b" not in text
    assert text.splitlines()[-1].split() == ["Summa", "1,0"]


def test_rich_output_to_a_file_has_no_colour() -> None:
    text = written(show_table(mkr_year(2021, ("a", "1.0")), Unit.MKR), Format.RICH)
    assert "\x1b" not in text
    assert "Summa" in text


def test_markdown_is_a_pipe_table_with_aligned_numbers() -> None:
    text = written(show_table(mkr_year(2021, ("a", "1.0")), Unit.MKR), Format.MARKDOWN)
    lines = text.splitlines()
    assert lines[0] == "**Paket 2021, miljoner kronor**"
    assert lines[2].startswith("| Post")
    assert lines[3].endswith("--:|")
    assert lines[-1].startswith("| **Summa**")


@pytest.mark.parametrize("fmt", TABULATE_FORMATS, ids=[fmt.value for fmt in TABULATE_FORMATS])
def test_tabulate_formats_hold_every_cell_in_order(fmt: Format) -> None:
    table = diff_table(DIFF, Unit.MKR)
    text = written(table, fmt).replace("\\%", "%")  # LaTeX writes % as \%
    for row in rows_as_text(table, (*table.rows, *table.footer), Locale.SV):
        # Each row's cells appear on one line, in the columns' order.
        line = next(line for line in text.splitlines() if row[0] in line)
        at = 0
        for cell in row:
            at = line.index(cell, at) + len(cell)
    assert all(header in text for header in headers(table, Locale.SV))


def test_every_table_format_has_a_writer() -> None:
    for fmt in Format:
        if fmt is not Format.JSON:
            assert writer(fmt).binary == (fmt is Format.XLSX)


def tabulate_simple(table: Table, locale: Locale) -> str:
    """The same table through tabulate's "simple" layout, which the plain writer follows."""
    from tabulate import tabulate

    rows = rows_as_text(table, table.rows, locale)
    if table.footer:
        rows += [[""] * len(table.columns), *rows_as_text(table, table.footer, locale)]
    text = tabulate(
        rows, headers=headers(table, locale), tablefmt="simple", colalign=alignments(table), disable_numparse=True
    )
    return f"{say(table.title, locale)}\n\n" + "\n".join(line.rstrip() for line in text.splitlines()) + "\n"


@pytest.mark.parametrize(
    ("table", "locale"),
    [
        (diff_table(DIFF, Unit.MKR), Locale.SV),
        (diff_table(DIFF, Unit.KR), Locale.EN),
        (diff_table(compare(mkr_year(2020), mkr_year(2021)), Unit.MKR), Locale.SV),  # no rows, a Summa row
        # More rows than the plain writer writes at a time.
        (diff_table(compare(many_items(2020, 10_000, 3), many_items(2021, 10_001, 7)), Unit.KR), Locale.SV),
    ],
    ids=["diff", "english", "no-rows", "10001-rows"],
)
def test_plain_is_tabulates_simple_layout(table: Table, locale: Locale) -> None:
    assert written(table, Format.PLAIN, locale) == tabulate_simple(table, locale)
