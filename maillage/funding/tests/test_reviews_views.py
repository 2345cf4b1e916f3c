"""The analysis pages: who reaches them, what they do, and their query counts."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from maillage.core.models import User
from maillage.core.roles import Role
from maillage.funding.models import (
    Application,
    Comment,
    Criterion,
    Outcome,
    Recommendation,
    Review,
)
from maillage.funding.services.recommendations import LineData, recommendation_prepare
from maillage.funding.services.reviews import conflict_declare, review_submit, reviewers_assign
from maillage.funding.tests.factories import (
    ApplicationFactory,
    OrganizationFactory,
    applicant_of,
    application_in_review,
    call_in_review,
    committee_member,
    user_with_person,
)

pytestmark = pytest.mark.django_db


def client_of(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def staff(db) -> User:
    return user_with_person(Role.STAFF)


def _scores(application: Application, *values: int) -> dict[int, int | None]:
    criteria = Criterion.objects.filter(call=application.call).order_by("position")
    return {c.pk: v for c, v in zip(criteria, values, strict=True)}


def _urls(application: Application, reviewer: User) -> list[tuple[str, str]]:
    pk = application.pk
    return [
        ("get", reverse("funding:application_analysis", args=[pk])),
        ("post", reverse("funding:application_screen", args=[pk])),
        ("post", reverse("funding:reviewers_assign", args=[pk])),
        ("post", reverse("funding:reviewer_unassign", args=[pk, reviewer.pk])),
        ("get", reverse("funding:review_edit", args=[pk])),
        ("post", reverse("funding:review_edit", args=[pk])),
        ("get", reverse("funding:conflict_declare", args=[pk])),
        ("get", reverse("funding:call_ranking", args=[application.call_id])),
        ("get", reverse("funding:recommendation_create", args=[application.call_id])),
    ]


def test_an_applicant_reaches_none_of_the_analysis(staff):
    call = call_in_review()
    organization = OrganizationFactory()
    applicant = applicant_of(organization)
    application = application_in_review(call, organization=organization, created_by=applicant)
    reviewer = committee_member(call.committee)
    reviewers_assign(actor=staff, application=application, reviewers=[reviewer])
    review_submit(actor=reviewer, application=application, scores=_scores(application, 5, 5, 5))
    recommended = application_in_review(call, organization=organization)
    recommendation = recommendation_prepare(
        actor=staff, call=call, lines=[LineData(recommended, Outcome.WAITING_LIST)]
    )
    client = client_of(applicant)
    urls = [
        *_urls(application, reviewer),
        ("get", reverse("funding:recommendation_detail", args=[recommendation.pk])),
    ]
    for method, url in urls:
        response = getattr(client, method)(url)
        assert response.status_code in (403, 404), url
    # Their list of reviews is their own: empty, nothing of this application in it.
    mine = client.get(reverse("funding:my_reviews"))
    assert mine.status_code == 200 and application.title not in mine.text
    # Their page reads the public state, never the internal one nor a score.
    page = client.get(reverse("funding:application_detail", args=[application.pk]))
    assert page.status_code == 200
    assert "En analyse" in page.text and "100,00" not in page.text


def test_an_excluded_reviewer_sees_neither_the_reviews_nor_the_discussion(staff):
    call = call_in_review()
    application = application_in_review(call)
    Comment.objects.create(application=application, text="Discussion interne confidentielle")
    reviewer = committee_member(call.committee)
    reviewers_assign(actor=staff, application=application, reviewers=[reviewer])
    client = client_of(reviewer)
    analysis = reverse("funding:application_analysis", args=[application.pk])
    other = committee_member(call.committee)
    reviewers_assign(actor=staff, application=application, reviewers=[other])
    conflict_declare(actor=other, application=application, reason="Ma sœur y travaille.")
    page = client.get(analysis)
    assert page.status_code == 200 and "Discussion interne confidentielle" in page.text
    assert "Ma sœur" not in page.text  # why another reviewer is in conflict is for staff
    assert "Ma sœur" in client_of(staff).get(analysis).text

    conflict_declare(actor=reviewer, application=application, reason="Mon employeur.")

    assert client.get(analysis).status_code == 403
    assert client.get(reverse("funding:review_edit", args=[application.pk])).status_code == 403
    mine = client.get(reverse("funding:my_reviews"))
    assert mine.status_code == 200 and application.title not in mine.text


def test_staff_screen_and_assign_from_the_analysis_page(staff):
    call = call_in_review()
    application = ApplicationFactory(call=call, state="submitted")
    member = committee_member(call.committee, first_name="Rita", last_name="Lavoie")
    client = client_of(staff)
    analysis = reverse("funding:application_analysis", args=[application.pk])
    page = client.get(analysis)
    assert page.status_code == 200 and "Rita" not in page.text  # no assigning before screening

    screen = reverse("funding:application_screen", args=[application.pk])
    data: dict[str, object] = {
        "outcome": "eligible",
        "ok_sector": "on",
        "ok_territory": "on",
        "ok_amount": "on",
        "ok_end_date": "on",
        "reason_attachments": "",
        "note": "Note gardée",
    }
    refused = client.post(screen, data)
    assert refused.status_code == 400
    assert "Note gardée" in refused.text  # what was typed is kept
    application.refresh_from_db()
    assert application.state == "submitted"

    data |= {"ok_attachments": "on", "envelope": call.envelopes.get().pk}
    assert client.post(screen, data).status_code == 302
    application.refresh_from_db()
    assert application.state == "in_review"

    assign = reverse("funding:reviewers_assign", args=[application.pk])
    assert "Rita" in client.get(analysis).text
    assert client.post(assign, {"reviewers": [member.pk]}).status_code == 302
    assert application.assignments.get().reviewer == member
    assert client.post(assign, {"reviewers": ["nope"]}).status_code == 400


def test_a_reviewer_saves_a_draft_then_submits_on_the_grid(staff):
    call = call_in_review()
    application = application_in_review(call)
    reviewer = committee_member(call.committee)
    reviewers_assign(actor=staff, application=application, reviewers=[reviewer])
    criteria = list(Criterion.objects.filter(call=call).order_by("position"))
    client = client_of(reviewer)
    url = reverse("funding:review_edit", args=[application.pk])
    assert client.get(url).status_code == 200

    draft = {
        f"score_{criteria[0].pk}": "4",
        f"comment_{criteria[0].pk}": "Solide",
        "action": "save",
    }
    assert client.post(url, draft).status_code == 302
    assert Review.objects.get().submitted_at is None

    too_high = draft | {f"score_{criteria[1].pk}": "9", "action": "submit"}
    refused = client.post(url, too_high)
    assert refused.status_code == 400 and "Solide" in refused.text

    incomplete = draft | {"action": "submit"}
    assert client.post(url, incomplete).status_code == 400

    complete = draft | {f"score_{criteria[1].pk}": "3", f"score_{criteria[2].pk}": "2"}
    response = client.post(url, complete | {"action": "submit"})
    assert response.status_code == 302
    review = Review.objects.get()
    assert (review.total, review.submitted_at is not None) == (Decimal("63.00"), True)
    assert "63,00" in client.get(reverse("funding:my_reviews")).text


def test_staff_prepare_the_recommendation_from_its_form(staff):
    call = call_in_review()
    voter = committee_member(call.committee)
    application = application_in_review(call)
    client = client_of(staff)
    url = reverse("funding:recommendation_create", args=[call.pk])
    assert client.get(url).status_code == 200
    refused = client.post(url, {f"outcome_{application.pk}": "decline", "note": "Gardé"})
    assert refused.status_code == 400 and "Gardé" in refused.text
    response = client.post(
        url, {f"outcome_{application.pk}": "accept", f"amount_{application.pk}": "12000"}
    )
    recommendation = Recommendation.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("funding:recommendation_detail", args=[recommendation.pk])
    detail = client.get(response.url)
    assert detail.status_code == 200 and "12" in detail.text
    application.refresh_from_db()
    assert application.state == "recommended"
    assert voter  # a member of the committee, to whom the proposal is put


def _reviewed_applications(call, staff: User, reviewers: list[User], count: int) -> None:
    for _n in range(count):
        application = application_in_review(call)
        reviewers_assign(actor=staff, application=application, reviewers=reviewers)
        for reviewer in reviewers:
            review_submit(
                actor=reviewer, application=application, scores=_scores(application, 3, 4, 5)
            )
        Comment.objects.create(application=application, text="Interne", author=staff)


def test_the_analysis_page_keeps_its_query_count(staff, query_budget):
    call = call_in_review()
    application = application_in_review(call)
    first = committee_member(call.committee)
    reviewers_assign(actor=staff, application=application, reviewers=[first])
    review_submit(actor=first, application=application, scores=_scores(application, 1, 2, 3))
    client = client_of(staff)
    url = reverse("funding:application_analysis", args=[application.pk])

    meter = query_budget(25)
    small = meter.get(client, url)
    more = [committee_member(call.committee) for _n in range(6)]
    reviewers_assign(actor=staff, application=application, reviewers=more)
    for reviewer in more:
        review_submit(actor=reviewer, application=application, scores=_scores(application, 5, 4, 3))
        Comment.objects.create(application=application, text="Interne", author=reviewer)
    assert meter.get(client, url) == small


def test_the_ranking_and_my_reviews_keep_their_query_counts(staff, query_budget):
    call = call_in_review()
    reviewers = [committee_member(call.committee) for _n in range(2)]
    _reviewed_applications(call, staff, reviewers, 1)
    staff_client, reviewer_client = client_of(staff), client_of(reviewers[0])
    ranking = reverse("funding:call_ranking", args=[call.pk])
    mine = reverse("funding:my_reviews")
    meter = query_budget(20)
    small_ranking = meter.get(staff_client, ranking)
    small_mine = meter.get(reviewer_client, mine)
    _reviewed_applications(call, staff, reviewers, 8)
    assert meter.get(staff_client, ranking) == small_ranking
    assert meter.get(reviewer_client, mine) == small_mine


def test_my_space_lists_the_applications_a_reviewer_has_still_to_score(staff):
    call = call_in_review()
    waiting = application_in_review(call, title="Jardin partagé")
    done = application_in_review(call, title="Friperie solidaire")
    tied = application_in_review(call, title="Halte-garderie")
    reviewer = committee_member(call.committee)
    reviewers_assign(actor=staff, application=waiting, reviewers=[reviewer])
    reviewers_assign(actor=staff, application=done, reviewers=[reviewer])
    reviewers_assign(actor=staff, application=tied, reviewers=[reviewer])
    review_submit(actor=reviewer, application=done, scores=_scores(done, 1, 1, 1))
    conflict_declare(actor=reviewer, application=tied, reason="J'y suis bénévole.")

    page = client_of(reviewer).get(reverse("core:my_space"))

    assert page.status_code == 200
    assert "Jardin partagé" in page.text
    assert "Friperie solidaire" not in page.text
    assert "Halte-garderie" not in page.text
    assert "Jardin partagé" not in client_of(staff).get(reverse("core:my_space")).text


def test_my_space_keeps_the_reviews_awaited_and_follows_each_change(staff):
    """Kept per account (`views.reviews.AWAITING_CACHE`): an assignment, a conflict declared and
    a review submitted each show on the reviewer's next visit."""
    call = call_in_review()
    reviewer = committee_member(call.committee)
    client = client_of(reviewer)
    assert "Jardin partagé" not in client.get(reverse("core:my_space")).text
    garden = application_in_review(call, title="Jardin partagé")
    thrift = application_in_review(call, title="Friperie solidaire")
    reviewers_assign(actor=staff, application=garden, reviewers=[reviewer])
    reviewers_assign(actor=staff, application=thrift, reviewers=[reviewer])
    page = client.get(reverse("core:my_space")).text
    assert "Jardin partagé" in page and "Friperie solidaire" in page
    conflict_declare(actor=reviewer, application=thrift, reason="J'y suis bénévole.")
    review_submit(actor=reviewer, application=garden, scores=_scores(garden, 1, 1, 1))
    page = client.get(reverse("core:my_space")).text
    assert "Jardin partagé" not in page and "Friperie solidaire" not in page


def test_the_applications_table_assigns_reviewers_in_a_batch(staff):
    call = call_in_review()
    reviewer = committee_member(call.committee)
    first, second = application_in_review(call), application_in_review(call)
    elsewhere = application_in_review(call_in_review())  # another committee

    response = client_of(staff).post(
        reverse("funding:application_batch"),
        {
            "action": "assign",
            "reviewers": [reviewer.pk],
            "selected": [first.pk, second.pk, elsewhere.pk],
        },
        follow=True,
    )

    assigned = set(
        Application.objects.filter(assignments__reviewer=reviewer).values_list("pk", flat=True)
    )
    assert assigned == {first.pk, second.pk}
    assert elsewhere.reference in response.text  # refused by name
    assert "2" in response.text and "analystes" in response.text.lower()


def test_a_reviewer_reads_the_others_scores_only_after_submitting_their_own(staff):
    call = call_in_review()
    application = application_in_review(call)
    first, second = committee_member(call.committee), committee_member(call.committee)
    reviewers_assign(actor=staff, application=application, reviewers=[first, second])
    review_submit(
        actor=first,
        application=application,
        scores=_scores(application, 5, 5, 5),
        comment="Un projet remarquable à tous égards",
    )
    analysis = reverse("funding:application_analysis", args=[application.pk])

    before = client_of(second).get(analysis).text
    assert "Un projet remarquable" not in before and "100,00 / 100" not in before

    review_submit(actor=second, application=application, scores=_scores(application, 3, 3, 3))
    after = client_of(second).get(analysis).text
    assert "Un projet remarquable" in after and "80,00 / 100" in after
    assert "Un projet remarquable" in client_of(staff).get(analysis).text
