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


# --- Applications ---------------------------------------------------------------------------


def complete(application: Application, *, territory: Territory | None = None) -> Application:
    """Fill everything `application`'s call asks (sections, dates, territory, budget, the
    required documents' records) so that nothing is missing before submission."""
    from django.core.files.base import ContentFile

    from maillage.funding.models import Attachment, BudgetLine

    call = application.call
    application.summary = application.summary or "Cuisines collectives avec les familles."
    application.amount_requested = application.amount_requested or Decimal("20000.00")
    application.start_date = application.start_date or timezone.localdate()
    application.end_date = application.end_date or timezone.localdate() + dt.timedelta(days=300)
    application.answers = {s.key: f"Réponse à {s.title}" for s in call.sections.all()}
    application.save()
    application.territories.add(territory or mrc())
    BudgetLine.objects.create(
        application=application, category="salaries", description="Animation", amount="15000"
    )
    for required in call.required_attachments.all():
        attachment = Attachment(
            application=application,
            required=required,
            title=required.title,
            filename="resolution.pdf",
            size=15,
        )
        attachment.file.save("resolution.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"), save=False)
        attachment.save()
    return application


# --- Analysis: screening, reviews, recommendation ---------------------------------------------


def committee_member(committee: Any, **person: Any) -> User:
    """An account whose person is a member of the review committee `committee` (a circle)."""
    from maillage.governance.models import Membership

    user = user_with_person(PlatformRole.MEMBER, **person)
    Membership.objects.create(person=user.person, circle=committee)
    return user


def call_in_review(amount: Decimal | str = "100000.00", **values: Any) -> Call:
    """A call with the grid of `call_with_grid`, an envelope holding `amount` and a review
    committee (a circle)."""
    found = envelope(amount=amount)
    return call_with_grid([found], committee=CircleFactory(), **values)


def application_in_review(call: Call, **values: Any) -> Application:
    """An application to `call` sent to the review committee, drawing on its first envelope."""
    values.setdefault("envelope", call.envelopes.order_by("pk").first())
    return ApplicationFactory(call=call, state="in_review", **values)


# --- Agreements, payments and reports -------------------------------------------------------


def accepted_application(
    *,
    amount: Decimal | str = "30000.00",
    envelope_amount: Decimal | str = "100000.00",
    organization: Organization | None = None,
    **values: Any,
) -> Application:
    """An accepted application granted `amount`, committed on an envelope of its call (one
    allocation and one commitment movement)."""
    found = envelope(amount=envelope_amount)
    call = CallFactory(fund=found.fund, project_end_by=dt.date(2028, 3, 31))
    call.envelopes.set([found])
    application = ApplicationFactory(
        call=call,
        organization=organization or OrganizationFactory(),
        state="accepted",
        envelope=found,
        amount_granted=Decimal(amount),
        **values,
    )
    Movement.objects.create(
        envelope=found,
        kind=MovementKind.COMMITMENT,
        amount=Decimal(amount),
        application=application,
    )
    return application


# --- Dashboards -----------------------------------------------------------------------------


def movement(
    envelope: Envelope,
    kind: MovementKind,
    amount: Decimal | str,
    *,
    application: Application | None = None,
    counterpart: Envelope | None = None,
) -> Movement:
    """A movement recorded as is (the services' checks are tested with the services)."""
    return Movement.objects.create(
        envelope=envelope,
        kind=kind,
        amount=Decimal(amount),
        application=application,
        counterpart=counterpart,
    )


def transfer(source: Envelope, target: Envelope, amount: Decimal | str) -> None:
    """Money moved from `source` to `target`: a movement on each."""
    movement(source, MovementKind.TRANSFER_OUT, amount, counterpart=target)
    movement(target, MovementKind.TRANSFER_IN, amount, counterpart=source)


def funded(
    envelope: Envelope,
    *,
    granted: Decimal | str,
    paid: tuple[Decimal | str, ...] = (),
    released: Decimal | str | None = None,
    strategies: tuple[str, ...] = (),
    territories: tuple[Territory, ...] = (),
    state: str = "accepted",
    **values: Any,
) -> Application:
    """An accepted project drawing on `envelope`: `granted` committed to it, part of it
    `released`, the `paid` payments made."""
    application = ApplicationFactory(
        call=CallFactory(fund=envelope.fund),
        envelope=envelope,
        state=state,
        amount_granted=Decimal(granted),
        **values,
    )
    application.territories.set(territories or (envelope.territory,))
    if strategies:
        application.strategies.set([strategy(key) for key in strategies])
    movement(envelope, MovementKind.COMMITMENT, granted, application=application)
    if released is not None:
        movement(envelope, MovementKind.RELEASE, released, application=application)
    for amount in paid:
        movement(envelope, MovementKind.PAYMENT, amount, application=application)
    return application


# --- Funds and calls ------------------------------------------------------------------------


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
