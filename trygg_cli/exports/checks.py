"""The rules the package's vouchers keep, whichever export they were read from: each a small
function, listed once in `CHECKS` and run by `settle` (as `trygg_cli.check` does for a year file).

A reader gathers what it read into a `Batch` of vouchers (an SIE voucher whole, a CSV or xlsx
row as a part of one): a block of an SIE file at a time, so a million vouchers cost a few calls
of each rule, not a million. A rule looks at the batch and the tally: it may add problems, and it
keeps in the batch only the vouchers whose postings go on to be counted. The rules: a voucher
balances; it is the package's; it has not been read before; it is dated in the year; no posting
of it is claimed by two items.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from operator import itemgetter
from typing import Any, Protocol

from trygg_cli.exports.tally import Tally
from trygg_cli.model import UNALLOCATED, Columns, Source

# One of the package's rows: whose it is (an item's index, UNALLOCATED, or the items that all
# claim it), its amount, and its place among the voucher's rows.
Posting = tuple[int | tuple[int, ...], Decimal, int]

# A voucher, as a plain tuple (a million of them are made): where it is and where its rows are
# (the reader's own: an offset, a line), its label (what names it, the reader's own), its key
# (series, number and date; None where it has no number: an SIE 4I import file leaves the
# numbering to the program that reads it, and such vouchers are never repeats of each other),
# its date, its rows (account, objects, amount as written; None for a CSV row, since a ledger
# may list only some rows of a voucher), and the package's postings in it.
Voucher = tuple[int, Any, Any, tuple[Any, Any] | None, date, list[tuple[Any, Any, bytes]] | None, list[Posting]]


class Reader(Protocol):
    """What a rule asks of the reader that made a batch: its file, where a voucher or one of its
    rows is in it, and its name (asked only for a problem, so a reader may work them out late)."""

    path: str

    def line_of(self, voucher: Voucher, row: int | None) -> int: ...

    def name_of(self, voucher: Voucher) -> str: ...

    def postings_of(self, kept: list[tuple[Voucher, int, Decimal]]) -> Columns:
        """The kept line's postings of a batch, each a voucher, its row and amount, as the export
        writes them (asked only for `--item`)."""


@dataclass(slots=True)
class Batch:
    """Vouchers read from one export, in the order read. `parts`: each is a row of a voucher
    (CSV, xlsx), whose other rows in the same export share its key."""

    reader: Reader
    vouchers: list[Voucher] = field(default_factory=list)
    parts: bool = False
    claimed_twice: bool = False  # the reader met a posting two items claim (in this batch or before)

    def source(self, voucher: Voucher, row: int | None = None) -> Source:
        return Source(self.reader.path, self.reader.line_of(voucher, row))


Check = Callable[[Batch, Tally], None]


def check_balanced(batch: Batch, tally: Tally) -> None:
    """A voucher's rows add up to zero; one that does not is a problem, and still counts (which
    of its rows is wrong cannot be known)."""
    doubtful = [  # all but the common voucher: a row and its balancing row (known without a sum)
        voucher
        for voucher in batch.vouchers
        if (rows := voucher[5]) is not None
        and not (len(rows) == 2 and (rows[0][2] == b"-" + rows[1][2] or rows[1][2] == b"-" + rows[0][2]))
    ]
    for voucher in doubtful:
        off = sum((Decimal(row[2].decode("ascii")) for row in voucher[5] or ()), _ZERO)
        if off:
            name = batch.reader.name_of(voucher)
            tally.problem("unbalanced", "unbalanced", batch.source(voucher), voucher=name, off=off)


def check_package(batch: Batch, tally: Tally) -> None:
    """Only a voucher with the package's postings goes on (and is remembered, for repeats)."""
    batch.vouchers = [voucher for voucher in batch.vouchers if voucher[6]]


def check_once(batch: Batch, tally: Tally) -> None:
    """The same voucher read twice, from two exports or twice in one, counts once and is a
    problem. A voucher without a number is never a repeat; a CSV row's voucher may have other
    rows in the same export."""
    path = batch.reader.path
    kept, repeats = tally.seen.firsts(batch.vouchers, path, batch.parts)
    for voucher, earlier in repeats:
        if (voucher[3], path) not in tally.repeated:  # a voucher's rows after its first: said once
            tally.repeated.add((voucher[3], path))
            figures = {"voucher": batch.reader.name_of(voucher), "day": voucher[4], "earlier": earlier}
            tally.problem("duplicate-voucher", "duplicate-voucher", batch.source(voucher), **figures)
    batch.vouchers = kept


def check_in_year(batch: Batch, tally: Tally) -> None:
    """A posting dated outside the budget's year is not the year's: counted aside, not summed."""
    first, last = tally.first_day, tally.last_day
    days = list(map(_DAY, batch.vouchers))
    if not days or (first <= min(days) and max(days) <= last):
        return  # (the common batch, at once)
    kept = [voucher for voucher in batch.vouchers if first <= voucher[4] <= last]
    if len(kept) < len(batch.vouchers):
        tally.outside_year += sum(len(voucher[6]) for voucher in batch.vouchers if not first <= voucher[4] <= last)
    batch.vouchers = kept


def check_claims(batch: Batch, tally: Tally) -> None:
    """A posting two items both claim is a problem naming both, and counts as unallocated."""
    if not batch.claimed_twice:
        return
    for voucher in batch.vouchers:
        postings = voucher[6]
        for place, (target, amount, row) in enumerate(postings):
            if isinstance(target, tuple):
                name = batch.reader.name_of(voucher) or None
                tally.ambiguous(target, batch.source(voucher, row), name)
                postings[place] = (UNALLOCATED, amount, row)


CHECKS: tuple[Check, ...] = (check_balanced, check_package, check_once, check_in_year, check_claims)


def settle(batch: Batch, tally: Tally) -> None:
    """Run the rules over a batch, and count the postings of every voucher they keep."""
    if not batch.vouchers:
        return
    for rule in CHECKS:
        rule(batch, tally)
    # Each target and date's amounts (check_claims left every target an item's or UNALLOCATED),
    # then summed in order, in C; and with `--item`, the kept line's postings, each then found as
    # the export writes it (`Reader.postings_of`).
    grouped: dict[Any, list[Decimal]] = {}
    keep = _NO_LINE if tally.keep is None else tally.keep
    kept: list[tuple[Voucher, int, Decimal]] = []
    for voucher in batch.vouchers:
        day = voucher[4]
        for target, amount, row in voucher[6]:
            amounts = grouped.get((target, day))
            if amounts is None:
                grouped[target, day] = [amount]
            else:
                amounts.append(amount)
            if target == keep:
                kept.append((voucher, row, amount))
    sums: dict[Any, Decimal] = tally.sums
    counts: dict[Any, int] = tally.counts
    for key, amounts in grouped.items():
        sums[key] = sum(amounts, sums.get(key, _ZERO))
        counts[key] = counts.get(key, 0) + len(amounts)
    if kept:
        tally.kept_more(batch.reader.postings_of(kept))
    batch.vouchers = []


_ZERO = Decimal(0)
_DAY = itemgetter(4)
_NO_LINE = UNALLOCATED - 1  # (no posting's target: without `--item`, none is kept)
