"""Permission matrix rows of the funding pages of this subject (see tests/access.py)."""

from __future__ import annotations

from types import SimpleNamespace

from tests.matrix import Expect


def sample(data: SimpleNamespace) -> None:
    """Add to `data` the records this subject's URLs need."""


ACCESS: dict[str, Expect] = {}
