"""The rules of a year file, written once: its keys, its patterns, its name, its amounts' digits.

The readers (`load`, `regular`), the checks, the data dir (`files`) and the JSON Schema all
take them from here, so no two of them can disagree.
"""

from __future__ import annotations

import calendar
import re
from datetime import date

from trygg_cli.model import TryggError, Unit
from trygg_cli.money import MAX_KRONOR, ORE

# The keys a regular file has (the fast reader reads only these), then the follow-up's: which
# postings are the package's and each item's (`match`), an officer's own forecast, and how an
# amount falls over the year (`months`, `start`, `end`).
PLAIN_TOP_KEYS = ("year", "title", "unit", "total", "note", "items")
PLAIN_ITEM_KEYS = ("id", "name", "amount", "note")
TOP_KEYS = (*PLAIN_TOP_KEYS, "match", "months", "changes")
TOP_REQUIRED = ("year", "unit", "total", "items")
ITEM_KEYS = (*PLAIN_ITEM_KEYS, "match", "forecast", "months", "start", "end")
MONTHS = 12  # a `months` list's length: January to December
# A budget change decided during the year: when, by which decision, and the moves it makes.
CHANGE_KEYS = ("date", "decision", "moves", "total", "note")
CHANGE_REQUIRED = ("date", "decision", "moves")
ITEM_REQUIRED = ("id", "name", "amount")

# A match's dimension that names the account, in every export; and the accounts that count
# (result accounts: first digit 3 to 8, as in BAS and Kommun-Bas).
ACCOUNT = "konto"
RESULT_ACCOUNT_DIGITS = "345678"
PREFIX = "*"  # a code ending in it is a prefix: `konto: "54*"`

ID_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
YEAR_PATTERN = re.compile(r"[0-9]{4}")

# A year's file is budget-YYYY.yaml; `.yml`, as some editors save YAML, is the same file.
FILE_NAME = re.compile(r"budget-([0-9]{4})\.ya?ml")
FILE_GLOB = "budget-*.y*ml"


def file_name(year: int | str) -> str:
    """The name trygg gives a year's file."""
    return f"budget-{year}.yaml"


def year_of_file(name: str) -> int | None:
    """The year a file's name is for, or None when the name is not a year file's."""
    found = FILE_NAME.fullmatch(name)
    return int(found.group(1)) if found else None


def year_in_stray(name: str) -> int | None:
    """The year a file named like a year's, but not as one, seems to be for (`budget-2022-utkast.yaml`)."""
    found = _STRAY.match(name)
    return int(found.group(1)) if found else None


_STRAY = re.compile(r"budget-([0-9]{4})(?![0-9])")


def integer_digits(unit: Unit) -> int:
    """The most digits before the point an amount in `unit` may have and stay under the maximum."""
    return MAX_KRONOR.adjusted() - unit.kronor.adjusted()


def fraction_digits(unit: Unit) -> int:
    """The most digits after the point an amount in `unit` may have and stay in whole öre."""
    return -ORE.adjusted() + unit.kronor.adjusted()


DATE_PATTERN = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")


def as_of(written: str) -> date:
    """An `--as-of` date, written YYYY-MM-DD. Raises `TryggError` for one that is not written so,
    or names a day its month does not have (2021-04-31: April has 30 days)."""
    found = DATE_PATTERN.fullmatch(written.strip())
    if found is None or not 1 <= int(found.group(2)) <= 12:
        raise TryggError("bad-as-of", value=written)
    year, month, day = (int(part) for part in found.groups())
    days = calendar.monthrange(year, month)[1]
    if not 1 <= day <= days:
        raise TryggError("no-such-as-of", value=written, month=month, days=days)
    return date(year, month, day)
