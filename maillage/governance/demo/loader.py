"""Writes the collaboration model's demo (`content`) through the services, once: what is already
there is not created again. People or territories that are missing are skipped and named."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from maillage.core.permissions import SYSTEM
from maillage.governance import services
from maillage.governance.demo.content import (
    CIRCLES,
    GUEST_EMAIL,
    MEMBER,
    MEMBER_EMAIL,
    STAFF_EMAIL,
    STARTED_DAYS_AGO,
    WORKSPACE_ANNOUNCEMENTS,
    WORKSPACE_DELIVERABLES,
    WORKSPACE_DOCUMENT,
    WORKSTREAMS,
    DemoCircle,
    DemoWorkstream,
    Name,
)
from maillage.governance.models import (
    Circle,
    Membership,
    MembershipSource,
    Policy,
    Role,
    RoleKind,
    Strategy,
    Workstream,
)
from maillage.governance.services import CircleData, DeliverableData, PolicyData
from maillage.network.models import Person, Seat
from maillage.territories.models import Territory, TerritoryType


class _Context:
    def __init__(self) -> None:
        self.today = timezone.localdate()
        self.strategies = {s.key: s for s in Strategy.objects.all()}
        self.territories: dict[str, Territory] = {}
        for territory in Territory.objects.exclude(type=TerritoryType.PROVINCE).exclude(
            type__in=[TerritoryType.MUNICIPALITY, TerritoryType.UNORGANIZED, TerritoryType.RESERVE]
        ):
            self.territories.setdefault(territory.code, territory)
        self.missing: set[str] = set()
        self.created = 0

    def person(self, name: Name) -> Person | None:
        if name == MEMBER:
            person = Person.objects.filter(user__email=MEMBER_EMAIL).first()
        else:
            person = Person.objects.filter(first_name=name[0], last_name=name[1]).first()
        if person is None:
            self.missing.add(" ".join(name))
        return person

    def seat(self, person: Person) -> Seat | None:
        return (
            Seat.objects.filter(holder=person, end_date__isnull=True)
            .order_by("start_date", "pk")
            .first()
        )

    def tags(self, demo: DemoCircle | DemoWorkstream) -> dict[str, Any]:
        return {
            "strategies": [self.strategies[k] for k in demo.strategies if k in self.strategies],
            "territories": [self.territories[c] for c in demo.territories if c in self.territories],
            "levels": list(demo.levels),
        }


@transaction.atomic
def load(*, stdout: Any) -> None:
    context = _Context()
    circles: dict[str, Circle] = {}
    for demo in CIRCLES:
        circles[demo.slug] = _circle(context, demo, circles)
    for demo_workstream in WORKSTREAMS:
        _workstream(context, demo_workstream, circles)
    stdout.write(
        _("%(circles)d circles, %(workstreams)d workstreams, %(policies)d policies.")
        % {
            "circles": Circle.objects.filter(archived_at__isnull=True).count(),
            "workstreams": Workstream.objects.filter(archived_at__isnull=True).count(),
            "policies": Policy.objects.count(),
        }
    )
    if context.missing:
        stdout.write(
            _("People not found in the network (skipped): %(names)s.")
            % {"names": ", ".join(sorted(context.missing))}
        )


def _circle(context: _Context, demo: DemoCircle, circles: dict[str, Circle]) -> Circle:
    if demo.parent:
        circle = Circle.objects.filter(slug=demo.slug).first()
    else:
        circle = Circle.objects.filter(parent__isnull=True).first()
    if circle is None:
        circle = services.circle_create(actor=SYSTEM, data=_circle_data(context, demo, circles))
    for kind, name in demo.holders.items():
        _hold(context, Role.objects.filter(circle=circle, kind=kind).first(), name, demo)
    for name in demo.members:
        _join(context, name, circle=circle)
    for policy in demo.policies:
        if not Policy.objects.filter(circle=circle, title=policy.title).exists():
            review = (
                context.today + dt.timedelta(days=policy.review_in_days)
                if policy.review_in_days is not None
                else None
            )
            services.policy_adopt(
                actor=SYSTEM,
                circle=circle,
                data=PolicyData(
                    title=policy.title,
                    text=policy.text,
                    review_date=review,
                    adopted_on=min(context.today - dt.timedelta(days=200), review or context.today),
                ),
            )
    return circle


def _circle_data(context: _Context, demo: DemoCircle, circles: dict[str, Circle]) -> CircleData:
    return CircleData(
        name=demo.name,
        slug=demo.slug,
        purpose=demo.purpose,
        parent=circles.get(demo.parent),
        domains=list(demo.domains),
        accountabilities=list(demo.accountabilities),
        mode=demo.mode,
        **context.tags(demo),
    )


def _hold(
    context: _Context, role: Role | None, name: Name, demo: DemoCircle | DemoWorkstream
) -> None:
    if role is None or role.archived_at is not None:
        return
    if role.assignments.filter(ended_at__isnull=True).exists():
        return
    person = context.person(name)
    if person is None:
        return
    # Elected terms end at different times, so the governance calendar has something to show.
    start = context.today - dt.timedelta(days=STARTED_DAYS_AGO.get(role.kind, 400))
    seat = context.seat(person)
    services.role_assign(actor=SYSTEM, role=role, person=person, seat=seat, start_date=start)


def _join(
    context: _Context,
    who: Name | Person,
    *,
    circle: Circle | None = None,
    workstream: Workstream | None = None,
    kind: str = "member",
) -> None:
    person = who if isinstance(who, Person) else context.person(who)
    if person is None:
        return
    group: dict[str, Any] = {"circle": circle} if circle else {"workstream": workstream}
    if Membership.objects.filter(
        person=person, source=MembershipSource.DIRECT, ended_at__isnull=True, **group
    ).exists():
        return
    seat = context.seat(person) if kind == "member" else None
    services.membership_join(
        actor=SYSTEM,
        person=person,
        kind=kind,
        seat=seat,
        start_date=context.today - dt.timedelta(days=90),
        **group,
    )


def _workstream(context: _Context, demo: DemoWorkstream, circles: dict[str, Circle]) -> None:
    workstream = Workstream.objects.filter(slug=demo.slug).first()
    sponsors = [circles[s] for s in demo.sponsors if s in circles]
    if workstream is None:
        if not sponsors:
            return
        workstream = services.workstream_create(
            actor=SYSTEM,
            data=services.WorkstreamData(
                name=demo.name,
                slug=demo.slug,
                sponsors=sponsors,
                mandate=demo.mandate,
                start_date=context.today - dt.timedelta(days=demo.started_days_ago),
                sunset_date=context.today + dt.timedelta(days=demo.sunset_in_days),
                deliverables=[DeliverableData(title=t) for t in demo.deliverables],
                **context.tags(demo),
            ),
        )
        if demo.launched:
            services.workstream_transition(actor=SYSTEM, workstream=workstream, transition="launch")
            first = workstream.deliverables.order_by("position").first()
            if first is not None:
                services.deliverable_set_done(actor=SYSTEM, deliverable=first, done=True)
    _hold(
        context,
        Role.objects.filter(workstream=workstream, kind=RoleKind.LEAD).first(),
        demo.lead,
        demo,
    )
    if not workstream.is_running:
        return
    for name in demo.members:
        _join(context, name, workstream=workstream)
    for name in demo.externals:
        _join(context, name, workstream=workstream, kind="external")
    if demo.guest_account:
        _guest(context, workstream)
        _workspace(context, workstream)


def _guest(context: _Context, workstream: Workstream) -> None:
    """The guest demo account takes part in one workstream, and sees only that one."""
    from maillage.network import services as network_services
    from maillage.network.services import PersonData

    person = Person.objects.filter(user__email=GUEST_EMAIL).first()
    if person is None:
        from maillage.core.models import User

        user = User.objects.filter(email=GUEST_EMAIL).first()
        if user is None:
            return
        person = Person.objects.filter(email=GUEST_EMAIL).first() or network_services.person_create(
            actor=SYSTEM,
            data=PersonData(
                first_name=user.first_name or "Invité", last_name=user.last_name, email=GUEST_EMAIL
            ),
        )
        if person.user_id is None:
            network_services.person_link_account(actor=SYSTEM, user=user, email=GUEST_EMAIL)
    _join(context, person, workstream=workstream, kind="guest")


def _workspace(context: _Context, workstream: Workstream) -> None:
    """Announcements by the demo's coordination staff, a document in two versions, and the
    deliverables' owners and due dates (once: what is already there is left alone)."""
    from django.core.files.base import ContentFile

    from maillage.core.models import User

    staff = User.objects.filter(email=STAFF_EMAIL).first() or SYSTEM
    if not workstream.announcements.exists():
        for title, text, pinned in reversed(WORKSPACE_ANNOUNCEMENTS):
            data = services.AnnouncementData(title=title, text=text, pinned=pinned)
            services.announcement_post(actor=staff, workstream=workstream, data=data)
    if not workstream.documents.exists():
        title, description, filename, versions = WORKSPACE_DOCUMENT
        first, *later = (ContentFile(text.encode("utf-8"), name=filename) for text in versions)
        document = services.document_add(
            actor=staff,
            workstream=workstream,
            data=services.DocumentData(title=title, description=description),
            upload=first,
        )
        for upload in later:
            services.document_version_add(
                actor=staff, document=document, upload=upload, note="Un lieu de plus."
            )
    guest = Person.objects.filter(user__email=GUEST_EMAIL).first()
    deliverables = workstream.deliverables.order_by("position", "pk")
    for deliverable, (name, days) in zip(deliverables, WORKSPACE_DELIVERABLES, strict=False):
        owner = context.person(name) if name else guest
        if deliverable.owner_id is None and owner is not None:
            services.deliverable_amend(
                actor=SYSTEM,
                deliverable=deliverable,
                data=DeliverableData(
                    title=deliverable.title,
                    due_date=context.today + dt.timedelta(days=days),
                    owner=owner,
                ),
            )
