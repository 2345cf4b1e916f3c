"""Permission matrix rows of the analysis's pages (see tests/access.py).

The sample accounts act for no organization and sit on no review committee: staff reach the
analysis, the ranking and the recommendation; nobody of them scores nor declares a conflict
(those are an assigned reviewer's); anyone logged in has a list of reviews (empty)."""

from __future__ import annotations

from decimal import Decimal
from types import SimpleNamespace

from maillage.core.permissions import SYSTEM
from maillage.funding.models import Outcome
from maillage.funding.services.recommendations import LineData, recommendation_prepare
from maillage.funding.services.reviews import reviewers_assign
from maillage.funding.tests.factories import (
    application_in_review,
    call_in_review,
    committee_member,
)
from tests.matrix import LOGIN, Expect


def sample(data: SimpleNamespace) -> None:
    call = call_in_review(title="Appel témoin de l'analyse")
    data.rev_call = call
    data.rev_reviewer = committee_member(call.committee)
    data.rev_application = application_in_review(call, title="Demande témoin de l'analyse")
    reviewers_assign(actor=SYSTEM, application=data.rev_application, reviewers=[data.rev_reviewer])
    recommended = application_in_review(call, title="Demande témoin recommandée")
    data.rev_recommendation = recommendation_prepare(
        actor=SYSTEM,
        call=call,
        lines=[LineData(recommended, Outcome.ACCEPT, Decimal("1000.00"))],
    )


application = {"kwargs": lambda d: {"pk": d.rev_application.pk}}
call = {"kwargs": lambda d: {"pk": d.rev_call.pk}}
reviewer = {"kwargs": lambda d: {"pk": d.rev_application.pk, "reviewer": d.rev_reviewer.pk}}
recommendation = {"kwargs": lambda d: {"pk": d.rev_recommendation.pk}}

# Only an assigned reviewer, not in conflict, scores or declares: none of the sample accounts.
_REVIEWERS_ONLY = (LOGIN, 403, 403, 403, 403, 403)

ACCESS: dict[str, Expect] = {
    "funding:application_analysis": Expect.staff(**application),
    # POST only: those allowed asking with GET get 405, everyone else is refused first.
    "funding:application_screen": Expect.staff(405, **application),
    "funding:reviewers_assign": Expect.staff(405, **application),
    "funding:reviewer_unassign": Expect.staff(405, **reviewer),
    "funding:review_edit": Expect.of(*_REVIEWERS_ONLY, **application),
    "funding:conflict_declare": Expect.of(*_REVIEWERS_ONLY, **application),
    "funding:my_reviews": Expect.authenticated(),
    "funding:call_ranking": Expect.staff(**call),
    "funding:recommendation_create": Expect.staff(**call),
    "funding:recommendation_detail": Expect.staff(**recommendation),
}
