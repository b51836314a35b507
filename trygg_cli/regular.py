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

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass
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

# One line of the regular layout: indentation, "- " where an item begins, a key, a plain value.
_LINE = re.compile(r"( *)(- )?([a-z]+):(?: +(.*?))? *")
_BLANK_OR_COMMENT = re.compile(r" *(?:#.*)?")


@dataclass(frozen=True, slots=True)
class _Run:
    """Items right after `items:` that all have the first one's shape: the same indentation and
    keys in the same order, one space after each colon. Read with one regular expression, in C,
    where a line-by-line loop would spend most of a big file's time."""

    indent: str
    keys: tuple[str, ...]
    values: list[tuple[str, ...]]
    first: int  # the line of the first item

    @property
    def end(self) -> int:
        return self.first + len(self.values) * len(self.keys)

    def items(self, path: str, unit: Unit) -> list[Item]:
        keys = self.keys
        at_id, at_name, at_amount = keys.index("id"), keys.index("name"), keys.index("amount")
        at_note = keys.index("note") if "note" in keys else None
        column = len(self.indent) + len("- id: ") + 1
        amount = _amounts(unit)
        lines = len(keys)
        first = self.first + at_id
        return [
            Item(
                values[at_id],
                values[at_name],
                amount(values[at_amount]),
                values[at_note] if at_note is not None else None,
                Source(path, first + number * lines, column),
            )
            for number, values in enumerate(self.values)
        ]


_ITEMS_HEAD = re.compile(r"^items: *\n", re.MULTILINE)
_FIRST_ITEM = re.compile(r"( *)- ([a-z]+): [^\r\n]*\n")
# The value patterns of a run: what `load` accepts without a problem, and no more. A text value
# means itself in YAML: no indicator first, no `#`, no `: `, no `:` last.
_VALUES = {
    "id": r"([a-z0-9]+(?:-[a-z0-9]+)*) *\n",
    "amount": r"([0-9]+(?:\.[0-9]+)?) *\n",
}
_TEXT = r"([^ \r\n\-?:,\[\]{}#&*!|>'\"%@`](?:[^\r\n#:]|:(?=[^ \r\n]))*?) *\n"


def _run_of_items(text: str) -> _Run | None:
    """The run of same-shaped items that opens the list, if there is one."""
    if "\r" in text:
        return None  # line numbers here count "\n"; the line-by-line reading counts any break
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
    values = []
    position = head.end()
    for found in _item_pattern(indent, tuple(keys)).finditer(text, position):
        if found.start() != position:
            break
        values.append(found.groups())
        position = found.end()
    if values and text.startswith(indent + "  ", position):
        values.pop()  # the last item goes on with more keys: leave it to the line-by-line reading
    first_line = text.count("\n", 0, head.end()) + 1
    return _Run(indent, tuple(keys), values, first_line) if values else None


@functools.lru_cache(maxsize=8)
def _item_pattern(indent: str, keys: tuple[str, ...]) -> re.Pattern[str]:
    lines = [
        re.escape(indent) + ("- " if number == 0 else "  ") + key + ": " + _VALUES.get(key, _TEXT)
        for number, key in enumerate(keys)
    ]
    return re.compile("".join(lines))


def _amounts(unit: Unit) -> Callable[[str], Decimal]:
    """Amounts of a run, in kronor. Written with few enough digits, a number is whole öre and in
    range at a glance; any other goes through the full check, which may turn the file away."""
    factor, power = unit.kronor, unit.kronor.adjusted()
    most_digits, most_decimals = 15 - power, 2 + power

    def amount(written: str) -> Decimal:
        point = written.find(".")
        digits, decimals = (len(written), 0) if point < 0 else (point, len(written) - point - 1)
        if digits <= most_digits and decimals <= most_decimals and (written[0] != "0" or digits == 1):
            return Decimal(written) * factor
        return _amount(written, unit)

    return amount


class _Lines:
    """The reading, line by line: top-level keys, and in `items:` one item per `- ` line."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.top: dict[str, Field] = {}
        self.items: list[Item] | None = None
        self.unit: Unit | None = None

    def read(self, text: str) -> Budget:  # noqa: PLR0912 - one flat loop over every line, for speed
        line_of = _LINE.fullmatch
        in_items = False  # between `items:` and the next top-level key
        current: dict[str, Field] | None = None  # the item being read
        item_indent = -1
        run = _run_of_items(text)
        for number, line in enumerate(text.splitlines(), start=1):
            if run is not None and run.first <= number < run.end:
                if number == run.first:  # right after `items:`: the run is read at once
                    if not in_items or self.items is None or self.unit is None:
                        raise _Irregular
                    self.items += run.items(self.path, self.unit)
                    item_indent = len(run.indent)
                continue
            found = line_of(line)
            if found is None:
                if _BLANK_OR_COMMENT.fullmatch(line):
                    continue
                raise _Irregular
            indent, dash, key, value = found.groups()
            empty_list = key == "items" and value == "[]" and not indent and not dash
            if (
                value
                and not empty_list
                and (value[0] in _INDICATORS or "#" in value or ": " in value or value[-1] == ":")
            ):
                raise _Irregular
            field = (value or "", number, found.start(4) + 1)
            if dash:  # an item begins
                if not in_items or item_indent not in (-1, len(indent)) or key not in ITEM_KEYS:
                    raise _Irregular
                item_indent = len(indent)
                if current is not None:
                    self.add_item(current)
                current = {key: field}
            elif in_items and current is not None and len(indent) == item_indent + 2:
                if key not in ITEM_KEYS or key in current:
                    raise _Irregular
                current[key] = field
            elif not indent:  # a top-level key ends any list of items
                if current is not None:
                    self.add_item(current)
                    current = None
                in_items = self.top_key(key, field)
            else:
                raise _Irregular
        if current is not None:
            self.add_item(current)
        return self.budget()

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

    def add_item(self, fields: dict[str, Field]) -> None:
        if self.items is None:
            raise _Irregular
        self.items.append(self.item(fields))

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
        return _amount(written, unit)


def _amount(written: str, unit: Unit) -> Decimal:
    if not _NUMBER.fullmatch(written):
        raise _Irregular
    kronor = Decimal(written) * unit.kronor
    if money.kronor_problem(kronor, written, unit):
        raise _Irregular
    return kronor
