"""The accounting system's exports, read for the follow-up: SIE 4, CSV and xlsx, each streamed.

`read_exports` reads every export named into one `Actuals`: the package's postings summed by
line and date, whatever was wrong with them, and the latest voucher date of the year.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from trygg_cli import files
from trygg_cli.exports.tally import Tally
from trygg_cli.model import Actuals, Budget, TryggError


def read_exports(paths: Sequence[Path], budget: Budget, columns: dict[str, str] | None = None) -> Actuals:
    """The package's actuals in `paths` (SIE 4 `.se`/`.si`/`.sie`, `.csv` or `.xlsx`). `columns`
    names the date, amount and account columns of a CSV or xlsx export where its headers do not.
    Raises `TryggError` for an export that cannot be read at all."""
    from trygg_cli.exports import sie, table

    tally = Tally(budget)
    seen: dict[bytes, str] = {}  # the package's vouchers read, in any export
    for path in paths:
        suffix = path.suffix.lower()
        try:
            with open(path, "rb") as stream:
                if suffix in sie.SUFFIXES:
                    sie.read_sie(stream, str(path), budget, tally, seen)
                elif suffix == ".csv":
                    table.read_csv(stream, str(path), budget, tally, columns or {})
                elif suffix == ".xlsx":
                    table.read_xlsx(stream, str(path), budget, tally, columns or {})
                else:
                    raise TryggError("unknown-export", path=path, suffix=suffix or path.name)
        except IsADirectoryError:
            raise TryggError("export-is-a-directory", path=path) from None
        except FileNotFoundError:  # (not "no such file, and not a year": an export is only a path)
            raise TryggError("export-missing", path=path) from None
        except OSError as error:
            raise files.cannot_read(path, error) from None
    return tally.actuals()
