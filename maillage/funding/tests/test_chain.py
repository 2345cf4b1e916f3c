"""The whole chain in one test: an envelope, a call, two applications accepted and committed,
their agreements, payments, reports, and the agreements closed; the envelope adds up at every
step."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from maillage.core.permissions import SYSTEM
from maillage.core.roles import Role
from maillage.funding.models import Application, Envelope
from maillage.funding.selectors.funds import envelope_balance
from maillage.funding.services import agreements, funds
from maillage.funding.services.agreements import InstalmentData, ReportData, SignatoryData
from maillage.funding.services.applications import application_transition
from maillage.funding.tests.factories import (
    ApplicationFactory,
    OrganizationFactory,
    applicant_of,
    call_with_grid,
    envelope,
    user_with_person,
)

pytestmark = pytest.mark.django_db

D = Decimal


def _adds_up(found: Envelope, amount: str, committed: str, paid: str, remaining: str) -> None:
    balance = envelope_balance(found)
    assert (balance.amount, balance.committed, balance.paid, balance.remaining) == (
        D(amount),
        D(committed),
        D(paid),
        D(remaining),
    )


def _agreement_of(application: Application, staff: object) -> object:
    granted = application.amount_granted
    assert granted is not None
    first = (granted * D("0.8")).quantize(D("0.01"))
    return agreements.agreement_create(
        actor=staff,  # type: ignore[arg-type]
        application=application,
        start_date=dt.date(2026, 9, 1),
        end_date=dt.date(2027, 8, 31),
        conditions=application.conditions,
        signatories=[
            SignatoryData("Marie Tremblay", "Maillage régional", "Coordonnatrice"),
            SignatoryData("Direction", application.organization.name),
        ],
        instalments=[
            InstalmentData(first, dt.date(2026, 9, 15)),
            InstalmentData(granted - first, dt.date(2027, 10, 1), condition_report="final"),
        ],
        reports=[
            ReportData("progress", dt.date(2027, 3, 1)),
            ReportData("final", dt.date(2027, 9, 30)),
            ReportData("financial", dt.date(2027, 9, 30)),
        ],
    )


def test_the_whole_chain_from_envelope_to_closed_agreements():
    staff = user_with_person(Role.STAFF)
    local = envelope(amount=None)
    funds.money_allocate(actor=staff, envelope=local, amount=D("100000.00"))
    _adds_up(local, "100000.00", "0", "0", "100000.00")

    call = call_with_grid([local], fund=local.fund, project_end_by=dt.date(2028, 3, 31))
    cuisines, jardins = OrganizationFactory(), OrganizationFactory()
    people = {cuisines.pk: applicant_of(cuisines), jardins.pk: applicant_of(jardins)}
    applications = [
        ApplicationFactory(call=call, organization=org, state="recommended", envelope=local)
        for org in (cuisines, jardins)
    ]

    # The committee's decision accepts both (the analysis is routed here after merging).
    for application, granted in zip(applications, ("40000.00", "25000.00"), strict=True):
        application_transition(
            actor=SYSTEM,
            application=application,
            step="accept",
            amount_granted=D(granted),
            conditions="Inclure les personnes en situation de pauvreté.",
        )
        funds.envelope_commit(
            actor=staff, envelope=local, application=application, amount=D(granted)
        )
    _adds_up(local, "100000.00", "65000.00", "0", "35000.00")

    made = [_agreement_of(application, staff) for application in applications]
    for agreement in made:
        agreements.agreement_sign(actor=staff, agreement=agreement, signed_on=timezone.localdate())
        agreements.agreement_activate(actor=staff, agreement=agreement)
    assert agreements.payments_fall_due(actor=SYSTEM, today=dt.date(2026, 9, 15)) == 2

    for agreement in made:
        first = agreement.payments.get(position=1)
        agreements.payment_approve(actor=staff, payment=first)
        agreements.payment_pay(actor=staff, payment=first)
    _adds_up(local, "100000.00", "65000.00", "52000.00", "35000.00")

    for agreement in made:
        applicant = people[agreement.application.organization_id]
        for report in agreement.reports.all():
            agreements.report_submit(actor=applicant, report=report, text="Rapport complet.")
            agreements.report_review(actor=staff, report=report, accept=True)
        last = agreement.payments.get(position=2)
        agreements.payment_approve(actor=staff, payment=last)
        agreements.payment_pay(actor=staff, payment=last)
        agreements.agreement_close(actor=staff, agreement=agreement)
    _adds_up(local, "100000.00", "65000.00", "65000.00", "35000.00")

    for application in applications:
        application.refresh_from_db()
        assert application.state == "completed"
        assert application.agreement.state == "closed"
    assert envelope_balance(local, application=applications[0]).unpaid == D("0.00")
