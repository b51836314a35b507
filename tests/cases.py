"""Cases shared by several test modules: bad inputs, the shipped files and their mutations,
generated valid budgets, and small budgets built in code. Test modules import these from here,
never from each other."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

from hypothesis import strategies as st

from trygg_cli.compare import compare
from trygg_cli.follow import Postings
from trygg_cli.model import Actuals, Budget, Columns, Item, Posting, Unit

DATA = Path(__file__).resolve().parent.parent / "data"
SHIPPED = [(DATA / f"budget-{year}.yaml").read_text(encoding="utf-8") for year in (2020, 2021)]

# The table at the end of the paper "Trygghetspaketet 2021" (../shared/proposal), in mkr.
PAPER = {
    2021: {
        "trygghetsvardar": "0.8",
        "ambulerande-trygghetsvardar": "0.8",
        "trygghetssamordnare": "0.4",
        "sspf": "1.5",
        "lokala-arbetsgrupper": "0.9",
        "kameraovervakning": "0.2",
        "lokala-aktorer": "0.4",
    },
    2020: {
        "trygghetsvardar": "2.0",
        "ambulerande-trygghetsvardar": "0.3",
        "sspf": "1.5",
        "lokala-arbetsgrupper": "0.9",
        "kameraovervakning": "0.3",
    },
}
PAPER_NAMES = {
    "trygghetsvardar": "Trygghetsvärdar (Orminge och Fisksätra)",
    "ambulerande-trygghetsvardar": "Ambulerande Trygghetsvärdar",
    "trygghetssamordnare": "Brottsförebyggande trygghetssamordnare",
    "sspf": "SSPF",
    "lokala-arbetsgrupper": "Stöd till lokala arbetsgrupper",
    "kameraovervakning": "Kameraövervakning – centrala funktioner",
    "lokala-aktorer": "Insatser i samverkan med lokala aktörer",
}

# The bad-input catalogue (tests/test_catalogue.py runs it through the CLI) -------------------

HEAD = "year: 2021\nunit: mkr\ntotal: 1.0\nitems:\n"
ITEM = "  - id: a\n    name: A\n    amount: 1.0\n"
GOOD = HEAD + ITEM  # the amount is on line 7
CHANGED = (
    "year: 2021\nunit: mkr\ntotal: 1.0\nitems:\n  - id: a\n    name: A\n    amount: 0.6\n  - id: b\n    name: B\n"
    "    amount: 0.4\nchanges:\n  - date: 2021-05-10\n    decision: KS 2021-05-10 § 87\n    moves:\n"
    "      a: -0.2\n      b: +0.2\n"
)


def with_amount(text: str) -> str:
    return GOOD.replace("amount: 1.0", f"amount: {text}")


def zero_items(*rows: str) -> str:
    return "year: 2021\nunit: mkr\ntotal: 0\nitems:\n" + "".join(f"  - {row}\n" for row in rows)


@dataclass(frozen=True)
class Case:
    content: str | bytes
    exit: int
    code: str | None = None
    line: int | None = None


CATALOGUE: dict[str, Case] = {
    # Duplicate keys, at every level, the first value kept
    "duplicate top-level key": Case(GOOD + "unit: tkr\n", 1, "duplicate-key", 8),
    "duplicate item key": Case(GOOD + "    name: B\n", 1, "duplicate-key", 8),
    "duplicate key in a flow item": Case(HEAD + "  - {id: a, name: A, amount: 1.0, id: b}\n", 1, "duplicate-key", 5),
    # YAML 1.1's words and numbers are text where the schema wants text
    "no as an id": Case(zero_items("{id: no, name: Nej, amount: 0}"), 0),
    "on and yes as names": Case(zero_items("{id: a, name: on, amount: 0}", "{id: b, name: yes, amount: 0}"), 0),
    "017 as id and name": Case(zero_items("{id: 017, name: 017, amount: 0}"), 0),
    "1:30 as a name": Case(zero_items("{id: a, name: 1:30, amount: 0}"), 0),
    # Amounts
    "amount 1:30": Case(with_amount("1:30"), 1, "amount", 7),
    "amount 1e3": Case(with_amount("1e3"), 1, "amount", 7),
    "amount 0,8": Case(with_amount("0,8"), 1, "amount", 7),
    "amount 0,8 in a flow mapping": Case(HEAD + "  - {id: a, name: A, amount: 0,8}\n", 1, "amount", 5),
    "amount 1 000": Case(with_amount("1 000"), 1, "amount", 7),
    "amount with a Unicode minus": Case(with_amount("\u22120.5"), 1, "amount", 7),
    "amount negative": Case(with_amount("-0.5"), 1, "amount", 7),
    "amount .inf": Case(with_amount(".inf"), 1, "amount", 7),
    "amount .nan": Case(with_amount(".nan"), 1, "amount", 7),
    "amount !!binary": Case(with_amount("!!binary AAAA"), 1, "yaml", 7),
    "amount quoted": Case(with_amount('"1.0"'), 1, "amount", 7),
    "amount single-quoted": Case(with_amount("'1.0'"), 1, "amount", 7),
    "amount finer than öre": Case(with_amount("0.000000001"), 1, "amount", 7),
    "amount empty": Case(with_amount(""), 1, "amount", 7),
    "amount absurdly large": Case(with_amount("1" + "0" * 40), 1, "amount", 7),
    # What YAML allows and a ledger refuses
    "alias bomb": Case(
        "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
        "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n",
        1,
        "yaml",
        1,
    ),
    "merge key": Case(GOOD + "  - <<: {name: B}\n    id: b\n    amount: 0\n", 1, "yaml", 8),
    "tag !!python/object": Case(GOOD.replace("name: A", "name: !!python/object:os.system A"), 1, "yaml", 6),
    "tag !!set": Case(GOOD.replace("items:\n" + ITEM, "items: !!set {a}\n"), 1, "yaml", 4),
    "tag !!timestamp": Case(GOOD + "note: !!timestamp 2021-01-01\n", 1, "yaml", 8),
    "tab in indentation": Case(GOOD.replace("    name: A", "\tname: A"), 1, "yaml", 6),
    "tab after a colon": Case(GOOD.replace("name: A", "name:\tA"), 1, "yaml", 6),
    "100,000 [": Case("items: " + "[" * 100_000, 1, "yaml", 1),
    "deep block nesting": Case("".join("  " * depth + f"k{depth}:\n" for depth in range(40)), 1, "yaml", 11),
    "several documents": Case(GOOD + "---\n" + GOOD, 1, "yaml", 8),
    "unclosed quote": Case(GOOD.replace("name: A", "name: 'A"), 1, "yaml", 8),
    "empty file": Case("", 1, "schema", 1),
    "only comments": Case("# a budget, one day\n\n# not yet\n", 1, "schema", 1),
    "top level a list": Case("- " + GOOD.replace("\n", "\n  "), 1, "schema", 1),
    "top level a word": Case("Trygghetspaketet\n", 1, "schema", 1),
    "key that is a list": Case(GOOD + "[a, b]: c\n", 1, "schema", 8),
    "key that is a mapping": Case(GOOD + "? {a: b}\n: c\n", 1, "schema", 8),
    "missing total": Case(GOOD.replace("total: 1.0\n", ""), 1, "schema", 1),
    "unknown key ammount": Case(GOOD.replace("amount:", "ammount:"), 1, "schema", 7),
    "id not a slug": Case(GOOD.replace("id: a", "id: Trygghetsvärdar Orminge"), 1, "schema", 5),
    "duplicate id": Case(GOOD + ITEM.replace("amount: 1.0", "amount: 0"), 1, "duplicate-id", 8),
    "year differs from the file name": Case(GOOD.replace("year: 2021", "year: 2020"), 1, "year-mismatch", 1),
    "items miss the total": Case(GOOD.replace("total: 1.0", "total: 1.1"), 1, "total-mismatch", 3),
    "kronor typed into an mkr file": Case(with_amount("1000000"), 1, "total-mismatch", 3),
    "an item's dash at column 0": Case(
        HEAD.replace("total: 1.0", "total: 2.0") + ITEM + ITEM.replace("  - id: a", "- id: b").replace("    ", "  "),
        1,
        "yaml",
        8,
    ),
    # Encodings and bytes
    "Windows-1252": Case(GOOD.replace("name: A", "name: Fisksätra").encode("cp1252"), 1, "encoding", 6),
    "UTF-16 with BOM": Case(GOOD.encode("utf-16"), 1, "encoding", 1),
    "UTF-16 without BOM": Case(GOOD.encode("utf-16-le"), 1, "encoding", 1),
    "UTF-8 BOM and CRLF": Case(b"\xef\xbb\xbf" + GOOD.replace("\n", "\r\n").encode(), 0),
    "NUL byte": Case(GOOD.replace("name: A", "name: A\0"), 1, "encoding", 6),
    "escape sequence": Case(GOOD.replace("name: A", "name: \x1b[31mA"), 1, "encoding", 6),
    "binary garbage": Case(bytes(range(256)) * 8, 1, "encoding", 2),  # the first byte UTF-8 cannot take
    # How an amount falls over the year (line 8 is the item's first key after amount)
    "months of an item": Case(GOOD + "    months: [1, 1, 1, 1, 1, 1, 0.5, 1, 1, 1, 1, 1]\n", 0),
    "months at the top": Case(GOOD.replace("items:", "months: [0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]\nitems:"), 0),
    "eleven months": Case(GOOD + "    months: [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]\n", 1, "months", 8),
    "months not a list": Case(GOOD + "    months: 12\n", 1, "months", 8),
    "a negative month": Case(GOOD + "    months: [1, 1, 1, 1, 1, 1, -1, 1, 1, 1, 1, 1]\n", 1, "months", 8),
    "a month in words": Case(GOOD + "    months: [1, 1, 1, 1, 1, 1, half, 1, 1, 1, 1, 1]\n", 1, "months", 8),
    "every month 0": Case(GOOD + "    months: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]\n", 1, "months", 8),
    "start": Case(GOOD + "    start: 2021-09-01\n", 0),
    "start quoted": Case(GOOD + "    start: '2021-09-01'\n", 0),
    "start not a date": Case(GOOD + "    start: 1 september\n", 1, "period", 8),
    "start on a day April lacks": Case(GOOD + "    start: 2021-04-31\n", 1, "period", 8),
    "end in another year": Case(GOOD + "    end: 2022-01-31\n", 1, "period", 8),
    "start after end": Case(GOOD + "    start: 2021-09-01\n    end: 2021-08-31\n", 1, "period", 8),
    "no weight in the period": Case(
        GOOD + "    months: [1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0]\n    start: 2021-07-01\n", 1, "period", 5
    ),
    "forecast by dates": Case(GOOD + "    forecast: {2021-04-30: 0.9, 2021-08-31: 1.1}\n", 0),
    "forecast without dates": Case(GOOD + "    forecast: {}\n", 1, "forecast", 8),
    "forecast dated in another year": Case(GOOD + "    forecast: {2020-12-31: 0.9}\n", 1, "period", 8),
    # Budget changes decided during the year (the change's moves: on line 14)
    "a change": Case(CHANGED, 0),
    "a change naming no item": Case(CHANGED.replace("      b: +0.2", "      bb: +0.2"), 1, "unknown-item", 16),
    "moves that do not balance": Case(CHANGED.replace("b: +0.2", "b: +0.3"), 1, "change-unbalanced", 14),
    "a tilläggsbudget that does not add up": Case(
        CHANGED.replace("    moves:", "    total: 1.1\n    moves:"), 1, "change-unbalanced", 15
    ),
    "a change dated outside the year": Case(
        CHANGED.replace("date: 2021-05-10", "date: 2020-05-10"), 1, "change-date", 12
    ),
    "a change without a decision": Case(CHANGED.replace("    decision: KS 2021-05-10 § 87\n", ""), 1, "schema", 12),
    "a move below zero": Case(
        CHANGED.replace("a: -0.2", "a: -0.9").replace("b: +0.2", "b: +0.9"), 1, "negative-budget", 15
    ),
}


# Each rejection: the file text, then the problem code and the line it must be reported at.
REJECTIONS: dict[str, tuple[str | bytes, str, int]] = {
    "syntax error": ("year: 2021\nunit: mkr\n  total: 1.0\n", "yaml", 3),
    "unclosed quote": ("year: 2021\ntitle: 'Trygg\n", "yaml", 3),
    "duplicate key": ("year: 2021\nunit: mkr\nunit: tkr\ntotal: 0\nitems: []\n", "duplicate-key", 3),
    "unknown key": (GOOD.replace("amount: 1.0", "ammount: 1.0"), "schema", 7),
    "missing key": ("year: 2021\nunit: mkr\nitems: []\n", "schema", 1),
    "year as text": (GOOD.replace("year: 2021", 'year: "2021"'), "schema", 1),
    "year not a year": (GOOD.replace("year: 2021", "year: twenty"), "schema", 1),
    "items a mapping": ("year: 2021\nunit: mkr\ntotal: 0\nitems:\n  a: 1\n", "schema", 5),
    "amount a list": (GOOD.replace("amount: 1.0", "amount: [1.0]"), "schema", 7),
    "unit unknown": (GOOD.replace("unit: mkr", "unit: Mkr"), "schema", 2),
    "key not text": (GOOD + "[1, 2]: x\n", "schema", 8),
    "anchor": (GOOD.replace("total: 1.0", "total: &t 1.0"), "yaml", 3),
    "alias": (GOOD.replace("total: 1.0", "total: &t 1.0").replace("amount: 1.0", "amount: *t"), "yaml", 3),
    "merge key": (GOOD + "  - <<: {id: b}\n", "yaml", 8),
    "tag": (GOOD.replace("total: 1.0", "total: !!float 1.0"), "yaml", 3),
    "python tag": (GOOD.replace("unit: mkr", "unit: !!python/name:os.system mkr"), "yaml", 2),
    "several documents": (GOOD + "---\nyear: 2022\n", "yaml", 8),
    "empty file": ("", "schema", 1),
    "only comments": ("# nothing yet\n", "schema", 1),
    "top level a list": ("- year: 2021\n", "schema", 1),
    "negative amount": (GOOD.replace("amount: 1.0", "amount: -1.0"), "amount", 7),
    "infinite amount": (GOOD.replace("amount: 1.0", "amount: .inf"), "amount", 7),
    "nan amount": (GOOD.replace("amount: 1.0", "amount: .nan"), "amount", 7),
    "sub-öre amount": (GOOD.replace("amount: 1.0", "amount: 0.000000001"), "amount", 7),
    "quoted amount": (GOOD.replace("amount: 1.0", 'amount: "1.0"'), "amount", 7),
    "decimal comma": (GOOD.replace("amount: 1.0", "amount: 1,0"), "amount", 7),
    "id not a slug": (GOOD.replace("id: a", "id: Trygghetsvärdar"), "schema", 5),
    "duplicate id": (GOOD + "  - {id: a, name: B, amount: 0}\n", "duplicate-id", 8),
    "year differs from file name": (GOOD.replace("year: 2021", "year: 2022"), "year-mismatch", 1),
    "items miss the total": (GOOD.replace("total: 1.0", "total: 5.0"), "total-mismatch", 3),
    "windows-1252": (GOOD.replace("name: A", "name: Trygghetsvärdar").encode("cp1252"), "encoding", 6),
    "utf-16": (GOOD.encode("utf-16"), "encoding", 1),
    "control character": (GOOD.replace("name: A", "name: A\x07"), "encoding", 6),
    "nul byte": (GOOD.replace("name: A", "name: A\x00"), "encoding", 6),
    "delete character": (GOOD.replace("name: A", "name: A\x7f"), "encoding", 6),
    "C1 control character": (GOOD.replace("name: A", "name: A\x85"), "encoding", 6),
    "C1 control after a non-breaking space": (GOOD.replace("name: A", "name: A\u00a0\x9f"), "encoding", 6),
    "tab indentation": ("year: 2021\nitems:\n\t- id: a\n", "yaml", 3),
    "tab after colon": (GOOD.replace("unit: mkr", "unit:\tmkr"), "yaml", 2),
    "deep nesting": ("items: " + "[" * 100_000, "yaml", 1),
}


# Generated files ------------------------------------------------------------------------------


@st.composite
def mutated_shipped(draw: st.DrawFn) -> bytes:
    lines = draw(st.sampled_from(SHIPPED)).splitlines(keepends=True)
    for _ in range(draw(st.integers(1, 3))):
        index = draw(st.integers(0, len(lines) - 1))
        how = draw(st.sampled_from(["delete", "repeat", "indent", "dedent", "digit", "cut"]))
        line = lines[index]
        if how == "delete":
            del lines[index]
        elif how == "repeat":
            lines.insert(index, line)
        elif how == "indent":
            lines[index] = " " * draw(st.integers(1, 4)) + line
        elif how == "dedent":
            lines[index] = line.lstrip(" ")
        elif how == "digit" and any(c.isdigit() for c in line):
            at = draw(st.sampled_from([i for i, c in enumerate(line) if c.isdigit()]))
            lines[index] = line[:at] + str(draw(st.integers(0, 9))) + line[at + 1 :]
        elif how == "cut":
            text = "".join(lines)
            return text[: draw(st.integers(0, len(text)))].encode("utf-8")
        if not lines:
            break
    return "".join(lines).encode("utf-8")


NAME = st.text(alphabet="abcdefghijklmnopqrstuvwxyzåäöÅÄÖ ABC0123456789–-().,/", min_size=1, max_size=40).filter(
    lambda name: name.strip() != ""
)
SLUG = st.from_regex(r"[a-z0-9]{1,8}(-[a-z0-9]{1,8}){0,2}", fullmatch=True)
UNITS = {"kr": 1, "tkr": 1000, "mkr": 1_000_000}


@st.composite
def budgets(draw: st.DrawFn, year: int) -> tuple[str, dict[str, Decimal], Decimal, str]:
    """YAML text of a valid budget, its amounts by id in the file's unit, its total, its unit."""
    unit = draw(st.sampled_from(list(UNITS)))
    ids = draw(st.lists(SLUG, min_size=0, max_size=12, unique=True))
    amounts = {item_id: Decimal(draw(st.integers(0, 10**11))) / 100 / UNITS[unit] for item_id in ids}
    total = sum(amounts.values(), Decimal(0))
    items = "".join(
        f"  - id: {item_id}\n    name: {json.dumps(draw(NAME), ensure_ascii=False)}\n"
        f"    amount: {format(amount, 'f')}\n"
        for item_id, amount in amounts.items()
    )
    listing = f"items:\n{items}" if items else "items: []\n"
    text = f"year: {year}\nunit: {unit}\ntotal: {format(total, 'f')}\n{listing}"
    return text, amounts, total, unit


# Budgets built in code ------------------------------------------------------------------------


def mkr_year(number: int, *items: tuple[str, str], total: str | None = None) -> Budget:
    entries = tuple(Item(item_id, item_id.upper(), Decimal(mkr) * 1_000_000) for item_id, mkr in items)
    declared = Decimal(total) * 1_000_000 if total else sum((i.amount for i in entries), Decimal(0))
    return Budget(number, Unit.MKR, declared, entries, title=f"Paket {number}")


def many_items(number: int, count: int, step: int) -> Budget:
    """A year of `count` items, with amounts that differ by item and by year."""
    items = tuple(Item(f"i{n}", f"Post {n}", Decimal(n * step) / 10) for n in range(count))
    return Budget(number, Unit.KR, sum((item.amount for item in items), Decimal(0)), items)


DIFF = compare(mkr_year(2020, ("a", "2.0"), ("gone", "0.5")), mkr_year(2021, ("a", "0.8"), ("b", "1.7")))


# The follow-up: a year with `match`, an SIE voucher, and what the readers give -----------------

YEAR = """\
year: 2021
unit: kr
total: 300
match: {ansvar: "1510"}
items:
  - id: a
    name: A
    amount: 100
    match: {projekt: ["2101", "2102"]}
  - id: b
    name: B
    amount: 100
    match: {projekt: "22*"}
  - id: c
    name: C
    amount: 100
"""
HEAD = '#FLAGGA 0\n#FORMAT PC8\n#SIETYP 4\n#DIM 1 "Ansvar"\n#DIM 6 "Projekt"\n'
A10 = '#TRANS 4010 {1 "1510" 6 "2101"} 10'  # item a's
PAID10 = "#TRANS 2440 {} -10"  # and its balancing row


def budget(text: str = YEAR) -> Budget:
    """A year file's text, loaded; it must load without a problem."""
    from trygg_cli.load import load_data

    loaded = load_data(text.encode("utf-8"), "budget-2021.yaml")
    assert loaded.budget is not None, loaded.problems
    assert not loaded.problems
    return loaded.budget


def voucher(number: int | str, day: str, *rows: str, series: str = "A") -> str:
    """An SIE voucher, its rows at the start of their lines."""
    return f'#VER "{series}" "{number}" {day} "text"\n{{\n' + "".join(row + "\n" for row in rows) + "}\n"


def by_target(actuals: Actuals) -> dict[int, Decimal]:
    """The actuals summed by target, over every date."""
    summed: dict[int, Decimal] = {}
    for (target, _), amount in actuals.sums.items():
        summed[target] = summed.get(target, Decimal(0)) + amount
    return summed


def reasons(actuals: Actuals) -> list[tuple[str, int]]:
    return [(problem.reason, problem.source.line) for problem in actuals.problems]


def actuals(*postings: tuple[int, date, str], outside: int = 0, latest: date | None = None) -> Actuals:
    """Actuals built in code: (target, date, amount) for each posting."""
    sums: dict[tuple[int, date], Decimal] = {}
    counts: dict[tuple[int, date], int] = {}
    for target, day, amount in postings:
        sums[(target, day)] = sums.get((target, day), Decimal(0)) + Decimal(amount)
        counts[(target, day)] = counts.get((target, day), 0) + 1
    found = max((day for _, day, _ in postings), default=None)
    return Actuals(sums, counts, outside, latest or found, ())


def postings_view(count: int) -> Postings:
    """A line's postings: texts of every length, an account right-aligned, amounts to the öre."""
    budget = mkr_year(2021, ("a", "1.0"))
    postings = Columns.of(
        Posting(
            date(2021, 1 + number % 12, 1 + number % 28),
            f"A {number}",
            " ".join(["Faktura"] * (number % 4)),
            str(4000 + number % 700),
            f'1 "1510" 6 "{2100 + number % 9}"',
            Decimal(number * 37 % 90_001 - 30_000) / 100,
            "huvudbok.se",
            3 + number * 5,
        )
        for number in range(count)
    )
    return Postings(budget, date(2021, 12, 31), 0, postings)
