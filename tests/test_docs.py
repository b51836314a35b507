"""The docs cannot drift from the program: every `trygg` command in a shell block of README.md and
docs/ runs as written against a copy of the shipped data and examples (in a git repository the
test makes), with the exit code the text gives (`# exit 1` after it; else 0). A block after an
HTML comment `<!-- not run ... -->` is left out."""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import REPO

DOCS = [REPO / "README.md", *sorted((REPO / "docs").glob("*.md"))]
_BLOCK = re.compile(r"(<!--[^\n]*-->\n)?```(?:sh|bash|console)\n(.*?)```", re.DOTALL)
_OPERATORS = {"|", ">", ">>", "&&", "||", ";", "2>", "<"}


def commands() -> list[tuple[str, int, str, int]]:
    """Each (document, line, command, exit code) the docs give to run."""
    found = []
    for path in DOCS:
        text = path.read_text(encoding="utf-8")
        for block in _BLOCK.finditer(text):
            if block.group(1) and "not run" in block.group(1):
                continue
            first = text.count("\n", 0, block.start(2)) + 1
            for number, line in enumerate(block.group(2).splitlines(), start=first):
                command, _, comment = line.partition("  #")
                command = command.strip()
                if not (command.startswith("trygg ") or command.startswith(".venv/bin/trygg ")):
                    continue
                expected = re.fullmatch(r"\s*exit (\d)\s*", comment)
                found.append((path.name, number, command, int(expected.group(1)) if expected else 0))
    return found


COMMANDS = commands()


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped data and examples in a repository of their own, committed once."""
    folder = tmp_path_factory.mktemp("docs") / "repo"
    shutil.copytree(REPO / "data", folder / "data")
    shutil.copytree(REPO / "examples", folder / "examples")
    shutil.copytree(REPO / "schema", folder / "schema")
    for arguments in (["init", "-q", "-b", "main"], ["add", "."], ["commit", "-q", "-m", "Beslutad budget"]):
        subprocess.run(["git", *arguments], cwd=folder, check=True, capture_output=True, env=_GIT)
    return folder


_GIT = {
    "GIT_AUTHOR_NAME": "Ekonom",
    "GIT_AUTHOR_EMAIL": "e@example.se",
    "GIT_COMMITTER_NAME": "Ekonom",
    "GIT_COMMITTER_EMAIL": "e@example.se",
    "HOME": "/tmp",
    "PATH": "/usr/bin:/bin",
}


def test_the_docs_have_commands_to_run() -> None:
    assert len(COMMANDS) >= 25
    assert {name for name, *_ in COMMANDS} >= {"README.md", "reference.md", "handbok.md"}


@pytest.mark.parametrize(
    ("document", "line", "command", "expected"), COMMANDS, ids=[f"{d}:{n}" for d, n, *_ in COMMANDS]
)
def test_a_documented_command_runs_as_written(  # noqa: PLR0917 - pytest passes fixtures and parameters by name
    document: str,
    line: int,
    command: str,
    expected: int,
    template: Path,
    tmp_path: Path,
    run: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    folder = tmp_path / "repo"
    shutil.copytree(template, folder, symlinks=True)
    monkeypatch.chdir(folder)
    words = shlex.split(command)
    # `a && b`: every trygg command of the chain runs, each after the one before succeeded; the
    # chain's last is the one the comment's exit code is about. Any other operator ends it.
    chain: list[list[str]] = [[]]
    for word in words:
        if word == "&&":
            chain.append([])
        elif word in _OPERATORS:
            break
        else:
            chain[-1].append(word)
    for step, part in enumerate(chain):
        result = run(*part[1:])
        assert "Traceback" not in result.output
        wanted = expected if step == len(chain) - 1 else 0
        assert result.exit_code == wanted, f"{document}:{line}: {command}\n{result.output}"
