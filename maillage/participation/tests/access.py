"""Permission matrix of the participation pages (see tests/matrix.py): each subject's rows live in
`access_<subject>.py` (its `sample(data)` and its `ACCESS`), gathered here."""

from __future__ import annotations

from importlib import import_module
from types import SimpleNamespace

from tests.matrix import Expect

SUBJECTS: tuple[str, ...] = ("questionnaires",)

_parts = [import_module(f"maillage.participation.tests.access_{name}") for name in SUBJECTS]


def sample(data: SimpleNamespace) -> None:
    for part in _parts:
        part.sample(data)


ACCESS: dict[str, Expect] = {key: value for part in _parts for key, value in part.ACCESS.items()}
