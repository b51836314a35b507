"""SIE 4 files, the Swedish standard export of an accounting system, read in one streaming pass.

What the follow-up needs: each voucher's date and its rows' accounts, objects and amounts, with
`#DIM` naming the dimensions and `#RTRANS`/`#BTRANS` as the standard says (an added row is
followed by an identical `#TRANS` for older readers: it counts once; a removed row does not
count). Unknown labels are ignored, as the standard requires.

Speed: a whole municipality's year is millions of lines, most of them not the package's. The
file is read in blocks of bytes, never decoded as a whole. In each block, one search finds the
vouchers that hold a code the package's `match` asks for, and one more every voucher's date (for
the cut-off); only the vouchers found are read in full: a plain one (a `#VER`, its `{`, `#TRANS`
rows with plain fields, `}`) by a regular expression in one match, any other by `_Lines`, line by
line, so both give the same and a problem always has its line (where a block is mostly the
package's, all its vouchers are matched in one pass: by a quicker pattern where the text lets
it, `_plain_run`). A stray line is read with the voucher before it. Which line of the budget a
posting belongs to is asked once per distinct account and object list (`Claims`, behind a small
cache). Memory does not grow with the file. A big file on disk is read in parts at once, each
part after the first in a process of its own (`parts`; `_cuts`, `_part`), and their counts are
merged in order: the answer is one reading's.

Encoding: the standard's is PC8 (code page 437); files also come as Windows-1252 or UTF-8.
The first block decides, and a `#FORMAT` that says otherwise is noted. `#KSUMMA` is checked
when the file has it: CRC-32 over each record's label and field contents, without the spaces,
quotes and braces between them (SIE 4B, section 10).
"""

from __future__ import annotations

import codecs
import os
import re
import stat
import zlib
from collections.abc import Callable, Hashable, Iterator
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import partial
from itertools import accumulate, compress, repeat
from operator import add, getitem, is_, itemgetter, not_
from typing import Any, BinaryIO, cast

from trygg_cli import rules
from trygg_cli.exports import parts
from trygg_cli.exports.checks import Batch, Posting, Voucher, settle
from trygg_cli.exports.tally import Claims, Counted, Tally, Target
from trygg_cli.model import Budget, Columns, Problem, Source, TryggError

BLOCK = 1024 * 1024
SUFFIXES = (".se", ".si", ".sie")

# The standard's own dimensions (SIE 4B, 8.20), known by these names without a #DIM record.
STANDARD_DIMENSIONS = {
    "1": ("kostnadsställe", "resultatenhet"),
    "2": ("kostnadsbärare",),
    "6": ("projekt",),
    "7": ("anställd",),
    "8": ("kund",),
    "9": ("leverantör",),
    "10": ("faktura",),
}

# A plain voucher, matched at once: "\n#VER series number date [fields ...]", a "{" line, "#TRANS
# account {objects} amount [fields ...]" rows, and a "}" line (it ends before its line's "\n"),
# each line indented by tabs or spaces or not, its codes quoted or bare; fields after the ones
# read are plain (quotes closed, no braces or escapes). Possessive, so a line is never tried twice.
_FIELD = rb'(?:"([^"\\\r\n]*+)"|([^\s"{}\\]++))'
# A group's repeat is greedy, never possessive: Python 3.11.2 (Debian 12's) keeps part of a
# possessive group's failed round (it read "-10. 09" as the amount "-10.", and `""text"` as plain
# fields); 3.11.7 does not. Nothing that follows a group can match where it would give back.
_REST = rb'(?:[ \t][^"{}\\\n]*+(?:"[^"\\\r\n]*+"[^"{}\\\n]*+)*)?\r?\n'  # the line's other fields
# An amount in kronor and öre (its öre a branch, where a `?` on a group would cost a repeat's state).
_PLAIN_AMOUNT = rb"-?[0-9]++(?:\.[0-9][0-9]?|)"
_VER_HEAD = rb"\n#VER[ \t]++" + _FIELD + rb"[ \t]++" + _FIELD + rb'[ \t]++(?:"([0-9]{8})"|([0-9]{8}))'
_OPEN, _CLOSE = rb"[ \t]*+\{[ \t]*+\r?\n", rb"[ \t]*+\}[ \t]*+\r?(?=\n|\Z)"


def _row(rest: bytes, caught: bool = False) -> bytes:
    """A plain voucher's row, `rest` its other fields; `caught`: its account, objects and amount
    in groups of their own."""
    account, objects, amount = rb"[0-9]++", rb"[^}\r\n]*+", _PLAIN_AMOUNT
    if caught:
        account, objects, amount = b"(" + account + b")", b"(" + objects + b")", b"(" + amount + b")"
    return rb"[ \t]*+#TRANS[ \t]++" + account + rb"[ \t]++\{" + objects + rb"\}[ \t]++" + amount + rest


_VOUCHER = re.compile(_VER_HEAD + _REST + _OPEN + rb"((?:" + _row(_REST) + rb")+)" + _CLOSE)


def _all_vouchers(rest: bytes) -> re.Pattern[bytes]:
    """`_VOUCHER`, all of a block's at once, with `rest` for each line's other fields: the rows
    of a voucher of two rows each in groups of their own; of any other number, all in one."""
    two = _row(rest, caught=True) * 2 + rb"(?=[ \t]*+\})"
    return re.compile(_VER_HEAD + rest + _OPEN + rb"(?:" + two + rb"|((?:" + _row(rest) + rb")+))" + _CLOSE)


_PLAIN_VOUCHERS = _all_vouchers(_REST)
# The same, quicker: each line's other fields taken whole, up to its end. It matches what
# `_PLAIN_VOUCHERS` matches where the text has no escape, no brace but the vouchers' own and
# every quote closed on its line (`_plain_run` looks first: `_marks`, and the braces counted).
_QUICK_VOUCHERS = _all_vouchers(rb"(?:[ \t][^\n]*+|)\r?\n")
# What `_marks` keeps of a text: its quotes, braces and line ends.
_NOT_MARKS = bytes(sorted(set(range(256)) - set(b'"{}\r\n')))
_BODY = itemgetter(-1)  # a voucher's rows where it has other than two, as `_PLAIN_VOUCHERS` found them
# A row of a plain voucher (its rows are counted too: a row in the text of a row is no row).
_ROW = re.compile(rb"#TRANS[ \t]++([0-9]++)[ \t]++\{([^}\r\n]*+)\}[ \t]++(" + _PLAIN_AMOUNT + rb")")
# One field of a record, for the line-by-line road: a quoted text with escapes, an object list,
# or a bare word; a `{` or a `"` that is never closed is left for the caller to see.
_TOKEN = re.compile(rb'[ \t\r\f\v]*(?:"((?:[^"\\\r\n]|\\.)*)"|\{([^}\r\n]*)\}|([^\s"{}]+))')
_OBJECT_LIST = re.compile(rb'(?:[ \t]*(?:"(?:[^"\\]|\\.)*"|[^\s"]+))*[ \t]*')
_OBJECTS = re.compile(rb'[ \t]*(?:"((?:[^"\\]|\\.)*)"|([^\s"]+))')
_AMOUNT = re.compile(rb"-?[0-9]+(?:\.([0-9]+))?")
# A plain voucher's row (no escapes, no braces but its objects'): its account, object list and text
# (the field after its own date), quoted or bare; and the text of its #VER line (after the label:
# the field after the date). Fields are taken as `_TOKEN` takes them (a quote may follow a field
# with no space; a carriage return, form feed or vertical tab parts them as a space does), and a
# bare one whole (possessive: never split in two). Each pattern takes a whole line and its line
# end, any line (its groups empty where it is no such row, or has no text): so `findall` over
# lines joined finds one for each line, all in C.
_GAP, _WORD = rb"[ \t\r\f\v]*+", rb'(?:"[^"\r\n]*+"|[^\s"{}]++)'
_TEXT = rb'(?:"([^"\r\n]*+)"|([^\s"{}]++))'
_AFTER_AMOUNT = _GAP + _WORD + _GAP + _TEXT
_ROWS_WRITTEN = re.compile(
    rb'(?:[ \t]*#TRANS[ \t]+([0-9]+)[ \t]+\{([^}\r\n]*)\}[ \t]+[^\s"{}]++(?:' + _AFTER_AMOUNT + rb")?)?[^\n]*\n"
)
_VERS_WRITTEN = re.compile(rb"(?:" + (_GAP + _WORD) * 3 + _GAP + _TEXT + rb")?[^\n]*\n")
_FIRST, _SECOND, _DAY_OF = itemgetter(0), itemgetter(1), itemgetter(4)
_THIRD = itemgetter(2)  # (a voucher's series and number; a kept posting's amount)
_RESULT = frozenset(rules.RESULT_ACCOUNT_DIGITS.encode())
_CACHE_SIZE = 65_536
_PC8_LETTERS = frozenset(b"\x84\x86\x94\x8e\x8f\x99\x81\x82\x90")
_WINDOWS_LETTERS = frozenset(b"\xe4\xe5\xf6\xc4\xc5\xd6\xe9\xfc")
_LABELS = {b"PC8": "cp437", b"UTF8": "utf-8", b"UTF-8": "utf-8", b"WINDOWS-1252": "cp1252", b"ISO8859-1": "cp1252"}
_CHECKSUM_GAPS = b" \t{}\r\n"


def read_sie(stream: BinaryIO, path: str, budget: Budget, tally: Tally) -> None:
    """Add an SIE 4 file's postings to `tally`, each voucher settled by the export rules."""
    _Sie(path, budget, tally).read(stream)


class _Sie:
    def __init__(self, path: str, budget: Budget, tally: Tally) -> None:
        self.path, self.budget, self.tally = path, budget, tally
        self.vouchers = False  # a #VER met
        self.batch = Batch(self)  # vouchers read in full, to be settled
        self.run = _Run(b"", 0, [], True)  # the block's plain run of vouchers (`_all_plain`)
        self.first_problem = len(tally.problems)  # where this file's problems start in the tally
        self.type_line = 1  # the line of #SIETYP
        self.encoding = "cp437"
        self.dimensions: dict[str, Hashable] = {}
        self.claims: Claims[bytes] | None = None
        self.claims_made = 0  # how often the claims were made (a #DIM after the first voucher: again)
        self.by_account = False
        self.cache: dict[Hashable, Target] = {}  # each account and object list's target
        self.dates: dict[bytes, date | None] = {}
        self.wanted: re.Pattern[bytes] | None = None  # finds a code the package needs
        self.first_day, self.last_day = date(budget.year, 1, 1), date(budget.year, 12, 31)
        self.lines = _Lines(self)
        self.line = 1  # the number of the block's first line
        self.block = b""
        self.written: dict[int, list[bytes]] = {}  # with `--item`: the fields of lines read line by line
        self.mark = (0, 1)  # a place in the block and its line, where `line_at` counts on from
        self.checksum: int | None = None  # the running CRC, from the opening #KSUMMA on
        self.checked = False  # the closing #KSUMMA met

    # Reading ------------------------------------------------------------------------------------

    def read(self, stream: BinaryIO) -> None:
        head = stream.read(BLOCK)
        start = head.lstrip().removeprefix(codecs.BOM_UTF8).lstrip()
        if start.startswith(b"<") and b"<Sie" in head[:4096]:  # SIE 5: XML, <Sie> or <SieEntry>
            raise TryggError("sie-5", path=self.path)
        if not start.startswith(b"#"):
            raise TryggError("not-sie", path=self.path)
        self.encoding = self._encoding(head)
        cuts = self._cuts(stream, head)
        if not cuts:
            self._blocks(lambda: stream.read(BLOCK), head)
            self.lines.end()
            self._end()
            return
        fd, ends = stream.fileno(), [*cuts[1:], None]
        later: list[parts.Part | None] = []
        made = 0

        def begin() -> None:  # the first block read (the file's dimensions known): the other parts begin
            nonlocal made
            if self.claims is None:  # (made now, from the dimensions declared so far, as a voucher would)
                self._claims()
            made = self.claims_made
            later.extend(parts.start(partial(self._part, fd, *span)) for span in zip(cuts, ends, strict=True))

        try:
            self._blocks(_pread(fd, len(head), cuts[0]), head, begin, ends=False)
        except BaseException:  # (an interrupt, a read that fails: no part's process left behind)
            for part in later:
                if part is not None:
                    parts.abandon(part)
            raise
        self.lines.end()  # (a voucher left open at a part's end: said as the next voucher would say it)
        for number, (begin_at, part) in enumerate(zip(cuts, later, strict=True)):
            found = parts.result(part) if part is not None else None
            if not (isinstance(found, PartRead) and found.claims == made == self.claims_made) or not self.tally.merge(
                found.counted, self.path
            ):  # read here what that part's process could not (or the same vouchers as here)
                for rest in later[number + 1 :]:
                    if rest is not None:
                        parts.abandon(rest)
                self._blocks(_pread(fd, begin_at, None), b"")
                self.lines.end()
                break
            self.line, self.vouchers = found.line, self.vouchers or found.vouchers
        self._end()

    def _blocks(
        self, read: Callable[[], bytes], block: bytes, begun: Callable[[], None] | None = None, *, ends: bool = True
    ) -> None:
        """The file's blocks, as `read` gives them (after `block`, where given), each cut where its
        last voucher starts (that voucher goes on in the next, so no voucher is ever cut in two);
        `begun` is called after the first. `ends`: the last block `read` gives ends the file (not
        only a part of it)."""
        rest = b""
        block = block or read()
        while block:
            data = rest + block
            block = read()
            if block:  # whole vouchers only: cut where the last one starts
                cut = data.rfind(b"\n#VER")
                if cut < 0 and data.startswith(b"#VER"):  # one voucher longer than a block: read on
                    rest = data
                    continue
                cut = cut + 1 if cut > 0 else data.rfind(b"\n") + 1  # (the head: at a line)
                data, rest = data[:cut], data[cut:]
            else:
                rest = b""
            self._block(data, last=not block and ends)
            self.line += data.count(b"\n")
            if begun is not None:
                begun()
                begun = None

    def _cuts(self, stream: BinaryIO, head: bytes) -> list[int]:
        """Where the file is cut into parts read at once (`parts`), each at a voucher: none where
        it is not a file on disk, or has a checksum (its sum runs over the whole, in order)."""
        if b"#KSUMMA" in head:
            return []
        try:
            fd = stream.fileno()
            status = os.fstat(fd)
        except (OSError, ValueError):
            return []
        if not stat.S_ISREG(status.st_mode):
            return []

        def find(at: int) -> int:  # the first voucher from `at` on
            while at < status.st_size:
                chunk = os.pread(fd, BLOCK, at)
                found = chunk.find(b"\n#VER")
                if found >= 0:
                    return at + found + 1
                if len(chunk) < BLOCK:  # (the file's end)
                    return -1
                at += len(chunk) - 4  # (a "\n#VER" across two chunks is found in the second)
            return -1

        return parts.cuts(status.st_size, len(head), find)

    def _part(self, fd: int, begin: int, end: int | None) -> PartRead:
        """A part of the file, from the voucher at `begin` to `end` (None: the file's end), read in
        a process of its own (`parts`): what it counts, from its own tally, and where it ends."""
        self.tally = self.tally.part()
        self.batch, self.lines, self.first_problem = Batch(self), _Lines(self), 0
        self.line = 1 + _lines_before(fd, begin)
        self._blocks(_pread(fd, begin, end), b"", ends=end is None)
        self.lines.end()
        return PartRead(self.tally.taken(), self.line, self.vouchers, self.claims_made)

    def _block(self, data: bytes, last: bool) -> None:
        """A block of whole vouchers (and, in the first, the head). A voucher that cannot hold
        the package's postings (none of the codes the year's `match` asks for is in its text) is
        only dated; the rest are read in full, plain ones by `_VOUCHER` in one match each. Where
        the package's vouchers are few, a search for its codes finds them; where they are many,
        every voucher is matched in one pass (the same vouchers are read in full either way).
        The block's last voucher is read in full where it does not end with its `}` (it runs on
        into the next block, or the file is cut short) and so is the file's last. The vouchers
        read are settled by the export rules (`checks`) as one batch."""
        block = b"\n" + data  # every voucher after a "\n#VER"
        self.block, self.mark = block, (0, self.line - 1)
        if not self.checked and (self.checksum is not None or b"#KSUMMA" in data):
            self._checksum(block)
        first = block.find(b"\n#VER")
        if first >= 0:
            self.vouchers = True
        if first != 0:  # the head, or what comes before the first voucher
            self.lines.read(block, 1, len(block) if first < 0 else first)
        if first < 0:
            self._settle_batch()
            return
        if self.claims is None:
            self._claims()
        final = block.rfind(b"\n#VER")
        ends = last or not block.rstrip().endswith(b"}")  # the final voucher is read in full
        wanted = self.wanted
        if wanted is None or self._dense(block, first):
            stop = final if ends else len(block)
            if not self._all_plain(block, first, stop, wanted):
                self._vouchers(block, first, stop, wanted)
            if ends:
                self._voucher(block, final + 1, len(block))
            self._settle_batch()
            return
        starts = self._dates(block)
        position = first
        for found in wanted.finditer(block, first):
            if found.start() < position:
                continue  # in a voucher read already
            start = block.rfind(b"\n#VER", 0, found.start() + 1)
            end = block.find(b"\n#VER", found.start() + 1)
            position = len(block) if end < 0 else end
            if start not in starts:  # (a voucher with a bad date was read already)
                starts.add(start)
                self._voucher(block, start + 1, position)
        if ends and final not in starts:
            self._voucher(block, final + 1, len(block))  # it ends the file, or runs on past the block
        self._settle_batch()

    def _settle_batch(self) -> None:
        """The block's vouchers settled by the export rules (`checks`); the fields kept for them
        let go, unless a voucher goes on into the next block."""
        settle(self.batch, self.tally)
        if self.lines.voucher is None:
            self.written.clear()

    def _dense(self, block: bytes, first: int) -> bool:
        """Whether the package's codes are in a quarter or more of the block's vouchers (judged
        from its first 64 kB): then every voucher is matched, rather than each found by a search."""
        assert self.wanted is not None
        sample = block.count(b"\n#VER", first, first + 65_536)
        return len(self.wanted.findall(block, first, first + 65_536)) * 4 >= sample > 8

    def _all_plain(self, block: bytes, start: int, stop: int, wanted: re.Pattern[bytes] | None) -> bool:  # noqa: PLR0912
        """Every voucher from `start` to `stop` at once, where all are plain (else False, and
        nothing read): one `findall`, whose vouchers are all there is when there are as many as
        #VERs, and as many lines as they have. A voucher is then known by its place among them,
        and where it is in the block is looked up only for a problem. Read in full, as
        `_vouchers` would: those with the package's postings (they hold its codes), those without
        that do not balance where `wanted` finds a code in them."""
        run = _plain_run(block, start, stop)
        if run is None:
            return False
        found, two = run
        if self.lines.voucher is not None:
            self.lines.unclosed()
        self.run = _Run(block, start, found, two)
        dates, batch, search = self.dates, self.batch.vouchers, wanted.search if wanted is not None else None
        cache, by_account, result, findall, unknown = self.cache, self.by_account, _RESULT, _ROW.findall, _UNKNOWN
        for place, (
            quoted_series,
            series,
            quoted_number,
            number,
            quoted_day,
            bare_day,
            account,
            objects,
            amount,
            other,
            other_objects,
            other_amount,
            body,
        ) in enumerate(found):
            day = dates.get(bare_day or quoted_day)
            if day is None:  # (a new date: where its voucher is, only for a problem)
                written = bare_day or quoted_day
                day = self._dated(written, 0 if _date(written) else self.run.start(place) + 1)
                if day is None:
                    continue
            postings: list[Posting] | None = None
            if body:
                rows = findall(body)
                if len(rows) != body.count(b"\n"):  # a row in the text of a row: the long road
                    self._winding(block, self.run.start(place), self.run.stop(place, stop), wanted)
                    continue
            else:  # two rows, the common voucher: each row's target looked up here where it is known
                rows = [(account, objects, amount), (other, other_objects, other_amount)]
                first = (
                    cache.get((account, objects) if by_account else objects, unknown) if account[0] in result else None
                )
                second = (
                    cache.get((other, other_objects) if by_account else other_objects, unknown)
                    if other[0] in result
                    else None
                )
                if first is not unknown and second is not unknown:
                    postings = [] if first is None else [(first, Decimal(amount.decode("ascii")), 0)]
                    if second is not None:
                        postings.append((second, Decimal(other_amount.decode("ascii")), 1))
            if postings is None:  # (a row's account and objects not met before: their target asked)
                postings = self._claimed(rows, (place,))  # (its lines looked up only for a problem)
            if not postings:  # not the package's: only a voucher that does not balance matters
                if len(rows) == 2 and (rows[0][2] == b"-" + rows[1][2] or rows[1][2] == b"-" + rows[0][2]):
                    continue
                if search is not None and search(block, self.run.start(place), self.run.stop(place, stop)) is None:
                    continue
            label = (series or quoted_series, number or quoted_number)
            batch.append((place, _PLACED, label, label if label[1] else None, day, rows, postings))
        return True

    def _run_line(self, place: int) -> int:
        """The line of the `place`th voucher of the block's plain run (its #VER's)."""
        return self.run.lines([place], self.line_at)[0]

    def _vouchers(self, block: bytes, start: int, end: int, wanted: re.Pattern[bytes] | None) -> None:  # noqa: PLR0912 - the hot loop, inline on purpose
        """Every voucher from `start` (a "\\n#VER") to `end`, in one pass: a plain one is matched at
        once, and read in full where `wanted` finds a code in it (or there is no `wanted`), else
        only dated; the others between them go `_winding`. The hot loop of a big export."""
        position = start
        dates, dated, batch = self.dates, self._dated, self.batch.vouchers
        findall, search = _ROW.findall, wanted.search if wanted is not None else None
        if self.claims is None:
            self._claims()
        cache, by_account, result, target_of = self.cache, self.by_account, _RESULT, self._target_of
        matched, batched = -1, 0  # where the last voucher matched starts (-1: none), and the batch before it
        for found in _VOUCHER.finditer(block, start, end):
            at = found.start()
            if at != position and block[position:at].strip():
                self._stray(block, position, at, wanted, (matched, batched))
            matched, batched = at, len(batch)
            position = found.end()
            series, plain_series, number, plain_number, quoted_day, day_written, body = found.groups()
            if day_written is None:
                day_written = quoted_day
            day = dates.get(day_written)
            if day is None:
                day = dated(day_written, at + 1)
                if day is None:  # (said: a stray line after it is read alone)
                    matched = -1
                    continue
            if search is not None and search(block, at, position) is None:
                continue  # not the package's: only dated
            rows = findall(body)
            if len(rows) != body.count(b"\n"):  # a row in the text of a row: read it line by line
                self._winding(block, at, position, None)
                matched = -1  # (read in full: a stray line after it is read alone)
                continue
            if self.lines.voucher is not None:
                self.lines.unclosed()
            series = series if plain_series is None else plain_series
            number = number if plain_number is None else plain_number
            rows_at = found.start(7)
            postings: list[Posting] = []
            for index, (account, objects, amount) in enumerate(rows):  # (`_claimed`, inline)
                if account[0] in result:
                    target = cache.get((account, objects) if by_account else objects, _UNKNOWN)
                    if target is _UNKNOWN:
                        target = target_of(account, objects, rows_at, index)
                    if target is not None:
                        postings.append((target, Decimal(amount.decode("ascii")), index))
            key = (series, number) if number else None
            batch.append((at + 1, rows_at, (series, number), key, day, rows, postings))
        if position < end and block[position:end].strip():
            self._stray(block, position, end, wanted, (matched, batched))

    def _stray(
        self, block: bytes, start: int, end: int, wanted: re.Pattern[bytes] | None, after: tuple[int, int]
    ) -> None:
        """What lies from `start` to `end` between the vouchers matched, `after` the voucher matched
        at a place (-1: none, or one read in full already) when the batch held so many vouchers:
        vouchers that are not plain, read line by line, and a stray line or more before the first
        of them, read with the voucher matched before it, as the line-by-line road reads them (in
        full where `wanted` finds a code in them all, else only dated). That voucher is read again
        only where such a line is there: not for a whole voucher that is not plain."""
        matched, batched = after
        following = block.find(b"\n#VER", start, end)
        if matched >= 0 and block[start : end if following < 0 else following].strip():
            del self.batch.vouchers[batched:]  # (the voucher as matched)
            start = matched
        self._winding(block, start, end, wanted)

    def _winding(self, block: bytes, start: int, end: int, wanted: re.Pattern[bytes] | None) -> None:
        """Vouchers that are not plain, from `start` to `end`: each read line by line where
        `wanted` finds a code in it (or there is no `wanted`) or its date is none, else only dated.
        What comes before the first is read with it (a stray line, a mistake)."""
        starts = [start - 1 if start > 0 and block.startswith(b"#VER", start) else start]
        at = block.find(b"\n#VER", start + 1, end)
        while at >= 0:
            starts.append(at)
            at = block.find(b"\n#VER", at + 1, end)
        for begin, stop in zip(starts, [*starts[1:], end], strict=True):
            dating = _VER_DATE.match(block, begin, stop)
            written = dating.group(1).strip(b'"') if dating else b""
            day = self.dates.get(written) if written else None
            if day is None and written and written not in self.dates:
                day = _date(written)
            if wanted is None or day is None or wanted.search(block, begin, stop) is not None:
                self._voucher(block, begin + 1, stop, plain=False)
            else:
                self._dated(written, 0)

    def _dates(self, block: bytes) -> set[int]:
        """Note the dates of the block's vouchers, for the cut-off. A voucher whose date is not a
        date is read in full, which says so; the set holds where such vouchers start."""
        read: set[int] = set()
        for written in set(_VER_DATE.findall(block)):
            day = written.strip(b'"')
            if self.dates.get(day) is not None or _date(day) is not None:
                self._dated(day, 0)  # a date (seen before, or new: the year's latest so far?)
                continue
            for found in _VER_DATE.finditer(block):
                if found.group(1) == written:
                    end = block.find(b"\n#VER", found.end())
                    read.add(found.start())
                    self._voucher(block, found.start() + 1, len(block) if end < 0 else end)
        return read

    def _voucher(self, block: bytes, start: int, end: int, plain: bool = True) -> None:
        """One voucher read in full: at once where it is plain, else line by line."""
        if plain:
            self._vouchers(block, start - 1, end, None)  # (what is not plain goes _winding, and back here)
            return
        if self.lines.voucher is not None:
            self.lines.unclosed()
        self.lines.read(block, start, end)

    def line_at(self, offset: int) -> int:
        """The line of a place in the current block; a place below 0 is a line's number, negated
        (the line-by-line road knows its lines). Counted on from the last place asked about, so
        asking all along a block costs one pass."""
        if offset < 0:
            return -offset
        mark, line = self.mark
        if offset < mark:
            mark, line = 0, self.line - 1  # the block's "\n" before its first line
        line += self.block.count(b"\n", mark, offset)
        self.mark = (offset, line)
        return line

    # One voucher --------------------------------------------------------------------------------

    def _settle(
        self,
        series: bytes,
        number: bytes,
        day_written: bytes,
        rows: list[tuple[bytes, bytes, bytes]],
        *,
        rows_at: list[int],
        at: int,
    ) -> None:
        """A voucher read line by line, into the batch the export rules settle: `at` is its line,
        negated (see `line_at`), and `rows_at` its rows' lines."""
        day = self._dated(day_written, at)
        if day is None:
            return
        key = (series, number) if number else None
        self.batch.vouchers.append((at, rows_at, (series, number), key, day, rows, self._claimed(rows, rows_at)))

    def line_of(self, voucher: Voucher, row: int | None) -> int:
        if voucher[1] is _PLACED:  # read by `_all_plain`: its place in the block's run, each row on a line
            line = self._run_line(voucher[0])
            return line if row is None else line + 2 + row
        return self.line_at(voucher[0]) if row is None else self._row_line(voucher[1], row)

    def name_of(self, voucher: Voucher) -> str:
        return _voucher(*voucher[2])

    def postings_of(self, kept: list[tuple[Voucher, int, Decimal]]) -> Columns:
        """The kept line's postings of a batch (each a voucher, its row and amount) as the file
        writes them, as columns (asked only for `--item`, while the block is at hand): the row's
        line, account, object list and text (its own, else its voucher's). Each road that read
        its voucher has its own way to them (`_run_fields`, `_matched_fields`, `_line_fields`),
        each for many rows at once, in C where it can: a hundred thousand may be asked for."""
        if not kept:
            return Columns.of([])
        vouchers, numbers = list(map(_FIRST, kept)), list(map(_SECOND, kept))
        placed = list(map(is_, map(_SECOND, vouchers), repeat(_PLACED)))
        if all(placed):  # (the common batch: of the block's plain run)
            lines, accounts, objects, texts = self._run_fields(vouchers, numbers)
        else:
            lines, accounts, objects, texts = self._fields(vouchers, numbers, placed)
        decoded = self.texts
        return Columns(
            list(map(_DAY_OF, vouchers)),
            _names(list(map(_THIRD, vouchers))),
            decoded(texts),
            decoded(accounts),
            decoded(objects),
            list(map(_THIRD, kept)),
            [self.path] * len(kept),
            lines,
        )

    def _fields(self, vouchers: list[Voucher], numbers: list[int], placed: list[bool]) -> Fields:
        """`postings_of` for rows of vouchers not all of the block's plain run: those of each road
        at once, then (where there are more roads than one) each put in its place."""
        roads = [
            0 if plain else 2 if isinstance(at[1], list) else 1 for at, plain in zip(vouchers, placed, strict=True)
        ]
        reads = (self._run_fields, self._matched_fields, self._line_fields)
        if roads.count(roads[0]) == len(roads):  # (one road after all: a sparse block's batch, matched one by one)
            return reads[roads[0]](vouchers, numbers)
        columns: list[list[Any]] = [[0] * len(roads), [b""] * len(roads), [b""] * len(roads), [b""] * len(roads)]
        for road, read in enumerate(reads):
            chosen = [number for number, taken in enumerate(roads) if taken == road]
            if chosen:
                found: tuple[list[Any], ...] = read(
                    list(map(vouchers.__getitem__, chosen)), list(map(numbers.__getitem__, chosen))
                )
                for column, values in zip(columns, found, strict=True):
                    for number, value in zip(chosen, values, strict=True):
                        column[number] = value
        return cast(Fields, tuple(columns))

    def _run_fields(self, vouchers: list[Voucher], numbers: list[int]) -> Fields:
        """`postings_of` for vouchers of the block's plain run, known by their places in it: each
        row's line and its #VER line cut from the voucher's text (`_Run.cut`), all at once."""
        places = list(map(_FIRST, vouchers))
        cut = map(self.run.cut().__getitem__, places)
        split = list(map(bytes.split, cut, repeat(b"\n"), map((3).__add__, numbers)))
        rows = list(map(getitem, split, map((2).__add__, numbers)))
        lines = list(map(add, self.run.lines(places, self.line_at), map((2).__add__, numbers)))  # (its #VER, `{`)
        return (lines, *_row_fields(rows, list(map(_FIRST, split))))

    def _matched_fields(self, vouchers: list[Voucher], numbers: list[int]) -> Fields:
        """`postings_of` for vouchers matched one by one (`_vouchers`): each row's line and its
        #VER line cut from the block, from where the voucher and its rows start."""
        block, index = self.block, self.block.index
        lines = list(map(self.line_of, vouchers, numbers))
        rows: list[bytes] = []
        heads: list[bytes] = []
        for (where, first_row, *_), row in zip(vouchers, numbers, strict=True):
            at = first_row
            for _ in range(row):
                at = index(b"\n", at) + 1
            rows.append(block[at : index(b"\n", at)])
            heads.append(block[where + 4 : index(b"\n", where)])  # (after its label)
        return (lines, *_row_fields(rows, heads))

    def _line_fields(self, vouchers: list[Voucher], numbers: list[int]) -> Fields:
        """`postings_of` for vouchers read line by line: each row's fields kept as its lines were
        read (`written`)."""
        lines = list(map(self.line_of, vouchers, numbers))
        fields: Fields = (lines, [], [], [])
        for voucher, line in zip(vouchers, lines, strict=True):
            trans, ver = self.written.get(line, []), self.written.get(self.line_at(voucher[0]), [])
            fields[1].append(trans[1] if len(trans) > 1 else b"")
            fields[2].append(trans[2][1:-1].strip() if len(trans) > 2 and trans[2].startswith(b"{") else b"")
            fields[3].append(trans[5] if len(trans) > 5 and trans[5] else ver[4] if len(ver) > 4 else b"")
        return fields

    def _dated(self, written: bytes, at: int) -> date | None:
        """A voucher's date, noted as the year's latest where it is; a problem where it is no date."""
        if written in self.dates:
            day = self.dates[written]
        else:
            day = self.dates[written] = _date(written)
            in_year = day is not None and self.first_day <= day <= self.last_day
            if in_year and (self.tally.latest is None or (day is not None and day > self.tally.latest)):
                self.tally.latest = day
        if day is None:
            self.problem("sie-bad-date", self.line_at(at), written=written.decode("latin-1"))
        return day

    def _claimed(self, rows: list[tuple[bytes, bytes, bytes]], rows_at: RowsAt) -> list[Posting]:
        """The package's rows of a voucher: whose each is, its amount, and its place in the voucher.
        Only result accounts count; each account and object list is asked about once."""
        if self.claims is None:  # a voucher read with the head, before any block found one
            self._claims()
        cache, by_account = self.cache, self.by_account
        counted: list[Posting] = []
        for index, (account, objects, amount) in enumerate(rows):
            if account[0] not in _RESULT:
                continue
            key = (account, objects) if by_account else objects
            target = cache[key] if key in cache else self._target_of(account, objects, rows_at, index)
            if target is not None:
                counted.append((target, Decimal(amount.decode("ascii")), index))
        return counted

    def _target_of(self, account: bytes, objects: bytes, rows_at: RowsAt, index: int) -> Target:
        """Whose a row is, asked of the claims and kept for its account and object list. A row
        whose account and objects hold none of the codes the package's `match` needs (`wanted`)
        is no one's, and is not read further (another department's object list is not checked)."""
        cache, wanted = self.cache, self.wanted
        if wanted is not None and wanted.search(objects) is None and wanted.search(account) is None:
            target: Target = None
        else:
            target = self._target(account, objects, lambda: self._row_line(rows_at, index))
        if isinstance(target, tuple):
            self.batch.claimed_twice = True  # (from here on: the cache may give it again)
        if len(cache) >= _CACHE_SIZE:
            cache.clear()
        cache[(account, objects) if self.by_account else objects] = target
        return target

    def _row_line(self, rows_at: RowsAt, index: int) -> int:
        """A row's line: from each row's line, from where the rows start, (below 0) from the first
        row's line, negated, or from the voucher's place in the block's plain run (a 1-tuple)."""
        if isinstance(rows_at, list):
            return rows_at[index]
        if isinstance(rows_at, tuple):  # (its #VER's line, its `{` line, then its rows)
            return self._run_line(rows_at[0]) + 2 + index
        return -rows_at + index if rows_at < 0 else self.line_at(rows_at) + index

    def _target(self, account: bytes, objects: bytes, line: Callable[[], int]) -> Target:
        codes = self._objects(objects, line)
        if codes is None:
            return None
        codes[rules.ACCOUNT] = account
        claims = self.claims
        assert claims is not None
        return claims.target(codes.get)

    def _objects(self, objects: bytes, line: Callable[[], int]) -> dict[Hashable, bytes] | None:
        """An object list, `1 "3100" 6 "1203"`, as each dimension's code; None (and a problem at
        the `line` it is on) where it is not pairs of a dimension and a code."""
        if not _OBJECT_LIST.fullmatch(objects):
            self.problem("bad-objects", line(), written=self.text(objects))
            return None
        fields = [
            bare if quoted is None else _unescape(quoted)
            for quoted, bare in (found.groups() for found in _OBJECTS.finditer(objects))
            if quoted is not None or bare
        ]
        if len(fields) % 2:
            self.problem("bad-objects", line(), written=self.text(objects))
            return None
        return {_dimension(fields[at]): fields[at + 1] for at in range(0, len(fields), 2)}

    def _claims(self) -> Claims[bytes]:
        """The year's match, against this file's dimensions: as declared, and the standard's own."""
        named: dict[str, Hashable] = {rules.ACCOUNT: rules.ACCOUNT}
        for number, names in STANDARD_DIMENSIONS.items():
            named[number] = number
            named.update(dict.fromkeys(names, number))
        named.update(self.dimensions)
        encoding = self.encoding
        self.claims_made += 1
        self.claims = Claims(self.budget, self.path, named, lambda code: code.encode(encoding, "replace"))
        self.by_account = any(
            criterion.dimension.casefold() == rules.ACCOUNT
            for match in [self.budget.match, *(item.match for item in self.budget.items)]
            for criterion in match
        )
        self.cache.clear()
        self.wanted = _wanted(self.budget, encoding)
        return self.claims

    def dimension(self, number: bytes, name: bytes) -> None:
        key = _dimension(number)
        self.dimensions[str(key)] = key
        self.dimensions[self.text(name).casefold()] = key
        if self.claims is not None:  # a #DIM after the first voucher: ask again from here on
            self._claims()

    # The file as a whole ------------------------------------------------------------------------

    def _encoding(self, head: bytes) -> str:
        label = re.search(rb"^#FORMAT[ \t]+\"?([A-Za-z0-9-]+)", head, re.MULTILINE)
        said = _LABELS.get(label.group(1).upper()) if label else None
        found = _detect(head) or said or "cp437"
        if label is not None and said != found:
            line = head.count(b"\n", 0, label.start()) + 1
            written = label.group(1).decode("ascii")
            self.tally.notes.append(_note(self.path, line, written, found))
        return found

    def _checksum(self, data: bytes) -> None:
        """Run the CRC over the records between the opening `#KSUMMA` and the closing one."""
        start = 0
        if self.checksum is None:
            opening = re.search(rb"^#KSUMMA[ \t]*\r?$", data, re.MULTILINE)
            if opening is None:
                return
            self.checksum, start = 0, opening.end()
        closing = re.compile(rb"^#KSUMMA[ \t]+(-?[0-9]+)", re.MULTILINE).search(data, start)
        end = closing.start() if closing else len(data)
        region = data[start:end]
        if self.encoding != "cp437" and not region.isascii():  # the standard sums PC8's bytes
            region = region.decode(self.encoding, "replace").encode("cp437", "replace")
        self.checksum = zlib.crc32(_checksummed(region), self.checksum)
        if closing is not None:
            self.checked = True
            declared = int(closing.group(1))
            if declared % 2**32 != self.checksum:
                self.problem("checksum", self.line_at(end), declared=declared, computed=self.checksum)

    def _end(self) -> None:
        if self.checksum is not None and not self.checked:
            self.problem("truncated-checksum", self.line)
        if not self.vouchers:  # a type 4 file of balances only: the vouchers were left out
            self.problem("sie-no-vouchers", self.type_line)
        if self.claims is None:
            self._claims()
        assert self.claims is not None
        problems = self.tally.problems
        problems[self.first_problem :] = sorted(problems[self.first_problem :], key=lambda problem: problem.source.line)
        problems.extend(self.claims.problems)

    # Words --------------------------------------------------------------------------------------

    def text(self, written: bytes) -> str:
        # (ASCII reads the same in every encoding the file may be in, and quickest as ASCII)
        return written.decode("ascii") if written.isascii() else written.decode(self.encoding, "replace")

    def texts(self, fields: list[bytes]) -> list[str]:
        """Fields of lines (none holds a line end), each as `text` reads it, all decoded at once."""
        return self.text(b"\n".join(fields)).split("\n") if fields else []

    def problem(self, reason: str, line: int, **figures: object) -> None:
        self.tally.problem(_CODES.get(reason, "sie"), reason, Source(self.path, line), **figures)


# Each reason's code (the family a script reads); the rest are "sie", the file's own syntax.
_CODES = {
    "sie-bad-date": "bad-date",
    "export.bad-amount": "bad-amount",
    "export.finer-than-ore": "amount",
    "unbalanced": "unbalanced",
    "duplicate-voucher": "duplicate-voucher",
    "checksum": "checksum",
    "truncated-checksum": "checksum",
    "sie-no-vouchers": "empty-export",
}


class _Lines:
    """Everything but plain vouchers, line by line: the head, corrected vouchers, escapes and
    mistakes. Keeps its place across blocks (a voucher may be cut by nothing but a mistake)."""

    def __init__(self, sie: _Sie) -> None:
        self.sie = sie
        self.voucher: tuple[bytes, bytes, bytes, int] | None = None  # series, number, date, line
        self.opened = False  # its `{` seen
        self.rows: list[tuple[bytes, bytes, bytes, int, bytes]] = []  # account, objects, amount, line, label
        self.added: tuple[bytes, bytes, bytes] | None = None  # the last #RTRANS, which a #TRANS repeats
        self.broken = False  # a row of this voucher could not be read: none of it is counted

    def read(self, data: bytes, start: int, end: int) -> None:
        sie = self.sie
        number = sie.line_at(start)
        for raw in data[start:end].split(b"\n"):  # "\n" alone ends a line, as `line_at` counts
            self.record(raw, number)
            number += 1

    def record(self, raw: bytes, number: int) -> None:
        line = raw.strip()
        if not line:
            return
        if line in (b"{", b"}"):
            self.brace(line, number)
            return
        if not line.startswith(b"#"):
            self.sie.problem("sie-not-record", number, written=self.sie.text(line[:40]))
            return
        fields = self.fields(line, number)
        if fields is None:
            self.broken = self.voucher is not None
            return
        if self.sie.tally.keep is not None:  # (for the postings behind a figure: the voucher may span blocks)
            self.sie.written[number] = fields
        label, values = fields[0].upper(), fields[1:]
        if label in (b"#TRANS", b"#RTRANS", b"#BTRANS"):
            self.row(label, values, number)
        elif label == b"#VER":
            if self.voucher is not None:
                self.unclosed()
            self.begin(values, number)
        elif label == b"#SIETYP":
            self.sie_type(values, number)
        elif label in (b"#DIM", b"#UNDERDIM") and len(values) >= 2:
            self.sie.dimension(values[0], values[1])

    def brace(self, line: bytes, number: int) -> None:
        """A voucher's `{` opening its rows, or its `}` closing it."""
        if line == b"{":
            if self.voucher is None or self.opened:
                self.sie.problem("sie-brace", number, written="{")
            self.opened = True
        elif self.voucher is None or not self.opened:
            self.sie.problem("sie-brace", number, written="}")
        else:
            self.close()

    def fields(self, line: bytes, number: int) -> list[bytes] | None:
        fields: list[bytes] = []
        position = 0
        while position < len(line):
            found = _TOKEN.match(line, position)
            if found is None or found.end() == position:
                rest = line[position:].lstrip()
                reason = "sie-unclosed-brace" if rest.startswith(b"{") else "sie-unclosed-quote"
                self.sie.problem(reason, number, written=self.sie.text(line[:60]))
                return None
            quoted, objects, bare = found.groups()
            if quoted is not None:
                fields.append(_unescape(quoted))
            elif objects is not None:
                fields.append(b"{" + objects + b"}")
            elif bare is not None:
                fields.append(bare)
            position = found.end()
            while position < len(line) and line[position] in b" \t\r\f\v":
                position += 1
        return fields

    def sie_type(self, values: list[bytes], number: int) -> None:
        written = values[0] if values else b""
        self.sie.type_line = number
        if written != b"4":
            raise TryggError("sie-type", path=self.sie.path, line=number, written=self.sie.text(written))

    def begin(self, values: list[bytes], number: int) -> None:
        written = " ".join(self.sie.text(value) for value in values)
        if len(values) >= 2 and _date(values[1]) is not None and (len(values) < 3 or _date(values[2]) is None):
            # `#VER 1 20170101 …`: the series left out, so every field after it is one place early
            fixed = f'#VER "" {self.sie.text(values[0])} {self.sie.text(values[1])}'
            self.sie.problem("sie-voucher-series", number, written=written, fixed=fixed)
            whole = False
        elif len(values) < 3:
            self.sie.problem("sie-voucher", number, written=written)
            whole = False
        else:  # settled when it closes, and an empty date or one that is no date is a problem there
            whole = True
        # a voucher whose head is not whole counts none of its rows (its problem says why)
        self.voucher = (values[0], values[1], values[2], number) if whole else (b"", b"", b"", number)
        self.sie.vouchers = True
        self.opened, self.rows, self.added, self.broken = False, [], None, not whole

    def row(self, label: bytes, values: list[bytes], number: int) -> None:
        sie = self.sie
        if self.voucher is None or not self.opened:
            sie.problem("sie-row-outside", number, label=label.decode("ascii", "replace"))
            return
        if len(values) < 3 or not values[1].startswith(b"{"):
            self.broken = True
            sie.problem("sie-row", number, label=label.decode("ascii", "replace"))
            return
        account, objects, amount = values[0], values[1][1:-1], values[2]
        written = _AMOUNT.fullmatch(amount)
        if written is None:
            self.broken = True
            sie.problem("export.bad-amount", number, written=sie.text(amount))
            return
        if written.group(1) is not None and len(written.group(1).rstrip(b"0")) > 2:
            self.broken = True
            sie.problem("export.finer-than-ore", number, written=sie.text(amount))
            return
        if not account.isdigit():
            self.broken = True
            sie.problem("sie-account", number, written=sie.text(account))
            return
        row = (account, objects, amount)
        if label == b"#BTRANS":  # a removed row: shown for the record, never counted
            return
        if label == b"#RTRANS":  # an added row: counted here, and its #TRANS copy is not
            self.added = row
            self.rows.append((*row, number, label))
            return
        if self.added is not None and _same_row(self.added, row):
            self.added = None
            return
        self.added = None
        self.rows.append((*row, number, label))

    def close(self) -> None:
        assert self.voucher is not None
        series, number, day, line = self.voucher
        rows = [(account, objects, amount) for account, objects, amount, _, _ in self.rows]
        lines = [row[3] for row in self.rows]
        self.voucher, self.opened, self.rows = None, False, []
        if self.broken:  # its rows are not all known: count none of them (the problems say why)
            return
        if rows:
            self.sie._settle(series, number, day, rows, rows_at=lines, at=-line)

    def unclosed(self) -> None:
        """A voucher that never had its `}`: say so, and count nothing of it."""
        assert self.voucher is not None
        self.sie.problem("sie-unclosed-voucher", self.voucher[3])
        self.voucher, self.opened, self.rows = None, False, []

    def end(self) -> None:
        if self.voucher is not None:
            self.unclosed()


@dataclass(frozen=True, slots=True)
class PartRead:
    """What a part of a file read in a process of its own sends back (`_Sie._part`): its count,
    the line it ends at, whether it met a voucher, and how often the claims were made by then."""

    counted: Counted
    line: int
    vouchers: bool
    claims: int


def _pread(fd: int, position: int, end: int | None) -> Callable[[], bytes]:
    """Read a file's blocks from `position` to `end` (None: its end), without moving its offset."""

    def read() -> bytes:
        nonlocal position
        size = BLOCK if end is None else min(BLOCK, end - position)
        data = os.pread(fd, size, position) if size > 0 else b""
        position += len(data)
        return data

    return read


def _lines_before(fd: int, end: int) -> int:
    read, lines = _pread(fd, 0, end), 0
    while data := read():
        lines += data.count(b"\n")
    return lines


def _wanted(budget: Budget, encoding: str) -> re.Pattern[bytes] | None:
    """A search that finds, in a voucher's text, a code without which none of its postings can
    be the package's (each code of one criterion of the package's match; where the package has
    none, of each item's); None where no such search can be made."""
    claimants = [budget.match] if budget.match else [item.match for item in budget.items if item.match]
    if not claimants:
        return _NOTHING
    needles: set[bytes] = set()
    for match in claimants:
        criterion = max(match, key=lambda criterion: min(len(code.rstrip(rules.PREFIX)) for code in criterion.codes))
        needles.update(code.rstrip(rules.PREFIX).encode(encoding, "replace") for code in criterion.codes)
    if not needles or any(not needle or b'"' in needle or b"\\" in needle for needle in needles):
        return None
    return re.compile(b"|".join(re.escape(needle) for needle in sorted(needles, key=len, reverse=True)))


_VER = re.compile(rb"\n#VER")
# A voucher's date, as written (maybe quoted): the third field of its #VER.
_VER_DATE = re.compile(rb'\n#VER[ \t]+(?:"[^"\r\n]*"|[^\s"]+)[ \t]+(?:"[^"\r\n]*"|[^\s"]+)[ \t]+("?[0-9]*"?)')
_NOTHING = re.compile(rb"(?!)")  # no item has a match and no package: no voucher is wanted
_UNKNOWN: Any = object()  # not in the cache
# Where a voucher's rows are: each row's line, where they start in the block, the first row's line
# negated, or (a 1-tuple) the voucher's place in the block's plain run.
RowsAt = int | list[int] | tuple[int]
# Rows of kept postings as `_Sie.postings_of` finds them: their lines, accounts, object lists and texts.
Fields = tuple[list[int], list[bytes], list[bytes], list[bytes]]
RowFields = tuple[list[bytes], list[bytes], list[bytes]]  # (the same without their lines)
_PLACED: Any = object()  # a voucher known by its place in a block's run of plain vouchers


class _Run:
    """A block's run of plain vouchers, read at once (`_Sie._all_plain`), as `_plain_run` found
    them (`two`: each of two rows): a voucher is known by its place among them. Where they start
    in the block, their lines and their texts are worked out for the whole run when first asked
    (for a problem, or `--item`)."""

    __slots__ = ("_block", "_cut", "_lines", "_starts", "first", "found", "two")

    def __init__(self, block: bytes, first: int, found: list[Any], two: bool) -> None:
        self._block, self.first, self.found, self.two = block, first, found, two  # (first: its "\n#VER")
        self._starts: list[int] | None = None
        self._lines: tuple[int, list[int] | None] | None = None
        self._cut: list[bytes] | None = None

    def start(self, place: int) -> int:
        """Where the `place`th voucher starts in the block (its "\n")."""
        if self._starts is None:
            self._starts = [found.start() for found in _VER.finditer(self._block, self.first)]
        return self._starts[place]

    def stop(self, place: int, end: int) -> int:
        """Where the `place`th voucher ends (the run's last, at `end`)."""
        self.start(place)
        assert self._starts is not None
        return self._starts[place + 1] if place + 1 < len(self._starts) else end

    def lines(self, places: list[int], line_at: Callable[[int], int]) -> list[int]:
        """The lines of vouchers (their #VERs'), by their places, counted on from the first's
        (`line_at` a place in the block): each has its rows' lines and three more (`_all_of`
        saw them all)."""
        if self._lines is None:
            starts = None if self.two else list(accumulate(_lines_of(self.found), initial=0))
            self._lines = (line_at(self.first + 1), starts)
        first, starts = self._lines
        return list(map(first.__add__, map((5).__mul__, places) if starts is None else map(starts.__getitem__, places)))

    def cut(self) -> list[bytes]:
        """Each voucher's text after its label (its #VER line's rest, its `{` line, its rows), by
        its place."""
        if self._cut is None:
            self._cut = self._block[self.first :].split(b"\n#VER")[1:]
        return self._cut


def _same_row(added: tuple[bytes, bytes, bytes], row: tuple[bytes, bytes, bytes]) -> bool:
    return added[0] == row[0] and added[1].split() == row[1].split() and _sum([added]) == _sum([row])


def _sum(rows: list[tuple[bytes, bytes, bytes]]) -> Decimal:
    """The rows' amounts added up exactly (written as the standard writes them: -1234.50)."""
    return sum((Decimal(row[2].decode("ascii")) for row in rows), Decimal(0))


def _date(written: bytes) -> date | None:
    try:
        return date(int(written[:4]), int(written[4:6]), int(written[6:8])) if len(written) == 8 else None
    except ValueError:
        return None


def _dimension(number: bytes) -> str:
    return number.decode("ascii", "replace").strip()


def _voucher(series: bytes, number: bytes) -> str:
    return _names([(series, number)])[0]


def _names(labels: list[tuple[bytes, bytes]]) -> list[str]:
    """Vouchers' names, series and number as written (each byte read as Latin-1: any byte reads),
    trimmed; all decoded at once (`--item` may name a hundred thousand)."""
    if not labels:
        return []
    joined = b"\n".join(series + b" " + number for series, number in labels)  # (no field holds a "\n")
    return list(map(str.strip, joined.decode("latin-1").split("\n")))


def _row_fields(rows: list[bytes], heads: list[bytes]) -> RowFields:
    """Rows as written (their lines), each with its voucher's #VER line (after its label): each
    row's account, object list and text (its own, the field after its date; else its
    voucher's, the field after the voucher's date), all at once."""
    found = _ROWS_WRITTEN.findall(b"\n".join(rows) + b"\n")
    texts = _either(found, 2)
    untexted = list(compress(range(len(texts)), map(not_, texts)))
    if untexted:
        said = _VERS_WRITTEN.findall(b"\n".join(map(heads.__getitem__, untexted)) + b"\n")
        for number, text in zip(untexted, _either(said, 0), strict=True):
            texts[number] = text
    return list(map(_FIRST, found)), list(map(bytes.strip, map(_SECOND, found))), texts


def _either(found: list[Any], group: int) -> list[bytes]:
    """The texts `findall` found quoted in a group or bare in the next (the other b""), in C."""
    return list(map(bytes.__add__, map(itemgetter(group), found), map(itemgetter(group + 1), found)))


def _unescape(quoted: bytes) -> bytes:
    return re.sub(rb"\\(.)", rb"\1", quoted) if b"\\" in quoted else quoted


def _plain_run(block: bytes, start: int, stop: int) -> tuple[list[Any], bool] | None:
    """The vouchers from `start` (a "\\n#VER") to `stop`, as `_PLAIN_VOUCHERS.findall` finds
    them, where they are all there is and all plain (else None), and whether each has two rows
    (none a body of rows of its own: the common run). `_QUICK_VOUCHERS` finds them,
    where the text lets it (`_marks`: then a line's other fields are plain if they hold no brace,
    and so each voucher has 1 + its rows of each brace, as it has 3 + its rows of lines)."""
    vouchers = block.count(b"\n#VER", start, stop)
    end = stop
    while end > start and block[end - 1] in b" \t\r\n":  # (what ends the run: no copy of it)
        end -= 1
    lines = block.count(b"\n", start, end)
    marks = _marks(block, start, stop)
    if marks is not None:
        found = _QUICK_VOUCHERS.findall(block, start, stop)
        two = not any(map(_BODY, found))
        if _all_of(found, vouchers, lines, two) and marks.count(b"{") == marks.count(b"}") == lines - 2 * vouchers:
            return found, two
    found = _PLAIN_VOUCHERS.findall(block, start, stop)
    two = not any(map(_BODY, found))
    return (found, two) if _all_of(found, vouchers, lines, two) else None


def _marks(block: bytes, start: int, stop: int) -> bytes | None:
    """The quotes, braces and line ends of a run of vouchers, where `_QUICK_VOUCHERS` may read it:
    it has no escape, and on every line each quote is closed by the next (no line end or other
    character of these between them; the quotes of an object list closed inside it). Then a
    line's other fields are plain, as `_PLAIN_VOUCHERS` asks, if they hold no brace (which the
    caller sees by counting the braces)."""
    text = block[start:stop]
    if b"\\" in text:
        return None
    marks = text.translate(None, _NOT_MARKS)
    return None if b'"' in marks.replace(b'""', b"") else marks


def _all_of(found: list[Any], vouchers: int, lines: int, two: bool) -> bool:
    """Whether the plain vouchers found (`two`: of two rows each) are all the run's `vouchers`,
    and all its `lines`."""
    if len(found) != vouchers:
        return False
    if two:  # (the common run)
        return lines == 5 * vouchers
    return lines == sum(_lines_of(found))


def _lines_of(found: list[Any]) -> Iterator[int]:
    """Each plain voucher's lines, as `_PLAIN_VOUCHERS` found it: its #VER, `{` and `}` lines and
    its rows' (two, where it has no body of rows of its own)."""
    return (3 + body.count(b"\n") if body else 5 for body in map(_BODY, found))


def _detect(head: bytes) -> str | None:
    """The encoding the first block is in, where it has letters outside ASCII."""
    if head.isascii():
        return None
    try:
        head.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError as error:
        if error.start >= len(head) - 3 and error.reason == "unexpected end of data":
            return "utf-8"
    pc8 = sum(head.count(letter) for letter in _PC8_LETTERS)
    windows = sum(head.count(letter) for letter in _WINDOWS_LETTERS)
    return "cp1252" if windows > pc8 else "cp437"


def _checksummed(data: bytes) -> bytes:
    """What the checksum covers of some lines: labels and field contents, without the spaces,
    quotes, braces and line ends around them."""
    if b"\\" in data:  # escapes: field by field
        parts = []
        for line in data.splitlines():
            for quoted, objects, bare in _TOKEN.findall(line.strip()):
                if objects:
                    parts += [_unescape(q) or b for q, b in _OBJECTS.findall(objects)]
                else:
                    parts.append(_unescape(quoted) if quoted else bare)
        return b"".join(parts)
    pieces = data.split(b'"')
    pieces[0::2] = [piece.translate(None, _CHECKSUM_GAPS) for piece in pieces[0::2]]
    return b"".join(pieces)


def _note(path: str, line: int, written: str, found: str) -> Problem:
    return Problem("encoding", "sie-encoding", Source(path, line), {"label": written, "encoding": found})
