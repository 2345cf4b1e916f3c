"""What is done under each of the four strategies: the circles and workstreams tagged with it,
the plan's actions, the public decisions of those circles and workstreams, the funded projects,
and their counts by territory.

Everything counted here is public (the structure, the plan, the public decisions, the accepted
projects the funding app publishes), so a strategy's page is the same for every visitor and is
kept rendered until one of those changes (`CACHE`). Internal decisions are never counted, even
for those who may read them: a count that differed by viewer would say something of what the
others may not see.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Count, F, OuterRef, Q, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from maillage.decisions.models import Decision, Visibility
from maillage.funding.models import Application
from maillage.funding.selectors.dashboards import FUNDED_STATES
from maillage.governance.models import Circle, Strategy, Workstream
from maillage.planning.models import Action
from maillage.planning.selectors.plans import IN_PUBLIC_PLAN
from maillage.territories.models import Territory
from maillage.territories.selectors import territory_and_below

# The strategy pages and the dashboard, kept rendered until a change of what they count.
CACHE = "planning.strategies"
LIMIT = 8  # the latest items of each kind shown on a strategy's page

KINDS = (
    ("circles", _("Circles")),
    ("workstreams", _("Workstreams")),
    ("actions", _("Plan actions")),
    ("projects", _("Funded projects")),
)


def strategies() -> list[Strategy]:
    return list(Strategy.objects.order_by("position", "name_fr"))


def public_decisions(strategy: Strategy) -> QuerySet[Decision]:
    """The public decisions of the circles and workstreams under `strategy` (decisions carry no
    strategy of their own)."""
    circles = Circle.objects.filter(strategies=strategy).values("pk")
    workstreams = Workstream.objects.filter(strategies=strategy).values("pk")
    return Decision.objects.filter(
        Q(circle_id__in=circles) | Q(workstream_id__in=workstreams),
        visibility=Visibility.PUBLIC,
    )


def funded_projects(strategy: Strategy | None = None) -> QuerySet[Application]:
    """Accepted (and completed) applications, public like the funding app's list of funded
    projects."""
    projects = Application.objects.filter(state__in=FUNDED_STATES)
    return projects if strategy is None else projects.filter(strategies=strategy)


def strategy_circles(strategy: Strategy) -> QuerySet[Circle]:
    return Circle.objects.filter(strategies=strategy, archived_at__isnull=True)


def strategy_workstreams(strategy: Strategy) -> QuerySet[Workstream]:
    return Workstream.objects.filter(strategies=strategy, archived_at__isnull=True)


def strategy_actions(strategy: Strategy) -> QuerySet[Action]:
    return Action.objects.filter(IN_PUBLIC_PLAN, strategies=strategy)


@dataclass
class TerritoryRow:
    name: str
    counts: list[int]


@dataclass
class StrategyWork:
    strategy: Strategy
    circle_count: int
    circles: list[Circle]
    workstream_count: int
    workstreams: list[Workstream]
    action_count: int
    actions: list[Action]
    decision_count: int
    decisions: list[Decision]
    project_count: int
    projects: list[Application]
    granted: Decimal
    territories: list[TerritoryRow] = field(default_factory=list)
    kinds: tuple[tuple[str, object], ...] = KINDS


def _by_territory(
    columns: Iterable[tuple[str, Iterable[dict[str, object]]]],
) -> list[TerritoryRow]:
    """A table territory × kind from each kind's `(place, n)` rows."""
    names = [name for name, _label in KINDS]
    table: dict[str, list[int]] = defaultdict(lambda: [0] * len(names))
    for kind, rows in columns:
        for row in rows:
            table[str(row["place"])][names.index(kind)] = int(row["n"])  # type: ignore[call-overload]
    return [TerritoryRow(name, counts) for name, counts in sorted(table.items())]


def _territory_counts(queryset: QuerySet[Any]) -> QuerySet[Any]:
    """`(place, n)`: how many of `queryset` name each territory (one query)."""
    counts: QuerySet[Any] = (
        queryset.filter(territories__isnull=False)
        .values(place=F("territories__name"))
        .annotate(n=Count("pk", distinct=True))
        .order_by()
    )
    return counts


def strategy_work(strategy: Strategy) -> StrategyWork:
    """What is done under `strategy`, public only: counts, the latest items of each kind and the
    counts by territory (fourteen queries, whatever the data)."""
    circles = strategy_circles(strategy)
    workstreams = strategy_workstreams(strategy)
    actions = strategy_actions(strategy)
    decisions = public_decisions(strategy)
    projects = funded_projects(strategy)
    granted = projects.aggregate(total=Sum("amount_granted"))["total"] or Decimal(0)
    return StrategyWork(
        strategy=strategy,
        circle_count=circles.count(),
        circles=list(circles.only("pk", "name", "slug").order_by("name", "pk")[:LIMIT]),
        workstream_count=workstreams.count(),
        workstreams=list(workstreams.only("pk", "name", "slug").order_by("name", "pk")[:LIMIT]),
        action_count=actions.count(),
        actions=list(
            actions.select_related("objective__orientation__plan").order_by("-updated_at", "-pk")[
                :LIMIT
            ]
        ),
        decision_count=decisions.count(),
        decisions=list(
            decisions.only("pk", "title", "decided_at").order_by("-decided_at", "-pk")[:LIMIT]
        ),
        project_count=projects.count(),
        projects=list(
            projects.select_related("organization")
            .only("pk", "title", "amount_granted", "organization__name")
            .order_by("-state_changed_at", "-pk")[:LIMIT]
        ),
        granted=granted,
        territories=_by_territory(
            [
                ("circles", _territory_counts(circles)),
                ("workstreams", _territory_counts(workstreams)),
                ("actions", _territory_counts(actions)),
                ("projects", _territory_counts(projects)),
            ]
        ),
    )


@dataclass
class StrategySummary:
    strategy: Strategy
    circles: int
    workstreams: int
    actions: int
    decisions: int
    projects: int


def strategy_summaries() -> list[StrategySummary]:
    """Each strategy with its counts, for the index (five queries, whatever the data)."""

    def per_strategy(queryset: QuerySet[Any]) -> dict[int, int]:
        rows = (
            queryset.filter(strategies__isnull=False)
            .values(key=F("strategies__pk"))
            .annotate(n=Count("pk", distinct=True))
            .order_by()
        )
        return {row["key"]: row["n"] for row in rows}

    circles = per_strategy(Circle.objects.filter(archived_at__isnull=True))
    workstreams = per_strategy(Workstream.objects.filter(archived_at__isnull=True))
    actions = per_strategy(Action.objects.filter(IN_PUBLIC_PLAN))
    projects = per_strategy(funded_projects())
    # A decision counts once under a strategy, whether by its circle or its workstream.
    decisions = (
        Decision.objects.filter(
            Q(circle_id__in=Circle.objects.filter(strategies=OuterRef(OuterRef("pk"))).values("pk"))
            | Q(
                workstream_id__in=Workstream.objects.filter(
                    strategies=OuterRef(OuterRef("pk"))
                ).values("pk")
            ),
            visibility=Visibility.PUBLIC,
        )
        .order_by()
        .values("visibility")
        .annotate(n=Count("pk"))
        .values("n")
    )
    found = Strategy.objects.annotate(decision_count=Coalesce(Subquery(decisions[:1]), 0)).order_by(
        "position", "name_fr"
    )
    return [
        StrategySummary(
            strategy=s,
            circles=circles.get(s.pk, 0),
            workstreams=workstreams.get(s.pk, 0),
            actions=actions.get(s.pk, 0),
            decisions=s.decision_count,
            projects=projects.get(s.pk, 0),
        )
        for s in found
    ]


def actions_in_territory(territory: Territory, *, limit: int = LIMIT) -> tuple[int, list[Action]]:
    """The plan's actions naming `territory` or a territory within it: their count and the
    latest ones (two queries)."""
    actions = Action.objects.filter(
        IN_PUBLIC_PLAN,
        pk__in=Action.territories.through.objects.filter(
            territory__in=territory_and_below(territory)
        ).values("action_id"),
    )
    latest = actions.select_related("objective__orientation__plan").order_by("-updated_at", "-pk")
    return actions.count(), list(latest[:limit])
