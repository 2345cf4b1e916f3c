"""Factories of the decisions app: members of a circle (seated or not, substitutes), and
processes brought to a given step through the services."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from maillage.core.models import User
from maillage.core.permissions import SYSTEM
from maillage.core.roles import Role as PlatformRole
from maillage.decisions import services
from maillage.decisions.models import Decision, Poll, Process, ProcessMode, Visibility
from maillage.governance.models import Circle, Membership, Workstream
from maillage.governance.tests.factories import (  # noqa: F401 (re-exported for the tests)
    CircleFactory,
    OrganizationFactory,
    PersonFactory,
    SeatFactory,
    WorkstreamFactory,
    general_circle,
    user_with_person,
)
from maillage.network.models import Organization, Seat


def _group(group: Circle | Workstream) -> dict[str, Any]:
    return {"circle": group} if isinstance(group, Circle) else {"workstream": group}


def member_of(group: Circle | Workstream, role: str = PlatformRole.MEMBER, **person: Any) -> User:
    """An account whose person is a member of `group` in their own name."""
    user = user_with_person(role, **person)
    Membership.objects.create(person=user.person, **_group(group))
    return user


def seated_member(
    group: Circle | Workstream, organization: Organization | None = None, **person: Any
) -> tuple[User, Seat]:
    """An account whose person sits in `group` for `organization` (a new one by default)."""
    user = user_with_person(PlatformRole.MEMBER, **person)
    seat = SeatFactory(organization=organization or OrganizationFactory(), holder=user.person)
    Membership.objects.create(person=user.person, seat=seat, **_group(group))
    return user, seat


def substitute_on(seat: Seat, **person: Any) -> User:
    """An account whose person is a substitute on `seat` (not a member themselves)."""
    user = user_with_person(PlatformRole.MEMBER, **person)
    seat.substitutes.add(user.person)
    return user


def in_an_hour() -> dt.datetime:
    return timezone.now() + dt.timedelta(hours=1)


def start(
    group: Circle | Workstream,
    actor: Any = SYSTEM,
    *,
    facilitator: User | None = None,
    **data: Any,
) -> Process:
    values = {"title": "Adopter le calendrier", "proposal": "Nous proposons un calendrier."}
    values.update(data)
    return services.process_start(
        actor=actor,
        data=services.ProcessData(**_group(group), facilitator=facilitator, **values),
    )


def to_consent_round(process: Process, actor: Any = SYSTEM) -> Process:
    """Present the proposal and run its rounds up to the consent round (the deadline in an
    hour, for an asynchronous process)."""
    for step in ("present", "open_clarifying", "open_reactions"):
        process = services.process_transition(actor=actor, process=process, transition=step)
    return services.process_transition(
        actor=actor,
        process=process,
        transition="open_consent",
        deadline=in_an_hour() if process.mode == "async" else None,
    )


def live_public_round(circle: Any) -> Process:
    """A public proposal of the `circle` fixture's circle, by Chloé, facilitated live by Fanny,
    at its consent round."""
    return to_consent_round(
        start(
            circle.circle,
            circle.chloe,
            facilitator=circle.fanny,
            mode=ProcessMode.LIVE,
            visibility=Visibility.PUBLIC,
        )
    )


def recorded(
    group: Circle | Workstream,
    title: str = "Décision",
    *,
    decided_at: dt.datetime | None = None,
    **fields: Any,
) -> Decision:
    """A decision in the register as a consent process leaves it, written directly (the
    register's tests need many, and what they test is read, not taken)."""
    process = Process.objects.create(
        **_group(group), title=title, proposal=fields.get("text", title), state="consented"
    )
    values = {
        "text": title,
        "kind": process.kind,
        "decided_at": decided_at or timezone.now(),
        "effective_date": timezone.localdate(),
    } | fields
    return Decision.objects.create(process=process, title=title, **_group(group), **values)


def recorded_in_bulk(group: Circle | Workstream, count: int, **fields: Any) -> None:
    """`count` decisions of `group`, their processes and themselves each in one query."""
    now = timezone.now()
    processes = Process.objects.bulk_create(
        Process(**_group(group), title=f"Décision {n}", proposal="Texte.", state="consented")
        for n in range(count)
    )
    Decision.objects.bulk_create(
        Decision(
            process=process,
            **_group(group),
            title=process.title,
            text="Texte de la décision.",
            kind=process.kind,
            decided_at=now - dt.timedelta(minutes=n),
            effective_date=timezone.localdate(now),
            **fields,
        )
        for n, process in enumerate(processes)
    )


def poll_in(
    group: Circle | Workstream,
    actor: Any = SYSTEM,
    *,
    variant: str = "proposal",
    opened: bool = True,
    facilitator: User | None = None,
    **data: Any,
) -> Poll:
    """A poll of `group` (options "Option A", "B", "C" unless given), opened by the platform
    unless `opened` is False; it closes in three days."""
    values: dict[str, Any] = {
        "title": "Choisir la date du forum",
        "question": "Quelle option retenir?",
        "closes_at": timezone.now() + dt.timedelta(days=3),
    }
    if variant == "time":
        start_at = timezone.now().replace(minute=0, second=0, microsecond=0)
        values["times"] = [start_at + dt.timedelta(days=7 + i) for i in range(3)]
    elif variant != "proposal":
        values["options"] = ["Option A", "Option B", "Option C"]
    values.update(data)
    poll = services.poll_start(
        actor=actor,
        data=services.PollData(**_group(group), variant=variant, facilitator=facilitator, **values),
    )
    if opened:
        services.poll_transition(actor=SYSTEM, poll=poll, transition="open")
    return poll
