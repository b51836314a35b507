"""Messages that cannot drift: every producer of a problem or a could-not-run error in trygg_cli,
found by reading the source, gives every figure its message quotes, in English and in Swedish.

A problem carries a reason and figures (`Problem(code, reason, source, {"sum": …})`), an error a
reason and keyword figures (`TryggError(reason, path=…)`); `render/words.py` puts them into
words, through the reason's shaper where it has one. A figure renamed on one side only is a
KeyError in a user's run, for the one input that reaches it. So this module walks the syntax
trees of the library and finds:

- every call of `Problem(…)` and `TryggError(…)`;
- every helper that forwards a reason of its own parameters to one of those (`self.problem(code,
  reason, node, **figures)`, `tally.problem(…)`, a reader's `self.problem(reason, line,
  **figures)`, `refuse(…)`, the CLI's `_fail(…)`), found by what it does, not by its name, and
  every call of such a helper;
- money's reasons, returned as `(reason, {figures})` by the functions that return a `Why`, and
  the calls that pass one on (`self.problem("amount", why[0], node, what=…, **why[1])`).

Each producer's figures are read from the call: keyword arguments, a dict literal, a local
variable holding one, `**helper(…)` of a module function that returns dict literals. What cannot
be read so is listed below (`OPEN`) with what it supplies, never skipped in silence. A shaper's
part is read from words.py too: the figures it returns (its own, and the producer's where it
passes them on), the ones it must have (`figures["sum"]`), and the texts it puts in. Labels a
view or a command fills in (`words("key", …)`, `text(locale, "key", …)`) are held the same way.
"""

from __future__ import annotations

import ast
import difflib
import string
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from tests.catalogue import PO, entries
from tests.conftest import REPO
from trygg_cli.render.words import SHAPERS, TEXTS

LIBRARY = REPO / "trygg_cli"
WORDS = LIBRARY / "render" / "words.py"

# Producers whose figures are partly passed on whole from elsewhere: (file, reason) -> the Why
# reason whose figures are passed on. The test checks that each entry is still needed.
OPEN: dict[tuple[str, str], str] = {
    # load.py reads `500 000` in an mkr file as money's spaced-thousands and passes its figures
    # (`**why[1]`) on, beside its own `what`, `unit` and `in_unit`.
    ("trygg_cli/load.py", "spaced-thousands-unit"): "spaced-thousands",
}


@dataclass(frozen=True)
class Producer:
    """One place that makes a problem or an error: its reason and the figures it supplies."""

    where: str  # trygg_cli/load.py:112
    reason: str
    figures: frozenset[str]
    open: tuple[str, ...] = ()  # what the figures hold that cannot be read: `**why[1]`


@dataclass(frozen=True)
class Kind:
    """How a producer's call carries its reason and its figures."""

    reason_at: int
    dict_at: int | None = None  # figures as a dict, at this position or as the keyword `dict_name`
    dict_name: str | None = None
    keywords: bool = False  # figures as keyword arguments
    not_figures: frozenset[str] = frozenset()  # keyword arguments that are the helper's own parameters


def _built_in() -> dict[str, Kind]:
    """How `Problem` and `TryggError` take their reason and figures, read from model.py: the
    dataclass's fields in order, the exception's parameters (those besides the figures)."""
    tree = ast.parse((REPO / "trygg_cli" / "model.py").read_text(encoding="utf-8"))
    classes = {node.name: node for node in tree.body if isinstance(node, ast.ClassDef)}
    fields = [
        node.target.id
        for node in classes["Problem"].body
        if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name)
    ]
    init = next(n for n in classes["TryggError"].body if isinstance(n, ast.FunctionDef) and n.name == "__init__")
    names = [arg.arg for arg in (*init.args.args, *init.args.kwonlyargs)][1:]  # without self
    assert init.args.kwarg is not None, "TryggError takes its figures as keyword arguments"
    return {
        "Problem": Kind(reason_at=fields.index("reason"), dict_at=fields.index("figures"), dict_name="figures"),
        "TryggError": Kind(reason_at=names.index("reason"), keywords=True, not_figures=frozenset(names)),
    }


BUILT_IN = _built_in()


@dataclass
class Module:
    path: Path
    tree: ast.Module
    name: str  # trygg_cli.exports.tally
    imports: set[str] = field(default_factory=set)
    functions: dict[str, ast.FunctionDef] = field(default_factory=dict)  # module-level ones

    @property
    def short(self) -> str:
        return self.path.relative_to(REPO).as_posix()


@dataclass
class Scope:
    """Where a call is: its module, its class and its function (innermost first)."""

    module: Module
    cls: ast.ClassDef | None
    functions: tuple[ast.FunctionDef, ...]
    line: int | None = None  # the call's: a local name holds what it was last given before it


@cache
def modules() -> tuple[Module, ...]:
    found = []
    for path in sorted(LIBRARY.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        name = ".".join(path.relative_to(REPO).with_suffix("").parts).removesuffix(".__init__")
        module = Module(path, tree, name)
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module:
                base = node.module if node.level == 0 else name.rsplit(".", node.level)[0] + "." + node.module
                module.imports.add(base)
                module.imports.update(f"{base}.{alias.name}" for alias in node.names)
            elif isinstance(node, ast.Import):
                module.imports.update(alias.name for alias in node.names)
        module.functions = {node.name: node for node in tree.body if isinstance(node, ast.FunctionDef)}
        found.append(module)
    return tuple(found)


def calls(module: Module) -> Iterator[tuple[ast.Call, Scope]]:
    """Every call in a module, with where it is."""

    def visit(
        node: ast.AST, cls: ast.ClassDef | None, functions: tuple[ast.FunctionDef, ...]
    ) -> Iterator[tuple[ast.Call, Scope]]:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.ClassDef):
                yield from visit(child, child, functions)
            elif isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef):
                yield from visit(child, cls, (child, *functions))  # type: ignore[arg-type]
            else:
                if isinstance(child, ast.Call):
                    yield child, Scope(module, cls, functions, child.lineno)
                yield from visit(child, cls, functions)

    yield from visit(module.tree, None, ())


def called_name(call: ast.Call) -> str | None:
    if isinstance(call.func, ast.Name):
        return call.func.id
    if isinstance(call.func, ast.Attribute):
        return call.func.attr
    return None


def positional(function: ast.FunctionDef, in_class: bool) -> list[str]:
    """A function's positional parameters as a caller passes them (without self)."""
    names = [arg.arg for arg in (*function.args.posonlyargs, *function.args.args)]
    static = any(isinstance(d, ast.Name) and d.id == "staticmethod" for d in function.decorator_list)
    return names[1:] if in_class and not static and names and names[0] in ("self", "cls") else names


def parameters(function: ast.FunctionDef) -> set[str]:
    every = [*function.args.posonlyargs, *function.args.args, *function.args.kwonlyargs]
    return {arg.arg for arg in every}


# Helpers that forward a reason --------------------------------------------------------------

Helpers = dict[tuple[str, str], tuple[Kind, ast.FunctionDef, ast.ClassDef | None]]  # (module, name)


@cache
def helpers() -> Helpers:
    """Every function that passes a reason it was given on to a producer, found by what it does:
    a parameter of its own as the reason of a `Problem`, a `TryggError` or another such helper."""
    found: Helpers = {}
    while True:
        before = len(found)
        for module in modules():
            for call, scope in calls(module):
                kind = resolve(call, scope, found)
                if kind is None or not scope.functions or len(call.args) <= kind.reason_at:
                    continue
                function = scope.functions[0]
                reason = call.args[kind.reason_at]
                if not (isinstance(reason, ast.Name) and reason.id in parameters(function)):
                    continue
                in_class = scope.cls is not None and function in scope.cls.body
                names = positional(function, in_class)
                kwarg = function.args.kwarg.arg if function.args.kwarg else None
                dict_param = _figures_parameter(call, kind, function)
                helper = Kind(
                    reason_at=names.index(reason.id),
                    dict_at=names.index(dict_param) if dict_param in names else None,
                    dict_name=dict_param,
                    keywords=kwarg is not None,
                    not_figures=frozenset(parameters(function)),
                )
                found[(module.name, function.name)] = (helper, function, scope.cls if in_class else None)
        if len(found) == before:
            return found


def _figures_parameter(call: ast.Call, kind: Kind, function: ast.FunctionDef) -> str | None:
    """The helper's parameter that its producer call takes the figures from as a dict, if any."""
    given = figures_argument(call, kind)
    if isinstance(given, ast.Name) and given.id in parameters(function):
        return given.id
    return None


def figures_argument(call: ast.Call, kind: Kind) -> ast.expr | None:
    if kind.dict_at is not None and len(call.args) > kind.dict_at:
        return call.args[kind.dict_at]
    return next((k.value for k in call.keywords if kind.dict_name and k.arg == kind.dict_name), None)


def resolve(call: ast.Call, scope: Scope, known: Helpers | None = None) -> Kind | None:
    """What kind of producer a call is, if it is one: built in, or a helper. A helper is told by
    whom it is called on: `self.problem(…)` is the class's own; `self.tally.problem(…)` and
    `tally.problem(…)` the helper of the class named so (Tally); `_fail(…)` a function of the
    module or of one it imports. A call that could be several helpers fails the walk."""
    name = called_name(call)
    if name is None:
        return None
    if name in BUILT_IN:
        return BUILT_IN[name]
    known = helpers() if known is None else known
    named = [(module, kind, cls) for (module, helper), (kind, _, cls) in known.items() if helper == name]
    own = scope.module.name
    where = f"{scope.module.short}:{call.lineno}"
    if isinstance(call.func, ast.Name):
        reached = [kind for module, kind, cls in named if cls is None and module in ({own} | scope.module.imports)]
        assert len(reached) <= 1, f"{where}: {name}(…) could be any of several helpers"
        return reached[0] if reached else None
    receiver = call.func.value  # type: ignore[attr-defined]
    if isinstance(receiver, ast.Name) and receiver.id == "self":
        if scope.cls is None:
            return None
        return next((kind for module, kind, cls in named if module == own and cls is scope.cls), None)
    called_on = receiver.attr if isinstance(receiver, ast.Attribute) else getattr(receiver, "id", "")
    reached = [kind for _, kind, cls in named if cls is not None and cls.name.strip("_").lower() == called_on.lower()]
    assert len(reached) <= 1 and (reached or not named), (
        f"{where}: cannot tell which helper {ast.unparse(call.func)} is"
    )
    return reached[0] if reached else None


# Reading reasons and figures ----------------------------------------------------------------


def assigned(name: str, scope: Scope) -> list[ast.expr]:
    """What a local name holds at a call, in the innermost function around it: what it was last
    given before the call, or where that was in one branch of an `if` the call is not in, what
    each branch gave it."""
    if not scope.functions:
        return []
    function = scope.functions[0]
    found: list[ast.AST] = [node for node in ast.walk(function) if _assigns(node, name)]
    if scope.line is None or not found:
        return [node.value for node in found if node.value is not None]  # type: ignore[attr-defined]
    found = [node for node in found if getattr(node, "lineno", 0) < scope.line]
    if not found:
        return []
    last = max(found, key=lambda node: getattr(node, "lineno", 0))
    branch = _branch(function, last)
    if branch is not None and not branch.lineno <= scope.line <= (branch.end_lineno or branch.lineno):
        found = [node for node in found if _branch(function, node) is branch]
    else:
        found = [last]
    return [node.value for node in found if node.value is not None]  # type: ignore[attr-defined]


def _assigns(node: ast.AST, name: str) -> bool:
    if isinstance(node, ast.Assign):
        return any(isinstance(target, ast.Name) and target.id == name for target in node.targets)
    return isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and node.target.id == name


def _branch(function: ast.FunctionDef, node: ast.AST) -> ast.If | None:
    """The innermost `if` a statement is in."""
    around = [
        candidate
        for candidate in ast.walk(function)
        if isinstance(candidate, ast.If) and any(inner is node for inner in ast.walk(candidate))
    ]
    return max(around, key=lambda candidate: candidate.lineno, default=None)


def added_later(name: str, scope: Scope, since: int) -> set[str]:
    """Keys a local dict is given after it was made and before the call: `name.update(k=…)`,
    `name["k"] = …`."""
    found: set[str] = set()
    end = scope.line or 10**9
    for node in ast.walk(scope.functions[0]) if scope.functions else ():
        if not since < getattr(node, "lineno", 0) < end:
            continue
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "update":
            if isinstance(node.func.value, ast.Name) and node.func.value.id == name:
                found.update(keyword.arg for keyword in node.keywords if keyword.arg)
        elif isinstance(node, ast.Assign):
            found.update(key for target in node.targets if (key := _key_set(target, name)))
    return found


def reasons_of(expr: ast.expr, scope: Scope) -> set[str] | None:
    """The reasons an expression can be, where the source says (None where it does not)."""
    if isinstance(expr, ast.Constant) and isinstance(expr.value, str):
        return {expr.value}
    if isinstance(expr, ast.IfExp):
        body, orelse = reasons_of(expr.body, scope), reasons_of(expr.orelse, scope)
        return None if body is None or orelse is None else body | orelse
    if isinstance(expr, ast.Name):
        values = assigned(expr.id, scope)
        found = [reasons_of(value, scope) for value in values]
        if not values or any(reasons is None for reasons in found):
            return None
        return set().union(*found)  # type: ignore[arg-type]
    return None


@dataclass
class Figures:
    names: set[str] = field(default_factory=set)
    open: list[str] = field(default_factory=list)
    why: str | None = None  # `**x[1]`: the figures of the Why held in x


def figures_of(expr: ast.expr, scope: Scope, depth: int = 0) -> Figures:
    """The figure names a dict expression holds, as far as the source says: a dict literal, a
    local name given one, `x[1]` of a Why, a call of a module function that returns them."""
    found = Figures()
    if depth > 4:
        found.open.append(ast.unparse(expr))
    elif isinstance(expr, ast.Dict):
        for key, value in zip(expr.keys, expr.values, strict=True):
            name = _string(key)
            found.names.update([name] if name is not None else [])
            found = merged(found, figures_of(value, scope, depth + 1)) if key is None else found
            found.open += [ast.unparse(key)] if key is not None and name is None else []
    elif isinstance(expr, ast.Name) and (values := assigned(expr.id, scope)):
        for value in values:
            found = merged(found, figures_of(value, scope, depth + 1))
        found.names |= added_later(expr.id, scope, min(value.lineno for value in values))
    elif isinstance(expr, ast.BinOp) and isinstance(expr.op, ast.BitOr):  # figures | {"unit": …}
        found = merged(figures_of(expr.left, scope, depth + 1), figures_of(expr.right, scope, depth + 1))
    elif isinstance(expr, ast.Subscript) and isinstance(expr.value, ast.Name) and _index(expr) == 1:
        found.why = expr.value.id
    elif isinstance(expr, ast.Call) and isinstance(expr.func, ast.Name) and expr.func.id in scope.module.functions:
        function = scope.module.functions[expr.func.id]
        inner = Scope(scope.module, None, (function,))
        for node in ast.walk(function):
            if isinstance(node, ast.Return) and node.value:
                found = merged(found, figures_of(node.value, inner, depth + 1))
    else:
        found.open.append(ast.unparse(expr))
    return found


def _string(node: ast.AST | None) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def merged(one: Figures, other: Figures) -> Figures:
    return Figures(one.names | other.names, one.open + other.open, one.why or other.why)


def _index(expr: ast.Subscript) -> int | None:
    return expr.slice.value if isinstance(expr.slice, ast.Constant) and isinstance(expr.slice.value, int) else None


def call_figures(call: ast.Call, kind: Kind, scope: Scope) -> Figures:
    found = Figures()
    given = figures_argument(call, kind)
    if given is not None:
        found = merged(found, figures_of(given, scope))
    if kind.keywords:
        for keyword in call.keywords:
            if keyword.arg is None:
                found = merged(found, figures_of(keyword.value, scope))
            elif keyword.arg not in kind.not_figures:
                found.names.add(keyword.arg)
    return found


def whys() -> dict[str, set[str]]:
    """money's reasons with their figures: the `(reason, {figures})` tuples of every function
    that returns a `Why`."""
    found: dict[str, set[str]] = {}
    for module in modules():
        for function in ast.walk(module.tree):
            if not isinstance(function, ast.FunctionDef) or "Why" not in ast.unparse(function.returns or ast.Pass()):
                continue
            for node in ast.walk(function):
                if isinstance(node, ast.Tuple) and len(node.elts) == 2 and isinstance(node.elts[1], ast.Dict):
                    reason, figures = node.elts
                    assert isinstance(reason, ast.Constant) and isinstance(reason.value, str), ast.unparse(node)
                    names = figures_of(figures, Scope(module, None, (function,)))
                    assert not names.open and names.why is None, ast.unparse(node)
                    found.setdefault(reason.value, set()).update(names.names)
    return found


@cache
def producers() -> tuple[list[Producer], list[str]]:
    """Every producer of the library, and what could not be read (each a sentence)."""
    found: list[Producer] = []
    unread: list[str] = []
    passed_on: list[set[str]] = []  # what each call that passes a Why on adds to its figures
    helper_functions = {id(function) for _, function, _ in helpers().values()}
    for module in modules():
        for call, scope in calls(module):
            kind = resolve(call, scope)
            if kind is None:
                continue
            where = f"{module.short}:{call.lineno}"
            if len(call.args) <= kind.reason_at:
                unread.append(f"{where}: no reason among the arguments")
                continue
            expr = call.args[kind.reason_at]
            inside = scope.functions[0] if scope.functions else None
            if (
                inside
                and id(inside) in helper_functions
                and isinstance(expr, ast.Name)
                and expr.id in parameters(inside)
            ):
                continue  # the helper passing its caller's reason on: its callers are the producers
            figures = call_figures(call, kind, scope)
            if isinstance(expr, ast.Subscript) and isinstance(expr.value, ast.Name) and _index(expr) == 0:
                assert figures.why == expr.value.id and not figures.open, f"{where}: a Why passed on in part"
                passed_on.append(figures.names)
                continue
            reasons = reasons_of(expr, scope)
            if reasons is None:
                unread.append(f"{where}: the reason {ast.unparse(expr)} cannot be read")
                continue
            opened = tuple(figures.open) + ((f"**{figures.why}[1]",) if figures.why else ())
            found += [Producer(where, reason, frozenset(figures.names), opened) for reason in reasons]
    assert passed_on, "no call passes money's Why on: the walk must have missed them"
    common = set.intersection(*passed_on)  # what every call that passes a Why on adds
    found += [Producer("trygg_cli/money.py", reason, frozenset(names | common)) for reason, names in whys().items()]
    return found, unread


# Templates and shapers ---------------------------------------------------------------------


def placeholders(template: str) -> set[str]:
    names = {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}
    return {name.split(".")[0].split("[")[0] for name in names}


@cache
def swedish() -> dict[str, str]:
    return {context: text for (context, _), text in entries(PO.read_text(encoding="utf-8")).items() if context}


def both(key: str) -> set[str]:
    """The figures a key's text quotes, in English or in Swedish."""
    return placeholders(TEXTS[key]) | placeholders(swedish().get(key, ""))


@dataclass(frozen=True)
class Shaper:
    """What a reason's shaper in words.py does with its figures."""

    passes_on: bool  # returns the figures it was given, with its own beside them
    adds: frozenset[str]
    needs: frozenset[str]  # figures["x"]: a KeyError without it
    reads: frozenset[str]  # figures.get("x") too
    texts: tuple[tuple[str, frozenset[str], bool], ...]  # (key, its keyword figures, given **figures too)
    unread: tuple[str, ...] = ()  # what it returns that cannot be read


@cache
def shapers() -> dict[str, Shaper]:
    tree = ast.parse(WORDS.read_text(encoding="utf-8"))
    functions = {node.name: node for node in tree.body if isinstance(node, ast.FunctionDef)}
    table = next(
        node.value
        for node in tree.body
        if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and node.target.id == "SHAPERS"
    )
    assert isinstance(table, ast.Dict)
    found: dict[str, Shaper] = {}
    for key, value in zip(table.keys, table.values, strict=True):
        reason = _string(key)
        assert reason is not None
        arguments: dict[str, str] = {}
        rest: list[str] = []  # what a factory's *names were given
        if isinstance(value, ast.Call):  # _hint("bad-unit.meant", "meant"): a shaper made by a function
            assert isinstance(value.func, ast.Name)
            function = functions[value.func.id]
            names = [arg.arg for arg in function.args.args]
            arguments = {n: given for n, a in zip(names, value.args, strict=False) if (given := _string(a))}
            if function.args.vararg is not None:
                rest = [given for a in value.args[len(names) :] if (given := _string(a))]
        else:
            assert isinstance(value, ast.Name)
            function = functions[value.id]
        found[reason] = _shaper(function, arguments, rest)
    return found


def _shaper(function: ast.FunctionDef, arguments: dict[str, str], rest: list[str]) -> Shaper:
    """What a shaper returns (a dict literal, or a local built from `dict(figures)` and keys set
    one by one), which figures it must have, and which texts it puts in with which figures."""
    needs, reads = set[str](), set[str]()
    texts: list[tuple[str, frozenset[str], bool]] = []
    prefixed: list[tuple[str, frozenset[str], bool]] = []
    passes_on, adds, unread = _returns(function)
    for node in ast.walk(function):
        if isinstance(node, ast.Subscript) and _is_figures(node.value):
            # figures["sum"], or figures[name] for each of a factory's *names
            needs.update([name] if (name := _string(node.slice)) else rest if isinstance(node.slice, ast.Name) else [])
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "get":
            if _is_figures(node.func.value) and node.args and (name := _string(node.args[0])):
                reads.add(name)
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "text":
            key = node.args[1] if len(node.args) > 1 else None
            given = frozenset(k.arg for k in node.keywords if k.arg)
            whole = any(k.arg is None for k in node.keywords)
            if isinstance(key, ast.Name) and key.id in arguments:
                texts.append((arguments[key.id], given, whole))
            elif isinstance(key, ast.BinOp) and (prefix := _string(key.left)):  # "indentation." + where
                prefixed.append((prefix, given, whole))
            else:
                branches = [key.body, key.orelse] if isinstance(key, ast.IfExp) else [key]
                texts += [(name, given, whole) for branch in branches if (name := _string(branch))]
    named = {key for key, _, _ in texts}  # a key put in by name is not also one of a prefix's
    texts += [
        (k, given, whole) for prefix, given, whole in prefixed for k in TEXTS if k.startswith(prefix) and k not in named
    ]
    return Shaper(passes_on, frozenset(adds), frozenset(needs), frozenset(reads | needs), tuple(texts), tuple(unread))


def _returns(function: ast.FunctionDef) -> tuple[bool, set[str], list[str]]:
    """Whether a shaper passes its figures on, the keys it sets, and the returns it cannot read.
    A factory (`_hint(…)`) is read by the shaper it makes and returns."""
    made = {node.name: node for node in function.body if isinstance(node, ast.FunctionDef)}
    shaper = function
    for node in _own(function):
        if isinstance(node, ast.Return) and isinstance(node.value, ast.Name) and node.value.id in made:
            shaper = made[node.value.id]
    passes_on, adds, unread = False, set[str](), []
    for node in _own(shaper):
        if isinstance(node, ast.Return) and node.value is not None:
            returned = _returned(node.value, shaper)
            if returned is None:
                unread.append(ast.unparse(node))
            else:
                passes_on, adds = passes_on or returned[0], adds | returned[1]
    return passes_on, adds, unread


def _own(function: ast.FunctionDef) -> Iterator[ast.AST]:
    """The nodes of a function's own body, not those of functions defined in it."""
    stack: list[ast.AST] = list(function.body)
    while stack:
        node = stack.pop()
        yield node
        if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda | ast.ClassDef):
            stack.extend(ast.iter_child_nodes(node))


def _returned(value: ast.expr, function: ast.FunctionDef) -> tuple[bool, set[str]] | None:
    """Whether a returned dict passes the figures on, and the keys it sets; None where unread."""
    if isinstance(value, ast.Dict):
        return None in value.keys, {name for key in value.keys if (name := _string(key)) is not None}
    if not isinstance(value, ast.Name):
        return None
    passes_on, keys, started = False, set[str](), False
    for node in ast.walk(function):
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == value.id for t in node.targets):
            started = True
            given = node.value
            if isinstance(given, ast.Call) and isinstance(given.func, ast.Name) and given.func.id == "dict":
                passes_on = passes_on or any(_is_figures(a) for a in given.args)
            elif isinstance(given, ast.Dict):
                passes_on = passes_on or None in given.keys
                keys.update(name for key in given.keys if (name := _string(key)) is not None)
            else:
                return None
        elif isinstance(node, ast.Assign):
            keys.update(name for target in node.targets if (name := _key_set(target, value.id)))
    return (passes_on, keys) if started else None


def _key_set(target: ast.expr, name: str) -> str | None:
    """The key `name["key"] = …` sets."""
    if isinstance(target, ast.Subscript) and isinstance(target.value, ast.Name) and target.value.id == name:
        return _string(target.slice)
    return None


def _is_figures(node: ast.AST) -> bool:
    return isinstance(node, ast.Name) and node.id == "figures"


GENERIC = frozenset({"found", "place"})  # put into words for every reason by words._shaped


def said(reason: str, figures: frozenset[str]) -> frozenset[str]:
    """The figures a reason's text can quote, given a producer's figures."""
    shaper = shapers().get(reason)
    if shaper is None:
        return figures
    return (figures if shaper.passes_on else frozenset()) | shaper.adds | (figures & GENERIC)


def supplied(producer: Producer) -> frozenset[str]:
    opened = OPEN.get((producer.where.split(":")[0], producer.reason))
    return producer.figures | (frozenset(whys()[opened]) if opened else frozenset())


# The tests ----------------------------------------------------------------------------------


def test_the_walk_finds_the_producers_it_must() -> None:
    """If the walk found nothing, every test below would pass and prove nothing."""
    found, _ = producers()
    reasons = {producer.reason for producer in found}
    assert len(found) > 120 and len(reasons) > 90
    places = {producer.where.split(":")[0] for producer in found}
    for module in ("load.py", "reader.py", "slips.py", "check.py", "money.py", "files.py", "revisions.py", "sie.py"):
        assert any(place.endswith(module) for place in places), module
    assert {"total-mismatch", "decimal-comma", "unknown-key", "ambiguous-match", "cannot-read"} <= reasons
    forwarding = {name for _, name in helpers()}
    assert {"problem", "refuse"} <= forwarding  # the loaders', the tally's and the readers' helpers


def test_every_reason_can_be_read_from_the_source() -> None:
    _, unread = producers()
    assert unread == []


def test_every_reason_has_a_text_and_every_shaper_a_reason() -> None:
    found, _ = producers()
    assert {producer.reason for producer in found} - set(TEXTS) == set()
    assert set(SHAPERS) <= set(TEXTS)
    assert set(shapers()) == set(SHAPERS)


def test_every_shaper_can_be_read() -> None:
    """A shaper returns a dict literal, or a local made from `dict(figures)` or a literal with
    keys set one by one; one that returns otherwise would hide what its text gets."""
    assert {reason: shaper.unread for reason, shaper in shapers().items() if shaper.unread} == {}


def test_what_cannot_be_read_is_listed_and_every_listing_still_needed() -> None:
    found, _ = producers()
    opened = {(producer.where.split(":")[0], producer.reason) for producer in found if producer.open}
    assert opened == set(OPEN), [producer for producer in found if producer.open]
    assert set(OPEN.values()) <= set(whys())


def test_every_producer_supplies_what_its_texts_quote() -> None:
    """In English and in Swedish, the reason's text quotes only figures the producer gives (or
    its shaper makes); the shaper reads only figures the producer gives; and each text a shaper
    puts in gets the figures it quotes. (One test for all, listing every producer that fails:
    a test each would cost the suite a second.)"""
    wrong: list[str] = []
    for producer in sorted(producers()[0], key=lambda producer: (producer.reason, producer.where)):
        if producer.reason in TEXTS:  # a reason without a text fails the test above
            wrong += _not_supplied(producer)
    assert wrong == []


def _not_supplied(producer: Producer) -> list[str]:
    figures = supplied(producer)
    where, reason = producer.where, producer.reason
    wrong = []
    if missing := both(reason) - said(reason, figures):
        wrong.append(f"{where}: {reason} quotes {sorted(missing)}, not given (given {sorted(figures)})")
    shaper = shapers().get(reason)
    if shaper is None:
        return wrong
    if needed := shaper.needs - figures:
        wrong.append(f"{where}: the shaper of {reason} needs {sorted(needed)}, not given")
    for key, given, whole in shaper.texts:
        if inner := both(key) - given - (figures if whole else frozenset()):
            wrong.append(f"{where}: the shaper of {reason} puts in {key} without {sorted(inner)}")
    return wrong


def test_a_figure_nothing_quotes_is_not_a_misspelling_of_one_that_is() -> None:
    """Lenient on purpose: a figure no text quotes may be there for JSON's `figures`. Only a
    figure that looks like a slip of one the texts do quote is flagged."""
    slips = []
    for producer in producers()[0]:
        if producer.reason not in TEXTS:
            continue
        shaper = shapers().get(producer.reason)
        used = both(producer.reason) | (
            shaper.reads | {n for k, _, _ in shaper.texts for n in both(k)} if shaper else set()
        )
        for figure in sorted(producer.figures - used - GENERIC - {"value"}):
            close = difflib.get_close_matches(figure, sorted(used), n=1, cutoff=0.8)
            if close:
                slips.append(f"{producer.where}: {producer.reason} gives {figure!r}, its text quotes {close[0]!r}")
    assert slips == []


def test_every_text_a_view_or_command_fills_in_gets_its_figures() -> None:
    """The same for labels: each `text(locale, "key", …)` and `words("key", …)` with its figures
    written out gets every figure the key quotes in both languages."""
    wrong = [
        f"{where}: {key} quotes {sorted(missing)}, not given"
        for key, found in sorted(label_calls().items())
        for given, where in found
        if key in TEXTS and (missing := both(key) - given)
    ]
    assert wrong == []


@cache
def label_calls() -> dict[str, list[tuple[frozenset[str], str]]]:
    found: dict[str, list[tuple[frozenset[str], str]]] = {}
    for module in modules():
        catalogue = module.name in ("trygg_cli.render.words", "trygg_cli.render.labels") or bool(
            {"trygg_cli.render.words.text", "trygg_cli.render.labels.words"} & module.imports
        )
        for call, _ in calls(module) if catalogue else ():
            name = call.func.id if isinstance(call.func, ast.Name) else None
            at = {"text": 1, "words": 0}.get(name or "")
            if at is None or len(call.args) <= at or any(k.arg is None for k in call.keywords):
                continue
            key = call.args[at]
            keys = (
                [key] if isinstance(key, ast.Constant) else [key.body, key.orelse] if isinstance(key, ast.IfExp) else []
            )
            for one in keys:
                if isinstance(one, ast.Constant) and isinstance(one.value, str):
                    given = frozenset(k.arg for k in call.keywords if k.arg)
                    found.setdefault(one.value, []).append((given, f"{module.short}:{call.lineno}"))
    return found


def test_the_label_walk_finds_the_labels() -> None:
    calls_found = label_calls()
    assert len(calls_found) > 80
    assert set(calls_found) - set(TEXTS) <= {"amount_with_unit"}  # said by numbers, not by a text
