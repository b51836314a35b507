"""The chart: bars per year, scaled to the largest, in text or as SVG (checked by structure:
the SVG is rich's export, which changes with rich's releases)."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET

from tests.cases import DIFF
from trygg_cli.model import Unit
from trygg_cli.render.chart import CHART_WIDTH, write_chart
from trygg_cli.render.formats import ChartFormat


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


def test_chart_as_svg_is_a_picture_holding_every_name() -> None:
    out = io.StringIO()
    write_chart(DIFF, Unit.MKR, ChartFormat.SVG, out)
    root = ET.fromstring(out.getvalue())
    assert root.tag.endswith("svg")
    text = "".join(root.itertext()).replace("\u00a0", " ")
    for label in ("Paket: 2020–2021, miljoner kronor", "GONE (borttagen)", "2,0", "0,8"):
        assert label in text
