"""Circles: the list and a circle's page."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from maillage.core import cache
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
from maillage.governance.selectors._common import (
    PAGES,
    _current_roles,
    _may_see_inside,
    _quorum_sectors,
    _tags,
)
from maillage.governance.selectors.memberships import MemberRow, _people_seen


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
    retired_policies: list[Policy] = field(default_factory=list)


@dataclass
class _CircleContent:
    """What a circle's page shows every viewer who may, or may not, see its inside: kept in the
    versioned cache until the next change to any of it."""

    circle: Circle
    children: list[Circle]
    workstreams: list[Workstream]
    accountabilities: list[Accountability]
    roles: list[Role]
    members: list[MemberRow]
    member_count: int
    policies: list[Policy]
    retired_policies: list[Policy]


def circle_detail(
    *, viewer: Viewer, slug: str, members_limit: int | None = None
) -> CircleDetail | None:
    """A circle's page. Everyone sees its purpose, domains, accountabilities, roles, sub-circles
    and workstreams; members (the first `members_limit` by name, and their count), role holders
    and policies only those who may. One query when the page's content is kept (`PAGES`)."""
    circle = Circle.objects.select_related("parent").filter(slug=slug).first()
    if circle is None:
        return None
    can_view = _may_see_inside(viewer, circle)
    content = cache.fragment(
        PAGES,
        visibility=f"inside={can_view}",
        # The sunset flags of its workstreams change with the day.
        filters=["circle", circle.pk, members_limit, timezone.localdate().isoformat()],
        render=lambda: _circle_content(circle.pk, can_view=can_view, members_limit=members_limit),
    )
    return CircleDetail(
        circle=content.circle,
        children=content.children,
        workstreams=content.workstreams,
        accountabilities=content.accountabilities,
        roles=content.roles,
        can_view=can_view,
        members=content.members,
        member_count=content.member_count,
        policies=content.policies,
        retired_policies=content.retired_policies,
        can_manage=has_perm(viewer, "governance.manage_circles", circle),
        can_manage_roles=has_perm(viewer, "governance.manage_roles", circle),
        can_amend_policies=can_view and has_perm(viewer, "governance.amend_policies", circle),
        can_join=has_perm(viewer, "governance.join_circle", circle),
    )


def _circle_content(pk: int, *, can_view: bool, members_limit: int | None) -> _CircleContent:
    circle = (
        _circles()
        .prefetch_related(
            _quorum_sectors(),
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
        .get(pk=pk)
    )
    _seen, roles, members, member_count = _people_seen(can_view, circle, limit=members_limit)
    policies: list[Policy] = []
    retired: list[Policy] = []
    if can_view:
        for policy in circle.policies.order_by("title", "pk"):
            (retired if policy.status == PolicyStatus.RETIRED else policies).append(policy)
    return _CircleContent(
        circle=circle,
        children=list(circle.children.all()),
        workstreams=list(circle.sponsored_workstreams.all()),
        accountabilities=list(circle.accountabilities.all()),
        roles=roles,
        members=members,
        member_count=member_count,
        policies=policies,
        retired_policies=retired,
    )
