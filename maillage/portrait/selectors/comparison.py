"""Reads of the comparison page: the territories one may compare, and each indicator's latest
figure for the territories chosen.

Three queries whatever the number of values: the region, the territories one may compare, the
latest value of each indicator for each chosen territory (a window over the values, so the
older years never leave the database)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q

from maillage.portrait.models import Indicator, Value
from maillage.portrait.selectors.figures import Figure, latest
from maillage.portrait.selectors.maps import home_region
from maillage.territories.models import Territory
from maillage.territories.selectors import sort_key

MIN_TERRITORIES = 2
MAX_TERRITORIES = 4


@dataclass(frozen=True)
class Choices:
    """The territories one may compare, in the form's groups."""

    wider: list[Territory]  # Québec and the region
    supralocal: list[Territory]  # the region's MRCs and equivalent territories
    local: list[Territory]  # the region's municipalities that have values

    def all(self) -> list[Territory]:
        return [*self.wider, *self.supralocal, *self.local]


def comparable_territories() -> Choices:
    """Québec, the region, its MRC-level territories, and its municipalities with values."""
    region = home_region()
    if region is None:
        return Choices([], [], [])
    has_values = Exists(Value.objects.filter(territory=OuterRef("pk")))
    wanted = Q(pk=region.pk) | Q(parent=region) | Q(parent__parent=region, has_values=True)
    if region.parent_id:
        wanted |= Q(pk=region.parent_id)
    found = sorted(
        Territory.objects.annotate(has_values=has_values)
        .filter(wanted)
        .only("id", "name", "slug", "type", "code", "parent_id"),
        key=lambda t: sort_key(t.name),
    )
    wider = (region.parent_id, region.pk)
    return Choices(
        wider=sorted((t for t in found if t.pk in wider), key=lambda t: wider.index(t.pk)),
        supralocal=[t for t in found if t.parent_id == region.pk],
        local=[t for t in found if t.pk not in wider and t.parent_id != region.pk],
    )


@dataclass(frozen=True)
class Line:
    """An indicator and, per territory compared (in their order), its latest figure or None."""

    indicator: Indicator
    figures: list[Figure | None]


def comparison(territories: Sequence[Territory]) -> list[Line]:
    """Every indicator with a value for at least one of `territories`, each with the latest
    figure (latest year, then period) of each territory, in the indicators' order."""
    if not territories:
        return []
    values = latest(Value.objects.filter(territory__in=[t.pk for t in territories]))
    position = {t.pk: i for i, t in enumerate(territories)}
    lines: dict[int, Line] = {}
    for value in values.select_related("indicator", "source"):
        line = lines.get(value.indicator_id)
        if line is None:
            line = lines[value.indicator_id] = Line(value.indicator, [None] * len(territories))
        line.figures[position[value.territory_id]] = Figure.of(value)
    return sorted(
        lines.values(), key=lambda line: (line.indicator.position, sort_key(line.indicator.label))
    )
