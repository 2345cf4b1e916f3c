"""Workstreams: the list and a workstream's page."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from maillage.core import cache
from maillage.core.actors import Viewer
from maillage.core.permissions import has_perm
from maillage.core.workflows import Transition
from maillage.governance import workflows
from maillage.governance.models import Circle, Deliverable, Invitation, Role, Workstream
from maillage.governance.rules import workflow_roles
from maillage.governance.selectors._common import (
    PAGES,
    _current_roles,
    _may_see_inside,
    _quorum_sectors,
    _tags,
    _today,
)
from maillage.governance.selectors.memberships import MemberRow, _people_seen


def _workstreams() -> QuerySet[Workstream]:
    return Workstream.objects.prefetch_related(
        Prefetch("sponsors", queryset=Circle.objects.order_by("name")), *_tags()
    )


def workstream_list(
    *, viewer: Viewer, include_archived: bool = False, status: str = "", past_sunset: bool = False
) -> QuerySet[Workstream]:
    """Workstreams as the public structure shows them, with their sponsoring circles;
    `past_sunset` keeps the running ones whose sunset date has passed (flagged)."""
    queryset = _workstreams()
    if not include_archived:
        queryset = queryset.filter(archived_at__isnull=True)
    if status:
        queryset = queryset.filter(status=status)
    if past_sunset:
        queryset = queryset.filter(status__in=workflows.RUNNING_STATES, sunset_date__lt=_today())
    return queryset.order_by("name", "pk")


@dataclass
class WorkstreamDetail:
    workstream: Workstream
    sponsors: list[Circle]
    roles: list[Role]
    can_view: bool  # members, holders, deliverables and invitations below are shown
    members: list[MemberRow]
    deliverables: list[Deliverable]
    invitations: list[Invitation]  # pending ones, for those who may invite
    transitions: list[Transition]  # those the viewer may fire now
    can_change: bool
    can_invite: bool
    can_manage_members: bool
    status_label: str = ""
    # Its workspace (announcements, documents, contacts): its members and staff.
    can_use_workspace: bool = False


@dataclass
class _WorkstreamContent:
    """What a workstream's page shows every viewer who may, or may not, see its inside (and its
    pending invitations): kept in the versioned cache until the next change to any of it."""

    workstream: Workstream
    sponsors: list[Circle]
    roles: list[Role]
    members: list[MemberRow]
    deliverables: list[Deliverable]
    invitations: list[Invitation]


def workstream_detail(*, viewer: Viewer, slug: str) -> WorkstreamDetail | None:
    """A workstream's page: its mandate and sponsors for everyone; its people, deliverables and
    invitations for partner members and its own participants (a guest of another workstream
    sees none of it). Its content is read once per change (`PAGES`)."""
    workstream = Workstream.objects.filter(slug=slug).first()
    if workstream is None:
        return None
    can_view = _may_see_inside(viewer, workstream)
    can_invite = has_perm(viewer, "governance.invite", workstream)
    with_invitations = can_view and can_invite
    now = timezone.now()
    # Pending invitations expire: those shown are kept for the hour at most.
    hour = now.replace(minute=0, second=0, microsecond=0) if with_invitations else None
    content = cache.fragment(
        PAGES,
        visibility=f"inside={can_view};invitations={with_invitations}",
        filters=["workstream", workstream.pk, _today().isoformat(), hour],
        render=lambda: _workstream_content(
            workstream.pk, can_view=can_view, invitations_after=hour
        ),
    )
    can_change = has_perm(viewer, "governance.change_workstream", workstream)
    transitions: list[Transition] = []
    if can_change and not workstream.is_archived:
        mine = workflow_roles(viewer, workstream)
        transitions = workflows.WORKSTREAM.available(workstream.status, mine)
    return WorkstreamDetail(
        workstream=content.workstream,
        sponsors=content.sponsors,
        roles=content.roles,
        can_view=can_view,
        members=content.members,
        deliverables=content.deliverables,
        invitations=content.invitations,
        transitions=transitions,
        can_change=can_change,
        can_invite=can_invite,
        can_manage_members=has_perm(viewer, "governance.manage_members", workstream),
        status_label=str(workflows.WORKSTREAM.state(workstream.status).label),
        can_use_workspace=has_perm(viewer, "governance.view_workspace", workstream),
    )


def _workstream_content(
    pk: int, *, can_view: bool, invitations_after: datetime | None
) -> _WorkstreamContent:
    workstream = _workstreams().prefetch_related(_current_roles(), _quorum_sectors()).get(pk=pk)
    _seen, roles, members, _count = _people_seen(can_view, workstream)
    deliverables: list[Deliverable] = []
    invitations: list[Invitation] = []
    if can_view:
        deliverables = list(
            workstream.deliverables.select_related("owner").order_by("position", "pk")
        )
        if invitations_after is not None:
            # Those still valid through the hour the content is kept for.
            invitations = list(
                workstream.invitations.filter(
                    accepted_at__isnull=True,
                    revoked_at__isnull=True,
                    expires_at__gt=invitations_after + timedelta(hours=1),
                ).order_by("-created_at")
            )
    return _WorkstreamContent(
        workstream=workstream,
        sponsors=list(workstream.sponsors.all()),
        roles=roles,
        members=members,
        deliverables=deliverables,
        invitations=invitations,
    )
