"""A territory's portrait: each indicator it has a value of, its latest value beside the region's
and Québec's (and, for an MRC, its municipalities'), its series over the periods, each figure with
its source. Two queries, whatever the data: the territory with its ancestors, then the values."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Q

from maillage.portrait.catalogue import KEY_FIGURES
from maillage.portrait.models import Indicator, Value
from maillage.territories.models import Territory, TerritoryType

# Types whose portrait compares with their municipalities.
WITH_MUNICIPALITIES = (TerritoryType.MRC, TerritoryType.EQUIVALENT)


@dataclass(frozen=True)
class Figure:
    """One value as the page shows it, with its territory and its source."""

    territory: Territory
    period: str
    year: int
    value: Decimal
    source_title: str
    source_url: str
    role: str  # "self", "region", "province" or "municipality"


@dataclass
class IndicatorPortrait:
    indicator: Indicator
    latest: Figure
    series: list[Figure]  # the territory's own values, oldest first
    comparisons: list[Figure] = field(default_factory=list)  # the latest first, then the others

    @property
    def figures(self) -> list[Figure]:
        return [self.latest, *self.comparisons]


@dataclass
class TerritoryPortrait:
    territory: Territory
    region: Territory | None
    province: Territory | None
    indicators: list[IndicatorPortrait]


def ancestors(territory: Territory) -> tuple[Territory | None, Territory | None]:
    """The territory's region and Québec, read from the parents already joined."""
    region = province = None
    node: Territory | None = territory.parent
    while node is not None:
        if node.type == TerritoryType.REGION and region is None:
            region = node
        if node.type == TerritoryType.PROVINCE:
            province = node
        node = node.parent
    return region, province


def portrait_territory(slug: str) -> Territory | None:
    """The territory of `slug`, with its parents up to Québec joined (one query)."""
    return Territory.objects.select_related("parent__parent__parent").filter(slug=slug).first()


def _figure(value: Value, territory: Territory, role: str) -> Figure:
    return Figure(
        territory=territory,
        period=value.period,
        year=value.year,
        value=value.value,
        source_title=value.source.title,
        source_url=value.source.url,
        role=role,
    )


def _latest(figures: list[Figure], year: int) -> Figure:
    """The figure of `year` if there is one, else the latest."""
    same = [f for f in figures if f.year == year]
    return (same or figures)[-1]


def territory_portrait(territory: Territory) -> TerritoryPortrait:
    """Reads `territory.parent…` (`portrait_territory`). One query for every value shown."""
    region, province = ancestors(territory)
    if territory.type == TerritoryType.REGION:
        region = None
    others: dict[int, tuple[Territory, str]] = {}
    if region is not None:
        others[region.pk] = (region, "region")
    if province is not None and province.pk != territory.pk:
        others[province.pk] = (province, "province")
    scope = Q(territory_id__in=[territory.pk, *others])
    if territory.type in WITH_MUNICIPALITIES:
        scope |= Q(territory__parent_id=territory.pk)
    values = (
        Value.objects.filter(scope)
        .select_related("indicator", "source", "territory")
        .order_by("indicator__position", "indicator__label_fr", "indicator_id", "year", "period")
    )
    own: dict[int, list[Figure]] = defaultdict(list)
    theirs: dict[int, dict[int, list[Figure]]] = defaultdict(lambda: defaultdict(list))
    indicators: dict[int, Indicator] = {}
    for value in values:
        indicators[value.indicator_id] = value.indicator
        if value.territory_id == territory.pk:
            own[value.indicator_id].append(_figure(value, territory, "self"))
            continue
        place, role = others.get(value.territory_id, (value.territory, "municipality"))
        theirs[value.indicator_id][value.territory_id].append(_figure(value, place, role))
    portraits = []
    rank = {"region": 0, "province": 1, "municipality": 2}
    for indicator_id, series in own.items():
        latest = series[-1]
        comparisons = [_latest(figs, latest.year) for figs in theirs[indicator_id].values()]
        comparisons.sort(key=lambda f: (rank[f.role], f.territory.name))
        portraits.append(IndicatorPortrait(indicators[indicator_id], latest, series, comparisons))
    return TerritoryPortrait(territory, region, province, portraits)


def key_figures(territory: Territory) -> list[tuple[Indicator, Value]]:
    """The territory's latest value of the key indicators it has (one query)."""
    found: dict[str, tuple[Indicator, Value]] = {}
    for value in (
        Value.objects.filter(territory=territory, indicator__key__in=KEY_FIGURES)
        .select_related("indicator")
        .order_by("indicator_id", "year", "period")
    ):
        found[value.indicator.key] = (value.indicator, value)
    return [found[key] for key in KEY_FIGURES if key in found]
