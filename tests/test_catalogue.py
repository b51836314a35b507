"""The bad-input catalogue: every way a hand-typed, Excel-saved or git-merged file goes wrong.

Each case runs through the CLI (`trygg validate FILE --format json`) and names the exit code,
and the problem code and line it must report (None where the input is fine and must stay so).
The same input is also run as text, which must name the file and line, and never a traceback.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.cases import CATALOGUE, GOOD
from tests.conftest import Write

# What each message must say, in English and in Swedish.
HINTS = {
    "Windows-1252": ("looks like Windows-1252", "ser ut att vara Windows-1252"),
    "UTF-16 with BOM": ("UTF-16", "UTF-16"),
    "UTF-16 without BOM": ("UTF-16", "UTF-16"),
    "amount 0,8": ("write it with a point: 0.8", "skriv det med punkt: 0.8"),
    "amount 1 000": ("or 1000 if you mean 1 000 mkr", "eller 1000 om du menar 1 000 mkr"),
    "unknown key ammount": ("did you mean 'amount'?", "menade du 'amount'?"),
    "tab in indentation": ("indent with spaces", "dra in med mellanslag"),
    "eleven months": ("months has 11 numbers; it needs 12", "months har 11 tal; det behövs 12"),
    "a negative month": ("cannot be negative (-1)", "kan inte vara negativ (-1)"),
    "every month 0": ("every month is 0", "alla månader är 0"),
    "start not a date": ("written YYYY-MM-DD", "skrivet ÅÅÅÅ-MM-DD"),
    "start on a day April lacks": ("2021-04-31 is not a date: month 4 has 30 days", "månad 4 har 30 dagar"),
    "end in another year": ("2022-01-31 is not in 2021", "2022-01-31 ligger inte i 2021"),
    "start after end": ("start 2021-09-01 is after end 2021-08-31", "start 2021-09-01 ligger efter end 2021-08-31"),
    "no weight in the period": ("a falls on no day", "a faller inte på någon dag"),
    "forecast without dates": ("forecast has no dates", "forecast har inga datum"),
    "an item's dash at column 0": (
        "this line is indented 0 spaces, but the lines that start items are indented 2",
        "raden är indragen 0 mellanslag, men raderna som inleder poster är indragna 2",
    ),
    "kronor typed into an mkr file": (
        "did you write kronor for A? 1,000,000 kr is 1.0 mkr: write 1",
        "skrev du kronor för A? 1 000 000 kr är 1,0 mkr: skriv 1",
    ),
    "a change naming no item": ("moves names 'bb'", "moves nämner 'bb'"),
    "moves that do not balance": (
        "the moves add up to 0.1 mkr; without a total they move money between lines and must add up to 0",
        "flyttarna summerar till 0,1 mkr; utan total flyttar de pengar mellan poster och ska summera till 0",
    ),
    "a tilläggsbudget that does not add up": (
        "the total goes from 1.0 mkr to 1.1 mkr, so they must add up to 0.1 mkr (-0.1 mkr off)",
        "totalen går från 1,0 mkr till 1,1 mkr, så de ska summera till 0,1 mkr (-0,1 mkr fel)",
    ),
    "a change dated outside the year": ("date 2020-05-10 is not in 2021", "date 2020-05-10 ligger inte i 2021"),
    "a change without a decision": ("this change has no 'decision'", "denna ändring saknar 'decision'"),
    "a move below zero": (
        "a's budget in force goes below zero on 2021-05-10 (-0.3 mkr); move at most 0.6 mkr",
        "budgeten i kraft för a går under noll 2021-05-10 (-0,3 mkr); flytta högst 0,6 mkr",
    ),
}


def validate(run: Any, path: Path, *extra: str) -> Any:
    # `run` invokes with catch_exceptions=False: a traceback fails the test where it is raised.
    return run("validate", str(path), *extra)


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
    for locale, hint in zip(("en", "sv"), HINTS.get(name, (None, None)), strict=True):
        text = validate(run, path, "--locale", locale)
        assert text.exit_code == case.exit
        if case.code is not None:
            assert f"{path}:{case.line}:" in text.stderr
        if hint is not None:
            assert hint in text.stderr, text.stderr


def test_catalogue_is_large_enough() -> None:
    assert len(CATALOGUE) >= 30


def test_a_directory_where_a_file_should_be(tmp_path: Path, run: Any) -> None:
    folder = tmp_path / "budget-2021.yaml"
    folder.mkdir()
    result = run("show", str(folder), "--locale", "en")
    assert result.exit_code == 2
    assert result.stderr == f"trygg: {folder}: is a directory, not a budget file\n"


def test_a_50_mb_file_is_refused_before_parsing(write: Write, run: Any) -> None:
    path = write(GOOD)
    with path.open("r+b") as file:  # sparse: only the size is ever looked at
        file.truncate(50 * 1024 * 1024)
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
    result = validate(run, path, "--locale", "en")
    assert result.exit_code == 2
    assert result.stderr == f"trygg: {path}: cannot read it (permission denied)\n"
