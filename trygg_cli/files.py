"""Year files on disk: which file a YEAR or a path means, and writing one safely."""

from __future__ import annotations

import contextlib
import errno
import itertools
import os
from pathlib import Path

from trygg_cli import rules
from trygg_cli.model import TryggError


def year_file(data_dir: Path, year: int | str) -> Path:
    """The file of `year` in the data dir: the one there is (`.yaml` or `.yml`), else the name
    trygg gives a new one."""
    for path in _year_paths(data_dir):
        if rules.year_of_file(path.name) == int(year):
            return path
    return data_dir / rules.file_name(year)


def resolve(target: str, data_dir: Path) -> Path:
    """The file a YEAR (`2021`, read in the data dir) or a path (`old/budget-2019.yaml`) names."""
    if rules.YEAR_PATTERN.fullmatch(target):
        path = year_file(data_dir, target)
        if not path.exists():
            known = ", ".join(str(year) for year in years(data_dir)) or "none"
            raise TryggError(f"no budget for {target}: {path} does not exist (years in {data_dir}: {known})")
        return path
    path = Path(target)
    if not path.exists():
        raise TryggError(f"{target}: no such file, and not a four-digit year")
    return path


def year_files(data_dir: Path) -> list[Path]:
    """Every year file in the data dir, oldest first."""
    if not data_dir.is_dir():
        raise TryggError(f"{data_dir}: data directory does not exist (set --data-dir or TRYGG_DATA_DIR)")
    return _year_paths(data_dir)


def years(data_dir: Path) -> list[int]:
    """The years that have a file in the data dir, from the file names alone."""
    if not data_dir.is_dir():
        return []
    return sorted({year for path in _year_paths(data_dir) if (year := rules.year_of_file(path.name)) is not None})


def _year_paths(data_dir: Path) -> list[Path]:
    """The data dir's entries named as year files, oldest year first. Two files for one year
    (`budget-2021.yaml` and `budget-2021.yml`) cannot both be that year: trygg says so."""
    found = sorted(
        (year, path) for path in data_dir.glob(rules.FILE_GLOB) if (year := rules.year_of_file(path.name)) is not None
    )
    for (year, path), (next_year, other) in itertools.pairwise(found):
        if year == next_year:
            raise TryggError(f"{path} and {other} are both the budget for {year}: keep one of them")
    return [path for _, path in found]


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
