from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

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


@pytest.fixture
def copy_of(client, django_capture_on_commit_callbacks):
    """`copy_of(file_format)`: ask for a copy of the logged-in account's data as the page does
        (the task runs at once), then download it from the link; returns the download's response
    (a file: its bytes are `response.getvalue()`)."""
    from django.urls import reverse

    from maillage.privacy.models import DataCopy

    def ask(file_format: str = "zip") -> Any:
        with django_capture_on_commit_callbacks(execute=True):
            client.post(reverse("privacy:my_data"), {"file_format": file_format})
        copy = DataCopy.objects.filter(file_format=file_format).latest("pk")
        return client.get(reverse("privacy:my_data_copy", kwargs={"pk": copy.pk}))

    return ask
