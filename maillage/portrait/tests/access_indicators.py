"""Permission matrix rows of the portrait's index and its import page (see tests/access.py)."""

from __future__ import annotations

from types import SimpleNamespace

from tests.matrix import Expect


def sample(data: SimpleNamespace) -> None:
    return None


ACCESS: dict[str, Expect] = {
    "portrait:index": Expect.public(),
    "portrait:import": Expect.staff(),
}
