"""An accounting system's CSV or xlsx export of postings: one posting to a row, under a header row.

The date, amount and account columns are found by their usual Swedish and English headers
(compared without regard to case), or named by the caller; a Debet and a Kredit column may
stand in for one amount. Every other column is a dimension, named by its header, for `match`.

CSV: `;` with a decimal comma or `,` with a decimal point, UTF-8 (with or without a BOM) or
Windows-1252, all found from the file itself. xlsx: the first sheet, read in openpyxl's
streaming mode; a number cell is read as the decimal it shows (its shortest exact form), a
date cell as its date.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import zipfile
import zlib
from collections.abc import Hashable, Iterable, Iterator, Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Any, BinaryIO, NoReturn

from trygg_cli import rules
from trygg_cli.exports.tally import Claims, Tally, Target
from trygg_cli.model import UNALLOCATED, Budget, Source, TryggError

HEADERS = {
    "date": ("datum", "bokföringsdatum", "verifikationsdatum", "transaktionsdatum", "date", "posting date"),
    "amount": ("belopp", "amount"),
    "account": ("konto", "kontonr", "kontonummer", "account"),
}
DEBIT, CREDIT = ("debet", "debit"), ("kredit", "credit")
VOUCHER = ("verifikation", "vernr", "ver.nr", "verifikationsnummer", "voucher")

_NUMBER = re.compile(r"-?[0-9]+(?:\.([0-9]+))?")
_DATE = re.compile(r"([0-9]{4})-?([0-9]{2})-?([0-9]{2})(?:[ T].*)?")
_SPACES = str.maketrans("", "", " \u00a0\u202f'")


def read_csv(stream: BinaryIO, path: str, budget: Budget, tally: Tally, named: dict[str, str]) -> None:
    encoding = _encoding(stream)
    text = io.TextIOWrapper(stream, encoding=encoding, newline="")
    first = text.readline()
    text.seek(0)
    delimiter = max(";,\t", key=first.count) if first.strip() else ","
    rows = csv.reader(text, delimiter=delimiter)
    header = next(rows, None)
    if header is None:
        raise TryggError("export-empty", path=path)
    decimal_comma = delimiter != ","
    _Postings(path, budget, tally, header, named, decimal_comma=decimal_comma).read(_csv_rows(rows, path, tally))


def _csv_rows(rows: Any, path: str, tally: Tally) -> Iterator[tuple[int, list[str]]]:
    """Each row with its line; a row the csv module cannot read (a field over its limit) is a
    problem, and ends the file's reading there."""
    try:
        for row in rows:
            yield rows.line_num, row
    except csv.Error as error:
        tally.problem("bad-row", "export.bad-row", Source(path, rows.line_num), why=str(error))


def read_xlsx(stream: BinaryIO, path: str, budget: Budget, tally: Tally, named: dict[str, str]) -> None:
    try:
        import openpyxl
    except ImportError:
        from trygg_cli.extras import missing_reader

        raise missing_reader(path, "openpyxl", "excel") from None
    try:
        book = openpyxl.load_workbook(stream, read_only=True, data_only=True)
        rows = book.worksheets[0].iter_rows(values_only=True)
        header = next(rows, None)
    except _BROKEN_WORKBOOK:
        raise TryggError("not-xlsx", path=path) from None
    try:
        if header is None:
            raise TryggError("export-empty", path=path)
        names = ["" if cell is None else str(cell) for cell in header]
        _Postings(path, budget, tally, names, named, decimal_comma=False).read(_sheet_rows(rows, path))
    finally:
        book.close()


# What openpyxl raises on a workbook that is not whole: a broken zip or compression, XML that does
# not parse (SyntaxError holds ElementTree's and lxml's), parts that are not what they claim.
_BROKEN_WORKBOOK = (
    zipfile.BadZipFile,
    zlib.error,
    EOFError,
    OSError,
    SyntaxError,
    NotImplementedError,
    KeyError,
    IndexError,
    TypeError,
    ValueError,
    AttributeError,
)


def _sheet_rows(rows: Iterator[tuple[Any, ...]], path: str) -> Iterator[tuple[int, list[Any]]]:
    """The sheet's rows under the header, with their row numbers; a workbook that breaks while it
    is read cannot be read."""
    try:
        for number, row in enumerate(rows, start=2):
            yield number, list(row)
    except _BROKEN_WORKBOOK:
        raise TryggError("not-xlsx", path=path) from None


def _encoding(stream: BinaryIO) -> str:
    """UTF-8 (with or without its BOM) where the whole file is UTF-8, else Windows-1252."""
    start = stream.read(3)
    if start == codecs.BOM_UTF8:
        return "utf-8-sig"
    stream.seek(0)
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        while block := stream.read(1 << 20):
            decoder.decode(block)
        decoder.decode(b"", final=True)
        found = "utf-8"
    except UnicodeDecodeError:
        found = "cp1252"
    stream.seek(0)
    return found


class _Postings:
    """The rows under a header, as postings added to a tally."""

    def __init__(
        self,
        path: str,
        budget: Budget,
        tally: Tally,
        header: Sequence[str],
        named: dict[str, str],
        *,
        decimal_comma: bool,
    ) -> None:
        self.path, self.tally, self.decimal_comma = path, tally, decimal_comma
        folded = [name.strip().casefold() for name in header]
        self.date = self._column("date", folded, header, named)
        self.account = self._column("account", folded, header, named)
        self.debit = self.credit = None
        if "amount" in named or any(name in folded for name in HEADERS["amount"]):
            self.amount: int | None = self._column("amount", folded, header, named)
        elif any(name in folded for name in DEBIT) and any(name in folded for name in CREDIT):
            self.amount = None
            self.debit = next(at for at, name in enumerate(folded) if name in DEBIT)
            self.credit = next(at for at, name in enumerate(folded) if name in CREDIT)
        else:
            self._missing("amount", header)
        self.voucher = next((at for at, name in enumerate(folded) if name in VOUCHER), None)
        dimensions: dict[str, Hashable] = {name: at for at, name in enumerate(folded) if name}
        dimensions[rules.ACCOUNT] = self.account
        self.claims: Claims[str] = Claims(budget, path, dimensions, str)
        self.first_day, self.last_day = date(budget.year, 1, 1), date(budget.year, 12, 31)

    def _column(self, what: str, folded: list[str], header: Sequence[str], named: dict[str, str]) -> int:
        wanted = (named[what].strip().casefold(),) if what in named else HEADERS[what]
        found = next((folded.index(name) for name in wanted if name in folded), None)
        if found is None:
            self._missing(what, header, named.get(what))
        return found

    def _missing(self, what: str, header: Sequence[str], asked: str | None = None) -> NoReturn:
        found = [name for name in header if name.strip()]
        raise TryggError("missing-column", path=self.path, column=what, asked=asked, columns=found)

    def read(self, lines: Iterable[tuple[int, Sequence[Any]]]) -> None:
        cache: dict[tuple[Any, ...], Target] = {}
        keys = [key for key in self.claims.keys if isinstance(key, int)]
        for number, row in lines:
            if not any(cell not in (None, "") for cell in row):
                continue
            posting = self._posting(number, row)
            if posting is None:
                continue
            day, amount, account = posting
            if self.first_day <= day <= self.last_day and (self.tally.latest is None or day > self.tally.latest):
                self.tally.latest = day
            if account[:1] not in rules.RESULT_ACCOUNT_DIGITS or not account[:1]:
                continue
            codes = tuple(_code(row[key]) if key < len(row) else None for key in keys)
            signature = (account, *codes)
            if signature in cache:
                target = cache[signature]
            else:
                found: dict[Hashable, str | None] = dict(zip(keys, codes, strict=True))
                found[self.account] = account
                target = cache[signature] = self.claims.target(found.get)
            if target is None:
                continue
            if not self.first_day <= day <= self.last_day:
                self.tally.outside_year += 1
                continue
            if isinstance(target, tuple):
                voucher = _code(row[self.voucher]) if self.voucher is not None and self.voucher < len(row) else None
                self.tally.ambiguous(target, Source(self.path, number), voucher)
                target = UNALLOCATED
            self.tally.add(target, day, amount)
        self.tally.problems.extend(self.claims.problems)

    def _posting(self, number: int, row: Sequence[Any]) -> tuple[date, Decimal, str] | None:
        def cell(at: int | None) -> Any:
            return row[at] if at is not None and at < len(row) else None

        day = self._date(cell(self.date), number)
        if self.amount is not None:
            amount = self._amount(cell(self.amount), number, "amount")
        else:
            debit = self._amount(cell(self.debit), number, "debit", empty=True)
            credit = self._amount(cell(self.credit), number, "credit", empty=True)
            amount = None if debit is None or credit is None else debit - credit
        account = _code(cell(self.account)) or ""
        if not account.isdigit():
            self.tally.problem("bad-account", "export.bad-account", Source(self.path, number), written=account)
            return None
        if day is None or amount is None:
            return None
        return day, amount, account

    def _date(self, value: Any, number: int) -> date | None:
        if isinstance(value, datetime):
            return value.date()
        if isinstance(value, date):
            return value
        written = _code(value) or ""
        found = _DATE.fullmatch(written)
        try:
            if found is not None:
                return date(int(found.group(1)), int(found.group(2)), int(found.group(3)))
        except ValueError:
            pass
        self.tally.problem("bad-date", "export.bad-date", Source(self.path, number), written=written)
        return None

    def _amount(self, value: Any, number: int, what: str, empty: bool = False) -> Decimal | None:
        if isinstance(value, int | float) and not isinstance(value, bool):
            written = repr(value) if isinstance(value, float) else str(value)
            written = written.removesuffix(".0") if "e" not in written else format(Decimal(written), "f")
        else:
            written = "" if value is None else str(value).strip()
            if written == "" and empty:
                return Decimal(0)
            written = written.translate(_SPACES).replace("\u2212", "-")
            if self.decimal_comma and "," in written:  # 1.250,50: the comma is the point
                written = written.replace(".", "").replace(",", ".")
            elif not self.decimal_comma:  # 1,250.50: the comma groups thousands
                written = written.replace(",", "")
        found = _NUMBER.fullmatch(written)
        where = Source(self.path, number)
        if found is None:
            self.tally.problem("bad-amount", "export.bad-amount", where, written=str(value or ""), what=what)
            return None
        if found.group(1) is not None and len(found.group(1).rstrip("0")) > 2:
            self.tally.problem("amount", "export.finer-than-ore", where, written=str(value))
            return None
        return Decimal(written)


def _code(value: Any) -> str | None:
    """A cell as a code: text as written; a whole number without its `.0`."""
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()
