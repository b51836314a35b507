"""The house rules of trygg_cli, read from its imports: data flows one way, and each room keeps
to its job (see the README's table of modules)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

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


WRITERS_AND_CLI = {
    "trygg_cli.cli",
    "trygg_cli.render.cells",
    "trygg_cli.render.chart",
    "trygg_cli.render.document",
    "trygg_cli.render.review",
    "trygg_cli.render.formats",
    "trygg_cli.render.numbers",
    "trygg_cli.render.registry",
    "trygg_cli.render.report",
    "trygg_cli.render.spreadsheet",
    "trygg_cli.render.text",
    "trygg_cli.render.web",
    "trygg_cli.render.words",
    "trygg_cli.render.locale",
}


def test_no_module_below_the_writers_knows_a_language() -> None:
    for module, found in GRAPH.items():
        if module not in WRITERS_AND_CLI:
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
        "typer": {"trygg_cli.cli"},
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
    assert packages == {"trygg_cli", "trygg_cli.render", "trygg_cli.exports"}
    assert all(any(fnmatch.fnmatch(package, pattern) for pattern in patterns) for package in packages)
    data = config["package-data"]["trygg_cli"]
    for catalogue in PACKAGE.rglob("*.mo"):
        assert any(fnmatch.fnmatch(str(catalogue.relative_to(PACKAGE)), pattern) for pattern in data)
