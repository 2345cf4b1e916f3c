"""Apps import only from the apps below them (`core` < `territories` < `network` < `governance` <
`site`), so an app can be understood, tested and replaced without the ones built on it."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from django.conf import settings

ROOT = Path(__file__).resolve().parent.parent / "maillage"
# The order of INSTALLED_APPS is the order of the layers.
LAYERS = [app.split(".")[1] for app in settings.INSTALLED_APPS if app.startswith("maillage.")]


def imported_apps(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names = (
            [node.module or ""]
            if isinstance(node, ast.ImportFrom)
            else [alias.name for alias in node.names]
            if isinstance(node, ast.Import)
            else []
        )
        for name in names:
            parts = name.split(".")
            if len(parts) > 1 and parts[0] == "maillage" and parts[1] in LAYERS:
                found.add(parts[1])
    return found


def upward_imports(root: Path = ROOT) -> list[str]:
    problems = []
    for app in LAYERS:
        rank = LAYERS.index(app)
        for path in sorted((root / app).rglob("*.py")):
            if {"tests", "migrations"} & set(path.relative_to(root).parts):
                continue
            for other in sorted(imported_apps(path)):
                if LAYERS.index(other) > rank:
                    problems.append(f"{path.relative_to(root)} imports maillage.{other}")
    return problems


def test_the_layers_are_known():
    assert LAYERS[0] == "core"
    assert {"territories", "network", "governance", "site"} <= set(LAYERS)


def test_no_app_imports_an_app_above_it():
    assert upward_imports() == []


def test_an_upward_import_is_found(tmp_path):
    (tmp_path / "core").mkdir()
    (tmp_path / "core" / "bad.py").write_text("from maillage.governance import services\n")
    (tmp_path / "governance").mkdir()
    (tmp_path / "governance" / "fine.py").write_text("import maillage.core.audit\n")
    assert upward_imports(tmp_path) == ["core/bad.py imports maillage.governance"]


def app_modules(root: Path = ROOT) -> list[Path]:
    """The project's Python modules, migrations and tests aside."""
    return [
        path
        for path in sorted(root.rglob("*.py"))
        if not {"tests", "migrations"} & set(path.relative_to(root).parts)
    ]


def test_no_module_passes_600_lines():
    # A layer that grows past about 500 lines becomes a package by subject.
    long = {
        str(path.relative_to(ROOT)): lines
        for path in app_modules()
        if (lines := len(path.read_text(encoding="utf-8").splitlines())) > 600
    }
    assert long == {}


def test_every_actor_and_viewer_is_typed():
    untyped = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in app_modules()
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if re.search(r"\b(actor|viewer|user): Any\b", line)
    ]
    assert untyped == []
