"""What the tests of the maps and the comparison share: a region with MRCs drawn side by side,
an indicator with known values, and the same grown a hundredfold."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from maillage.portrait.models import Indicator, Source, Value
from maillage.portrait.tests.factories import (
    IndicatorFactory,
    MrcFactory,
    MunicipalityFactory,
    RegionFactory,
    SourceFactory,
    value,
)
from maillage.territories.models import Territory
from maillage.territories.tests.factories import BoundaryFactory, square


@dataclass
class Region:
    region: Territory
    mrcs: list[Territory]
    indicator: Indicator
    source: Source


def region_with_values(
    amounts: Sequence[float | None], *, year: int = 2021, key: str = "taux_test"
) -> Region:
    """The region, one MRC per amount (outlined, side by side) and an indicator whose value
    for the MRC is the amount (None: no value); the region and Québec have values too."""
    region = RegionFactory()
    source = SourceFactory(title="Recensement 2021", url="https://donnees.exemple.org/r")
    indicator = IndicatorFactory(key=key, label_fr="Taux témoin", unit_fr="%")
    mrcs = []
    for n, amount in enumerate(amounts):
        mrc = MrcFactory(parent=region, name=f"MRC {chr(65 + n)}")
        BoundaryFactory(territory=mrc, geometry=square(-72 + n * 0.2, 46.8))
        if amount is not None:
            value(indicator, mrc, year, amount, source=source)
        mrcs.append(mrc)
    value(indicator, region, year, 11.5, source=source)
    value(indicator, region.parent, year, 12.25, source=source)
    return Region(region, mrcs, indicator, source)


def grow(place: Region, *, municipalities: int, indicators: int = 3, years: int = 3) -> None:
    """Municipalities under the MRCs, and values of more indicators over more years for every
    territory, in bulk: about a hundred times the values of `region_with_values`."""
    made = [
        MunicipalityFactory.build(parent=place.mrcs[n % len(place.mrcs)], name=f"Saint-{n}")
        for n in range(municipalities)
    ]
    Territory.objects.bulk_create(made)
    everyone = [place.region, place.region.parent, *place.mrcs, *made]
    extra = [place.indicator] + [
        IndicatorFactory(key=f"{place.indicator.key}_{n}") for n in range(indicators)
    ]
    Value.objects.bulk_create(
        Value(
            indicator=indicator,
            territory=territory,
            year=2010 + y,
            period=str(2010 + y),
            value=n + y,
            source=place.source,
        )
        for indicator in extra
        for y in range(years)
        for n, territory in enumerate(everyone)
    )
