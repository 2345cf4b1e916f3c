"""Every read of the meetings' pages, filtered to what the viewer may see, in a fixed number of
queries whatever the data."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from typing import Any

from django.db.models import Count, F, Prefetch, Q, QuerySet, Window
from django.utils import timezone

from maillage.core.actors import Viewer
from maillage.core.models import User
from maillage.core.permissions import has_perm
from maillage.decisions.models import Decision, MeetingQuorum, Process
from maillage.decisions.workflows import CLOSED, WORKFLOWS
from maillage.governance.models import Circle, Membership, Workstream
from maillage.governance.quorum import Present, QuorumResult, describe, quorum, rule_of
from maillage.governance.selectors import visibility
from maillage.meetings.models import (
    ActionItem,
    AgendaItem,
    Attendance,
    AttendanceStatus,
    Invitee,
    Meeting,
    Rsvp,
)
from maillage.meetings.workflows import COMING_STATES
from maillage.network.models import Organization, Person, Sector


def group_members(group: Circle | Workstream) -> list[Membership]:
    """The current members of `group`, one membership per person (one with a seat when they
    have several), with their seats, organizations, sectors and substitutes (four queries)."""
    where = {"circle": group} if isinstance(group, Circle) else {"workstream": group}
    seen: dict[int, Membership] = {}
    for membership in (
        Membership.objects.filter(ended_at__isnull=True, **where)
        .select_related("person", "seat__organization")
        .prefetch_related(
            Prefetch("seat__substitutes", queryset=Person.objects.order_by("last_name")),
            Prefetch("seat__organization__sectors", queryset=Sector.objects.all()),
        )
        .order_by("person__last_name", "person__first_name", "seat_id")
    ):
        kept = seen.get(membership.person_id)
        if kept is None or (kept.seat_id is None and membership.seat_id is not None):
            seen[membership.person_id] = membership
    return list(seen.values())


def may_see_group(viewer: Viewer, group: Circle | Workstream) -> bool:
    return has_perm(viewer, "meetings.view_meetings", group)


def group_meetings(*, viewer: Viewer, group: Circle | Workstream) -> QuerySet[Meeting]:
    """The meetings of `group`, the coming ones first then the past ones, newest first, with
    their numbers of agenda items and of people invited; none for a viewer who may not see
    them. To paginate (two queries a page)."""
    if not may_see_group(viewer, group):
        return Meeting.objects.none()
    where = Q(circle=group) if isinstance(group, Circle) else Q(workstream=group)
    return (
        Meeting.objects.filter(where)
        .annotate(
            item_count=Count("agenda_items", distinct=True),
            invitee_count=Count("invitees", distinct=True),
        )
        .order_by("-starts_at", "-pk")
    )


@dataclass(frozen=True)
class MeetingList:
    coming: QuerySet[Meeting]  # soonest first, to paginate
    recent: QuerySet[Meeting]  # the last few held or cancelled, newest first; read when drawn
    # Who may share a kept copy of the list (`LIST_CACHE`): everyone who sees the same groups.
    kept_as: str


RECENT_SHOWN = 10

# The meetings' list keeps its rows rendered, per set of groups its readers see, until a
# meeting, a circle or a workstream changes (`apps.MeetingsConfig.ready`).
LIST_CACHE = "meetings.list"


def meeting_list(*, viewer: Viewer) -> MeetingList:
    """The meetings of every circle and workstream whose meetings `viewer` may read (governance's
    visibility: every group for partner members and staff, a guest's own workstreams): the coming
    ones, and the few last past. Three queries a page whatever the number of meetings (the
    number of coming ones, a page of them, the recent ones), the count alone when the page's
    rows are kept (`LIST_CACHE`)."""
    seen = visibility(viewer)
    if seen.circles:
        where, kept_as = Q(), "all"
    elif seen.workstream_ids:
        where = Q(workstream_id__in=seen.workstream_ids)
        kept_as = "workstreams:" + ",".join(map(str, sorted(seen.workstream_ids)))
    else:
        none = Meeting.objects.none()
        return MeetingList(coming=none, recent=none, kept_as="none")
    meetings = Meeting.objects.filter(where).select_related("circle", "workstream")
    now = timezone.now()
    return MeetingList(
        coming=meetings.filter(ends_at__gte=now).order_by("starts_at", "pk"),
        recent=meetings.filter(ends_at__lt=now).order_by("-starts_at", "-pk")[:RECENT_SHOWN],
        kept_as=kept_as,
    )


# A meeting's attendance and quorum are followed live (its page asks for them again) from a
# little before it starts until a little after its planned end, while it is still planned: the
# secretary often records the attendance as people arrive, or late.
LIVE_MARGIN = dt.timedelta(minutes=30)


def is_live(meeting: Meeting, now: dt.datetime | None = None) -> bool:
    """Whether `meeting` is under way, give or take `LIVE_MARGIN`, and not yet held or
    cancelled."""
    now = now or timezone.now()
    return (
        meeting.is_coming
        and meeting.starts_at - LIVE_MARGIN <= now <= meeting.ends_at + LIVE_MARGIN
    )


# A meeting's page keeps its agenda, decisions, invitations, attendance and quorum rendered
# until one of the models they show changes (`apps.MeetingsConfig.ready`).
PAGE_CACHE = "meetings.page"


class MeetingDetail:
    """What a meeting's page and its minutes show, each part read when first asked: the page
    keeps most of its sections rendered (`PAGE_CACHE`), and then reads none of them."""

    def __init__(self, meeting: Meeting, viewer: Viewer | None = None) -> None:
        self.meeting = meeting
        self.viewer = viewer

    @cached_property
    def agenda(self) -> list[AgendaItem]:
        return _agenda(self.meeting)

    @cached_property
    def invitees(self) -> list[Invitee]:
        return list(self.meeting.invitees.select_related("person"))

    @cached_property
    def attendances(self) -> list[Attendance]:
        return _attendances(self.meeting)

    @cached_property
    def action_items(self) -> list[ActionItem]:
        return list(self.meeting.action_items.select_related("person", "agenda_item"))

    @cached_property
    def quorum(self) -> QuorumResult:
        return meeting_quorum(self.meeting, self.attendances)

    @cached_property
    def quorum_rules(self) -> Sequence[str]:
        """The group's quorum rules, in words."""
        return describe(self.quorum.rule)

    @property
    def attendance_recorded(self) -> bool:
        return bool(self.attendances)

    @cached_property
    def my_invite(self) -> Invitee | None:
        """The viewer's invitation (one query, whatever the number invited)."""
        if not isinstance(self.viewer, User):
            return None
        return self.meeting.invitees.filter(person__user_id=self.viewer.pk).first()

    @cached_property
    def answers(self) -> dict[str, int]:
        answers = dict.fromkeys(Rsvp.values, 0)
        for invitee in self.invitees:
            if invitee.rsvp:
                answers[invitee.rsvp] += 1
        return answers

    @cached_property
    def next_meeting(self) -> Meeting | None:
        return next_meeting(self.meeting) if self.meeting.was_held else None

    @cached_property
    def decisions(self) -> list[Decision]:
        return list(meeting_decisions(self.meeting))


def _present(attendances: Iterable[Attendance]) -> list[Present]:
    """Who counts for quorum: those present (for their seat's organization, if any) and the
    substitutes who stood in (for the seat they filled)."""
    found: list[Present] = []
    for row in attendances:
        seat = row.seat
        organization: Organization | None = seat.organization if seat is not None else None
        organizations = frozenset({organization.pk}) if organization else frozenset()
        sectors = (
            frozenset(s.pk for s in organization.sectors.all()) if organization else frozenset()
        )
        if row.status == AttendanceStatus.PRESENT:
            found.append(Present(row.person_id, organizations, sectors))
        elif row.status == AttendanceStatus.REPRESENTED and row.substitute_id is not None:
            found.append(Present(row.substitute_id, organizations, sectors))
    return found


def meeting_quorum(meeting: Meeting, attendances: Iterable[Attendance]) -> QuorumResult:
    """The quorum of `meeting` from its recorded attendance (seats' organizations and their
    sectors prefetched) and its group's rules (required sectors prefetched)."""
    return quorum(rule_of(meeting.group), _present(attendances))


def meetings_with_group() -> QuerySet[Meeting]:
    """Meetings with their group, its quorum's required sectors and the people named."""
    return Meeting.objects.select_related(
        "circle", "workstream", "facilitator", "secretary", "minutes_adopted_at"
    ).prefetch_related(
        Prefetch("circle__quorum_required_sectors", queryset=Sector.objects.all()),
        Prefetch("workstream__quorum_required_sectors", queryset=Sector.objects.all()),
    )


def _attendances(meeting: Meeting) -> list[Attendance]:
    return list(
        Attendance.objects.filter(meeting=meeting)
        .select_related("person", "substitute", "seat__organization")
        .prefetch_related(Prefetch("seat__organization__sectors", queryset=Sector.objects.all()))
    )


def meeting_detail(
    *, viewer: Viewer, pk: int, meeting: Meeting | None = None
) -> MeetingDetail | None:
    """A meeting whose agenda, invitations, attendance, quorum and action items are read when
    asked (about a dozen queries whatever the meeting's size), or None if the viewer may not
    see it; `meeting`, when the page already read it (with its circle or workstream: the people
    it names and its group's quorum rules are read when the page draws them)."""
    if meeting is None or meeting.pk != pk:
        meeting = meetings_with_group().filter(pk=pk).first()
    if meeting is None or not has_perm(viewer, "meetings.view_meeting", meeting):
        return None
    return MeetingDetail(meeting, viewer)


def next_meeting(meeting: Meeting) -> Meeting | None:
    """The group's next meeting after `meeting`, not cancelled: where its minutes are adopted."""
    group = Q(circle=meeting.circle) if meeting.circle_id else Q(workstream=meeting.workstream)
    return (
        Meeting.objects.filter(group, starts_at__gt=meeting.starts_at)
        .exclude(state="cancelled")
        .order_by("starts_at", "pk")
        .first()
    )


def minutes_content(meeting: Meeting) -> MeetingDetail:
    """What the minutes hold (the platform reads it: no viewer)."""
    return MeetingDetail(meetings_with_group().get(pk=meeting.pk))


# Decisions


def _agenda(meeting: Meeting) -> list[AgendaItem]:
    """The agenda, each item with the process it takes up and that process's decision."""
    return list(meeting.agenda_items.select_related("presenter", "process__decision"))


def _end_of_day(moment: dt.datetime) -> dt.datetime:
    """The start of the day after `moment`'s, in local time."""
    day = timezone.localdate(moment) + dt.timedelta(days=1)
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def meeting_decisions(meeting: Meeting) -> QuerySet[Decision]:
    """The decisions taken in `meeting`: those of the processes on its agenda decided from the
    meeting's start to the end of the day it ends (local time: a round closed a little late is
    still the meeting's), the meeting not cancelled. In the order they were taken."""
    if meeting.state == "cancelled":
        return Decision.objects.none()
    return Decision.objects.filter(
        process__in=AgendaItem.objects.filter(meeting=meeting, process__isnull=False).values(
            "process_id"
        ),
        decided_at__gte=meeting.starts_at,
        decided_at__lt=_end_of_day(meeting.ends_at),
    ).order_by("decided_at", "pk")


def decision_meeting(decision: Decision) -> Meeting | None:
    """The meeting in which `decision` was taken (see `meeting_decisions`), or None; the first
    one if its process was on the agenda of two meetings that day."""
    for meeting in (
        meetings_with_group()
        .filter(agenda_items__process_id=decision.process_id)
        .exclude(state="cancelled")
        .filter(starts_at__lte=decision.decided_at)
        .order_by("starts_at", "pk")
        .distinct()
    ):
        if decision.decided_at < _end_of_day(meeting.ends_at):
            return meeting
    return None


def quorum_state(meeting: Meeting) -> str:
    """Whether `meeting` had its quorum (`decisions.models.MeetingQuorum`): unknown until its
    attendance is recorded."""
    attendances = _attendances(meeting)
    if not attendances:
        return MeetingQuorum.UNKNOWN
    met = meeting_quorum(meeting, attendances).met
    return MeetingQuorum.MET if met else MeetingQuorum.NOT_MET


def open_processes(group: Circle | Workstream, current: Process | None = None) -> QuerySet[Process]:
    """The decision processes an agenda item of `group` may take up: those presented and not
    closed (a draft is its proposer's until presented), and the item's `current` one."""
    where = Q(circle=group) if isinstance(group, Circle) else Q(workstream=group)
    # Every kind of process, each with its own workflow.
    running = where & Q(
        *(
            Q(kind=kind) & ~Q(state__in=[*workflow.keys_tagged(CLOSED), workflow.initial])
            for kind, workflow in WORKFLOWS.items()
        ),
        _connector=Q.OR,
    )
    if current is not None:
        running |= Q(pk=current.pk)
    return Process.objects.filter(running).order_by("-created_at", "-pk")


def meeting_invitees(meeting: Meeting) -> list[Invitee]:
    return list(meeting.invitees.select_related("person__user"))


# My space

MY_ACTION_ITEMS_SHOWN = 10


@dataclass
class MyActionItems:
    items: list[ActionItem]
    total: int
    today: date


def my_action_items(*, viewer: Viewer) -> MyActionItems:
    """The action items the viewer carries and has not done, soonest due first, from meetings
    they may still see (one query)."""
    today = timezone.localdate()
    if not isinstance(viewer, User):
        return MyActionItems([], 0, today)
    items = ActionItem.objects.filter(person__user_id=viewer.pk, done=False).exclude(
        meeting__state="cancelled"
    )
    if not has_perm(viewer, "governance.view_circle"):
        # A guest or an external actor: the meetings of the workstreams they belong to, asked
        # within the same query.
        items = items.filter(
            meeting__workstream_id__in=Membership.objects.filter(
                person__user_id=viewer.pk, ended_at__isnull=True, workstream__isnull=False
            ).values("workstream_id")
        )
    # The total rides along with the first rows (a window over the whole selection).
    shown: list[Any] = list(
        items.annotate(total=Window(Count("pk")))
        .select_related("meeting__circle", "meeting__workstream")
        .order_by(F("due_date").asc(nulls_last=True), "pk")[:MY_ACTION_ITEMS_SHOWN]
    )
    return MyActionItems(shown, shown[0].total if shown else 0, today)


MY_INVITATIONS_SHOWN = 5


def my_meeting_invitations(*, viewer: Viewer) -> list[Meeting]:
    """The coming meetings the viewer is invited to and has not answered yet, soonest first
    (one query)."""
    if not isinstance(viewer, User):
        return []
    return list(
        Meeting.objects.filter(
            state__in=COMING_STATES,
            starts_at__gte=timezone.now(),
            invitees__person__user_id=viewer.pk,
            invitees__rsvp="",
        )
        .select_related("circle", "workstream")
        .order_by("starts_at", "pk")[:MY_INVITATIONS_SHOWN]
    )
