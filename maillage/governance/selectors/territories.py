"""The circles and workstreams working in a territory, for the territory's page."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet

from maillage.governance.models import Circle, Workstream
from maillage.territories.models import Territory
from maillage.territories.selectors import territory_and_below


@dataclass
class WorkingHere:
    circle_count: int
    circles: list[Circle]
    workstream_count: int
    workstreams: list[Workstream]


def _in_territory[G: (Circle, Workstream)](
    queryset: QuerySet[G], territory: Territory
) -> QuerySet[G]:
    return (
        queryset.filter(archived_at__isnull=True, territories__in=territory_and_below(territory))
        .distinct()
        .only("pk", "name", "slug")
        .order_by("name", "pk")
    )


def working_in(*, territory: Territory, limit: int = 12) -> WorkingHere:
    """Circles and workstreams naming `territory` or a territory within it (the structure is
    public: names only), with their counts. Four queries, whatever the data."""
    circles = _in_territory(Circle.objects.all(), territory)
    workstreams = _in_territory(Workstream.objects.all(), territory)
    return WorkingHere(
        circle_count=circles.count(),
        circles=list(circles[:limit]),
        workstream_count=workstreams.count(),
        workstreams=list(workstreams[:limit]),
    )
