"""Next year's file from last year's: the same lines, amounts and total, the year moved on.

The new file is last year's text with the year changed, not a file written afresh, so every
amount stays exactly as it was written (`0.80` stays `0.80`), and so do the notes, the
comments and the line endings. Only the header comment is new: it says where the file came from.
The first year of a data dir starts from a template instead (`start`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

from trygg_cli import amendments, files, reader, rules, targets
from trygg_cli.check import checked
from trygg_cli.load import load_data
from trygg_cli.model import Budget, Loaded, TryggError

SCHEMA_COMMENT = re.compile(r"#\s*yaml-language-server:")


@dataclass(frozen=True, slots=True)
class Dropped:
    """A date of an item's period that the new year does not take over (only a year's first and
    last day move on): the item, the key, and the date as it was."""

    id: str
    key: str
    day: date


@dataclass(frozen=True, slots=True)
class Origin:
    """What a new year's header comment says: the year, the file and year it started from, the
    day, and how many of that year's budget changes are in its amounts."""

    year: int
    source: str
    previous: int
    today: date
    applied: int


Header = Callable[[Origin], list[str]]  # the header's lines, in the run's language, without line ends


def english_header(origin: Origin) -> list[str]:
    """The header in English (the CLI says it in the run's language)."""
    year, previous, today = origin.year, origin.previous, origin.today.isoformat()
    lines = [f"# {year}, started from {origin.source} ({previous}) by `trygg new {year}` on {today}."]
    if origin.applied:
        changes = "1 budget change" if origin.applied == 1 else f"{origin.applied} budget changes"
        lines.append(f"# The amounts and the total are {previous}'s in force: {changes} of {previous} are in them.")
    lines.append(f"# Edit the items and the total, then check them with `trygg validate {year}`.")
    return lines


def next_year_text(
    text: str, budget: Budget, year: int, origin: str, today: date, *, header: Header = english_header
) -> tuple[str, list[Dropped]]:
    """`text` (the file `budget` was loaded from) made over for `year`, and the dates it left out."""
    lines = text.splitlines(keepends=True)
    newline = "\r\n" if lines and lines[0].endswith("\r\n") else "\n"
    old = str(budget.year)
    if budget.year_source is not None:
        number, column = budget.year_source.line - 1, (budget.year_source.column or 1) - 1
        line = lines[number]
        lines[number] = line[:column] + line[column:].replace(old, str(year), 1)
    if budget.title_source is not None:
        number, column = budget.title_source.line - 1, (budget.title_source.column or 1) - 1
        line = lines[number]
        lines[number] = line[:column] + re.sub(rf"\b{old}\b", str(year), line[column:])
    lines, dropped = _periods_moved_on(lines, budget, year)
    applied = len(amendments.in_force_changes(budget))
    if budget.changes:
        lines = _in_force(lines, budget)
    lines = _without_forecasts(lines)
    body = _without_header(lines)
    schema = [line for line in lines[: len(lines) - len(body)] if SCHEMA_COMMENT.match(line)]
    said = header(Origin(year, origin, budget.year, today, applied))
    return "".join(schema + [line + newline for line in said] + body), dropped


_AMOUNT = re.compile(r"( *(?:- )?amount:[ \t]*)([^\s#]+)(.*)", re.DOTALL)
_TOTAL = re.compile(r"(total:[ \t]*)([^\s#]+)(.*)", re.DOTALL)


def _in_force(lines: list[str], budget: Budget) -> list[str]:
    """The lines with each changed item's amount and the total as in force after the year's
    changes (in the shortest exact form in the file's unit), and without the `changes` block."""
    after = amendments.in_force(budget)
    starts = [_dash_line(lines, item.source.line - 1 if item.source else 0) for item in budget.items] + [len(lines)]
    for number, (item, now) in enumerate(zip(budget.items, after.items, strict=True)):
        if now.amount == item.amount:
            continue
        for index in range(starts[number], starts[number + 1]):
            found = _AMOUNT.fullmatch(lines[index])
            if found is not None:
                lines[index] = found.group(1) + _shortest(now.amount, budget) + found.group(3)
                break
    if after.total != budget.total and budget.total_source is not None:
        index = budget.total_source.line - 1
        found = _TOTAL.fullmatch(lines[index])
        if found is not None:
            lines[index] = found.group(1) + _shortest(after.total, budget) + found.group(3)
    return _without_block(lines, "changes:")


def _shortest(kronor: Decimal, budget: Budget) -> str:
    """An amount in the file's unit, written as briefly as it is exact: 0.6, 1.8, 12."""
    return format((kronor / budget.unit.kronor).normalize(), "f")


def _without_block(lines: list[str], key: str) -> list[str]:
    """The lines without a top-level `key` and everything under it (indented, or blank between)."""
    kept: list[str] = []
    inside = False
    for line in lines:
        if line.startswith(key):
            inside = True
            continue
        if inside and (not line.strip() or line[0] in " \t#"):
            continue
        inside = False
        kept.append(line)
    return kept


_PERIOD_KEY = re.compile(r"( *)(- )?(start|end):[^\r\n]*(\r?\n)?")


def _periods_moved_on(lines: list[str], budget: Budget, year: int) -> tuple[list[str], list[Dropped]]:
    """Each item's `start` and `end`: a year's first or last day moves to the new year's; any
    other date is this year's only, and its line is marked for leaving out (`_DROP`)."""
    dropped: list[Dropped] = []
    starts = [_dash_line(lines, item.source.line - 1 if item.source else 0) for item in budget.items] + [len(lines)]
    for number, item in enumerate(budget.items):
        for key, day in (("start", item.start), ("end", item.end)):
            if day is None:
                continue
            for index in range(starts[number], starts[number + 1]):
                found = _PERIOD_KEY.fullmatch(lines[index])
                if found is None or found.group(3) != key:
                    continue
                if (day.month, day.day) in ((1, 1), (12, 31)):
                    lines[index] = lines[index].replace(day.isoformat(), day.replace(year=year).isoformat(), 1)
                else:
                    lines[index] = _DROP + lines[index]
                    dropped.append(Dropped(item.id, key, day))
                break
    return lines, dropped


def _dash_line(lines: list[str], index: int) -> int:
    """The line that starts the item whose id is on line `index`: its own, or the nearest "- " above."""
    while index > 0 and not lines[index].lstrip(" ").startswith("- "):
        index -= 1
    return index


_DROP = "\0"  # a line marked for leaving out
_FORECAST = re.compile(r"( *)(- )?forecast:[^\r\n]*(\r?\n)?")


def _without_forecasts(lines: list[str]) -> list[str]:
    """The lines without any item's `forecast:` (and the dates under a forecast by dates), which
    is this year's, not next year's, nor the lines marked for leaving out. Where one was an item's
    first key, the item's next key takes its "- "."""
    kept: list[str] = []
    dash_at: int | None = None  # a dropped "- forecast:" line's indentation
    under: int | None = None  # a dropped key's column: lines indented deeper belong to it
    for line in lines:
        marked = line.startswith(_DROP)
        found = _FORECAST.fullmatch(line) or _PERIOD_KEY.fullmatch(line.removeprefix(_DROP))
        if marked or (found is not None and found.group(0).lstrip(" -").startswith("forecast")):
            assert found is not None
            dash_at = len(found.group(1)) if found.group(2) else dash_at
            under = len(found.group(1)) + (2 if found.group(2) else 0)
            continue
        if under is not None and line.strip() and len(line) - len(line.lstrip(" ")) > under:
            continue  # a date of a forecast by dates
        under = None
        indented = dash_at is not None and line.startswith(" " * (dash_at + 2)) and line[dash_at + 2] != " "
        kept.append(line[:dash_at] + "- " + line[dash_at + 2 :] if indented and dash_at is not None else line)
        dash_at = None
    return kept


def _without_header(lines: list[str]) -> list[str]:
    """The lines after the leading comments and blank lines, which described the old year."""
    for number, line in enumerate(lines):
        if line.strip() and not line.lstrip().startswith("#"):
            return lines[number:]
    return []


def roll_over(
    previous: Loaded, data: bytes, year: int, target: str, today: date, *, header: Header = english_header
) -> tuple[bytes, Loaded, list[Dropped]]:
    """The new year's file from a previous one that loads cleanly, and what loading it gives.

    `data` is the previous file's bytes. The result is checked as `target` before anyone writes
    it, so a file trygg starts is one `trygg validate` accepts.
    """
    budget = previous.budget
    if budget is None or previous.problems:
        raise ValueError("roll_over needs a previous year without problems")
    text, _ = reader.decode(data, previous.path)
    new_text, dropped = next_year_text(text or "", budget, year, previous.path, today, header=header)
    new_data = new_text.encode("utf-8")
    return new_data, checked(load_data(new_data, target)), dropped


@dataclass(frozen=True, slots=True)
class Start:
    """A new year's file, made but not yet written: where it goes, its bytes, what loading them
    gives, and the year it started from (None: the template). Where that year has problems, the
    new file is not made (`data` is empty) and `previous` says why."""

    target: Path
    data: bytes
    result: Loaded | None
    previous: Loaded | None
    dropped: tuple[Dropped, ...] = ()  # dates of the previous year's periods left out

    @property
    def ready(self) -> bool:
        """Made, and `trygg validate` accepts it."""
        return self.result is not None and self.result.budget is not None and not self.result.problems


def start(
    year: str,
    data_dir: Path,
    previous: str | None,
    template: bytes,
    today: date,
    *,
    force: bool,
    header: Header = english_header,
) -> Start:
    """`year`'s file, from `previous` (default: the latest earlier year of the data dir), or from
    `template` where the data dir has no year yet. Raises `TryggError` where it cannot be made
    (not a year; the file exists and `force` is not given; no earlier year to start from)."""
    if not rules.YEAR_PATTERN.fullmatch(year):
        raise TryggError("not-a-year", year=year)
    target = files.year_file(data_dir, year)
    if target.exists() and not force:
        raise TryggError("exists", path=target)
    source = targets.start_from(int(year), data_dir, previous)
    if source is None:
        return Start(target, template, checked(load_data(template, str(target))), None)
    loaded, data = targets.read_file(source)
    loaded = checked(loaded)
    if loaded.budget is None or loaded.problems:
        return Start(target, b"", None, loaded)
    new_data, result, dropped = roll_over(loaded, data, int(year), str(target), today, header=header)
    return Start(target, new_data, result, loaded, tuple(dropped))


def write(started: Start, *, force: bool) -> None:
    """Write the new file safely (a finished file or none); never over one unless `force`."""
    try:
        started.target.parent.mkdir(parents=True, exist_ok=True)
        files.write_atomic(started.target, started.data, replace=force)
    except FileExistsError:
        raise TryggError("exists", path=started.target) from None
    except OSError as error:
        raise TryggError("cannot-write", path=started.target, why=error.strerror or str(error)) from None
