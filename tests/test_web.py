"""The web page: a standalone, accessible HTML table."""

from __future__ import annotations

import io
import re
from decimal import Decimal

from tests.cases import DIFF
from trygg_cli.compare import compare
from trygg_cli.model import Budget, Item, Unit
from trygg_cli.render.labels import words
from trygg_cli.render.locale import Locale
from trygg_cli.render.views import Column, Footnote, Options, Table, diff_table, show_table
from trygg_cli.render.web import write_html


def page(table: Table, locale: Locale = Locale.SV) -> str:
    out = io.StringIO()
    write_html(table, locale, out)
    return out.getvalue()


def test_html_is_standalone_and_accessible() -> None:
    text = page(diff_table(DIFF, Unit.MKR))
    assert text.startswith('<!DOCTYPE html>\n<html lang="sv">')
    assert "<caption" in text and "Paket: 2020–2021, miljoner kronor</caption>" in text
    assert re.search(r'<th scope="col" style="[^"]*text-align:right">2020</th>', text)
    assert re.search(r'<th scope="row" style="[^"]*">B \(ny\)</th>', text)
    assert re.search(r'<td style="[^"]*text-align:right[^"]*">\+1,7</td>', text)
    assert "<tfoot>" in text and "Summa" in text.split("<tfoot>")[1]


def test_html_language_follows_the_locale() -> None:
    text = page(diff_table(DIFF, Unit.MKR), Locale.EN)
    assert text.startswith('<!DOCTYPE html>\n<html lang="en">') and "B (new)" in text


def test_html_escapes_names() -> None:
    text = page(show_table(Budget(2021, Unit.KR, Decimal(1), (Item("a", "<b>&", Decimal(1)),)), Unit.KR))
    assert "&lt;b&gt;&amp;" in text and "<b>&" not in text


def cells(text: str, tag: str) -> list[tuple[str, str]]:
    """Each (style, content) of the cells of a kind, in order."""
    return re.findall(rf'<{tag}[^>]*style="([^"]*)">(.*?)</{tag}>', text)


def test_names_are_normal_weight_and_summa_bold_under_a_rule() -> None:
    text = page(diff_table(DIFF, Unit.MKR))
    body, foot = text.split("<tbody>")[1].split("</tbody>")[0], text.split("<tfoot>")[1]
    assert all("font-weight:normal" in style and "bold" not in style for style, _ in cells(body, "th"))
    [(summa, label)] = cells(foot, "th")
    assert label == "Summa" and "font-weight:bold" in summa and "border-top:1.5px solid" in summa
    assert all("font-weight:bold" in style for style, _ in cells(foot, "td"))
    assert "border-bottom:1px solid #d0d0d0" in body  # light row rules
    assert "sans-serif" in text.split("<table", 1)[1].split(">", 1)[0]


def test_numbers_never_break_over_lines() -> None:
    budget = Budget(2021, Unit.KR, Decimal(2_000_000), (Item("a", "A", Decimal(2_000_000)),))
    text = page(diff_table(compare(budget, budget), Unit.KR))
    numbers = [content for style, content in cells(text, "td")]
    assert "2\u00a0000\u00a0000" in numbers and "0,0\u00a0%" in numbers
    assert all(" " not in number for number in numbers)
    assert all("white-space:nowrap" in style for style, _ in cells(text, "td"))


def test_notes_are_marked_and_listed_under_the_table() -> None:
    budget = Budget(2021, Unit.KR, Decimal(1), (Item("a", "<A>", Decimal(1), note="Not & så"),))
    text = page(show_table(budget, Unit.KR, Options(notes=True)))
    assert '>&lt;A&gt;<sup style="line-height:0">1</sup></th>' in text
    assert re.search(r"</table>\n</div>\n<p [^>]*>1\. Not &amp; så</p>", text)


def test_the_page_is_well_formed() -> None:
    from html.parser import HTMLParser

    class Nesting(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.open: list[str] = []

        def handle_starttag(self, tag: str, attrs: object) -> None:
            if tag not in ("meta", "br"):
                self.open.append(tag)

        def handle_endtag(self, tag: str) -> None:
            assert self.open.pop() == tag

    parser = Nesting()
    parser.feed(page(diff_table(DIFF, Unit.MKR, Options(notes=True, share=True))))
    assert parser.open == []


def test_a_wide_table_scrolls_in_its_box_on_a_narrow_screen() -> None:
    """At a phone's 380 px, the table scrolls sideways inside a box as wide as the screen, and the
    page (laid out at the device's width) pushes no column off it."""
    text = page(diff_table(DIFF, Unit.MKR, Options(share=True)))
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in text
    box = re.search(r'<div style="([^"]*)">\n<table', text)
    assert box and "overflow-x:auto" in box.group(1)
    assert text.index("</table>") < text.index("</div>")


def test_dates_amounts_with_units_and_vouchers_never_break() -> None:
    """In a name, a header, the caption or a note: a date is kept on one line (a browser breaks at
    its hyphens), an amount keeps its unit, a voucher its number."""
    table = Table(
        words("titled", title="Uppföljning t.o.m. 2021-08-31", unit=Unit.MKR),
        (Column("Utfall t.o.m. 2021-08-31"), Column("Ändringar")),
        (("2021-08-31", "SSPF 1 234,5 mkr → 1,4 mkr (-60,0 %); verifikation A 12; KF § 112"),),
        footnotes=(Footnote(None, "egen prognos 2021-04-30, 0,25 mkr"),),
    )
    text = page(table)
    date = '<span style="white-space:nowrap">2021-08-31</span>'
    assert f"Uppföljning t.o.m. {date}, miljoner kronor</caption>" in text
    assert f">Utfall t.o.m. {date}</th>" in text
    assert f'<th scope="row" style="{cells(text, "th")[2][0]}">{date}</th>' in text
    nbsp = "\u00a0"
    for glued in ("1 234,5 mkr", "1,4 mkr", "-60,0 %", "A 12", "0,25 mkr", "§ 112"):
        assert glued.replace(" ", nbsp) in text, glued
    assert f"egen prognos {date.replace('08-31', '04-30')}, 0,25{nbsp}mkr</p>" in text


def test_a_column_of_long_text_keeps_a_readable_width_when_the_table_scrolls() -> None:
    """A log's changes: at least 14em wide, so on a phone the column does not shrink to its
    longest word and run down the page; short columns are left to their text."""
    changes = "; ".join(f"Post {n} 0,{n} mkr → 0,{n + 1} mkr" for n in range(1, 5))
    table = Table(
        words("titled", title="Historik", unit=Unit.MKR),
        (Column("Datum"), Column("Ändringar")),
        (("2021-08-31", changes),),
    )
    [(date, _), (wide, _)] = cells(page(table), "th")[:2]
    assert "min-width:14em" in wide and "min-width" not in date
