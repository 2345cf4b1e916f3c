"""Permission matrix rows of an indicator's map page and its downloads (see tests/access.py):
public, like the territory pages."""

from __future__ import annotations

from types import SimpleNamespace

from maillage.portrait.tests.factories import IndicatorFactory, MrcFactory, RegionFactory, value
from tests.matrix import Expect

KWARGS = {"kwargs": lambda d: {"key": d.map_indicator.key}}


def sample(data: SimpleNamespace) -> None:
    data.map_indicator = IndicatorFactory(key="densite_matrice")
    region = RegionFactory()
    value(data.map_indicator, MrcFactory(parent=region), 2021, 12)
    value(data.map_indicator, region, 2021, 10)


ACCESS: dict[str, Expect] = {
    "portrait:indicator_map": Expect.public(**KWARGS),
    "portrait:indicator_map_export": Expect.public(
        kwargs=lambda d: {"key": d.map_indicator.key, "fmt": "xlsx"}
    ),
}
