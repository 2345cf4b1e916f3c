"""Tests that cannot fail.

`weak_tests(paths)` reads test modules (without importing them) and reports every `test_*` function,
or `test_*` method of a `Test*` class, that checks nothing: no `assert`, no `pytest.raises`,
`pytest.warns` or `pytest.fail`, no query-count fixture, and no call to a function or fixture of
the tests that checks something itself. It also reports checks that always pass: an assertion of a
constant, an `assert … if … else True`, a `pytest.importorskip` of a module of the project.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# pytest's checks: each fails the test when what it expects does not happen.
PYTEST_CHECKS = {"raises", "warns", "deprecated_call", "fail"}
# Fixtures that fail the test when a read runs more queries than allowed.
QUERY_FIXTURES = {"query_budget", "django_assert_num_queries", "django_assert_max_num_queries"}
# How many calls deep a check may sit below the test (test → function → function).
DEPTH = 2

Function = ast.FunctionDef | ast.AsyncFunctionDef

WHY_NOTHING = (
    "checks nothing: no assert, no pytest.raises/warns/fail, no query-count fixture, "
    "and no call to a function or fixture of the tests that asserts"
)
WHY_CONDITIONAL = "`assert … if … else True` checks nothing whenever the constant branch is taken"
WHY_IMPORTORSKIP = (
    "pytest.importorskip({module!r}) of a module of the project skips the test "
    "instead of failing when that module breaks"
)


def suite_modules(root: Path = ROOT) -> list[Path]:
    """The test modules of the project: `maillage/**/tests/test_*.py` and `tests/**/test_*.py`."""
    return sorted({*root.glob("maillage/**/tests/test_*.py"), *root.glob("tests/**/test_*.py")})


def weak_tests(paths: Iterable[Path], root: Path = ROOT) -> list[str]:
    """`file:line: test_name: why` for each test of `paths` that cannot fail."""
    reader = _Reader(root)
    problems: list[str] = []
    for path in paths:
        module = reader.module(Path(path).resolve())
        for name, function, cls in module.tests():
            for why in reader.weaknesses(module, function, cls):
                problems.append(f"{reader.show(module.path)}:{function.lineno}: {name}: {why}")
    return problems


@dataclass
class _Module:
    path: Path
    tree: ast.Module
    functions: dict[str, Function] = field(default_factory=dict)
    classes: dict[str, dict[str, Function]] = field(default_factory=dict)
    fixtures: dict[str, Function] = field(default_factory=dict)
    # A name bound by an import: to a module file (name None) or to a name inside one.
    imports: dict[str, tuple[Path, str | None]] = field(default_factory=dict)
    pytest_aliases: set[str] = field(default_factory=set)
    pytest_checks: set[str] = field(default_factory=set)

    def tests(self) -> Iterator[tuple[str, Function, str | None]]:
        for name, function in self.functions.items():
            if name.startswith("test"):
                yield name, function, None
        for cls, methods in self.classes.items():
            if cls.startswith("Test"):
                for name, method in methods.items():
                    if name.startswith("test"):
                        yield f"{cls}.{name}", method, cls


@dataclass(frozen=True)
class _Target:
    module: _Module
    function: Function
    cls: str | None

    @property
    def key(self) -> tuple[Path, int]:
        return self.module.path, self.function.lineno


class _Reader:
    def __init__(self, root: Path) -> None:
        self.root = root.resolve()
        self.modules: dict[Path, _Module] = {}

    def show(self, path: Path) -> str:
        return str(path.relative_to(self.root)) if path.is_relative_to(self.root) else str(path)

    # -- reading modules --------------------------------------------------------------------------

    def module(self, path: Path) -> _Module:
        if path not in self.modules:
            tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
            module = _Module(path, tree)
            self.modules[path] = module
            self._index(module)
        return self.modules[path]

    def _index(self, module: _Module) -> None:
        for node in module.tree.body:
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                module.functions[node.name] = node
                fixture = _fixture_name(node)
                if fixture:
                    module.fixtures[fixture] = node
            elif isinstance(node, ast.ClassDef):
                module.classes[node.name] = {
                    item.name: item
                    for item in node.body
                    if isinstance(item, ast.FunctionDef | ast.AsyncFunctionDef)
                }
            elif isinstance(node, ast.Import):
                for alias in node.names:
                    if alias.name == "pytest":
                        module.pytest_aliases.add(alias.asname or "pytest")
                    elif alias.asname and (file := self._module_file(alias.name)):
                        module.imports[alias.asname] = (file, None)
            elif isinstance(node, ast.ImportFrom):
                self._index_from(module, node)

    def _index_from(self, module: _Module, node: ast.ImportFrom) -> None:
        if node.module == "pytest" and not node.level:
            for alias in node.names:
                if alias.name in PYTEST_CHECKS:
                    module.pytest_checks.add(alias.asname or alias.name)
            return
        base = node.module or ""
        if node.level:
            package = module.path.parents[node.level - 1]
            base = ".".join([*package.relative_to(self.root).parts, *base.split(".")]).strip(".")
        for alias in node.names:
            bound = alias.asname or alias.name
            if file := self._module_file(f"{base}.{alias.name}"):
                module.imports[bound] = (file, None)
            elif file := self._module_file(base):
                module.imports[bound] = (file, alias.name)

    def _module_file(self, dotted: str) -> Path | None:
        """The file of a module of the tests' code (`tests` folders, conftest files) under root."""
        parts = [part for part in dotted.split(".") if part]
        if not parts:
            return None
        for candidate in (
            self.root.joinpath(*parts).with_suffix(".py"),
            self.root.joinpath(*parts, "__init__.py"),
        ):
            if candidate.is_file() and self._is_test_code(candidate):
                return candidate
        return None

    def _is_test_code(self, path: Path) -> bool:
        # Only the tests' own functions count: the project's code raises errors that are no checks.
        return path.name == "conftest.py" or "tests" in path.relative_to(self.root).parts[:-1]

    def _is_project_module(self, dotted: str) -> bool:
        parts = dotted.split(".")
        return (
            self.root.joinpath(*parts).with_suffix(".py").is_file()
            or self.root.joinpath(*parts, "__init__.py").is_file()
        )

    # -- resolving names --------------------------------------------------------------------------

    def _conftests(self, path: Path) -> Iterator[_Module]:
        folder = path.parent
        while folder.is_relative_to(self.root):
            conftest = folder / "conftest.py"
            if conftest.is_file() and conftest != path:
                yield self.module(conftest)
            if folder == self.root:
                break
            folder = folder.parent

    def fixture(self, module: _Module, name: str) -> _Target | None:
        for scope in (module, *self._conftests(module.path)):
            if name in scope.fixtures:
                return _Target(scope, scope.fixtures[name], None)
        return None

    def _imported(self, module: _Module, name: str) -> _Target | _Module | None:
        if name not in module.imports:
            return None
        file, inner = module.imports[name]
        other = self.module(file)
        if inner is None:
            return other
        if inner in other.functions:
            return _Target(other, other.functions[inner], None)
        return None

    def _resolve(
        self, target: _Target, local: dict[str, Function], func: ast.expr
    ) -> _Target | None:
        module = target.module
        if isinstance(func, ast.Name):
            if func.id in local:
                return _Target(module, local[func.id], target.cls)
            if func.id in module.functions:
                return _Target(module, module.functions[func.id], None)
            found = self._imported(module, func.id)
            return found if isinstance(found, _Target) else None
        if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name):
            owner = func.value.id
            if owner == "self" and target.cls:
                method = module.classes[target.cls].get(func.attr)
                return _Target(module, method, target.cls) if method else None
            found = self._imported(module, owner)
            if isinstance(found, _Module) and func.attr in found.functions:
                return _Target(found, found.functions[func.attr], None)
        return None

    # -- what a function checks --------------------------------------------------------------------

    def _is_check_call(self, module: _Module, call: ast.Call) -> bool:
        func = call.func
        if isinstance(func, ast.Attribute):
            if isinstance(func.value, ast.Name) and func.value.id in module.pytest_aliases:
                return func.attr in PYTEST_CHECKS
            name = func.attr
        elif isinstance(func, ast.Name):
            if func.id in module.pytest_checks:
                return True
            name = func.id
        else:
            return False
        # Playwright's expect(), assert_* and expect_* functions, unittest's and mock's assert*.
        return name == "expect" or name.startswith(("assert", "expect_"))

    def checks(
        self,
        target: _Target,
        depth: int = 0,
        nested: bool = False,
        seen: frozenset[tuple[Path, int]] = frozenset(),
    ) -> bool:
        """Whether `target` asserts, raises, or calls a function of the tests that does, `DEPTH`
        calls deep.

        Nested functions count when called, or always with `nested` (a fixture's product is often
        an inner function the test calls)."""
        seen = seen | {target.key}
        local = _nested_functions(target.function)
        for node in _walk(target.function, nested):
            if isinstance(node, ast.Assert | ast.Raise):
                return True
            if not isinstance(node, ast.Call):
                continue
            if self._is_check_call(target.module, node):
                return True
            if depth < DEPTH:
                callee = self._resolve(target, local, node.func)
                if callee and callee.key not in seen and self.checks(callee, depth + 1, seen=seen):
                    return True
        return False

    def weaknesses(self, module: _Module, function: Function, cls: str | None) -> list[str]:
        target = _Target(module, function, cls)
        found = sorted(
            (getattr(node, "lineno", 0), why)
            for node in _walk(function, nested=True)
            if (why := self._always_passes(node))
        )
        reasons = [f"line {line}: {why}" for line, why in found]
        if not self.checks(target) and not self._uses_checking_fixture(target):
            reasons.insert(0, WHY_NOTHING)
        return reasons

    def _uses_checking_fixture(self, target: _Target) -> bool:
        used = {n.id for n in ast.walk(target.function) if isinstance(n, ast.Name)}
        for arg in _parameters(target.function):
            if arg in QUERY_FIXTURES and arg in used:
                return True
            fixture = self.fixture(target.module, arg)
            if fixture and self.checks(fixture, depth=1, nested=True, seen=frozenset({target.key})):
                return True
        return False

    def _always_passes(self, node: ast.AST) -> str | None:
        if isinstance(node, ast.Assert):
            test = node.test
            if isinstance(test, ast.Constant) and test.value:
                return "asserts a constant, which always passes"
            if isinstance(test, ast.Tuple) and test.elts:
                return "asserts a tuple, which is always true"
            if isinstance(test, ast.IfExp) and any(
                isinstance(branch, ast.Constant) and branch.value
                for branch in (test.body, test.orelse)
            ):
                return WHY_CONDITIONAL
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "importorskip"
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
            and self._is_project_module(node.args[0].value)
        ):
            return WHY_IMPORTORSKIP.format(module=node.args[0].value)
        return None


def _fixture_name(function: Function) -> str | None:
    for decorator in function.decorator_list:
        call = decorator if isinstance(decorator, ast.Call) else None
        target = call.func if call else decorator
        name = target.attr if isinstance(target, ast.Attribute) else getattr(target, "id", None)
        if name == "fixture":
            for keyword in call.keywords if call else []:
                if keyword.arg == "name" and isinstance(keyword.value, ast.Constant):
                    return str(keyword.value.value)
            return function.name
    return None


def _parameters(function: Function) -> list[str]:
    arguments = function.args
    return [a.arg for a in [*arguments.posonlyargs, *arguments.args, *arguments.kwonlyargs]]


def _nested_functions(function: Function) -> dict[str, Function]:
    return {
        node.name: node
        for node in _walk(function, nested=False)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
    }


def _walk(function: Function, nested: bool) -> Iterator[ast.AST]:
    """The nodes of `function`'s body; those of nested functions and classes only with `nested`."""
    pending: list[ast.AST] = list(function.body)
    while pending:
        node = pending.pop()
        yield node
        inner = isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda | ast.ClassDef)
        if nested or not inner:
            pending.extend(ast.iter_child_nodes(node))
