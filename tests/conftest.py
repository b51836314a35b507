"""Shared fixtures: a fixed terminal, inline budgets, both YAML parsers, and golden files."""

from __future__ import annotations

import os
import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
import typer.main
import typer.testing
import yaml
from hypothesis import HealthCheck, settings
from typer.testing import CliRunner

from trygg_cli.cli import app
from trygg_cli.model import Problem
from trygg_cli.render.locale import Locale
from trygg_cli.render.words import problem_message

if TYPE_CHECKING:
    from trygg_cli.reader import Parser

# Typer turns the app into a Click command on every invocation (about 20 ms for trygg's options);
# the command is the same each time, so the tests make it once: each run still parses its
# arguments and runs the command as the console script does.
_COMMANDS: dict[int, object] = {}
_made = typer.testing._get_command  # type: ignore[attr-defined]


def _command_once(typer_app: typer.Typer) -> object:
    if id(typer_app) not in _COMMANDS:
        _COMMANDS[id(typer_app)] = _made(typer_app)
    return _COMMANDS[id(typer_app)]


typer.testing._get_command = _command_once  # type: ignore[attr-defined,assignment]

REPO = Path(__file__).resolve().parent.parent
DATA = REPO / "data"
GOLDEN = Path(__file__).resolve().parent / "golden"
# TRYGG_UPDATE_GOLDEN=1 pytest  rewrites the golden files that differ, and fails: read the diff.
UPDATE_GOLDEN = os.environ.get("TRYGG_UPDATE_GOLDEN") == "1"

# Two hypothesis profiles: "quick" for the README's test command, "thorough" for CI
# (HYPOTHESIS_PROFILE=thorough, which .ci/run sets), ten times the examples.
settings.register_profile("quick", max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("thorough", max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "quick"))

PARSERS = [pytest.param(yaml.SafeLoader, id="pure-python")]
if hasattr(yaml, "CSafeLoader"):
    PARSERS.insert(0, pytest.param(yaml.CSafeLoader, id="libyaml"))


@pytest.fixture(autouse=True)
def fixed_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """The same output on every machine: a fixed width, no colour, no inherited settings."""
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("TERM", "dumb")
    monkeypatch.delenv("TRYGG_DATA_DIR", raising=False)
    monkeypatch.delenv("FORCE_COLOR", raising=False)


@pytest.fixture(params=PARSERS)
def parser(request: pytest.FixtureRequest) -> Parser:
    """Each loading test runs with libyaml and with the pure-Python fallback."""
    return request.param  # type: ignore[no-any-return]


Write = Callable[..., Path]


@pytest.fixture
def write(tmp_path: Path) -> Write:
    """Write a budget file from dedented text (or raw bytes) into tmp_path/data."""
    folder = tmp_path / "data"
    folder.mkdir()

    def _write(content: str | bytes, name: str = "budget-2021.yaml") -> Path:
        path = folder / name
        if isinstance(content, str):
            content = textwrap.dedent(content).lstrip("\n").encode("utf-8")
        path.write_bytes(content)
        return path

    return _write


@pytest.fixture
def run() -> Callable[..., object]:
    runner = CliRunner()

    def _run(*args: str, env: dict[str, str] | None = None, locale: str | None = None):  # type: ignore[no-untyped-def]
        """`locale`, as TRYGG_LOCALE would give it; without it trygg speaks Swedish, its default."""
        if locale is not None:
            env = {**(env or {}), "TRYGG_LOCALE": locale}
        return runner.invoke(app, list(args), env=env, catch_exceptions=False)

    return _run


def golden(name: str, actual: str) -> None:
    """Compare `actual` with tests/golden/NAME. With TRYGG_UPDATE_GOLDEN=1 a file that differs is
    rewritten and the test fails, so every change to a golden file is read (git diff) before the
    next run accepts it."""
    path = GOLDEN / name
    expected = path.read_text(encoding="utf-8") if path.exists() else None
    if UPDATE_GOLDEN and actual != expected:
        path.write_text(actual, encoding="utf-8")
        pytest.fail(f"rewrote {path}: read `git diff {path}`, then run the tests again without TRYGG_UPDATE_GOLDEN")
    assert expected is not None, f"{path} is missing: run TRYGG_UPDATE_GOLDEN=1 pytest and read the diff"
    assert actual == expected


def said(problem: Problem, locale: Locale = Locale.EN) -> str:
    """A problem's message as trygg prints it (in English, unless asked otherwise)."""
    return problem_message(problem, locale)
