"""The budget for the accounting system: `trygg show YEAR --months -o budget.se`, an SIE 4 file of
type 3 with `#PBUDGET` rows, read back here by a small parser of this test's own, its `#KSUMMA`
checked by the rule trygg's SIE reader uses and by this module's own reading of that rule."""

from __future__ import annotations

import re
import textwrap
import zlib
from collections import defaultdict
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import REPO
from trygg_cli.budget_sie import pc8, sie_budget
from trygg_cli.exports.sie import _Sie
from trygg_cli.exports.tally import Tally
from trygg_cli.model import Budget
from trygg_cli.periods import budget_months
from trygg_cli.targets import load_file

EXAMPLE = str(REPO / "examples" / "budget-2021.yaml")
Run = Any


# A small SIE reader of this test's own --------------------------------------------------------

_FIELD = re.compile(r'"((?:[^"\\]|\\.)*)"|\{([^}]*)\}|(\S+)')


def records(data: bytes) -> list[tuple[str, list[Any]]]:
    """Each line's label and fields (an object list as a list of (dimension, code) pairs)."""
    found = []
    for line in data.decode("cp437").split("\r\n"):
        if not line:
            continue
        fields: list[Any] = []
        for quoted, objects, bare in _FIELD.findall(line):
            if objects or (not quoted and not bare):
                parts = [q or b for q, b in re.findall(r'"([^"]*)"|(\S+)', objects)]
                fields.append(list(zip(parts[0::2], parts[1::2], strict=True)))
            else:
                fields.append(re.sub(r"\\(.)", r"\1", quoted) if quoted else bare)
        found.append((fields[0], fields[1:]))
    return found


def own_checksum(data: bytes) -> tuple[int, int]:
    """SIE 4B's #KSUMMA as this test reads the standard: CRC-32 over the PC8 bytes of each record
    between the opening and the closing #KSUMMA, its label and its fields' contents one after
    another, without the spaces, quotes and braces; (computed, declared)."""
    lines = data.split(b"\r\n")
    opening = lines.index(b"#KSUMMA")
    closing = next(number for number, line in enumerate(lines) if line.startswith(b"#KSUMMA "))
    parts = []
    for line in lines[opening + 1 : closing]:
        for quoted, objects, bare in re.findall(rb'"((?:[^"\\]|\\.)*)"|\{([^}]*)\}|(\S+)', line):
            if objects:
                parts += [q or b for q, b in re.findall(rb'"([^"]*)"|(\S+)', objects)]
            else:
                parts.append(re.sub(rb"\\(.)", rb"\1", quoted) if quoted else bare)
    return zlib.crc32(b"".join(parts)), int(lines[closing].split()[1])


def readers_checksum_problems(data: bytes, budget: Budget) -> list[str]:
    """What trygg's own SIE reader's #KSUMMA rule says of the file (its checksum step alone: the
    reader reads type 4 files for the follow-up, and stops at #SIETYP 3 before it sums)."""
    tally = Tally(budget)
    reader = _Sie("budget.se", budget, tally)
    reader._checksum(b"\n" + data)
    assert reader.checked
    return [problem.reason for problem in tally.problems]


def pbudget(data: bytes) -> list[tuple[str, str, tuple[tuple[str, str], ...], Decimal]]:
    rows = []
    for label, fields in records(data):
        if label == "#PBUDGET":
            assert fields[0] == "0"
            rows.append((fields[1], fields[2], tuple(fields[3]), Decimal(fields[4])))
    return rows


# The shipped example ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> tuple[bytes, str]:
    from typer.testing import CliRunner

    from trygg_cli.cli import app

    out = tmp_path_factory.mktemp("sie") / "budget.se"
    result = CliRunner().invoke(
        app, ["show", EXAMPLE, "-o", str(out), "--dimension", "ansvar=1", "--account", "4010"], catch_exceptions=False
    )
    assert result.exit_code == 0, result.output
    return out.read_bytes(), result.stderr


def test_the_shipped_example_is_pc8_crlf_with_its_checksum_first_and_last(example: tuple[bytes, str]) -> None:
    data, _ = example
    assert data.endswith(b"\r\n") and b"\n" not in data.replace(b"\r\n", b"")
    data.decode("cp437")
    lines = data.split(b"\r\n")
    assert lines[:2] == [b"#FLAGGA 0", b"#KSUMMA"]
    assert lines[-2].startswith(b"#KSUMMA ") and lines[-1] == b""
    head = [label for label, _ in records(data)][:8]
    assert head == ["#FLAGGA", "#KSUMMA", "#PROGRAM", "#FORMAT", "#GEN", "#SIETYP", "#FNAMN", "#RAR"]
    fields = dict(records(data)[:8])
    assert fields["#PROGRAM"][0] == "trygg" and fields["#FORMAT"] == ["PC8"] and fields["#SIETYP"] == ["3"]
    assert fields["#RAR"] == ["0", "20210101", "20211231"] and fields["#FNAMN"] == ["Trygghetspaketet 2021"]
    assert "#KONTO" not in {label for label, _ in records(data)}  # without --like: the system has its chart
    computed, declared = own_checksum(data)
    assert computed == declared
    assert readers_checksum_problems(data, _budget()) == []


def test_a_changed_byte_breaks_the_checksum(example: tuple[bytes, str]) -> None:
    data, _ = example
    broken = data.replace(b"{} 3", b"{} 4", 1)
    assert broken != data
    computed, declared = own_checksum(broken)
    assert computed != declared
    assert readers_checksum_problems(broken, _budget()) == ["checksum"]


def _budget() -> Budget:
    from trygg_cli.amendments import in_force

    loaded = load_file(EXAMPLE)
    assert loaded.budget is not None
    return in_force(loaded.budget)


def test_the_rows_add_up_to_the_year_files_lines_to_the_ore(example: tuple[bytes, str]) -> None:
    data, notes = example
    budget = _budget()
    months = budget_months(budget)
    rows = pbudget(data)
    assert all(amount != 0 for *_, amount in rows)  # rows of 0 are left out
    whole: dict[str, Decimal] = defaultdict(Decimal)
    by_object: dict[tuple[str, str], Decimal] = defaultdict(Decimal)
    for period, account, objects, amount in rows:
        assert account == "4010" and period.startswith("2021")
        if objects:
            assert len(objects) == 1  # one object a row, never a combination
            by_object[objects[0]] += amount
        else:
            whole[period] += amount
    # the account as a whole, month by month: every line's month
    for month in range(12):
        assert whole.get(f"2021{month + 1:02d}", Decimal(0)) == sum(line[month] for line in months)
    assert sum(whole.values()) == budget.total == Decimal(5_300_000)
    # each project: its line's amount in force; ansvar 1510 (the package's): every line
    amounts = {item.id: item.amount for item in budget.items}
    assert by_object[("6", "2101")] == amounts["trygghetsvardar"] == Decimal(800_000)
    assert by_object[("6", "2102")] == amounts["ambulerande-trygghetsvardar"] == Decimal(600_000)
    assert by_object[("6", "2103")] == amounts["trygghetssamordnare"]
    assert by_object[("6", "2106")] == amounts["lokala-arbetsgrupper"]
    assert by_object[("1", "1510")] == budget.total
    assert ("6", "2104") not in by_object  # sspf's projekt is a list: left out, with a note
    assert "sspf" in notes and "projekt 2104, 2105" in notes
    # a {} row equals the sum of the rows of a dimension every line on the account has (ansvar)
    ansvar = {period: amount for period, _, objects, amount in rows if objects == (("1", "1510"),)}
    assert ansvar == dict(whole)


def test_rows_by_account_then_month_the_account_first(write: Any, tmp_path: Path) -> None:
    path = write(
        textwrap.dedent(
            """\
            year: 2021
            unit: kr
            total: 3000
            match: {ansvar: "1510"}
            months: [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]
            items:
              - id: a
                name: A
                amount: 1200
                match: {konto: "5010", projekt: "2"}
              - id: b
                name: B
                amount: 1200
                match: {konto: "4010", projekt: "1"}
              - id: c
                name: C
                amount: 600
                match: {konto: "4010", ansvar: "1520"}
            """
        )
    )
    budget = load_file(path).budget
    assert budget is not None
    made = sie_budget(budget, budget_months(budget), "X", numbers={"ansvar": "1"})
    keys = [(row.account, row.month, row.objects) for row in made.rows]
    assert keys == sorted(keys, key=lambda key: (int(key[0]), key[1], len(key[2]), key[2]))
    first = [(row.account, row.objects, row.amount) for row in made.rows if row.month == 1]
    assert first == [
        ("4010", (), Decimal(150)),
        ("4010", (("1", "1510"),), Decimal(100)),  # b's: the package's ansvar
        ("4010", (("1", "1520"),), Decimal(50)),  # c's own ansvar counts, not the package's
        ("4010", (("6", "1"),), Decimal(100)),
        ("5010", (), Decimal(100)),
        ("5010", (("1", "1510"),), Decimal(100)),
        ("5010", (("6", "2"),), Decimal(100)),
    ]
    assert made.objects[("1", "1510")] == "" and made.objects[("6", "1")] == "B"  # no title: the package's codes
    assert made.dimensions == {}  # 1 and 6 are the standard's own: no #DIM
    assert made.accounts == {}


def test_a_dimension_outside_the_standards_gets_a_dim_record_named_as_the_file_spells_it(write: Any) -> None:
    path = write(
        "year: 2021\nunit: kr\ntotal: 12\nitems:\n  - id: a\n    name: A\n    amount: 12\n"
        '    match: {Verksamhet: "77", konto: "4010"}\n'
    )
    budget = load_file(path).budget
    assert budget is not None
    made = sie_budget(budget, budget_months(budget), "X", numbers={"verksamhet": "21"})
    assert made.dimensions == {"21": "Verksamhet"}
    assert {row.objects for row in made.rows} == {(), (("21", "77"),)}


def test_like_takes_numbers_and_names_from_an_export(tmp_path: Path) -> None:
    export = tmp_path / "huvudbok.se"
    export.write_bytes(
        '#FLAGGA 0\r\n#FORMAT PC8\r\n#SIETYP 4\r\n#KONTO 4010 "Inköp"\r\n#DIM 1 "Ansvar"\r\n'
        '#OBJEKT 1 "1510" "Säkerhet"\r\n#OBJEKT 6 "2101" "Trygghetsvärdar"\r\n'.encode("cp437")
    )
    budget = _budget()
    made = sie_budget(budget, budget_months(budget), "X", account="4010", like=export)
    assert made.accounts == {"4010": "Inköp"}
    assert made.dimensions == {"1": "Ansvar"}  # the export declares no #DIM 6: projekt is the standard's
    assert made.objects[("1", "1510")] == "Säkerhet" and made.objects[("6", "2101")] == "Trygghetsvärdar"
    assert made.objects[("6", "2102")] == "Ambulerande Trygghetsvärdar"  # not in the export: the line's name


def test_refusals_exit_2_and_write_nothing(run: Run, tmp_path: Path) -> None:
    out = tmp_path / "b.se"
    no_account = run("show", EXAMPLE, "-o", str(out), "--dimension", "ansvar=1", locale="en")
    assert no_account.exit_code == 2 and "trygghetsvardar" in no_account.stderr and "--account" in no_account.stderr
    no_number = run("show", EXAMPLE, "-o", str(out), "--account", "4010", locale="en")
    assert no_number.exit_code == 2
    assert "ansvar" in no_number.stderr and "--dimension ansvar=N" in no_number.stderr and "--like" in no_number.stderr
    bad = run("show", EXAMPLE, "-o", str(out), "--account", "4010", "--dimension", "ansvar")
    assert bad.exit_code == 2 and "NAMN=N" in bad.stderr
    assert not out.exists()
    elsewhere = run(
        "diff", str(REPO / "data/budget-2020.yaml"), str(REPO / "data/budget-2021.yaml"), "--format", "sie", locale="en"
    )
    assert elsewhere.exit_code == 2 and "trygg show YEAR --months -o budget.se" in elsewhere.stderr
    suffix = run("table", str(REPO / "data/budget-2021.yaml"), "-o", str(tmp_path / "t.sie"))
    assert suffix.exit_code == 2 and not (tmp_path / "t.sie").exists()


def test_format_sie_implies_months_and_takes_the_company(run: Run, tmp_path: Path) -> None:
    out = tmp_path / "b.si"
    result = run(
        "show",
        EXAMPLE,
        "--format",
        "sie",
        "-o",
        str(out),
        "--account",
        "4010",
        "--dimension",
        "ansvar=1",
        "--company",
        "Nacka kommun – KS",
    )
    assert result.exit_code == 0, result.output
    assert dict(records(out.read_bytes()))["#FNAMN"] == ["Nacka kommun - KS"]


def test_pc8_keeps_swedish_letters_makes_dashes_and_quotes_plain_and_marks_the_rest() -> None:
    assert pc8("Åsa Öberg – ”trygg” ’x’") == "Åsa Öberg - \"trygg\" 'x'"
    assert pc8("10 €") == "10 ?"


def test_this_tests_parser_reads_rows_as_the_standard_and_accounting_systems_write_them() -> None:
    """Rows shaped as SIE 4B's own examples and as Visma writes type 3 files (tabs, a quantity
    after the amount): this module's reader takes them as they mean."""
    written = '#PBUDGET 0 200801 5010 {1 "0123"} 3411.80\r\n#PBUDGET\t0\t200801\t3011\t{}\t-1243.50\t-415\r\n'
    assert pbudget(written.encode("cp437")) == [
        ("200801", "5010", (("1", "0123"),), Decimal("3411.80")),
        ("200801", "3011", (), Decimal("-1243.50")),
    ]


def test_without_output_the_file_goes_to_stdout_as_its_bytes(run: Run) -> None:
    result = run("show", EXAMPLE, "--format", "sie", "--account", "4010", "--dimension", "ansvar=1")
    assert result.exit_code == 0, result.output
    assert result.stdout_bytes.startswith(b'#FLAGGA 0\r\n#KSUMMA\r\n#PROGRAM "trygg" ')
    assert own_checksum(result.stdout_bytes)[0] == own_checksum(result.stdout_bytes)[1]
