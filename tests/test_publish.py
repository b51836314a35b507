"""trygg publish: every year of the data dir as open data (CSV, JSON, a Data Package a validator
passes) and one static page, written safely into a folder that is trygg's or new."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
from collections.abc import Callable
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import DATA, Write
from trygg_cli import publish
from trygg_cli.model import Budget, Item, Loaded, Unit
from trygg_cli.render.locale import Locale
from trygg_cli.render.publication import publication_files

Run = Callable[..., Any]

# A year with problems of each kind the issue names: a total that does not add up, an id used
# twice, a name that starts like a formula, and markup in a name.
TROUBLED = """\
    year: 2022
    title: Trygghetspaketet 2022
    unit: tkr
    total: 100
    items:
      - id: a
        name: "=HYPERLINK(\\"http://x\\")"
        amount: 60.5
      - id: a
        name: Twice
        amount: 30
      - id: b
        name: "<b>bold</b> & co"
        amount: 0.25
        note: "+46 is the country code"
"""


def rows(path: Path) -> list[list[str]]:
    data = path.read_bytes()
    assert not data.startswith(b"\xef\xbb\xbf")  # UTF-8 without a BOM
    assert b"\n" not in data.replace(b"\r\n", b"")  # every line ends in CRLF
    return list(csv.reader(io.StringIO(data.decode("utf-8"), newline="")))


def valid(folder: Path) -> bool:
    frictionless = pytest.importorskip("frictionless")
    report = frictionless.validate(str(folder / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    return True


@pytest.fixture
def shipped(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    shutil.copytree(DATA, folder)
    return folder


def test_the_shipped_data_publishes_a_package_a_validator_passes(run: Run, shipped: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    result = run("--data-dir", str(shipped), "publish", str(site))
    assert result.exit_code == 0, result.output
    assert sorted(path.name for path in site.iterdir()) == [
        ".trygg-publish",
        "budget.csv",
        "budget.json",
        "datapackage.json",
        "index.html",
        "years.csv",
    ]
    budget = rows(site / "budget.csv")
    assert budget[0] == ["year", "id", "name", "amount_sek", "original_amount_sek", "note"]
    assert [row[0] for row in budget[1:]] == ["2020"] * 5 + ["2021"] * 7
    assert budget[6][:5] == ["2021", "trygghetsvardar", "Trygghetsvärdar (Orminge och Fisksätra)", "800000", "800000"]
    assert rows(site / "years.csv") == [
        ["year", "title", "total_sek", "original_total_sek", "lines_sum_sek", "unit", "valid", "source"],
        ["2020", "Trygghetspaketet 2020", "5000000", "5000000", "5000000", "mkr", "true", "budget-2020.yaml"],
        ["2021", "Trygghetspaketet 2021", "5000000", "5000000", "5000000", "mkr", "true", "budget-2021.yaml"],
    ]
    assert valid(site)
    package = json.loads((site / "datapackage.json").read_text(encoding="utf-8"))
    assert package["name"] == "trygghetspaketet"
    assert package["title"] == "Trygghetspaketet"
    assert package["description"] == yaml.safe_load((shipped / "budget-2021.yaml").read_text(encoding="utf-8"))["note"]
    assert package["licenses"] == [
        {
            "name": "CC0-1.0",
            "path": "https://creativecommons.org/publicdomain/zero/1.0/",
            "title": publish.LICENSES["CC0-1.0"].title,
        }
    ]
    assert package["sources"] == [{"title": "budget-2020.yaml"}, {"title": "budget-2021.yaml"}]
    assert package["fiscalPeriod"] == {"start": "2020-01-01", "end": "2021-12-31"}
    assert "profile" not in package and "$schema" not in package  # nothing to fetch: validates offline
    resources = {resource["name"]: resource for resource in package["resources"]}
    assert list(resources) == ["budget", "years", "budget-json"]  # no changes in the shipped years
    assert resources["budget"]["schema"]["primaryKey"] == ["year", "id"]
    assert resources["budget"]["schema"]["foreignKeys"][0]["reference"] == {"resource": "years", "fields": ["year"]}
    assert "schema" not in resources["budget-json"]
    required = {
        name: [
            field["name"]
            for field in resources[name]["schema"]["fields"]
            if field.get("constraints", {}).get("required")
        ]
        for name in ("budget", "years")
    }
    assert required == {"budget": ["year", "id", "name", "amount_sek"], "years": ["year", "valid", "source"]}
    measures = package["model"]["measures"]
    assert measures["amount_sek"]["phase"] == "adjusted" and measures["original_amount_sek"]["phase"] == "approved"
    assert {measure["currency"] for measure in measures.values()} == {"SEK"}
    assert {measure["direction"] for measure in measures.values()} == {"expenditure"}
    # the descriptions are in the run's language (Swedish by default)
    assert resources["budget"]["title"] == "Budgetposter"
    page = (site / "index.html").read_text(encoding="utf-8")
    assert '<html lang="sv">' in page
    assert page.index('<h2 id="y2021">') < page.index('<h2 id="y2020">')  # newest first
    assert "Trygghetspaketet: 2020–2021, miljoner kronor" in page  # 2021 against 2020
    assert page.count('<th scope="row">Summa</th>') == 2
    assert (
        "<script" not in page and " src=" not in page and "@import" not in page and "url(" not in page
    )  # nothing fetched
    assert "publicerade 6 filer" in result.stderr or "publicerade 5 filer" in result.stderr


def test_a_year_with_problems_is_published_with_them_and_the_run_exits_1(
    run: Run, write: Write, tmp_path: Path
) -> None:
    write((DATA / "budget-2021.yaml").read_text(encoding="utf-8"))
    write(TROUBLED, "budget-2022.yaml")
    write("year: [\n", "budget-2019.yaml")
    write(
        (DATA / "budget-2020.yaml").read_text(encoding="utf-8").replace("year: 2020", "year: 2018"), "budget-2020.yaml"
    )
    site = tmp_path / "site"
    result = run("--data-dir", str(tmp_path / "data"), "publish", str(site), "--locale", "en")
    assert result.exit_code == 1, result.output
    assert "budget-2022.yaml:" in result.stderr and "duplicate-id" in result.stderr
    years = rows(site / "years.csv")
    assert years[1] == ["2019", "", "", "", "", "", "false", "budget-2019.yaml"]  # cannot be read: a row all the same
    assert years[2][0] == "2020" and years[2][6] == "false"  # year: 2018 in budget-2020.yaml is 2020, not valid
    assert years[4] == [
        "2022",
        "Trygghetspaketet 2022",
        "100000",
        "100000",
        "90750",
        "tkr",
        "false",
        "budget-2022.yaml",
    ]
    budget = [row for row in rows(site / "budget.csv") if row[0] == "2022"]
    # the first line of a repeated id keeps the key; a formula is guarded; amounts exact and short
    assert budget == [
        ["2022", "a", '\'=HYPERLINK("http://x")', "60500", "60500", ""],
        ["2022", "b", "<b>bold</b> & co", "250", "250", "'+46 is the country code"],
    ]
    document = json.loads((site / "budget.json").read_text(encoding="utf-8"))
    by_year = {year["year"]: year for year in document["years"]}
    assert [item["name"] for item in by_year[2022]["items"]] == ['=HYPERLINK("http://x")', "Twice", "<b>bold</b> & co"]
    codes = {problem["code"] for problem in by_year[2022]["problems"]}
    assert codes == {"duplicate-id", "total-mismatch"}
    assert by_year[2019]["valid"] is False and by_year[2019]["items"] == [] and by_year[2019]["problems"]
    assert by_year[2020]["problems"][0]["code"] == "year-mismatch"
    assert str(tmp_path) not in (site / "budget.json").read_text(encoding="utf-8")  # no local path
    assert valid(site)
    page = (site / "index.html").read_text(encoding="utf-8")
    assert "&lt;b&gt;bold&lt;/b&gt; &amp; co" in page and "<b>bold" not in page
    assert "budget-2022.yaml has problems" in page and "id &#x27;a&#x27; is used twice" in page
    package = json.loads((site / "datapackage.json").read_text(encoding="utf-8"))
    assert package["resources"][0]["title"] == "Budget lines"  # in the run's language


def test_the_validator_sees_a_broken_key(run: Run, shipped: Path, tmp_path: Path) -> None:
    """The package test above can fail: a row of budget.csv for a year years.csv does not have."""
    frictionless = pytest.importorskip("frictionless")
    site = tmp_path / "site"
    assert run("--data-dir", str(shipped), "publish", str(site)).exit_code == 0
    with open(site / "budget.csv", "a", encoding="utf-8", newline="") as out:
        out.write("1999,x,X,1,1,\r\n")
    assert not frictionless.validate(str(site / "datapackage.json")).valid


def test_changes_are_a_file_of_their_own_and_amounts_are_in_force(run: Run, write: Write, tmp_path: Path) -> None:
    write((Path(__file__).resolve().parent.parent / "examples" / "budget-2021.yaml").read_text(encoding="utf-8"))
    site = tmp_path / "site"
    assert run("--data-dir", str(tmp_path / "data"), "publish", str(site)).exit_code == 0
    changes = rows(site / "changes.csv")
    assert changes[0] == ["year", "date", "decision", "id", "amount_sek"]
    assert changes[1] == [
        "2021",
        "2021-05-10",
        "KS 2021-05-10 § 87, dnr KS 2021/0123",
        "ambulerande-trygghetsvardar",
        "-200000",
    ]
    assert rows(site / "years.csv")[1][2:5] == ["5300000", "5000000", "5300000"]
    sspf = next(row for row in rows(site / "budget.csv") if row[1] == "sspf")
    assert sspf[3:5] == ["1800000", "1500000"]  # in force, and as first decided
    assert valid(site)


def test_a_folder_of_other_files_is_refused_and_left_as_it_is(run: Run, shipped: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "mine.txt").write_text("keep", encoding="utf-8")
    result = run("--data-dir", str(shipped), "publish", str(site))
    assert result.exit_code == 2, result.output
    assert "mine.txt" in result.stderr and ".trygg-publish" in result.stderr
    assert [path.name for path in tmp_path.iterdir() if path.name.startswith(".")] == []  # no temporary folder left
    assert sorted(path.name for path in site.iterdir()) == ["mine.txt"]
    not_a_folder = tmp_path / "file"
    not_a_folder.write_text("x", encoding="utf-8")
    assert run("--data-dir", str(shipped), "publish", str(not_a_folder)).exit_code == 2


def test_trygg_replaces_its_own_files_and_nothing_else(run: Run, write: Write, tmp_path: Path) -> None:
    example = (Path(__file__).resolve().parent.parent / "examples" / "budget-2021.yaml").read_text(encoding="utf-8")
    data = write(example).parent
    site = tmp_path / "site"
    assert run("--data-dir", str(data), "publish", str(site)).exit_code == 0
    assert (site / "changes.csv").exists()
    (site / "README.txt").write_text("mine", encoding="utf-8")
    (site / "budget.csv").write_text("edited", encoding="utf-8")
    # a marker edited to name a file outside, or one of the user's, never removes it
    marker = site / ".trygg-publish"
    marker.write_text(marker.read_text(encoding="utf-8") + "../outside.txt\n.hidden\n", encoding="utf-8")
    (tmp_path / "outside.txt").write_text("keep", encoding="utf-8")
    (site / ".hidden").write_text("keep", encoding="utf-8")
    write(example.split("changes:")[0])  # the year without its changes
    assert run("--data-dir", str(data), "publish", str(site)).exit_code == 0
    assert not (site / "changes.csv").exists()  # written last time, not now: removed
    assert (site / "README.txt").read_text(encoding="utf-8") == "mine"
    assert (site / ".hidden").exists() and (tmp_path / "outside.txt").exists()
    assert rows(site / "budget.csv")[0][0] == "year"
    listed = [line for line in marker.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    assert listed == ["budget.csv", "budget.json", "datapackage.json", "index.html", "years.csv"]
    assert sorted(path.name for path in tmp_path.iterdir()) == ["data", "outside.txt", "site"]


def test_a_run_that_fails_leaves_the_last_publication_whole(
    run: Run, shipped: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = tmp_path / "site"
    assert run("--data-dir", str(shipped), "publish", str(site)).exit_code == 0
    before = {path.name: path.read_bytes() for path in site.iterdir()}
    written = publish._write_synced

    def full_disk(path: Path, data: bytes) -> None:
        if path.name == "index.html":
            raise OSError(28, "No space left on device")
        written(path, data)

    monkeypatch.setattr(publish, "_write_synced", full_disk)
    result = run("--data-dir", str(shipped), "publish", str(site), "--title", "Another")
    assert result.exit_code == 2, result.output
    assert "no space left on device" in result.stderr
    assert {path.name: path.read_bytes() for path in site.iterdir()} == before
    assert sorted(path.name for path in tmp_path.iterdir()) == ["data", "site"]


def test_license_title_and_base_url(run: Run, shipped: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    url = "https://example.se/trygghet/"
    args = ("--data-dir", str(shipped), "publish", str(site), "--license", "cc-by-4.0", "--base-url", url)
    result = run(*args, "--title", "Öppna budgetar: Trygghet")
    assert result.exit_code == 0, result.output
    package = json.loads((site / "datapackage.json").read_text(encoding="utf-8"))
    assert package["licenses"][0]["name"] == "CC-BY-4.0"
    assert package["homepage"] == url
    assert package["name"] == "oppna-budgetar-trygghet" and package["title"] == "Öppna budgetar: Trygghet"
    assert {resource["path"] for resource in package["resources"]} == {"budget.csv", "years.csv", "budget.json"}
    assert f'<link rel="canonical" href="{url}">' in (site / "index.html").read_text(encoding="utf-8")
    refused = run("--data-dir", str(shipped), "publish", str(tmp_path / "other"), "--license", "MIT")
    assert refused.exit_code == 2
    assert "CC0-1.0, CC-BY-4.0, ODC-By-1.0, ODbL-1.0, PDDL-1.0" in refused.stderr
    assert (
        run("--data-dir", str(shipped), "publish", str(tmp_path / "other"), "--base-url", "example.se").exit_code == 2
    )
    assert not (tmp_path / "other").exists()


def many_lines(year: int, count: int) -> Budget:
    items = tuple(Item(f"l{number}", f"Line {number}", Decimal(number)) for number in range(1, count + 1))
    total = sum((item.amount for item in items), Decimal(0))
    return Budget(year, Unit.KR, total, items, title=f"Big {year}")


def test_above_a_thousand_lines_the_page_shows_the_fifty_largest() -> None:
    loaded = [Loaded(f"data/budget-{year}.yaml", many_lines(year, 1_001 + year - 2020), ()) for year in (2020, 2021)]
    found = publish.publication(loaded, publish.LICENSES["CC0-1.0"], created=datetime(2026, 1, 2, tzinfo=UTC))
    made = publication_files(found, Locale.EN)
    page = made["index.html"].decode("utf-8")
    newest = page[page.index('id="y2021"') : page.index('id="y2020"')]
    assert newest.count('<th scope="row">') == 50 + 1 + 1  # the 50 largest, the rest, the Summa
    assert '<th scope="row">Line 1002 (new)</th>' in newest and '<th scope="row">Line 952</th>' not in newest
    rest = f"{sum(range(1, 953)):,}"
    assert f'<th scope="row">952 further lines</th><td class="n">{rest}</td><td class="n">{rest}</td>' in newest
    assert "The 50 largest of the year&#x27;s 1002 lines" in newest
    assert '<th scope="row">Total</th><td class="n">501,501</td><td class="n">502,503</td>' in newest
    assert len(made["budget.csv"].splitlines()) == 1 + 1_001 + 1_002  # every line is in the data
    assert found.created.isoformat() in made["datapackage.json"].decode("utf-8")


def test_the_marker_names_only_plain_files() -> None:
    assert publish._listed("# head\nbudget.csv\n../x\n/etc/passwd\n.hidden\n\nyears.csv\n") == (
        "budget.csv",
        "years.csv",
    )
    assert publish.slug("Trygghetspaketet") == "trygghetspaketet"
    assert publish.slug("Ölands budget 2021!") == "olands-budget-2021"
    assert publish.slug("???") == "budget"


# The page in a real browser --------------------------------------------------------------------

CHROMIUM = Path(os.environ.get("TRYGG_CHROMIUM", "/usr/bin/chromium"))
AXE = os.environ.get("TRYGG_AXE_JS")  # axe.min.js of axe-core, where it is installed (npm install axe-core)


def test_the_page_in_chromium_at_1000_and_380_px(run: Run, write: Write, tmp_path: Path) -> None:
    """Each year's Summa on the page as text, the page no wider than the window (a wide table
    scrolls in its box), at a desktop's width and a phone's; screenshots under tmp_path. With
    TRYGG_AXE_JS naming axe-core's axe.min.js, no accessibility violation either."""
    sync_api = pytest.importorskip("playwright.sync_api")
    if not CHROMIUM.exists():
        pytest.skip(f"no Chromium at {CHROMIUM}")
    write((DATA / "budget-2020.yaml").read_text(encoding="utf-8"), "budget-2020.yaml")
    write((Path(__file__).resolve().parent.parent / "examples" / "budget-2021.yaml").read_text(encoding="utf-8"))
    site = tmp_path / "site"
    assert run("--data-dir", str(tmp_path / "data"), "publish", str(site)).exit_code == 0
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        try:
            page = browser.new_page()
            for width in (1000, 380):
                page.set_viewport_size({"width": width, "height": 800})
                page.goto((site / "index.html").as_uri())
                sums = page.eval_on_selector_all(
                    "tfoot tr:first-child", "rows => rows.map(row => row.innerText.replace(/\\s+/g, ' ').trim())"
                )
                assert sums == ["Summa 5,0 5,3 +0,3 +6,0 %", "Summa 5,0"]
                broken = page.evaluate(
                    "[...document.querySelectorAll('td.n')].filter(cell => {"
                    " const range = document.createRange(); range.selectNodeContents(cell);"
                    " return range.getClientRects().length > 1; }).map(cell => cell.innerText)"
                )
                assert broken == []  # no number breaks over two lines
                wide, window = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
                assert wide <= window, f"the page is {wide} px wide in a {window} px window"
                page.screenshot(path=str(tmp_path / f"index-{width}.png"), full_page=True)
                if AXE:
                    page.add_script_tag(path=AXE)
                    found = page.evaluate("axe.run().then(result => result.violations.map(v => v.id + ': ' + v.help))")
                    assert found == []
        finally:
            browser.close()
    assert (tmp_path / "index-380.png").stat().st_size > 0
