"""The map of the whole structure."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef

from maillage.core.actors import Viewer
from maillage.governance.models import (
    Circle,
    Membership,
    Role,
    RoleAssignment,
    RoleKind,
    Strategy,
    Workstream,
)
from maillage.governance.selectors._common import _KIND_ORDER, Visibility, visibility
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

    @property
    def leads(self) -> list[Role]:
        """The lead roles, which the outline names with their holders (the page has the rest)."""
        return [role for role in self.roles if role.kind == RoleKind.LEAD]


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

    @property
    def leads(self) -> list[Role]:
        """The lead link, which the outline names with its holder (the page has the rest)."""
        return [role for role in self.roles if role.kind == RoleKind.LEAD]


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


_CIRCLE_FIELDS = ("pk", "name", "slug", "parent_id")
_WORKSTREAM_FIELDS = ("pk", "name", "slug", "status", "sunset_date")


def _member_counts(column: str, ids: Iterable[int] | None = None) -> dict[int, int]:
    """Current members (distinct people) of each circle or workstream (`column`), of `ids` only
    when given. One query."""
    members = Membership.objects.filter(ended_at__isnull=True, **{f"{column}__isnull": False})
    if ids is not None:
        members = members.filter(**{f"{column}__in": ids})
    return dict(
        members.values(column)
        .annotate(count=Count("person", distinct=True))
        .order_by()
        .values_list(column, "count")
    )


def _roles(seen: Visibility) -> dict[tuple[str, int], list[Role]]:
    """The current roles of every circle and workstream, each with `current_assignments`: its
    holders where the viewer may see them, else none, and not even fetched. Two queries at most."""
    roles = list(
        Role.objects.filter(archived_at__isnull=True)
        .only("pk", "name", "kind", "circle_id", "workstream_id")
        .order_by(_KIND_ORDER, "name", "pk")
    )
    holders: dict[int, list[RoleAssignment]] = defaultdict(list)
    if seen.circles or seen.all_workstreams or seen.workstream_ids:
        assignments = (
            RoleAssignment.objects.filter(ended_at__isnull=True, role__archived_at__isnull=True)
            .select_related("person")
            .only("role_id", "person__first_name", "person__last_name", "person__slug")
            .order_by("start_date", "pk")
        )
        if not seen.circles:
            ids = None if seen.all_workstreams else seen.workstream_ids
            assignments = assignments.filter(role__workstream__isnull=False)
            if ids is not None:
                assignments = assignments.filter(role__workstream_id__in=ids)
        for assignment in assignments:
            holders[assignment.role_id].append(assignment)
    by_group: dict[tuple[str, int], list[Role]] = defaultdict(list)
    for role in roles:
        role.current_assignments = holders.get(role.pk, [])  # type: ignore[attr-defined]
        if role.circle_id:
            by_group["c", role.circle_id].append(role)
        elif role.workstream_id:
            by_group["w", role.workstream_id].append(role)
    return by_group


def structure_map(
    *, viewer: Viewer, filters: MapFilters | None = None, seen: Visibility | None = None
) -> StructureMap:
    """The whole structure: circles nested under their parents, each with its roles and the
    workstreams it sponsors. Role holders and member counts only where the viewer may see them
    (`seen`, the viewer's visibility when the caller already has it); what the viewer may not
    see is not fetched.

    Filters keep the circles and workstreams that match (tagged with the territory or a
    territory under it; with a current member sitting for an organization of the sector; tagged
    with the strategy) and, greyed (`matched=False`), the circles above them.
    """
    filters = filters or MapFilters()
    seen = seen or visibility(viewer)
    circles_qs = Circle.objects.filter(archived_at__isnull=True).only(*_CIRCLE_FIELDS)
    workstreams_qs = Workstream.objects.filter(archived_at__isnull=True).only(*_WORKSTREAM_FIELDS)
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
    circles = list(circles_qs.order_by("name", "pk"))
    workstreams = list(workstreams_qs.order_by("name", "pk"))
    sponsors: dict[int, list[int]] = defaultdict(list)
    for workstream_id, circle_id in Workstream.sponsors.through.objects.order_by("pk").values_list(
        "workstream_id", "circle_id"
    ):
        sponsors[workstream_id].append(circle_id)
    roles = _roles(seen)
    circle_members = _member_counts("circle") if seen.circles else {}
    if seen.all_workstreams:
        workstream_members = _member_counts("workstream")
    elif seen.workstream_ids:
        workstream_members = _member_counts("workstream", seen.workstream_ids)
    else:
        workstream_members = {}
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
        nodes[circle.pk] = CircleNode(
            circle=circle,
            depth=0,
            roles=roles.get(("c", circle.pk), []),
            visible=seen.circles,
            member_count=circle_members.get(circle.pk, 0) if seen.circles else None,
            matched=matches(circle, with_sector[0] if with_sector else None),
        )
    for workstream in workstreams:
        visible = seen.workstream(workstream)
        leaf = WorkstreamNode(
            workstream=workstream,
            roles=roles.get(("w", workstream.pk), []),
            visible=visible,
            member_count=workstream_members.get(workstream.pk, 0) if visible else None,
            matched=matches(workstream, with_sector[1] if with_sector else None),
            past_sunset=workstream.past_sunset,
        )
        if filters.active and not leaf.matched:
            continue
        for sponsor_id in sponsors.get(workstream.pk, []):
            if sponsor_id in nodes:
                nodes[sponsor_id].workstreams.append(leaf)
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
