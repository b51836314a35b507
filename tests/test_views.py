"""Views: tables of exact cells, and the words they hold put into each language."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tests.cases import DIFF, mkr_year, postings_view
from trygg_cli.compare import compare, select, side_by_side
from trygg_cli.model import Budget, Item, Loaded, Problem, Source, Unit
from trygg_cli.render.cells import headers, rows_as_text
from trygg_cli.render.labels import Words, words
from trygg_cli.render.locale import Locale
from trygg_cli.render.views import Options, Table, diff_table, show_table, side_by_side_table, years_table
from trygg_cli.render.words import say


def shown(table: Table, locale: Locale = Locale.SV) -> list[list[str]]:
    return rows_as_text(table, table.rows, locale)


def footer(table: Table, locale: Locale = Locale.SV) -> list[list[str]]:
    return rows_as_text(table, table.footer, locale)


def test_a_view_holds_exact_amounts_and_words_not_text() -> None:
    table = diff_table(DIFF, Unit.MKR)
    assert table.rows[0] == ("A", Decimal("2.0"), Decimal("0.8"), Decimal("-1.2"), Decimal("-60.0"))
    assert table.rows[1][0] == words("marked", name="B", marks=(words("added"),))
    assert table.footer[0][0] == words("sum")
    assert table.title == words("compared", title="Paket", old=2020, new=2021, unit=Unit.MKR)


def test_diff_table_cells_follow_the_paper() -> None:
    table = diff_table(DIFF, Unit.MKR)
    assert headers(table, Locale.SV) == ["Post", "2020", "2021", "Förändring", "Förändring %"]
    assert shown(table) == [
        ["A", "2,0", "0,8", "-1,2", "-60,0 %"],
        ["B (ny)", "0,0", "1,7", "+1,7", "–"],
        ["GONE (borttagen)", "0,5", "0,0", "-0,5", "-100,0 %"],
    ]
    assert footer(table) == [["Summa", "2,5", "2,5", "0,0", "0,0 %"]]
    assert say(table.title, Locale.SV) == "Paket: 2020–2021, miljoner kronor"


def test_english_changes_labels_and_numbers_of_the_same_table() -> None:
    table = diff_table(DIFF, Unit.KR)
    assert headers(table, Locale.EN) == ["Item", "2020", "2021", "Change", "Change %"]
    assert shown(table, Locale.EN)[1] == ["B (new)", "0", "1,700,000", "+1,700,000", "–"]
    assert shown(table, Locale.EN)[2][0] == "GONE (removed)"
    assert footer(table, Locale.EN) == [["Total", "2,500,000", "2,500,000", "0", "0.0%"]]
    assert say(table.title, Locale.EN) == "Paket: 2020–2021, SEK"


def test_column_decimals_show_every_amount_exactly() -> None:
    table = show_table(mkr_year(2021, ("a", "0.8"), ("b", "0.25")), Unit.MKR)
    assert [row[1] for row in shown(table)] == ["0,80", "0,25"]
    assert footer(table) == [["Summa", "1,05"]]


def test_rounding_is_for_display_and_the_sum_is_exact_then_rounded() -> None:
    # Three items of 0,34 mkr: each shows as 0,3, but the sum is 1,02 and shows as 1,0, not 0,9.
    budget = mkr_year(2021, ("a", "0.34"), ("b", "0.34"), ("c", "0.34"))
    table = show_table(budget, Unit.MKR, Options(decimals=1))
    assert [row[1] for row in shown(table)] == ["0,3", "0,3", "0,3"]
    assert footer(table) == [["Summa", "1,0"]]
    halves = show_table(mkr_year(2021, ("a", "0.25"), ("b", "0.25")), Unit.MKR, Options(decimals=1))
    assert [row[1] for row in shown(halves)] == ["0,3", "0,3"]  # half up
    assert footer(halves) == [["Summa", "0,5"]]


def test_other_unit_converts_and_groups_thousands() -> None:
    table = show_table(mkr_year(2021, ("a", "1.5")), Unit.KR)
    assert shown(table) == [["A", "1 500 000"]]
    assert say(table.title, Locale.SV) == "Paket 2021, kronor"


def test_show_table_names_a_declared_total_that_differs() -> None:
    table = show_table(mkr_year(2021, ("a", "4.9"), total="5.0"), Unit.MKR)
    assert footer(table) == [["Summa", "4,9"], ["Beslutad ram", "5,0"]]


def test_rename_is_marked_with_the_old_name() -> None:
    old = Budget(2020, Unit.MKR, Decimal(1), (Item("a", "Väktare", Decimal(1)),))
    new = Budget(2021, Unit.MKR, Decimal(1), (Item("a", "Trygghetsvärdar", Decimal(1)),))
    table = diff_table(compare(old, new), Unit.MKR)
    assert shown(table)[0][0] == "Trygghetsvärdar (nytt namn, tidigare ”Väktare”)"
    assert shown(table, Locale.EN)[0][0] == "Trygghetsvärdar (renamed, was “Väktare”)"


def test_side_by_side_fills_missing_years_with_zero() -> None:
    grid = side_by_side([mkr_year(2021, ("a", "0.8"), ("new", "0.4")), mkr_year(2020, ("a", "2.0"), ("old", "1.0"))])
    table = side_by_side_table(grid, Unit.MKR)
    assert headers(table, Locale.SV) == ["Post", "2021", "2020"]
    assert shown(table) == [["A", "0,8", "2,0"], ["NEW", "0,4", "0,0"], ["OLD", "0,0", "1,0"]]
    assert footer(table) == [["Summa", "1,2", "3,0"]]


def test_years_table_says_each_years_total_and_state() -> None:
    good = Loaded("budget-2020.yaml", mkr_year(2020, ("a", "5.0")), ())
    warned = Loaded("budget-2021.yaml", mkr_year(2021, ("a", "4.9"), total="5.0"), (Problem("x", "y", Source("", 1)),))
    broken = Loaded("budget-2022.yaml", None, ())
    table = years_table([good, warned, broken])
    assert shown(table) == [
        ["2020", "5,0 mkr", "1", "ok"],
        ["2021", "5,0 mkr", "1", "fel (1)"],
        ["budget-2022.yaml", "", "", "läses inte"],
    ]
    assert shown(table, Locale.EN)[1] == ["2021", "5.0 mkr", "1", "problems (1)"]


def test_shares_are_of_each_years_package_and_the_summa_is_a_hundred() -> None:
    table = diff_table(DIFF, Unit.MKR, Options(share=True))
    assert headers(table, Locale.SV) == [
        "Post",
        "2020",
        "Andel 2020",
        "2021",
        "Andel 2021",
        "Förändring",
        "Förändring %",
    ]
    assert [row[2] for row in shown(table)] == ["80,0 %", "0,0 %", "20,0 %"]
    assert [row[4] for row in shown(table)] == ["32,0 %", "68,0 %", "0,0 %"]
    assert footer(table)[0][2] == "100,0 %" and footer(table)[0][4] == "100,0 %"


def test_shares_round_half_up_and_say_when_they_do_not_add_up() -> None:
    thirds = mkr_year(2021, ("a", "1.0"), ("b", "1.0"), ("c", "1.0"))
    table = show_table(thirds, Unit.MKR, Options(share=True))
    assert [row[2] for row in shown(table)] == ["33,3 %"] * 3
    assert footer(table)[0][2] == "100,0 %"
    assert [say(note.text, Locale.SV) for note in table.footnotes] == [
        "Beloppen är avrundade; summan är beräknad på exakta belopp."
    ]
    assert show_table(mkr_year(2021, ("a", "0.5"), ("b", "1.5")), Unit.MKR, Options(share=True)).footnotes == ()


def test_only_changed_labels_its_sum_and_shows_the_package_total() -> None:
    only = select(DIFF, only_changed=True)
    unchanged = compare(mkr_year(2020, ("a", "1.0"), ("b", "2.0")), mkr_year(2021, ("a", "1.0"), ("b", "2.5")))
    table = diff_table(select(unchanged, only_changed=True), Unit.MKR, Options(share=True), package=unchanged)
    assert [row[0] for row in footer(table)] == ["Summa, visade rader", "Summa, hela paketet"]
    assert footer(table)[0][1:5] == ["2,0", "66,7 %", "2,5", "71,4 %"]  # b's share of the package
    assert footer(table)[1][1:5] == ["3,0", "100,0 %", "3,5", "100,0 %"]
    assert [row[0] for row in footer(diff_table(only, Unit.MKR))] == ["Summa"]  # not asked: the plain Summa


def test_a_year_without_title_is_named_by_its_year() -> None:
    untitled = Budget(2021, Unit.KR, Decimal(1), (Item("a", "A", Decimal(1)),))
    assert say(show_table(untitled, Unit.KR).title, Locale.SV) == "Budget 2021, kronor"
    assert say(show_table(untitled, Unit.KR).title, Locale.EN) == "Budget 2021, SEK"


def test_notes_are_numbered_in_row_order() -> None:
    items = (
        Item("a", "A", Decimal(1), note="Första"),
        Item("b", "B", Decimal(1)),
        Item("c", "C", Decimal(1), note="Andra"),
    )
    table = show_table(Budget(2021, Unit.KR, Decimal(3), items), Unit.KR, Options(notes=True))
    assert table.marks == (1, None, 2)
    assert [(note.number, note.text) for note in table.footnotes] == [(1, "Första"), (2, "Andra")]
    assert show_table(Budget(2021, Unit.KR, Decimal(3), items), Unit.KR).footnotes == ()


def test_table_change_is_from_the_year_before_by_date() -> None:
    years = [mkr_year(2021, ("a", "0.8")), mkr_year(2019, ("a", "1.0")), mkr_year(2020, ("a", "2.0"))]
    table = side_by_side_table(side_by_side(years), Unit.MKR, Options(change=True))
    assert headers(table, Locale.SV) == ["Post", "2021", "2019", "2020", "Förändring 2019–2020", "Förändring 2020–2021"]
    assert shown(table) == [["A", "0,8", "1,0", "2,0", "+1,0", "-1,2"]]
    assert footer(table) == [["Summa", "0,8", "1,0", "2,0", "+1,0", "-1,2"]]
    two = side_by_side_table(side_by_side(years[:2]), Unit.MKR, Options(change=True))
    assert headers(two, Locale.EN)[-1] == "Change 2019–2021"


def test_a_change_in_percent_has_the_sign_of_its_change_in_every_row() -> None:
    """From a negative amount (a problem of its own) up is a rise: +0,5 and +50,0 %, in the
    item's row and in the sum row, which the view works out apart."""
    table = diff_table(compare(mkr_year(2020, ("a", "-1.0")), mkr_year(2021, ("a", "-0.5"))), Unit.MKR)
    assert shown(table) == [["A", "-1,0", "-0,5", "+0,5", "+50,0 %"]]
    assert footer(table) == [["Summa", "-1,0", "-0,5", "+0,5", "+50,0 %"]]


def test_under_original_a_line_a_change_creates_is_new() -> None:
    from trygg_cli.amendments import in_force
    from trygg_cli.load import load_data

    text = (
        "year: 2021\nunit: mkr\ntotal: 1.0\nitems:\n  - {id: a, name: A, amount: 1.0}\n"
        "  - {id: b, name: B, amount: 0}\nchanges:\n  - date: 2021-05-10\n    decision: KS § 1\n"
        "    moves: {a: -0.3, b: +0.3}\n"
    )
    loaded = load_data(text.encode(), "budget-2021.yaml")
    assert loaded.budget is not None
    original = show_table(in_force(loaded.budget, original=True), Unit.MKR)
    first = original.rows[1][0]
    assert isinstance(first, (str, Words)) and say(first, Locale.SV) == "B (ny)"
    assert say(original.title, Locale.SV) == "Budget 2021, ursprunglig budget, miljoner kronor"
    after = show_table(in_force(loaded.budget), Unit.MKR)
    assert after.rows[1] == ("B", Decimal("0.3"))
    assert say(after.title, Locale.EN) == "Budget 2021, after 1 budget change, million SEK"


def test_the_postings_table_is_each_posting_as_the_export_writes_it() -> None:
    """A row per posting, in its order: date, voucher, text, account, objects as written, and its
    amount in the table's unit; a Summa row of them all."""
    from trygg_cli.render.views import postings_table

    view = postings_view(50)
    table = postings_table(view, Unit.TKR)
    listed = view.postings.rows()
    assert table.rows == tuple(
        (p.date.isoformat(), p.voucher, p.text, p.account, p.objects, p.amount / 1000) for p in listed
    )
    assert table.footer == ((words("sum"), None, None, None, None, sum(p.amount for p in listed) / 1000),)
    assert postings_table(postings_view(0), Unit.KR).rows == ()


def test_a_table_of_many_postings_holds_its_rows_as_columns(monkeypatch: pytest.MonkeyPatch) -> None:
    """A line's hundred thousand postings are held as columns, not a tuple a row: they read as
    rows wherever rows are asked for (by place, by slice, one by one), and a writer takes the
    columns as they are, never making the rows."""
    from trygg_cli.render.cells import columns_as_text
    from trygg_cli.render.views import ColumnRows, postings_table

    view = postings_view(50)
    table = postings_table(view, Unit.KR)
    rows = tuple((p.date.isoformat(), p.voucher, p.text, p.account, p.objects, p.amount) for p in view.postings.rows())
    assert (len(table.rows), table.rows[7], table.rows[3:9], tuple(table.rows)) == (50, rows[7], rows[3:9], rows)
    assert table.rows == rows and rows == table.rows and table.rows != rows[1:]
    assert table.rows != [*rows]  # type: ignore[comparison-overlap]  # (a tuple is not a list either)
    assert hash(table.rows) == hash(rows)
    monkeypatch.setattr(ColumnRows, "__iter__", lambda self: pytest.fail("the rows were made"))
    assert columns_as_text(table, table.rows, Locale.SV)[1] == [row[1] for row in rows]
