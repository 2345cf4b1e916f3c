"""Circles: the list and a circle's page."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property

from django.db.models import Prefetch, QuerySet, prefetch_related_objects
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
from maillage.governance.selectors.memberships import MemberRow, _members_seen, _roles_seen


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
class _CircleListing:
    """What a circle's page lists (sub-circles, workstreams, roles, first members): its markup
    is kept whole, so these are read only when the kept markup is gone."""

    children: list[Circle]
    workstreams: list[Workstream]
    # Roles with `current_assignments` (holders hidden when the viewer may not see people).
    roles: list[Role]
    members: list[MemberRow]
    member_count: int


@dataclass
class CircleDetail:
    circle: Circle
    accountabilities: list[Accountability]
    can_view: bool  # members, holders and policies below are shown
    policies: list[Policy]
    can_manage: bool
    can_manage_roles: bool
    can_amend_policies: bool
    can_join: bool
    read_listing: Callable[[], _CircleListing] = field(repr=False)
    retired_policies: list[Policy] = field(default_factory=list)

    @cached_property
    def _listing(self) -> _CircleListing:
        return self.read_listing()

    @property
    def children(self) -> list[Circle]:
        return self._listing.children

    @property
    def workstreams(self) -> list[Workstream]:
        return self._listing.workstreams

    @property
    def roles(self) -> list[Role]:
        return self._listing.roles

    @property
    def members(self) -> list[MemberRow]:
        return self._listing.members

    @property
    def member_count(self) -> int:
        return self._listing.member_count


@dataclass
class _CircleContent:
    """What a circle's page shows every viewer who may, or may not, see its inside, beside its
    listing: kept in the versioned cache until the next change to any of it."""

    circle: Circle
    accountabilities: list[Accountability]
    policies: list[Policy]
    retired_policies: list[Policy]


def circle_detail(
    *, viewer: Viewer, slug: str, members_limit: int | None = None
) -> CircleDetail | None:
    """A circle's page. Everyone sees its purpose, domains, accountabilities, roles, sub-circles
    and workstreams; members (the first `members_limit` by name, and their count), role holders
    and policies only those who may. One query when the page's content is kept (`PAGES`); its
    listing (roles included) is read, from the cache or else the database, only when the page
    asks for it."""
    circle = Circle.objects.select_related("parent").filter(slug=slug).first()
    if circle is None:
        return None
    can_view = _may_see_inside(viewer, circle)
    # The sunset flags of its workstreams change with the day.
    filters = ["circle", circle.pk, timezone.localdate().isoformat()]
    content = cache.fragment(
        PAGES,
        visibility=f"inside={can_view}",
        filters=filters,
        render=lambda: _circle_content(circle.pk, can_view=can_view),
    )
    return CircleDetail(
        circle=content.circle,
        accountabilities=content.accountabilities,
        can_view=can_view,
        policies=content.policies,
        retired_policies=content.retired_policies,
        can_manage=has_perm(viewer, "governance.manage_circles", circle),
        can_manage_roles=has_perm(viewer, "governance.manage_roles", circle),
        can_amend_policies=can_view and has_perm(viewer, "governance.amend_policies", circle),
        can_join=has_perm(viewer, "governance.join_circle", circle),
        read_listing=lambda: cache.fragment(
            PAGES,
            visibility=f"inside={can_view}",
            filters=[*filters, "listing", members_limit],
            render=lambda: _circle_listing(circle, can_view=can_view, limit=members_limit),
        ),
    )


def _circle_content(pk: int, *, can_view: bool) -> _CircleContent:
    circle = (
        _circles()
        .prefetch_related(
            _quorum_sectors(),
            Prefetch("accountabilities", queryset=Accountability.objects.order_by("position")),
        )
        .get(pk=pk)
    )
    policies: list[Policy] = []
    retired: list[Policy] = []
    if can_view:
        for policy in circle.policies.order_by("title", "pk"):
            (retired if policy.status == PolicyStatus.RETIRED else policies).append(policy)
    return _CircleContent(
        circle=circle,
        accountabilities=list(circle.accountabilities.all()),
        policies=policies,
        retired_policies=retired,
    )


def _circle_listing(circle: Circle, *, can_view: bool, limit: int | None) -> _CircleListing:
    # The page lists them by name with a link: only those columns, for dozens of them.
    children = (
        Circle.objects.filter(parent_id=circle.pk, archived_at__isnull=True)
        .only("name", "slug", "purpose", "parent_id")
        .order_by("name")
    )
    workstreams = (
        circle.sponsored_workstreams.filter(archived_at__isnull=True)
        .only("name", "slug", "status", "sunset_date")
        .order_by("name")
    )
    prefetch_related_objects([circle], _current_roles())
    members, count = _members_seen(circle, limit=limit) if can_view else ([], 0)
    return _CircleListing(
        children=list(children),
        workstreams=list(workstreams),
        roles=_roles_seen(can_view, circle),
        members=members,
        member_count=count,
    )
