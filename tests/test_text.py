"""Text tables: the plain layout for pipes, rich, Markdown, and tabulate's formats (checked by
structure: their exact layout is tabulate's, which changes with its releases)."""

from __future__ import annotations

import io
import re
from decimal import Decimal

import pytest

from tests.cases import DIFF, many_items, mkr_year, postings_view
from trygg_cli.compare import compare
from trygg_cli.model import Budget, Item, Unit
from trygg_cli.render.cells import alignments, headers, rows_as_text
from trygg_cli.render.formats import Format
from trygg_cli.render.labels import words
from trygg_cli.render.locale import Locale
from trygg_cli.render.registry import writer
from trygg_cli.render.text import TABULATE_FORMATS
from trygg_cli.render.views import Options, Table, diff_table, postings_table, show_table
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
        if fmt is not Format.JSON and fmt.value not in ("svg", "sie"):  # a picture, a file for a system: no table
            assert writer(fmt).binary == (fmt in (Format.XLSX, Format.DOCX))


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
        (postings_table(postings_view(9_000), Unit.TKR), Locale.SV),  # (a text column aligned right)
        (postings_table(postings_view(0), Unit.KR), Locale.EN),
    ],
    ids=["diff", "english", "no-rows", "10001-rows", "postings", "no-postings"],
)
def test_plain_is_tabulates_simple_layout(table: Table, locale: Locale) -> None:
    assert written(table, Format.PLAIN, locale) == tabulate_simple(table, locale)


MARKUP = [
    "Pipe | i namn",
    "*fet*",
    "_kursiv_",
    "`kod`",
    "<b>x</b>",
    "[länk](http://example.com)",
    "a\\b",
    "~~s~~",
    "Se https://polisen.se/trygg",
    "Kampanj WWW.tryggare.se",
]


@pytest.mark.parametrize("name", MARKUP)
def test_markdown_shows_a_name_as_written_and_keeps_every_cell(name: str) -> None:
    budget = Budget(2021, Unit.MKR, Decimal(1_000_000), (Item("a", name, Decimal(1_000_000)),), title=name)
    text = written(show_table(budget, Unit.MKR), Format.MARKDOWN)
    row = text.splitlines()[4]
    # Every row has as many cells as the header: no | but the escaped ones inside the name.
    assert len(re.split(r"(?<!\\)\|", row)) == len(re.split(r"(?<!\\)\|", text.splitlines()[2])), row
    unescaped = re.sub(r"\\(.)", r"\1", row.split("|", 1)[1].rsplit("|", 2)[0].replace("\\|", "|"))
    assert unescaped.strip() == name
    assert all(f"\\{char}" in row for char in "*_`<[|~" if char in name)


def test_markdown_makes_no_link_of_a_url_in_a_name_and_keeps_the_footnote_mark_out() -> None:
    """GitHub's autolinker (cmark-gfm) links `https://…` and `www.…` in plain text, and takes a
    footnote mark right after one into the link. An escaped `:` or `.` shows as itself and starts
    no link (seen with cmark-gfm: `Se https\\://polisen.se¹` renders as text, mark and all)."""
    names = ("Se https://polisen.se/trygg", "Kampanj www.tryggare.se", "ftp://arkiv.se")
    items = tuple(Item(f"i{n}", name, Decimal(1_000_000), note=f"Läs på {name}") for n, name in enumerate(names))
    budget = Budget(2021, Unit.MKR, Decimal(3_000_000), items)
    text = written(show_table(budget, Unit.MKR, Options(notes=True)), Format.MARKDOWN)
    assert "| Se https\\://polisen.se/trygg¹ |" in text
    assert "| Kampanj www\\.tryggare.se² " in text and "| ftp\\://arkiv.se³ " in text
    assert "¹ Läs på Se https\\://polisen.se/trygg" in text
    assert not re.search(r"(?i)(?<!\\)://|www(?!\\)\.", text)


def test_a_narrow_terminal_wraps_names_and_never_cuts_a_number(monkeypatch: pytest.MonkeyPatch) -> None:
    long = "trygghetsvardar-i-orminge-och-fisksatra"
    table = diff_table(compare(mkr_year(2020, (long, "2.0")), mkr_year(2021, ("x", "0.8"))), Unit.TKR)
    for width in (40, 60, 80):
        monkeypatch.setenv("COLUMNS", str(width))
        text = written(table, Format.RICH)
        assert max(map(len, text.splitlines())) <= width
        body = text.split("─")[-1].splitlines()
        # The name, folded over lines, is the first word of each line it takes: none of it is lost.
        assert long.upper() in "".join(line.split()[0] for line in body if line.strip()), text
        words = " ".join(text.split())
        for cell in ("2 000", "800", "-2 000", "+800", "-100,0 %", "-1 200", "-60,0 %"):
            assert f" {cell} " in f" {words} ", (width, cell, text)


def test_footnotes_follow_the_table_and_marks_follow_the_names() -> None:
    budget = Budget(
        2021,
        Unit.MKR,
        Decimal(1_000_000),
        (Item("a", "A", Decimal(600_000), note="Första"), Item("b", "B", Decimal(400_000), note="Andra")),
    )
    text = written(show_table(budget, Unit.MKR, Options(notes=True)), Format.PLAIN)
    assert "A¹" in text and "B²" in text
    assert text.splitlines()[-2:] == ["¹ Första", "² Andra"]
    assert "Första" not in written(show_table(budget, Unit.MKR), Format.PLAIN)  # only when asked for


@pytest.mark.parametrize("fmt", [Format.PLAIN, Format.RICH, Format.MARKDOWN, Format.GRID])
def test_a_rounding_note_when_the_rows_do_not_add_up_as_shown(fmt: Format) -> None:
    budget = mkr_year(2021, ("a", "0.34"), ("b", "0.34"), ("c", "0.34"))  # 0,3 + 0,3 + 0,3 is not 1,0
    assert "Beloppen är avrundade" in written(show_table(budget, Unit.MKR, Options(decimals=1)), fmt)
    assert "Beloppen är avrundade" not in written(show_table(budget, Unit.MKR, Options(decimals=2)), fmt)
    english = written(show_table(budget, Unit.MKR, Options(decimals=1)), fmt, Locale.EN)
    assert "Amounts are rounded; totals are computed from the exact amounts." in english


def _followup_table() -> Table:
    from datetime import date

    from tests.cases import actuals, budget
    from trygg_cli.follow import follow
    from trygg_cli.model import UNALLOCATED
    from trygg_cli.render.views import follow_table

    spent = actuals((0, date(2021, 3, 1), "30"), (1, date(2021, 3, 2), "160.01"), (UNALLOCATED, date(2021, 3, 3), "1"))
    return follow_table(follow(budget(), spent), Unit.KR)


@pytest.mark.parametrize("width", [40, 60, 80, 120])
def test_a_wide_table_on_a_narrow_terminal_keeps_every_figure_and_word_whole(
    monkeypatch: pytest.MonkeyPatch, width: int
) -> None:
    """The follow-up's columns: headers wrap between words where the names still have room, and
    where they do not, each row is a block (its name, then each figure after its header)."""
    monkeypatch.setenv("COLUMNS", str(width))
    text = written(_followup_table(), Format.RICH)
    assert max(map(len, text.splitlines())) <= width, text
    words = set(text.split())
    for word in ("Budget", "Utfall", "Avvikelse", "Prognos", "helår", "(överskriden)", "fördelat", "Summa"):
        assert word in words, (width, word, text)
    figures = " ".join(text.split())
    for figure in ("30,00", "160,01", "16,99", "-143,02", "-13,01", "5,89", "1 224,25", "-924,25"):
        assert figure in figures, (width, figure, text)
    assert ("─" in text) == (width >= 80), text  # a table where it fits, blocks where it does not


def _log_table() -> Table:
    """A year's history as `trygg log` shows it: short columns (a date, a commit, a person), a
    subject and a long list of changes."""
    from trygg_cli.render.views import Column

    changes = (
        "Trygghetsvärdar (Orminge och Fisksätra) 0,8 mkr → 0,75 mkr; Ambulerande Trygghetsvärdar 0,8 mkr → "
        "0,75 mkr; Brottsförebyggande trygghetssamordnare 0,4 mkr → 0,45 mkr; Kameraövervakning – centrala "
        "funktioner 0,4 mkr → 0,45 mkr"
    )
    rows = (
        ("2021-09-14", "5cfe383", "Cecilia Öberg", "Justera belopp", changes),
        ("2021-03-15", "8143e83", "Bertil Karlsson-Wästerberg", "Flytta 0,2 mkr efter beslut i KS §42", "SSPF 1,5 mkr"),
    )
    header = ("log.date", "log.commit", "log.author", "log.subject", "log.changes")
    return Table(words("log.title", year=2021), tuple(Column(words(label)) for label in header), rows)


@pytest.mark.parametrize("width", [40, 60, 80, 120])
def test_the_log_on_a_terminal_keeps_dates_commits_and_people_whole(
    monkeypatch: pytest.MonkeyPatch, width: int
) -> None:
    """No line wider than the terminal; a date, a commit, a person and every word of the changes
    whole (never folded: "Datu/m", "c/6/2/1"), the changes wrapped between words; at 120 columns a
    table whose short columns keep their width."""
    monkeypatch.setenv("COLUMNS", str(width))
    table = _log_table()
    text = written(table, Format.RICH)
    lines = text.splitlines()
    assert max(map(len, lines)) <= width, text
    tokens = set(text.split())
    for row in table.rows:
        date, commit, author = (str(cell) for cell in row[:3])
        assert any(date in line and commit in line for line in lines) or (
            any(line.strip() == date for line in lines) and commit in tokens
        ), text
        assert any(author in line for line in lines), (author, text)  # a person on one line
        for cell in row:
            assert set(str(cell).split()) <= tokens, (cell, text)  # every word whole
    assert "0,75 mkr;" in text and "1,5 mkr" in text  # an amount keeps its unit on its line
    if width == 120:
        assert "─" in text and lines[2].split()[:3] == ["Datum", "Incheckning", "Av"]
        assert any(line.split()[:4] == ["2021-09-14", "5cfe383", "Cecilia", "Öberg"] for line in lines)
        assert sum("Trygghetsvärdar" in line for line in lines) == 2  # the changes wrap in their column


@pytest.mark.parametrize("width", [40, 60, 80, 100])
def test_a_diff_on_a_terminal_folds_no_word(monkeypatch: pytest.MonkeyPatch, width: int) -> None:
    """The shipped names at any width: wrapped between words in a table where the names get their
    longest word, as blocks where they do not; never "Brottsförebyggan/de"."""
    from tests.cases import PAPER_NAMES

    old = Budget(
        2020,
        Unit.MKR,
        Decimal(2_000_000),
        (Item("trygghetsvardar", PAPER_NAMES["trygghetsvardar"], Decimal(2_000_000)),),
    )
    items = tuple(Item(key, name, Decimal(500_000)) for key, name in PAPER_NAMES.items())
    new = Budget(2021, Unit.MKR, Decimal(3_500_000), items)
    monkeypatch.setenv("COLUMNS", str(width))
    text = written(diff_table(compare(old, new), Unit.MKR), Format.RICH)
    assert max(map(len, text.splitlines())) <= width, text
    tokens = set(text.split())
    for name in PAPER_NAMES.values():
        assert set(name.split()) <= tokens, (name, text)
    assert {"Förändring", "%", "-75,0", "+0,5"} <= tokens, text
    assert ("─" in text) == (width >= 60), text


def test_rich_shows_a_name_as_written_never_as_its_markup() -> None:
    budget = Budget(2021, Unit.MKR, Decimal(1_000_000), (Item("a", "[red]x[/red] [b]", Decimal(1_000_000)),))
    assert "[red]x[/red] [b]" in written(show_table(budget, Unit.MKR), Format.RICH)
