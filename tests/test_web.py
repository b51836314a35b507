"""The web page: a standalone, accessible HTML table."""

from __future__ import annotations

import io
from decimal import Decimal

from tests.cases import DIFF
from trygg_cli.model import Budget, Item, Unit
from trygg_cli.render.locale import Locale
from trygg_cli.render.views import Table, diff_table, show_table
from trygg_cli.render.web import write_html


def page(table: Table, locale: Locale = Locale.SV) -> str:
    out = io.StringIO()
    write_html(table, locale, out)
    return out.getvalue()


def test_html_is_standalone_and_accessible() -> None:
    text = page(diff_table(DIFF, Unit.MKR))
    assert text.startswith('<!DOCTYPE html>\n<html lang="sv">')
    assert "<caption" in text and "Paket: 2020–2021, miljoner kronor</caption>" in text
    assert '<th scope="col" style="text-align:right;padding:2px 8px">2020</th>' in text
    assert '<th scope="row" style="text-align:left;padding:2px 8px">B (ny)</th>' in text
    assert '<td style="text-align:right;padding:2px 8px">+1,7</td>' in text
    assert "<tfoot>" in text and "Summa" in text.split("<tfoot>")[1]


def test_html_language_follows_the_locale() -> None:
    text = page(diff_table(DIFF, Unit.MKR), Locale.EN)
    assert text.startswith('<!DOCTYPE html>\n<html lang="en">') and "B (new)" in text


def test_html_escapes_names() -> None:
    text = page(show_table(Budget(2021, Unit.KR, Decimal(1), (Item("a", "<b>&", Decimal(1)),)), Unit.KR))
    assert "&lt;b&gt;&amp;" in text and "<b>&" not in text
