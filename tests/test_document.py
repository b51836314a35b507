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
    return [[cell.text for cell in row.cells] for row in grid.rows]


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
