"""A year through its commits: what each commit changed in the budget, as rows of data.

Versions come oldest first (`revisions.versions`); each is loaded once per distinct blob and
compared with the last version that loaded. A commit that changed only notes, comments or layout
is left out and counted; one at which the file did not load is kept, with its problems counted.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from trygg_cli.check import checked
from trygg_cli.compare import Change, Status, compare
from trygg_cli.load import load_bytes
from trygg_cli.model import Budget, Loaded, Unit
from trygg_cli.revisions import Version


@dataclass(frozen=True, slots=True)
class Entry:
    """One commit that changed the year's content (or at which it did not load)."""

    version: Version
    loads: bool
    problems: int
    changes: tuple[Change, ...] = ()  # the lines that changed
    total: tuple[Decimal, Decimal] | None = None  # the total before and after, where it changed
    unit: Unit | None = None


@dataclass(frozen=True, slots=True)
class History:
    entries: tuple[Entry, ...]  # newest first
    skipped: int  # commits that changed only notes, comments or layout (or, with an item, not it)
    item: str | None = None


def history(versions: Sequence[Version], blobs: dict[str, bytes], path: str, item: str | None = None) -> History:
    loaded: dict[str, Loaded] = {}
    entries: list[Entry] = []
    skipped = 0
    last: Budget | None = None
    for version in versions:
        if version.blob is None:  # the commit removed the file
            entries.append(Entry(version, False, 0))
            continue
        if version.blob not in loaded:
            budget, problems = load_bytes(blobs[version.blob], f"{path}@{version.commit[:7]}")
            loaded[version.blob] = checked(Loaded(path, budget, tuple(problems), version.commit[:7]))
        found = loaded[version.blob]
        budget = found.budget
        if budget is None:
            entries.append(Entry(version, False, len(found.problems)))
            continue
        changes = _changes(last, budget, item)
        total = (last.total if last else Decimal(0), budget.total)
        total_changed = item is None and (last is None or last.total != budget.total)
        if changes or total_changed:
            entries.append(
                Entry(version, True, len(found.problems), changes, total if total_changed else None, budget.unit)
            )
        else:
            skipped += 1
        last = budget
    return History(tuple(reversed(entries)), skipped, item)


def _changes(before: Budget | None, after: Budget, item: str | None) -> tuple[Change, ...]:
    empty = Budget(after.year, after.unit, Decimal(0), ())
    comparison = compare(before or empty, after)
    return tuple(
        change
        for change in comparison.changes
        if (change.status is not Status.UNCHANGED or change.renamed) and (item is None or change.id == item)
    )
