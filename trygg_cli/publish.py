"""Open data: every year of the data dir as the rows a publication holds, and the folder it goes to.

A publication is each year file read and checked (a year that does not load is still a year:
a row with no figures and `valid` false), its lines as first decided and in force after the
year's budget changes, the changes themselves, and what the package says about itself (title,
description, license). No text: the writers (`render/publication.py`) make the files of it.

The folder is trygg's only where it holds trygg's marker (`.trygg-publish`), which lists the
files trygg wrote there: those are replaced, a user's other files stay as they are, and a
folder that holds other files and no marker is refused. Every file is made in a temporary folder
beside it first, so nothing in the folder changes until all of them are made.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import tempfile
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path, PurePath

from trygg_cli import amendments, files, rules
from trygg_cli.check import checked
from trygg_cli.files import Stray
from trygg_cli.model import Budget, Loaded, Problem, Source, TryggError
from trygg_cli.targets import load_file

MARKER = ".trygg-publish"
_MARKER_HEAD = "# trygg publish: the files trygg wrote in this folder, which it replaces (and nothing else)\n"


@dataclass(frozen=True, slots=True)
class License:
    """An open license, as a Data Package names it: its SPDX id, where its text is, its title."""

    name: str
    path: str
    title: str


LICENSES = {
    license.name: license
    for license in (
        License(
            "CC0-1.0", "https://creativecommons.org/publicdomain/zero/1.0/", "Creative Commons Zero v1.0 Universal"
        ),
        License(
            "CC-BY-4.0",
            "https://creativecommons.org/licenses/by/4.0/",
            "Creative Commons Attribution 4.0 International",
        ),
        License(
            "ODC-By-1.0", "https://opendatacommons.org/licenses/by/1-0/", "Open Data Commons Attribution License v1.0"
        ),
        License(
            "ODbL-1.0", "https://opendatacommons.org/licenses/odbl/1-0/", "Open Data Commons Open Database License v1.0"
        ),
        License(
            "PDDL-1.0",
            "https://opendatacommons.org/licenses/pddl/1-0/",
            "Open Data Commons Public Domain Dedication and License v1.0",
        ),
    )
}


def chosen_license(asked: str) -> License:
    """The license an SPDX id names (in any case). Raises `TryggError` for one trygg does not know."""
    for name, known in LICENSES.items():
        if name.lower() == asked.strip().lower():
            return known
    raise TryggError("unknown-license", license=asked, known=", ".join(LICENSES))


def check_url(url: str | None) -> None:
    """A --base-url is a web address (http or https, with a host). Raises `TryggError` otherwise."""
    if url is None:
        return
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc or any(char.isspace() for char in url):
        raise TryggError("publish-bad-url", url=url)


@dataclass(frozen=True, slots=True)
class Line:
    """One line of a year: its budget in force after the year's changes and as first decided, in kronor."""

    id: str
    name: str
    amount: Decimal
    original: Decimal
    note: str | None


@dataclass(frozen=True, slots=True)
class Move:
    """One line's part of a budget change in force: a signed amount in kronor."""

    date: date
    decision: str
    id: str
    amount: Decimal


@dataclass(frozen=True, slots=True)
class Year:
    """A year file as published. `budget` is in force after the year's changes and `first` as
    first decided (both None where the file does not load); `lines` every line of the file in
    its order (a repeated id too), `moves` the changes in force, `problems` what is wrong."""

    year: int
    source: str  # the file's name, never a local path
    budget: Budget | None
    first: Budget | None
    lines: tuple[Line, ...]
    moves: tuple[Move, ...]
    problems: tuple[Problem, ...]
    path: str  # where it was read, to say its problems; never published

    @property
    def valid(self) -> bool:
        return not self.problems

    @property
    def keyed(self) -> list[Line]:
        """The first line of each id: the rows of the table keyed by year and id."""
        seen: set[str] = set()
        kept = []
        for line in self.lines:
            if line.id not in seen:
                seen.add(line.id)
                kept.append(line)
        return kept

    @property
    def lines_sum(self) -> Decimal | None:
        return None if self.budget is None else sum((line.amount for line in self.lines), Decimal(0))


@dataclass(frozen=True, slots=True)
class Publication:
    """Every year, oldest first, and what the package says about itself. `title` None: the
    writers say "Budget"; `description` None: they say what the package holds."""

    years: tuple[Year, ...]
    title: str | None
    name: str
    description: str | None
    license: License
    base_url: str | None
    created: datetime

    @property
    def problems(self) -> list[Problem]:
        return [problem for year in self.years for problem in year.problems]

    @property
    def budgets(self) -> list[Budget]:
        return [year.budget for year in self.years if year.budget is not None]


def read_years(data_dir: Path) -> tuple[list[Loaded], tuple[Stray, ...]]:
    """Every year file of the data dir, loaded and checked, and the files not read as years. A
    file that cannot be read at all is a year with no budget and one problem saying why.
    Raises `TryggError` where the data dir is missing or holds no year file."""
    if not data_dir.is_dir():
        raise files.no_data_dir(data_dir)
    found = files.scan(data_dir)
    if not found.years:
        raise TryggError("no-budget-files", folder=data_dir)
    loaded = []
    for path in found.years.values():
        try:
            loaded.append(checked(load_file(path)))
        except TryggError as error:
            why = str(error.figures.get("why") or error.reason)
            problem = Problem("unreadable", "unreadable", Source(str(path), 1), {"why": why})
            loaded.append(Loaded(str(path), None, (problem,)))
    return loaded, found.strays


def year_of(loaded: Loaded) -> Year:
    """A loaded year file as published; its year is the year of its file's name."""
    name = PurePath(loaded.path).name
    number = rules.year_of_file(name)
    first = loaded.budget
    if number is None:
        number = first.year if first is not None else 0
    if first is None:
        return Year(number, name, None, None, (), (), loaded.problems, loaded.path)
    budget = amendments.in_force(first)
    lines = tuple(
        Line(item.id, item.name, item.amount, original.amount, item.note)
        for item, original in zip(budget.items, first.items, strict=True)
    )
    moves = tuple(
        Move(change.date, change.decision, move.id, move.amount)
        for change in amendments.in_force_changes(first)
        for move in change.moves
    )
    return Year(number, name, budget, first, lines, moves, loaded.problems, loaded.path)


def publication(
    loaded: Sequence[Loaded],
    license: License,
    *,
    title: str | None = None,
    base_url: str | None = None,
    created: datetime | None = None,
) -> Publication:
    """The years read (each file once), oldest first, as one publication."""
    years = sorted((year_of(found) for found in {id(found): found for found in loaded}.values()), key=_by_year)
    newest = next((year.budget for year in reversed(years) if year.budget is not None), None)
    if title is None and newest is not None and newest.title:
        title = newest.title.removesuffix(f" {newest.year}").strip() or newest.title
    description = newest.note if newest is not None else None
    return Publication(
        tuple(years),
        title,
        slug(title or "budget"),
        description,
        license,
        base_url,
        created or datetime.now().astimezone().replace(microsecond=0),
    )


def _by_year(year: Year) -> tuple[int, str]:
    return (year.year, year.source)


def slug(title: str) -> str:
    """A package name as Data Packages want one (lower case letters, digits, -, _ and .):
    "Trygghetspaketet" is trygghetspaketet, "Öppna budgetar" oppna-budgetar."""
    plain = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode("ascii").lower()
    return re.sub(r"[^a-z0-9._]+", "-", plain).strip("-._") or "budget"


# The folder -------------------------------------------------------------------------------------


def claim(folder: Path) -> tuple[str, ...]:
    """The files trygg wrote in `folder` last time, from its marker; () for a new or empty folder.
    Raises `TryggError` where the folder holds other files and no marker, or is not a folder."""
    if not folder.exists():
        return ()
    if not folder.is_dir():
        raise TryggError("publish-not-a-folder", path=folder)
    marker = folder / MARKER
    try:
        if marker.is_file():
            return _listed(marker.read_text(encoding="utf-8"))
        others = sorted(path.name for path in folder.iterdir())
    except (OSError, UnicodeDecodeError) as error:
        why = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
        raise TryggError("cannot-read", path=marker, why=why.lower()) from None
    if others:
        shown = ", ".join(others[:5]) + (", …" if len(others) > 5 else "")
        raise TryggError("publish-not-ours", folder=folder, names=shown, marker=MARKER)
    return ()


def _listed(text: str) -> tuple[str, ...]:
    """The names a marker lists: a plain file name each, never a path (a marker edited to name
    `../x` or a hidden file removes nothing outside what trygg writes)."""
    names = (line.strip() for line in text.splitlines())
    return tuple(name for name in names if name and not name.startswith((".", "#")) and "/" not in name)


def replace_files(folder: Path, made: Mapping[str, bytes], before: Sequence[str]) -> None:
    """Write `made` (name: bytes) into `folder`, with the marker, replacing the files of the
    last publication (`before`, as `claim` gave them): a file written then and not now is
    removed, any other file is left as it is. Every file is made and synced in a folder beside
    `folder` first; a new folder is then that folder, renamed; in an existing one each file is
    renamed into place (the marker first claims both the old files and the new). Raises
    `TryggError` where the files cannot be written (nothing in `folder` has changed then)."""
    folder = folder.absolute()
    names = sorted(made)
    staging: Path | None = None
    try:
        folder.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", suffix=".tmp", dir=folder.parent))
        for name, data in made.items():
            _write_synced(staging / name, data)
        _write_synced(staging / MARKER, _marker(names))
        if not folder.exists():
            os.chmod(staging, 0o777 & ~_umask())
            os.rename(staging, folder)
            staging = None
            return
        _write_synced(folder / (MARKER + ".tmp"), _marker(sorted({*names, *before})))
        os.replace(folder / (MARKER + ".tmp"), folder / MARKER)
        for name in names:
            os.replace(staging / name, folder / name)
        for name in set(before) - set(names):
            (folder / name).unlink(missing_ok=True)
        os.replace(staging / MARKER, folder / MARKER)
    except OSError as error:
        raise TryggError("cannot-write", path=folder, why=(error.strerror or str(error)).lower()) from None
    finally:
        if staging is not None:
            shutil.rmtree(staging, ignore_errors=True)


def _marker(names: Sequence[str]) -> bytes:
    return (_MARKER_HEAD + "".join(name + "\n" for name in names)).encode("utf-8")


def _write_synced(path: Path, data: bytes) -> None:
    with open(path, "wb") as stream:
        stream.write(data)
        stream.flush()
        with contextlib.suppress(OSError):
            os.fsync(stream.fileno())


def _umask() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return umask
