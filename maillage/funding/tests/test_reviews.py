"""The analysis: screening, reviewers and their conflicts of interest, scores, weighted totals
and averages."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from maillage.core.models import AuditEvent, Notification, User
from maillage.core.permissions import has_perm
from maillage.core.roles import Role
from maillage.funding.models import Application, Conflict, ConflictSource, Criterion, Review
from maillage.funding.selectors.reviews import (
    application_analysis,
    application_average,
    grid_total,
    my_reviews,
    screening_suggestions,
    weighted_total,
)
from maillage.funding.services.reviews import (
    conflict_declare,
    review_save,
    review_submit,
    reviewer_unassign,
    reviewers_assign,
    screening_record,
)
from maillage.funding.tests.factories import (
    ApplicationFactory,
    FunctionFactory,
    OrganizationFactory,
    SeatFactory,
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


def _scores(application: Application, *values: int) -> dict[int, int | None]:
    criteria = Criterion.objects.filter(call=application.call).order_by("position")
    return {c.pk: v for c, v in zip(criteria, values, strict=True)}


def _submitted(application: Application, reviewer: User, *values: int) -> Review:
    return review_submit(
        actor=reviewer, application=application, scores=_scores(application, *values)
    )


# --- Weighted totals ------------------------------------------------------------------------


def test_grid_total_is_the_weighted_sum_on_100_rounded_half_up():
    # 4/5×40 + 3/5×35 + 5/5×25 = 32 + 21 + 25 = 78 on weights summing to 100.
    grid = [(Decimal(40), 5), (Decimal(35), 5), (Decimal(25), 5)]
    assert grid_total(
        [(4, 5, Decimal(40)), (3, 5, Decimal(35)), (5, 5, Decimal(25))], [w for w, _ in grid]
    ) == Decimal("78.00")
    # Weights summing to 10: 2/3×3 + 1/4×7 = 2 + 1.75 = 3.75 → 37.50 on 100.
    assert grid_total(
        [(2, 3, Decimal(3)), (1, 4, Decimal(7))], [Decimal(3), Decimal(7)]
    ) == Decimal("37.50")
    # 1/3 × 100 = 33.333… → 33.33; 2/3 → 66.67 (half up on the third decimal).
    assert grid_total([(1, 3, Decimal(1))], [Decimal(1)]) == Decimal("33.33")
    assert grid_total([(2, 3, Decimal(1))], [Decimal(1)]) == Decimal("66.67")
    # Exactly on the half: 1/32 × 100 = 3.125 → 3.13 (half up, not to even).
    assert grid_total([(1, 32, Decimal(1))], [Decimal(1)]) == Decimal("3.13")
    # An unscored criterion counts zero, and an empty grid totals zero.
    assert grid_total([(5, 5, Decimal(40))], [Decimal(40), Decimal(60)]) == Decimal("40.00")
    assert grid_total([], []) == Decimal("0.00")


def test_a_submitted_review_keeps_its_weighted_total():
    call = call_in_review()
    application = application_in_review(call)
    reviewer = committee_member(call.committee)
    reviewers_assign(
        actor=user_with_person(Role.STAFF), application=application, reviewers=[reviewer]
    )

    review = _submitted(application, reviewer, 4, 3, 2)

    # 32 + 21 + 10 = 63.
    assert review.total == Decimal("63.00")
    assert weighted_total(review) == Decimal("63.00")
    assert review.submitted_at is not None


def test_a_draft_counts_nowhere_and_submitting_needs_every_criterion(staff):
    call = call_in_review()
    application = application_in_review(call)
    reviewer = committee_member(call.committee)
    reviewers_assign(actor=staff, application=application, reviewers=[reviewer])
    criteria = list(Criterion.objects.filter(call=call).order_by("position"))

    review_save(actor=reviewer, application=application, scores={criteria[0].pk: 5})
    assert application_average(application) is None

    with pytest.raises(ValidationError) as error:
        review_submit(actor=reviewer, application=application, scores={criteria[0].pk: 5})
    assert f"score_{criteria[1].pk}" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        review_save(actor=reviewer, application=application, scores={criteria[0].pk: 6})
    assert "0" in (said := error.value.message_dict[f"score_{criteria[0].pk}"][0]) and "5" in said
    assert Review.objects.get().scores.get().value == 5  # the refused save changed nothing


def test_averages_are_exact_and_an_excluded_reviewer_counts_in_none(staff):
    call = call_in_review()
    application = application_in_review(call)
    ann, ben, cat = (committee_member(call.committee) for _ in range(3))
    reviewers_assign(actor=staff, application=application, reviewers=[ann, ben, cat])

    _submitted(application, ann, 4, 3, 2)  # 63.00
    _submitted(application, ben, 5, 4, 3)  # 40 + 28 + 15 = 83.00
    _submitted(application, cat, 1, 1, 1)  # 8 + 7 + 5 = 20.00
    # (63 + 83 + 20) / 3 = 55.333… → 55.33
    assert application_average(application) == Decimal("55.33")

    # Cat then declares a conflict: her submitted review counts no more.
    conflict_declare(actor=cat, application=application, reason="Je siège à son conseil.")
    assert application_average(application) == Decimal("73.00")
    analysis = application_analysis(viewer=staff, application=application)
    assert analysis is not None
    assert application_analysis(viewer=cat, application=application) is None
    assert analysis.average == Decimal("73.00")
    assert analysis.counted == 2
    assert [row.excluded for row in analysis.reviews] == [False, False, True]

    # Ben takes a function in the applying organization after scoring: excluded by his tie.
    FunctionFactory(person=ben.person, organization=application.organization, title="Trésorier")
    assert application_average(application) == Decimal("63.00")


# --- Conflicts ------------------------------------------------------------------------------


def test_a_reviewer_tied_to_an_applicant_is_excluded_from_the_start(staff):
    call = call_in_review()
    co_applicant = OrganizationFactory()
    application = application_in_review(call)
    application.co_applicants.add(co_applicant)
    seated = committee_member(call.committee)
    SeatFactory(organization=co_applicant, holder=seated.person)
    working = committee_member(call.committee)
    FunctionFactory(person=working.person, organization=application.organization, title="Direction")
    free = committee_member(call.committee)

    reviewers_assign(actor=staff, application=application, reviewers=[seated, working, free])

    recorded = {(c.reviewer, c.source, c.organization) for c in Conflict.objects.all()}
    assert recorded == {
        (seated, ConflictSource.SEAT, co_applicant),
        (working, ConflictSource.FUNCTION, application.organization),
    }
    assert Conflict.objects.get(reviewer=working).reason.startswith("Direction à ")
    for excluded in (seated, working):
        assert not has_perm(excluded, "funding.review", application)
        assert not has_perm(excluded, "funding.view_analysis", application)
        assert has_perm(excluded, "funding.declare_conflict", application)
        with pytest.raises(PermissionDenied):
            review_save(
                actor=excluded, application=application, scores=_scores(application, 1, 1, 1)
            )
    assert has_perm(free, "funding.review", application)
    assert [row.application for row in my_reviews(viewer=free)] == [application]
    assert my_reviews(viewer=seated) == []
    assert AuditEvent.objects.filter(verb=FundingVerb.CONFLICT_RECORDED).count() == 2


def test_only_committee_members_are_assigned_and_a_declared_conflict_needs_a_reason(staff):
    call = call_in_review()
    application = application_in_review(call)
    outsider = user_with_person(Role.MEMBER)
    with pytest.raises(ValidationError) as error:
        reviewers_assign(actor=staff, application=application, reviewers=[outsider])
    assert "reviewers" in error.value.message_dict

    member = committee_member(call.committee)
    with pytest.raises(PermissionDenied):
        reviewers_assign(actor=member, application=application, reviewers=[member])
    with pytest.raises(PermissionDenied):
        conflict_declare(actor=member, application=application, reason="Lien")
    reviewers_assign(actor=staff, application=application, reviewers=[member])
    with pytest.raises(ValidationError):
        conflict_declare(actor=member, application=application, reason="  ")
    conflict_declare(actor=member, application=application, reason="Ma sœur y travaille.")
    with pytest.raises(ValidationError):
        conflict_declare(actor=member, application=application, reason="Encore")
    assert Conflict.objects.get().source == ConflictSource.DECLARED


def test_a_reviewer_is_withdrawn_until_they_submit(staff):
    call = call_in_review()
    application = application_in_review(call)
    ann, ben = committee_member(call.committee), committee_member(call.committee)
    reviewers_assign(actor=staff, application=application, reviewers=[ann, ben])
    review_save(actor=ann, application=application, scores=_scores(application, 1, 2, 3))
    _submitted(application, ben, 1, 2, 3)

    reviewer_unassign(actor=staff, application=application, reviewer=ann)
    assert not Review.objects.filter(reviewer=ann).exists()
    with pytest.raises(ValidationError):
        reviewer_unassign(actor=staff, application=application, reviewer=ben)
    assert application.assignments.get().reviewer == ben


# --- Screening ------------------------------------------------------------------------------


def _checks(ok: bool = True, reason: str = "") -> list[dict[str, object]]:
    return [
        {"key": "sector", "label": "Secteur", "ok": True, "reason": ""},
        {"key": "amount", "label": "Montant", "ok": ok, "reason": reason},
    ]


def test_an_eligible_application_goes_to_the_committee_with_its_envelope(staff):
    call = call_in_review()
    organization = OrganizationFactory()
    applicant = applicant_of(organization)
    application = ApplicationFactory(call=call, organization=organization, state="submitted")
    chosen = call.envelopes.get()

    screening_record(
        actor=staff, application=application, checks=_checks(), eligible=True, envelope=chosen
    )

    application.refresh_from_db()
    assert application.state == "in_review"
    assert application.envelope == chosen
    assert application.screening.eligible
    assert AuditEvent.objects.filter(verb=FundingVerb.SCREENED).exists()
    # The applicant reads "Under analysis" only, once.
    told = Notification.objects.filter(recipient=applicant)
    assert told.count() == 1
    assert "En analyse" in told.get().subject


def test_an_ineligible_application_is_told_the_reasons(staff):
    call = call_in_review()
    organization = OrganizationFactory()
    applicant = applicant_of(organization)
    application = ApplicationFactory(call=call, organization=organization, state="screening")

    with pytest.raises(ValidationError) as error:
        screening_record(
            actor=staff, application=application, checks=_checks(False), eligible=False
        )
    assert "reason_amount" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        screening_record(
            actor=staff,
            application=application,
            checks=_checks(False, "Trop élevé"),
            eligible=True,
            envelope=call.envelopes.get(),
        )
    assert "eligible" in error.value.message_dict

    screening_record(
        actor=staff, application=application, checks=_checks(False, "Trop élevé"), eligible=False
    )
    application.refresh_from_db()
    assert application.state == "ineligible"
    assert "Trop élevé" in Notification.objects.filter(recipient=applicant).last().body


def test_more_information_is_asked_with_what_is_missing(staff):
    call = call_in_review()
    application = ApplicationFactory(call=call, state="submitted")
    with pytest.raises(ValidationError) as error:
        screening_record(actor=staff, application=application, checks=_checks(), eligible=None)
    assert "note" in error.value.message_dict
    screening_record(
        actor=staff,
        application=application,
        checks=_checks(),
        eligible=None,
        note="Il manque la résolution du conseil.",
    )
    application.refresh_from_db()
    assert application.state == "more_information"


def test_an_envelope_outside_the_call_is_refused(staff):
    call = call_in_review()
    application = ApplicationFactory(call=call, state="submitted")
    with pytest.raises(ValidationError) as error:
        screening_record(
            actor=staff,
            application=application,
            checks=_checks(),
            eligible=True,
            envelope=envelope(),
        )
    assert "envelope" in error.value.message_dict
    application.refresh_from_db()
    assert application.state == "submitted"  # rolled back


def test_screening_suggestions_read_the_call_rules():
    call = call_in_review(max_amount=Decimal("20000.00"))
    application = ApplicationFactory(call=call, amount_requested=Decimal("25000.00"))
    checks = {c.key: c for c in screening_suggestions(application)}
    assert not checks["amount"].ok
    assert "20" in checks["amount"].reason
    assert checks["sector"].ok
    assert not checks["attachments"].ok  # the call requires the board's resolution


def test_a_retained_intention_is_invited_to_the_full_application(staff):
    call = call_in_review(two_steps=True)
    application = ApplicationFactory(call=call, state="submitted", stage="intention")
    screening_record(
        actor=staff, application=application, checks=_checks(), eligible=True, note="Bienvenue."
    )
    application.refresh_from_db()
    assert application.state == "invited"
    assert application.envelope is None
