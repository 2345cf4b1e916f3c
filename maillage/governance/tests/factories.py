"""Factories of the governance app; network rows come from the network app's factories."""

from __future__ import annotations

import factory

from maillage.core.roles import Role as PlatformRole
from maillage.core.tests.factories import user_with_role
from maillage.governance.models import (
    Circle,
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
    sector,
)


def strategy(key: str) -> Strategy:
    """One of the four strategies seeded by the governance migration."""
    return Strategy.objects.get(key=key)


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
