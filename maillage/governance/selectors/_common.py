"""What the viewer may see, and the queries several governance selectors share."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Case, Prefetch, QuerySet, Value, When
from django.utils import timezone

from maillage.core.actors import Viewer
from maillage.core.permissions import has_perm
from maillage.governance.models import (
    SINGLE_HOLDER_KINDS,
    Accountability,
    Circle,
    Role,
    RoleAssignment,
    Strategy,
    Workstream,
)
from maillage.governance.rules import workstream_ids_of
from maillage.network.models import Person, Sector
from maillage.territories.models import Territory


def _today() -> date:
    return timezone.localdate()


@dataclass(frozen=True)
class Visibility:
    """What a viewer may see inside circles and workstreams (computed once per request)."""

    circles: bool  # every circle's members, role holders, policies
    all_workstreams: bool
    workstream_ids: frozenset[int] = frozenset()

    def workstream(self, workstream: Workstream | int) -> bool:
        pk = workstream if isinstance(workstream, int) else workstream.pk
        return self.all_workstreams or pk in self.workstream_ids


def visibility(viewer: Viewer) -> Visibility:
    """One query at most (a guest's workstreams)."""
    circles = has_perm(viewer, "governance.view_circle")
    if circles:
        return Visibility(circles=True, all_workstreams=True)
    return Visibility(
        circles=False, all_workstreams=False, workstream_ids=frozenset(workstream_ids_of(viewer))
    )


# What the pages of circles and workstreams show, kept in the versioned cache (`core.cache`):
# bumped by every change of what they show (GovernanceConfig.ready).
PAGES = "governance.pages"


def strategies() -> QuerySet[Strategy]:
    return Strategy.objects.order_by("position", "name_fr")


# Roles in the order of the model: lead link, delegate, facilitator, secretary, then the others.
_KIND_ORDER = Case(
    *(When(kind=kind, then=Value(i)) for i, kind in enumerate(SINGLE_HOLDER_KINDS)),
    default=Value(len(SINGLE_HOLDER_KINDS)),
)


def _current_roles(queryset: QuerySet[Role] | None = None) -> Prefetch[Any]:
    """Roles not archived, each with `current_assignments` (holder, seat, substitutes) and
    its accountabilities."""
    roles = (queryset if queryset is not None else Role.objects.all()).filter(
        archived_at__isnull=True
    )
    return Prefetch(
        "roles",
        queryset=roles.order_by(_KIND_ORDER, "name", "pk").prefetch_related(
            Prefetch(
                "assignments",
                queryset=RoleAssignment.objects.filter(ended_at__isnull=True)
                .select_related("person", "seat__organization")
                .prefetch_related(
                    Prefetch("substitutes", queryset=Person.objects.order_by("last_name"))
                )
                .order_by("start_date", "pk"),
                to_attr="current_assignments",
            ),
            Prefetch("accountabilities", queryset=Accountability.objects.order_by("position")),
        ),
        to_attr="current_roles",
    )


def _hide_holders(roles: Iterable[Role]) -> None:
    for role in roles:
        role.current_assignments = []  # type: ignore[attr-defined]


def _tags() -> tuple[Prefetch[Any], ...]:
    """A circle's or a workstream's strategies, territories and the sectors it brings together,
    in the order pages list them."""
    return (
        Prefetch("strategies", queryset=Strategy.objects.order_by("position")),
        Prefetch("territories", queryset=Territory.objects.order_by("name")),
        Prefetch("sectors", queryset=Sector.objects.order_by("position", "name_fr")),
    )


def _quorum_sectors() -> Prefetch[Any]:
    """The sectors a group's quorum requires, for its page (`quorum.rule_of` reads them)."""
    return Prefetch(
        "quorum_required_sectors", queryset=Sector.objects.order_by("position", "name_fr")
    )


def _may_see_inside(viewer: Viewer, group: Circle | Workstream) -> bool:
    """Members, role holders and a circle's policies are for those who may view its inside."""
    if isinstance(group, Circle):
        return has_perm(viewer, "governance.view_circle", group)
    return has_perm(viewer, "governance.view_workstream", group)


def _inside(
    viewer: Viewer, circle: Circle | None, workstream: Workstream | None
) -> Circle | Workstream | None:
    """The circle or the workstream asked for, if the viewer may see its inside."""
    group = circle or workstream
    return group if group is not None and _may_see_inside(viewer, group) else None


def _kind(group: Circle | Workstream) -> str:
    return "circle" if isinstance(group, Circle) else "workstream"
