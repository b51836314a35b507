"""What the user named, as loaded year files: the one road from an argument to a checked year.

A target is a year (`2021`, read in the data dir), a path, a folder of year files, any of these
at a git revision (`2021@main`, `data/budget-2021.yaml@HEAD~1`), `-` (standard input), or, named
by no argument, every year of the data dir. Each command resolves its arguments here and gets
each file read once, loaded and checked, with the files of the data dir it did not read as years
(`strays`) for the CLI to name. Reading a file from disk, with its size limit, is here too:
`load` turns bytes into a budget and nothing else.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from trygg_cli import amendments, files, reader, rules
from trygg_cli.check import checked
from trygg_cli.files import Stray
from trygg_cli.load import load_bytes, load_data
from trygg_cli.model import Loaded, Problem, Source, TryggError

if TYPE_CHECKING:
    from trygg_cli.reader import Parser

STDIN_NAME = "<stdin>"  # where a year read from standard input says its problems are
STDIN = "-"


@dataclass(frozen=True, slots=True)
class Named:
    """What a YEAR or PATH argument names: the year or path, and the revision (None: the work tree)."""

    name: str
    rev: str | None = None


def split(target: str) -> Named:
    """`2021@main` is 2021 at main. A path that exists as written is never split, since paths and
    revisions may both hold an `@` (`HEAD@{1}`): the first `@` after a year or an existing path
    splits, else the first `@` at all."""
    if target == STDIN or Path(target).exists() or "@" not in target:
        return Named(target)
    places = [place for place, char in enumerate(target) if char == "@"]
    for place in places:
        name = target[:place]
        if rules.YEAR_PATTERN.fullmatch(name) or Path(name).exists():
            return Named(name, target[place + 1 :])
    return Named(target[: places[0]], target[places[0] + 1 :])


@dataclass(frozen=True, slots=True)
class Targets:
    """The files a command's arguments named, each loaded and checked, in the order named (a file
    named twice is the same `Loaded` twice); and the data dir's files not read as years."""

    loaded: tuple[Loaded, ...]
    strays: tuple[Stray, ...] = ()

    @property
    def unique(self) -> list[Loaded]:
        """Each file once, though it was named twice (`trygg diff 2023 2023`)."""
        return list({id(loaded): loaded for loaded in self.loaded}.values())

    @property
    def problems(self) -> list[Problem]:
        return [problem for loaded in self.unique for problem in loaded.problems]


def load_targets(
    targets: Sequence[str] | None, data_dir: Path, stdin: Callable[[], bytes], *, folders: bool = False
) -> Targets:
    """Each target read, loaded and checked (none named: every year of the data dir); with
    `folders`, a folder stands for its year files. `stdin` gives standard input's bytes, for `-`.
    Raises `TryggError` for a target that names nothing to read."""
    wanted: list[tuple[Path, str | None]] = []  # each file, and the revision to read it at
    strays: list[Stray] = []
    if not targets:
        targets, strays = _every_year(data_dir)
    for target in targets:
        asked = split(target)
        name, rev = asked.name, asked.rev
        if folders and rev is None and Path(name).is_dir():
            found = files.scan(Path(name))
            strays += found.strays
            wanted += [(path, None) for path in found.years.values()]
        elif name == STDIN:
            wanted.append((Path(STDIN_NAME), None))
        elif rev is None:
            if rules.YEAR_PATTERN.fullmatch(name):
                strays += [stray for stray in files.scan(data_dir).strays if stray.year == int(name)]
            wanted.append((files.resolve(name, data_dir), None))
        elif rules.YEAR_PATTERN.fullmatch(name):
            wanted.append((files.year_file(data_dir, name), rev))
        else:
            wanted.append((Path(name), rev))
    if folders and not wanted:
        raise TryggError("no-budget-files", folder=Path(targets[0]))
    loaded: dict[tuple[Path, str | None], Loaded] = {}
    for path, rev in wanted:
        key = _key(path, rev)
        if key not in loaded:
            loaded[key] = checked(_read(path, rev, stdin))
    unique_strays = tuple(dict.fromkeys(strays))
    return Targets(tuple(loaded[_key(path, rev)] for path, rev in wanted), unique_strays)


def staged(found: Targets, on: date | None = None, *, original: bool = False) -> Targets:
    """Each year's budget as the tables show it: in force on `on` (None: after all its changes),
    or with `original` as first decided. Raises `TryggError` where both are asked for."""
    if on is not None and original:
        raise TryggError("as-of-and-original")
    made: dict[int, Loaded] = {}
    for loaded in found.loaded:
        if id(loaded) not in made:
            budget = loaded.budget and amendments.in_force(loaded.budget, on, original=original)
            made[id(loaded)] = replace(loaded, budget=budget)
    return replace(found, loaded=tuple(made[id(loaded)] for loaded in found.loaded))


def _every_year(data_dir: Path) -> tuple[list[str], list[Stray]]:
    """Every year file of the data dir, as targets, and the files it does not read as years."""
    if not data_dir.is_dir():
        raise files.no_data_dir(data_dir)
    found = files.scan(data_dir)
    if not found.years:
        raise TryggError("no-budget-files", folder=data_dir)
    return [str(path) for path in found.years.values()], list(found.strays)


def _key(path: Path, rev: str | None) -> tuple[Path, str | None]:
    return (path if path == Path(STDIN_NAME) else path.resolve(), rev)


def _read(path: Path, rev: str | None, stdin: Callable[[], bytes]) -> Loaded:
    """A file from the work tree, from a git revision, or (`<stdin>`) from standard input."""
    if path == Path(STDIN_NAME):
        return load_data(stdin(), STDIN_NAME)
    if rev is None:
        return load_file(path)
    from trygg_cli import revisions  # git, only where a revision is asked for

    return load_data(revisions.read_at(path, rev), str(path), rev)


def load_file(path: Path | str, parser: Parser | None = None) -> Loaded:
    """Read and load one budget file. Raises `TryggError` only if it cannot be read at all.

    Naming a YAML `parser` reads the file with it, never with the fast regular reader."""
    return read_file(path, parser)[0]


def read_file(path: Path | str, parser: Parser | None = None) -> tuple[Loaded, bytes]:
    """What loading one file gave, and the bytes it was loaded from (none for a file over the
    size limit, which is refused before it is read)."""
    name = str(path)
    size = _size(Path(path))
    if size > reader.MAX_FILE_BYTES:
        figures = {"size": size, "most": reader.MAX_FILE_BYTES}
        return Loaded(name, None, (Problem("too-large", "too-large", Source(name, 1), figures),)), b""
    try:
        data = Path(path).read_bytes()
    except OSError as error:
        raise _cannot_read(path, error) from None
    budget, problems = load_bytes(data, name, parser, regular=parser is None)
    return Loaded(name, budget, tuple(problems)), data


def _size(path: Path) -> int:
    try:
        status = path.stat()
    except OSError as error:
        raise _cannot_read(path, error) from None
    if path.is_dir():
        raise TryggError("is-a-directory", path=path)
    return status.st_size


def _cannot_read(path: Path | str, error: OSError) -> TryggError:
    if isinstance(error, FileNotFoundError):
        return TryggError("no-such-file", target=path)
    return files.cannot_read(path, error)


def year_path(year: str, data_dir: Path) -> tuple[Path, int]:
    """The file a YEAR or a path names for a year's history (which the work tree need not have:
    a year removed since), and the year it is."""
    if rules.YEAR_PATTERN.fullmatch(year):
        return files.year_file(data_dir, year), int(year)
    path = Path(year)
    return path, rules.year_of_file(path.name) or 0


def start_from(year: int, data_dir: Path, previous: str | None) -> Path | None:
    """The file a new year starts from: `previous` as named, else the latest earlier year in the
    data dir; None where the data dir has no year yet (the first year starts from a template)."""
    if previous is not None:
        return files.resolve(previous, data_dir)
    known = files.years(data_dir)
    earlier = [found for found in known if found < year]
    if not earlier:
        if known:
            raise TryggError("no-year-before", year=year, folder=data_dir)
        return None
    return files.year_file(data_dir, max(earlier))
