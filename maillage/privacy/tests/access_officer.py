"""Permission matrix rows of the page naming the person in charge: administrators only."""

from __future__ import annotations

from types import SimpleNamespace

from tests.matrix import Expect


def sample(data: SimpleNamespace) -> None:
    """The page needs no object."""


ACCESS: dict[str, Expect] = {
    "privacy:officer_edit": Expect.admin(),
}
