"""The whole chain in one test: an envelope, a call, two applications written and submitted,
screened, reviewed with conflicts of interest, accepted by the committee's consented
recommendation, their agreements, payments, reports, and the agreements closed; the envelope
and the dashboard add up at every step."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from maillage.core.models import User
from maillage.core.permissions import SYSTEM
from maillage.core.roles import Role
from maillage.decisions import services as decision_services
from maillage.decisions.models import Position
from maillage.decisions.tests.factories import to_consent_round
from maillage.funding.models import Application, Criterion, Envelope, Fund, Outcome
from maillage.funding.rules import is_excluded
from maillage.funding.selectors.dashboards import DashboardFilters, dashboard
from maillage.funding.selectors.funds import envelope_balance
from maillage.funding.selectors.reviews import application_average
from maillage.funding.services import agreements, funds, recommendations, reviews
from maillage.funding.services import applications as applications_services
from maillage.funding.services.agreements import InstalmentData, ReportData, SignatoryData
from maillage.funding.services.recommendations import LineData
from maillage.funding.tests.factories import (
    CircleFactory,
    OrganizationFactory,
    SeatFactory,
    applicant_of,
    call_with_grid,
    committee_member,
    complete,
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


def _dashboard_adds_up(fund: Fund, budget: str, committed: str, paid: str) -> None:
    total = dashboard(SYSTEM, DashboardFilters(fund=fund)).total
    assert (total.budget, total.committed, total.paid) == (D(budget), D(committed), D(paid))


def _score(application: Application, reviewer: User, *values: int) -> None:
    criteria = Criterion.objects.filter(call=application.call).order_by("position")
    reviews.review_submit(
        actor=reviewer,
        application=application,
        scores={c.pk: v for c, v in zip(criteria, values, strict=True)},
    )


def test_the_whole_chain_from_envelope_to_closed_agreements():
    staff = user_with_person(Role.STAFF)
    local = envelope(amount=None)
    funds.money_allocate(actor=staff, envelope=local, amount=D("100000.00"))
    _adds_up(local, "100000.00", "0", "0", "100000.00")
    _dashboard_adds_up(local.fund, "100000.00", "0", "0")

    committee = CircleFactory()
    call = call_with_grid(
        [local], fund=local.fund, project_end_by=dt.date(2028, 3, 31), committee=committee
    )
    cuisines, jardins = OrganizationFactory(), OrganizationFactory()
    people = {cuisines.pk: applicant_of(cuisines), jardins.pk: applicant_of(jardins)}
    applications = []
    for organization in (cuisines, jardins):
        started = applications_services.application_start(
            actor=people[organization.pk], call=call, organization=organization, title="Projet"
        )
        complete(started)
        applications.append(
            applications_services.application_submit(
                actor=people[organization.pk], application=started
            )
        )

    # Screening: both eligible, drawing on the local envelope.
    for application in applications:
        reviews.screening_record(
            actor=staff,
            application=application,
            checks=[{"key": "territoire", "label": "Territoire admissible", "ok": True}],
            eligible=True,
            envelope=local,
        )
        application.refresh_from_db()
        assert application.state == "in_review"

    # Reviews: one reviewer sits for the first applicant (excluded from it by their seat), one
    # scores both, one declares a conflict with the second after scoring it.
    tied, fair, late = (committee_member(committee) for _ in range(3))
    SeatFactory(organization=cuisines, holder=tied.person)
    for application in applications:
        reviews.reviewers_assign(actor=staff, application=application, reviewers=[tied, fair, late])
    first, second = applications
    assert is_excluded(tied, first) and not is_excluded(tied, second)
    _score(first, fair, 5, 4, 3)  # weights 40, 35, 25 on 5: 40 + 28 + 15 → 83.00
    _score(second, fair, 3, 3, 3)  # 60.00
    _score(second, tied, 5, 5, 5)  # 100.00
    _score(second, late, 1, 1, 1)  # 20.00, then withdrawn by the conflict
    reviews.conflict_declare(actor=late, application=second, reason="Je siège à son conseil.")
    assert application_average(first) == D("83.00")
    assert application_average(second) == D("80.00")  # (60 + 100) / 2, the 20 counts nowhere

    # The committee's recommendation, consented, accepts both and commits the money.
    recommendation = recommendations.recommendation_prepare(
        actor=staff,
        call=call,
        lines=[
            LineData(first, Outcome.ACCEPT, D("40000.00"), conditions="Inclure les personnes."),
            LineData(second, Outcome.ACCEPT, D("25000.00")),
        ],
    )
    _dashboard_adds_up(local.fund, "100000.00", "0", "0")
    process = to_consent_round(recommendation.process)
    decision_services.answer_give(actor=fair, process=process, position=Position.CONSENT)
    decision_services.consent_round_close(actor=SYSTEM, process=process)
    for application in applications:
        application.refresh_from_db()
        assert application.state == "accepted"
    _adds_up(local, "100000.00", "65000.00", "0", "35000.00")
    _dashboard_adds_up(local.fund, "100000.00", "65000.00", "0")

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
    _dashboard_adds_up(local.fund, "100000.00", "65000.00", "52000.00")

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
    _dashboard_adds_up(local.fund, "100000.00", "65000.00", "65000.00")

    for application in applications:
        application.refresh_from_db()
        assert application.state == "completed"
        assert application.agreement.state == "closed"
    assert envelope_balance(local, application=applications[0]).unpaid == D("0.00")
