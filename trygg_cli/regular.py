"""A fast reader for budget files in the regular layout: one `key: value` per line.

Big years come from scripts and spreadsheets, and they come in the plainest layout YAML has:
top-level keys, then `items:` with one `- id: …` line per item and its other keys below it.
Such a file is read here line by line, straight into a `Budget`, several times faster than
any YAML parser's events can be turned into one.

The rule that keeps this safe: this reader either returns exactly the budget the full reader
(`reader` + `load`) would return with no problems, or it returns None and the full reader runs.
It accepts only lines whose meaning in YAML is beyond doubt (plain values, no quotes, flow,
anchors, tags, comments after a value, block scalars, tabs or continuation lines) and only
values that load without a problem. Anything else, however harmless, goes the long way round.
Tests hold the two readers to the same budgets on the shipped data, the bad-input catalogue
and generated files.
"""

from __future__ import annotations

from decimal import Decimal

from trygg_cli import money
from trygg_cli.load import ID_PATTERN, ITEM_KEYS, ITEM_REQUIRED, TOP_KEYS, TOP_REQUIRED, YEAR_PATTERN
from trygg_cli.model import Budget, Item, Source, Unit

# Characters YAML may read otherwise anywhere on a line: tabs, and line breaks Python does not
# split on the same way. (Quotes, brackets, & * ! | > % @ mean something only where a value
# starts, and `_INDICATORS` turns those away.)
_IRREGULAR = ("\t", "\u2028", "\u2029", "\ufeff", "\x85")
# A plain value may not start with these.
_INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@`")
_NUMBER = money._PLAIN_NUMBER  # the same numbers the full reader accepts
_UNITS = {unit.value: unit for unit in Unit}


class _Irregular(Exception):
    """The file is not in the regular layout, or would give a problem: let the full reader judge."""


def read_regular(text: str, path: str) -> Budget | None:
    """The budget, if `text` is a regular budget file that loads without a problem; else None."""
    if any(character in text for character in _IRREGULAR):
        return None
    try:
        return _Lines(path).read(text)
    except _Irregular:
        return None


Field = tuple[str, int, int]  # a value as written, with its 1-based line and column


class _Lines:
    """The reading, line by line: top-level keys, and in `items:` one item per `- ` line."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.top: dict[str, Field] = {}
        self.items: list[Item] | None = None
        self.in_items = False  # between `items:` and the next top-level key
        self.current: dict[str, Field] | None = None  # the item being read
        self.item_indent = -1
        self.unit: Unit | None = None

    def read(self, text: str) -> Budget:
        for number, line in enumerate(text.splitlines(), start=1):
            stripped = line.lstrip(" ")
            if not stripped or stripped[0] == "#":
                continue
            if "#" in line or line.startswith(("---", "...")):
                raise _Irregular
            indent = len(line) - len(stripped)
            if self.in_items and stripped.startswith("- "):
                self.start_item(line, stripped, indent, number)
            elif self.in_items and self.current is not None and indent == self.item_indent + 2:
                self.pair(line, indent, number, ITEM_KEYS, self.current)
            elif indent == 0:
                self.top_line(line, number)
            else:
                raise _Irregular
        self.end_item()
        return self.budget()

    def start_item(self, line: str, stripped: str, indent: int, number: int) -> None:
        if self.item_indent not in (-1, indent) or len(stripped) < 3 or stripped[2] == " ":
            raise _Irregular
        self.item_indent = indent
        self.end_item()
        self.current = {}
        self.pair(line, indent + 2, number, ITEM_KEYS, self.current)

    def end_item(self) -> None:
        if self.current is not None and self.items is not None:
            self.items.append(self.item(self.current))
        self.current = None

    def top_line(self, line: str, number: int) -> None:
        """A top-level key, which also ends any list of items."""
        self.end_item()
        self.in_items = False
        key = self.pair(line, 0, number, TOP_KEYS, self.top)
        value = self.top[key][0]
        if key == "unit":
            self.unit = _UNITS.get(value)
        elif key == "items":
            if self.items is not None or value not in ("", "[]"):
                raise _Irregular
            self.items = []
            self.in_items = value == ""

    def pair(self, line: str, start: int, number: int, allowed: tuple[str, ...], into: dict[str, Field]) -> str:
        """Read `key: value` from `start`; the value keeps its 1-based line and column."""
        colon = line.find(":", start)
        key = line[start:colon]
        if colon < 0 or key not in allowed or key in into:
            raise _Irregular
        rest = line[colon + 1 :]
        value = rest.strip(" ")
        empty_list = key == "items" and value == "[]"
        if value and rest[0] != " ":
            raise _Irregular  # `key:value` is one plain value in YAML, not a key
        if value and not empty_list and (value[0] in _INDICATORS or ": " in value or value[-1] == ":"):
            raise _Irregular
        into[key] = (value, number, colon + 2 + len(rest) - len(rest.lstrip(" ")))
        return key

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
            total=self.amount(top["total"][0], unit),
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
        amount = self.amount(fields["amount"][0], unit)
        return Item(item_id, name or item_id, amount, self.text(fields, "note"), Source(self.path, line, column))

    def text(self, fields: dict[str, Field], key: str) -> str | None:
        if key not in fields:
            return None
        value = fields[key][0]
        if not value:
            raise _Irregular
        return value

    def amount(self, written: str, unit: Unit) -> Decimal:
        if not _NUMBER.fullmatch(written):
            raise _Irregular
        kronor = Decimal(written) * unit.kronor
        if money.kronor_problem(kronor, written, unit):
            raise _Irregular
        return kronor
