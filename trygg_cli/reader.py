"""Bytes to a small tree of marked YAML nodes, refusing what a ledger has no use for.

The tree is built straight from the parser's event stream (libyaml's when PyYAML has it, the
pure-Python parser otherwise), so every node keeps its line and column, and nothing a budget
never needs is ever built: anchors, aliases, tags and merge keys are refused as they arrive,
and nesting deeper than a budget needs stops the parse at once (PyYAML's own composer recurses
and can run for tens of seconds or blow the stack on a few thousand `[`).

Scalars stay text here. What a value means is decided by `load`, which knows the schema.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from trygg_cli.model import Problem, Source

if TYPE_CHECKING:  # PyYAML is imported only when a file needs it: the regular reader does not
    import yaml

    Parser = type[yaml.SafeLoader] | type[yaml.CSafeLoader]

# A budget is a mapping of lists of mappings: three levels. Ten leaves room for a mistake to
# be reported as a schema problem rather than refused as a syntax one.
MAX_DEPTH = 10
# Well above a 100,000-item year (about 10 MB); refused before a byte is parsed.
MAX_FILE_BYTES = 32 * 1024 * 1024
# After this many control characters, a file is binary; one more problem says how many more.
MAX_CONTROL_REPORTS = 10


def default_parser() -> Parser:
    """libyaml's event parser where PyYAML was built with it, the pure-Python one otherwise; both
    give the same nodes and the same problems."""
    import yaml

    return getattr(yaml, "CSafeLoader", yaml.SafeLoader)


_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\x80-\x9f]")
# The same characters in UTF-8: the C0 controls and DEL are single bytes, and the C1 controls
# (U+0080 to U+009F) start with 0xC2. A file without these bytes has none of these characters.
_CONTROL_BYTES = bytes([*range(0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F])
_ALL_BUT_CONTROL_BYTES = bytes(sorted(set(range(256)) - set(_CONTROL_BYTES)))
# Tabs where YAML means indentation or separation: libyaml and PyYAML disagree about some of
# these, so trygg decides for both.
_TAB = re.compile(r"^[ ]*\t|[:-][ ]*\t", re.MULTILINE)
_WINDOWS_1252_LETTERS = frozenset(b"\xe5\xe4\xf6\xc5\xc4\xd6\xe9\xfc")


@dataclass(slots=True)
class ScalarNode:
    value: str
    quoted: bool
    line: int
    column: int
    broken: bool = False  # refused already (an alias or a tag): say nothing more about it


@dataclass(slots=True)
class MappingNode:
    line: int
    column: int
    pairs: list[tuple[Node, Node]] = field(default_factory=list)


@dataclass(slots=True)
class SequenceNode:
    line: int
    column: int
    items: list[Node] = field(default_factory=list)


Node = ScalarNode | MappingNode | SequenceNode


def read(data: bytes, path: str, parser: Parser | None = None) -> tuple[Node | None, list[Problem]]:
    """Parse one budget file's bytes; no tree when the text cannot be read or parsed."""
    text, problems = decode(data, path)
    if text is None or problems:
        return None, problems
    return parse(text, path, parser)


def parse(text: str, path: str, parser: Parser | None = None) -> tuple[Node | None, list[Problem]]:
    """Parse a budget file's text (as `decode` gives it); no tree when it cannot be parsed."""
    problems = tabs(text, path) if "\t" in text else []
    if problems:
        return None, problems
    return _Builder(path).build(text, parser or default_parser())


def decode(data: bytes, path: str) -> tuple[str | None, list[Problem]]:
    """UTF-8 text without its BOM, or the reasons it is not: another encoding, control characters."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or _looks_utf16(data):
        return None, [Problem("encoding", "utf-16", Source(path, 1, 1))]
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        return None, [_not_utf8(data, error.start, path)]
    if not data.translate(None, _ALL_BUT_CONTROL_BYTES) and b"\xc2" not in data:
        return text, []  # no control characters
    problems = []
    for count, match in enumerate(_CONTROL.finditer(text)):
        if count == MAX_CONTROL_REPORTS:
            rest = len(_CONTROL.findall(text, match.start()))
            where = _source_at(text, match.start(), path)
            problems.append(Problem("encoding", "more-control-characters", where, {"count": rest}))
            break
        where = _source_at(text, match.start(), path)
        point = ord(match.group())
        reason = "nul-byte" if point == 0 else "control-character"
        problems.append(Problem("encoding", reason, where, {"code_point": point}))
    return text, problems


def tabs(text: str, path: str) -> list[Problem]:
    """A problem for each line that indents or separates with a tab."""
    problems = []
    line_of_last = 0
    for match in _TAB.finditer(text):
        line_start = text.rfind("\n", 0, match.start()) + 1
        number = text.count("\n", 0, line_start) + 1
        if number == line_of_last:
            continue  # one problem per line is enough
        line_of_last = number
        problems.append(Problem("yaml", "tab", Source(path, number, match.end() - line_start)))
    return problems


def _looks_utf16(data: bytes) -> bool:
    head = data[:200]
    return (
        len(head) >= 4
        and head.count(0) * 3 >= len(head)
        and (head[1::2].count(0) > len(head) // 3 or head[0::2].count(0) > len(head) // 3)
    )


def _not_utf8(data: bytes, offset: int, path: str) -> Problem:
    line = data.count(b"\n", 0, offset) + 1
    column = offset - (data.rfind(b"\n", 0, offset) + 1) + 1
    byte = data[offset]
    windows_letter = None
    try:
        data.decode("cp1252")
    except UnicodeDecodeError:
        cp1252 = False
    else:
        cp1252 = True
        if _WINDOWS_1252_LETTERS & set(data):
            windows_letter = bytes([byte]).decode("cp1252")
    figures = {"byte": byte, "cp1252": cp1252, "windows_letter": windows_letter, "nul": b"\x00" in data}
    return Problem("encoding", "not-utf-8", Source(path, line, column), figures)


def _source_at(text: str, offset: int, path: str) -> Source:
    line = text.count("\n", 0, offset) + 1
    return Source(path, line, offset - (text.rfind("\n", 0, offset) + 1) + 1)


class _Stop(Exception):
    """The rest of the file is not worth reading; the reason is among the problems already."""


class _Builder:
    """Turns parser events into nodes, one pass, collecting what it refuses."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.problems: list[Problem] = []
        self.lines = 1

    def refuse(self, reason: str, mark: Any, **figures: Any) -> None:
        where = _source(self.path, mark)
        if where.line > self.lines:  # the parser's end of a file without a last newline: its last line
            where = Source(self.path, self.lines, 1)
        self.problems.append(Problem("yaml", reason, where, figures))

    def build(self, text: str, parser: Parser) -> tuple[Node | None, list[Problem]]:
        import yaml

        self.lines = text.count("\n") + 1
        loader = parser(text)
        try:
            return self._consume(loader), self.problems
        except _Stop:
            return None, self.problems
        except yaml.MarkedYAMLError as error:
            if parser is not yaml.SafeLoader and "maximum nesting depth" in str(error.problem):
                # libyaml scans a thousand `[` ahead before its first event; the pure-Python
                # parser stops at trygg's own limit and says so where it is passed.
                return _Builder(self.path).build(text, yaml.SafeLoader)
            detail = " ".join(part for part in (error.problem, error.context) if part)
            self.refuse("yaml-syntax", error.problem_mark or error.context_mark, detail=detail)
        except yaml.YAMLError as error:  # a reader error without a mark
            self.refuse("yaml-syntax", None, detail=str(error))
        finally:
            loader.dispose()
        return None, self.problems

    def _consume(self, loader: Any) -> Node | None:  # noqa: PLR0912, PLR0915 - one hot loop, on purpose
        """One pass over the events, dispatching on each event's type inline."""
        import yaml

        next_event = loader.get_event
        root: Node | None = None
        open_nodes: list[MappingNode | SequenceNode] = []
        children: list[list[Node]] = []  # what each open collection holds so far
        documents = 0
        while True:
            event = next_event()
            kind = type(event)
            if kind is yaml.ScalarEvent:
                mark = event.start_mark
                scalar = ScalarNode(event.value, not event.implicit[0], mark.line + 1, mark.column + 1)
                if event.anchor is not None or event.tag is not None:
                    scalar.broken = self._refuse_properties(event)
                node: Node = scalar
            elif kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
                mark = event.start_mark
                if len(open_nodes) >= MAX_DEPTH:
                    self.refuse("too-deep", mark, most=MAX_DEPTH)
                    raise _Stop
                node = (MappingNode if kind is yaml.MappingStartEvent else SequenceNode)(mark.line + 1, mark.column + 1)
                if event.anchor is not None or event.tag is not None:
                    self._refuse_properties(event)
                if children:
                    children[-1].append(node)
                else:
                    root = node
                open_nodes.append(node)
                children.append([])
                continue
            elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
                collection, held = open_nodes.pop(), children.pop()
                if isinstance(collection, MappingNode):
                    collection.pairs = self._pairs(held)
                else:
                    collection.items = held
                continue
            elif kind is yaml.AliasEvent:
                mark = event.start_mark
                self.refuse("alias", mark, anchor=event.anchor)
                node = ScalarNode("", False, mark.line + 1, mark.column + 1, broken=True)
            elif kind is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    self.refuse("several-documents", event.start_mark)
                    raise _Stop
                continue
            elif event is None or kind is yaml.StreamEndEvent:
                return root
            else:
                continue
            if children:
                children[-1].append(node)
            else:
                root = node

    def _refuse_properties(self, event: Any) -> bool:
        """Anchors and tags have no place in a ledger; a tagged value is not used (True)."""
        if event.anchor is not None:
            self.refuse("anchor", event.start_mark, anchor=event.anchor)
        if event.tag is not None and event.tag != "!":
            self.refuse("tag", event.start_mark, tag=_short_tag(event.tag))
            return True
        return False

    def _pairs(self, held: list[Node]) -> list[tuple[Node, Node]]:
        """A mapping's keys and values, two by two, without merge keys."""
        pairs = []
        for key, value in zip(held[0::2], held[1::2], strict=False):
            if isinstance(key, ScalarNode) and key.value == "<<" and not key.quoted:
                self.problems.append(Problem("yaml", "merge-key", Source(self.path, key.line, key.column)))
                continue
            pairs.append((key, value))
        return pairs


def _source(path: str, mark: Any) -> Source:
    """A parser's 0-based mark as a 1-based place; the file's start where there is none."""
    return Source(path, mark.line + 1, mark.column + 1) if mark is not None else Source(path, 1)


def _short_tag(tag: str) -> str:
    return "!!" + tag.removeprefix("tag:yaml.org,2002:") if tag.startswith("tag:yaml.org,2002:") else tag
