from __future__ import annotations

import pytest

from maillage.core import imports
from maillage.core.tests.importers import WORDS


@pytest.fixture
def words(monkeypatch):
    """The tests' importer of words, registered for one test."""
    monkeypatch.setitem(imports._IMPORTERS, WORDS.key, WORDS)
    return WORDS
