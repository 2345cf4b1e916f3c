"""Factories of the funding app: a fund with envelopes, a call with its grid, applications
from organizations whose people have accounts."""

from __future__ import annotations

import datetime as dt
import itertools
from decimal import Decimal
from typing import Any

import factory
from django.utils import timezone

from maillage.core.models import User
from maillage.core.roles import Role as PlatformRole
from maillage.funding.models import (
    Application,
    Call,
    Criterion,
    Envelope,
    Fund,
    Movement,
    MovementKind,
    RequiredAttachment,
    Section,
    Stream,
    fiscal_year,
)
from maillage.governance.tests.factories import (  # noqa: F401 (re-exported for the tests)
    CircleFactory,
    FunctionFactory,
    OrganizationFactory,
    PersonFactory,
    SeatFactory,
    mrc,
    region,
    strategy,
    user_with_person,
)
from maillage.network.models import Organization
from maillage.territories.models import Territory

_references = itertools.count(1)


def stream(key: str = "local") -> Stream:
    """Streams are seeded by a migration."""
    return Stream.objects.get(key=key)


class FundFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Fund

    name = factory.Sequence(lambda n: f"Fonds québécois d'initiatives sociales {n}")
    slug = factory.Sequence(lambda n: f"fqis-{n}")
    funder = "Ministère de l'Emploi et de la Solidarité sociale"
    start_date = dt.date(2024, 4, 1)
    end_date = dt.date(2029, 3, 31)
    total = Decimal("4200000.00")


def envelope(
    territory: Territory | None = None,
    *,
    amount: Decimal | str | None = "100000.00",
    key: str = "local",
    fund: Fund | None = None,
    year: int | None = None,
) -> Envelope:
    """An envelope of `fund` for `territory` and the stream `key`, holding `amount` (one
    allocation movement)."""
    found = Envelope.objects.create(
        fund=fund or FundFactory(),
        territory=territory or mrc(),
        stream=stream(key),
        fiscal_year=year if year is not None else fiscal_year(timezone.localdate()),
    )
    if amount is not None:
        Movement.objects.create(
            envelope=found, kind=MovementKind.ALLOCATION, amount=Decimal(amount)
        )
    return found


class CallFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Call

    fund = factory.SubFactory(FundFactory)
    title = factory.Sequence(lambda n: f"Appel de projets {n}")
    slug = factory.Sequence(lambda n: f"appel-{n}")
    summary = "Des projets qui incluent les personnes en situation de pauvreté."
    opens_on = factory.LazyFunction(lambda: timezone.localdate() - dt.timedelta(days=10))
    closes_at = factory.LazyFunction(lambda: timezone.now() + dt.timedelta(days=20))
    state = "published"


def call_with_grid(envelopes: list[Envelope] | None = None, **values: Any) -> Call:
    """A published call with two sections, a required document and a grid of three criteria
    (weights 40, 35 and 25 on a scale of 0 to 5)."""
    call = CallFactory(**values)
    if envelopes:
        call.envelopes.set(envelopes)
    Section.objects.create(call=call, key="besoins", position=1, title="Besoins du milieu")
    Section.objects.create(
        call=call, key="participation", position=2, title="Participation des personnes"
    )
    RequiredAttachment.objects.create(call=call, position=1, title="Résolution du conseil")
    for position, (title, weight) in enumerate(
        [("Inclusion des personnes", "40"), ("Ancrage local", "35"), ("Mobilisation", "25")],
        start=1,
    ):
        Criterion.objects.create(
            call=call, position=position, title=title, weight=Decimal(weight), scale_max=5
        )
    return call


def applicant_of(organization: Organization, **person: Any) -> User:
    """An account whose person holds an open function in `organization`."""
    user = user_with_person(PlatformRole.MEMBER, **person)
    FunctionFactory(person=user.person, organization=organization, title="Coordination")
    return user


class ApplicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Application

    call = factory.SubFactory(CallFactory)
    organization = factory.SubFactory(OrganizationFactory)
    reference = factory.LazyFunction(lambda: f"T-{next(_references):05d}")
    title = factory.Sequence(lambda n: f"Projet {n}")
    summary = "Cuisines collectives avec les familles du quartier."
    amount_requested = Decimal("25000.00")


# Funds and calls


def mrcs_of_region(populations: dict[str, int]) -> list[Territory]:
    """MRCs of the region with these census populations, by name (codes in their order)."""
    from maillage.territories.tests.factories import MrcFactory

    parent = region()
    return [
        MrcFactory.create(code=f"23{position:02d}", name=name, parent=parent, population=population)
        for position, (name, population) in enumerate(populations.items(), start=1)
    ]


def draft_call(**values: Any) -> Call:
    """A draft call with its grid and one envelope of its fund."""
    call = call_with_grid(state="draft", **values)
    call.envelopes.set([envelope(fund=call.fund)])
    return call
