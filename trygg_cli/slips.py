"""What a person meant where YAML read a line otherwise: everyday editing slips, each turned from
a parser's words into a problem that names the slip and its fix, at the line that needs it.

The full reader's problems come in with the file's lines; a problem a slip explains is replaced
by the slip's, and the others are kept as they are.
"""

from __future__ import annotations

import json
import re

from trygg_cli.model import Problem, Source
from trygg_cli.rules import ITEM_KEYS, TOP_KEYS

_KEYS = frozenset(TOP_KEYS) | frozenset(ITEM_KEYS)
_TEXT_KEYS = frozenset({"name", "title", "note"})
# `amount:0.8`: a key of the file, a colon, and no space after it
_NO_SPACE = re.compile(r"(?P<lead> *(?:- +)?)(?P<key>[A-Za-z]+):(?P<value>[^\s].*)")
# `name: value`, the value as written
_PAIR = re.compile(r"(?P<lead> *(?:- +)?)(?P<key>[A-Za-z]+):[ ]+(?P<value>.*?)\s*")
_BLOCK = re.compile(r".*:\s*[>|][-+]?\s*(#.*)?")  # a folded or literal value follows
# What libyaml and PyYAML say when a line is indented otherwise than its neighbours
_INDENTATION_WORDS = (
    "expected '-' indicator",
    "expected <block end>",
    "mapping values are not allowed",
    "did not find expected key",  # an item's '- ' at column 0, under items that are indented
)


def explain(text: str, problems: list[Problem]) -> list[Problem]:
    """`problems`, with the ones a slip explains replaced by the slip's."""
    if not problems:
        return problems
    lines = text.splitlines()
    path = problems[0].source.path
    syntax = [problem for problem in problems if problem.reason == "yaml-syntax"]
    slips = _missing_spaces(lines, path) if syntax else []
    explained = {line for slip in slips for line in range(slip.source.line, slip.source.line + 3)}
    kept: list[Problem] = []
    for problem in problems:
        if problem.reason == "yaml-syntax" and problem.source.line in explained:
            continue
        slip = _slip_for(problem, lines, path)
        kept.append(slip or problem)
    return sorted(slips + kept, key=lambda problem: (problem.source.line, problem.source.column or 0))


def _slip_for(problem: Problem, lines: list[str], path: str) -> Problem | None:
    number = problem.source.line
    line = lines[number - 1] if 0 < number <= len(lines) else ""
    if problem.reason == "yaml-syntax":
        return _colon_in_value(line, number, path) or _indentation(problem, lines, path)
    if problem.reason in ("empty-value", "amount-empty"):
        return _comment_in_value(line, number, path)
    return None


def _missing_spaces(lines: list[str], path: str) -> list[Problem]:
    slips = []
    for number, line in enumerate(lines, start=1):
        found = _NO_SPACE.fullmatch(line)
        if found and found["key"].lower() in _KEYS:
            written = f"{found['key']}:{found['value']}"
            fixed = f"{found['key']}: {found['value']}"
            where = Source(path, number, len(found["lead"]) + 1)
            slips.append(Problem("yaml", "missing-space", where, {"written": written, "fixed": fixed}))
    return slips


def _colon_in_value(line: str, number: int, path: str) -> Problem | None:
    found = _PAIR.fullmatch(line)
    if not found or found["key"] not in _TEXT_KEYS:
        return None
    value = found["value"]
    if value[:1] in ("'", '"') or (": " not in value and not value.endswith(":")):
        return None
    where = Source(path, number, found.start("value") + 1)
    return Problem("yaml", "colon-in-value", where, {"key": found["key"], "fixed": _quoted(value)})


def _comment_in_value(line: str, number: int, path: str) -> Problem | None:
    found = _PAIR.fullmatch(line)
    if not found or not found["value"].startswith("#"):
        return None
    where = Source(path, number, found.start("value") + 1)
    return Problem("schema", "comment-in-value", where, {"key": found["key"], "fixed": _quoted(found["value"])})


def _quoted(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)


def _indentation(problem: Problem, lines: list[str], path: str) -> Problem | None:
    """The line, at or just before the parser's complaint, indented otherwise than its neighbours."""
    if not any(words in problem.figures.get("detail", "") for words in _INDENTATION_WORDS):
        return None
    items = next((number for number, line in enumerate(lines) if re.fullmatch(r"items:\s*(#.*)?", line)), None)
    dash = None
    if items is not None:
        dash = next((_indent(line) for line in lines[items + 1 :] if line.lstrip().startswith("- ")), None)
    block = False  # inside a folded or literal value, whose lines may be indented more
    expected: dict[int, tuple[int, str]] = {}
    for number, line in enumerate(lines, start=1):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        if items is None or number <= items + 1:
            expected[number] = (0, "top")
        elif dash is not None and _indent(line) > dash + 2 and block:
            continue
        elif stripped.startswith("- "):
            expected[number] = (dash or 0, "dash")
        elif _indent(line) == 0:
            expected[number] = (0, "top")
        else:
            expected[number] = ((dash or 0) + 2, "item")
        block = bool(_BLOCK.fullmatch(line))
    for number in range(problem.source.line, max(problem.source.line - 3, 0), -1):
        if number in expected and _indent(lines[number - 1]) != expected[number][0]:
            spaces, where = expected[number]
            figures = {"indent": _indent(lines[number - 1]), "expected": spaces, "where": where}
            return Problem("yaml", "indentation", Source(path, number, 1), figures)
    return None


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


_MARKERS = re.compile(r"^(<{7}|\|{7}|={7}|>{7})(?: .*)?$")
_TOTAL = re.compile(r"^total:\s*([^\s#]+)")


def merge_conflict(text: str, path: str) -> Problem | None:
    """A file git left with unresolved conflict markers: the markers' lines, and each side's
    total where it can be read."""
    if "<<<<<<<" not in text:  # almost every file: found without looking at a line
        return None
    lines = text.splitlines()
    markers = [number for number, line in enumerate(lines, start=1) if _MARKERS.match(line)]
    if not any(lines[number - 1].startswith("<<<<<<<") for number in markers):
        return None
    sides: dict[str, list[str]] = {"ours": [], "theirs": []}
    side = None
    for line in lines:
        if line.startswith("<<<<<<<"):
            side = "ours"
        elif line.startswith(("|||||||", ">>>>>>>")):
            side = None
        elif line.startswith("======="):
            side = "theirs"
        elif side is not None and (found := _TOTAL.match(line)):
            sides[side].append(found.group(1))
    figures = {
        "lines": ", ".join(map(str, markers)),
        "ours": sides["ours"][0] if sides["ours"] else None,
        "theirs": sides["theirs"][0] if sides["theirs"] else None,
    }
    return Problem("merge-conflict", "merge-conflict", Source(path, markers[0], 1), figures)
