"""Permission matrix of the privacy pages (see tests/matrix.py): each subject's rows live in
`access_<subject>.py` (its `sample(data)` and its `ACCESS`), gathered here."""

from __future__ import annotations

import pkgutil
from importlib import import_module
from types import SimpleNamespace

from maillage.privacy import tests
from tests.matrix import Expect

_parts = [
    import_module(f"{tests.__name__}.{info.name}")
    for info in sorted(pkgutil.iter_modules(tests.__path__), key=lambda i: i.name)
    if info.name.startswith("access_")
]


def sample(data: SimpleNamespace) -> None:
    for part in _parts:
        part.sample(data)


ACCESS: dict[str, Expect] = {key: value for part in _parts for key, value in part.ACCESS.items()}
