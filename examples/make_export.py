"""Writes examples/huvudbok-2021.se: an INVENTED SIE 4 export for the follow-up example.

A municipality's ledger from 1 January to 31 August 2021, as an accounting system would export
it: the package's postings (ansvar 1510, projekt 2101-2107, as examples/budget-2021.yaml
matches them), some on 1510 without a project (unallocated), other departments' postings that
are not the package's, balance rows (2440 supplier debts, 1930 bank, 2710 tax), one corrected
voucher (#BTRANS/#RTRANS) and a #KSUMMA, in PC8 with CRLF line ends. Every figure is made up.

    python examples/make_export.py      # the same file every time (a fixed seed)
"""

from __future__ import annotations

import random
import zlib
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

HERE = Path(__file__).resolve().parent

# projekt: (monthly cost in kronor, account, text)
PACKAGE = {
    "2101": (Decimal("62450.00"), "4010", "Trygghetsvärdar, faktura"),
    "2102": (Decimal("69875.50"), "4010", "Väktartjänst, faktura"),
    "2104": (Decimal("88400.00"), "7010", "SSPF-samordnare, lön"),
    "2105": (Decimal("41200.75"), "6420", "SSPF, fritidsaktiviteter"),
    "2106": (Decimal("49960.00"), "4990", "Lokala arbetsgrupper, bidrag"),
    "2107": (Decimal("22040.00"), "6110", "Kameraövervakning, drift"),
}
OTHERS = ["1200", "2300", "3400", "4100", "5200"]  # other departments' ansvar


def records() -> list[list[str]]:
    """The file's records, each as its label and fields (quoted where the field is text)."""
    rows: list[list[str]] = [
        ["#FLAGGA", "0"],
        ["#PROGRAM", '"trygg exempel (påhittade siffror)"', "1.0"],
        ["#FORMAT", "PC8"],
        ["#GEN", "20210901"],
        ["#SIETYP", "4"],
        ["#FNAMN", '"Exempelkommun (påhittad)"'],
        ["#RAR", "0", "20210101", "20211231"],
        ["#DIM", "1", '"Ansvar"'],
        ["#DIM", "6", '"Projekt"'],
        ["#OBJEKT", "1", '"1510"', '"Säkerhet och trygghet"'],
    ]
    rows += [["#OBJEKT", "6", f'"{code}"', f'"{text.split(",")[0]}"'] for code, (_, _, text) in PACKAGE.items()]
    random.seed(2021)
    number = 0
    day = date(2021, 1, 4)
    while day <= date(2021, 8, 31):
        for code, (monthly, account, text) in PACKAGE.items():
            if day.day == 5:
                amount = (monthly * Decimal(random.uniform(0.85, 1.15))).quantize(Decimal("0.01"))
                number += 1
                rows += voucher(number, day, text, [(account, code, amount)])
        if random.random() < 0.8:
            amount = Decimal(random.randint(50_000, 2_000_000)) / 100
            number += 1
            other = random.choice(OTHERS)
            rows += voucher(number, day, "Annan förvaltning", [("5460", None, amount)], ansvar=other)
        day += timedelta(days=1)
    # On the package but on no project: shown as unallocated.
    number += 1
    rows += voucher(number, date(2021, 5, 17), "Konsultarvode, ej projektkodat", [("6550", None, Decimal("35000.00"))])
    # Kameraövervakning: a repair that pushed it over budget.
    number += 1
    rows += voucher(number, date(2021, 6, 9), "Reparation kamera", [("6110", "2107", Decimal("34375.00"))])
    # A corrected voucher: a row moved from 2106 to 2101 after registration.
    number += 1
    rows += [
        ["#VER", '"A"', f'"{number}"', "20210614", '"Rättad kontering"'],
        ["{"],
        ["#TRANS", "4010", '{1 "1510" 6 "2101"}', "18000.00"],
        ["#BTRANS", "4010", '{1 "1510" 6 "2106"}', "18000.00"],
        ["#RTRANS", "4010", '{1 "1510" 6 "2101"}', "18000.00"],
        ["#TRANS", "4010", '{1 "1510" 6 "2101"}', "18000.00"],
        ["#TRANS", "2440", "{}", "-36000.00"],
        ["}"],
    ]
    return rows


def voucher(
    number: int, day: date, text: str, rows: list[tuple[str, str | None, Decimal]], ansvar: str = "1510"
) -> list[list[str]]:
    records = [["#VER", '"A"', f'"{number}"', day.strftime("%Y%m%d"), f'"{text}"'], ["{"]]
    for account, project, amount in rows:
        objects = f'{{1 "{ansvar}" 6 "{project}"}}' if project else f'{{1 "{ansvar}"}}'
        records.append(["#TRANS", account, objects, f"{amount:.2f}"])
    total = sum((amount for _, _, amount in rows), Decimal(0))
    records.append(["#TRANS", "2440", "{}", f"{-total:.2f}"])
    records.append(["}"])
    return records


def checksum(rows: list[list[str]]) -> int:
    """CRC-32 of each record's label and field contents, without the spaces, quotes and braces
    between them, in PC8 (SIE 4B, 10.14)."""
    crc = 0
    for record in rows:
        for field in record:
            if field.startswith('"'):  # a text: what is inside the quotes, spaces and all
                contents = field[1:-1]
            elif field in ("{", "}"):  # the braces around a voucher's rows
                contents = ""
            elif field.startswith("{"):  # an object list: its dimensions and codes
                contents = "".join(part.strip('"') for part in field[1:-1].split())
            else:
                contents = field
            crc = zlib.crc32(contents.encode("cp437"), crc)
    return crc


def main() -> None:
    rows = records()
    lines = [rows[0], ["#KSUMMA"], *rows[1:], ["#KSUMMA", str(checksum(rows[1:]))]]
    text = "".join(" ".join(record) + "\r\n" for record in lines)
    (HERE / "huvudbok-2021.se").write_bytes(text.encode("cp437"))


if __name__ == "__main__":
    main()
