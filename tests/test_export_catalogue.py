"""The exports' bad-input catalogue: every way an accounting system's export goes wrong, through
the CLI (`trygg follow YEAR EXPORT`), with the exit code, and the problem code and line it must
report, in JSON and as text in both languages (which must name the file and line, and say it in
the reader's words). A run that cannot go on (exit 2) names what it needs instead."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.cases import HEAD, PAID10, YEAR, voucher

A10 = '#TRANS 4010 {1 "1510" 6 "2101"} 10'


@dataclass(frozen=True)
class Case:
    content: bytes
    exit: int
    code: str | None = None  # the problem code (exit 1), or the could-not-run code (exit 2)
    line: int | None = None
    said: tuple[str, str] | None = None  # what the text says, in English and in Swedish
    suffix: str = ".se"
    again: bytes | None = None  # a second export after it (the same bytes: the same file given twice)


def sie(*lines: str, head: str = HEAD) -> bytes:
    return (head + "".join(lines)).encode("cp437")


CATALOGUE = {
    "clean SIE": Case(sie(voucher(1, "20210105", A10, PAID10)), 0),
    "unbalanced voucher": Case(
        sie(voucher(1, "20210105", A10, "#TRANS 2440 {} -9")),
        1,
        "unbalanced",
        6,
        ("add up to 1.00 kr, not 0", "summerar till 1,00 kr, inte 0"),
    ),
    "bad date": Case(sie(voucher(1, "20210230", A10, PAID10)), 1, "bad-date", 6, ("like 20210831", "ÅÅÅÅMMDD")),
    "amount with a letter": Case(
        sie(voucher(1, "20210105", '#TRANS 4010 {1 "1510" 6 "2101"} 1O', PAID10)),
        1,
        "bad-amount",
        8,
        ("'1O' is not an amount", "'1O' är inget belopp"),
    ),
    "amount finer than öre": Case(
        sie(voucher(1, "20210105", '#TRANS 4010 {1 "1510" 6 "2101"} 10.001', "#TRANS 2440 {} -10.001")),
        1,
        "amount",
        8,
        ("finer than whole öre", "finare än hela ören"),
    ),
    "unclosed object list": Case(
        sie(voucher(1, "20210105", '#TRANS 4010 {1 "1510" 6 "2101" 10', PAID10)),
        1,
        "sie",
        8,
        ("never closed", "aldrig"),
    ),
    "object list with an odd field": Case(
        sie(voucher(1, "20210105", '#TRANS 4010 {1 "1510" 6} 10', PAID10)),
        1,
        "sie",
        8,
        ("pairs of a dimension and a code", "par av dimension och kod"),
    ),
    "file cut short": Case(
        sie('#VER "A" "1" 20210105 ""\n{\n' + A10 + "\n"),
        1,
        "sie",
        6,
        ("is the file cut short?", "är filen avkapad?"),
    ),
    "voucher without its series": Case(
        sie('#VER 1 20210105 "text"\n{\n' + A10 + "\n" + PAID10 + "\n}\n"),
        1,
        "sie",
        6,
        ('write #VER "" 1 20210105', 'skriv #VER "" 1 20210105'),
    ),
    "row outside a voucher": Case(sie(A10 + "\n"), 1, "sie", 6, ("outside a voucher", "utanför en verifikation")),
    "not a record": Case(sie("Faktura 17\n"), 1, "sie", 6, ("not an SIE record", "ingen SIE-post")),
    "checksum that does not match": Case(
        b"#FLAGGA 0\n#KSUMMA\n#SIETYP 4\n#DIM 1 Ansvar\n"
        + voucher(1, "20210105", A10, PAID10).encode()
        + b"#KSUMMA 1\n",
        1,
        "checksum",
        10,
        ("export it again", "exportera den igen"),
    ),
    "checksum never closed": Case(
        b"#FLAGGA 0\n#KSUMMA\n#SIETYP 4\n#DIM 1 Ansvar\n" + voucher(1, "20210105", A10, PAID10).encode(),
        1,
        "checksum",
        None,
        ("cut short", "avkapad"),
    ),
    "dimension the export lacks": Case(
        sie(voucher(1, "20210105", A10, PAID10), head="#FLAGGA 0\n#SIETYP 4\n"),
        1,
        "unknown-dimension",
        4,
        ("'ansvar', which", "'ansvar', som"),
    ),
    "SIE type 2": Case(b"#FLAGGA 0\n#SIETYP 2\n#KONTO 1910 Kassa\n", 2, "sie-type", None, ("#SIETYP 4", "#SIETYP 4")),
    "not an SIE file": Case(b"\x00\x01binary", 2, "not-sie", None, ("not an SIE file", "ingen SIE-fil")),
    "Windows-1252 labelled PC8": Case(
        sie('#FNAMN "Åsele"\n', voucher(1, "20210105", A10, PAID10)).decode("cp437").encode("cp1252"),
        0,
        None,
        None,
        ("#FORMAT says PC8, but the file is written in cp1252", "#FORMAT säger PC8"),
    ),
    "CSV without an account column": Case(
        b"Datum;Ansvar;Belopp\n2021-01-05;1510;5\n",
        2,
        "missing-column",
        None,
        ("no account column", "ingen kolumn för konto"),
        ".csv",
    ),
    "CSV with a bad amount": Case(
        b"Datum;Konto;Ansvar;Projekt;Belopp\n2021-01-05;4010;1510;2101;5,5,5\n",
        1,
        "bad-amount",
        2,
        ("is not an amount", "är inget belopp"),
        ".csv",
    ),
    "CSV with a bad date": Case(
        b"Datum;Konto;Ansvar;Projekt;Belopp\n5/1/2021;4010;1510;2101;5\n",
        1,
        "bad-date",
        2,
        ("YYYY-MM-DD", "ÅÅÅÅ-MM-DD"),
        ".csv",
    ),
    "CSV in Windows-1252": Case(
        "Datum;Konto;Ansvar;Projekt;Belopp;Text\n2021-01-05;4010;1510;2101;5;Kärr\n".encode("cp1252"), 0, suffix=".csv"
    ),
    "xlsx that is not a workbook": Case(b"Datum;Konto\n", 2, "not-xlsx", None, ("not an xlsx", "ingen xlsx"), ".xlsx"),
    "a PDF": Case(b"%PDF-1.4", 2, "unknown-export", None, ("not .pdf", "inte .pdf"), ".pdf"),
    # Real exports from other programs (issue 18)
    "SIE 4I vouchers without numbers": Case(
        sie(voucher("", "20210105", A10, PAID10, series=""), voucher("", "20210105", A10, PAID10, series="")), 0
    ),
    "SIE 5 (XML)": Case(
        b'<?xml version="1.0" encoding="UTF-8"?>\n<SieEntry xmlns="http://www.sie.se/sie5">\n</SieEntry>\n',
        2,
        "sie-5",
        None,
        ("an SIE 5 file (XML)", "en SIE 5-fil (XML)"),
        ".sie",
    ),
    "SIE 4 without vouchers": Case(
        sie("#KONTO 4010 Varor\n#IB 0 1930 100.00\n"),
        1,
        "empty-export",
        3,
        ("holds no vouchers", "inga verifikationer"),
    ),
    "CSV in UTF-16 with a BOM": Case(
        "Bokföringsdatum;Konto;Ansvar;Projekt;Belopp\n2021-01-05;4010;1510;2101;5\n".encode("utf-16"),
        0,
        suffix=".csv",
    ),
    "CSV of an open-data ledger": Case(
        b"verifikationsnummer,bokforingsdatum,konto_nr,ansvar,projekt,nettobelopp\n17,2021-01-05,4010,1510,2101,5.00\n",
        0,
        suffix=".csv",
    ),
    "CSV missing several columns": Case(
        b"Ansvar;Text\n1510;x\n",
        2,
        "missing-column",
        None,
        (
            "no date column, no account column, no amount column",
            "ingen kolumn för datum, ingen kolumn för konto, ingen kolumn för belopp",
        ),
        ".csv",
    ),
    "the same CSV twice": Case(
        b"Datum;Konto;Ansvar;Projekt;Belopp\n2021-01-05;4010;1510;2101;5\n",
        1,
        "duplicate-export",
        1,
        ("given twice: read once", "angiven två gånger: läses en gång"),
        ".csv",
        again=b"Datum;Konto;Ansvar;Projekt;Belopp\n2021-01-05;4010;1510;2101;5\n",
    ),
    "a CSV voucher in two exports": Case(
        b"Ver.nr;Datum;Konto;Ansvar;Projekt;Belopp\nA1;2021-01-05;4010;1510;2101;5\n",
        1,
        "duplicate-voucher",
        2,
        ("was read already from", "är redan läst från"),
        ".csv",
        again=b"Ver.nr;Datum;Konto;Ansvar;Projekt;Belopp\nA1;2021-01-05;4010;1510;2101;5\nA2;2021-01-06;4010;1510;2101;1\n",
    ),
    "tab-separated with 1,234.50": Case(
        b"Datum\tKonto\tAnsvar\tProjekt\tBelopp\n2021-01-05\t4010\t1510\t2101\t1,234.50\n", 0, suffix=".csv"
    ),
}


def follow(run: Any, tmp_path: Path, case: Case, *extra: str) -> Any:
    """The run, and the export the case's problem is in (the last one given)."""
    year = tmp_path / "budget-2021.yaml"
    year.write_text(YEAR, encoding="utf-8")
    export = tmp_path / f"huvudbok{case.suffix}"
    export.write_bytes(case.content)
    exports = [export]
    if case.again is not None:
        exports.append(export if case.again == case.content else tmp_path / f"huvudbok-2{case.suffix}")
        exports[-1].write_bytes(case.again)
    given = [str(path) for path in exports]
    return run("follow", str(year), *given, "--as-of", "2021-12-31", *extra), exports[-1]


@pytest.mark.parametrize("name", list(CATALOGUE))
def test_export_catalogue(tmp_path: Path, run: Any, name: str) -> None:
    case = CATALOGUE[name]
    result, export = follow(run, tmp_path, case, "--format", "json")
    assert result.exit_code == case.exit, result.output
    data = json.loads(result.stdout)
    if case.exit == 2:
        assert data["error"]["code"] == case.code
    else:
        found = [(problem["code"], problem["line"]) for problem in data["problems"]]
        if case.code is None:
            assert found == []
        elif case.line is None:
            assert case.code in [code for code, _ in found], found
        else:
            assert (case.code, case.line) in found, found
    for locale, said in zip(("en", "sv"), case.said or (None, None), strict=True):
        text, _ = follow(run, tmp_path, case, "--locale", locale)
        assert text.exit_code == case.exit
        assert "Traceback" not in text.stderr
        if case.line is not None and case.code != "unknown-dimension":
            assert f"{export}:{case.line}:" in text.stderr, text.stderr
        if said is not None:
            assert said in text.stderr, text.stderr


def test_export_catalogue_is_large_enough() -> None:
    assert len(CATALOGUE) >= 20
