"""The map of the whole structure."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Prefetch, Q

from maillage.core.actors import Viewer
from maillage.governance.models import Circle, Membership, Role, Strategy, Workstream
from maillage.governance.selectors._common import _current_roles, _hide_holders, visibility
from maillage.governance.selectors.people import _affiliations
from maillage.network.models import Sector
from maillage.territories.models import Territory
from maillage.territories.selectors import territory_and_below


@dataclass(frozen=True)
class MapFilters:
    territory: Territory | None = None
    sector: Sector | None = None
    strategy: Strategy | None = None

    @property
    def active(self) -> bool:
        return any((self.territory, self.sector, self.strategy))


@dataclass
class WorkstreamNode:
    workstream: Workstream
    roles: list[Role]  # with `current_assignments`, empty when people are hidden
    visible: bool  # the viewer may see its people
    member_count: int | None
    matched: bool
    past_sunset: bool


@dataclass
class CircleNode:
    circle: Circle
    depth: int
    roles: list[Role]
    visible: bool
    member_count: int | None
    matched: bool
    children: list[CircleNode] = field(default_factory=list)
    # A workstream appears under each of its sponsoring circles.
    workstreams: list[WorkstreamNode] = field(default_factory=list)


@dataclass
class StructureMap:
    roots: list[CircleNode]  # the general circle (and any orphan kept by a filter)
    filters: MapFilters
    circle_count: int
    workstream_count: int

    def walk(self) -> Iterator[CircleNode]:
        """Circles depth first, in outline order."""
        stack = list(reversed(self.roots))
        while stack:
            node = stack.pop()
            yield node
            stack.extend(reversed(node.children))


def _member_count() -> Count:
    return Count(
        "memberships__person",
        filter=Q(memberships__ended_at__isnull=True),
        distinct=True,
    )


def structure_map(*, viewer: Viewer, filters: MapFilters | None = None) -> StructureMap:
    """The whole structure: circles nested under their parents, each with its roles and the
    workstreams it sponsors. Role holders and member counts only where the viewer may see them.

    Filters keep the circles and workstreams that match (tagged with the territory or a
    territory under it; with a current member sitting for an organization of the sector; tagged
    with the strategy) and, greyed (`matched=False`), the circles above them.
    """
    filters = filters or MapFilters()
    seen = visibility(viewer)
    circles_qs = Circle.objects.filter(archived_at__isnull=True).annotate(
        member_count=_member_count()
    )
    workstreams_qs = Workstream.objects.filter(archived_at__isnull=True).annotate(
        member_count=_member_count()
    )
    if filters.territory is not None:
        below = territory_and_below(filters.territory).values("pk")
        circles_qs = circles_qs.annotate(
            in_territory=Exists(
                Circle.territories.through.objects.filter(
                    circle_id=OuterRef("pk"), territory_id__in=below
                )
            )
        )
        workstreams_qs = workstreams_qs.annotate(
            in_territory=Exists(
                Workstream.territories.through.objects.filter(
                    workstream_id=OuterRef("pk"), territory_id__in=below
                )
            )
        )
    if filters.strategy is not None:
        circles_qs = circles_qs.annotate(
            in_strategy=Exists(
                Circle.strategies.through.objects.filter(
                    circle_id=OuterRef("pk"), strategy_id=filters.strategy.pk
                )
            )
        )
        workstreams_qs = workstreams_qs.annotate(
            in_strategy=Exists(
                Workstream.strategies.through.objects.filter(
                    workstream_id=OuterRef("pk"), strategy_id=filters.strategy.pk
                )
            )
        )
    circles = list(circles_qs.prefetch_related(_current_roles()).order_by("name", "pk"))
    workstreams = list(
        workstreams_qs.prefetch_related(
            Prefetch(
                "sponsors", queryset=Circle.objects.filter(archived_at__isnull=True).only("pk")
            ),
            _current_roles(),
        ).order_by("name", "pk")
    )
    with_sector: tuple[set[int], set[int]] | None = None
    if filters.sector is not None:
        with_sector = _groups_with_sector(filters.sector)

    def matches(obj: Circle | Workstream, sector_ids: set[int] | None) -> bool:
        if filters.territory is not None and not obj.in_territory:  # type: ignore[union-attr]
            return False
        if filters.strategy is not None and not obj.in_strategy:  # type: ignore[union-attr]
            return False
        return sector_ids is None or obj.pk in sector_ids

    nodes: dict[int, CircleNode] = {}
    for circle in circles:
        roles = list(circle.current_roles)  # type: ignore[attr-defined]
        if not seen.circles:
            _hide_holders(roles)
        nodes[circle.pk] = CircleNode(
            circle=circle,
            depth=0,
            roles=roles,
            visible=seen.circles,
            member_count=circle.member_count if seen.circles else None,
            matched=matches(circle, with_sector[0] if with_sector else None),
        )
    for workstream in workstreams:
        visible = seen.workstream(workstream)
        roles = list(workstream.current_roles)  # type: ignore[attr-defined]
        if not visible:
            _hide_holders(roles)
        leaf = WorkstreamNode(
            workstream=workstream,
            roles=roles,
            visible=visible,
            member_count=workstream.member_count if visible else None,
            matched=matches(workstream, with_sector[1] if with_sector else None),
            past_sunset=workstream.past_sunset,
        )
        if filters.active and not leaf.matched:
            continue
        for sponsor in workstream.sponsors.all():
            if sponsor.pk in nodes:
                nodes[sponsor.pk].workstreams.append(leaf)
    roots: list[CircleNode] = []
    for node in nodes.values():
        parent = nodes.get(node.circle.parent_id) if node.circle.parent_id else None
        (parent.children if parent else roots).append(node)

    def prune(node: CircleNode, depth: int) -> bool:
        node.depth = depth
        node.children = [c for c in node.children if prune(c, depth + 1)]
        return not filters.active or node.matched or bool(node.children or node.workstreams)

    roots = [r for r in roots if prune(r, 0)]
    roots.sort(key=lambda n: (n.circle.parent_id is not None, n.circle.name))
    return StructureMap(
        roots=roots,
        filters=filters,
        circle_count=len(circles),
        workstream_count=len(workstreams),
    )


def _groups_with_sector(sector: Sector) -> tuple[set[int], set[int]]:
    """Ids of the circles and workstreams with a current member sitting for an organization of
    `sector` (five queries)."""
    memberships = list(
        Membership.objects.filter(ended_at__isnull=True).select_related("seat", "assignment__seat")
    )
    found = _affiliations(memberships)
    circles: set[int] = set()
    workstreams: set[int] = set()
    for (kind, group_id, _person), organization_ids in found.by_member.items():
        if any(
            sector.pk in {s.pk for s in found.organizations[o].sectors.all()}
            for o in organization_ids
        ):
            (circles if kind == "c" else workstreams).add(group_id)
    return circles, workstreams
