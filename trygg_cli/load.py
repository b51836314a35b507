"""A year file to a `Budget`, reading each value as the schema says it is meant.

Bytes in, a budget and its problems out: reading a file from disk (and its size limit) is
`targets`'. Bad data comes back as problems, never raised: a file with several mistakes reports
them all. The budget comes back whenever the file gives a year, a unit, a total and items with
ids and amounts, so diff and show can still print it while the problems are reported beside it.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import replace
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from trygg_cli import money, reader, slips
from trygg_cli.model import Amendment, Budget, Criterion, Item, Loaded, Match, Months, Move, Problem, Source, Unit
from trygg_cli.reader import MappingNode, Node, ScalarNode, SequenceNode
from trygg_cli.regular import read_regular
from trygg_cli.rules import (
    CHANGE_KEYS,
    CHANGE_REQUIRED,
    ID_PATTERN,
    ITEM_KEYS,
    ITEM_REQUIRED,
    MONTHS,
    PREFIX,
    TOP_KEYS,
    TOP_REQUIRED,
    YEAR_PATTERN,
)

if TYPE_CHECKING:
    from trygg_cli.reader import Parser


def load_data(data: bytes, path: str, rev: str | None = None) -> Loaded:
    """What loading a file's bytes gives; bytes read at a git revision point their problems at
    `path@rev`."""
    budget, problems = load_bytes(data, f"{path}@{rev}" if rev else path)
    return Loaded(path, budget, tuple(problems), rev)


def load_bytes(
    data: bytes, path: str, parser: Parser | None = None, *, regular: bool = True
) -> tuple[Budget | None, list[Problem]]:
    """Load a budget from a file's bytes; `path` is only for the problems' locations.

    A file in the regular layout is read by the fast reader in `regular`, which gives the same
    budget or declines (`regular=False` skips it; the tests compare the two)."""
    text, problems = reader.decode(data, path)
    if text is None or problems:
        return None, problems
    conflict = slips.merge_conflict(text, path)
    if conflict is not None:
        return None, [conflict]
    if regular:
        head, block = _changes_apart(text)
        budget = read_regular(head, path)
        if budget is not None and block is None:
            return budget, []
        if budget is not None and block is not None:
            read = _changes_alone(block, path, budget)
            if read is not None:
                return read
    root, problems = reader.parse(text, path, parser)
    if problems and root is None:
        return None, slips.explain(text, problems)
    if root is None:
        return None, [Problem("schema", "empty-file", Source(path, 1))]
    budget_reader = _BudgetReader(path)
    budget = budget_reader.budget(root)
    return budget, slips.explain(text, problems + budget_reader.problems)


_CHANGES_BLOCK = re.compile(r"^changes:[^\n]*\n(?:(?:[ #][^\n]*)?\n)*", re.MULTILINE)


def _changes_apart(text: str) -> tuple[str, str | None]:
    """A file with a top-level `changes:` block, as the file without it (its lines left blank, so
    every other line keeps its number) and the block (after as many blank lines as precede it)."""
    found = list(_CHANGES_BLOCK.finditer(text)) if "\nchanges:" in text else []
    if len(found) != 1:
        return text, None
    start, end = found[0].span()
    lines = text.count("\n", start, end)
    before = text.count("\n", 0, start)
    return text[:start] + "\n" * lines + text[end:], "\n" * before + text[start:end]


def _changes_alone(block: str, path: str, budget: Budget) -> tuple[Budget, list[Problem]] | None:
    """A regular file's budget with its `changes` block read by the full reader (a year of many
    lines and many changes reads its lines fast); None where the block is not a plain mapping."""
    root, problems = reader.parse(block, path, None)
    if problems or not isinstance(root, MappingNode) or len(root.pairs) != 1:
        return None
    budget_reader = _BudgetReader(path)
    changes = budget_reader.changes(root.pairs[0][1], budget.unit, budget.year)
    return replace(budget, changes=changes), slips.explain(block, budget_reader.problems)


class _BudgetReader:
    """Reads a node tree as a budget, one value at a time, noting every problem it meets."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.problems: list[Problem] = []
        self.missing_dash = False  # an item ran into the next: no budget, rather than a wrong one

    def problem(self, code: str, reason: str, node: Node, **figures: Any) -> None:
        self.problems.append(Problem(code, reason, Source(self.path, node.line, node.column), figures))

    def budget(self, root: Node) -> Budget | None:
        if not isinstance(root, MappingNode):
            self.problem("schema", "file-not-mapping", root, **_found(root))
            return None
        fields = self.fields(root, TOP_KEYS, TOP_REQUIRED, "file")
        year = self.year(fields["year"]) if "year" in fields else None
        unit = self.unit(fields["unit"]) if "unit" in fields else None
        total = self.amount(fields["total"], unit, "total") if "total" in fields else None
        items = self.items(fields["items"], unit, year) if "items" in fields else None
        title = self.text(fields["title"], "title") if "title" in fields else None
        note = self.text(fields["note"], "note") if "note" in fields else None
        match = self.match(fields["match"]) if "match" in fields else ()
        months = self.months(fields["months"]) if "months" in fields else None
        changes = self.changes(fields["changes"], unit, year) if "changes" in fields else ()
        if year is None or unit is None or total is None or items is None or self.missing_dash:
            return None
        return Budget(
            year=year,
            unit=unit,
            total=total,
            items=items,
            title=title,
            note=note,
            source=Source(self.path, 1, 1),
            year_source=self.source(fields["year"]),
            total_source=self.source(fields["total"]),
            title_source=self.source(fields["title"]) if title is not None else None,
            match=match,
            months=months,
            changes=changes,
        )

    def source(self, node: Node) -> Source:
        return Source(self.path, node.line, node.column)

    def fields(
        self, mapping: MappingNode, allowed: tuple[str, ...], required: tuple[str, ...], place: str
    ) -> dict[str, Node]:
        """The mapping's values by key: the first of repeated keys, none of the unknown ones."""
        found: dict[str, Node] = {}
        first_line: dict[str, int] = {}
        previous: tuple[str, Node] | None = None
        meant: set[str] = set()  # keys an unknown key looks like a misspelling of
        for key, value in mapping.pairs:
            if previous and isinstance(key, ScalarNode) and self.split_decimal(previous, key, found):
                continue
            previous = (key.value, value) if isinstance(key, ScalarNode) else None
            if not isinstance(key, ScalarNode):
                self.problem("schema", "key-not-text", key, **_found(key))
                continue
            if key.broken:
                continue
            name = key.value
            repeated_below = name in first_line and key.line > first_line[name]
            if name == "id" and place == "item" and repeated_below and isinstance(value, ScalarNode):
                # An item's keys, then an id again: the next item, without its "- ".
                self.problem("schema", "missing-dash", key, fixed=f"- id: {value.value}")
                self.missing_dash = True
                break
            if name in first_line:
                self.problem("duplicate-key", "duplicate-key", key, key=name, first_line=first_line[name])
                continue
            first_line[name] = key.line
            if name not in allowed:
                import difflib

                close = [known for known in allowed if known == name.lower()]  # `Amount:` means amount
                close = close or difflib.get_close_matches(name, allowed, n=1)
                meaning = close[0] if close else None
                self.problem("schema", "unknown-key", key, key=name, place=place, meant=meaning, allowed=allowed)
                meant.update(close)
                continue
            found[name] = value
        for name in required:
            if name not in found and name not in first_line and name not in meant:
                self.problem("schema", "missing-key", mapping, key=name, place=place, required=required)
        return found

    def split_decimal(self, previous: tuple[str, Node], key: ScalarNode, found: dict[str, Node]) -> bool:
        """`{amount: 0,8}` reads as amount 0 and a key 8: say it is a decimal comma, and drop the 0."""
        name, value = previous
        if not (
            name in ("amount", "total")
            and key.value.isdigit()
            and not key.quoted
            and isinstance(value, ScalarNode)
            and value.value.isdigit()
            and not value.quoted
        ):
            return False
        written, fixed = f"{value.value},{key.value}", f"{value.value}.{key.value}"
        self.problem("amount", "decimal-comma", value, what=name, shown=written, fixed=fixed)
        found.pop(name, None)
        return True

    def scalar(self, node: Node, what: str) -> ScalarNode | None:
        if isinstance(node, ScalarNode):
            return None if node.broken else node
        self.problem("schema", "not-single-value", node, what=what, **_found(node))
        return None

    def text(self, node: Node, what: str) -> str | None:
        scalar = self.scalar(node, what)
        if scalar is None:
            return None
        if scalar.value.strip() == "":
            self.problem("schema", "empty-value", scalar, what=what)
            return None
        return scalar.value

    def year(self, node: Node) -> int | None:
        scalar = self.scalar(node, "year")
        if scalar is None:
            return None
        if YEAR_PATTERN.fullmatch(scalar.value) and not scalar.quoted:
            return int(scalar.value)
        if YEAR_PATTERN.fullmatch(scalar.value):
            self.problem("schema", "year-quoted", scalar, value=scalar.value)
        else:
            self.problem("schema", "bad-year", scalar, value=scalar.value)
        return None

    def unit(self, node: Node) -> Unit | None:
        scalar = self.scalar(node, "unit")
        if scalar is None:
            return None
        try:
            return Unit(scalar.value)
        except ValueError:
            lower = scalar.value.lower()
            meaning = lower if lower in {unit.value for unit in Unit} else None
            self.problem("schema", "bad-unit", scalar, value=scalar.value, meant=meaning)
            return None

    def amount(self, node: Node, unit: Unit | None, what: str) -> Decimal | None:
        """An amount in kronor, or none if it is not a number (negative and sub-öre ones are kept)."""
        scalar = self.scalar(node, what)
        if scalar is None:
            return None
        value, why = money.read_amount(scalar.value, scalar.quoted)
        if why and why[0] == "spaced-thousands" and unit is not None and unit is not Unit.KR:
            # 500 000 in an mkr file: kronor written out, or 500 000 mkr? Both readings, with their fix.
            in_unit = Decimal(why[1]["fixed"]) / unit.kronor
            self.problem("amount", "spaced-thousands-unit", scalar, what=what, unit=unit, in_unit=in_unit, **why[1])
        elif why:
            self.problem("amount", why[0], scalar, what=what, **why[1])
        if value is None or unit is None:
            return None
        kronor = value * unit.kronor
        trouble = money.kronor_problem(kronor, scalar.value.strip(), unit)
        if trouble:
            self.problem("amount", trouble[0], scalar, what=what, **trouble[1])
            if abs(kronor) >= money.MAX_KRONOR:
                return None
        return kronor

    def items(self, node: Node, unit: Unit | None, year: int | None) -> tuple[Item, ...] | None:
        if not isinstance(node, SequenceNode):
            self.problem("schema", "items-not-list", node, **_found(node))
            return None
        items = [self.item(entry, unit, year) for entry in node.items]
        if any(item is None for item in items):
            return None
        return tuple(item for item in items if item is not None)

    def item(self, node: Node, unit: Unit | None, year: int | None) -> Item | None:
        if not isinstance(node, MappingNode):
            self.problem("schema", "item-not-mapping", node, **_found(node))
            return None
        fields = self.fields(node, ITEM_KEYS, ITEM_REQUIRED, "item")
        item_id = self.item_id(fields["id"]) if "id" in fields else None
        name = self.text(fields["name"], "name") if "name" in fields else None
        amount = self.amount(fields["amount"], unit, "amount") if "amount" in fields else None
        note = self.text(fields["note"], "note") if "note" in fields else None
        match = self.match(fields["match"]) if "match" in fields else ()
        forecast, forecasts = self.forecast(fields["forecast"], unit, year) if "forecast" in fields else (None, ())
        months = self.months(fields["months"]) if "months" in fields else None
        start = self.day(fields["start"], year, "start") if "start" in fields else None
        end = self.day(fields["end"], year, "end") if "end" in fields else None
        if start is not None and end is not None and start > end:
            self.problem("period", "start-after-end", fields["start"], start=start, end=end)
            start = end = None
        if item_id is None or amount is None:
            return None
        source = self.source(fields["id"])
        return Item(item_id, name or item_id, amount, note, source, match, forecast, forecasts, months, start, end)

    def months(self, node: Node) -> Months | None:
        """`months: [1, 1, 1, 1, 1, 1, 0.5, 1, 1, 1, 1, 1]`: twelve numbers of 0 or more, January
        first, not all 0; each month's share of an amount is in proportion to its number."""
        if not isinstance(node, SequenceNode):
            self.problem("months", "months-not-list", node, **_found(node))
            return None
        if len(node.items) != MONTHS:
            self.problem("months", "months-not-twelve", node, count=len(node.items))
            return None
        weights: list[Decimal] = []
        for entry in node.items:
            plain = isinstance(entry, ScalarNode) and not entry.broken and not entry.quoted
            written = entry.value.strip() if isinstance(entry, ScalarNode) and plain else None
            found = _WEIGHT.fullmatch(written) if written is not None else None
            if found is None:
                self.problem("months", "months-not-number", entry, **_found(entry))
            elif written is not None and written.startswith("-") and Decimal(written) != 0:
                self.problem("months", "months-negative", entry, value=written)
            else:
                weights.append(abs(Decimal(written or "0")))
        if len(weights) != MONTHS:
            return None
        if not any(weights):
            self.problem("months", "months-all-zero", node)
            return None
        return tuple(weights)

    def day(self, node: Node, year: int | None, what: str, code: str = "period") -> date | None:
        """A date of the year, written YYYY-MM-DD (quoted or not)."""
        scalar = self.scalar(node, what)
        if scalar is None:
            return None
        written = scalar.value.strip()
        found = _DATE.fullmatch(written)
        if found is None:
            self.problem(code, "bad-date", scalar, what=what, value=written)
            return None
        number, month, day = (int(part) for part in found.groups())
        if not 1 <= month <= MONTHS:
            self.problem(code, "bad-date", scalar, what=what, value=written)
            return None
        days = calendar.monthrange(number, month)[1]
        if not 1 <= day <= days:
            self.problem(code, "no-such-date", scalar, what=what, value=written, month=month, days=days)
            return None
        if year is not None and number != year:
            self.problem(code, "date-outside-year", scalar, what=what, value=written, year=year)
            return None
        return date(number, month, day)

    def changes(self, node: Node, unit: Unit | None, year: int | None) -> tuple[Amendment, ...]:
        """`changes:` the budget changes decided during the year, each with its date, decision and
        moves; a change that cannot be read is left out (its problems say why)."""
        if not isinstance(node, SequenceNode):
            self.problem("schema", "changes-not-list", node, **_found(node))
            return ()
        found: list[Amendment] = []
        for entry in node.items:
            if not isinstance(entry, MappingNode):
                self.problem("schema", "change-not-mapping", entry, **_found(entry))
                continue
            fields = self.fields(entry, CHANGE_KEYS, CHANGE_REQUIRED, "change")
            day = self.day(fields["date"], year, "date", "change-date") if "date" in fields else None
            decision = self.text(fields["decision"], "decision") if "decision" in fields else None
            moves = self.moves(fields["moves"], unit) if "moves" in fields else None
            total = self.amount(fields["total"], unit, "total") if "total" in fields else None
            note = self.text(fields["note"], "note") if "note" in fields else None
            if day is None or decision is None or moves is None or ("total" in fields and total is None):
                continue
            key = next(key for key, value in entry.pairs if value is fields["moves"])  # the `moves:` line
            found.append(Amendment(day, decision, moves, total, note, self.source(entry), self.source(key)))
        return tuple(found)

    def moves(self, node: Node, unit: Unit | None) -> tuple[Move, ...] | None:
        """`moves: {sspf: +0.3, lokala-arbetsgrupper: -0.3}`: each item's signed amount."""
        if not isinstance(node, MappingNode) or not node.pairs:
            self.problem("schema", "moves-not-mapping", node, **_found(node))
            return None
        moves: list[Move] = []
        first_line: dict[str, int] = {}
        whole = True
        for key, value in node.pairs:
            if not isinstance(key, ScalarNode) or key.broken or not key.value.strip():
                self.problem("schema", "key-not-text", key, **_found(key))
                whole = False
                continue
            if key.value in first_line:
                self.problem("duplicate-key", "duplicate-key", key, key=key.value, first_line=first_line[key.value])
                whole = False
                continue
            first_line[key.value] = key.line
            amount = self.signed(value, unit)
            if amount is None:
                whole = False
                continue
            moves.append(Move(key.value, amount, self.source(key)))
        return tuple(moves) if whole else None

    def signed(self, node: Node, unit: Unit | None) -> Decimal | None:
        """A move's amount in kronor: + or - (or neither) and a number in the file's unit."""
        scalar = self.scalar(node, "move")
        if scalar is None:
            return None
        value, why = money.read_amount(scalar.value, scalar.quoted)
        if why is not None and why[0] not in ("amount-negative", "amount-sign"):
            self.problem("amount", why[0], scalar, what="move", **why[1])
            return None
        if value is None or unit is None:
            return None
        kronor = value * unit.kronor
        trouble = money.kronor_problem(kronor, scalar.value.strip(), unit)
        if trouble:
            self.problem("amount", trouble[0], scalar, what="move", **trouble[1])
            return None
        return kronor

    def forecast(
        self, node: Node, unit: Unit | None, year: int | None
    ) -> tuple[Decimal | None, tuple[tuple[date, Decimal], ...]]:
        """An officer's own forecast for the year (`forecast: 0.13`), or forecasts by the date they
        were made (`forecast: {2021-04-30: 0.13, 2021-08-31: 0.15}`), in date order."""
        if not isinstance(node, MappingNode):
            return self.amount(node, unit, "forecast"), ()
        if not node.pairs:
            self.problem("forecast", "forecast-empty", node)
        dated: dict[date, Decimal] = {}
        for key, value in node.pairs:
            day = self.day(key, year, "forecast")
            amount = self.amount(value, unit, "forecast")
            if day is not None and day in dated:
                self.problem("duplicate-key", "duplicate-key", key, key=day.isoformat(), first_line=node.line)
            elif day is not None and amount is not None:
                dated[day] = amount
        return None, tuple(sorted(dated.items()))

    def match(self, node: Node) -> Match:
        """`{ansvar: "3100", projekt: [1203, 1204]}`: each dimension's codes, as text however
        written (`3100` is the code "3100")."""
        if not isinstance(node, MappingNode) or not node.pairs:
            self.problem("schema", "match-not-mapping", node, **_found(node))
            return ()
        criteria: list[Criterion] = []
        seen: set[str] = set()
        for key, value in node.pairs:
            if not isinstance(key, ScalarNode) or key.broken or not key.value.strip():
                self.problem("schema", "match-key", key, **_found(key))
                continue
            dimension = key.value.strip()
            if dimension.casefold() in seen:
                self.problem("duplicate-key", "match-repeated", key, key=dimension)
                continue
            seen.add(dimension.casefold())
            entries = value.items if isinstance(value, SequenceNode) else [value]
            codes = [entry.value.strip() for entry in entries if isinstance(entry, ScalarNode) and not entry.broken]
            if (
                not entries
                or len(codes) != len(entries)
                or not all(codes)
                or any(PREFIX in code[:-1] for code in codes)
            ):
                self.problem("schema", "match-codes", value, dimension=dimension, **_found(value))
                continue
            criteria.append(Criterion(dimension, tuple(codes), self.source(key)))
        return tuple(criteria)

    def item_id(self, node: Node) -> str | None:
        value = self.text(node, "id")
        if value is not None and not ID_PATTERN.fullmatch(value):
            self.problem("schema", "id-not-slug", node, value=value, suggestion=_slug(value) or None)
        return value


_WEIGHT = re.compile(r"-?[0-9]+(?:\.[0-9]+)?")
_DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")


def _found(node: Node) -> dict[str, Any]:
    """What a node is, for a message that says what was found instead."""
    if isinstance(node, MappingNode):
        return {"found": "mapping"}
    if isinstance(node, SequenceNode):
        return {"found": "list"}
    return {"found": "value", "value": node.value}


_FOLD = str.maketrans({"å": "a", "ä": "a", "ö": "o", "é": "e", "ü": "u"})


def _slug(text: str) -> str:
    folded = text.lower().translate(_FOLD)
    return "-".join(re.findall(r"[a-z0-9]+", folded))
