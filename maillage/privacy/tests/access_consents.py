"""Permission matrix rows of the consents page: every signed-in account, for itself."""

from __future__ import annotations

from types import SimpleNamespace

from tests.matrix import Expect


def sample(data: SimpleNamespace) -> None:
    """The page is the viewer's own."""


ACCESS: dict[str, Expect] = {
    "privacy:consents": Expect.authenticated(),
}
