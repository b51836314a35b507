"""A year through its commits: what each commit changed in the budget, as rows of data.

Versions come oldest first (`revisions.versions`); each is loaded once per distinct blob and
compared with the last version that loaded. A commit that changed only notes, comments or layout
is left out and counted; one at which the file did not load is kept, with its problems counted.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from pathlib import Path

from trygg_cli import files, money, revisions
from trygg_cli.check import checked
from trygg_cli.compare import Change, Status, compare
from trygg_cli.load import load_data
from trygg_cli.model import Budget, Loaded, Match, TryggError, Unit
from trygg_cli.revisions import Version
from trygg_cli.targets import load_file


@dataclass(frozen=True, slots=True)
class FollowChange:
    """A line whose follow-up changed (the package itself, where `id` is None): which postings
    count as its (`match`, before and after) or the officer's own forecast (in kronor). A part
    that did not change is None."""

    id: str | None
    name: str
    match: tuple[Match, Match] | None = None
    forecast: tuple[Decimal | None, Decimal | None] | None = None


def follow_changes(before: Budget | None, after: Budget, item: str | None = None) -> tuple[FollowChange, ...]:
    """The package's `match`, and each line's `match` and `forecast`, where they differ between
    two versions of a year (lines that are new or gone are changes of their own)."""
    if before is None:
        return ()
    found: list[FollowChange] = []
    if before.match != after.match and item is None:
        found.append(FollowChange(None, "", match=(before.match, after.match)))
    old_items = {line.id: line for line in reversed(before.items)}
    for line in after.items:
        old = old_items.get(line.id)
        if old is None or (item is not None and line.id != item):
            continue
        match = (old.match, line.match) if old.match != line.match else None
        forecast = (old.forecast, line.forecast) if old.forecast != line.forecast else None
        if match or forecast:
            found.append(FollowChange(line.id, line.name, match, forecast))
    return tuple(found)


@dataclass(frozen=True, slots=True)
class Decision:
    """A budget change a commit added or edited: its decision, and each line's name and the
    signed amount moved to it."""

    decision: str
    moves: tuple[tuple[str, Decimal], ...]


def decisions(before: Budget | None, after: Budget, item: str | None = None) -> tuple[Decision, ...]:
    """The budget changes of `after` that `before` does not have as they are (new, or edited),
    with `item`: only those that move money to or from it."""
    earlier = before.changes if before is not None else ()
    names = {line.id: line.name for line in after.items}
    return tuple(
        Decision(change.decision, tuple((names.get(move.id, move.id), move.amount) for move in change.moves))
        for change in after.changes
        if change not in earlier and (item is None or any(move.id == item for move in change.moves))
    )


@dataclass(frozen=True, slots=True)
class Entry:
    """One commit that changed the year's content (or at which it did not load)."""

    version: Version
    loads: bool
    problems: int
    changes: tuple[Change, ...] = ()  # the lines that changed
    total: tuple[Decimal, Decimal] | None = None  # the total before and after, where it changed
    unit: Unit | None = None
    follow: tuple[FollowChange, ...] = ()  # lines whose match or own forecast changed
    decisions: tuple[Decision, ...] = ()  # budget changes the commit added or edited
    created: bool = False  # the year's first version: its creation, not a change of it


@dataclass(frozen=True, slots=True)
class YearChange:
    """One year file that differs between a base revision and the work tree: as it was, as it is."""

    year: int
    before: Loaded | None  # None: a new year
    after: Loaded | None  # None: the year's file was removed


def changed_years(folder: Path, base: str) -> list[YearChange]:
    """Every year file of the data dir that differs between `base` and the work tree (files git
    does not track yet included), each loaded and checked as it was and as it is."""
    before = revisions.year_files_at(folder, base)
    now = files.scan(folder).years
    changes = []
    for year in sorted(set(before) | set(now)):
        old = revisions.read_at(before[year], base) if year in before else None
        if old == (now[year].read_bytes() if year in now else None):
            continue
        was = checked(load_data(old, str(before[year]), base)) if old is not None else None
        changes.append(YearChange(year, was, checked(load_file(now[year])) if year in now else None))
    return changes


@dataclass(frozen=True, slots=True)
class History:
    entries: tuple[Entry, ...]  # newest first
    skipped: int  # commits that changed only notes, comments or layout (or, with an item, not it)
    item: str | None = None


def history(versions: Sequence[Version], blobs: dict[str, bytes], path: str, item: str | None = None) -> History:
    """Every commit that changed the year's content, newest first; with `item` (an id or a name, in
    any case, that the line has had in the year's history), only those that changed that line.
    Raises `TryggError` for an `item` the history has not had, or a name two ids have had."""
    loaded: dict[str, Loaded] = {}
    clean: tuple[list[bytes], Budget] | None = None  # the last version that loaded without a problem
    for version in versions:
        if version.blob is None or version.blob in loaded:
            continue
        lines = blobs[version.blob].split(b"\n")
        budget = amounts_moved(clean, lines) if clean else None
        if budget is None:
            loaded[version.blob] = checked(load_data(blobs[version.blob], path, version.commit[:7]))
        else:
            loaded[version.blob] = checked(Loaded(path, budget, (), version.commit[:7]))
        if loaded[version.blob].budget is not None and not loaded[version.blob].problems:
            clean = (lines, loaded[version.blob].budget)  # type: ignore[assignment]
    if item is not None:
        item = _line_of([found.budget for found in loaded.values() if found.budget is not None], item)
    entries: list[Entry] = []
    skipped = 0
    last: Budget | None = None
    for version in versions:
        if version.blob is None:  # the commit removed the file
            entries.append(Entry(version, False, 0))
            continue
        found = loaded[version.blob]
        budget = found.budget
        if budget is None:
            entries.append(Entry(version, False, len(found.problems)))
            continue
        changes = _changes(last, budget, item)
        total = (last.total if last else Decimal(0), budget.total)
        total_changed = item is None and (last is None or last.total != budget.total)
        follow = follow_changes(last, budget, item)
        decided = decisions(last, budget, item)
        if changes or total_changed or follow or decided:
            total_shown = total if total_changed else None
            entries.append(
                Entry(
                    version,
                    True,
                    len(found.problems),
                    changes,
                    total_shown,
                    budget.unit,
                    follow,
                    decided,
                    created=last is None,
                )
            )
        else:
            skipped += 1
        last = budget
    return History(tuple(reversed(entries)), skipped, item)


def _line_of(budgets: Sequence[Budget], asked: str) -> str:
    """The id of the line `asked` names: an id, or a name (any case) it has had in these versions."""
    wanted = asked.strip().casefold()
    ids = list(dict.fromkeys(item.id for budget in budgets for item in budget.items))
    if any(found.casefold() == wanted for found in ids):
        return next(found for found in ids if found.casefold() == wanted)
    named = list(
        dict.fromkeys(item.id for budget in budgets for item in budget.items if item.name.casefold() == wanted)
    )
    if len(named) == 1:
        return named[0]
    if named:
        raise TryggError("item-two-ids", item=asked, ids=", ".join(named))
    raise TryggError("no-such-item-ever", item=asked, known=", ".join(ids) or "–")


def _changes(before: Budget | None, after: Budget, item: str | None) -> tuple[Change, ...]:
    empty = Budget(after.year, after.unit, Decimal(0), ())
    comparison = compare(before or empty, after)
    return tuple(
        change
        for change in comparison.changes
        if (change.status is not Status.UNCHANGED or change.renamed) and (item is None or change.id == item)
    )


_AMOUNT = re.compile(rb"( +)amount: ([0-9]+(?:\.[0-9]+)?)\r?")
_TOTAL = re.compile(rb"total: ([0-9]+(?:\.[0-9]+)?)\r?")


def amounts_moved(clean: tuple[list[bytes], Budget], lines: list[bytes]) -> Budget | None:
    """The budget of `lines`, where they are the lines of a version that loaded without a problem
    with only plain amounts or the total changed: each changed line certainly an item's `amount:`
    (at its item's key indentation, inside that item) or the top-level `total:`. None where that
    is not beyond doubt: then the version is read in full. A long history is mostly such commits."""
    before, budget = clean
    if len(lines) != len(before):
        return None
    changed = [number for number, (old, new) in enumerate(zip(before, lines, strict=True)) if old != new]
    starts = [item.source.line - 1 if item.source else -1 for item in budget.items]  # 0-based id lines
    amounts = {item.id: item.amount for item in budget.items}
    total = budget.total
    unit = budget.unit
    for number in changed:
        new = lines[number]
        if (found := _TOTAL.fullmatch(new)) and _TOTAL.fullmatch(before[number]):
            kronor = _kronor(found.group(1), unit)
            if kronor is None:
                return None
            total = kronor
            continue
        found, old = _AMOUNT.fullmatch(new), _AMOUNT.fullmatch(before[number])
        owner = bisect.bisect_right(starts, number) - 1
        if not found or not old or found.group(1) != old.group(1) or owner < 0:
            return None
        item = budget.items[owner]
        assert item.source is not None and item.source.column is not None
        key_indent = item.source.column - 1 - len("id: ")
        if len(found.group(1)) != key_indent or not _inside(before, starts[owner], number, key_indent):
            return None
        kronor = _kronor(found.group(2), unit)
        if kronor is None:
            return None
        amounts[item.id] = kronor
    items = tuple(
        item if item.amount == amounts[item.id] else replace(item, amount=amounts[item.id]) for item in budget.items
    )
    # Places stay those of the version it came from: a history counts a version's problems and
    # never prints where they are. Everything else (match, forecast, notes) is the version's too.
    return replace(budget, total=total, items=items)


def _inside(lines: list[bytes], start: int, end: int, indent: int) -> bool:
    """Every line between an item's id line and `end` belongs to that item (blank and comment
    lines aside), so a key at `indent` there is one of its keys."""
    for line in lines[start + 1 : end]:
        stripped = line.strip()
        if stripped and not stripped.startswith(b"#") and len(line) - len(line.lstrip(b" ")) < indent:
            return False
    return True


def _kronor(written: bytes, unit: Unit) -> Decimal | None:
    value, why = money.read_amount(written.decode(), quoted=False)
    if value is None or why is not None:
        return None
    kronor = value * unit.kronor
    return None if money.kronor_problem(kronor, written.decode(), unit) else kronor
