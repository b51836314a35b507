"""A fast reader for budget files in the regular layout: one `key: value` per line.

Budget files come in the plainest layout YAML has: top-level keys, then `items:` with one
`- id: …` line per item and its other keys below it, and now and then a note folded over
several lines with `>-`. Such a file is read here straight into a `Budget`, without a YAML
parser: a run of same-shaped items by a regular expression each, the rest line by line.

The rule that keeps this safe: this reader either returns exactly the budget the full reader
(`reader` + `load`) would return with no problems, or it returns None and the full reader runs.
It accepts only lines whose meaning in YAML is beyond doubt (plain values; no quotes, flow,
anchors, tags, comments after a value, tabs or continuation lines; `>-` only with lines indented
alike and no blank lines) and only values that load without a problem. Anything else, however
harmless, goes the long way round. tests/test_regular.py holds the two readers to the same
budgets on the shipped data, the bad-input catalogue and generated and mutated files.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from trygg_cli import money, rules
from trygg_cli.model import Budget, Item, Source, Unit
from trygg_cli.rules import ID_PATTERN, ITEM_REQUIRED, TOP_REQUIRED, YEAR_PATTERN
from trygg_cli.rules import PLAIN_ITEM_KEYS as ITEM_KEYS
from trygg_cli.rules import PLAIN_TOP_KEYS as TOP_KEYS

# Characters YAML may read otherwise anywhere on a line: tabs, and line breaks Python does not
# split on the same way. (Quotes, brackets, & * ! | > % @ mean something only where a value
# starts, and `_INDICATORS` turns those away.)
_IRREGULAR = ("\t", "\u2028", "\u2029", "\ufeff", "\x85")
# A plain value may not start with these.
_INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@`")
_NUMBER = money.PLAIN_NUMBER  # the same numbers the full reader accepts
_UNITS = {unit.value: unit for unit in Unit}


class _Irregular(Exception):
    """The file is not in the regular layout, or would give a problem: let the full reader judge."""


def read_regular(text: str, path: str) -> Budget | None:
    """The budget, if `text` is a regular budget file that loads without a problem; else None."""
    if any(character in text for character in _IRREGULAR):
        return None
    if "\r" in text:
        # Windows line ends: without their "\r" every line keeps its number and every value its
        # column, and a run of items can be read at once. A "\r" on its own breaks a line too
        # (in "\r\r\n", twice): then `_Lines` reads the file as it is, line by line.
        unix = text.replace("\r\n", "\n")
        text = text if "\r" in unix else unix
    try:
        return _Lines(path).read(text)
    except _Irregular:
        return None


Field = tuple[str, int, int]  # a value as written, with its 1-based line and column

# One line of the regular layout: indentation, "- " where an item begins, a key, a plain value.
_LINE = re.compile(r"( *)(- )?([a-z]+):(?: +(.*?))? *")
_BLANK_OR_COMMENT = re.compile(r" *(?:#.*)?")


@dataclass(frozen=True, slots=True)
class _Run:
    """Items right after `items:` that all have the first one's shape: the same indentation, the
    same keys in the same order, one space after each colon, values `load` takes as they are.

    A regular expression checks each item, item after item; the values are then sliced out of
    its lines by position."""

    indent: str
    keys: tuple[str, ...]
    lines: list[str]  # the run's lines, `len(keys)` to an item
    first: int  # the line number of the first item

    @property
    def end(self) -> int:
        return self.first + len(self.lines)

    def items(self, path: str, unit: Unit) -> list[Item]:
        keys, step = self.keys, len(self.keys)
        columns = {key: self.values(number) for number, key in enumerate(keys)}
        notes: list[str | None] = list(columns["note"]) if "note" in columns else [None] * len(columns["id"])
        column = len(self.indent) + len("- id: ") + 1
        amounts: Iterable[Decimal] = map(Decimal, columns["amount"])
        if unit is not Unit.KR:
            amounts = (amount * unit.kronor for amount in amounts)
        lines = range(self.first + keys.index("id"), self.end, step)
        return [
            Item(item_id, name, amount, note, Source(path, line, column))
            for item_id, name, amount, note, line in zip(
                columns["id"], columns["name"], amounts, notes, lines, strict=True
            )
        ]

    def values(self, number: int) -> list[str]:
        """The values of the key in place `number`: every item's, in order."""
        prefix = len(self.indent) + len("- ") + len(self.keys[number]) + len(": ")
        return [line[prefix:].rstrip(" ") for line in self.lines[number :: len(self.keys)]]


_ITEMS_HEAD = re.compile(r"^items: *\n", re.MULTILINE)
_FIRST_ITEM = re.compile(r"( *)- ([a-z]+): [^\r\n]*\n")
# A text value that means itself in YAML: no indicator first, no `#`, and a colon only where a
# character other than a space follows it (so no `: ` and no `:` last). Trailing spaces are
# matched here and cut off later, as YAML does. Each part is decided by the next character.
_TEXT = r"[^ \r\n\-?:,\[\]{}#&*!|>'\"%@`][^\r\n#:]*(?::[^ \r\n#:][^\r\n#:]*)*"


def _run_of_items(text: str, unit: Unit) -> _Run | None:
    """The run of same-shaped items that opens the list, if there is one."""
    head = _ITEMS_HEAD.search(text)
    first = _FIRST_ITEM.match(text, head.end()) if head else None
    if head is None or first is None:
        return None
    indent, keys = first.group(1), [first.group(2)]
    following = re.compile(re.escape(indent) + r"  ([a-z]+): ")
    position = first.end()
    while (key := following.match(text, position)) is not None:
        keys.append(key.group(1))
        position = text.find("\n", position) + 1
        if position == 0:
            break
    if len(set(keys)) != len(keys) or not set(ITEM_REQUIRED) <= set(keys) <= set(ITEM_KEYS):
        return None
    end = head.end()
    for found in _item_pattern(indent, tuple(keys), unit).finditer(text, end):
        if found.start() != end:
            break
        end = found.end()  # item after item, none left out (one match per item: no deep stack)
    if end == head.end():
        return None
    lines = text[head.end() : end - 1].split("\n")
    if text.startswith(indent + "  ", end):
        del lines[-len(keys) :]  # the last item goes on with more keys: leave it to the line loop
    first_line = text.count("\n", 0, head.end()) + 1
    return _Run(indent, tuple(keys), lines, first_line) if lines else None


@functools.lru_cache(maxsize=8)
def _item_pattern(indent: str, keys: tuple[str, ...], unit: Unit) -> re.Pattern[str]:
    """One item of this shape. Amounts have at most the digits that keep them whole öre and in
    range in `unit`; ids are slugs. Every choice is decided by the next character, so a match
    never backtracks far. (No possessive quantifiers: Python 3.11.2 matches them wrongly.)"""
    whole, fraction = rules.integer_digits(unit), rules.fraction_digits(unit)
    amount = rf"(?:0|[1-9][0-9]{{0,{whole - 1}}})(?:\.[0-9]{{1,{fraction}}})?"
    values = {"id": ID_PATTERN.pattern, "amount": amount}
    item = "".join(
        re.escape(indent) + ("- " if number == 0 else "  ") + key + ": " + values.get(key, _TEXT) + r" *\n"
        for number, key in enumerate(keys)
    )  # (after a text value, ` *` matches nothing: the value took its spaces)
    return re.compile(item)


_FOLDABLE = frozenset({"title", "note", "name"})


@dataclass(slots=True)
class _Folded:
    """A `key: >-` value: its lines, indented alike, joined by spaces (YAML's folding)."""

    parent: int  # the key's indentation; the value's lines are indented more
    key: str
    indent: int = -1
    parts: list[str] = field(default_factory=list)
    into: dict[str, Field] = field(default_factory=dict)


class _Lines:
    """The reading, line by line: top-level keys, and in `items:` one item per `- ` line."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.top: dict[str, Field] = {}
        self.items: list[Item] | None = None
        self.unit: Unit | None = None
        self.in_items = False  # between `items:` and the next top-level key
        self.current: dict[str, Field] | None = None  # the item being read
        self.item_indent = -1
        self.folded: _Folded | None = None  # a `>-` value whose lines are being read

    def read(self, text: str) -> Budget:
        lines = text.splitlines()
        # Lines are counted by "\n" below; where "\r" may break a line too, read them one by one.
        head = _ITEMS_HEAD.search(text) if "\r" not in text else None
        before = text.count("\n", 0, head.end()) if head else len(lines)
        self.lines(lines[:before], 1)  # up to `items:`, which tells the unit
        run = _run_of_items(text, self.unit) if self.in_items and self.unit is not None else None
        if run is None:
            self.lines(lines[before:], before + 1)
        else:  # the run at once, then the lines after it
            if self.items is None or self.unit is None:
                raise _Irregular
            self.items += run.items(self.path, self.unit)
            self.item_indent = len(run.indent)
            self.lines(lines[run.end - 1 :], run.end)
        self.end_item()
        return self.budget()

    def lines(self, lines: list[str], first: int) -> None:
        for number, line in enumerate(lines, start=first):
            if self.folded is not None and self.fold(line):
                continue
            found = _LINE.fullmatch(line)
            if found is None:
                if _BLANK_OR_COMMENT.fullmatch(line):
                    continue
                raise _Irregular
            self.line(found, number)
        if self.folded is not None:
            self.fold("")  # the file ends the value

    def fold(self, line: str) -> bool:
        """Take `line` into the folded value being read; False when the line ends it."""
        folded = self.folded
        assert folded is not None
        stripped = line.lstrip(" ")
        indent = len(line) - len(stripped)
        if stripped and indent > folded.parent:
            if folded.indent not in (-1, indent) or line[-1] == " ":
                raise _Irregular  # lines more indented, or trailing spaces: YAML keeps them as they are
            folded.indent = indent
            folded.parts.append(stripped)
            return True
        if not folded.parts or (not stripped and line):
            raise _Irregular  # an empty value, or a blank line, which YAML may keep as a line break
        _, number, column = folded.into[folded.key]
        folded.into[folded.key] = (" ".join(folded.parts), number, column)
        self.folded = None
        return False

    def line(self, found: re.Match[str], number: int) -> None:
        indent, dash, key, value = found.groups()
        if value == ">-" and key in _FOLDABLE:  # a folded value: its lines follow
            self.folded = _Folded(len(indent) + (2 if dash else 0), key)
            value = ""
        empty_list = key == "items" and value == "[]" and not indent and not dash
        if value and not empty_list and (value[0] in _INDICATORS or "#" in value or ": " in value or value[-1] == ":"):
            raise _Irregular
        field = (value or "", number, found.start(4) + 1)
        if dash:  # an item begins
            if not self.in_items or self.item_indent not in (-1, len(indent)) or key not in ITEM_KEYS:
                raise _Irregular
            self.item_indent = len(indent)
            self.end_item()
            self.current = into = {key: field}
        elif self.in_items and self.current is not None and len(indent) == self.item_indent + 2:
            if key not in ITEM_KEYS or key in self.current:
                raise _Irregular
            self.current[key] = field
            into = self.current
        elif not indent:  # a top-level key ends any list of items
            self.end_item()
            self.in_items = self.top_key(key, field)
            into = self.top
        else:
            raise _Irregular
        if self.folded is not None:
            self.folded.into = into

    def end_item(self) -> None:
        if self.current is not None:
            if self.items is None:
                raise _Irregular
            self.items.append(self.item(self.current))
        self.current = None

    def top_key(self, key: str, field: Field) -> bool:
        """Note a top-level key; True where it opens a list of items."""
        if key not in TOP_KEYS or key in self.top:
            raise _Irregular
        self.top[key] = field
        value = field[0]
        if key == "unit":
            self.unit = _UNITS.get(value)
        elif key == "items":
            if value not in ("", "[]"):
                raise _Irregular
            self.items = []
            return value == ""
        return False

    def budget(self) -> Budget:
        top, items, unit = self.top, self.items, self.unit
        if items is None or unit is None or any(key not in top for key in TOP_REQUIRED):
            raise _Irregular
        if not items and top["items"][0] == "":  # `items:` and nothing: YAML reads a null there
            raise _Irregular
        year, year_line, year_column = top["year"]
        if not YEAR_PATTERN.fullmatch(year):
            raise _Irregular
        title = self.text(top, "title")
        return Budget(
            year=int(year),
            unit=unit,
            total=_amount(top["total"][0], unit),
            items=tuple(items),
            title=title,
            note=self.text(top, "note"),
            source=Source(self.path, 1, 1),
            year_source=Source(self.path, year_line, year_column),
            total_source=Source(self.path, top["total"][1], top["total"][2]),
            title_source=Source(self.path, top["title"][1], top["title"][2]) if title is not None else None,
        )

    def item(self, fields: dict[str, Field]) -> Item:
        unit = self.unit
        if unit is None or any(key not in fields for key in ITEM_REQUIRED):
            raise _Irregular
        item_id, line, column = fields["id"]
        if not ID_PATTERN.fullmatch(item_id):
            raise _Irregular
        name = self.text(fields, "name")
        amount = _amount(fields["amount"][0], unit)
        return Item(item_id, name or item_id, amount, self.text(fields, "note"), Source(self.path, line, column))

    def text(self, fields: dict[str, Field], key: str) -> str | None:
        if key not in fields:
            return None
        value = fields[key][0]
        if not value:
            raise _Irregular
        return value


def _amount(written: str, unit: Unit) -> Decimal:
    if not _NUMBER.fullmatch(written):
        raise _Irregular
    kronor = Decimal(written) * unit.kronor
    if money.kronor_problem(kronor, written, unit):
        raise _Irregular
    return kronor
