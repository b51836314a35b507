"""The Word document, read back as Word would: heading, cells, bold, alignment, repeated header."""

from __future__ import annotations

import io
from decimal import Decimal
from typing import Any

import pytest

from tests.cases import DIFF, mkr_year
from trygg_cli.compare import compare
from trygg_cli.model import Budget, Item, Unit
from trygg_cli.render.document import write_document
from trygg_cli.render.locale import Locale
from trygg_cli.render.views import Options, Table, diff_table, show_table

docx = pytest.importorskip("docx")


def document(table: Table, locale: Locale = Locale.SV) -> Any:
    out = io.BytesIO()
    write_document(table, locale, out)
    return docx.Document(io.BytesIO(out.getvalue()))


def texts(grid: Any) -> list[list[str]]:
    """The cells' text, a no-break space (which keeps an amount with its unit) read as a space."""
    return [[cell.text.replace("\u00a0", " ") for cell in row.cells] for row in grid.rows]


def test_the_document_holds_the_heading_and_the_table() -> None:
    read = document(diff_table(DIFF, Unit.MKR))
    assert read.paragraphs[0].text == "Paket: 2020–2021, miljoner kronor"
    assert read.paragraphs[0].style.name.startswith("Heading")
    [grid] = read.tables
    assert texts(grid) == [
        ["Post", "2020", "2021", "Förändring", "Förändring %"],
        ["A", "2,0", "0,8", "-1,2", "-60,0 %"],
        ["B (ny)", "0,0", "1,7", "+1,7", "–"],
        ["GONE (borttagen)", "0,5", "0,0", "-0,5", "-100,0 %"],
        ["Summa", "2,5", "2,5", "0,0", "0,0 %"],
    ]


def test_numbers_are_right_aligned_and_the_summa_row_bold_under_a_rule() -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    [grid] = document(diff_table(DIFF, Unit.MKR)).tables
    body, summa = grid.rows[1], grid.rows[-1]
    assert body.cells[0].paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.LEFT
    assert all(cell.paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.RIGHT for cell in body.cells[1:])
    assert all(run.bold for cell in summa.cells for run in cell.paragraphs[0].runs)
    assert not any(run.bold for cell in body.cells for run in cell.paragraphs[0].runs)
    assert all('w:top w:val="single"' in cell._tc.xml for cell in summa.cells)


def test_the_header_row_repeats_on_every_page() -> None:
    [grid] = document(diff_table(DIFF, Unit.MKR)).tables
    assert "<w:tblHeader" in grid.rows[0]._tr.xml
    assert all("<w:tblHeader" not in row._tr.xml for row in grid.rows[1:])


def test_a_wide_table_turns_the_page() -> None:
    from docx.enum.section import WD_ORIENT

    narrow = document(diff_table(DIFF, Unit.MKR)).sections[0]
    assert narrow.orientation == WD_ORIENT.PORTRAIT and narrow.page_width < narrow.page_height
    long = "Brottsförebyggande trygghetssamordnare i Orminge och Fisksätra"
    old, new = (mkr_year(year, (long, "2.0")) for year in (2020, 2021))
    wide = document(diff_table(compare(old, new), Unit.KR, Options(share=True))).sections[0]
    assert wide.orientation == WD_ORIENT.LANDSCAPE and wide.page_width > wide.page_height


def test_notes_and_the_rounding_note_are_footnotes() -> None:
    items = (
        Item("a", "A", Decimal(340_000), note="Första"),
        Item("b", "B", Decimal(340_000)),
        Item("c", "C", Decimal(340_000)),
    )
    budget = Budget(2021, Unit.MKR, Decimal(1_020_000), items)
    read = document(show_table(budget, Unit.MKR, Options(decimals=1, notes=True)))
    [grid] = read.tables
    first = grid.rows[1].cells[0].paragraphs[0].runs
    assert [run.text for run in first] == ["A", "1"] and first[1].font.superscript
    assert grid.rows[1].cells[0].text == "A1"
    notes = [paragraph.text for paragraph in read.paragraphs[1:]]
    assert notes == ["1 Första", "Beloppen är avrundade; summan är beräknad på exakta belopp."]


def test_names_are_as_written_in_english_too() -> None:
    budget = Budget(2021, Unit.MKR, Decimal(1), (Item("a", "=1+1 <b>", Decimal(1)),))
    [grid] = document(show_table(budget, Unit.MKR), Locale.EN).tables
    assert grid.rows[0].cells[0].text == "Item" and grid.rows[1].cells[0].text == "=1+1 <b>"


def _paper_year(year: int) -> Budget:
    from tests.cases import PAPER, PAPER_NAMES

    items = tuple(Item(key, PAPER_NAMES[key], Decimal(mkr) * 1_000_000) for key, mkr in PAPER[year].items())
    total = sum((item.amount for item in items), Decimal(0))
    return Budget(year, Unit.MKR, total, items, title=f"Trygghetspaketet {year}")


def saved(table: Table, locale: Locale = Locale.SV) -> dict[str, str]:
    """The document's parts as text, by name, as Word unpacks them."""
    import zipfile

    out = io.BytesIO()
    write_document(table, locale, out)
    with zipfile.ZipFile(out) as package:
        return {name: package.read(name).decode("utf-8", errors="replace") for name in package.namelist()}


@pytest.mark.parametrize(("locale", "language"), [(Locale.SV, "sv-SE"), (Locale.EN, "en-GB")])
def test_the_document_is_the_municipalitys_not_the_librarys(locale: Locale, language: str) -> None:
    """Its language on the styles and every run (so Word's spell check knows the words), its
    heading as its title, no author unless one is given, written now, by trygg; none of the
    template's leftovers: python-docx, its 2013 dates, its thumbnail, en-US anywhere."""
    import re
    from dataclasses import replace
    from datetime import UTC, datetime, timedelta

    table = diff_table(compare(_paper_year(2020), _paper_year(2021)), Unit.MKR)
    read = document(table, locale)
    core = read.core_properties
    assert core.title == read.paragraphs[0].text and core.title.startswith("Trygghetspaketet: 2020–2021")
    assert core.author == "" and core.last_modified_by == "" and core.comments == ""
    assert core.language == language
    now = datetime.now(UTC)
    for moment in (core.created, core.modified):
        assert abs(moment.replace(tzinfo=UTC) - now) < timedelta(minutes=5), moment
    parts = saved(table, locale)
    assert not any("python-docx" in text or "en-US" in text for text in parts.values())
    assert "<Application>trygg</Application>" in parts["docProps/app.xml"]
    assert not [name for name in parts if "thumbnail" in name or name.startswith("customXml")]
    for name in ("word/styles.xml", "word/document.xml"):
        found = set(re.findall(r'<w:lang w:val="([^"]+)"', parts[name]))
        assert found == {language}, (name, found)
    runs = [run for paragraph in read.paragraphs for run in paragraph.runs]
    runs += [run for row in read.tables[0].rows for cell in row.cells for run in cell.paragraphs[0].runs]
    assert all(f'<w:lang w:val="{language}"' in run._r.xml for run in runs)
    assert f'w:themeFontLang w:val="{language}"' in parts["word/settings.xml"]
    assert document(replace(table, author="Ekonomienheten")).core_properties.author == "Ekonomienheten"


def test_the_shipped_diff_fits_a_portrait_page_in_both_languages() -> None:
    """Columns as wide as their text in Arial: the paper's five columns fit a portrait A4 with
    Word's normal margins (2.5 cm), each name on one line and each header whole."""
    from docx.enum.section import WD_ORIENT

    from trygg_cli.render.document import column_widths, text_width

    table = diff_table(compare(_paper_year(2020), _paper_year(2021)), Unit.MKR)
    for locale in (Locale.SV, Locale.EN):
        read = document(table, locale)
        section = read.sections[0]
        assert section.orientation == WD_ORIENT.PORTRAIT and section.page_width < section.page_height
        widths, landscape, _ = column_widths(table, locale)
        assert not landscape and sum(widths) <= 21.0 - 2 * 2.5
        [grid] = read.tables
        last = len(grid.rows) - 1
        for number, width in enumerate(widths):
            longest = max(text_width(row.cells[number].text, bold=at in (0, last)) for at, row in enumerate(grid.rows))
            assert width >= longest + 0.38, (locale, number, width, longest)


def test_headers_never_wrap_inside_a_word_and_text_wraps_before_the_page_turns() -> None:
    """Squeezed into the page, a name wraps between its words (down to its longest) before the
    page turns; a number's header may wrap between its words, never inside one ("Förändring")."""
    from docx.enum.section import WD_ORIENT

    from trygg_cli.render.document import column_widths, text_width

    long = "Brottsförebyggande trygghetssamordnare i Orminge och Fisksätra med omnejd, " * 2
    old, new = (mkr_year(year, ("a", "2.0")) for year in (2020, 2021))
    named = [replace_name(budget, long.strip()) for budget in (old, new)]
    table = diff_table(compare(*named), Unit.KR)
    widths, landscape, _ = column_widths(table, Locale.SV)
    assert not landscape and sum(widths) <= 16.0
    assert text_width("Brottsförebyggande") < widths[0] < text_width(long)  # wraps, between words
    assert document(table).sections[0].orientation == WD_ORIENT.PORTRAIT
    portrait = diff_table(compare(*named), Unit.KR, Options(share=True))  # seven columns, still portrait
    assert column_widths(portrait, Locale.SV)[1] is False
    word = [replace_name(budget, "Kameraövervakningssamordningsfunktionerna i Orminge") for budget in (old, new)]
    squeezed = diff_table(compare(*word), Unit.KR, Options(share=True))  # a name's one word too wide for portrait
    widths, landscape, _ = column_widths(squeezed, Locale.SV)
    assert landscape and sum(widths) <= 29.7 - 2 * 2.5
    for width, header in zip(widths[1:], ["2020", "Andel", "2021", "Andel", "Förändring", "Förändring"], strict=True):
        assert width >= text_width(header, bold=True) + 0.38, header


def replace_name(budget: Budget, name: str) -> Budget:
    from dataclasses import replace

    return replace(budget, items=tuple(replace(item, name=name) for item in budget.items))


def test_a_log_fits_its_page_and_its_changes_wrap_inside_it() -> None:
    from trygg_cli.render.document import column_widths, text_width
    from trygg_cli.render.labels import words
    from trygg_cli.render.views import Column

    changes = "; ".join(f"Trygghetsvärdar i område {n} (ny) 0,{n} mkr" for n in range(1, 9))
    columns = tuple(
        Column(words(label)) for label in ("log.date", "log.commit", "log.author", "log.subject", "log.changes")
    )
    rows = (
        ("2021-09-14", "8143e83", "Bertil Karlsson-Wästerberg", "Flytta 0,2 mkr efter beslut i KS 2021-03-15", changes),
    )
    table = Table(words("log.title", year=2021), columns, rows)
    widths, landscape, _ = column_widths(table, Locale.SV)
    room = (29.7 if landscape else 21.0) - 2 * 2.5
    assert sum(widths) <= room
    assert widths[4] < text_width(changes)  # the changes wrap inside the page
    assert widths[0] >= text_width("2021-09-14") + 0.38 and widths[1] >= text_width("Incheckning", bold=True) + 0.38
    [grid] = document(table).tables
    date = grid.rows[1].cells[0].paragraphs[0].runs[0]._r.xml
    assert date.count("<w:noBreakHyphen/>") == 2  # a date never breaks at its hyphens
    assert grid.rows[1].cells[0].text == "2021-09-14"
    assert "0,2\u00a0mkr" in grid.rows[1].cells[3].text  # nor between an amount and its unit


def test_a_table_too_wide_even_for_landscape_is_set_smaller_never_breaking_a_number() -> None:
    """Twelve months of exact amounts: smaller type (down to 7 pt) before a number would break."""
    from trygg_cli.render.document import column_widths, text_width

    items = tuple(Item(f"i{n}", f"Post {n}", Decimal("67945.21") + n) for n in range(3))
    years = [
        Budget(year, Unit.KR, sum((item.amount for item in items), Decimal(0)), items) for year in range(2010, 2022)
    ]
    from trygg_cli.compare import side_by_side
    from trygg_cli.render.views import side_by_side_table

    table = side_by_side_table(side_by_side(years), Unit.MKR)
    widths, landscape, points = column_widths(table, Locale.SV)
    assert landscape and points < 10 and sum(widths) <= 29.7 - 2 * 2.5
    for width, cell in zip(widths[1:], table.rows[0][1:], strict=True):
        assert width >= text_width(f"{cell:.8f}".replace(".", ","), points=points) + 0.38
    [grid] = document(table).tables
    assert grid.rows[1].cells[1].paragraphs[0].runs[0].font.size.pt == points
