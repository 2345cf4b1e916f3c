"""A territory's portrait: each indicator it has a value of, its series over the periods, and the
figure shown beside its latest for the region, Québec and (for an MRC) each of its
municipalities: the one of the same year when they have one, else their latest. Three queries,
whatever the data: the territory with its ancestors, its own values, and the one value shown of
each other territory (picked in the database: their other years never leave it)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Case, IntegerField, Q, When
from django.db.models import Value as V

from maillage.portrait.catalogue import KEY_FIGURES
from maillage.portrait.models import Indicator, Source, Value
from maillage.portrait.selectors.figures import Figure, latest
from maillage.territories.models import Territory, TerritoryType

# Types whose portrait compares with their municipalities.
WITH_MUNICIPALITIES = (TerritoryType.MRC, TerritoryType.EQUIVALENT)
# The order of the figures beside the territory's own.
ROLES = ("region", "province", "municipality")

# What is read of each value: its indicator's fields are read with it, and each indicator, source
# and municipality is built once, not once per row.
INDICATOR_FIELDS = (
    "key",
    "label_fr",
    "label_en",
    "definition_fr",
    "definition_en",
    "unit_fr",
    "unit_en",
    "direction",
    "position",
)
COLUMNS = (
    "indicator_id",
    "territory_id",
    "period",
    "year",
    "value",
    "source_id",
    "source__title",
    "source__url",
)


@dataclass(frozen=True)
class Compared:
    """A territory's figure in a portrait: its own (`role` "self"), or one shown beside it."""

    territory: Territory
    role: str  # "self", "region", "province" or "municipality"
    figure: Figure


@dataclass(frozen=True)
class IndicatorPortrait:
    territory: Territory
    indicator: Indicator
    series: list[Figure]  # the territory's own values, oldest first
    comparisons: list[Compared]  # the region's, Québec's, then the municipalities' by name

    @property
    def latest(self) -> Figure:
        return self.series[-1]

    @property
    def compared(self) -> list[Compared]:
        """The territory's latest figure, then the others beside it."""
        return [Compared(self.territory, "self", self.latest), *self.comparisons]


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


class _Reader:
    """Builds figures from rows of `COLUMNS`, each source once."""

    def __init__(self) -> None:
        self.sources: dict[int, Source] = {}

    def figure(self, row: tuple[Any, ...]) -> Figure:
        _indicator, _territory, period, year, amount, source_id, title, url = row[: len(COLUMNS)]
        source = self.sources.get(source_id)
        if source is None:
            source = self.sources[source_id] = Source(pk=source_id, title=title, url=url)
        return Figure(amount, period, year, source)


def territory_portrait(territory: Territory) -> TerritoryPortrait:
    """Reads `territory.parent…` (`portrait_territory`). Two queries for the values shown."""
    region, province = ancestors(territory)
    if territory.type == TerritoryType.REGION:
        region = None
    others: dict[int, tuple[Territory, str]] = {}
    if region is not None:
        others[region.pk] = (region, "region")
    if province is not None and province.pk != territory.pk:
        others[province.pk] = (province, "province")
    reader = _Reader()

    indicators: dict[int, Indicator] = {}
    series: dict[int, list[Figure]] = {}
    own = (
        Value.objects.filter(territory=territory)
        .order_by("indicator__position", "indicator__label_fr", "indicator_id", "year", "period")
        .values_list(*COLUMNS, *(f"indicator__{name}" for name in INDICATOR_FIELDS))
    )
    for row in own:
        indicator_id = row[0]
        if indicator_id not in indicators:
            fields = dict(zip(INDICATOR_FIELDS, row[len(COLUMNS) :], strict=True))
            indicators[indicator_id] = Indicator(pk=indicator_id, **fields)
            series[indicator_id] = []
        series[indicator_id].append(reader.figure(row))

    theirs: dict[int, list[Compared]] = {indicator_id: [] for indicator_id in indicators}
    scope = Q(territory_id__in=list(others))
    if territory.type in WITH_MUNICIPALITIES:
        # A subquery, not a join: the values are then found by their territory's index.
        scope |= Q(territory_id__in=Territory.objects.filter(parent=territory.pk).values("pk"))
    if indicators and (others or territory.type in WITH_MUNICIPALITIES):
        # Beside each of the territory's indicators, each other territory's figure of the year of
        # the territory's latest, else their latest.
        own_year = Case(
            *(When(indicator_id=pk, then=V(figures[-1].year)) for pk, figures in series.items()),
            output_field=IntegerField(),
        )
        shown = (
            latest(Value.objects.filter(scope, indicator_id__in=list(indicators)), year=own_year)
            .order_by()
            .values_list(*COLUMNS, "territory__name", "territory__slug", "territory__type")
        )
        municipalities: dict[int, Territory] = {}
        for row in shown:
            indicator_id, territory_id = row[:2]
            place, role = others.get(territory_id, (None, "municipality"))
            if place is None:
                place = municipalities.get(territory_id)
                if place is None:
                    name, slug, kind = row[len(COLUMNS) :]
                    place = Territory(pk=territory_id, name=name, slug=slug, type=kind)
                    municipalities[territory_id] = place
            theirs[indicator_id].append(Compared(place, role, reader.figure(row)))

    portraits = []
    for indicator_id, indicator in indicators.items():
        comparisons = sorted(
            theirs[indicator_id], key=lambda c: (ROLES.index(c.role), c.territory.name)
        )
        portraits.append(IndicatorPortrait(territory, indicator, series[indicator_id], comparisons))
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
