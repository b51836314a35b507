"""A year's budget month by month as the accounting system takes it: SIE 4 `#PBUDGET` rows.

Each line of the budget is booked on one account (its `match`'s `konto` where that names one,
else the package's, else `--account`) and on the objects its `match` names one code of (one
per dimension; the line's code where the package names the same dimension). As SIE 4B says of
period budgets in type 3 files, each account and month has a row for the account as a whole
(`{}`: every line on the account) and one row for each single object (`{6 "2101"}`: the lines on
the account that carry it), never a combination of objects; a row of 0 is left out. Amounts in
kronor, exact to the öre (`periods.budget_months`). The dimensions' numbers are the standard's
for its own names, a number as written, or what `--dimension NAME=N` or an export (`--like`)
says. Names for `#KONTO`, `#DIM` and `#OBJEKT` come from that export, else from the year file.

Rows of data only: `render.sie` writes them as PC8 bytes.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from trygg_cli import rules
from trygg_cli.exports.sie import STANDARD_DIMENSIONS
from trygg_cli.model import Budget, Criterion, Item, Problem, Source, TryggError

Objects = tuple[tuple[str, str], ...]  # (dimension number, code) pairs; () for the account as a whole


@dataclass(frozen=True, slots=True)
class BudgetRow:
    """One `#PBUDGET` row: an account, a month (1–12), its object (none, or one), kronor."""

    account: str
    month: int
    objects: Objects
    amount: Decimal


@dataclass(frozen=True, slots=True)
class SieBudget:
    """What an SIE budget file holds: the year, the company's name, the names to declare
    (`accounts` only from an export; `dimensions` outside the standard's, or from an export;
    `objects` by dimension and code), the rows, and notes on what was left out or changed."""

    year: int
    name: str
    accounts: dict[str, str]
    dimensions: dict[str, str]
    objects: dict[tuple[str, str], str]
    rows: tuple[BudgetRow, ...]
    notes: tuple[Problem, ...]


# What PC8 lacks but has a plain form of: dashes and minus signs, curly quotes, spaces.
_PLAIN = str.maketrans(
    {
        **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212", "-"),
        **dict.fromkeys("\u2018\u2019\u201a\u201b\u2032", "'"),
        **dict.fromkeys("\u201c\u201d\u201e\u201f\u2033", '"'),
        **dict.fromkeys("\u00a0\u202f\u2009", " "),
    }
)


def pc8(text: str) -> str:
    """`text` as PC8 can hold it: dashes and curly quotes plain, any other character it lacks `?`."""
    plain = text.translate(_PLAIN)
    return plain.encode("cp437", "replace").decode("cp437")


_STANDARD = {name: number for number, names in STANDARD_DIMENSIONS.items() for name in names}


def dimension_numbers(asked: Sequence[str]) -> dict[str, str]:
    """`--dimension NAME=N` options, by the name folded; refused where one is not NAME=N."""
    found: dict[str, str] = {}
    for written in asked:
        name, _, number = written.partition("=")
        if not name.strip() or not number.strip().isdigit():
            raise TryggError("sie-bad-dimension", value=written)
        found[name.strip().casefold()] = number.strip()
    return found


@dataclass(frozen=True, slots=True)
class Export:
    """What an SIE export's head declares: accounts, dimensions (by name folded: number; by
    number: name) and objects (by dimension and code: name)."""

    accounts: dict[str, str]
    numbers: dict[str, str]
    names: dict[str, str]
    objects: dict[tuple[str, str], str]


_RECORD = re.compile(rb"^[ \t]*#(KONTO|DIM|OBJEKT)[ \t]+(.*?)\r?$", re.MULTILINE)
_FIELD = re.compile(rb'"((?:[^"\\]|\\.)*)"|(\S+)')


def read_export(path: Path) -> Export:
    """The `#KONTO`, `#DIM` and `#OBJEKT` records of an SIE export (its vouchers are not read)."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise TryggError("cannot-read", path=path, why=error.strerror or str(error)) from None
    if not data.lstrip().startswith(b"#"):
        raise TryggError("not-sie", path=path)
    encoding = "cp437"
    if not data.isascii():
        try:
            data.decode("utf-8")
            encoding = "utf-8"
        except UnicodeDecodeError:
            encoding = "cp1252" if re.search(rb"^#FORMAT[ \t]+\"?(?:WINDOWS|ISO)", data, re.MULTILINE) else "cp437"
    accounts: dict[str, str] = {}
    numbers: dict[str, str] = {}
    names: dict[str, str] = {}
    objects: dict[tuple[str, str], str] = {}
    for label, rest in _RECORD.findall(data):
        fields = [
            re.sub(rb"\\(.)", rb"\1", quoted or bare).decode(encoding, "replace")
            for quoted, bare in _FIELD.findall(rest)
        ]
        if label == b"KONTO" and len(fields) >= 2:
            accounts[fields[0]] = fields[1]
        elif label == b"DIM" and len(fields) >= 2:
            numbers[fields[1].casefold()] = fields[0]
            names[fields[0]] = fields[1]
        elif label == b"OBJEKT" and len(fields) >= 3:
            objects[(fields[0], fields[1])] = fields[2]
    return Export(accounts, numbers, names, objects)


def sie_budget(
    budget: Budget,
    months: Sequence[Sequence[Decimal]],
    name: str,
    *,
    account: str | None = None,
    numbers: dict[str, str] | None = None,
    like: Path | None = None,
) -> SieBudget:
    """The budget's rows for the accounting system. Raises `TryggError` where a line has no
    account, or a dimension no number."""
    if account is not None and not account.isdigit():
        raise TryggError("sie-bad-account", value=account)
    export = read_export(like) if like is not None else None
    asked = dict(numbers or {})
    notes: list[Problem] = []
    path = budget.source.path if budget.source else "<budget>"
    package = {criterion.dimension.casefold(): criterion for criterion in budget.match}
    unknown: list[str] = []
    without: list[str] = []
    lines: list[tuple[str, Objects]] = []
    owners: dict[tuple[str, str], str] = {}
    spelled: dict[str, str] = {}
    for item in budget.items:
        where = item.source or Source(path, 1)
        criteria = {**package, **{criterion.dimension.casefold(): criterion for criterion in item.match}}
        konto = criteria.pop(rules.ACCOUNT, None)
        own = _single(konto)
        if own is None and konto is not None:
            figures = {"id": item.id, "codes": ", ".join(konto.codes), "account": account or ""}
            notes.append(Problem("sie", "sie.account-list", where, figures))
        booked = own or account
        if booked is None:
            without.append(item.id)
        objects = _objects(item, criteria, Dimensions(asked, export, unknown, spelled), notes, where)
        for key, number, code in objects:
            in_package = key in package and not any(c.dimension.casefold() == key for c in item.match)
            owners.setdefault((number, code), (budget.title or "") if in_package else item.name)
        found = sorted(((number, code) for _, number, code in objects), key=_object_order)
        lines.append((booked or "", tuple(found)))
    if unknown:
        raise TryggError("sie-unknown-dimension", dimension=unknown[0])
    if without:
        raise TryggError("sie-no-account", ids=", ".join(without))
    rows = _rows(lines, months)
    name = _safe(name, budget.title_source or Source(path, 1), "title", notes)
    owners = {obj: _safe(owner, _owner_source(budget, owner, path), owner, notes) for obj, owner in owners.items()}
    used_objects = sorted({obj for _, objects in lines for obj in objects}, key=_object_order)
    used_dimensions = sorted({number for number, _ in used_objects}, key=int)
    if export is not None:
        used_accounts = sorted({booked for booked, _ in lines}, key=int)
        accounts = {number: export.accounts[number] for number in used_accounts if number in export.accounts}
        dimensions = {number: export.names[number] for number in used_dimensions if number in export.names}
        names = {obj: export.objects.get(obj, owners[obj]) for obj in used_objects}
    else:
        accounts = {}
        dimensions = {number: spelled[number] for number in used_dimensions if number not in STANDARD_DIMENSIONS}
        names = {obj: owners[obj] for obj in used_objects}
    return SieBudget(budget.year, name, accounts, dimensions, names, rows, tuple(notes))


@dataclass(frozen=True, slots=True)
class Dimensions:
    """Where dimensions get their numbers (`--dimension`, an export), and what was found on the
    way: the dimensions with none, and each number's name as the year file spells it."""

    asked: dict[str, str]
    export: Export | None
    unknown: list[str]
    spelled: dict[str, str]


def _objects(
    item: Item, criteria: dict[str, Criterion], dimensions: Dimensions, notes: list[Problem], where: Source
) -> list[tuple[str, str, str]]:
    """A line's objects (its dimension as folded, the dimension's number, the code): each
    dimension it names one code of; a list or a prefix is left out with a note."""
    found = []
    for key, criterion in criteria.items():
        number = _number(key, dimensions.asked, dimensions.export)
        if number is None:
            if criterion.dimension not in dimensions.unknown:
                dimensions.unknown.append(criterion.dimension)
            continue
        code = _single(criterion)
        if code is None:
            figures = {"id": item.id, "dimension": criterion.dimension, "codes": ", ".join(criterion.codes)}
            notes.append(Problem("sie", "sie.object-list", where, figures))
            continue
        dimensions.spelled.setdefault(number, criterion.dimension)
        found.append((key, number, code))
    return found


def _safe(text: str, where: Source, what: str, notes: list[Problem]) -> str:
    """`text` in PC8, with a note where a character became `?`."""
    held = pc8(text)
    if held.count("?") > text.count("?"):
        notes.append(Problem("sie", "sie.not-pc8", where, {"text": text, "written": held}))
    return held


def _owner_source(budget: Budget, name: str, path: str) -> Source:
    """Where a name that names an object was written: the item's line, else the title's."""
    found = next((item.source for item in budget.items if item.name == name and item.source), None)
    return found or budget.title_source or Source(path, 1)


def _single(criterion: Criterion | None) -> str | None:
    """The one code a criterion names, or None (none, a list, a prefix)."""
    if criterion is None or len(criterion.codes) != 1 or criterion.codes[0].endswith(rules.PREFIX):
        return None
    return criterion.codes[0]


def _number(key: str, asked: dict[str, str], export: Export | None) -> str | None:
    """A dimension's SIE number: as written, asked for, the export's, or the standard's."""
    if key.isdigit():
        return key
    if key in asked:
        return asked[key]
    if export is not None and key in export.numbers:
        return export.numbers[key]
    return _STANDARD.get(key)


def _object_order(obj: tuple[str, str]) -> tuple[int, str]:
    return int(obj[0]), obj[1]


def _rows(lines: Sequence[tuple[str, Objects]], months: Sequence[Sequence[Decimal]]) -> tuple[BudgetRow, ...]:
    """Per account (by number) and month (in order): the account's row, then each object's."""
    sums: dict[tuple[str, int, Objects], Decimal] = {}
    for (account, objects), amounts in zip(lines, months, strict=True):
        for month, amount in enumerate(amounts, start=1):
            for key in ((), *((obj,) for obj in objects)):
                sums[(account, month, key)] = sums.get((account, month, key), Decimal(0)) + amount

    def order(key: tuple[str, int, Objects]) -> tuple[int, int, int, tuple[int, str]]:
        account, month, objects = key
        return int(account), month, len(objects), _object_order(objects[0]) if objects else (0, "")

    return tuple(BudgetRow(*key, sums[key]) for key in sorted(sums, key=order) if sums[key])
