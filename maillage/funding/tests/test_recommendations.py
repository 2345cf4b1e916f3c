"""The ranking per envelope, and the committee's recommendation taken to a real consent decision
whose outcome sets each application's result and commits the money."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from maillage.core.models import AuditEvent, Notification, User
from maillage.core.permissions import SYSTEM
from maillage.core.roles import Role
from maillage.decisions import services as decisions
from maillage.decisions.models import Decision, Position
from maillage.decisions.tests.factories import to_consent_round
from maillage.funding.models import Application, Call, Criterion, Outcome
from maillage.funding.selectors.funds import envelope_balance
from maillage.funding.selectors.recommendations import call_ranking
from maillage.funding.services.recommendations import (
    LineData,
    recommendation_apply,
    recommendation_prepare,
)
from maillage.funding.services.reviews import review_submit, reviewers_assign
from maillage.funding.tests.factories import (
    OrganizationFactory,
    applicant_of,
    application_in_review,
    call_in_review,
    committee_member,
    envelope,
    user_with_person,
)
from maillage.funding.verbs import FundingVerb

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff() -> User:
    return user_with_person(Role.STAFF)


def _score(application: Application, reviewer: User, *values: int) -> None:
    criteria = Criterion.objects.filter(call=application.call).order_by("position")
    review_submit(
        actor=reviewer,
        application=application,
        scores={c.pk: v for c, v in zip(criteria, values, strict=True)},
    )


def _reviewed(call: Call, staff: User, reviewer: User, amount: str, *values: int) -> Application:
    application = application_in_review(call, amount_requested=Decimal(amount))
    reviewers_assign(actor=staff, application=application, reviewers=[reviewer])
    _score(application, reviewer, *values)
    return application


def test_the_ranking_orders_by_average_with_the_balance_left_after_each(staff):
    call = call_in_review("50000.00", minimum_score=Decimal("60.00"))
    reviewer = committee_member(call.committee)
    low = _reviewed(call, staff, reviewer, "10000.00", 2, 2, 2)  # 40.00
    top = _reviewed(call, staff, reviewer, "30000.00", 5, 5, 5)  # 100.00
    mid = _reviewed(call, staff, reviewer, "25000.00", 4, 3, 2)  # 63.00
    unscored = application_in_review(call, amount_requested=Decimal("1000.00"))
    other = envelope(amount="5000.00")
    call.envelopes.add(other)
    elsewhere = application_in_review(call, envelope=other, amount_requested=Decimal("2000.00"))

    rankings = call_ranking(call)

    first = next(r for r in rankings if r.envelope == call.envelopes.order_by("pk").first())
    assert first.remaining == Decimal("50000.00")
    assert [(r.application, r.average, r.remaining_after, r.below_minimum) for r in first.rows] == [
        (top, Decimal("100.00"), Decimal("20000.00"), False),
        (mid, Decimal("63.00"), Decimal("-5000.00"), False),
        (low, Decimal("40.00"), Decimal("-15000.00"), True),
        (unscored, None, Decimal("-16000.00"), True),
    ]
    assert first.rows[1].over_budget and not first.rows[0].over_budget
    second = next(r for r in rankings if r.envelope == other)
    assert [(r.application, r.remaining_after) for r in second.rows] == [
        (elsewhere, Decimal("3000.00"))
    ]


def test_the_ranking_reads_in_a_constant_number_of_queries(staff, django_assert_max_num_queries):
    call = call_in_review()
    reviewer = committee_member(call.committee)
    _reviewed(call, staff, reviewer, "1000.00", 3, 3, 3)
    with django_assert_max_num_queries(3):
        call_ranking(call)
    for _n in range(8):
        _reviewed(call, staff, reviewer, "1000.00", 2, 4, 3)
    extra = envelope()
    call.envelopes.add(extra)
    application_in_review(call, envelope=extra)
    with django_assert_max_num_queries(3):
        assert sum(len(r.rows) for r in call_ranking(call)) == 10


def _consent(recommendation, voter: User) -> Decision:
    process = to_consent_round(recommendation.process)
    decisions.answer_give(actor=voter, process=process, position=Position.CONSENT)
    decisions.consent_round_close(actor=SYSTEM, process=process)
    return Decision.objects.get(process=process)


def test_a_consented_recommendation_sets_each_result_and_commits_the_money(staff):
    call = call_in_review("50000.00")
    voter = committee_member(call.committee)
    organization = OrganizationFactory()
    applicant = applicant_of(organization)
    accepted = _reviewed(call, staff, voter, "30000.00", 5, 5, 5)
    declined = application_in_review(call, organization=organization)
    waiting = application_in_review(call)

    recommendation = recommendation_prepare(
        actor=staff,
        call=call,
        lines=[
            LineData(accepted, Outcome.ACCEPT, Decimal("28000.00"), conditions="Rapport en juin."),
            LineData(declined, Outcome.DECLINE, reasons="Le projet ne rejoint pas les personnes."),
            LineData(waiting, Outcome.WAITING_LIST),
        ],
    )
    process = recommendation.process
    assert process.circle == call.committee
    assert "28\xa0000,00" in process.proposal and declined.reference in process.proposal
    assert set(Application.objects.values_list("state", flat=True)) == {"recommended"}

    _consent(recommendation, voter)

    accepted.refresh_from_db()
    declined.refresh_from_db()
    waiting.refresh_from_db()
    recommendation.refresh_from_db()
    assert (accepted.state, accepted.amount_granted, accepted.conditions) == (
        "accepted",
        Decimal("28000.00"),
        "Rapport en juin.",
    )
    assert (declined.state, declined.decision_reasons) == (
        "declined",
        "Le projet ne rejoint pas les personnes.",
    )
    assert waiting.state == "waiting_list"
    assert recommendation.applied_at is not None
    balance = envelope_balance(accepted.envelope)
    assert (balance.committed, balance.remaining) == (Decimal("28000.00"), Decimal("22000.00"))
    assert "ne rejoint pas" in Notification.objects.filter(recipient=applicant).last().body
    assert AuditEvent.objects.filter(verb=FundingVerb.RECOMMENDATION_APPLIED).count() == 1
    # Applied once: the same decision heard again changes nothing.
    assert recommendation_apply(actor=SYSTEM, recommendation=recommendation) == []
    assert envelope_balance(accepted.envelope).committed == Decimal("28000.00")


def test_an_acceptance_beyond_the_balance_waits_and_says_why(staff):
    call = call_in_review("20000.00")
    voter = committee_member(call.committee)
    first = application_in_review(call)
    second = application_in_review(call)
    recommendation = recommendation_prepare(
        actor=staff,
        call=call,
        lines=[
            LineData(first, Outcome.ACCEPT, Decimal("15000.00")),
            LineData(second, Outcome.ACCEPT, Decimal("10000.00")),
        ],
    )

    _consent(recommendation, voter)

    first.refresh_from_db()
    second.refresh_from_db()
    assert first.state == "accepted"
    assert second.state == "waiting_list"
    assert envelope_balance(first.envelope).committed == Decimal("15000.00")
    refused = AuditEvent.objects.get(verb=FundingVerb.RECOMMENDATION_REFUSED)
    assert "5\xa0000,00" in refused.payload["reason"]
    told = Notification.objects.get(recipient=staff)
    assert second.reference in told.body


def test_an_objection_leaves_the_applications_before_the_committee(staff):
    call = call_in_review()
    voter = committee_member(call.committee)
    application = application_in_review(call)
    recommendation = recommendation_prepare(
        actor=staff, call=call, lines=[LineData(application, Outcome.ACCEPT, Decimal("1000.00"))]
    )
    process = to_consent_round(recommendation.process)
    decisions.answer_give(
        actor=voter, process=process, position=Position.OBJECTION, reason="Trop tôt."
    )
    decisions.consent_round_close(actor=SYSTEM, process=process)
    application.refresh_from_db()
    recommendation.refresh_from_db()
    assert application.state == "recommended"
    assert recommendation.applied_at is None


def test_a_recommendation_is_checked_line_by_line(staff):
    call = call_in_review()
    application = application_in_review(call)
    for line in (
        LineData(application, Outcome.ACCEPT),
        LineData(application, Outcome.DECLINE, reasons=" "),
    ):
        with pytest.raises(ValidationError):
            recommendation_prepare(actor=staff, call=call, lines=[line])
    other_call = call_in_review()
    with pytest.raises(ValidationError):
        recommendation_prepare(
            actor=staff, call=other_call, lines=[LineData(application, Outcome.WAITING_LIST)]
        )
    application.refresh_from_db()
    assert application.state == "in_review"
    assert not AuditEvent.objects.filter(verb=FundingVerb.RECOMMENDATION_PREPARED).exists()
