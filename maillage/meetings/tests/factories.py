"""Factories of the meetings app; governance and network rows come from their apps'
factories."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import factory
from django.utils import timezone

from maillage.core.permissions import SYSTEM
from maillage.core.roles import Role as PlatformRole
from maillage.governance.models import Circle, Membership
from maillage.governance.tests.factories import (
    CircleFactory,
    OrganizationFactory,
    PersonFactory,
    SeatFactory,
    sector,
    user_with_person,
)
from maillage.meetings import services
from maillage.meetings.models import Meeting


def moment(days: int, hour: int = 13) -> dt.datetime:
    """A moment `days` from today at `hour` o'clock, local time."""
    day = timezone.localdate() + dt.timedelta(days=days)
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    circle = factory.SubFactory(CircleFactory)
    title = factory.Sequence(lambda n: f"Rencontre {n}")
    place = "Salle du conseil, Baie-Saint-Paul"
    starts_at = factory.LazyFunction(lambda: moment(7))
    ends_at = factory.LazyAttribute(lambda m: m.starts_at + dt.timedelta(hours=2))


def member_with_seat(circle: Circle, sector_key: str, *, substitute: bool = False, **person):
    """A partner member of `circle` sitting for an organization of `sector_key` (with a
    substitute on the seat when asked), as an account with its Person."""
    user = user_with_person(PlatformRole.MEMBER, **person)
    organization = OrganizationFactory(sectors=[sector(sector_key)])
    seat = SeatFactory(
        organization=organization,
        holder=user.person,
        substitutes=[PersonFactory()] if substitute else None,
    )
    Membership.objects.create(person=user.person, circle=circle, seat=seat)
    return user


def table(*, required: str = "sante-services-sociaux") -> SimpleNamespace:
    """A circle whose quorum asks 2 seats and the sector `required`, with three members sitting
    for a community, a municipal and a health organization (the health seat has a substitute),
    a facilitator (one of them), and a coming meeting."""
    circle = CircleFactory(name="Cercle de la table", quorum_seats=2)
    circle.quorum_required_sectors.set([sector(required)])
    community = member_with_seat(circle, "communautaire", first_name="Aline", last_name="Tremblay")
    municipal = member_with_seat(circle, "municipal", first_name="Bruno", last_name="Gagnon")
    health = member_with_seat(
        circle, "sante-services-sociaux", substitute=True, first_name="Chloé", last_name="Roy"
    )
    meeting = services.meeting_plan(
        actor=SYSTEM,
        group=circle,
        data=services.MeetingData(
            title="Rencontre de la table",
            starts_at=moment(7),
            ends_at=moment(7, 15),
            place="Salle du conseil, Baie-Saint-Paul",
            facilitator=community.person,
        ),
    )
    return SimpleNamespace(
        circle=circle, community=community, municipal=municipal, health=health, meeting=meeting
    )
