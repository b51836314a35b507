"""A year file to a `Budget`, reading each value as the schema says it is meant.

Bad data comes back as problems, never raised: a file with several mistakes reports them
all. Only "could not run" (a missing or unreadable path) raises `TryggError`. The budget comes
back whenever the file gives a year, a unit, a total and items with ids and amounts, so diff
and show can still print it while the problems are reported beside it.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from trygg_cli import money, reader
from trygg_cli.model import Budget, Item, Problem, Source, TryggError, Unit
from trygg_cli.reader import Mapping, Node, Scalar, Sequence

if TYPE_CHECKING:
    from trygg_cli.reader import Parser

TOP_KEYS = ("year", "title", "unit", "total", "note", "items")
TOP_REQUIRED = ("year", "unit", "total", "items")
ITEM_KEYS = ("id", "name", "amount", "note")
ITEM_REQUIRED = ("id", "name", "amount")

ID_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
YEAR_PATTERN = re.compile(r"[0-9]{4}")


@dataclass(frozen=True, slots=True)
class Loaded:
    """What reading one file gave: the budget if it loads, and every problem found."""

    path: str
    budget: Budget | None
    problems: tuple[Problem, ...]


def load_file(path: Path | str, parser: Parser | None = None) -> Loaded:
    """Read and load one budget file. Raises `TryggError` only if it cannot be read at all.

    Naming a YAML `parser` reads the file with it, never with the fast regular reader."""
    name = str(path)
    size = _size(Path(path))
    if size > reader.MAX_FILE_BYTES:
        limit = reader.MAX_FILE_BYTES // 1024 // 1024
        message = f"file is {size / 1024 / 1024:.1f} MiB; trygg reads budget files of at most {limit} MiB"
        return Loaded(name, None, (Problem("too-large", message, Source(name, 1)),))
    try:
        data = Path(path).read_bytes()
    except OSError as error:
        raise _cannot_read(path, error) from None
    budget, problems = load_bytes(data, name, parser, regular=parser is None)
    return Loaded(name, budget, tuple(problems))


def _size(path: Path) -> int:
    try:
        status = path.stat()
    except OSError as error:
        raise _cannot_read(path, error) from None
    if path.is_dir():
        raise TryggError(f"{path}: is a directory, not a budget file")
    return status.st_size


def _cannot_read(path: Path | str, error: OSError) -> TryggError:
    if isinstance(error, FileNotFoundError):
        return TryggError(f"{path}: no such file")
    reason = os.strerror(error.errno) if error.errno else str(error)
    return TryggError(f"{path}: cannot read it ({reason.lower()})")


def load_bytes(
    data: bytes, path: str, parser: Parser | None = None, *, regular: bool = True
) -> tuple[Budget | None, list[Problem]]:
    """Load a budget from a file's bytes; `path` is only for the problems' locations.

    A file in the regular layout is read by the fast reader in `regular`, which gives the same
    budget or declines (`regular=False` skips it; the tests compare the two)."""
    text, problems = reader.decode(data, path)
    if text is None or problems:
        return None, problems
    if regular:
        from trygg_cli.regular import read_regular

        budget = read_regular(text, path)
        if budget is not None:
            return budget, []
    root, problems = reader.parse(text, path, parser)
    if problems and root is None:
        return None, problems
    if root is None:
        return None, [Problem("schema", "file is empty; a budget needs year, unit, total and items", Source(path, 1))]
    schema = _Schema(path)
    budget = schema.budget(root)
    return budget, problems + schema.problems


class _Schema:
    """Reads a node tree as a budget, one value at a time, noting every problem it meets."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.problems: list[Problem] = []

    def problem(self, code: str, message: str, node: Node | Scalar) -> None:
        self.problems.append(Problem(code, message, Source(self.path, node.line, node.column)))

    def budget(self, root: Node) -> Budget | None:
        if not isinstance(root, Mapping):
            self.problem(
                "schema", f"a budget file is a mapping with year, unit, total and items, not {_kind(root)}", root
            )
            return None
        fields = self.fields(root, TOP_KEYS, TOP_REQUIRED, "the file")
        year = self.year(fields["year"]) if "year" in fields else None
        unit = self.unit(fields["unit"]) if "unit" in fields else None
        total = self.amount(fields["total"], unit, "total") if "total" in fields else None
        items = self.items(fields["items"], unit) if "items" in fields else None
        title = self.text(fields["title"], "title") if "title" in fields else None
        note = self.text(fields["note"], "note") if "note" in fields else None
        if year is None or unit is None or total is None or items is None:
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
        )

    def source(self, node: Node) -> Source:
        return Source(self.path, node.line, node.column)

    def fields(
        self, mapping: Mapping, allowed: tuple[str, ...], required: tuple[str, ...], where: str
    ) -> dict[str, Node]:
        """The mapping's values by key: the first of repeated keys, none of the unknown ones."""
        found: dict[str, Node] = {}
        first_line: dict[str, int] = {}
        previous: tuple[str, Node] | None = None
        meant: set[str] = set()  # keys an unknown key looks like a misspelling of
        for key, value in mapping.pairs:
            if previous and isinstance(key, Scalar) and self.split_decimal(previous, key, found):
                continue
            previous = (key.value, value) if isinstance(key, Scalar) else None
            if not isinstance(key, Scalar):
                self.problem("schema", f"a key must be text, not {_kind(key)}", key)
                continue
            if key.broken:
                continue
            name = key.value
            if name in first_line:
                self.problem(
                    "duplicate-key", f"key {name!r} is repeated; the first, on line {first_line[name]}, is used", key
                )
                continue
            first_line[name] = key.line
            if name not in allowed:
                import difflib

                close = difflib.get_close_matches(name, allowed, n=1)
                hint = f"did you mean {close[0]!r}? " if close else ""
                self.problem("schema", f"unknown key {name!r} in {where}; {hint}allowed: {', '.join(allowed)}", key)
                meant.update(close)
                continue
            found[name] = value
        for name in required:
            if name not in found and name not in first_line and name not in meant:
                self.problem("schema", f"{where} has no {name!r}; it needs {', '.join(required)}", mapping)
        return found

    def split_decimal(self, previous: tuple[str, Node], key: Scalar, found: dict[str, Node]) -> bool:
        """`{amount: 0,8}` reads as amount 0 and a key 8: say it is a decimal comma, and drop the 0."""
        name, value = previous
        if not (
            name in ("amount", "total")
            and key.value.isdigit()
            and not key.quoted
            and isinstance(value, Scalar)
            and value.value.isdigit()
            and not value.quoted
        ):
            return False
        written = f"{value.value},{key.value}"
        self.problem(
            "amount", f"{name} {written} has a decimal comma; write it with a point: {value.value}.{key.value}", value
        )
        found.pop(name, None)
        return True

    def scalar(self, node: Node, what: str) -> Scalar | None:
        if isinstance(node, Scalar):
            return None if node.broken else node
        self.problem("schema", f"{what} must be a single value, not {_kind(node)}", node)
        return None

    def text(self, node: Node, what: str) -> str | None:
        scalar = self.scalar(node, what)
        if scalar is None:
            return None
        if scalar.value.strip() == "":
            self.problem("schema", f"{what} is empty", scalar)
            return None
        return scalar.value

    def year(self, node: Node) -> int | None:
        scalar = self.scalar(node, "year")
        if scalar is None:
            return None
        if YEAR_PATTERN.fullmatch(scalar.value) and not scalar.quoted:
            return int(scalar.value)
        if YEAR_PATTERN.fullmatch(scalar.value):
            self.problem(
                "schema", f'year is written as text ("{scalar.value}"); write it without quotes: {scalar.value}', scalar
            )
        else:
            self.problem("schema", f"year must be a four-digit year such as 2021, not {scalar.value!r}", scalar)
        return None

    def unit(self, node: Node) -> Unit | None:
        scalar = self.scalar(node, "unit")
        if scalar is None:
            return None
        try:
            return Unit(scalar.value)
        except ValueError:
            hint = f"; did you mean {scalar.value.lower()}?" if scalar.value.lower() in {u.value for u in Unit} else ""
            self.problem("schema", f"unit must be kr, tkr or mkr, not {scalar.value!r}{hint}", scalar)
            return None

    def amount(self, node: Node, unit: Unit | None, what: str) -> Decimal | None:
        """An amount in kronor, or none if it is not a number (negative and sub-öre ones are kept)."""
        scalar = self.scalar(node, what)
        if scalar is None:
            return None
        value, message = money.read_amount(scalar.value, scalar.quoted)
        if message:
            self.problem("amount", message.replace("amount", what, 1), scalar)
        if value is None or unit is None:
            return None
        kronor = value * unit.kronor
        trouble = money.kronor_problem(kronor, scalar.value.strip(), unit)
        if trouble:
            self.problem("amount", trouble.replace("amount", what, 1), scalar)
            if abs(kronor) >= money.MAX_KRONOR:
                return None
        return kronor

    def items(self, node: Node, unit: Unit | None) -> tuple[Item, ...] | None:
        if not isinstance(node, Sequence):
            self.problem(
                "schema", f"items must be a list of items (each line starting with -), not {_kind(node)}", node
            )
            return None
        items = [self.item(entry, unit) for entry in node.items]
        if any(item is None for item in items):
            return None
        return tuple(item for item in items if item is not None)

    def item(self, node: Node, unit: Unit | None) -> Item | None:
        if not isinstance(node, Mapping):
            self.problem("schema", f"an item must be a mapping with id, name and amount, not {_kind(node)}", node)
            return None
        fields = self.fields(node, ITEM_KEYS, ITEM_REQUIRED, "this item")
        item_id = self.item_id(fields["id"]) if "id" in fields else None
        name = self.text(fields["name"], "name") if "name" in fields else None
        amount = self.amount(fields["amount"], unit, "amount") if "amount" in fields else None
        note = self.text(fields["note"], "note") if "note" in fields else None
        if item_id is None or amount is None:
            return None
        return Item(id=item_id, name=name or item_id, amount=amount, note=note, source=self.source(fields["id"]))

    def item_id(self, node: Node) -> str | None:
        value = self.text(node, "id")
        if value is not None and not ID_PATTERN.fullmatch(value):
            suggestion = _slug(value)
            hint = f"; for example {suggestion!r}" if suggestion else ""
            self.problem(
                "schema", f"id {value!r} is not a slug: use lowercase a-z, digits and single hyphens{hint}", node
            )
        return value


def _kind(node: Node) -> str:
    if isinstance(node, Mapping):
        return "a mapping"
    if isinstance(node, Sequence):
        return "a list"
    return f"the value {node.value!r}"


_FOLD = str.maketrans({"å": "a", "ä": "a", "ö": "o", "é": "e", "ü": "u"})


def _slug(text: str) -> str:
    folded = text.lower().translate(_FOLD)
    return "-".join(re.findall(r"[a-z0-9]+", folded))
