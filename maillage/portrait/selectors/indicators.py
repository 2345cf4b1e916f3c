"""The portrait's index: the indicators with their latest year and how many territories have a
value, and the territories whose portraits it links to. Two queries, whatever the data."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Max

from maillage.portrait.models import Indicator
from maillage.territories.models import Territory, TerritoryType

# The territories the index lists: Québec, the regions, their MRCs and equivalent territories
# (a municipality's portrait is reached from its MRC's).
LISTED_TYPES = (
    TerritoryType.PROVINCE,
    TerritoryType.REGION,
    TerritoryType.MRC,
    TerritoryType.EQUIVALENT,
)


@dataclass(frozen=True)
class IndicatorSummary:
    indicator: Indicator
    latest_year: int | None
    territory_count: int


def indicator_summaries() -> list[IndicatorSummary]:
    rows = (
        Indicator.objects.annotate(
            latest_year=Max("values__year"),
            territory_count=Count("values__territory", distinct=True),
        )
        .filter(territory_count__gt=0)
        .order_by("position", "label_fr", "pk")
    )
    return [IndicatorSummary(row, row.latest_year, row.territory_count) for row in rows]


def portrait_territories() -> list[Territory]:
    """Québec, the regions, then their MRCs and equivalent territories, by name."""
    order = {str(kind): index for index, kind in enumerate(LISTED_TYPES)}
    found = Territory.objects.filter(type__in=order).only("id", "name", "slug", "type", "code")
    return sorted(found, key=lambda t: (min(order[t.type], 2), t.name))
