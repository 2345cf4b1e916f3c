from __future__ import annotations

from typing import Any

import factory
from django.utils.text import slugify

from maillage.territories.models import LEVEL_OF_TYPE, Boundary, Territory, TerritoryType


def square(lon: float, lat: float, size: float = 0.1) -> dict[str, Any]:
    """A square GeoJSON polygon whose south-west corner is (lon, lat)."""
    ring = [
        [lon, lat],
        [lon + size, lat],
        [lon + size, lat + size],
        [lon, lat + size],
        [lon, lat],
    ]
    return {"type": "Polygon", "coordinates": [ring]}


class TerritoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Territory
        # Codes are unique per type: asking twice for Québec or a region gives the same row.
        django_get_or_create = ("type", "code")

    type = TerritoryType.MRC
    code = factory.Sequence(lambda n: f"9{n:03d}")
    name = factory.Sequence(lambda n: f"Territoire témoin {n}")
    level = factory.LazyAttribute(lambda o: LEVEL_OF_TYPE[o.type])
    slug = factory.LazyAttribute(lambda o: f"{slugify(o.name)}-{o.type}-{o.code}")
    population = factory.Sequence(lambda n: 1000 + 137 * n)
    population_year = 2021


class ProvinceFactory(TerritoryFactory):
    type = TerritoryType.PROVINCE
    code = "24"
    name = "Québec"
    slug = "quebec"
    parent = None
    population = None
    population_year = None


class RegionFactory(TerritoryFactory):
    type = TerritoryType.REGION
    code = "03"
    name = "Capitale-Nationale"
    slug = "capitale-nationale"
    parent = factory.SubFactory(ProvinceFactory)


class MrcFactory(TerritoryFactory):
    type = TerritoryType.MRC
    parent = factory.SubFactory(RegionFactory)
    secondary_code = factory.LazyAttribute(lambda o: o.code[-2:])


class MunicipalityFactory(TerritoryFactory):
    type = TerritoryType.MUNICIPALITY
    code = factory.Sequence(lambda n: f"9{n:06d}")
    subtype = "Municipalité"
    parent = factory.SubFactory(MrcFactory)


class BoundaryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Boundary

    territory = factory.SubFactory(MrcFactory)
    geometry = factory.LazyFunction(lambda: square(-71.5, 46.8))
    min_lon = factory.LazyAttribute(lambda o: min(p[0] for p in o.geometry["coordinates"][0]))
    min_lat = factory.LazyAttribute(lambda o: min(p[1] for p in o.geometry["coordinates"][0]))
    max_lon = factory.LazyAttribute(lambda o: max(p[0] for p in o.geometry["coordinates"][0]))
    max_lat = factory.LazyAttribute(lambda o: max(p[1] for p in o.geometry["coordinates"][0]))
    source = "test"


def more_territories(regions: int, *, mrcs: int = 6, municipalities: int = 12) -> None:
    """`regions` more regions, each with MRCs and their municipalities (namesakes among them),
    for query counts at two sizes."""
    for r in range(regions):
        region = RegionFactory.create(code=f"8{r}", name=f"Région témoin {r}", slug=f"region-{r}")
        for m in range(mrcs):
            mrc = MrcFactory.create(parent=region, name=f"MRC témoin {r}-{m}")
            for n in range(municipalities):
                MunicipalityFactory.create(parent=mrc, name=f"Saint-Témoin-{n % 7}")
