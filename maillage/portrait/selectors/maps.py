"""Reads of an indicator's choropleth page: the indicator, its years, the region's MRC-level
territories with their outlines, and one value per territory for the year shown.

Five queries whatever the number of values, territories or years: the indicator, its years,
the region, the region's territories with their outlines, the values of the year."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db.models import Q
from django.urls import reverse

from maillage.portrait.models import Indicator, Value
from maillage.portrait.selectors.figures import Figure
from maillage.territories.models import Boundary, Territory, TerritoryType
from maillage.territories.selectors import sort_key


def territory_link(territory: Territory) -> str:
    """Where a territory's name leads from the portrait's maps and tables: its portrait."""
    return reverse("portrait:territory", kwargs={"slug": territory.slug})


def indicators() -> list[Indicator]:
    """Every indicator, in their order (the live block's fallback, the page's other maps)."""
    return list(Indicator.objects.order_by("position", "label_fr"))


def indicator_for_map(key: str) -> Indicator | None:
    return Indicator.objects.select_related("source").filter(key=key).first()


def indicator_years(indicator: Indicator) -> list[int]:
    """The years the indicator has values for, latest first."""
    return list(
        Value.objects.filter(indicator=indicator)
        .order_by("-year")
        .values_list("year", flat=True)
        .distinct()
    )


def home_region() -> Territory | None:
    """The region this instance serves (MAILLAGE_REGION_CODE), else the first region loaded,
    with its parent (Québec)."""
    regions = Territory.objects.filter(type=TerritoryType.REGION).select_related("parent")
    found = regions.filter(code=settings.MAILLAGE_REGION_CODE).first()
    return found or regions.order_by("code").first()


@dataclass(frozen=True)
class Place:
    """One of the region's MRC-level territories, its outline (None when none is known) and
    its figure (None: no data)."""

    territory: Territory
    boundary: Boundary | None
    figure: Figure | None


@dataclass(frozen=True)
class MapData:
    indicator: Indicator
    year: int | None
    years: list[int]
    region: Territory | None
    places: list[Place]
    region_figure: Figure | None
    province_figure: Figure | None


def _boundary(territory: Territory) -> Boundary | None:
    try:
        return territory.boundary
    except Boundary.DoesNotExist:
        return None


def latest_figures(values: Any) -> dict[int, Figure]:
    """`{territory id: figure}` from values ordered by year then period: the last one wins, so
    a span ("2016-2021") and a year ("2021") ending the same year give one figure."""
    figures: dict[int, Figure] = {}
    for value in values:
        figures[value.territory_id] = Figure.of(value)
    return figures


def map_data(indicator: Indicator, *, years: list[int], year: int | None = None) -> MapData:
    """The choropleth's data: `year` when the indicator has values then (`years`, from
    `indicator_years`), else its latest."""
    shown = year if year in years else (years[0] if years else None)
    region = home_region()
    places: list[Place] = []
    figures: dict[int, Figure] = {}
    if region is not None:
        territories = sorted(
            Territory.objects.filter(parent=region).select_related("boundary"),
            key=lambda t: sort_key(t.name),
        )
        if shown is not None:
            wanted = Q(territory__parent=region) | Q(territory=region)
            if region.parent_id:
                wanted |= Q(territory_id=region.parent_id)
            figures = latest_figures(
                Value.objects.filter(wanted, indicator=indicator, year=shown)
                .select_related("source")
                .order_by("year", "period")
            )
        places = [Place(t, _boundary(t), figures.get(t.pk)) for t in territories]
    return MapData(
        indicator=indicator,
        year=shown,
        years=years,
        region=region,
        places=places,
        region_figure=figures.get(region.pk) if region else None,
        province_figure=figures.get(region.parent_id) if region and region.parent_id else None,
    )
