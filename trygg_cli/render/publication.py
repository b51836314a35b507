"""Writer: a publication's files, as open data and as one page anyone can read.

`budget.csv`, `years.csv` and `changes.csv` (UTF-8 without BOM, comma, RFC 4180 quoting, CRLF,
amounts in kronor in their shortest exact form, a user's text that would start a formula
guarded with a `'` as every CSV trygg writes), `budget.json` (the same data as one document),
`datapackage.json` (a Frictionless Data Package with the Fiscal Data Package's model, no remote
profile, so it validates offline) and `index.html` (one static page: no script, no external
resource; a caption and header cells on every table; it works at 380 px and prints on A4).
Descriptions and the page are in the run's language; the data is the same in every language.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Sequence
from decimal import Decimal
from html import escape
from typing import Any

from trygg_cli import money
from trygg_cli.compare import compare
from trygg_cli.model import Problem, Unit
from trygg_cli.publish import Publication, Year
from trygg_cli.render import numbers, views
from trygg_cli.render.cells import columns_as_text, glued, headers, rows_as_text
from trygg_cli.render.labels import words
from trygg_cli.render.locale import Locale
from trygg_cli.render.reporters.records import problem_record
from trygg_cli.render.spreadsheet import neutral
from trygg_cli.render.views import Cell, Footnote, Kind, Table
from trygg_cli.render.words import problem_message, say, text

BUDGET_CSV, YEARS_CSV, CHANGES_CSV = "budget.csv", "years.csv", "changes.csv"
BUDGET_JSON, PACKAGE_JSON, PAGE = "budget.json", "datapackage.json", "index.html"
MOST_LINES = 1_000  # above this many lines, a year's table on the page shows only its largest lines
LARGEST = 50
MOST_PROBLEMS = 20  # a year's problems said on the page; the rest are counted


def publication_files(found: Publication, locale: Locale) -> dict[str, bytes]:
    """Every file of the publication, by name."""
    made = {
        BUDGET_CSV: _csv(_budget_rows(found)),
        YEARS_CSV: _csv(_years_rows(found)),
    }
    if any(year.moves for year in found.years):
        made[CHANGES_CSV] = _csv(_changes_rows(found))
    made[BUDGET_JSON] = budget_json(found).encode("utf-8")
    made[PACKAGE_JSON] = data_package(found, locale, has_changes=CHANGES_CSV in made).encode("utf-8")
    made[PAGE] = page(found, locale, list(made)).encode("utf-8")
    return made


# CSV ------------------------------------------------------------------------------------------


def _csv(rows: Iterable[Sequence[str]]) -> bytes:
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    return out.getvalue().encode("utf-8")


def _kronor(amounts: Sequence[Decimal]) -> list[str]:
    """Amounts in kronor, exactly and as short as they go: 800000, 1234.5."""
    return money.exact_strings(amounts)


def _text(value: str | None) -> str:
    return "" if value is None else neutral(value)


def _budget_rows(found: Publication) -> Iterable[Sequence[str]]:
    yield ("year", "id", "name", "amount_sek", "original_amount_sek", "note")
    for year in found.years:
        lines = year.keyed
        amounts = _kronor([line.amount for line in lines])
        originals = _kronor([line.original for line in lines])
        number = str(year.year)
        for line, amount, original in zip(lines, amounts, originals, strict=True):
            yield (number, _text(line.id), _text(line.name), amount, original, _text(line.note))


def _years_rows(found: Publication) -> Iterable[Sequence[str]]:
    yield ("year", "title", "total_sek", "original_total_sek", "lines_sum_sek", "unit", "valid", "source")
    for year in found.years:
        budget, first, summed = year.budget, year.first, year.lines_sum
        if budget is None or first is None or summed is None:
            yield (str(year.year), "", "", "", "", "", "false", _text(year.source))
            continue
        total, original, lines_sum = _kronor([budget.total, first.total, summed])
        valid = "true" if year.valid else "false"
        title = _text(budget.title)
        yield (str(year.year), title, total, original, lines_sum, budget.unit.value, valid, _text(year.source))


def _changes_rows(found: Publication) -> Iterable[Sequence[str]]:
    yield ("year", "date", "decision", "id", "amount_sek")
    for year in found.years:
        amounts = _kronor([move.amount for move in year.moves])
        for move, amount in zip(year.moves, amounts, strict=True):
            yield (str(year.year), move.date.isoformat(), _text(move.decision), _text(move.id), amount)


# JSON -----------------------------------------------------------------------------------------


def budget_json(found: Publication) -> str:
    """`{"title", "years": [...]}`: each year with its problems and every line of its file,
    amounts as exact strings in kronor; a key per line, a record per line."""
    dump = json.JSONEncoder(ensure_ascii=False, separators=(", ", ": ")).encode
    parts = ["{\n", f'  "title": {dump(found.title)},\n', '  "years": [']
    for number, year in enumerate(found.years):
        head = _year_record(year)
        lines = year.lines
        amounts = _kronor([line.amount for line in lines])
        originals = _kronor([line.original for line in lines])
        items = [
            dump(
                {
                    "id": line.id,
                    "name": line.name,
                    "amount_sek": amount,
                    "original_amount_sek": original,
                    "note": line.note,
                }
            )
            for line, amount, original in zip(lines, amounts, originals, strict=True)
        ]
        fields = ",\n".join(f"      {dump(key)}: {dump(value)}" for key, value in head.items())
        listed = "[\n" + ",\n".join(f"        {item}" for item in items) + "\n      ]" if items else "[]"
        parts.append(f'{"," if number else ""}\n    {{\n{fields},\n      "items": {listed}\n    }}')
    parts.append("\n  ]\n}\n")
    return "".join(parts)


def _year_record(year: Year) -> dict[str, Any]:
    budget, first = year.budget, year.first
    total = original = None
    if budget is not None and first is not None:
        total, original = _kronor([budget.total, first.total])
    return {
        "year": year.year,
        "source": year.source,
        "title": budget.title if budget else None,
        "unit": budget.unit.value if budget else None,
        "total_sek": total,
        "original_total_sek": original,
        "valid": year.valid,
        "problems": [_problem(problem, year) for problem in year.problems],
    }


def _problem(problem: Problem, year: Year) -> dict[str, Any]:
    """A problem as trygg's JSON says one, where the file is its name, never a local path."""
    record = {"file": year.source, **problem_record(problem)}
    figures = record.get("figures") or {}
    for name, value in figures.items():
        if value == year.path:
            figures[name] = year.source
    return record


# The Data Package -------------------------------------------------------------------------------


def _field(name: str, kind: str, description: str, *, required: bool = False, **more: Any) -> dict[str, Any]:
    field: dict[str, Any] = {"name": name, "type": kind, "description": description}
    field.update(more)
    if required:
        field["constraints"] = {"required": True}
    return field


def data_package(found: Publication, locale: Locale, *, has_changes: bool) -> str:
    """datapackage.json: each file with its Table Schema, the package's description, and the
    Fiscal Data Package's model of its amounts."""

    def said(key: str) -> str:
        return text(locale, key)

    def guarded(key: str) -> str:
        return text(locale, "publish.guarded", description=text(locale, key))

    amount: dict[str, Any] = {"bareNumber": True, "decimalChar": "."}
    boolean: dict[str, Any] = {"trueValues": ["true"], "falseValues": ["false"]}
    year_key = {"fields": ["year"], "reference": {"resource": "years", "fields": ["year"]}}
    budget_fields = [
        _field("year", "integer", said("publish.field.year"), required=True),
        _field("id", "string", guarded("publish.field.id"), required=True),
        _field("name", "string", guarded("publish.field.name"), required=True),
        _field("amount_sek", "number", said("publish.field.amount"), required=True, **amount),
        _field("original_amount_sek", "number", said("publish.field.original_amount"), **amount),
        _field("note", "string", guarded("publish.field.note")),
    ]
    years_fields = [
        _field("year", "integer", said("publish.field.year"), required=True),
        _field("title", "string", guarded("publish.field.title")),
        _field("total_sek", "number", said("publish.field.total"), **amount),
        _field("original_total_sek", "number", said("publish.field.original_total"), **amount),
        _field("lines_sum_sek", "number", said("publish.field.lines_sum"), **amount),
        _field("unit", "string", said("publish.field.unit"), constraints={"enum": [unit.value for unit in Unit]}),
        _field("valid", "boolean", said("publish.field.valid"), required=True, **boolean),
        _field("source", "string", guarded("publish.field.source"), required=True),
    ]

    def table(name: str, path: str, fields: list[dict[str, Any]], **schema: Any) -> dict[str, Any]:
        return {
            "name": name,
            "path": path,
            "title": said(f"publish.{name}.title"),
            "description": said(f"publish.{name}.description"),
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            "schema": {"fields": fields, "missingValues": [""], **schema},
        }

    resources = [
        table("budget", BUDGET_CSV, budget_fields, primaryKey=["year", "id"], foreignKeys=[year_key]),
        table("years", YEARS_CSV, years_fields, primaryKey=["year"]),
    ]
    if has_changes:
        changes_fields = [
            _field("year", "integer", said("publish.field.year"), required=True),
            _field("date", "date", said("publish.field.date"), required=True),
            _field("decision", "string", guarded("publish.field.decision"), required=True),
            _field("id", "string", guarded("publish.field.moved"), required=True),
            _field("amount_sek", "number", said("publish.field.move"), required=True, **amount),
        ]
        line_key = {"fields": ["year", "id"], "reference": {"resource": "budget", "fields": ["year", "id"]}}
        resources.append(table("changes", CHANGES_CSV, changes_fields, foreignKeys=[year_key, line_key]))
    resources.append(
        {
            "name": "budget-json",
            "path": BUDGET_JSON,
            "title": said("publish.budget-json.title"),
            "description": said("publish.budget-json.description"),
            "format": "json",
            "mediatype": "application/json",
            "encoding": "utf-8",
        }
    )
    title = found.title or said("budget")
    package: dict[str, Any] = {"name": found.name, "title": title, "description": _description(found, locale)}
    if found.base_url:
        package["homepage"] = found.base_url
    license = found.license
    package["licenses"] = [{"name": license.name, "path": license.path, "title": license.title}]
    package["sources"] = [{"title": year.source} for year in found.years]
    package["created"] = found.created.isoformat()
    if found.years:
        first, last = found.years[0].year, found.years[-1].year
        package["fiscalPeriod"] = {"start": f"{first:04d}-01-01", "end": f"{last:04d}-12-31"}
    package["resources"] = resources
    measure = {"resource": "budget", "currency": "SEK", "factor": 1, "direction": "expenditure"}
    package["model"] = {
        "measures": {
            "amount_sek": {"source": "amount_sek", **measure, "phase": "adjusted"},
            "original_amount_sek": {"source": "original_amount_sek", **measure, "phase": "approved"},
        },
        "dimensions": {
            "year": {
                "dimensionType": "datetime",
                "attributes": {"year": {"source": "year", "resource": "budget"}},
                "primaryKey": ["year"],
            },
            "line": {
                "dimensionType": "classification",
                "attributes": {
                    "id": {"source": "id", "resource": "budget"},
                    "name": {"source": "name", "resource": "budget", "labelfor": "id"},
                },
                "primaryKey": ["id"],
            },
        },
    }
    return json.dumps(package, ensure_ascii=False, indent=2) + "\n"


def _description(found: Publication, locale: Locale) -> str:
    if found.description:
        return found.description
    title = found.title or text(locale, "budget")
    if not found.years:
        return title
    first, last = found.years[0].year, found.years[-1].year
    return text(locale, "publish.description", title=title, first=first, last=last)


# The page ---------------------------------------------------------------------------------------

_STYLE = """
body{font-family:Arial,Helvetica,'Liberation Sans',sans-serif;line-height:1.45;color:#111;background:#fff;
margin:0 auto;max-width:62rem;padding:1rem}
h1{font-size:1.6rem;margin:.5rem 0}h2{font-size:1.25rem;margin:2rem 0 .5rem}
a{color:#0b4fa0}
.scroll{overflow-x:auto;max-width:100%}
table{border-collapse:collapse;font-variant-numeric:tabular-nums;margin:.25rem 0}
caption{text-align:left;font-weight:bold;padding:0 0 .4rem;max-width:calc(100vw - 2rem)}
th,td{padding:.2rem .6rem;border-bottom:1px solid #bbb;vertical-align:top;text-align:left}
thead th{border-bottom:2px solid #111;vertical-align:bottom}
tbody th{font-weight:normal;min-width:9rem}
.n{text-align:right;white-space:nowrap}
tfoot th,tfoot td{font-weight:bold;border-bottom:none}
tfoot tr:first-child th,tfoot tr:first-child td{border-top:2px solid #111}
.problems{border-left:4px solid #a00;padding:.2rem .8rem;margin:.5rem 0}
.notes{font-size:.9rem;margin:.2rem 0}
.nowrap{white-space:nowrap}
svg{max-width:100%;height:auto}
@media print{@page{size:A4;margin:15mm}body{max-width:none;padding:0;font-size:10pt}
.scroll{overflow:visible}a{color:#111}section{break-inside:avoid-page}}
"""


def page(found: Publication, locale: Locale, names: Sequence[str]) -> str:
    """index.html: the package's title, links to every file, the years' totals as a chart,
    and each year's table (newest first) with its change from the year before."""
    title = found.title or text(locale, "budget")
    head = [
        "<!DOCTYPE html>",
        f'<html lang="{locale.value}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(title)}</title>",
    ]
    if found.base_url:
        head.append(f'<link rel="canonical" href="{escape(found.base_url.rstrip("/") + "/")}">')
    head += [f"<style>{_STYLE}</style>", "</head>", "<body>", "<header>", f"<h1>{escape(title)}</h1>"]
    head.append(f"<p>{_glued(_description(found, locale))}</p>")
    head.append("</header>")
    body = ["<main>", _files_section(found, locale, names), _chart_section(found, locale)]
    shown = list(found.years)
    for number, year in reversed(list(enumerate(shown))):
        earlier = next((before for before in reversed(shown[:number]) if before.budget is not None), None)
        body.append(_year_section(year, earlier, locale))
    created = found.created.date().isoformat()
    foot = [
        "</main>",
        "<footer>",
        f"<p>{escape(text(locale, 'publish.made', date=created))}</p>",
        "</footer>",
        "</body>",
        "</html>",
        "",
    ]
    return "\n".join(head + body + foot)


def _glued(value: str) -> str:
    return glued(escape(value))


_LINKS = {
    BUDGET_CSV: "publish.link.budget",
    YEARS_CSV: "publish.link.years",
    CHANGES_CSV: "publish.link.changes",
    BUDGET_JSON: "publish.link.json",
    PACKAGE_JSON: "publish.link.package",
}


def _files_section(found: Publication, locale: Locale, names: Sequence[str]) -> str:
    links = "".join(
        f'<li><a href="{escape(name)}">{escape(text(locale, _LINKS[name]))}</a> ({escape(name)})</li>\n'
        for name in names
        if name in _LINKS
    )
    license = found.license
    licensed = text(locale, "publish.license", license=license.title)
    return (
        '<section aria-labelledby="files">\n'
        f'<h2 id="files">{escape(text(locale, "publish.files"))}</h2>\n'
        f"<ul>\n{links}</ul>\n"
        f'<p><a href="{escape(license.path)}">{escape(licensed)}</a></p>\n'
        "</section>"
    )


def _chart_section(found: Publication, locale: Locale) -> str:
    budgets = found.budgets
    if not budgets:
        return ""
    unit = budgets[-1].unit
    heading = text(locale, "publish.chart", unit=text(locale, unit.value))
    return (
        '<section aria-labelledby="totals">\n'
        f'<h2 id="totals">{escape(heading)}</h2>\n'
        f"{totals_svg(found, locale, heading)}\n"
        "</section>"
    )


def totals_svg(found: Publication, locale: Locale, heading: str) -> str:
    """The years' totals (in force) as bars, in the newest year's unit: each bar's year under it
    and its amount over it as text; a title and a description for screen readers."""
    budgets = found.budgets
    unit = budgets[-1].unit
    totals = money.in_units([budget.total for budget in budgets], unit)
    places = money.decimals_for(list(totals), unit)
    labels = numbers.numbers(totals, places, locale)
    largest = max([*totals, Decimal(0)])
    bar, gap, plot, top = 56, 28, 180, 28
    width = gap + len(budgets) * (bar + gap)
    height = top + plot + 30
    described = "; ".join(
        f"{budget.year}: {label} {text(locale, unit.value)}" for budget, label in zip(budgets, labels, strict=True)
    )
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
        'role="img" aria-labelledby="chart-title chart-desc" font-family="Arial, Helvetica, sans-serif" '
        'font-size="13">',
        f'<title id="chart-title">{escape(heading)}</title>',
        f'<desc id="chart-desc">{escape(described)}</desc>',
        f'<line x1="0" y1="{top + plot}" x2="{width}" y2="{top + plot}" stroke="#111"/>',
    ]
    for number, (budget, total, label) in enumerate(zip(budgets, totals, labels, strict=True)):
        x = gap + number * (bar + gap)
        tall = float(total / largest * plot) if largest > 0 and total > 0 else 0.0
        y = top + plot - tall
        middle = x + bar / 2
        parts.append(f'<rect x="{x}" y="{y:.1f}" width="{bar}" height="{tall:.1f}" fill="#2f5f8f"/>')
        parts.append(f'<text x="{middle}" y="{y - 6:.1f}" text-anchor="middle" fill="#111">{escape(label)}</text>')
        parts.append(f'<text x="{middle}" y="{top + plot + 20}" text-anchor="middle" fill="#111">{budget.year}</text>')
    parts.append("</svg>")
    return "\n".join(parts)


def _year_section(year: Year, earlier: Year | None, locale: Locale) -> str:
    anchor = f"y{year.year}"
    budget = year.budget
    heading = budget.title if budget and budget.title else text(locale, "budget_of", year=year.year)
    parts = [f'<section aria-labelledby="{anchor}">', f'<h2 id="{anchor}">{_glued(heading)}</h2>']
    if year.problems:
        said = [problem_message(problem, locale) for problem in year.problems[:MOST_PROBLEMS]]
        more = len(year.problems) - len(said)
        if more:
            said.append(text(locale, "publish.more_problems", count=more))
        intro = text(locale, "publish.problems", source=year.source)
        listed = "".join(f"<li>{_glued(line)}</li>" for line in said)
        parts.append(f'<div class="problems"><p>{_glued(intro)}</p><ul>{listed}</ul></div>')
    if budget is None:
        parts.append("</section>")
        return "\n".join(parts)
    if budget.note:
        parts.append(f"<p>{_glued(budget.note)}</p>")
    unit = budget.unit
    options = views.Options(notes=True)
    if earlier is not None and earlier.budget is not None:
        table = views.diff_table(compare(earlier.budget, budget), unit, options)
    else:
        table = views.show_table(budget, unit, options)
    if len(year.lines) > MOST_LINES:
        table = largest_lines(table)
        parts.append(f"<p>{escape(text(locale, 'publish.largest', count=LARGEST, lines=len(year.lines)))}</p>")
    parts.append(table_html(table, locale, anchor))
    parts.append("</section>")
    return "\n".join(parts)


def largest_lines(table: Table, count: int = LARGEST) -> Table:
    """The table's `count` largest rows (by its last amount column), largest first, then one row
    "N further lines" with their sums; the footer (the Summa of all) as it was."""
    amounts = [number for number, column in enumerate(table.columns) if column.kind is Kind.AMOUNT]
    last = amounts[-1]

    def size(row: tuple[Cell, ...]) -> Decimal:
        value = row[last]
        return value if isinstance(value, Decimal) else Decimal(0)

    order = sorted(range(len(table.rows)), key=lambda number: size(table.rows[number]), reverse=True)
    kept, rest = order[:count], order[count:]
    sums: dict[int, Decimal] = {
        number: sum((row for index in rest if isinstance(row := table.rows[index][number], Decimal)), Decimal(0))
        for number in amounts
    }
    further: list[Cell] = [words("publish.further", count=len(rest))]
    for number, column in enumerate(table.columns[1:], start=1):
        if column.kind is Kind.AMOUNT:
            further.append(sums[number])
        elif column.kind is Kind.CHANGE and column.of is not None:
            further.append(sums[column.of[1]] - sums[column.of[0]])
        elif column.kind is Kind.PERCENT and column.of is not None:
            further.append(money.percent_change(sums[column.of[0]], sums[column.of[1]]))
        else:
            further.append(None)
    marks = [table.marks[index] if table.marks else None for index in kept]
    renumbered = {old: new for new, old in enumerate([mark for mark in marks if mark is not None], start=1)}
    notes = {note.number: note.text for note in table.footnotes if note.number is not None}
    footnotes = [Footnote(renumbered[old], notes[old]) for old in renumbered]
    footnotes += [note for note in table.footnotes if note.number is None]
    return Table(
        table.title,
        table.columns,
        (*(table.rows[index] for index in kept), tuple(further)),
        table.footer,
        (),
        table.decimals,
        table.unit,
        (*(renumbered.get(mark) if mark is not None else None for mark in marks), None),
        tuple(footnotes),
        table.name,
    )


_RIGHT = ' class="n"'


def table_html(table: Table, locale: Locale, anchor: str) -> str:
    """A table in a box that scrolls sideways on a narrow screen (the page does not): a caption,
    header cells with scope, numbers right-aligned on one line, the Summa row in the footer, and
    the notes numbered under it."""
    caption = f"{anchor}-caption"
    numeric = [column.numeric for column in table.columns]

    def row(cells: Sequence[str], marks: int | None = None) -> str:
        parts = []
        for number, (cell, right) in enumerate(zip(cells, numeric, strict=True)):
            if number == 0:
                label = escape(text(locale, "publish.note_link", number=marks))
                link = f'<a href="#{anchor}-note-{marks}" aria-label="{label}">{marks}</a>'
                mark = f"<sup>{link}</sup>" if marks is not None else ""
                parts.append(f'<th scope="row">{_glued(cell)}{mark}</th>')
            elif right:
                parts.append(f'<td class="n">{escape(cell)}</td>')
            else:
                parts.append(f"<td>{_glued(cell)}</td>")
        return "<tr>" + "".join(parts) + "</tr>"

    heads = "".join(
        f'<th scope="col"{_RIGHT if right else ""}>{escape(name)}</th>'
        for name, right in zip(headers(table, locale), numeric, strict=True)
    )
    columns = columns_as_text(table, table.rows, locale)
    marks = list(table.marks) or [None] * len(table.rows)
    body = "\n".join(row(cells, mark) for cells, mark in zip(zip(*columns, strict=True), marks, strict=True))
    foot = "\n".join(row(cells) for cells in rows_as_text(table, table.footer, locale))
    notes = []
    for note in table.footnotes:
        said = _glued(say(note.text, locale))
        if note.number is None:
            notes.append(f'<p class="notes">{said}</p>')
        else:
            notes.append(f'<p class="notes" id="{anchor}-note-{note.number}">{note.number}. {said}</p>')
    return (
        f'<div class="scroll" role="region" tabindex="0" aria-labelledby="{caption}">\n'
        f'<table>\n<caption id="{caption}">{_glued(say(table.title, locale))}</caption>\n'
        f"<thead><tr>{heads}</tr></thead>\n<tbody>\n{body}\n</tbody>\n"
        + (f"<tfoot>\n{foot}\n</tfoot>\n" if foot else "")
        + "</table>\n</div>\n"
        + "\n".join(notes)
    )
