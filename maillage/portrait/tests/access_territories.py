"""Permission matrix rows of a territory's portrait (see tests/access.py): public."""

from __future__ import annotations

from types import SimpleNamespace

from maillage.portrait.tests.factories import IndicatorFactory, MrcFactory, value
from tests.matrix import Expect

KWARGS = {"kwargs": lambda d: {"slug": d.portrait_territory.slug}}


def sample(data: SimpleNamespace) -> None:
    data.portrait_territory = MrcFactory()
    value(IndicatorFactory(), data.portrait_territory, 2021, 12)


ACCESS: dict[str, Expect] = {
    "portrait:territory": Expect.public(**KWARGS),
}
