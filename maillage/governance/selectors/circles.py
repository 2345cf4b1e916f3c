"""Circles: the list and a circle's page."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet

from maillage.core.actors import Viewer
from maillage.core.permissions import has_perm
from maillage.governance.models import (
    Accountability,
    Circle,
    Policy,
    PolicyStatus,
    Role,
    Workstream,
)
from maillage.governance.selectors._common import _current_roles, _tags
from maillage.governance.selectors.memberships import MemberRow, _people


def _circles() -> QuerySet[Circle]:
    return Circle.objects.select_related("parent").prefetch_related(*_tags())


def open_circle(slug: str) -> Circle | None:
    """The circle a form starts from (the parent of a new circle, the sponsor of a new
    workstream): an archived circle is none."""
    return Circle.objects.filter(slug=slug, archived_at__isnull=True).first()


def circle_list(*, viewer: Viewer, include_archived: bool = False) -> QuerySet[Circle]:
    """Circles as the public structure shows them: names, purposes, tags, parents."""
    queryset = _circles()
    if not include_archived:
        queryset = queryset.filter(archived_at__isnull=True)
    return queryset.order_by("name", "pk")


@dataclass
class CircleDetail:
    circle: Circle
    children: list[Circle]
    workstreams: list[Workstream]
    accountabilities: list[Accountability]
    # Roles with `current_assignments` (empty when the viewer may not see people).
    roles: list[Role]
    can_view: bool  # members, holders and policies below are shown
    members: list[MemberRow]
    member_count: int
    policies: list[Policy]
    can_manage: bool
    can_manage_roles: bool
    can_amend_policies: bool
    can_join: bool


def circle_detail(
    *, viewer: Viewer, slug: str, members_limit: int | None = None
) -> CircleDetail | None:
    """A circle's page. Everyone sees its purpose, domains, accountabilities, roles, sub-circles
    and workstreams; members (the first `members_limit` by name, and their count), role holders
    and policies only those who may."""
    circle = (
        _circles()
        .prefetch_related(
            # The page lists them by name with a link: only those columns, for dozens of them.
            Prefetch(
                "children",
                queryset=Circle.objects.filter(archived_at__isnull=True)
                .only("name", "slug", "purpose", "parent_id")
                .order_by("name"),
            ),
            Prefetch(
                "sponsored_workstreams",
                queryset=Workstream.objects.filter(archived_at__isnull=True)
                .only("name", "slug", "status", "sunset_date")
                .order_by("name"),
            ),
            Prefetch("accountabilities", queryset=Accountability.objects.order_by("position")),
            _current_roles(),
        )
        .filter(slug=slug)
        .first()
    )
    if circle is None:
        return None
    can_view, roles, members, member_count = _people(viewer, circle, limit=members_limit)
    policies: list[Policy] = []
    if can_view:
        policies = list(circle.policies.exclude(status=PolicyStatus.RETIRED).order_by("title"))
    return CircleDetail(
        circle=circle,
        children=list(circle.children.all()),
        workstreams=list(circle.sponsored_workstreams.all()),
        accountabilities=list(circle.accountabilities.all()),
        roles=roles,
        can_view=can_view,
        members=members,
        member_count=member_count,
        policies=policies,
        can_manage=has_perm(viewer, "governance.manage_circles", circle),
        can_manage_roles=has_perm(viewer, "governance.manage_roles", circle),
        can_amend_policies=can_view and has_perm(viewer, "governance.amend_policies", circle),
        can_join=has_perm(viewer, "governance.join_circle", circle),
    )
