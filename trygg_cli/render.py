"""Data to text (or a workbook) in the format asked for: the only room that imports rich or tabulate.

Each view (a diff, one year, years side by side, the list of years) becomes one `Table` whose
cells are still numbers, and one dispatcher writes any table in any format: each format
decides how a number is written (Swedish or English for people, plain for CSV, a real number
with a number format for Excel). JSON is the data itself, not a table. Labels per locale live
here; number formats live in `money`.
"""

from __future__ import annotations

import enum
import io
import operator
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, TextIO

from trygg_cli import money
from trygg_cli.compare import Change, Comparison, SideBySide, Status
from trygg_cli.load import Loaded
from trygg_cli.model import Budget, Problem, TryggError, Unit
from trygg_cli.money import Locale


class Format(enum.Enum):
    """How a table is printed. After the first seven come tabulate's own formats, by their names."""

    RICH = "rich"
    PLAIN = "plain"
    MARKDOWN = "markdown"
    HTML = "html"
    CSV = "csv"
    XLSX = "xlsx"
    JSON = "json"
    GRID = "grid"
    SIMPLE_GRID = "simple_grid"
    ROUNDED_GRID = "rounded_grid"
    FANCY_GRID = "fancy_grid"
    ORGTBL = "orgtbl"
    RST = "rst"
    MEDIAWIKI = "mediawiki"
    LATEX = "latex"
    LATEX_BOOKTABS = "latex_booktabs"
    ASCIIDOC = "asciidoc"
    JIRA = "jira"
    TEXTILE = "textile"
    TSV = "tsv"


class Report(enum.Enum):
    """How problems are printed."""

    TEXT = "text"
    JSON = "json"
    GITHUB = "github"


class ChartFormat(enum.Enum):
    RICH = "rich"
    PLAIN = "plain"
    SVG = "svg"


LABELS: dict[Locale, dict[str, str]] = {
    Locale.SV: {
        "item": "Post",
        "change": "Förändring",
        "change_pct": "Förändring %",
        "sum": "Summa",
        "declared": "Beslutad ram",
        "added": "ny",
        "removed": "borttagen",
        "renamed": "nytt namn, tidigare ”{old}”",
        "year": "År",
        "years": "Budgetår",
        "total": "Ram",
        "items": "Poster",
        "status": "Status",
        "ok": "ok",
        "problems": "fel ({count})",
        "unloaded": "läses inte",
        "compared": "{title}: {old}–{new}, {unit}",
        "side_by_side": "{title}: {years}, {unit}",
        "budget": "Budget",
        "kr": "kronor",
        "tkr": "tusen kronor",
        "mkr": "miljoner kronor",
    },
    Locale.EN: {
        "item": "Item",
        "change": "Change",
        "change_pct": "Change %",
        "sum": "Total",
        "declared": "Decided total",
        "added": "new",
        "removed": "removed",
        "renamed": "renamed, was “{old}”",
        "year": "Year",
        "years": "Budget years",
        "total": "Total",
        "items": "Items",
        "status": "Status",
        "ok": "ok",
        "problems": "problems ({count})",
        "unloaded": "does not load",
        "compared": "{title}: {old}–{new}, {unit}",
        "side_by_side": "{title}: {years}, {unit}",
        "budget": "Budget",
        "kr": "SEK",
        "tkr": "thousand SEK",
        "mkr": "million SEK",
    },
}


class Kind(enum.Enum):
    """What a column holds, which decides how each format writes it."""

    TEXT = "text"
    AMOUNT = "amount"
    CHANGE = "change"  # a signed amount
    PERCENT = "percent"


@dataclass(frozen=True, slots=True)
class Column:
    header: str
    kind: Kind = Kind.TEXT
    # CHANGE and PERCENT columns: the (old, new) amount columns they follow from, so a
    # workbook can hold formulas rather than numbers.
    of: tuple[int, int] | None = None
    right: bool = False  # a TEXT column of figures, aligned like numbers

    @property
    def numeric(self) -> bool:
        return self.kind is not Kind.TEXT or self.right


Cell = str | Decimal | None


@dataclass(frozen=True, slots=True)
class Table:
    """A view ready to write: amounts exact (in the shown unit), written with `decimals` places.

    `footer` rows follow the items; the first is the sum row, where each amount is the exact
    sum of the column (never a sum of rounded cells).
    """

    title: str
    columns: tuple[Column, ...]
    rows: tuple[tuple[Cell, ...], ...]
    footer: tuple[tuple[Cell, ...], ...] = ()
    styles: tuple[str, ...] = ()
    decimals: int = 0
    locale: Locale = Locale.SV


# Views ----------------------------------------------------------------------------------------


def diff_table(comparison: Comparison, unit: Unit, locale: Locale = Locale.SV, decimals: int | None = None) -> Table:
    labels = LABELS[locale]
    old, new = comparison.old, comparison.new
    # Column by column, each in one pass: a big year has 100,000s of rows.
    changes = comparison.changes
    before = money.in_units([change.old or _ZERO for change in changes], unit)
    after = money.in_units([change.new or _ZERO for change in changes], unit)
    statuses = [change.status for change in changes]
    names = [
        _item_label(change, status, labels) if status in _MARKED or change.renamed else change.name
        for change, status in zip(changes, statuses, strict=True)
    ]
    change_column = list(map(operator.sub, after, before))
    rows = tuple(zip(names, before, after, change_column, money.percent_changes(before, after), strict=True))
    styles = tuple(_STYLES[status] for status in statuses)
    totals = comparison.totals
    total_amounts = money.in_units([totals.old, totals.new, totals.change], unit)
    footer = ((labels["sum"], *total_amounts, totals.change_pct),)
    columns = (
        Column(labels["item"]),
        Column(str(old.year), Kind.AMOUNT),
        Column(str(new.year), Kind.AMOUNT),
        Column(labels["change"], Kind.CHANGE, of=(1, 2)),
        Column(labels["change_pct"], Kind.PERCENT, of=(1, 2)),
    )
    title = labels["compared"].format(title=_title(new), old=old.year, new=new.year, unit=labels[unit.value])
    # A change or a sum never needs more places than the amounts it comes from.
    places = _decimals(before + after, unit, decimals)
    return Table(title, columns, rows, footer, styles, places, locale)


def show_table(budget: Budget, unit: Unit, locale: Locale = Locale.SV, decimals: int | None = None) -> Table:
    labels = LABELS[locale]
    items_sum = sum((item.amount for item in budget.items), Decimal(0))
    rows = tuple((item.name, money.in_unit(item.amount, unit)) for item in budget.items)
    footer: tuple[tuple[Cell, ...], ...] = ((labels["sum"], money.in_unit(items_sum, unit)),)
    if items_sum != budget.total:
        footer += ((labels["declared"], money.in_unit(budget.total, unit)),)
    columns = (Column(labels["item"]), Column(str(budget.year), Kind.AMOUNT))
    title = f"{budget.title or labels['budget']}, {labels[unit.value]}"
    places = _decimals(
        [money.in_unit(item.amount, unit) for item in budget.items] + [money.in_unit(budget.total, unit)],
        unit,
        decimals,
    )
    return Table(title, columns, rows, footer, (), places, locale)


def side_by_side_table(grid: SideBySide, unit: Unit, locale: Locale = Locale.SV, decimals: int | None = None) -> Table:
    labels = LABELS[locale]
    rows: tuple[tuple[Cell, ...], ...] = tuple(
        (line.name, *(money.in_unit(amount or Decimal(0), unit) for amount in line.amounts)) for line in grid.lines
    )
    footer: tuple[tuple[Cell, ...], ...] = ((labels["sum"], *(money.in_unit(total, unit) for total in grid.sums)),)
    columns = (Column(labels["item"]), *(Column(str(budget.year), Kind.AMOUNT) for budget in grid.budgets))
    years = ", ".join(str(budget.year) for budget in grid.budgets)
    title = labels["side_by_side"].format(title=_title(grid.budgets[0]), years=years, unit=labels[unit.value])
    places = _decimals([cell for row in rows for cell in row[1:] if isinstance(cell, Decimal)], unit, decimals)
    return Table(title, columns, rows, footer, (), places, locale)


def years_table(files: Sequence[Loaded], locale: Locale = Locale.SV) -> Table:
    labels = LABELS[locale]
    rows: list[tuple[Cell, ...]] = []
    for loaded in files:
        budget = loaded.budget
        if budget is None:
            rows.append((loaded.path, "", "", labels["unloaded"]))
            continue
        status = labels["problems"].format(count=len(loaded.problems)) if loaded.problems else labels["ok"]
        rows.append(
            (str(budget.year), money.with_unit(budget.total, budget.unit, locale), str(len(budget.items)), status)
        )
    columns = (
        Column(labels["year"]),
        Column(labels["total"], right=True),
        Column(labels["items"], right=True),
        Column(labels["status"]),
    )
    return Table(labels["years"], columns, tuple(rows), locale=locale)


def _decimals(amounts: list[Decimal], unit: Unit, asked: int | None) -> int:
    """The places asked for, or as many as it takes to show every amount exactly."""
    return asked if asked is not None else money.decimals_for(amounts, unit)


_ZERO = Decimal(0)
_MARKED = frozenset({Status.ADDED, Status.REMOVED})
_STYLES = {Status.ADDED: "green", Status.REMOVED: "red", Status.CHANGED: "", Status.UNCHANGED: "dim"}


def _item_label(change: Change, status: Status, labels: dict[str, str]) -> str:
    """The item's name, marked where it is new, removed or renamed."""
    marks = []
    if status is Status.ADDED:
        marks.append(labels["added"])
    elif status is Status.REMOVED:
        marks.append(labels["removed"])
    if change.renamed:
        marks.append(labels["renamed"].format(old=change.old_name))
    return f"{change.name} ({'; '.join(marks)})" if marks else change.name


def _title(budget: Budget) -> str:
    title = budget.title or LABELS[Locale.SV]["budget"]
    return title.removesuffix(f" {budget.year}")


# Writing a table --------------------------------------------------------------------------------


def write_table(table: Table, fmt: Format, out: TextIO) -> None:
    """The one dispatcher: a table in any text format (xlsx is bytes: see `workbook`)."""
    if fmt is Format.RICH:
        _write_rich(table, out)
    elif fmt is Format.PLAIN:
        _write_plain(table, out)
    elif fmt is Format.MARKDOWN:
        _write_markdown(table, out)
    elif fmt is Format.HTML:
        _write_html(table, out)
    elif fmt is Format.CSV:
        _write_csv(table, out)
    elif fmt in (Format.XLSX, Format.JSON):
        raise ValueError(f"{fmt.value} is not a text table format")
    else:
        _write_tabulate(table, fmt.value, out)


def _column_texts(column: Column, cells: Sequence[Cell], table: Table) -> list[str]:
    """One column's cells as a reader of the table's locale writes them."""
    numbers = [cell for cell in cells if isinstance(cell, Decimal)]
    if column.kind is Kind.PERCENT:
        empty, written = "–", money.percents(numbers, table.locale)
    else:
        signed = column.kind is Kind.CHANGE
        empty, written = "", money.numbers(numbers, table.decimals, table.locale, signed=signed)
    if len(written) == len(cells):  # numbers only, as amount columns are
        return written
    numbered = iter(written)
    return [empty if cell is None else cell if isinstance(cell, str) else next(numbered) for cell in cells]


def texts(table: Table, rows: Sequence[tuple[Cell, ...]]) -> list[list[str]]:
    """Rows of cells as text, each column written its own way (column by column, in bulk)."""
    return [list(row) for row in zip(*text_columns(table, rows), strict=True)]


def text_columns(table: Table, rows: Sequence[tuple[Cell, ...]]) -> list[list[str]]:
    """The columns of `rows` as text, each written in one pass."""
    if not rows:
        return [[] for _ in table.columns]
    by_column = zip(table.columns, zip(*rows, strict=True), strict=True)
    return [_column_texts(column, cells, table) for column, cells in by_column]


def _align(table: Table) -> list[str]:
    return ["right" if column.numeric else "left" for column in table.columns]


def _write_rich(table: Table, out: TextIO) -> None:
    from rich import box
    from rich.console import Console
    from rich.table import Table as RichTable

    grid = RichTable(title=table.title, box=box.SIMPLE_HEAD, title_justify="left", title_style="bold")
    for column, align in zip(table.columns, _align(table), strict=True):
        grid.add_column(column.header, justify="right" if align == "right" else "left", no_wrap=align == "right")
    styles = table.styles or ("",) * len(table.rows)
    for number, (row, style) in enumerate(zip(texts(table, table.rows), styles, strict=True), start=1):
        grid.add_row(*row, style=style or None, end_section=number == len(table.rows) and bool(table.footer))
    for row in texts(table, table.footer):
        grid.add_row(*row, style="bold")
    Console(file=out, highlight=False).print(grid)


def _write_plain(table: Table, out: TextIO) -> None:
    """tabulate's "simple" layout, written here because it is the path scripts and pipes take
    with big years, where tabulate's cell-by-cell type guessing costs more than all the rest."""
    columns = text_columns(table, table.rows)
    if table.footer:
        for column, below in zip(columns, text_columns(table, table.footer), strict=True):
            column += ["", *below]
    headers = [column.header for column in table.columns]
    widths = [max([len(header) + 2, *map(len, column)]) for header, column in zip(headers, columns, strict=True)]
    # One %-format per row: the padding happens in C, which matters at 100,000 rows.
    layout = "  ".join(
        f"%{'' if column.numeric else '-'}{width}s" for column, width in zip(table.columns, widths, strict=True)
    )
    head = [table.title, "", (layout % tuple(headers)).rstrip(), "  ".join("-" * width for width in widths)]
    out.write("\n".join(head) + "\n")
    rows = list(zip(*columns, strict=True))
    for start in range(0, len(rows), _ROWS_AT_A_TIME):  # never the whole table as one string
        lines = [(layout % row).rstrip() for row in rows[start : start + _ROWS_AT_A_TIME]]
        out.write("\n".join(lines) + "\n")


_ROWS_AT_A_TIME = 4096


def _write_markdown(table: Table, out: TextIO) -> None:
    from tabulate import tabulate

    rows = texts(table, table.rows) + [
        [f"**{cell}**" if cell else cell for cell in row] for row in texts(table, table.footer)
    ]
    headers = [column.header for column in table.columns]
    text = tabulate(rows, headers=headers, tablefmt="pipe", colalign=_align(table), disable_numparse=True)
    out.write(f"**{table.title}**\n\n{text}\n")


def _write_tabulate(table: Table, name: str, out: TextIO) -> None:
    from tabulate import tabulate

    rows = texts(table, table.rows) + texts(table, table.footer)
    headers = [column.header for column in table.columns]
    out.write(tabulate(rows, headers=headers, tablefmt=name, colalign=_align(table), disable_numparse=True) + "\n")


def _write_html(table: Table, out: TextIO) -> None:
    """A standalone, accessible table: caption, header cells with scope, numbers aligned right.

    Styles are inline, because Word keeps inline styles when the table is pasted.
    """
    from html import escape

    right = ' style="text-align:right;padding:2px 8px"'
    left = ' style="text-align:left;padding:2px 8px"'

    def row_html(cells: list[str], bold: bool) -> str:
        parts = []
        for index, (text, column) in enumerate(zip(cells, table.columns, strict=True)):
            style = right if column.numeric else left
            if bold:
                style = style[:-1] + ';font-weight:bold"'
            tag = f'th scope="row"{style}' if index == 0 else f"td{style}"
            parts.append(f"<{tag}>{escape(text)}</{tag.split(maxsplit=1)[0]}>")
        return "      <tr>" + "".join(parts) + "</tr>\n"

    header = "".join(
        f'<th scope="col"{right if column.numeric else left}>{escape(column.header)}</th>' for column in table.columns
    )
    body = "".join(row_html(cells, False) for cells in texts(table, table.rows))
    foot = "".join(row_html(cells, True) for cells in texts(table, table.footer))
    out.write(
        "<!DOCTYPE html>\n"
        f'<html lang="{table.locale.value}">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{escape(table.title)}</title>\n</head>\n<body>\n"
        '<table style="border-collapse:collapse;font-variant-numeric:tabular-nums">\n'
        f'  <caption style="text-align:left;font-weight:bold">{escape(table.title)}</caption>\n'
        f"  <thead>\n    <tr>{header}</tr>\n  </thead>\n"
        f"  <tbody>\n{body.replace('      <tr>', '    <tr>')}  </tbody>\n"
        + (f"  <tfoot>\n{foot.replace('      <tr>', '    <tr>')}  </tfoot>\n" if foot else "")
        + "</table>\n</body>\n</html>\n"
    )


def _write_csv(table: Table, out: TextIO) -> None:
    """CSV that opens right with a double click: Swedish Excel wants a BOM, `;` and a decimal
    comma; English is plain RFC 4180 (comma, decimal point, CRLF, no BOM)."""
    import csv

    swedish = table.locale is Locale.SV
    if swedish:
        out.write("\ufeff")
    writer = csv.writer(out, delimiter=";" if swedish else ",", lineterminator="\r\n")
    writer.writerow([column.header for column in table.columns])
    for row in (*table.rows, *table.footer):
        writer.writerow([_csv_cell(cell, column, table) for cell, column in zip(row, table.columns, strict=True)])


def _csv_cell(cell: Cell, column: Column, table: Table) -> str:
    if cell is None or isinstance(cell, str):
        return cell or ""
    decimals = 1 if column.kind is Kind.PERCENT else table.decimals
    return money.number(cell, decimals, table.locale, grouped=False)


def workbook(table: Table) -> bytes:
    """The table as an Excel workbook: numbers with number formats, formulas where a cell follows
    from others (so edits recompute), a bold header, and columns wide enough."""
    try:
        from openpyxl import Workbook
        from openpyxl.styles import Font
        from openpyxl.utils import get_column_letter
    except ImportError:
        raise TryggError("--format xlsx needs openpyxl: pip install 'trygg[excel]'") from None
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "trygg"
    sheet["A1"] = table.title
    sheet["A1"].font = Font(bold=True, size=12)
    header_row, first = 3, 4
    last = first + len(table.rows) - 1
    letters = [get_column_letter(index + 1) for index in range(len(table.columns))]
    amount = "#,##0" + ("." + "0" * table.decimals if table.decimals else "")
    formats = {Kind.AMOUNT: amount, Kind.CHANGE: f"+{amount};-{amount};{amount}", Kind.PERCENT: "+0.0%;-0.0%;0.0%"}
    for index, column in enumerate(table.columns):
        cell = sheet.cell(header_row, index + 1, column.header)
        cell.font = Font(bold=True)
    for offset, row in enumerate((*table.rows, *table.footer)):
        number = first + offset
        is_sum = offset == len(table.rows)
        for index, (value, column) in enumerate(zip(row, table.columns, strict=True)):
            content: Any = value
            letter = letters[index]
            if column.of is not None:
                old, new = (f"{letters[i]}{number}" for i in column.of)
                content = f"={new}-{old}" if column.kind is Kind.CHANGE else f'=IF({old}=0,"",({new}-{old})/{old})'
            elif is_sum and column.kind is Kind.AMOUNT and table.rows:
                content = f"=SUM({letter}{first}:{letter}{last})"
            elif isinstance(value, Decimal) and column.kind is Kind.PERCENT:
                content = value / 100
            cell = sheet.cell(number, index + 1, content)
            if column.kind in formats:
                cell.number_format = formats[column.kind]
            if is_sum:
                cell.font = Font(bold=True)
    for index, column in enumerate(table.columns):
        shown = [column.header, *(row[index] for row in texts(table, (*table.rows, *table.footer)))]
        sheet.column_dimensions[letters[index]].width = max(len(text) for text in shown) + 2
    sheet.freeze_panes = f"A{first}"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


# The chart --------------------------------------------------------------------------------------

_EIGHTHS = " ▏▎▍▌▋▊▉"
CHART_WIDTH = 40  # the longest bar, in characters, where the terminal is wide enough
NAME_WIDTH = 48  # longer names wrap


def _bar(value: Decimal, largest: Decimal, width: int) -> str:
    """A horizontal bar in eighths of a character, `width` long for the largest value."""
    if largest <= 0 or value <= 0:
        return ""
    eighths = int((value / largest * width * 8).to_integral_value())
    return "█" * (eighths // 8) + _EIGHTHS[eighths % 8].strip()


def write_chart(
    comparison: Comparison,
    unit: Unit,
    fmt: ChartFormat,
    out: TextIO,
    *,
    locale: Locale = Locale.SV,
    decimals: int | None = None,
) -> None:
    """Two bars per item, the old year's over the new year's, drawn with rich (or as SVG)."""
    from rich.console import Console
    from rich.table import Table as RichTable
    from rich.text import Text

    record = fmt is ChartFormat.SVG
    console = Console(
        file=io.StringIO() if record else out,  # SVG: exported from the record
        highlight=False,
        record=record,
        width=100 if record else None,
        no_color=fmt is ChartFormat.PLAIN,
    )
    table = diff_table(comparison, unit, locale, decimals)
    years = (str(comparison.old.year), str(comparison.new.year))
    bars = [
        (str(row[0]), [money.in_unit(amount or Decimal(0), unit) for amount in (change.old, change.new)])
        for change, row in zip(comparison.changes, table.rows, strict=True)
    ]
    largest = max([value for _, values in bars for value in values] + [Decimal(0)])
    name_width = min(NAME_WIDTH, max([len(name) for name, _ in bars] + [1]))
    value_width = max(
        [len(money.number(value, table.decimals, locale)) for _, values in bars for value in values] + [1]
    )
    width = max(10, min(CHART_WIDTH, console.width - name_width - 4 - value_width - 3))
    grid = RichTable.grid(padding=(0, 1))
    grid.add_column(max_width=name_width)
    grid.add_column(justify="right", no_wrap=True)
    grid.add_column(no_wrap=True, min_width=width)
    grid.add_column(justify="right", no_wrap=True)
    for name, values in bars:
        for label, year, value, style in ((name, years[0], values[0], "grey62"), ("", years[1], values[1], "cyan")):
            bar = Text(_bar(value, largest, width) or "·", style=style)
            grid.add_row(label, year, bar, money.number(value, table.decimals, locale))
    console.print(Text(table.title, style="bold"))
    console.print(grid)
    if record:
        out.write(console.export_svg(title=table.title))


# Problems -----------------------------------------------------------------------------------


def problem_line(problem: Problem) -> str:
    """`path:line:column: code: message`, the shape editors and CI jump to."""
    where = problem.source
    column = f"{where.column}:" if where.column is not None else ""
    return f"{where.path}:{where.line}:{column} {problem.code}: {problem.message}"


def github_annotation(problem: Problem) -> str:
    """A GitHub Actions workflow command that marks the problem on its line in a pull request."""
    where = problem.source
    properties = [f"file={_github_escape(where.path, True)}", f"line={where.line}"]
    if where.column is not None:
        properties.append(f"col={where.column}")
    properties.append(f"title={_github_escape(problem.code, True)}")
    return f"::error {','.join(properties)}::{_github_escape(problem.message, False)}"


def _github_escape(text: str, is_property: bool) -> str:
    # GitHub's rules: % CR LF always, and : , inside a property value.
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if is_property else text


def started_line(budget: Budget, source: object) -> str:
    count = len(budget.items)
    items = f"{count} item{'s' if count != 1 else ''}"
    return f"started {budget.year} from {source}: {items}, total {money.with_unit(budget.total, budget.unit)}"


def summary_line(files: Sequence[Loaded]) -> str:
    count = sum(len(loaded.problems) for loaded in files)
    bad = sum(1 for loaded in files if loaded.problems)
    checked = f"{len(files)} file{'s' if len(files) != 1 else ''} checked"
    if not count:
        return f"{checked}: all good"
    return f"{checked}: {count} problem{'s' if count != 1 else ''} in {bad} file{'s' if bad != 1 else ''}"


# JSON ---------------------------------------------------------------------------------------


def write_json(data: dict[str, Any], out: TextIO) -> None:
    """One JSON document: a key per line, and a list of records one record per line.

    Readable, and easy on grep and diff; and it uses json's C encoder for each record, where
    `indent=` would send every value of a 100,000-item year through the pure-Python one."""
    import json

    dump = json.JSONEncoder(ensure_ascii=False, separators=(", ", ": ")).encode  # made once, not per record

    out.write("{")
    for number, (key, value) in enumerate(data.items()):
        out.write(f"{',' if number else ''}\n  {dump(key)}: ")
        if isinstance(value, list) and value:
            for start in range(0, len(value), _ROWS_AT_A_TIME):  # never the whole list as one string
                block = value[start : start + _ROWS_AT_A_TIME]
                out.write(("[\n" if start == 0 else ",\n") + ",\n".join(f"    {dump(element)}" for element in block))
            out.write("\n  ]")
        else:
            out.write(dump(value))
    out.write("\n}\n")


def write_nested_json(data: dict[str, Any], out: TextIO) -> None:
    """A small nested JSON document (the schema), indented throughout."""
    import json

    json.dump(data, out, ensure_ascii=False, indent=2)
    out.write("\n")


def exact(kronor: Decimal | None, unit: Unit) -> str | None:
    """An amount as an exact decimal string in `unit` ("0.8"), at least the unit's decimals."""
    return exacts([kronor], unit)[0]


def exacts(kronor: Sequence[Decimal | None], unit: Unit) -> list[str | None]:
    """A column of amounts written as `exact` writes each: in bulk, for big years."""
    known = [amount for amount in kronor if amount is not None]
    texts = money.exact_plains(money.in_units(known, unit), money.least_decimals(unit))
    if len(texts) == len(kronor):
        return list(texts)
    written = iter(texts)
    return [None if amount is None else next(written) for amount in kronor]


def problem_data(problem: Problem, with_path: bool = False) -> dict[str, Any]:
    data: dict[str, Any] = {"path": problem.source.path} if with_path else {}
    data.update(code=problem.code, message=problem.message, line=problem.source.line, column=problem.source.column)
    return data


def validate_data(files: Sequence[Loaded]) -> dict[str, Any]:
    return {
        "ok": not any(loaded.problems for loaded in files),
        "files": [
            {
                "path": loaded.path,
                "year": loaded.budget.year if loaded.budget else None,
                "ok": not loaded.problems,
                "problems": [problem_data(p) for p in loaded.problems],
            }
            for loaded in files
        ],
    }


def diff_data(
    comparison: Comparison, unit: Unit, paths: tuple[str, str], problems: Sequence[Problem]
) -> dict[str, Any]:
    changes = comparison.changes
    olds, news = [change.old for change in changes], [change.new for change in changes]
    old_amounts, new_amounts = [old or _ZERO for old in olds], [new or _ZERO for new in news]
    columns = zip(
        changes,
        exacts(olds, unit),
        exacts(news, unit),
        exacts(list(map(operator.sub, new_amounts, old_amounts)), unit),
        money.percent_changes(old_amounts, new_amounts),
        strict=True,
    )  # column by column, each in one pass: a big year has 100,000s of items
    items = []
    for change, before, after, difference, percent in columns:
        item: dict[str, Any] = {
            "id": change.id,
            "name": change.name,
            "from": before,
            "to": after,
            "change": difference,
            "change_pct": None if percent is None else str(percent),
            "status": change.status.value,
        }
        if change.renamed:
            item.update(renamed=True, old_name=change.old_name)
        items.append(item)
    totals = comparison.totals
    return {
        "from": {"year": comparison.old.year, "path": paths[0]},
        "to": {"year": comparison.new.year, "path": paths[1]},
        "unit": unit.value,
        "items": items,
        "total": {
            "from": exact(totals.old, unit),
            "to": exact(totals.new, unit),
            "change": exact(totals.change, unit),
            "change_pct": None if totals.change_pct is None else str(totals.change_pct),
        },
        "problems": [problem_data(problem, with_path=True) for problem in problems],
    }


def show_data(loaded: Loaded, budget: Budget, unit: Unit) -> dict[str, Any]:
    return {
        "year": budget.year,
        "path": loaded.path,
        "title": budget.title,
        "unit": unit.value,
        "total": exact(budget.total, unit),
        "ok": not loaded.problems,
        "items": [{"id": item.id, "name": item.name, "amount": exact(item.amount, unit)} for item in budget.items],
        "problems": [problem_data(problem, with_path=True) for problem in loaded.problems],
    }


def side_by_side_data(
    grid: SideBySide, unit: Unit, paths: Sequence[str], problems: Sequence[Problem]
) -> dict[str, Any]:
    return {
        "years": [{"year": budget.year, "path": path} for budget, path in zip(grid.budgets, paths, strict=True)],
        "unit": unit.value,
        "items": [
            {"id": line.id, "name": line.name, "amounts": [exact(amount, unit) for amount in line.amounts]}
            for line in grid.lines
        ],
        "total": [exact(total, unit) for total in grid.sums],
        "problems": [problem_data(problem, with_path=True) for problem in problems],
    }
