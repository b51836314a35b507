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
from typing import Any, BinaryIO

from trygg_cli import rules
from trygg_cli.exports.checks import Batch, Voucher, settle
from trygg_cli.exports.tally import Claims, Tally, Target
from trygg_cli.model import Budget, Columns, Source, TryggError
from trygg_cli.model import Posting as ExportPosting

# Compared folded to lower case. Beside the usual names, those of the systems' own exports
# (Bokf.datum, Belopp SEK, Ver.nr) and of the municipalities' open-data ledgers, which write
# Swedish letters as plain ones (bokforingsdatum, nettobelopp, konto_nr).
HEADERS = {
    "date": (
        "datum",
        "bokföringsdatum",
        "bokforingsdatum",
        "bokf.datum",
        "bokf datum",
        "verifikationsdatum",
        "transaktionsdatum",
        "date",
        "posting date",
    ),
    "amount": ("belopp", "belopp sek", "belopp (kr)", "belopp kr", "nettobelopp", "amount"),
    "account": ("konto", "kontonr", "konto nr", "konto_nr", "kontonummer", "account"),
}
DEBIT, CREDIT = ("debet", "debit"), ("kredit", "credit")
VOUCHER = (
    "verifikation",
    "vernr",
    "ver.nr",
    "ver nr",
    "verifikationsnr",
    "verifikationsnummer",
    "voucher",
)
# A posting's text, where an export has one (shown with `trygg follow --item`).
TEXTS = ("text", "verifikationstext", "transaktionstext", "beskrivning", "benämning", "description")

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
    mark = "," if delimiter == ";" else "."  # the decimal mark, until the numbers say which
    _Postings(path, budget, tally, header, named, mark=mark).read(_csv_rows(rows, path, tally))


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
        _Postings(path, budget, tally, names, named, mark=".").read(_sheet_rows(rows, path))
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
    """UTF-16 where the file starts with its BOM (or, without one, has a NUL byte beside every
    ASCII letter); UTF-8 (with or without its BOM) where the whole file is UTF-8; else
    Windows-1252."""
    start = stream.read(4096)
    stream.seek(0)
    if start.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if start.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"  # (the codec reads the BOM, and the byte order from it)
    if b"\0" in start:
        even = start[0::2].count(0)
        odd = start[1::2].count(0)
        if odd > len(start) // 4 and even == 0:
            return "utf-16-le"
        if even > len(start) // 4 and odd == 0:
            return "utf-16-be"
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
        mark: str,
    ) -> None:
        self.path, self.tally = path, tally
        self.mark = mark  # the decimal mark where a number's shape does not say (1,234 or 1.234)
        self.learned = False  # ... and whether a number has said it
        folded = [" ".join(name.split()).casefold() for name in header]
        missing: list[str] = []
        date_at = self._column("date", folded, named, missing)
        account = self._column("account", folded, named, missing)
        self.debit = self.credit = None
        self.amount: int | None = None
        if "amount" in named or any(name in folded for name in HEADERS["amount"]):
            self.amount = self._column("amount", folded, named, missing)
        elif any(name in folded for name in DEBIT) and any(name in folded for name in CREDIT):
            self.debit = next(at for at, name in enumerate(folded) if name in DEBIT)
            self.credit = next(at for at, name in enumerate(folded) if name in CREDIT)
        else:
            missing.append("amount")
        if missing or date_at is None or account is None:  # every column missing, in one message
            asked = {what: named[what] for what in missing if what in named}
            columns = [name for name in header if name.strip()]
            raise TryggError("missing-column", path=path, missing=missing, asked=asked, columns=columns)
        self.date, self.account = date_at, account
        self.voucher = next((at for at, name in enumerate(folded) if name in VOUCHER), None)
        self.text = next((at for at, name in enumerate(folded) if name in TEXTS), None)
        self.header = list(header)
        dimensions: dict[str, Hashable] = {name: at for at, name in enumerate(folded) if name}
        dimensions[rules.ACCOUNT] = self.account
        self.claims: Claims[str] = Claims(budget, path, dimensions, str)

    @staticmethod
    def _column(what: str, folded: list[str], named: dict[str, str], missing: list[str]) -> int | None:
        wanted = (" ".join(named[what].split()).casefold(),) if what in named else HEADERS[what]
        found = next((folded.index(name) for name in wanted if name in folded), None)
        if found is None:
            missing.append(what)
        return found

    # What the export rules ask (`checks.Reader`)
    def line_of(self, voucher: Voucher, row: int | None) -> int:
        return voucher[0]

    def name_of(self, voucher: Voucher) -> str:
        return str(voucher[2] or "")

    def postings_of(self, kept: list[tuple[Voucher, int, Decimal]]) -> Columns:
        return Columns.of([self._posting_of(voucher, amount) for voucher, _, amount in kept])

    def _posting_of(self, voucher: Voucher, amount: Decimal) -> ExportPosting:
        """A kept posting as the export writes it: its row, held for it (`read` keeps the rows when
        a line's postings are asked for); the objects are the dimensions the year's match names."""
        cells: Sequence[Any] = voucher[1] or ()

        def cell(at: int | None) -> str:
            return "" if at is None or at >= len(cells) or cells[at] is None else str(_code(cells[at]) or "")

        named = [at for at in self.claims.keys if isinstance(at, int) and at != self.account]
        objects = "; ".join(f"{self.header[at].strip()}: {cell(at)}" for at in named if cell(at))
        return ExportPosting(
            voucher[4],
            self.name_of(voucher),
            cell(self.text),
            cell(self.account),
            objects,
            amount,
            self.path,
            voucher[0],
        )

    def read(self, lines: Iterable[tuple[int, Sequence[Any]]]) -> None:
        cache: dict[tuple[Any, ...], Target] = {}
        keys = [key for key in self.claims.keys if isinstance(key, int)]
        tally, first_day, last_day = self.tally, self.tally.first_day, self.tally.last_day
        rows = 0
        batch = Batch(self, parts=True)
        for number, row in lines:
            if not any(cell not in (None, "") for cell in row):
                continue
            rows += 1
            posting = self._posting(number, row)
            if posting is None:
                continue
            day, amount, account = posting
            if first_day <= day <= last_day and (tally.latest is None or day > tally.latest):
                tally.latest = day
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
            voucher = _code(row[self.voucher]) if self.voucher is not None and self.voucher < len(row) else None
            key = ("", voucher) if voucher else None  # a row without a voucher number is no repeat
            kept = row if tally.keep is not None else None  # the row, for a posting kept one by one
            batch.vouchers.append((number, kept, voucher, key, day, None, [(target, amount, 0)]))
            if isinstance(target, tuple):
                batch.claimed_twice = True
            if len(batch.vouchers) >= 4096:
                settle(batch, tally)
        settle(batch, tally)
        if not rows:  # a header and nothing under it: nothing to follow up
            tally.problem("empty-export", "export-no-rows", Source(self.path, 1))
        tally.problems.extend(self.claims.problems)

    def _plain(self, written: str) -> str:
        """A number as written (1 234,50, 1.234,50, 1,234.50, 1,234) with a point for its decimal
        mark and no grouping, the mark decided by the number's shape: of a comma and a point, the
        last is the mark; a mark repeated groups thousands; one mark followed by exactly three
        digits (1,234 or 1.000) is the file's mark as its other numbers showed it, else the
        delimiter's custom. A grouping that is not in threes is left for the caller to refuse."""
        comma, point = written.rfind(","), written.rfind(".")
        if comma < 0 and point < 0:
            return written
        if comma >= 0 and point >= 0:
            mark = "," if comma > point else "."
            self._learn(mark)
        else:
            at = max(comma, point)
            only = written[at]
            if written.count(only) > 1:  # 1,234,567: grouping only
                mark = "." if only == "," else ","
            elif len(written) - at - 1 == 3 and written[:at].lstrip("-").isdigit():
                mark = self.mark  # 1,234 or 1.000: as the file writes its numbers
            else:  # 12,5 or 0.25: a mark with one, two or four or more digits after it
                mark = only
                self._learn(mark)
        group = "." if mark == "," else ","
        whole, _, decimals = written.rpartition(mark) if mark in written else (written, "", "")
        if group in whole and not _grouped(whole, group):
            return written  # (not a number: the caller says so)
        whole = whole.replace(group, "")
        return f"{whole}.{decimals}" if mark in written else whole

    def _learn(self, mark: str) -> None:
        if not self.learned:
            self.mark, self.learned = mark, True

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
            written = self._plain(written.translate(_SPACES).replace("\u2212", "-"))
        found = _NUMBER.fullmatch(written)
        where = Source(self.path, number)
        if found is None:
            self.tally.problem("bad-amount", "export.bad-amount", where, written=str(value or ""), what=what)
            return None
        if found.group(1) is not None and len(found.group(1).rstrip("0")) > 2:
            self.tally.problem("amount", "export.finer-than-ore", where, written=str(value))
            return None
        return Decimal(written)


def _grouped(written: str, group: str) -> bool:
    """Whether the digits before the decimal mark are grouped in threes by `group` (1,234,567)."""
    return _GROUPED[group].fullmatch(written) is not None


_GROUPED = {mark: re.compile(r"-?[0-9]{1,3}(?:" + re.escape(mark) + r"[0-9]{3})+") for mark in ",."}


def _code(value: Any) -> str | None:
    """A cell as a code: text as written; a whole number without its `.0`."""
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()
