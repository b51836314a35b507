"""The bad-input catalogue: every way a hand-typed, Excel-saved or git-merged file goes wrong.

Each case runs through the CLI (`trygg validate FILE --format json`) and names the exit code,
and the problem code and line it must report (None where the input is fine and must stay so).
The same input is also run as text, which must name the file and line, and never a traceback.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import Write

HEAD = "year: 2021\nunit: mkr\ntotal: 1.0\nitems:\n"
ITEM = "  - id: a\n    name: A\n    amount: 1.0\n"
GOOD = HEAD + ITEM  # the amount is on line 7


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
    # Encodings and bytes
    "Windows-1252": Case(GOOD.replace("name: A", "name: Fisksätra").encode("cp1252"), 1, "encoding", 6),
    "UTF-16 with BOM": Case(GOOD.encode("utf-16"), 1, "encoding", 1),
    "UTF-16 without BOM": Case(GOOD.encode("utf-16-le"), 1, "encoding", 1),
    "UTF-8 BOM and CRLF": Case(b"\xef\xbb\xbf" + GOOD.replace("\n", "\r\n").encode(), 0),
    "NUL byte": Case(GOOD.replace("name: A", "name: A\0"), 1, "encoding", 6),
    "escape sequence": Case(GOOD.replace("name: A", "name: \x1b[31mA"), 1, "encoding", 6),
    "binary garbage": Case(bytes(range(256)) * 8, 1, "encoding", 2),  # the first byte UTF-8 cannot take
}

HINTS = {
    "Windows-1252": "looks like Windows-1252",
    "UTF-16 with BOM": "UTF-16",
    "UTF-16 without BOM": "UTF-16",
    "amount 0,8": "write it with a point: 0.8",
    "amount 1 000": "write it without them: 1000",
    "unknown key ammount": "did you mean 'amount'?",
    "tab in indentation": "indent with spaces",
}


def validate(run: Any, path: Path, *extra: str) -> Any:
    result = run("validate", str(path), *extra)
    assert "Traceback" not in result.output
    return result


@pytest.mark.parametrize("name", list(CATALOGUE))
def test_catalogue(write: Write, run: Any, name: str) -> None:
    case = CATALOGUE[name]
    path = write(case.content)
    result = validate(run, path, "--format", "json")
    assert result.exit_code == case.exit, result.output
    [report] = json.loads(result.stdout)["files"]
    found = [(problem["code"], problem["line"]) for problem in report["problems"]]
    if case.code is None:
        assert found == []
    else:
        assert (case.code, case.line) in found, found
    text = validate(run, path)
    assert text.exit_code == case.exit
    if case.code is not None:
        assert f"{path}:{case.line}:" in text.stderr
    if name in HINTS:
        assert HINTS[name] in text.stderr


def test_catalogue_is_large_enough() -> None:
    assert len(CATALOGUE) >= 30


def test_a_directory_where_a_file_should_be(tmp_path: Path, run: Any) -> None:
    folder = tmp_path / "budget-2021.yaml"
    folder.mkdir()
    result = validate(run, folder)
    assert result.exit_code == 2
    assert result.stderr == f"trygg: {folder}: is a directory, not a budget file\n"


def test_a_50_mb_file_is_refused_before_parsing(write: Write, run: Any) -> None:
    path = write(GOOD + "# " + "x" * (50 * 1024 * 1024) + "\n")
    result = validate(run, path, "--format", "json")
    assert result.exit_code == 1
    [problem] = json.loads(result.stdout)["files"][0]["problems"]
    assert (problem["code"], problem["line"]) == ("too-large", 1)
    assert problem["message"] == "file is 50.0 MiB; trygg reads budget files of at most 32 MiB"


def test_an_unreadable_file_is_exit_2(write: Write, run: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(GOOD)

    def refuse(self: Path) -> bytes:
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "read_bytes", refuse)  # as root, chmod 0 would not stop a read
    result = validate(run, path)
    assert result.exit_code == 2
    assert result.stderr == f"trygg: {path}: cannot read it (permission denied)\n"
