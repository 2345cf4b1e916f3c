"""The governance calendar: its events, whom to remind of them, and the private iCal feed."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import cached_property
from typing import Any

from django.conf import settings
from django.db.models import Q
from django.utils import timezone
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy

from maillage.core.actors import Viewer
from maillage.core.models import User
from maillage.core.permissions import has_perm
from maillage.core.templatetags.maillage import fr
from maillage.core.text import elide
from maillage.governance import workflows
from maillage.governance.calendar_sources import EventWindow, calendar_sources, kind_label
from maillage.governance.feeds import feed_check, feed_token, feed_user_id
from maillage.governance.models import (
    CalendarFeed,
    Circle,
    Policy,
    PolicyStatus,
    ReminderKind,
    RoleAssignment,
    RoleKind,
    Workstream,
)
from maillage.governance.paths import group_url, page_url
from maillage.governance.selectors._common import _today, visibility
from maillage.network.models import Person


@dataclass(frozen=True)
class CalendarEvent:
    kind: str  # a ReminderKind value
    date: date
    object_id: int
    title: str  # what the event is about (a policy, "role — person", a workstream)
    summary: str  # one line: "Policy review: …"
    description: str  # plain text, for the iCal feed
    description_html: str  # safe markup, for the page: the names in it marked French
    url: str
    circle: Circle | None = None
    workstream: Workstream | None = None
    # A timed event (a meeting) has its moments; a date alone is an all-day event.
    starts_at: datetime | None = None
    ends_at: datetime | None = None
    location: str = ""

    @property
    def uid(self) -> str:
        """Stable across feeds and runs: the same object's event keeps its UID when its date
        moves, so calendar clients update it instead of adding another."""
        region = getattr(settings, "MAILLAGE_REGION_CODE", "00")
        return f"governance-{self.kind.replace('_', '-')}-{self.object_id}@maillage-{region}"

    @property
    def kind_label(self) -> str:
        return kind_label(self.kind)


def _sentence(text: str, *, person: object = None, **names: object) -> dict[str, Any]:
    """The `description` of an event, `text` (translated) filled with `names` (and a `person`),
    for the iCal feed, and its `description_html` for the calendar page, where the names, written
    in French, carry their language on an English page (a person's name is a proper noun)."""
    plain = {key: str(value) for key, value in names.items()}
    marked = {key: fr(value) for key, value in names.items()}
    if person is not None:
        plain["person"] = str(person)
        marked["person"] = conditional_escape(str(person))
    return {
        "description": elide(text % plain),
        # The sentence and every name in it are escaped.
        "description_html": elide(mark_safe(conditional_escape(text) % marked)),
    }


# What each kind of event says: a one-line summary and a sentence, both filled with the event's
# names (the summary with its title too).
_WORDING = {
    ReminderKind.POLICY_REVIEW: (
        gettext_lazy("Policy review: %(title)s"),
        gettext_lazy("The policy “%(title)s” of the circle “%(circle)s” is due for review."),
    ),
    ReminderKind.TERM_END: (
        gettext_lazy("Term end: %(title)s"),
        gettext_lazy(
            "The term of %(person)s as “%(role)s” in “%(group)s” ends: time to hold an election."
        ),
    ),
    ReminderKind.SUNSET: (
        gettext_lazy("Workstream sunset: %(name)s"),
        gettext_lazy(
            "The workstream “%(name)s” reaches its sunset date: complete it or renew its mandate."
        ),
    ),
}


def _event(
    kind: ReminderKind,
    when: date | None,
    source: Policy | RoleAssignment | Workstream,
    title: str,
    names: dict[str, str],
    *,
    url: str,
    person: Person | None = None,
    circle: Circle | None = None,
    workstream: Workstream | None = None,
) -> CalendarEvent:
    assert when is not None
    summary, sentence = _WORDING[kind]
    return CalendarEvent(
        kind=kind,
        date=when,
        object_id=source.pk,
        title=title,
        summary=str(summary) % ({"title": title} | names),
        **_sentence(str(sentence), person=person, **names),
        url=url,
        circle=circle,
        workstream=workstream,
    )


def _events(
    *,
    start: date,
    end: date,
    circle_ids: set[int] | None,
    workstream_ids: set[int] | None,
    limit: int | None = None,
    sources: bool = True,
) -> list[CalendarEvent]:
    """Events between `start` and `end` (inclusive) in the given circles and workstreams
    (None: all of them), or only the first `limit` of them. Three queries, and those of each
    registered source (`calendar_sources`) unless `sources` is False."""
    policies = Policy.objects.filter(
        review_date__gte=start,
        review_date__lte=end,
        status__in=[PolicyStatus.ACTIVE, PolicyStatus.UNDER_REVIEW],
        circle__archived_at__isnull=True,
    ).select_related("circle")
    if circle_ids is not None:
        policies = policies.filter(circle_id__in=circle_ids)
    if limit is not None:
        policies = policies.order_by("review_date", "pk")[:limit]
    events = [
        _event(
            ReminderKind.POLICY_REVIEW,
            policy.review_date,
            policy,
            policy.title,
            {"title": policy.title, "circle": policy.circle.name},
            url=page_url("policy_detail", pk=policy.pk),
            circle=policy.circle,
        )
        for policy in policies
    ]
    assignments = RoleAssignment.objects.filter(
        ended_at__isnull=True,
        term_end__gte=start,
        term_end__lte=end,
        role__archived_at__isnull=True,
    ).select_related("role__circle", "role__workstream", "person")
    if circle_ids is not None or workstream_ids is not None:
        in_circles = (
            Q(role__circle__isnull=False)
            if circle_ids is None
            else Q(role__circle_id__in=circle_ids)
        )
        in_workstreams = (
            Q(role__workstream__isnull=False)
            if workstream_ids is None
            else Q(role__workstream_id__in=workstream_ids)
        )
        assignments = assignments.filter(in_circles | in_workstreams)
    if limit is not None:
        assignments = assignments.order_by("term_end", "pk")[:limit]
    for assignment in assignments:
        role = assignment.role
        group: Circle | Workstream | None = role.circle or role.workstream
        assert group is not None
        events.append(
            _event(
                ReminderKind.TERM_END,
                assignment.term_end,
                assignment,
                f"{role.name} — {assignment.person}",
                {"role": role.name, "group": group.name},
                person=assignment.person,
                url=group_url(group),
                circle=role.circle,
                workstream=role.workstream,
            )
        )
    workstreams = Workstream.objects.filter(
        archived_at__isnull=True,
        status__in=workflows.RUNNING_STATES,
        sunset_date__gte=start,
        sunset_date__lte=end,
    )
    if workstream_ids is not None:
        workstreams = workstreams.filter(pk__in=workstream_ids)
    if limit is not None:
        workstreams = workstreams.order_by("sunset_date", "pk")[:limit]
    events += [
        _event(
            ReminderKind.SUNSET,
            workstream.sunset_date,
            workstream,
            workstream.name,
            {"name": workstream.name},
            url=page_url("workstream_detail", slug=workstream.slug),
            workstream=workstream,
        )
        for workstream in workstreams
    ]
    if sources:
        window = EventWindow(
            start=start,
            end=end,
            circle_ids=circle_ids,
            workstream_ids=workstream_ids,
            limit=limit,
        )
        for source in calendar_sources():
            events += source.events(window)
    # All-day events first on their day, then timed ones by their hour.
    events.sort(key=lambda e: (e.date, _hour(e), e.kind, e.title))
    return events if limit is None else events[:limit]


def _hour(event: CalendarEvent) -> str:
    return timezone.localtime(event.starts_at).strftime("%H:%M") if event.starts_at else ""


def calendar_events(
    *, viewer: Viewer, start: date | None = None, end: date | None = None
) -> list[CalendarEvent]:
    """Upcoming policy reviews, term ends and workstream sunsets the viewer may see: all of them
    for partner members and above, those of their own workstreams for a guest or an external
    actor, nothing for others. From today to a year ahead unless told otherwise."""
    if not has_perm(viewer, "governance.view_calendar"):
        return []
    start = start or _today()
    end = end or start + timedelta(days=366)
    seen = visibility(viewer)
    if seen.circles:
        return _events(start=start, end=end, circle_ids=None, workstream_ids=None)
    if not seen.workstream_ids:
        return []
    return _events(start=start, end=end, circle_ids=set(), workstream_ids=set(seen.workstream_ids))


def upcoming_events(
    *,
    viewer: Viewer,
    circle_ids: set[int],
    workstream_ids: set[int],
    limit: int,
    days: int = 366,
) -> list[CalendarEvent]:
    """The next `limit` events of these circles and workstreams within `days`, among those the
    viewer may see (My space: the person's own groups). Three queries at most, whatever the
    number of events."""
    if not has_perm(viewer, "governance.view_calendar"):
        return []
    seen = visibility(viewer)
    circles = set(circle_ids) if seen.circles else set()
    workstreams = {pk for pk in workstream_ids if seen.workstream(pk)}
    if not circles and not workstreams:
        return []
    start = _today()
    return _events(
        start=start,
        end=start + timedelta(days=days),
        circle_ids=circles,
        workstream_ids=workstreams,
        limit=limit,
    )


# The private feed: events of the last month (still in calendar applications a while after they
# passed) and of the coming six months; the calendar page reaches the rest month by month.
FEED_DAYS_BACK = 31
FEED_DAYS_AHEAD = 183


def calendar_feed_events(*, viewer: Viewer) -> list[CalendarEvent]:
    """The events of the private iCal feed: those the viewer may see in the feed's window."""
    today = _today()
    return calendar_events(
        viewer=viewer,
        start=today - timedelta(days=FEED_DAYS_BACK),
        end=today + timedelta(days=FEED_DAYS_AHEAD),
    )


def calendar_feed_visibility(viewer: Viewer) -> str:
    """What makes two feeds differ (beyond the day and language): every event for partner
    members and above, a guest's or an external actor's own workstreams, nothing for others."""
    if not has_perm(viewer, "governance.view_calendar"):
        return "none"
    seen = visibility(viewer)
    if seen.circles:
        return "all"
    return "workstreams:" + ",".join(map(str, sorted(seen.workstream_ids)))


# The months the calendar page can show, far enough for any term or review.
MONTH_YEARS = (2000, 2100)


@dataclass(frozen=True)
class CalendarMonth:
    month: date  # its first day
    previous: date
    next: date
    is_current: bool
    visibility: str  # what makes two viewers' months differ (`calendar_feed_visibility`)
    read: Callable[[], list[CalendarEvent]] = field(repr=False, compare=False)

    @cached_property
    def events(self) -> list[CalendarEvent]:
        """Read when first asked: the page keeps the rendered month until a change."""
        return self.read()


def parse_month(value: str | None) -> date | None:
    """A month written "YYYY-MM" (what `<input type="month">` sends), None when it is not one or
    lies outside the years the calendar offers."""
    found = re.fullmatch(r"(\d{4})-(\d{1,2})", (value or "").strip(), flags=re.ASCII)
    if found is None:
        return None
    year, month = int(found[1]), int(found[2])
    if not (MONTH_YEARS[0] <= year <= MONTH_YEARS[1] and 1 <= month <= 12):
        return None
    return date(year, month, 1)


def _shift(month: date, months: int) -> date:
    index = month.year * 12 + month.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def calendar_month(*, viewer: Viewer, month: date | None = None) -> CalendarMonth:
    """One month of the calendar (the current one by default), with its neighbours for links.
    Its events are read when first asked (the queries of `calendar_events`, whatever the
    month)."""
    current = _today().replace(day=1)
    month = (month or current).replace(day=1)
    following = _shift(month, 1)
    return CalendarMonth(
        month=month,
        previous=_shift(month, -1),
        next=following,
        is_current=month == current,
        visibility=calendar_feed_visibility(viewer),
        read=lambda: calendar_events(viewer=viewer, start=month, end=following - timedelta(days=1)),
    )


@dataclass
class PlannedReminder:
    event: CalendarEvent
    recipients: list[User]
    without_account: list[str]  # people concerned who have no account to notify


def reminder_plan(*, start: date, end: date) -> list[PlannedReminder]:
    """Every event between `start` and `end` with the people to remind: the holder for a term
    end; the circle's lead link and secretary for a policy review; the workstream's lead link and
    its sponsoring circles' lead links for a sunset. Five queries. The events of other apps'
    sources are theirs to remind."""
    events = _events(start=start, end=end, circle_ids=None, workstream_ids=None, sources=False)
    if not events:
        return []
    sunset_ids = [e.object_id for e in events if e.kind == ReminderKind.SUNSET]
    sponsors: dict[int, list[int]] = defaultdict(list)
    for workstream_id, circle_id in Workstream.sponsors.through.objects.filter(
        workstream_id__in=sunset_ids, circle__archived_at__isnull=True
    ).values_list("workstream_id", "circle_id"):
        sponsors[workstream_id].append(circle_id)
    holders = (
        RoleAssignment.objects.filter(
            ended_at__isnull=True,
            role__archived_at__isnull=True,
        )
        .filter(
            Q(
                role__kind__in=[RoleKind.LEAD, RoleKind.SECRETARY],
                role__circle_id__in={e.circle.pk for e in events if e.circle is not None}
                | {c for ids in sponsors.values() for c in ids},
            )
            | Q(role__kind=RoleKind.LEAD, role__workstream_id__in=sunset_ids)
        )
        .select_related("person__user", "role")
    )
    circle_holders: dict[int, dict[str, list[Person]]] = defaultdict(lambda: defaultdict(list))
    workstream_leads: dict[int, list[Person]] = defaultdict(list)
    for a in holders:
        if a.role.circle_id:
            circle_holders[a.role.circle_id][a.role.kind].append(a.person)
        elif a.role.workstream_id:
            workstream_leads[a.role.workstream_id].append(a.person)
    term_people = {
        a.pk: a.person
        for a in RoleAssignment.objects.filter(
            pk__in=[e.object_id for e in events if e.kind == ReminderKind.TERM_END]
        ).select_related("person__user")
    }
    plan: list[PlannedReminder] = []
    for event in events:
        people: list[Person] = []
        if event.kind == ReminderKind.TERM_END:
            people = [term_people[event.object_id]]
        elif event.kind == ReminderKind.POLICY_REVIEW and event.circle is not None:
            by_kind = circle_holders.get(event.circle.pk, {})
            people = [*by_kind.get(RoleKind.LEAD, []), *by_kind.get(RoleKind.SECRETARY, [])]
        elif event.kind == ReminderKind.SUNSET:
            people = list(workstream_leads.get(event.object_id, []))
            for circle_id in sponsors.get(event.object_id, []):
                people += circle_holders.get(circle_id, {}).get(RoleKind.LEAD, [])
        recipients: dict[int, User] = {}
        without: list[str] = []
        for person in people:
            user = person.user
            if user is not None and user.is_active:
                recipients.setdefault(user.pk, user)
            elif str(person) not in without:
                without.append(str(person))
        plan.append(
            PlannedReminder(
                event=event, recipients=list(recipients.values()), without_account=without
            )
        )
    return plan


# The private iCal feed


def calendar_feed_token(user: User) -> str:
    """The token of `user`'s iCal feed link (one query)."""
    generation = (
        CalendarFeed.objects.filter(user=user).values_list("generation", flat=True).first() or 0
    )
    return feed_token(user.pk, generation)


def calendar_feed_user(token: str) -> User | None:
    """The active account whose current feed link carries `token`, or None (a bad, forged or
    reset token). Two queries at most."""
    user_id = feed_user_id(token)
    if user_id is None:
        return None
    user = (
        User.objects.filter(pk=user_id, is_active=True)
        .select_related("governance_calendar_feed")
        .first()
    )
    if user is None:
        return None
    feed = getattr(user, "governance_calendar_feed", None)
    return user if feed_check(token, user.pk, feed.generation if feed else 0) else None
