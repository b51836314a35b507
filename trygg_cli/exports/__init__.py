"""The accounting system's exports, read for the follow-up: SIE 4, CSV and xlsx, each streamed.

`read_exports` reads every export named into one `Actuals`: the package's postings summed by
line and date, whatever was wrong with them, and the latest voucher date of the year.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Sequence
from pathlib import Path
from typing import BinaryIO

from trygg_cli import files
from trygg_cli.exports.tally import Tally
from trygg_cli.model import Actuals, Budget, Source, TryggError


def read_exports(
    paths: Sequence[Path], budget: Budget, columns: dict[str, str] | None = None, *, keep: int | None = None
) -> Actuals:
    """The package's actuals in `paths` (SIE 4 `.se`/`.si`/`.sie`, `.csv` or `.xlsx`). `columns`
    names the date, amount and account columns of a CSV or xlsx export where its headers do not;
    `keep` a line (an item's index, or UNALLOCATED) whose postings are kept one by one.
    The same file named twice (the same file, or the same bytes) is read once, and is a problem.
    Raises `TryggError` for an export that cannot be read at all."""
    from trygg_cli.exports import sie, table

    tally = Tally(budget, keep)
    read: list[tuple[Path, os.stat_result]] = []  # the exports read so far, and what they are
    for path in paths:
        suffix = path.suffix.lower()
        try:
            with open(path, "rb") as stream:
                if suffix not in (*sie.SUFFIXES, ".csv", ".xlsx"):
                    raise TryggError("unknown-export", path=path, suffix=suffix or path.name)
                earlier = _read_before(path, stream, read)
                if earlier is not None:
                    tally.problem("duplicate-export", "duplicate-export", Source(str(path), 1), earlier=str(earlier))
                    continue
                if suffix in sie.SUFFIXES:
                    sie.read_sie(stream, str(path), budget, tally)
                elif suffix == ".csv":
                    table.read_csv(stream, str(path), budget, tally, columns or {})
                else:
                    table.read_xlsx(stream, str(path), budget, tally, columns or {})
        except IsADirectoryError:
            raise TryggError("export-is-a-directory", path=path) from None
        except FileNotFoundError:  # (not "no such file, and not a year": an export is only a path)
            raise TryggError("export-missing", path=path) from None
        except OSError as error:
            raise files.cannot_read(path, error) from None
    return tally.actuals()


def _read_before(path: Path, stream: BinaryIO, read: list[tuple[Path, os.stat_result]]) -> Path | None:
    """The export read before that is this one again: the same file (by another name, a link,
    `./`), or a copy with the same bytes. Only files of the same size are compared byte for byte."""
    status = os.fstat(stream.fileno())
    for earlier, known in read:
        if (known.st_dev, known.st_ino) == (status.st_dev, status.st_ino):
            return earlier
        if known.st_size == status.st_size and _digest(earlier) == _digest(path):
            return earlier
    read.append((path, status))
    return None


def _digest(path: Path) -> bytes:
    with open(path, "rb") as stream:
        return hashlib.file_digest(stream, "sha256").digest()
