"""Every form of the project refuses an out-of-range value with a field error, never a 500: a choice
of rows goes through `core.formtools`' fields (Django's overflow the database driver on a 30-digit
id), and a number field has bounds."""

from __future__ import annotations

import ast
import importlib
import pkgutil
from pathlib import Path

from django import forms
from django.apps import apps

from maillage.core import formtools
from maillage.core.models import User
from tests.test_layers import ROOT, app_modules

UNSAFE = {"ModelChoiceField", "ModelMultipleChoiceField"}


def direct_uses(paths: list[Path], root: Path = ROOT) -> list[str]:
    """Where a module builds or subclasses Django's choice of rows itself (`forms.X(` or
    `class F(forms.X)`, or X imported from django.forms); an `isinstance` check is fine."""
    found = []
    for path in paths:
        if path == root / "core" / "formtools.py":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names: list[str] = []
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("django"):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.Call | ast.ClassDef):
                exprs = [node.func] if isinstance(node, ast.Call) else node.bases
                names = [
                    e.attr
                    for e in exprs
                    if isinstance(e, ast.Attribute)
                    and isinstance(e.value, ast.Name)
                    and e.value.id == "forms"
                ]
            found += [f"{path.relative_to(root)}:{node.lineno}: {n}" for n in names if n in UNSAFE]
    return found


def project_forms() -> list[type[forms.BaseForm]]:
    """The form classes of the project's apps (each app's `forms` module or package)."""
    for config in apps.get_app_configs():
        if not config.name.startswith("maillage."):
            continue
        try:
            module = importlib.import_module(f"{config.name}.forms")
        except ModuleNotFoundError:
            continue
        for info in pkgutil.iter_modules(getattr(module, "__path__", [])):
            importlib.import_module(f"{module.__name__}.{info.name}")
    found: list[type[forms.BaseForm]] = []
    pending: list[type[forms.BaseForm]] = [forms.BaseForm]
    while pending:
        cls = pending.pop()
        pending.extend(cls.__subclasses__())
        if cls.__module__.startswith("maillage.") and ".tests" not in cls.__module__:
            found.append(cls)
    return found


def unbounded_fields(classes: list[type[forms.BaseForm]]) -> list[str]:
    """Fields of Django's choice of rows, and number fields without both bounds."""
    problems = []
    safe = (formtools.ModelChoiceField, formtools.ModelMultipleChoiceField)
    for cls in classes:
        for name, field in cls.base_fields.items():
            where = f"{cls.__module__}.{cls.__name__}.{name}"
            if isinstance(field, forms.ModelChoiceField) and not isinstance(field, safe):
                problems.append(f"{where}: use core.formtools.{type(field).__name__}")
            if isinstance(field, forms.IntegerField) and None in (field.min_value, field.max_value):
                problems.append(f"{where}: give it min_value and max_value")
    return problems


def test_no_module_uses_djangos_choice_of_rows_directly():
    assert direct_uses(app_modules()) == []


def test_every_form_field_refuses_out_of_range_values():
    classes = project_forms()
    assert len(classes) > 10
    assert unbounded_fields(classes) == []


def test_the_checks_find_an_unsafe_field(tmp_path):
    module = tmp_path / "network" / "forms.py"
    module.parent.mkdir()
    module.write_text(
        "from django import forms\n"
        "from django.forms import ModelMultipleChoiceField\n"
        "class Pick(forms.ModelChoiceField): pass\n"
        "def f(field):\n"
        "    assert isinstance(field, forms.ModelChoiceField)\n"
        "    return forms.ModelMultipleChoiceField(queryset=None)\n"
    )
    assert direct_uses([module], tmp_path) == [
        "network/forms.py:2: ModelMultipleChoiceField",
        "network/forms.py:3: ModelChoiceField",
        "network/forms.py:6: ModelMultipleChoiceField",
    ]

    class Loose(forms.Form):
        count = forms.IntegerField(min_value=0)
        bounded = forms.IntegerField(min_value=0, max_value=9)
        rows: forms.ModelChoiceField[User] = forms.ModelChoiceField(queryset=None)
        safe_rows = formtools.ModelChoiceField(queryset=None)

    assert unbounded_fields([Loose]) == [
        "tests.test_form_fields.Loose.count: give it min_value and max_value",
        "tests.test_form_fields.Loose.rows: use core.formtools.ModelChoiceField",
    ]
