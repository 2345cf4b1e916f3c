"""Factories of the portrait app: indicators, sources and values."""

from __future__ import annotations

from decimal import Decimal

import factory

from maillage.portrait.models import Direction, Indicator, Source, Value
from maillage.territories.models import Territory
from maillage.territories.tests.factories import (  # noqa: F401 (re-exported for the tests)
    MrcFactory,
    MunicipalityFactory,
    ProvinceFactory,
    RegionFactory,
)


class SourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Source

    title = factory.Sequence(lambda n: f"Recensement, tableau {n}")
    url = factory.Sequence(lambda n: f"https://donnees.exemple.org/tableau-{n}")


class IndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Indicator

    key = factory.Sequence(lambda n: f"indicateur_{n}")
    label_fr = factory.Sequence(lambda n: f"Indicateur {n}")
    label_en = factory.Sequence(lambda n: f"Indicator {n}")
    unit_fr = "%"
    unit_en = "%"
    direction = Direction.HIGHER_IS_WORSE


def value(
    indicator: Indicator,
    territory: Territory,
    year: int,
    amount: int | float | str | Decimal,
    *,
    period: str = "",
    source: Source | None = None,
) -> Value:
    """A value of `indicator` for `territory` in `year` (the period defaults to the year)."""
    return Value.objects.create(
        indicator=indicator,
        territory=territory,
        year=year,
        period=period or str(year),
        value=Decimal(str(amount)),
        source=source or SourceFactory(),
    )
