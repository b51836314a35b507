"""The chart: a view of two bars per item, and its writers: bars scaled to the largest, in text or
as SVG (trygg draws the SVG itself; checked by its structure, as a reader of the picture would)."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from tests.cases import DIFF, mkr_year
from tests.conftest import REPO
from trygg_cli.compare import Comparison, compare
from trygg_cli.model import Budget, Item, Unit
from trygg_cli.render.chart import CHART_WIDTH, CHART_WRITERS
from trygg_cli.render.formats import ChartFormat
from trygg_cli.render.locale import Locale
from trygg_cli.render.views import chart_view


def write_chart(comparison: Comparison, unit: Unit, fmt: ChartFormat, out: io.StringIO) -> None:
    CHART_WRITERS[fmt](chart_view(comparison, unit), Locale.SV, out)


def test_the_chart_view_holds_each_items_two_amounts_in_the_shown_unit() -> None:
    chart = chart_view(DIFF, Unit.TKR, revs=("main", None))
    assert chart.years == ("2020", "2021")
    assert chart.bars[0] == (Decimal(2000), Decimal(800))
    gone = [change.id for change in DIFF.changes].index("gone")
    assert chart.bars[gone][1] == 0  # a removed item's new year is drawn as nothing
    assert set(CHART_WRITERS) == set(ChartFormat)


def test_chart_draws_a_bar_per_year_scaled_to_the_largest() -> None:
    out = io.StringIO()
    write_chart(DIFF, Unit.MKR, ChartFormat.PLAIN, out)
    lines = out.getvalue().splitlines()
    assert lines[0] == "Paket: 2020–2021, miljoner kronor"
    full = "█" * CHART_WIDTH
    assert any(full in line and "2020" in line and line.endswith("2,0") for line in lines)
    assert any("2021" in line and "█" * 16 in line and "█" * 17 not in line and line.endswith("0,8") for line in lines)
    assert len(lines) == 1 + 2 * len(DIFF.changes)  # a title, then two bars per item
    assert "B (ny)" in out.getvalue()
    assert "\x1b" not in out.getvalue()


def svg(comparison: Comparison = DIFF) -> ET.Element:
    out = io.StringIO()
    write_chart(comparison, Unit.MKR, ChartFormat.SVG, out)
    return ET.fromstring(out.getvalue())


NS = "{http://www.w3.org/2000/svg}"


def test_the_svg_is_a_figure_for_a_document() -> None:
    root = svg()
    assert root.tag == f"{NS}svg"
    # Its language, for a screen reader's voice and a spell check: SVG 2's lang and SVG 1.1's xml:lang.
    assert root.get("lang") == "sv" and root.get("{http://www.w3.org/XML/1998/namespace}lang") == "sv"
    [background, *_] = root.iter(f"{NS}rect")
    assert background.get("fill") == "#ffffff" and background.get("width") == root.get("width")
    assert root.findtext(f"{NS}title") == "Paket: 2020–2021, miljoner kronor"
    description = root.findtext(f"{NS}desc") or ""
    assert "A: 2020 2,0, 2021 0,8" in description and "GONE (borttagen)" in description
    texts = [text.text for text in root.iter(f"{NS}text")]
    for label in ("A", "B (ny)", "GONE (borttagen)", "2,0", "0,8", "1,7", "2020", "2021"):
        assert label in texts, label


def test_the_svg_has_real_bars_in_scale_and_a_legend() -> None:
    rects = list(svg().iter(f"{NS}rect"))
    legend, bars = rects[1:3], rects[3:]
    assert len(bars) == 2 * len(DIFF.changes)  # two bars an item
    widths = [float(bar.get("width") or 0) for bar in bars]
    assert widths[0] == max(widths) and abs(widths[1] / widths[0] - 0.4) < 0.01  # 0,8 of 2,0
    assert [bar.get("fill") for bar in legend] == [bars[0].get("fill"), bars[1].get("fill")]
    assert bars[0].get("fill") != bars[1].get("fill")  # told apart in black and white too


def test_the_svg_reaches_for_nothing_outside_itself() -> None:
    out = io.StringIO()
    write_chart(DIFF, Unit.MKR, ChartFormat.SVG, out)
    text = out.getvalue().replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert "http" not in text and "@font-face" not in text and "url(" not in text


def test_names_in_the_svg_are_text_not_markup() -> None:
    old = mkr_year(2020, ("a", "1.0"))
    new = Budget(2021, Unit.MKR, Decimal(1_000_000), (Item("a", "<script>&", Decimal(1_000_000)),))
    texts = [text.text for text in svg(compare(old, new)).iter(f"{NS}text")]
    assert any(text and text.startswith("<script>&") for text in texts)


def test_names_on_a_terminal_are_text_not_rich_markup() -> None:
    name = "[red]röd[/red] [b]"
    old, new = (
        Budget(year, Unit.MKR, Decimal(1_000_000), (Item("a", name, Decimal(1_000_000)),)) for year in (2020, 2021)
    )
    out = io.StringIO()
    write_chart(compare(old, new), Unit.MKR, ChartFormat.RICH, out)
    assert name in out.getvalue()


def test_the_follow_up_by_month_as_a_picture_for_black_and_white(
    tmp_path: Path, run: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Three series told apart by line and mark, not colour; the year's budget at December."""
    monkeypatch.chdir(REPO)
    picture = tmp_path / "sspf.svg"
    example = ["examples/budget-2021.yaml", "examples/huvudbok-2021.se"]
    assert run("follow", *example, "--by", "month", "--item", "sspf", "-o", str(picture)).exit_code == 0
    root = ET.fromstring(picture.read_text(encoding="utf-8"))
    assert root.get("lang") == "sv"
    assert root.findtext(f"{NS}title") == "SSPF 2021: per månad t.o.m. 2021-08-31, miljoner kronor"
    lines = list(root.iter(f"{NS}polyline"))
    assert len(lines) == 3  # the budget, the actual, the forecast
    budget, actual, forecast = lines
    assert len((budget.get("points") or "").split()) == 12 and len((actual.get("points") or "").split()) == 8
    assert forecast.get("stroke-dasharray") and not budget.get("stroke-dasharray")
    assert {line.get("stroke") for line in lines} == {"#000000"}  # black and white
    texts = [text.text for text in root.iter(f"{NS}text")]
    assert {"Budget t.o.m. månadens slut", "Utfall t.o.m. 2021-08-31", "Prognos helår"} <= set(texts)
    assert "Prognos helår: 1,5" in (root.findtext(f"{NS}desc") or "")
    refused = run("diff", "2020", "2021", "--format", "svg", "--locale", "en")
    assert refused.exit_code == 2 and "--format svg draws a picture" in refused.stderr
