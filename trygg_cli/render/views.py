"""Views: a diff, a year, years side by side, the list of years, the follow-up, each as a `Table`
of exact cells.

Amounts stay `Decimal` (in the shown unit) and every word a reader reads is a `Words`: a label
of the catalogue (`render.words`) and what it quotes. So a view knows no language and no
number format; each writer puts the cells into words and figures its own way.
"""

from __future__ import annotations

import enum
import itertools
import operator
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import TYPE_CHECKING, Any, overload

from trygg_cli import money
from trygg_cli.amendments import Applied
from trygg_cli.compare import Change, Comparison, SideBySide, Status
from trygg_cli.model import UNALLOCATED, Budget, Loaded, Match, Unit
from trygg_cli.render.labels import Words, words

if TYPE_CHECKING:  # the history loads only for a log
    from trygg_cli.follow import ByMonth, FollowUp, Line, Postings
    from trygg_cli.history import Decision, Entry, FollowChange, History


class Kind(enum.Enum):
    """What a column holds, which decides how each format writes it."""

    TEXT = "text"
    AMOUNT = "amount"
    CHANGE = "change"  # a signed amount
    PERCENT = "percent"  # a signed change in percent
    SHARE = "share"  # a part of a whole, in percent


@dataclass(frozen=True, slots=True)
class Column:
    header: str | Words
    kind: Kind = Kind.TEXT
    # The amount columns a cell follows from, so a workbook can hold formulas: (old, new) for
    # CHANGE and PERCENT, (amount,) for SHARE.
    of: tuple[int, ...] | None = None
    right: bool = False  # a TEXT column of figures, aligned like numbers
    across: tuple[int, ...] | None = None  # an AMOUNT column that is the sum of these columns, row by row
    summed: bool = True  # an AMOUNT column whose sum row is the sum of its rows (a workbook's SUM)

    @property
    def numeric(self) -> bool:
        return self.kind is not Kind.TEXT or self.right


Cell = str | Words | Decimal | None


class ColumnRows(Sequence[tuple[Cell, ...]]):
    """A table's rows, held as its columns: a line's hundred thousand postings make no tuple for
    each row (the writers take the columns as they are, `cells.columns_as_text`), yet read as
    rows wherever rows are asked for."""

    __slots__ = ("columns",)

    def __init__(self, columns: Sequence[Sequence[Cell]]) -> None:
        self.columns = tuple(columns)

    def __len__(self) -> int:
        return len(self.columns[0]) if self.columns else 0

    @overload
    def __getitem__(self, index: int) -> tuple[Cell, ...]: ...

    @overload
    def __getitem__(self, index: slice) -> tuple[tuple[Cell, ...], ...]: ...

    def __getitem__(self, index: int | slice) -> tuple[Cell, ...] | tuple[tuple[Cell, ...], ...]:
        if isinstance(index, slice):
            return tuple(zip(*(column[index] for column in self.columns), strict=True))
        return tuple(column[index] for column in self.columns)

    def __iter__(self) -> Iterator[tuple[Cell, ...]]:
        return zip(*self.columns, strict=True)

    def __eq__(self, other: object) -> bool:  # (as the tuple of its rows is: a `Table` compares so)
        return isinstance(other, tuple | ColumnRows) and tuple(self) == tuple(other)

    def __hash__(self) -> int:
        return hash(tuple(self))


@dataclass(frozen=True, slots=True)
class Footnote:
    """A line under the table: an item's note, numbered and marked by its name; or (no number)
    a note on the whole table."""

    number: int | None
    text: str | Words


@dataclass(frozen=True, slots=True)
class Table:
    """A view ready to write: amounts exact (in the shown unit), written with `decimals` places.

    `footer` rows follow the items; the first is the sum row, where each amount is the exact
    sum of the column (never a sum of rounded cells). `styles` name each row's look on a
    terminal (new, removed, unchanged); `marks` each row's footnote number, if it has one.
    """

    title: Words
    columns: tuple[Column, ...]
    rows: Sequence[tuple[Cell, ...]]  # a tuple of rows, or `ColumnRows`
    footer: tuple[tuple[Cell, ...], ...] = ()
    styles: tuple[str, ...] = ()
    decimals: int = 0
    unit: Unit | None = None  # the amounts' unit
    marks: tuple[int | None, ...] = ()
    footnotes: tuple[Footnote, ...] = ()
    name: str = ""  # short: the years, as a workbook names its sheet
    author: str = ""  # who a document says wrote it (`--author`); none by default


@dataclass(frozen=True, slots=True)
class Options:
    """What a table shows besides its amounts."""

    decimals: int | None = None  # places for display; None: every amount exactly
    share: bool = False  # each item's share of its year's package
    notes: bool = False  # item notes as numbered footnotes
    change: bool = False  # years side by side: each year's change from the year before


def diff_table(
    comparison: Comparison,
    unit: Unit,
    options: Options = Options(),
    package: Comparison | None = None,
    revs: Sequence[str | None] = (None, None),
) -> Table:
    """`package`, where `comparison` shows only some rows: the whole, for its totals and shares.
    `revs`: the git revision each side was read at, which tells two columns of one year apart."""
    old, new = comparison.old, comparison.new
    whole = (package or comparison).totals
    changes = comparison.changes
    before = money.in_units([change.old or _ZERO for change in changes], unit)
    after = money.in_units([change.new or _ZERO for change in changes], unit)
    statuses = [change.status for change in changes]
    names = [
        _item_label(change, status) if status in _MARKED or change.renamed else change.name
        for change, status in zip(changes, statuses, strict=True)
    ]
    old_whole, new_whole = money.in_units([whole.old, whole.new], unit)
    builder = _Builder(Column(words("item")), names)
    old_header, new_header = year_headers([old.year, new.year], revs)
    old_at = builder.add(Column(old_header, Kind.AMOUNT), before)
    if options.share:
        builder.add(Column(words("share", year=old.year), Kind.SHARE, of=(old_at,)), money.shares(before, old_whole))
    new_at = builder.add(Column(new_header, Kind.AMOUNT), after)
    if options.share:
        builder.add(Column(words("share", year=new.year), Kind.SHARE, of=(new_at,)), money.shares(after, new_whole))
    builder.add(Column(words("change"), Kind.CHANGE, of=(old_at, new_at)), list(map(operator.sub, after, before)))
    builder.add(Column(words("change_pct"), Kind.PERCENT, of=(old_at, new_at)), money.percent_changes(before, after))
    totals = comparison.totals
    shown = money.in_units([totals.old, totals.new], unit)
    footer = [builder.sums(words("sum_shown" if package else "sum"), shown, [old_whole, new_whole])]
    if package is not None:
        footer.append(builder.sums(words("sum_package"), [old_whole, new_whole], [old_whole, new_whole]))
    if old.year == new.year and any(revs):  # one year at two revisions: titled by them
        sides = [words("working_tree") if rev is None else rev for rev in revs]
        title = words("compared.revisions", title=_title(new), year=new.year, old=sides[0], new=sides[1], unit=unit)
    else:
        title = _headed("compared", [old, new], title=_title(new), old=old.year, new=new.year, unit=unit)
    # A change or a sum never needs more places than the amounts it comes from.
    places = _decimals(before + after, unit, options.decimals)
    styles = tuple(_STYLES[status] for status in statuses)
    notes = [change.note for change in changes]
    return builder.table(
        extra=_same_names(changes),
        title=title,
        footer=footer,
        places=places,
        unit=unit,
        options=options,
        notes=notes,
        styles=styles,
        name=f"{old.year}–{new.year}",
    )


def show_table(budget: Budget, unit: Unit, options: Options = Options(), *, ids: bool = False) -> Table:
    """A year's items and total. With `ids` (CSV and the workbook, which may come back through
    `trygg import`): an Id column first, and each name as the file writes it."""
    items_sum = sum((item.amount for item in budget.items), Decimal(0))
    amounts = money.in_units([item.amount for item in budget.items], unit)
    summed, declared = money.in_units([items_sum, budget.total], unit)
    created = _created(budget)
    names = [
        words("marked", name=item.name, marks=(words("added"),)) if item.id in created and not ids else item.name
        for item in budget.items
    ]
    builder = _Builder(Column(words("item")), names)
    at = builder.add(Column(str(budget.year), Kind.AMOUNT), amounts)
    if options.share:
        builder.add(Column(words("share", year=budget.year), Kind.SHARE, of=(at,)), money.shares(amounts, summed))
    footer = [builder.sums(words("sum"), [summed], [summed])]
    if items_sum != budget.total:
        footer.append(builder.sums(words("declared"), [declared], [None]))
    title = _headed("titled", [budget], title=budget.title or words("budget_of", year=budget.year), unit=unit)
    places = _decimals([*amounts, declared], unit, options.decimals)
    notes = [item.note for item in budget.items]
    table = builder.table(
        title=title,
        footer=footer,
        places=places,
        unit=unit,
        options=options,
        notes=notes,
        styles=(),
        name=str(budget.year),
    )
    return _with_columns(table, [(Column(words("id")), [item.id for item in budget.items])]) if ids else table


def months_table(
    budget: Budget,
    months: Sequence[Sequence[Decimal]],
    unit: Unit,
    decimals: int | None = None,
    *,
    ids: bool = False,
    summed: bool = True,
) -> Table:
    """A year month by month: each item's 12 monthly amounts (`months`, from the library, in
    kronor) and its year, and a Summa row (unless not `summed`: a CSV for a budget import, which
    would read the row as a line). With `ids` (for an accounting system's budget import, and for
    `trygg import`): an Id column first and, after the name, a column for each dimension of a
    `match` with each line's codes (its own, else the package's), headed as the file spells it."""
    figures = [
        [*money.in_units(list(amounts), unit), money.in_unit(item.amount, unit)]
        for item, amounts in zip(budget.items, months, strict=True)
    ]
    rows: list[tuple[Cell, ...]] = [(item.name, *row) for item, row in zip(budget.items, figures, strict=True)]
    sums = [sum((row[column] for row in figures), _ZERO) for column in range(13)]
    columns = (
        Column(words("item")),
        *(Column(words(f"month.{number}"), Kind.AMOUNT) for number in range(1, 13)),
        Column(words("months.year"), Kind.AMOUNT, across=tuple(range(1, 13))),
    )
    every = [cell for row in figures for cell in row]
    title = words("months.title", title=budget.title or words("budget_of", year=budget.year), unit=unit)
    table = Table(
        title,
        columns,
        tuple(rows),
        ((words("sum"), *sums),) if summed else (),
        decimals=_decimals(every, unit, decimals),
        unit=unit,
        name=str(budget.year),
    )
    if not ids:
        return table
    table = _with_columns(table, dimension_columns(budget), at=1)
    return _with_columns(table, [(Column(words("id")), [item.id for item in budget.items])])


def dimension_columns(budget: Budget) -> list[tuple[Column, list[Cell]]]:
    """A column for each dimension a `match` names (the package's first, then the lines' in the
    order they come), with each line's codes: its own, else the package's (`2104, 2105`)."""
    names: dict[str, str] = {}
    for match in (budget.match, *(item.match for item in budget.items)):
        for criterion in match:
            names.setdefault(criterion.dimension.casefold(), criterion.dimension)
    package = {criterion.dimension.casefold(): criterion.codes for criterion in budget.match}
    found: list[tuple[Column, list[Cell]]] = []
    for key, name in names.items():
        cells: list[Cell] = []
        for item in budget.items:
            own = {criterion.dimension.casefold(): criterion.codes for criterion in item.match}
            codes = own.get(key, package.get(key))
            cells.append(", ".join(codes) if codes else None)
        found.append((Column(name), cells))
    return found


def _with_columns(table: Table, added: Sequence[tuple[Column, Sequence[Cell]]], at: int = 0) -> Table:
    """`table` with text columns put in at place `at` (their cells empty in the footer), the
    places other columns follow from moved along."""
    if not added:
        return table
    count = len(added)

    def moved(places: tuple[int, ...] | None) -> tuple[int, ...] | None:
        return None if places is None else tuple(place + count if place >= at else place for place in places)

    columns = [replace(column, of=moved(column.of), across=moved(column.across)) for column in table.columns]
    columns[at:at] = [column for column, _ in added]
    cells = list(zip(*(values for _, values in added), strict=True)) if table.rows else []
    rows = tuple((*row[:at], *extra, *row[at:]) for row, extra in zip(table.rows, cells, strict=True))
    footer = tuple((*row[:at], *([None] * count), *row[at:]) for row in table.footer)
    return replace(table, columns=tuple(columns), rows=rows, footer=footer)


def import_table(comparison: Comparison, unit: Unit) -> Table:
    """`trygg import --dry-run`: the year as its file says it against the year as the sheet says
    it, as a diff, titled "2021 (fil) → 2021 (ark)"."""
    year = comparison.new.year
    table = diff_table(comparison, unit)
    before, after = words("import.file", year=year), words("import.sheet", year=year)
    columns = list(table.columns)
    amounts = [at for at, column in enumerate(columns) if column.kind is Kind.AMOUNT]
    for at, header in zip(amounts, (before, after), strict=False):
        columns[at] = replace(columns[at], header=header)
    title = words("import.title", old=before, new=after, unit=unit)
    return replace(table, title=title, columns=tuple(columns))


def changes_table(budget: Budget, found: Sequence[Applied], unit: Unit, decimals: int | None = None) -> Table:
    """A year's budget changes in date order, one row per move: the date, the decision, the line,
    the amount moved and the line's budget after it; on a change's first row, the total after it."""
    rows: list[tuple[Cell, ...]] = []
    for step in found:
        for number, (move, name, after) in enumerate(step.moves):
            first = number == 0
            rows.append(
                (
                    step.change.date.isoformat() if first else "",
                    step.change.decision if first else "",
                    name,
                    money.in_unit(move.amount, unit),
                    money.in_unit(after, unit),
                    money.in_unit(step.total, unit) if first else None,
                )
            )
    columns = (
        Column(words("changes.date")),
        Column(words("changes.decision")),
        Column(words("item")),
        Column(words("changes.amount"), Kind.CHANGE),
        Column(words("changes.after"), Kind.AMOUNT),
        Column(words("changes.total_after"), Kind.AMOUNT),
    )
    every = [cell for row in rows for cell in row[3:] if isinstance(cell, Decimal)]
    title = words("changes.title", title=budget.title or words("budget_of", year=budget.year), unit=unit)
    notes = tuple(
        Footnote(None, words("changes.note", date=step.change.date.isoformat(), note=step.change.note))
        for step in found
        if step.change.note
    )
    return Table(
        title,
        columns,
        tuple(rows),
        decimals=_decimals(every or [money.in_unit(budget.total, unit)], unit, decimals),
        unit=unit,
        footnotes=notes,
        name=str(budget.year),
    )


def _created(budget: Budget) -> set[str]:
    """Under --original, the lines a change creates: 0 as first decided, filled by a move."""
    if budget.stage is None or not budget.stage.original:
        return set()
    moved = {move.id for change in budget.changes for move in change.moves if move.amount > 0}
    return {item.id for item in budget.items if item.amount == 0 and item.id in moved}


def side_by_side_table(
    grid: SideBySide, unit: Unit, options: Options = Options(), revs: Sequence[str | None] = ()
) -> Table:
    builder = _Builder(Column(words("item")), [line.name for line in grid.lines])
    headers = year_headers([budget.year for budget in grid.budgets], revs or [None] * len(grid.budgets))
    at: dict[int, int] = {}  # each year's amount column
    sums = money.in_units(list(grid.sums), unit)
    for number, budget in enumerate(grid.budgets):
        amounts = money.in_units([line.amounts[number] or _ZERO for line in grid.lines], unit)
        at[number] = builder.add(Column(headers[number], Kind.AMOUNT), amounts)
        if options.share:
            share = Column(words("share", year=budget.year), Kind.SHARE, of=(at[number],))
            builder.add(share, money.shares(amounts, sums[number]))
    if options.change:
        by_date = sorted(range(len(grid.budgets)), key=lambda number: grid.budgets[number].year)
        for earlier, later in itertools.pairwise(by_date):
            old_at, new_at = at[earlier], at[later]
            header = words("change_between", old=grid.budgets[earlier].year, new=grid.budgets[later].year)
            difference = list(map(operator.sub, builder.values[new_at], builder.values[old_at]))
            builder.add(Column(header, Kind.CHANGE, of=(old_at, new_at)), difference)
    footer = [builder.sums(words("sum"), sums, sums)]
    years = ", ".join(str(budget.year) for budget in grid.budgets)
    title = _headed("side_by_side", grid.budgets, title=_title(grid.budgets[0]), years=years, unit=unit)
    amounts = [value for number in at.values() for value in builder.values[number] if isinstance(value, Decimal)]
    places = _decimals(amounts, unit, options.decimals)
    notes = [line.note for line in grid.lines]
    name = "–".join(str(budget.year) for budget in grid.budgets)
    return builder.table(
        title=title, footer=footer, places=places, unit=unit, options=options, notes=notes, styles=(), name=name
    )


class _Builder:
    """A table put together column by column, each column's cells in one list."""

    def __init__(self, first: Column, names: Sequence[str | Words]) -> None:
        self.columns = [first]
        self.values: list[list[Any]] = [list(names)]

    def add(self, column: Column, cells: Sequence[Decimal | None]) -> int:
        """Add a column; its place, for the columns that follow from it."""
        self.columns.append(column)
        self.values.append(list(cells))
        return len(self.columns) - 1

    def sums(self, label: Words, amounts: Sequence[Decimal], wholes: Sequence[Decimal | None]) -> tuple[Cell, ...]:
        """A sum row: `amounts` (one per amount column, in order), each column's part of its
        whole (`wholes`) in the share columns, and the changes between them."""
        row: list[Cell] = [label]
        amount_of: dict[int, Decimal] = {}
        whole_of: dict[int, Decimal | None] = {}
        amount_columns = iter(zip(amounts, wholes, strict=True))
        for number, column in enumerate(self.columns[1:], start=1):
            if column.kind is Kind.AMOUNT:
                amount_of[number], whole_of[number] = next(amount_columns)
                row.append(amount_of[number])
            elif column.kind is Kind.SHARE and column.of is not None:
                amount, whole = amount_of[column.of[0]], whole_of[column.of[0]]
                row.append(None if whole is None else money.shares([amount], whole)[0])
            elif column.kind is Kind.CHANGE and column.of is not None:
                row.append(amount_of[column.of[1]] - amount_of[column.of[0]])
            elif column.kind is Kind.PERCENT and column.of is not None:
                row.append(money.percent_change(amount_of[column.of[0]], amount_of[column.of[1]]))
        return tuple(row)

    def table(
        self,
        title: Words,
        *,
        footer: list[tuple[Cell, ...]],
        places: int,
        unit: Unit,
        options: Options,
        notes: Sequence[str | None],
        styles: tuple[str, ...],
        name: str,
        extra: Sequence[Footnote] = (),
    ) -> Table:
        rows = tuple(zip(*self.values, strict=True)) if self.values[0] else ()
        marks: tuple[int | None, ...] = ()
        footnotes: list[Footnote] = []
        if options.notes and any(note is not None for note in notes):
            numbers = iter(range(1, len(notes) + 1))
            marks = tuple(None if note is None else next(numbers) for note in notes)
            footnotes += [Footnote(mark, note) for mark, note in zip(marks, notes, strict=True) if mark and note]
        footnotes += extra
        if rows and footer and _rounding_shows(self.columns, self.values, footer[0], options.decimals):
            footnotes.append(Footnote(None, words("rounded")))
        columns = tuple(self.columns)
        return Table(title, columns, rows, tuple(footer), styles, places, unit, marks, tuple(footnotes), name)


def _rounding_shows(
    columns: Sequence[Column], values: Sequence[list[Any]], total: Sequence[Cell], places: int | None
) -> bool:
    """Whether the rows, as shown, add up to something other than the sum row as shown. Amounts
    are rounded only where `places` were asked for (else shown exactly); shares always are."""
    for column, cells, summed in zip(columns, values, total, strict=True):
        rounded = column.kind is Kind.SHARE or (places is not None and column.kind in (Kind.AMOUNT, Kind.CHANGE))
        if not rounded or not isinstance(summed, Decimal):
            continue
        shown = 1 if column.kind is Kind.SHARE else places or 0
        rows = sum((money.rounded(cell, shown) for cell in cells if isinstance(cell, Decimal)), _ZERO)
        if rows != money.rounded(summed, shown):
            return True
    return False


def log_table(found: History, year: int) -> Table:
    """A year's history, newest first: when, which commit, who, why, and what changed."""
    rows: list[tuple[Cell, ...]] = []
    for entry in found.entries:
        version = entry.version
        rows.append((version.date, version.commit[:7], version.author, version.subject, _what_changed(entry)))
    columns = (
        Column(words("log.date")),
        Column(words("log.commit")),
        Column(words("log.author")),
        Column(words("log.subject")),
        Column(words("log.changes")),
    )
    kind = "log.skipped_item" if found.item else "log.skipped"
    plural = ".one" if found.skipped == 1 else ".many"
    notes = (Footnote(None, words(kind + plural, count=found.skipped, item=found.item)),) if found.skipped else ()
    return Table(words("log.title", year=year), columns, tuple(rows), footnotes=notes, name=str(year))


def _what_changed(entry: Entry) -> Words:
    if not entry.loads:
        return words("log.unloaded.one" if entry.problems == 1 else "log.unloaded.many", count=entry.problems)
    unit = entry.unit or Unit.KR
    if entry.created and entry.total is not None:  # the year's creation: its total, not every line
        return words("log.created", total=words("amount_with_unit", kronor=entry.total[1], unit=unit))
    said: list[Words] = []
    for change in entry.changes:
        before = None if change.old is None else words("amount_with_unit", kronor=change.old, unit=unit)
        after = None if change.new is None else words("amount_with_unit", kronor=change.new, unit=unit)
        if change.status is Status.ADDED:
            said.append(words("log.added", name=change.name, amount=after))
        elif change.status is Status.REMOVED:
            said.append(words("log.removed", name=change.name, amount=before))
        elif change.renamed and change.status is Status.UNCHANGED:
            said.append(words("log.renamed", old=change.old_name, name=change.name))
        elif change.renamed:
            said.append(words("log.renamed_changed", old=change.old_name, name=change.name, before=before, after=after))
        else:
            said.append(words("log.changed", name=change.name, before=before, after=after))
    if entry.total is not None:
        old, new = (words("amount_with_unit", kronor=amount, unit=unit) for amount in entry.total)
        said.append(words("log.total", before=old, after=new))
    said += [told for change in entry.follow for told in follow_change_words(change, unit)]
    said += [decision_words(decided, unit) for decided in entry.decisions]
    return words("log.list", changes=tuple(said))


def decision_words(decided: Decision, unit: Unit) -> Words:
    """A budget change by its decision: "budgetändring KS 2021-05-10 § 87: Ambulerande
    Trygghetsvärdar -0,2 mkr, Stöd till lokala arbetsgrupper +0,2 mkr"."""
    moves = tuple(
        words("log.move", name=name, amount=words("amount_with_unit", kronor=amount, unit=unit, signed=True))
        for name, amount in decided.moves
    )
    return words("log.decision", decision=decided.decision, moves=moves)


def follow_change_words(change: FollowChange, unit: Unit) -> list[Words]:
    """What changed in a line's follow-up, in words: which postings count as its, its own forecast."""
    said: list[Words] = []
    if change.match is not None:
        before, after = (_match_text(match) for match in change.match)
        if change.id is None:
            said.append(words("log.package_match", before=before, after=after))
        else:
            said.append(words("log.match", name=change.name, before=before, after=after))
    if change.forecast is not None:
        old, new = (
            words("follow.none") if amount is None else words("amount_with_unit", kronor=amount, unit=unit)
            for amount in change.forecast
        )
        said.append(words("log.forecast", name=change.name, before=old, after=new))
    return said


def _match_text(match: Match) -> str:
    """A match as the year file says it, in short: `projekt 2104, 2105; konto 61*` (or –)."""
    return "; ".join(f"{criterion.dimension} {', '.join(criterion.codes)}" for criterion in match) or "–"


def years_table(files: Sequence[Loaded]) -> Table:
    rows: list[tuple[Cell, ...]] = []
    for loaded in files:
        budget = loaded.budget
        if budget is None:
            rows.append((loaded.path, "", "", words("unloaded")))
            continue
        status = words("problems", count=len(loaded.problems)) if loaded.problems else words("ok")
        total = words("amount_with_unit", kronor=budget.total, unit=budget.unit)
        rows.append((str(budget.year), total, str(len(budget.items)), status))
    columns = (
        Column(words("year")),
        Column(words("total"), right=True),
        Column(words("items"), right=True),
        Column(words("status")),
    )
    return Table(words("years"), columns, tuple(rows), name="trygg")


@dataclass(frozen=True, slots=True)
class Chart:
    """Two bars per item, the old year's over the new year's: the diff table's title, names and
    places, each year's label, and the bars' amounts in the shown unit (a missing year as 0)."""

    table: Table
    years: tuple[str, str]
    bars: tuple[tuple[Decimal, Decimal], ...]


def chart_view(
    comparison: Comparison, unit: Unit, decimals: int | None = None, revs: Sequence[str | None] = (None, None)
) -> Chart:
    table = diff_table(comparison, unit, Options(decimals), revs=revs)
    old, new = year_headers([comparison.old.year, comparison.new.year], revs)  # 2021 (main) beside 2021
    bars = tuple(
        (money.in_unit(change.old or _ZERO, unit), money.in_unit(change.new or _ZERO, unit))
        for change in comparison.changes
    )
    return Chart(table, (old, new), bars)


def year_headers(years: Sequence[int], revs: Sequence[str | None]) -> list[str]:
    """Each column's year, and where two columns show the same year, the revision each was read
    at: `2021 (main)` beside `2021` (the work tree)."""
    repeated = {year for year in years if list(years).count(year) > 1}
    return [
        f"{year} ({rev})" if year in repeated and rev is not None else str(year)
        for year, rev in zip(years, revs, strict=True)
    ]


def _decimals(amounts: list[Decimal], unit: Unit, asked: int | None) -> int:
    """The places asked for, or as many as it takes to show every amount exactly."""
    return asked if asked is not None else money.decimals_for(amounts, unit)


_ZERO = Decimal(0)
_MARKED = frozenset({Status.ADDED, Status.REMOVED})
_STYLES = {Status.ADDED: "green", Status.REMOVED: "red", Status.CHANGED: "", Status.UNCHANGED: "dim"}


def _same_names(changes: Sequence[Change]) -> list[Footnote]:
    """A removed item and a new one with the same name: most likely one line whose id changed."""
    removed = {change.name: change.id for change in changes if change.status is Status.REMOVED}
    return [
        Footnote(None, words("same_name", old=removed[change.name], new=change.id))
        for change in changes
        if change.status is Status.ADDED and change.name in removed
    ]


def _item_label(change: Change, status: Status) -> Words:
    """The item's name, marked where it is new, removed or renamed."""
    marks = []
    if status is Status.ADDED:
        marks.append(words("added"))
    elif status is Status.REMOVED:
        marks.append(words("removed"))
    if change.renamed:
        marks.append(words("renamed", old=change.old_name))
    return words("marked", name=change.name, marks=tuple(marks))


def stage_note(budget: Budget) -> Words | None:
    """Which of the year's budgets a table shows, where the year has changes: "efter 2
    budgetändringar", "i kraft 2021-06-30, efter 1 budgetändring", "ursprunglig budget"."""
    stage = budget.stage
    if stage is None:
        return None
    if stage.original:
        return words("stage.original")
    after = words("stage.after.one") if stage.applied == 1 else words("stage.after.many", count=stage.applied)
    if stage.on is None:
        return after
    return words("stage.on.after", on=stage.on, after=after) if stage.applied else words("stage.on", on=stage.on)


def _headed(label: str, budgets: Sequence[Budget], **figures: Any) -> Words:
    """A table's heading, saying of each year with changes which of its budgets it shows."""
    notes = [(budget.year, note) for budget in budgets if (note := stage_note(budget)) is not None]
    if not notes:
        return words(label, **figures)
    if len(budgets) == 1:
        return words(label + ".stage", stage=notes[0][1], **figures)
    years = tuple(words("stage.year", year=year, stage=note) for year, note in dict(notes).items())
    return words(label + ".stage", stage=years, **figures)


def _title(budget: Budget) -> str | Words:
    """The package's title without its year, for a heading over several years."""
    return budget.title.removesuffix(f" {budget.year}") if budget.title else words("budget")


def follow_table(  # noqa: PLR0917 - each a choice of the run's
    followup: FollowUp,
    unit: Unit,
    decimals: int | None = None,
    lines: Sequence[Line] | None = None,
    columns: Sequence[str] | None = None,
    data: bool = False,
) -> Table:
    """The follow-up: each item's figures in `columns` (keys of `COLUMNS`), the unallocated row and
    the package's Summa row; footnotes for how the forecast was made, lines not started, dated
    own forecasts, what was left out, and rounding. `lines`: the item rows in the order the
    library put them (default: the file's). With `data` (a table for a spreadsheet or a script),
    the marks in a column of their own, a figure that cannot be known an empty cell, and every
    amount exact unless `decimals` are asked for."""
    budget = followup.budget
    lines = followup.lines if lines is None else lines
    columns = followup.columns if columns is None else columns
    footnotes: list[Footnote] = []
    marks: list[int | None] = []
    for line in lines:
        if line.forecast_date is None:
            marks.append(None)
            continue
        marks.append(len(footnotes) + 1)
        footnotes.append(Footnote(len(footnotes) + 1, _dated_forecast(line, unit)))
    named: list[tuple[Line, str | None]] = [(line, None) for line in lines]
    if followup.unallocated is not None:
        named.append((followup.unallocated, "follow.unallocated"))
    rows: list[tuple[Cell, ...]] = []
    for line, label in named:
        name: Cell = words(label) if label else line.name
        if data:
            rows.append((name, _marks_text(line, label), *_follow_row(line, unit, name, columns, data)[1:]))
        else:
            rows.append(_follow_row(line, unit, _follow_name(line, label), columns))
    styles = ["red" if line.over else "" for line in lines] + (["dim"] if followup.unallocated else [])
    marks += [None] * (len(rows) - len(marks))
    total = _follow_row(followup.total, unit, words("sum"), columns, data)
    if data:
        total = (total[0], None, *total[1:])
    first = 2 if data else 1  # where the figures start
    at = {key: first + number for number, key in enumerate(columns)}
    shown = tuple(_follow_column(key, followup, at) for key in columns)
    if data:
        shown = (Column(words("follow.marks")), *shown)
    in_budget = money.in_units([item.amount for item in budget.items], unit)
    every = [cell for row in (*rows, total) for cell in row[first:] if isinstance(cell, Decimal)]
    exact = data or unit is Unit.KR
    places = decimals if decimals is not None else money.decimals_for(every if exact else in_budget, unit)
    notes = [Footnote(None, words("follow.pace"))]
    if any(line.as_budgeted for line in lines) or (followup.unallocated and followup.unallocated.as_budgeted):
        notes.append(Footnote(None, words("follow.as_budgeted_note", as_of=followup.as_of)))
    if followup.as_budgeted:
        without = tuple(line.name for line in followup.lines if line.forecast is None)
        notes.append(Footnote(None, words("follow.without_match", names=without)))
    if followup.after_as_of or followup.outside_year:
        excluded = words(
            "follow.excluded",
            after=followup.after_as_of,
            outside=followup.outside_year,
            as_of=followup.as_of,
            year=budget.year,
        )
        notes.append(Footnote(None, excluded))
    amounts = [
        cell for row in (*rows, total) for cell, key in zip(row[first:], columns, strict=True) if key != "used_pct"
    ]
    if any(isinstance(cell, Decimal) and money.rounded(cell, places) != cell for cell in amounts):
        notes.append(Footnote(None, words("rounded")))
    title = words("follow.title", title=_title(budget), year=budget.year, as_of=followup.as_of, unit=unit)
    return Table(
        title,
        (Column(words("item")), *shown),
        tuple(rows),
        (total,),
        tuple(styles),
        places,
        unit,
        marks=tuple(marks) if any(mark is not None for mark in marks) else (),
        footnotes=(*footnotes, *notes),
        name=f"{budget.year} {followup.as_of.isoformat()}",
    )


def _follow_column(key: str, followup: FollowUp, at: dict[str, int]) -> Column:
    """A follow-up column; a variance or a change says which columns it is the difference of, so
    a workbook can hold it as a formula, where both are shown."""
    differences = {
        "variance_to_date": ("actual", "budget_to_date"),
        "variance": ("forecast", "budget"),
        "changes": ("original_budget", "budget"),
    }
    pair = differences.get(key)
    of = (at[pair[0]], at[pair[1]]) if pair and pair[0] in at and pair[1] in at else None
    kind = _FOLLOW_KINDS.get(key, Kind.AMOUNT)
    return Column(
        _FOLLOW_HEADERS[key](followup), kind, of=of if kind is Kind.CHANGE else None, summed=key != "forecast"
    )


def _marks_text(line: Line, label: str | None) -> Cell:
    """A row's marks as a cell of their own: "överskriden; egen prognos", or nothing."""
    marked = _follow_name(line, label)
    if isinstance(marked, Words) and marked.label == "marked":
        return words("follow.marks_list", marks=dict(marked.figures)["marks"])
    return None


_FOLLOW_HEADERS = {
    "budget": lambda followup: words("follow.budget"),
    "budget_to_date": lambda followup: words("follow.budget_to_date", as_of=followup.as_of),
    "actual": lambda followup: words("follow.actual", as_of=followup.as_of),
    "variance_to_date": lambda followup: words("follow.variance_to_date", as_of=followup.as_of),
    "forecast": lambda followup: words("follow.forecast"),
    "variance": lambda followup: words("follow.variance"),
    "used_pct": lambda followup: words("follow.used"),
    "remaining": lambda followup: words("follow.remaining"),
    "original_budget": lambda followup: words("follow.original_budget"),
    "changes": lambda followup: words("follow.changes"),
}
_FOLLOW_KINDS = {
    "variance_to_date": Kind.CHANGE,
    "variance": Kind.CHANGE,
    "used_pct": Kind.SHARE,
    "changes": Kind.CHANGE,
}


def by_month_table(view: ByMonth, unit: Unit, decimals: int | None = None) -> Table:
    """A follow-up month by month: each month's budget and actual, both to date, and the variance
    to date; the Summa row is the year to the as-of date (the follow-up table's figures)."""
    rows: list[tuple[Cell, ...]] = [
        (
            words(f"month.{month.month.month}"),
            money.in_unit(month.budget, unit),
            money.in_unit(month.actual, unit),
            money.in_unit(month.budget_to_date, unit),
            money.in_unit(month.actual_to_date, unit),
            money.in_unit(month.variance_to_date, unit),
        )
        for month in view.months
    ]
    last = view.months[-1]
    total: tuple[Cell, ...] = (
        words("sum"),
        money.in_unit(last.budget_to_date, unit),
        money.in_unit(last.actual_to_date, unit),
        money.in_unit(last.budget_to_date, unit),
        money.in_unit(last.actual_to_date, unit),
        money.in_unit(last.variance_to_date, unit),
    )
    columns = (
        Column(words("by_month.month")),
        Column(words("by_month.budget"), Kind.AMOUNT),
        Column(words("by_month.actual"), Kind.AMOUNT),
        Column(words("follow.budget_to_date", as_of=words("by_month.month_end")), Kind.AMOUNT),
        Column(words("follow.actual", as_of=words("by_month.month_end")), Kind.AMOUNT),
        Column(words("follow.variance_to_date", as_of=words("by_month.month_end")), Kind.CHANGE),
    )
    budget = view.budget
    places = (
        decimals
        if decimals is not None
        else money.decimals_for([item.amount / unit.kronor for item in budget.items], unit)
    )
    if view.target == UNALLOCATED:
        name: str | Words = words("follow.unallocated")
    else:
        name = view.name if view.target is not None else _title(budget)
    title = words("by_month.title", name=name, year=budget.year, as_of=view.as_of, unit=unit)
    notes = []
    shown = [cell for row in (*rows, total) for cell in row[1:] if isinstance(cell, Decimal)]
    if any(money.rounded(cell, places) != cell for cell in shown):
        notes.append(Footnote(None, words("rounded")))
    return Table(title, columns, tuple(rows), (total,), (), places, unit, footnotes=tuple(notes), name=str(budget.year))


def postings_table(view: Postings, unit: Unit, decimals: int | None = None) -> Table:
    """The postings behind a line's actual: date, voucher, text, account, objects and amount, as
    the export writes them, in date order; a Summa row, the line's actual in the follow-up table."""
    # Column by column (a line may have a hundred thousand postings), each one pass in C.
    days, vouchers, texts, accounts, objects, kronor = view.postings[:6]
    amounts = money.in_units(kronor, unit)
    written = {day: day.isoformat() for day in set(days)}  # (a year has 365 days: each written once)
    rows = ColumnRows((list(map(written.__getitem__, days)), vouchers, texts, accounts, objects, amounts))
    whole = money.in_unit(view.total, unit)
    total: tuple[Cell, ...] = (words("sum"), None, None, None, None, whole)
    columns = (
        Column(words("postings.date")),
        Column(words("postings.voucher")),
        Column(words("postings.text")),
        Column(words("postings.account"), right=True),
        Column(words("postings.objects")),
        Column(words("postings.amount"), Kind.AMOUNT),
    )
    name: str | Words = words("follow.unallocated") if view.target == UNALLOCATED else view.name
    title = words("postings.title", name=name, year=view.budget.year, as_of=view.as_of, unit=unit)
    return Table(
        title,
        columns,
        rows,
        (total,),
        (),
        _decimals([*amounts, whole], unit, decimals),
        unit,
        name=str(view.budget.year),
    )


@dataclass(frozen=True, slots=True)
class MonthChart:
    """A follow-up month by month as a picture: the budget to each month's end over the whole
    year, the actual to each month's end up to the as-of month, and the year's forecast; in the
    shown unit."""

    title: Words
    months: tuple[Words, ...]
    budget: tuple[Decimal, ...]
    actual: tuple[Decimal, ...]
    forecast: Decimal | None
    legend: tuple[Words, Words, Words]
    decimals: int
    unit: Unit


def month_chart(view: ByMonth, unit: Unit, decimals: int | None = None) -> MonthChart:
    table = by_month_table(view, unit, decimals)
    return MonthChart(
        table.title,
        tuple(words(f"month.{number}") for number in range(1, 13)),
        tuple(money.in_unit(amount, unit) for amount in view.year),
        tuple(money.in_unit(month.actual_to_date, unit) for month in view.months),
        None if view.forecast is None else money.in_unit(view.forecast, unit),
        (words("chart.budget"), words("chart.actual", as_of=view.as_of), words("follow.forecast")),
        table.decimals,
        unit,
    )


def _dated_forecast(line: Line, unit: Unit) -> Words:
    """An own forecast made on a date, and the one before it and the change since, where there is one."""
    amount = words("amount_with_unit", kronor=line.forecast, unit=unit)
    if line.previous_forecast is None or line.forecast is None:
        return words("follow.dated_forecast", name=line.name, date=line.forecast_date, amount=amount)
    previous = words("amount_with_unit", kronor=line.previous_forecast, unit=unit)
    change = words("amount_with_unit", kronor=line.forecast - line.previous_forecast, unit=unit, signed=True)
    return words(
        "follow.dated_forecast.previous",
        name=line.name,
        date=line.forecast_date,
        amount=amount,
        previous_date=line.previous_forecast_date,
        previous=previous,
        change=change,
    )


def _follow_name(line: Line, label: str | None = None) -> str | Words:
    name: str | Words = words(label) if label else line.name
    marks = []
    if line.over and label is None:  # Ej fördelat has no budget to go over
        marks.append(words("follow.over"))
    if line.as_budgeted:
        marks.append(words("follow.as_budgeted"))
    if line.own_forecast:
        marks.append(words("follow.own_forecast"))
    return words("marked", name=name, marks=tuple(marks)) if marks else name


def _follow_row(line: Line, unit: Unit, name: Cell, columns: Sequence[str], data: bool = False) -> tuple[Cell, ...]:
    """A follow-up row: each column's figure in `unit`; one that cannot be known is "–" (with
    `data`, an empty cell)."""
    cells: list[Cell] = [name]
    for key in columns:
        value = getattr(line, key)
        if value is None:
            cells.append(None if data else words("follow.none"))
        elif key == "used_pct":
            cells.append(value)
        else:
            cells.append(money.in_unit(value, unit))
    return tuple(cells)
