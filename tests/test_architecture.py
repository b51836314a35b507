"""The house rules of trygg_cli, read from its imports: data flows one way, and each room keeps
to its job (see the README's table of modules)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from tests.conftest import REPO

PACKAGE = REPO / "trygg_cli"


def module_name(path: Path) -> str:
    return ".".join(path.relative_to(REPO).with_suffix("").parts).removesuffix(".__init__")


PATHS = {module_name(path): path for path in PACKAGE.rglob("*.py")}


def imports() -> dict[str, set[str]]:
    """Each module of trygg_cli and the trygg_cli modules and third-party packages it imports
    (anywhere in it: imports inside functions count too)."""
    graph: dict[str, set[str]] = {}
    for name, path in PATHS.items():
        found: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module:
                found.add(node.module)
                # `from trygg_cli.render import views` imports the module trygg_cli.render.views
                found.update(f"{node.module}.{alias.name}" for alias in node.names)
        graph[name] = found
    return graph


GRAPH = imports()
OURS = set(GRAPH)


def test_no_two_modules_import_each_other_directly_or_in_a_ring() -> None:
    edges = {module: {name for name in found if name in OURS and name != module} for module, found in GRAPH.items()}
    # A package's __init__ is imported with each of its modules: leave out those edges.
    edges = {module: {name for name in found if not module.startswith(name + ".")} for module, found in edges.items()}
    visiting: list[str] = []
    done: set[str] = set()

    def visit(module: str) -> None:
        assert module not in visiting, "import ring: " + " -> ".join([*visiting[visiting.index(module) :], module])
        if module in done:
            return
        visiting.append(module)
        for name in edges[module]:
            visit(name)
        visiting.pop()
        done.add(module)

    for module in sorted(edges):
        visit(module)


# Which layer each module is on: a module imports only from its own layer and those below (and
# never in a ring, above). Data flows one way: what the user named, to bytes, to a budget, to
# rows of data, to tables of cells, to a format; the CLI only speaks. A new module must be given
# a layer here, which is the moment to decide where it belongs.
LEAVES, BASICS, BYTES, LOAD, CHECK, LIBRARY, VIEWS, WORDS, WRITERS, CLI = range(10)
LAYERS = {
    "trygg_cli": LEAVES,
    "trygg_cli.model": LEAVES,
    "trygg_cli.choices": LEAVES,
    "trygg_cli.render": LEAVES,
    "trygg_cli.render.labels": LEAVES,
    "trygg_cli.render.locale": LEAVES,
    "trygg_cli.money": BASICS,
    "trygg_cli.rules": BASICS,
    "trygg_cli.extras": BASICS,
    "trygg_cli.periods": BASICS,
    "trygg_cli.amendments": BASICS,
    "trygg_cli.files": BYTES,
    "trygg_cli.revisions": BYTES,
    "trygg_cli.reader": BYTES,
    "trygg_cli.slips": BYTES,
    "trygg_cli.regular": BYTES,
    "trygg_cli.schema": BYTES,
    "trygg_cli.load": LOAD,
    "trygg_cli.check": CHECK,
    "trygg_cli.targets": LIBRARY,
    "trygg_cli.compare": LIBRARY,
    "trygg_cli.history": LIBRARY,
    "trygg_cli.rollover": LIBRARY,
    "trygg_cli.units": LIBRARY,
    "trygg_cli.follow": LIBRARY,
    "trygg_cli.publish": LIBRARY,
    "trygg_cli.exports": LIBRARY,
    "trygg_cli.exports.tally": LIBRARY,
    "trygg_cli.exports.parts": LIBRARY,
    "trygg_cli.exports.checks": LIBRARY,
    "trygg_cli.exports.sie": LIBRARY,
    "trygg_cli.exports.table": LIBRARY,
    "trygg_cli.budget_sie": LIBRARY,
    "trygg_cli.importing": LIBRARY,
    "trygg_cli.render.views": VIEWS,
    "trygg_cli.render.numbers": WORDS,
    "trygg_cli.render.words": WORDS,
    "trygg_cli.render.formats": WORDS,
    "trygg_cli.render.cells": WORDS,
    "trygg_cli.render.text": WRITERS,
    "trygg_cli.render.web": WRITERS,
    "trygg_cli.render.spreadsheet": WRITERS,
    "trygg_cli.render.document": WRITERS,
    "trygg_cli.render.chart": WRITERS,
    "trygg_cli.render.json": WRITERS,
    "trygg_cli.render.review": WRITERS,
    "trygg_cli.render.publication": WRITERS,
    "trygg_cli.render.sie": WRITERS,
    "trygg_cli.render.registry": WRITERS,
    "trygg_cli.render.reporters": WRITERS,
    "trygg_cli.render.reporters.records": WRITERS,
    "trygg_cli.render.reporters.text": WRITERS,
    "trygg_cli.render.reporters.github": WRITERS,
    "trygg_cli.render.reporters.json": WRITERS,
    "trygg_cli.render.reporters.registry": WRITERS,
    "trygg_cli.command_line": CLI,
    "trygg_cli.cli": CLI,
    "trygg_cli.cli_files": CLI,
    "trygg_cli.cli_git": CLI,
    "trygg_cli.command_io": CLI,
    "trygg_cli.__main__": CLI,
}


def upward_imports(graph: dict[str, set[str]]) -> list[str]:
    """Every import of a module from a layer above its own."""
    found = []
    for module, names in graph.items():
        for name in names:
            if name in LAYERS and LAYERS[name] > LAYERS[module]:
                found.append(f"{module} (layer {LAYERS[module]}) imports {name} (layer {LAYERS[name]})")
    return sorted(found)


def test_every_module_has_a_layer() -> None:
    assert set(GRAPH) == set(LAYERS), "give each new module a layer in LAYERS; drop the gone ones"


def test_no_module_imports_from_a_layer_above_its_own() -> None:
    assert upward_imports(GRAPH) == []


def test_the_layers_test_sees_an_import_that_runs_back_up() -> None:
    """The test above fails on the arrow the house once had: an export reader importing render."""
    broken = {**GRAPH, "trygg_cli.exports.table": {*GRAPH["trygg_cli.exports.table"], "trygg_cli.render.views"}}
    assert upward_imports(broken) == [
        "trygg_cli.exports.table (layer 5) imports trygg_cli.render.views (layer 6)",
    ]


def test_no_module_below_the_words_knows_a_language() -> None:
    for module, found in GRAPH.items():
        if LAYERS[module] < WORDS and module != "trygg_cli.render.locale":
            assert "trygg_cli.render.locale" not in found, module
            source = PATHS[module].read_text(encoding="utf-8")
            assert not re.search(r"\blocale\b", source, re.IGNORECASE), module


def test_only_writers_import_the_rendering_packages() -> None:
    allowed = {
        "rich": {"trygg_cli.render.text", "trygg_cli.render.chart"},
        "tabulate": {"trygg_cli.render.text"},
        "openpyxl": {"trygg_cli.exports.table"},  # reads an xlsx export; XlsxWriter writes workbooks
        "xlsxwriter": {"trygg_cli.render.spreadsheet"},
        "docx": {"trygg_cli.render.document"},
        "typer": {
            "trygg_cli.cli",
            "trygg_cli.cli_files",
            "trygg_cli.cli_git",
            "trygg_cli.command_io",
            "trygg_cli.command_line",
        },
    }
    for module, found in GRAPH.items():
        for package, rooms in allowed.items():
            if any(name == package or name.startswith(package + ".") for name in found):
                assert module in rooms, f"{module} imports {package}"


def test_views_import_no_third_party_package() -> None:
    packages = {name.split(".")[0] for name in GRAPH["trygg_cli.render.views"]}
    assert packages <= {
        "trygg_cli",
        "__future__",
        "enum",
        "itertools",
        "operator",
        "collections",
        "dataclasses",
        "decimal",
        "typing",
    }


def test_every_package_and_catalogue_is_installed() -> None:
    """`pip install .` (not only an editable install) brings every package of trygg_cli and its
    compiled message catalogues."""
    import fnmatch
    import tomllib

    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    patterns = config["packages"]["find"]["include"]
    packages = {module_name(path.parent) for path in PACKAGE.rglob("__init__.py")}
    assert packages == {"trygg_cli", "trygg_cli.render", "trygg_cli.render.reporters", "trygg_cli.exports"}
    assert all(any(fnmatch.fnmatch(package, pattern) for pattern in patterns) for package in packages)
    data = config["package-data"]["trygg_cli"]
    for catalogue in PACKAGE.rglob("*.mo"):
        assert any(fnmatch.fnmatch(str(catalogue.relative_to(PACKAGE)), pattern) for pattern in data)


# What each command may not load: a command imports only the rooms it uses, so that start-up
# stays quick (README: Speed) and a missing extra never stops a command that does not need it.
READERS = {"trygg_cli.reader", "trygg_cli.regular", "trygg_cli.load", "trygg_cli.check", "trygg_cli.targets", "yaml"}
EXPORTS = {"trygg_cli.exports", "trygg_cli.exports.sie", "trygg_cli.exports.table", "trygg_cli.exports.tally"}
FOLLOW = {"trygg_cli.follow"}  # (its choices are a leaf of their own, `choices`)
GIT = {"trygg_cli.revisions", "trygg_cli.history"}
OFFICE = {"docx", "openpyxl", "xlsxwriter", "trygg_cli.render.document", "trygg_cli.render.spreadsheet"}
NOT_LOADED = {
    ("--help",): READERS | EXPORTS | FOLLOW | GIT | OFFICE | {"rich", "tabulate"},
    ("schema",): READERS | EXPORTS | FOLLOW | GIT | OFFICE | {"rich", "tabulate"},
    ("diff", "2020", "2021"): EXPORTS | FOLLOW | GIT | OFFICE | {"trygg_cli.render.chart"},
    ("validate",): EXPORTS | FOLLOW | GIT | OFFICE | {"rich", "tabulate", "trygg_cli.render.text"},
    ("show", "2021", "--format", "json"): EXPORTS | FOLLOW | GIT | OFFICE | {"rich", "tabulate"},
    ("follow", "examples/budget-2021.yaml", "examples/huvudbok-2021.se"): GIT | OFFICE,
}

_RUN = """
import sys
from trygg_cli.cli import app
try:
    app(sys.argv[2:], prog_name="trygg")
except SystemExit:
    pass
with open(sys.argv[1], "w") as out:
    out.write("\\n".join(sorted(sys.modules)))
"""


def loaded_by(arguments: tuple[str, ...], tmp_path: Path) -> set[str]:
    import subprocess
    import sys

    listing = tmp_path / "modules.txt"
    subprocess.run([sys.executable, "-c", _RUN, str(listing), *arguments], cwd=REPO, capture_output=True, check=True)
    return set(listing.read_text(encoding="utf-8").split("\n"))


@pytest.mark.parametrize("arguments", list(NOT_LOADED), ids=" ".join)
def test_a_command_loads_only_the_rooms_it_uses(arguments: tuple[str, ...], tmp_path: Path) -> None:
    loaded = loaded_by(arguments, tmp_path)
    assert "trygg_cli.cli" in loaded  # the listing is the run's
    assert sorted(loaded & NOT_LOADED[arguments]) == []
