"""Which line a posting belongs to, and the running sums of an export's postings.

`Claims` turns a year's `match` into a question each export can ask cheaply: for a posting's
account and dimension codes, which item claims it (or the package's unallocated row, or none,
or two items at once). `Tally` adds up the package's postings by line and date as the readers
stream them past, and keeps the problems they find, listing at most `MAX_LISTED` of each kind
in a file and counting the rest, so memory stays flat however wrong a file is.
"""

from __future__ import annotations

import re
from array import array
from collections.abc import Callable, Hashable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from itertools import compress
from operator import itemgetter
from typing import Any, Generic, TypeVar

from trygg_cli import rules
from trygg_cli.model import UNALLOCATED, Actuals, Budget, Columns, Criterion, Problem, Source

MAX_LISTED = 100  # problems of one kind listed per file; the rest are counted

Code = TypeVar("Code", str, bytes)
# A posting's target: an item's index, UNALLOCATED, a tuple of the items that all claim it, or None
# (not the package's).
Target = int | tuple[int, ...] | None


@dataclass(frozen=True, slots=True)
class _Test(Generic[Code]):
    """One criterion, made ready for one export: where the code is, and the codes it takes."""

    key: Hashable  # where the export keeps this dimension (an SIE number, a column's place)
    exact: frozenset[Code]
    prefixes: tuple[Code, ...]

    def holds(self, code: Code | None) -> bool:
        return code is not None and (code in self.exact or (bool(self.prefixes) and code.startswith(self.prefixes)))


class Claims(Generic[Code]):
    """A year's `match`, resolved against one export's dimensions.

    `dimensions` maps each dimension name the export knows (folded to lower case) to where its
    codes are; `encode` turns a code of the year file into the export's own kind of code. A
    criterion whose dimension the export lacks is a problem at its line in the year file."""

    def __init__(
        self, budget: Budget, export: str, dimensions: Mapping[str, Hashable], encode: Callable[[str], Code]
    ) -> None:
        self.problems: list[Problem] = []
        self.export, self.dimensions = export, dimensions
        self.encode: Callable[[str], Code] = encode
        self.package: list[_Test[Code]] = self._tests(budget.match)
        self.items: list[list[_Test[Code]] | None] = [
            self._tests(item.match) if item.match else None for item in budget.items
        ]
        self.keys: list[Hashable] = sorted(
            {test.key for tests in [self.package, *self.items] if tests for test in tests}, key=str
        )

    def _tests(self, match: Iterable[Criterion]) -> list[_Test[Code]]:
        tests: list[_Test[Code]] = []
        for criterion in match:
            key = self.dimensions.get(criterion.dimension.casefold())
            if key is None:
                where = criterion.source or Source(self.export, 1)
                known = sorted({name for name in self.dimensions if not name.isdigit()})
                figures = {"dimension": criterion.dimension, "export": self.export, "known": known}
                self.problems.append(Problem("unknown-dimension", "unknown-dimension", where, figures))
                key = _NOWHERE
            codes = [self.encode(code) for code in criterion.codes]
            prefix = self.encode(rules.PREFIX)
            exact = frozenset(code for code in codes if not code.endswith(prefix))
            prefixes = tuple(code[: -len(prefix)] for code in codes if code.endswith(prefix))
            tests.append(_Test(key, exact, prefixes))
        return tests

    def target(self, code_of: Callable[[Hashable], Code | None]) -> Target:
        """Whose a posting is, given where to find each of its codes."""
        if not all(test.holds(code_of(test.key)) for test in self.package):
            return None
        claimed = tuple(
            number
            for number, tests in enumerate(self.items)
            if tests is not None and all(test.holds(code_of(test.key)) for test in tests)
        )
        if len(claimed) == 1:
            return claimed[0]
        if claimed:
            return claimed
        return UNALLOCATED if self.package else None


_NOWHERE = object()  # a dimension the export does not have: no posting has a code there


@dataclass(slots=True)
class Counted:
    """What a tally of a part of an export counted (`Tally.taken`), sent whole to the tally of
    the whole export (`Tally.merge`)."""

    sums: dict[tuple[int, date], Decimal]
    counts: dict[tuple[int, date], int]
    outside_year: int
    latest: date | None
    problems: list[Problem]
    notes: list[Problem]
    listed: dict[tuple[str, str, str], int]
    kept: Sent  # the kept postings (`_sent`)
    repeated: set[tuple[object, str]]
    seen: Noted


class Tally:
    """The package's postings so far, summed by target and date, and what was wrong."""

    def __init__(self, budget: Budget, keep: int | None = None) -> None:
        self.budget = budget
        self.keep = keep  # a line (an item's index, or UNALLOCATED) whose postings are kept, one by one
        self.kept = Columns.of([])
        self.year = budget.year
        self.first_day, self.last_day = date(budget.year, 1, 1), date(budget.year, 12, 31)
        self.sums: dict[tuple[int, date], Decimal] = {}
        self.counts: dict[tuple[int, date], int] = {}
        self.outside_year = 0
        self.latest: date | None = None
        self.problems: list[Problem] = []
        self.notes: list[Problem] = []
        self.seen = Seen()  # the package's vouchers read, in any export, and where first
        self.repeated: set[tuple[object, str]] = set()  # vouchers said to be read again, and where
        self._listed: dict[tuple[str, str, str], int] = {}

    def kept_more(self, postings: Columns) -> None:
        """More of the kept line's postings, after those kept so far."""
        columns: tuple[list[Any], ...] = self.kept
        added: tuple[list[Any], ...] = postings
        for column, more in zip(columns, added, strict=True):
            column.extend(more)

    def add(self, target: int, day: date, amount: Decimal) -> None:
        key = (target, day)
        self.sums[key] = self.sums.get(key, _ZERO) + amount
        self.counts[key] = self.counts.get(key, 0) + 1

    def problem(self, code: str, reason: str, source: Source, **figures: Any) -> None:
        """A problem, listed if fewer than MAX_LISTED of its kind were listed in its file."""
        kind = (source.path, code, reason)
        listed = self._listed.get(kind, 0)
        self._listed[kind] = listed + 1
        if listed < MAX_LISTED:
            self.problems.append(Problem(code, reason, source, figures))

    def part(self) -> Tally:
        """A tally for a part of an export read in a process of its own: nothing counted yet, the
        vouchers read so far known (and each one it notes from here on written down, `Seen.noted`)."""
        part = Tally(self.budget, self.keep)
        part.seen, part.repeated = self.seen, self.repeated
        self.seen.journal = {}
        return part

    def taken(self) -> Counted:
        """What this tally of a part counted, to be sent to the tally of the whole."""
        return Counted(
            self.sums,
            self.counts,
            self.outside_year,
            self.latest,
            self.problems,
            self.notes,
            self._listed,
            _sent(self.kept),
            self.repeated,
            self.seen.noted(),
        )

    def merge(self, counted: Counted, path: str) -> bool:
        """Add a part's count, as if it had been read here after what was; False (and nothing
        added) where one of its vouchers was read here too since the part began (then the part is
        read again here, which says so where it should)."""
        if not self.seen.merge(counted.seen, path):
            return False
        for key, amount in counted.sums.items():
            self.sums[key] = self.sums.get(key, _ZERO) + amount
        for key, number in counted.counts.items():
            self.counts[key] = self.counts.get(key, 0) + number
        self.outside_year += counted.outside_year
        if counted.latest is not None and (self.latest is None or counted.latest > self.latest):
            self.latest = counted.latest
        listed = dict(self._listed)  # each kind's first MAX_LISTED: this tally's, then the part's
        for problem in counted.problems:
            kind = (problem.source.path, problem.code, problem.reason)
            if listed.get(kind, 0) < MAX_LISTED:
                self.problems.append(problem)
            listed[kind] = listed.get(kind, 0) + 1
        for kind, number in counted.listed.items():
            self._listed[kind] = self._listed.get(kind, 0) + number
        self.notes += counted.notes
        self.kept_more(_received(counted.kept))
        self.repeated |= counted.repeated
        return True

    def ambiguous(self, claimed: tuple[int, ...], source: Source, voucher: str | None) -> None:
        names = tuple(self.budget.items[number].name for number in claimed)
        self.problem("ambiguous-match", "ambiguous-match", source, items=names, voucher=voucher)

    def actuals(self) -> Actuals:
        """What the exports said, with a count of the problems past each kind's first hundred: the
        tally's last word, asked once every export is read (its kept postings go with it, maybe
        as the very columns it kept: `Columns.in_order`)."""
        more = [
            Problem(code, "more-problems", Source(path, 1), {"count": count - MAX_LISTED, "code": code})
            for (path, code, reason), count in self._listed.items()
            if count > MAX_LISTED
        ]
        return Actuals(
            sums=dict(self.sums),
            counts=dict(self.counts),
            outside_year=self.outside_year,
            latest=self.latest,
            problems=tuple(self.problems + more),
            notes=tuple(self.notes),
            postings=self.kept.in_order(),
        )


def _sent(postings: Columns) -> Sent:
    """A part's kept postings, quick to send: each column of texts as one text, its texts parted
    by a character none of them holds (a hundred thousand texts take a tenth of a second to
    pickle, one text a millisecond), amounts as their texts (a hundred thousand `Decimal`s take a
    second); a column where a text holds that character as it is."""
    texts = (postings.voucher, postings.text, postings.account, postings.objects, list(map(str, postings.amount)))
    return (postings.date, *map(_joined, texts), postings.path, postings.line)


def _received(sent: Sent) -> Columns:
    """The postings `_sent` sent, as they were."""
    day, *texts, path, line = sent
    voucher, text, account, objects, amount = (_parted(column) for column in texts)
    return Columns(day, voucher, text, account, objects, list(map(Decimal, amount)), path, line)


def _joined(texts: list[str]) -> str | list[str]:
    joined = _PARTED.join(texts)
    return joined if texts and joined.count(_PARTED) == len(texts) - 1 else texts


def _parted(column: str | list[str]) -> list[str]:
    return column.split(_PARTED) if isinstance(column, str) else column


# A posting's columns as `_sent` sends them.
Sent = tuple[Any, ...]
_PARTED = "\x1f"  # (the unit separator, which no text of a posting is likely to hold)


class Seen:
    """The vouchers read so far (a key, series and number, and a date) and the export each was
    first read from, in little memory: a million vouchers take a few megabytes, not a hundred.
    A voucher numbered by a whole number (without leading zeros) is a slot in its series' array,
    counted from the first number met, holding its date and its export; any other voucher (and a
    second date for a number) is kept whole."""

    _SLOTS = 1 << 22  # numbers of one series held in slots, from its first; the rest kept whole
    _ORIGIN = date(2000, 1, 1).toordinal()
    _DAYS = 1 << 19  # dates from _ORIGIN on that a slot holds (to 3435)

    def __init__(self) -> None:
        self.paths: dict[str, int] = {}
        self.names: list[str] = []
        self.slots: dict[object, tuple[int, array[int]]] = {}
        self.whole: dict[tuple[object, object, date], str] = {}
        self.journal: dict[object, tuple[int, int]] | None = None  # in a part: the first and last slot it fills
        self.whole_journal: list[tuple[object, object, date]] = []  # ... and the vouchers it keeps whole

    def noted(self) -> Noted:
        """The vouchers noted since `journal` began: for each series its slots' base and the
        stretch of them the part filled (from its first to its last), and the vouchers kept whole."""
        assert self.journal is not None
        slots = {}
        for series, (low, high) in self.journal.items():
            base, held = self.slots[series]
            slots[series] = (base, low, held[low : high + 1])
        return Noted(slots, [(full, self.whole[full]) for full in self.whole_journal])

    def merge(self, noted: Noted, path: str) -> bool:
        """Note a part's vouchers as read; False (and nothing noted) where one of them was noted
        here too since the part began (a slot both filled, a voucher both kept whole), or would
        not have had a slot here (its series began here at a higher number). A stretch of slots
        is taken at once, each slot the one filled (a slot's value is never 0 once filled)."""
        self._number(path)  # (the number the part gave it, too: it began with the same exports)
        moved = {}
        for series, (base, low, filled) in noted.slots.items():
            first, slots = self.slots.get(series) or (base, array("i"))
            start = low + base - first  # (where the stretch begins in this reading's slots)
            if start < 0 or start + len(filled) > self._SLOTS:
                return False
            mine = slots[start : start + len(filled)]
            empty = mine.count(0) == len(mine)  # (the common case: then the stretch is taken as it is)
            if not empty and any(map(min, mine, filled)):  # a slot filled here and there
                return False
            # each slot the one filled (beyond this reading's slots: the part's)
            stretch = filled if empty else array("i", map(max, mine, filled)) + filled[len(mine) :]
            moved[series] = (first, slots, start, stretch)
        if any(full in self.whole or self._slotted(*full[:2]) for full, _ in noted.whole):
            return False
        for series, (first, slots, start, stretch) in moved.items():
            self.slots.setdefault(series, (first, slots))
            end = start + len(stretch)
            if end > len(slots):
                slots.frombytes(bytes(slots.itemsize * (end - len(slots))))
            slots[start:end] = stretch
        self.whole.update(noted.whole)
        return True

    def _slotted(self, series: object, number: object) -> bool:
        """Whether the number's slot in its series is filled (on whatever date)."""
        held = self.slots.get(series)
        if held is None or not isinstance(number, str | bytes) or not (number.isdigit() and number.isascii()):
            return False
        index = int(number) - held[0]
        return number[:1] not in _ZEROS and 0 <= index < len(held[1]) and held[1][index] != 0

    def firsts(self, vouchers: list[Any], path: str, parts: bool) -> tuple[list[Any], list[tuple[Any, str]]]:
        """The vouchers read for the first time (each then noted as read from `path`), and the
        others, each with the export it was read from before. A voucher is a tuple whose fourth
        item is its key (series and number; None: no number, never a repeat) and fifth its date.
        With `parts` (a CSV row), a voucher read before from the same export is read for the first time."""
        exported = self._number(path)
        if exported and self._all_new(vouchers, exported):
            return vouchers, []
        return self._one_by_one(vouchers, path, exported, parts)

    def _one_by_one(
        self, vouchers: list[Any], path: str, exported: int, parts: bool
    ) -> tuple[list[Any], list[tuple[Any, str]]]:
        kept: list[Any] = []
        repeats: list[tuple[Any, str]] = []
        names, all_slots, whole = self.names, self.slots, self.whole
        origin, most, slots_most = self._ORIGIN, self._DAYS, self._SLOTS
        for voucher in vouchers:
            key = voucher[3]
            if key is None:
                kept.append(voucher)
                continue
            series, number = key
            day = voucher[4]
            days = day.toordinal() - origin
            earlier: str | None = None
            slotted = False  # found in a slot
            if exported and 0 <= days < most and number.isdigit() and number.isascii() and number[:1] not in _ZEROS:
                held = all_slots.get(series)
                if held is None:
                    held = all_slots[series] = (int(number), array("i"))
                base, slots = held
                index = int(number) - base
                if 0 <= index < slots_most:
                    if index >= len(slots):
                        slots.frombytes(bytes(slots.itemsize * (max(index + 1, 2 * len(slots)) - len(slots))))
                    slot = slots[index]
                    if slot == 0:
                        slots[index] = days << 12 | exported
                        kept.append(voucher)
                        self._write_down(series, [index])
                        continue
                    if slot >> 12 == days:
                        earlier, slotted = names[(slot & 4095) - 1], True
            if not slotted:  # kept whole: no slot for it, or its slot holds another date
                full = (series, number, day)
                earlier = whole.get(full)
                if earlier is None:
                    self._keep_whole(full, path)
            if earlier is None or (parts and earlier == path):
                kept.append(voucher)
            else:
                repeats.append((voucher, earlier))
        return kept, repeats

    def _all_new(self, vouchers: list[Any], exported: int) -> bool:
        """The common batch at once, each step over all of it: every voucher numbered by a whole
        number that fits its series' slots, dated as a slot holds, and none read before nor twice
        in the batch. Then each is noted as `firsts` notes it, and True; else False, with nothing
        noted (the batch goes one by one)."""
        keys = list(map(_KEY, vouchers))
        if not keys or None in keys:
            return False
        series_of, numbers = list(map(_SERIES, keys)), list(map(_NUMBER, keys))  # (quicker than zip(*keys))
        whole = _WHOLE_NUMBERS.get(type(numbers[0]))
        if whole is None:
            return False
        joined = whole[1].join(numbers)  # (one space between each two: a space in a number is seen)
        if joined.count(whole[1]) >= len(numbers) or whole[0].fullmatch(joined) is None:
            return False
        days = list(map(date.toordinal, map(_DAY, vouchers)))
        origin = self._ORIGIN
        if min(days) < origin or max(days) >= origin + self._DAYS:
            return False
        numbered = list(map(int, numbers))
        kinds = set(series_of)
        noted = []
        for series in kinds:
            if len(kinds) == 1:
                mine, on = numbered, days
            else:
                chosen = list(map(series.__eq__, series_of))
                mine, on = list(compress(numbered, chosen)), list(compress(days, chosen))
            base, slots = self.slots.get(series) or (mine[0], array("i"))
            places = [number - base for number in mine]
            low, high = min(places), max(places)
            if low < 0 or high >= self._SLOTS or len(set(places)) < len(places):
                return False
            if high >= len(slots):
                slots.frombytes(bytes(slots.itemsize * (max(high + 1, 2 * len(slots)) - len(slots))))
            if any(map(slots.__getitem__, places)):
                return False
            noted.append((series, base, slots, places, on))
        for series, base, slots, places, on in noted:
            self.slots.setdefault(series, (base, slots))
            self._write_down(series, places)
            for place, day in zip(places, on, strict=True):
                slots[place] = (day - origin) << 12 | exported
        return True

    def _keep_whole(self, full: tuple[object, object, date], path: str) -> None:
        self.whole[full] = path
        if self.journal is not None:  # (in a part)
            self.whole_journal.append(full)

    def _write_down(self, series: object, places: list[int]) -> None:
        if self.journal is not None:  # (in a part)
            low, high = self.journal.get(series, (places[0], places[0]))
            self.journal[series] = (min(low, *places), max(high, *places))

    def _number(self, path: str) -> int:
        """The export's number in a slot (1 to 4095); 0 past that many exports."""
        number = self.paths.get(path)
        if number is None:
            self.names.append(path)
            number = self.paths[path] = len(self.names) if len(self.names) < 4095 else 0
        return number


@dataclass(slots=True)
class Noted:
    """The vouchers a part of an export noted (`Seen.noted`): by series, its slots' base, where
    the stretch it filled begins, and that stretch; and the vouchers kept whole, with their export."""

    slots: dict[object, tuple[int, int, array[int]]]
    whole: list[tuple[tuple[object, object, date], str]]


_ZEROS = ("0", b"0")
_KEY, _DAY = itemgetter(3), itemgetter(4)
_SERIES, _NUMBER = itemgetter(0), itemgetter(1)
# Numbers that are whole numbers without a leading 0, joined by a space, as bytes and as text.
_WHOLE_NUMBERS: dict[type, tuple[re.Pattern[Any], Any]] = {
    bytes: (re.compile(rb"[1-9][0-9]*+(?: [1-9][0-9]*+)*+"), b" "),
    str: (re.compile(r"[1-9][0-9]*+(?: [1-9][0-9]*+)*+", re.ASCII), " "),
}
_ZERO = Decimal(0)
