"""The ledger's records: a year's budget, its items, where each was written, and what was wrong.

Frozen dataclasses, and one named tuple (`Posting`, made by the hundred thousand). Money is
`Decimal` held in kronor; a unit matters only when reading and printing. Locations ride along
but stay out of equality, so two budgets compare equal when they say the same thing, wherever
it was written.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from itertools import islice
from operator import le, lt
from typing import Any, NamedTuple


class Unit(enum.Enum):
    """The units a budget file may state its amounts in, with their size in kronor."""

    KR = "kr"
    TKR = "tkr"
    MKR = "mkr"

    @property
    def kronor(self) -> Decimal:
        return _KRONOR[self]


_KRONOR = {Unit.KR: Decimal(1), Unit.TKR: Decimal(1_000), Unit.MKR: Decimal(1_000_000)}

UNALLOCATED = -1  # the package's row (Ej fördelat) for postings that no item claims


@dataclass(frozen=True, slots=True)
class Source:
    """A place in a file: 1-based line and, where there is one, 1-based column."""

    path: str
    line: int
    column: int | None = None


@dataclass(frozen=True, slots=True)
class Problem:
    """Something wrong with the data, found while loading or checking it.

    `code` is the stable family scripts rely on (`amount`, `schema`, …); `reason` names the one
    message that says what is wrong, and `figures` are what that message quotes: exact amounts,
    names, lines. Words come later, at the edge, in the language asked for.
    """

    code: str
    reason: str
    source: Source
    figures: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Criterion:
    """One key of a `match`: postings whose `dimension` has one of `codes` (a code ending in `*`
    is a prefix). The dimension is named as the export names it; `konto` is the account."""

    dimension: str
    codes: tuple[str, ...]
    source: Source | None = field(default=None, compare=False)


Match = tuple[Criterion, ...]  # every criterion must hold; () where the file says no `match`
Months = tuple[Decimal, ...]  # twelve weights, January first: each month's share of an amount


@dataclass(frozen=True, slots=True)
class Item:
    """One line of a year's budget. `amount` (and the officer's own `forecast`) in kronor."""

    id: str
    name: str
    amount: Decimal
    note: str | None = None
    source: Source | None = field(default=None, compare=False)
    match: Match = ()
    forecast: Decimal | None = None  # the officer's own forecast for the year
    forecasts: tuple[tuple[date, Decimal], ...] = ()  # or dated ones, in date order
    months: Months | None = None  # its own periodisation (else the package's)
    start: date | None = None  # the amount falls on the days from start to end only
    end: date | None = None


@dataclass(frozen=True, slots=True)
class Move:
    """Part of a budget change: a signed amount (kronor) added to one line's budget."""

    id: str
    amount: Decimal
    source: Source | None = field(default=None, compare=False)


@dataclass(frozen=True, slots=True)
class Amendment:
    """A budget change decided during the year (ombudgetering, tilläggsbudget): from its date on,
    its moves are part of the budget in force; with `total`, the package's total becomes that."""

    date: date
    decision: str  # the decision to point to: "KS 2021-05-10 § 87"
    moves: tuple[Move, ...]
    total: Decimal | None = None
    note: str | None = None
    source: Source | None = field(default=None, compare=False)  # the change's first line
    moves_source: Source | None = field(default=None, compare=False)


@dataclass(frozen=True, slots=True)
class Budget:
    """One year's allocation: its items and the total the council decided (in kronor)."""

    year: int
    unit: Unit
    total: Decimal
    items: tuple[Item, ...]
    title: str | None = None
    note: str | None = None
    source: Source | None = field(default=None, compare=False)
    year_source: Source | None = field(default=None, compare=False)
    total_source: Source | None = field(default=None, compare=False)
    title_source: Source | None = field(default=None, compare=False)
    match: Match = ()  # which postings are the package's: all of them where ()
    months: Months | None = None  # the items' periodisation where an item has none of its own
    changes: tuple[Amendment, ...] = ()  # in the file's order; items and total are as first decided
    stage: Stage | None = field(default=None, compare=False)  # which of the year's budgets this is


@dataclass(frozen=True, slots=True)
class Stage:
    """Which budget of a year with changes a `Budget` is (`amendments.in_force`): as first decided
    (`original`), or in force on a date (`on`; None: after every change) with `applied` changes
    in its amounts; `first` is the budget as first decided."""

    applied: int
    first: Budget
    on: date | None = None
    original: bool = False


@dataclass(frozen=True, slots=True)
class Loaded:
    """What reading one file gave: the budget if it loads, and every problem found."""

    path: str
    budget: Budget | None
    problems: tuple[Problem, ...]
    rev: str | None = None  # the git revision it was read at, as typed; None for the work tree


class Posting(NamedTuple):
    """One posting behind a line's actual, as the export writes it: its date, its voucher (series
    and number), its text (the row's own, else the voucher's), account and objects, and its
    amount in kronor; where it is in the export (its path and line). A named tuple, not a
    dataclass: a line's postings may be a hundred thousand, made in a part's process and sent
    on (`exports.parts`), and a tuple is the quickest to make, send and sort."""

    date: date
    voucher: str
    text: str
    account: str
    objects: str
    amount: Decimal
    path: str
    line: int

    @property
    def source(self) -> Source:
        return Source(self.path, self.line)


class Columns(NamedTuple):
    """Postings as columns, in `Posting`'s order: how a reader hands over a batch's kept postings
    and a part sends them on (lists of text and numbers are quick to gather and to send; a
    hundred thousand tuples are not)."""

    date: list[date]
    voucher: list[str]
    text: list[str]
    account: list[str]
    objects: list[str]
    amount: list[Any]  # Decimal; as its text while it is sent
    path: list[str]
    line: list[int]

    @staticmethod
    def of(postings: Iterable[Posting]) -> Columns:
        """Postings one by one, as columns."""
        rows = list(postings)
        return Columns._make(map(list, zip(*rows, strict=True))) if rows else Columns([], [], [], [], [], [], [], [])

    def rows(self) -> list[Posting]:
        """The postings one by one."""
        return list(map(Posting._make, zip(*self, strict=True)))

    def in_order(self) -> Columns:
        """The postings in the order a line's are listed in: by date, then where (path, line).
        Postings already so (one export's, read in the order of its dates and lines, as an export
        by date is) are seen to be in one pass, in C, and given as they are: these very columns
        (copying a hundred thousand would cost more than seeing that they are in order)."""
        days, paths, lines = self.date, self.path, self.line
        one_file = paths.count(paths[0] if paths else "") == len(paths)
        if one_file and all(map(le, days, islice(days, 1, None))) and all(map(lt, lines, islice(lines, 1, None))):
            return self
        order = sorted(range(len(days)), key=list(zip(days, paths, lines, strict=True)).__getitem__)
        return Columns._make(list(map(column.__getitem__, order)) for column in self)

    def first(self, count: int) -> Columns:
        """The first `count` postings."""
        return self if count >= len(self.date) else Columns._make(column[:count] for column in self)


@dataclass(frozen=True, slots=True)
class Actuals:
    """What the accounting system's exports say the package spent: kronor summed by target (an
    item's index in the budget, or -1 for the package's unallocated postings) and voucher date,
    with how many postings each sum holds; the package's postings outside the year; the latest
    voucher date within the year; and what was wrong (`notes` are said but are not problems)."""

    sums: dict[tuple[int, date], Decimal]
    counts: dict[tuple[int, date], int]
    outside_year: int
    latest: date | None
    problems: tuple[Problem, ...]
    notes: tuple[Problem, ...] = ()
    # The one line asked for (`read_exports(keep=…)`), in date order (`Columns.in_order`).
    postings: Columns = field(default_factory=lambda: Columns.of(()))


class TryggError(Exception):
    """trygg could not run as asked: a missing file, an unreadable path. Bad data is a Problem.

    Like a problem, it carries a reason and figures, put into words at the edge; `code` is what
    a script reads (`{"ok": false, "error": {"code", "message"}}`)."""

    def __init__(self, reason: str, code: str | None = None, **figures: Any) -> None:
        super().__init__(reason, figures)
        self.reason = reason
        self.code = code or reason
        self.figures = figures
