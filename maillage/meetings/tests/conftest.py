from __future__ import annotations

import pytest

from maillage.meetings.tests.factories import table as make_table


@pytest.fixture
def table(db):
    return make_table()


@pytest.fixture
def memory_storage(settings):
    """Private files (the minutes) kept in memory."""
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    }
