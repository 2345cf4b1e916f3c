from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from maillage.core import personal


@pytest.fixture
def exporter() -> Iterator[Callable[[str, personal.Exporter], None]]:
    """Register a section of "my data" for one test (`exporter(key, function)`), removed after."""
    personal.load()
    added: list[str] = []

    def add(key: str, function: personal.Exporter) -> None:
        personal.register_export(key, function)
        added.append(key)

    yield add
    for key in added:
        personal.REGISTRY.exporters.pop(key, None)
