"""Writer: a budget's `#PBUDGET` rows as an SIE 4 file of type 3, as accounting systems import it.

PC8 (code page 437) bytes and CRLF line ends, as the standard says; a character PC8 lacks was
made plain or `?` by `budget_sie.pc8` before. `#KSUMMA` opens right after `#FLAGGA` and closes
the file, its sum by the rule trygg's own SIE reader checks (`exports.sie`: CRC-32 over each
record's label and field contents, without spaces, quotes and braces).
"""

from __future__ import annotations

import zlib
from datetime import date
from decimal import Decimal
from typing import BinaryIO

from trygg_cli.budget_sie import SieBudget, pc8
from trygg_cli.exports.sie import _checksummed

_ORE = Decimal("0.01")


def quoted(text: str) -> str:
    """A field in quotes, a quote or a backslash in it escaped (SIE 4B, 5.7)."""
    return '"' + pc8(text).replace("\\", "\\\\").replace('"', '\\"') + '"'


def write_sie(budget: SieBudget, out: BinaryIO, today: date, version: str) -> None:
    """The file, from `#FLAGGA` to its closing `#KSUMMA`."""
    year = budget.year
    records = [
        f"#PROGRAM {quoted('trygg')} {quoted(version)}",
        "#FORMAT PC8",
        f"#GEN {today:%Y%m%d}",
        "#SIETYP 3",
        f"#FNAMN {quoted(budget.name)}",
        f"#RAR 0 {year}0101 {year}1231",
    ]
    records += [f"#KONTO {account} {quoted(name)}" for account, name in budget.accounts.items()]
    records += [f"#DIM {number} {quoted(name)}" for number, name in budget.dimensions.items()]
    records += [f"#OBJEKT {number} {quoted(code)} {quoted(name)}" for (number, code), name in budget.objects.items()]
    records += [
        f"#PBUDGET 0 {year}{row.month:02d} {row.account} "
        + ("{" + " ".join(f"{number} {quoted(code)}" for number, code in row.objects) + "}")
        + f" {row.amount.quantize(_ORE):f}"
        for row in budget.rows
    ]
    body = "".join(record + "\r\n" for record in records).encode("cp437")
    checksum = zlib.crc32(_checksummed(body))
    out.write(b"#FLAGGA 0\r\n#KSUMMA\r\n" + body + f"#KSUMMA {checksum}\r\n".encode("ascii"))
