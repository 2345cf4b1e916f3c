"""Permission matrix rows of the strategies' pages: public (they count only public things)."""

from __future__ import annotations

from types import SimpleNamespace

from tests.matrix import Expect


def sample(data: SimpleNamespace) -> None:
    """The four strategies are seeded by governance's migration."""


ACCESS: dict[str, Expect] = {
    "planning:strategy_list": Expect.public(),
    "planning:strategy_detail": Expect.public(
        kwargs=lambda d: {"key": "concertation-intersectorielle"}
    ),
    "planning:strategy_dashboard": Expect.public(),
}
