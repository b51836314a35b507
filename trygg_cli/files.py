"""Year files on disk: which file a YEAR or a path means, and writing one safely."""

from __future__ import annotations

import contextlib
import errno
import os
from dataclasses import dataclass, field
from pathlib import Path

from trygg_cli import rules
from trygg_cli.model import TryggError


def cannot_read(path: Path | str, error: OSError) -> TryggError:
    """A file the system would not let trygg read, in the system's own words."""
    reason = os.strerror(error.errno) if error.errno else str(error)
    return TryggError("cannot-read", path=path, why=reason.lower())


@dataclass(frozen=True, slots=True)
class Stray:
    """A file in the data dir that looks like a year's but is not read as one: a draft or a copy
    (`budget-2022-utkast.yaml`), or a second file for a year that has one (`kept`)."""

    path: Path
    year: int | None = None
    kept: Path | None = None


@dataclass(frozen=True, slots=True)
class DataDir:
    """The data dir's year files, one per year, and the files it does not read as years."""

    folder: Path
    years: dict[int, Path] = field(default_factory=dict)
    strays: tuple[Stray, ...] = ()


def scan(folder: Path) -> DataDir:
    """What the data dir holds. A year's file is budget-YYYY.yaml (or .yml, where there is no
    .yaml); anything else named budget-… is a stray, never read as a year."""
    if not folder.is_dir():
        return DataDir(folder)
    years: dict[int, Path] = {}
    strays: list[Stray] = []
    # .yaml before .yml, so the .yaml is the year's file where a year has both
    for path in sorted(folder.glob(rules.FILE_GLOB), key=lambda path: (path.suffix != ".yaml", path.name)):
        year = rules.year_of_file(path.name)
        if year is None:
            strays.append(Stray(path, rules.year_in_stray(path.name)))
        elif year in years:
            strays.append(Stray(path, year, years[year]))
        else:
            years[year] = path
    ordered = dict(sorted(years.items()))
    return DataDir(folder, ordered, tuple(sorted(strays, key=lambda stray: stray.path.name)))


def year_file(data_dir: Path, year: int | str) -> Path:
    """The file of `year` in the data dir: the one there is, else the name trygg gives a new one."""
    return scan(data_dir).years.get(int(year)) or data_dir / rules.file_name(year)


def resolve(target: str, data_dir: Path) -> Path:
    """The file a YEAR (`2021`, read in the data dir) or a path (`old/budget-2019.yaml`) names."""
    if rules.YEAR_PATTERN.fullmatch(target):
        found = scan(data_dir)
        if not data_dir.is_dir():
            raise no_data_dir(data_dir)
        if int(target) not in found.years:
            path = data_dir / rules.file_name(target)
            raise TryggError("no-such-year", year=target, path=path, folder=data_dir, known=list(found.years))
        return found.years[int(target)]
    path = Path(target)
    if path.exists():
        return path
    meant = data_dir / path.name
    year = rules.year_of_file(path.name)
    if meant.exists() and year is not None and not path.parent.parts:
        raise TryggError("no-such-file.meant", code="no-such-file", target=target, meant=meant, year=year)
    raise TryggError("no-such-file", target=target)


def no_data_dir(folder: Path) -> TryggError:
    return TryggError("no-data-dir", folder=folder, cwd=Path.cwd())


def years(data_dir: Path) -> list[int]:
    """The years that have a file in the data dir, from the file names alone."""
    return list(scan(data_dir).years)


def write_atomic(path: Path, data: bytes, *, replace: bool = False) -> None:
    """Write `path` so that it is either absent, as it was, or complete: never half-written.

    The bytes go to a file in the same folder that has no name yet (Linux's O_TMPFILE), are
    synced, and only then get their name, so a crash or a full disk leaves nothing behind.
    Elsewhere a named temporary file is used and removed on any error. Without `replace` an
    existing file is never touched (FileExistsError). The file gets the permissions the umask
    gives a new file, or keeps those of the file it replaces.
    """
    mode = _mode_for(path)
    folder = os.open(path.parent, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        try:
            _write_unnamed(folder, path.name, data, mode, replace)
        except _NoTmpfile:
            _write_named(path, data, mode, replace)
        # The new name is durable only once the folder is synced; not every system can.
        with contextlib.suppress(OSError):
            os.fsync(folder)
    finally:
        os.close(folder)


class _NoTmpfile(Exception):
    """This system or file system cannot make an unnamed file; use a named temporary one."""


def _mode_for(path: Path) -> int:
    with contextlib.suppress(FileNotFoundError):
        return path.stat().st_mode & 0o7777
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def _write_unnamed(folder: int, name: str, data: bytes, mode: int, replace: bool) -> None:
    flag = getattr(os, "O_TMPFILE", None)
    if flag is None or not os.path.isdir("/proc/self/fd"):
        raise _NoTmpfile
    try:
        fd = os.open(".", flag | os.O_WRONLY, mode, dir_fd=folder)
    except OSError as error:
        if error.errno in (errno.EOPNOTSUPP, errno.EISDIR, errno.EINVAL, errno.ENOENT):
            raise _NoTmpfile from None
        raise
    try:
        _write_all(fd, data)
        os.fchmod(fd, mode)
        # Giving a dir_fd makes os.link call linkat with AT_SYMLINK_FOLLOW, which is what
        # names the unnamed file behind /proc/self/fd/N.
        unnamed = f"/proc/self/fd/{fd}"
        if not replace:
            os.link(unnamed, name, src_dir_fd=folder, dst_dir_fd=folder)  # never overwrites
            return
        # A name of its own for an instant, then an atomic rename over the old file.
        staging = f".{name}.{os.getpid()}.tmp"
        os.link(unnamed, staging, src_dir_fd=folder, dst_dir_fd=folder)
        try:
            os.replace(staging, name, src_dir_fd=folder, dst_dir_fd=folder)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(staging, dir_fd=folder)
            raise
    finally:
        os.close(fd)


def _write_named(path: Path, data: bytes, mode: int, replace: bool) -> None:
    import tempfile

    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    staging = Path(name)
    try:
        try:
            _write_all(fd, data)
            os.fchmod(fd, mode)
        finally:
            os.close(fd)
        if replace:
            os.replace(staging, path)
        else:
            os.link(staging, path)  # never overwrites
    finally:
        staging.unlink(missing_ok=True)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]
    os.fsync(fd)


def append_text(path: Path, text: str) -> None:
    """Add `text` at the end of a file another program keeps (GitHub's step summary)."""
    try:
        with open(path, "a", encoding="utf-8") as stream:
            stream.write(text)
    except OSError as error:
        raise cannot_read(path, error) from None
