"""Factories of the governance app; network rows come from the network app's factories."""

from __future__ import annotations

import datetime as dt
from typing import Any

import factory
from django.utils import timezone

from maillage.core.permissions import SYSTEM
from maillage.core.roles import Role as PlatformRole
from maillage.core.tests.factories import user_with_role
from maillage.governance import services
from maillage.governance.models import (
    Circle,
    Deliverable,
    Membership,
    Policy,
    PolicyVersion,
    Role,
    RoleAssignment,
    RoleKind,
    Strategy,
    Workstream,
)
from maillage.network.tests.factories import (  # noqa: F401 (re-exported for the tests)
    FunctionFactory,
    OrganizationFactory,
    PersonFactory,
    SeatFactory,
    mrc,
    region,
    sector,
)


def strategy(key: str) -> Strategy:
    """One of the four strategies seeded by the governance migration."""
    return Strategy.objects.get(key=key)


def days(n: int) -> dt.date:
    """The date `n` days from today."""
    return timezone.localdate() + dt.timedelta(days=n)


def general_circle() -> Circle:
    circle = Circle.objects.filter(parent__isnull=True).first()
    if circle is None:
        circle = Circle.objects.create(name="Cercle général", slug="cercle-general")
    return circle


class CircleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Circle
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Cercle {n}")
    slug = factory.Sequence(lambda n: f"cercle-{n}")
    purpose = "Agir ensemble."
    parent = factory.LazyFunction(general_circle)


class WorkstreamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Workstream
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Chantier {n}")
    slug = factory.Sequence(lambda n: f"chantier-{n}")
    mandate = "Documenter et proposer."
    status = "active"

    @factory.post_generation
    def sponsors(obj, create, extracted, **kwargs):
        if create:
            obj.sponsors.set(extracted or [general_circle()])


class RoleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Role

    circle = factory.SubFactory(CircleFactory)
    workstream = None
    name = factory.Sequence(lambda n: f"Rôle {n}")
    kind = RoleKind.CUSTOM


class RoleAssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RoleAssignment

    role = factory.SubFactory(RoleFactory)
    person = factory.SubFactory(PersonFactory)


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    person = factory.SubFactory(PersonFactory)
    circle = factory.SubFactory(CircleFactory)
    workstream = None


class PolicyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Policy
        skip_postgeneration_save = True

    circle = factory.SubFactory(CircleFactory)
    title = factory.Sequence(lambda n: f"Politique {n}")
    text = "Le texte de la politique."

    @factory.post_generation
    def first_version(obj, create, extracted, **kwargs):
        if create:
            PolicyVersion.objects.create(policy=obj, number=1, title=obj.title, text=obj.text)


def user_with_person(role: str = PlatformRole.MEMBER, **person):
    """An account of `role` with its Person."""
    user = user_with_role(role)
    PersonFactory(
        user=user,
        email=user.email,
        first_name=person.pop("first_name", user.first_name or "Prénom"),
        last_name=person.pop("last_name", user.last_name or "Nom"),
        **person,
    )
    return user


def guest_of(workstream: Workstream, **person: Any):
    """An account of a guest of `workstream`."""
    user = user_with_person(PlatformRole.GUEST, **person)
    Membership.objects.create(person=user.person, workstream=workstream, kind="guest")
    return user


def housing_circle() -> Circle:
    """The circle "Habitation" under the general circle, created by the service: it has its
    built-in roles."""
    return services.circle_create(
        actor=SYSTEM,
        data=services.CircleData(
            name="Habitation",
            parent=general_circle(),
            purpose="Que chacun ait un toit.",
            accountabilities=["Veiller au logement social"],
        ),
    )


def populate(count: int, general: Circle, tracked: Workstream | None = None) -> None:
    """`count` circles under `general`, each with an elected role held on behalf of an
    organization (whose seat has a substitute), members, a function, policies to review and a
    workstream with its lead role, a guest and a sunset date; `tracked`, when given, gains a
    member and a deliverable per circle. Enough of everything a page shows to reveal a query per
    row."""
    place = mrc("2415", "Charlevoix-Est", parent=region())
    organization = OrganizationFactory(territories=[place])
    for n in range(count):
        circle = CircleFactory(parent=general)
        circle.strategies.set([strategy("action-communautaire")])
        circle.territories.set([place])
        seat = SeatFactory(organization=organization, substitutes=[PersonFactory()])
        role = RoleFactory(circle=circle, elected=True, term_months=12)
        RoleAssignmentFactory(role=role, person=seat.holder, seat=seat, term_end=days(n + 1))
        MembershipFactory(circle=circle, person=seat.holder, seat=seat)
        MembershipFactory(circle=general, person=seat.holder, seat=seat)
        FunctionFactory(person=seat.holder)
        PolicyFactory(circle=circle, review_date=days(n + 2))
        PolicyFactory(circle=general)
        workstream = WorkstreamFactory(sponsors=[circle, general], sunset_date=days(n + 3))
        RoleFactory(circle=None, workstream=workstream, kind=RoleKind.LEAD)
        MembershipFactory(circle=None, workstream=workstream, kind="guest")
        if tracked is not None:
            MembershipFactory(circle=None, workstream=tracked, person=seat.holder, seat=seat)
            Deliverable.objects.create(workstream=tracked, title=f"Livrable {n}")
