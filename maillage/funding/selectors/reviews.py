"""The analysis as its readers may see it: screening suggestions, the review committee,
weighted totals and averages, the analysis page of an application and a reviewer's list.

A reviewer is excluded from an application by a recorded conflict or by a tie (an open
function, a seat held or substituted on) to the applying or a co-applicant organization: the
same rule as `rules.is_excluded`, here as SQL so that lists and averages read it in one query.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from maillage.core.actors import Viewer
from maillage.core.models import User
from maillage.core.permissions import has_perm
from maillage.funding.models import (
    Application,
    Assignment,
    Comment,
    Conflict,
    Criterion,
    Envelope,
    Review,
    Score,
    Screening,
)
from maillage.funding.models._common import cents, dollars
from maillage.network.models import Function, Seat

POINT = Decimal("0.01")


# --- Totals -------------------------------------------------------------------------------


def grid_total(scores: Iterable[tuple[int, int, Decimal]], weights: Iterable[Decimal]) -> Decimal:
    """The weighted total on 100 of `scores` (`(value, scale_max, weight)` per criterion) on a
    grid whose criteria weigh `weights`:

        total = Σ (value / scale_max × weight) / Σ weights × 100

    computed exactly (fractions), then rounded to the hundredth, half up (62.345 → 62.35). A
    criterion left unscored counts zero; an empty grid totals zero."""
    weight_sum = sum((Fraction(w) for w in weights), Fraction(0))
    if weight_sum == 0:
        return Decimal("0.00")
    earned = sum(
        (Fraction(value, scale) * Fraction(weight) for value, scale, weight in scores), Fraction(0)
    )
    exact = earned / weight_sum * 100
    return (Decimal(exact.numerator) / Decimal(exact.denominator)).quantize(
        POINT, rounding=ROUND_HALF_UP
    )


def weighted_total(review: Review) -> Decimal:
    """A review's weighted total on 100 over its call's whole grid (`grid_total`): each score
    `s` of a criterion on a scale of 0 to `m` weighing `w` earns `s / m × w`, and the sum is
    normalised to the sum of the grid's weights on 100, in `Decimal` rounded half up to 0.01.
    Two queries: the scores and the grid's weights."""
    scores = [
        (s.value, s.criterion.scale_max, s.criterion.weight)
        for s in Score.objects.filter(review=review).select_related("criterion")
    ]
    weights = Criterion.objects.filter(call_id=review.application.call_id).values_list(
        "weight", flat=True
    )
    return grid_total(scores, weights)


def mean(totals: Iterable[Decimal]) -> Decimal | None:
    """The average of `totals`, rounded half up to 0.01 (None without any)."""
    found = list(totals)
    if not found:
        return None
    return (sum(found, Decimal(0)) / len(found)).quantize(POINT, rounding=ROUND_HALF_UP)


def excluded_condition(
    application: str = "application",
    reviewer: str | int = "reviewer",
    organization: str | None = None,
) -> Q:
    """A condition on a queryset whose rows name an application and a reviewer: true when the
    reviewer is excluded from the application. `application`, `reviewer` and `organization`
    (the applying organization's key) are paths of the outer row; `reviewer` may be an
    account's key instead."""
    today = timezone.localdate()
    app = OuterRef(application)
    who: Any = OuterRef(reviewer) if isinstance(reviewer, str) else reviewer
    applying = OuterRef(organization or f"{application}__organization_id")
    of_applicant = Q(organization_id=applying) | Q(organization__co_applications=app)
    open_dates = Q(end_date__isnull=True) | Q(end_date__gte=today)
    function = Function.objects.filter(open_dates, of_applicant, person__user=who)
    seat = Seat.objects.filter(open_dates, of_applicant).filter(
        Q(holder__user=who) | Q(substitutes__user=who)
    )
    conflict = Conflict.objects.filter(application=app, reviewer=who)
    return Q(Exists(conflict)) | Q(Exists(function)) | Q(Exists(seat))


def counted_reviews() -> QuerySet[Review]:
    """The reviews that count in an average: submitted, by a reviewer not excluded."""
    return Review.objects.filter(submitted_at__isnull=False, total__isnull=False).exclude(
        excluded_condition()
    )


def averages(application_ids: Iterable[int]) -> dict[int, tuple[Decimal, int]]:
    """Each application's average of its counted reviews, and how many they are (one query)."""
    totals: dict[int, list[Decimal]] = defaultdict(list)
    rows = counted_reviews().filter(application_id__in=list(application_ids))
    for application_id, total in rows.values_list("application_id", "total"):
        totals[application_id].append(cents(total))
    return {pk: (mean(found) or Decimal("0.00"), len(found)) for pk, found in totals.items()}


def application_average(application: Application) -> Decimal | None:
    """The average of the weighted totals of the application's submitted reviews whose
    reviewer is not excluded (a conflict, declared or by ties), rounded half up to 0.01; None
    before any such review."""
    found = averages([application.pk]).get(application.pk)
    return found[0] if found else None


# --- Screening ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Check:
    key: str
    label: str
    ok: bool
    reason: str = ""


CHECK_KEYS = ("sector", "territory", "amount", "end_date", "attachments")


def check_labels() -> dict[str, str]:
    return {
        "sector": _("The applying organization is of an eligible sector"),
        "territory": _("The project serves eligible territories"),
        "amount": _("The amount requested is within the call's maximum"),
        "end_date": _("The project ends in time"),
        "attachments": _("Every required document is attached"),
    }


def screening_suggestions(application: Application) -> list[Check]:
    """The call's eligibility rules, each checked against the application as it stands: what
    the screening form proposes, for staff to confirm or correct (five queries)."""
    call = application.call
    labels = check_labels()
    sectors = set(call.eligible_sectors.values_list("pk", flat=True))
    org_sectors = set(application.organization.sectors.values_list("pk", flat=True))
    territories = set(call.eligible_territories.values_list("pk", flat=True))
    served = set(application.territories.values_list("pk", flat=True))
    documents = call.required_attachments.all()
    if application.stage == "intention":
        documents = documents.filter(in_intention=True)
    required = set(documents.values_list("pk", flat=True))
    attached = set(application.attachments.values_list("required_id", flat=True))
    amount = application.amount_requested
    checks = [
        Check(
            "sector",
            labels["sector"],
            not sectors or bool(sectors & org_sectors),
            "" if not sectors or sectors & org_sectors else _("Its sector is not eligible."),
        ),
        Check(
            "territory",
            labels["territory"],
            not territories or (bool(served) and served <= territories),
            ""
            if not territories or (served and served <= territories)
            else _("It serves territories outside those of the call."),
        ),
        Check(
            "amount",
            labels["amount"],
            call.max_amount is None or (amount is not None and amount <= call.max_amount),
            ""
            if call.max_amount is None or (amount is not None and amount <= call.max_amount)
            else _("The maximum is %(max)s.") % {"max": dollars(call.max_amount)},
        ),
        Check(
            "end_date",
            labels["end_date"],
            call.project_end_by is None
            or (application.end_date is not None and application.end_date <= call.project_end_by),
            ""
            if call.project_end_by is None
            or (application.end_date is not None and application.end_date <= call.project_end_by)
            else _("Projects must end no later than %(date)s.")
            % {"date": call.project_end_by.isoformat()},
        ),
        Check(
            "attachments",
            labels["attachments"],
            required <= attached,
            "" if required <= attached else _("A required document is missing."),
        ),
    ]
    return checks


# --- The review committee -----------------------------------------------------------------


def committees_members() -> QuerySet[User]:
    """The active accounts of the current members of any call's review committee (the batch
    assignment offers them all; each application takes those of its own committee)."""
    return (
        User.objects.filter(
            is_active=True,
            person__memberships__circle__funding_calls__isnull=False,
            person__memberships__ended_at__isnull=True,
        )
        .select_related("person")
        .distinct()
        .order_by("person__last_name", "person__first_name", "pk")
    )


def committee_members(application: Application) -> QuerySet[User]:
    """The active accounts of the current members of the call's review committee."""
    committee_id = application.call.committee_id
    if committee_id is None:
        return User.objects.none()
    return (
        User.objects.filter(
            is_active=True,
            person__memberships__circle_id=committee_id,
            person__memberships__ended_at__isnull=True,
        )
        .select_related("person")
        .distinct()
        .order_by("person__last_name", "person__first_name", "pk")
    )


# --- The analysis page --------------------------------------------------------------------


@dataclass
class ReviewRow:
    review: Review
    scores: dict[int, Score]
    excluded: bool
    # The scores in the order of the grid's criteria (None where unscored).
    cells: list[Score | None] = field(default_factory=list)


@dataclass
class ReviewerRow:
    assignment: Assignment
    excluded: bool
    review: Review | None


@dataclass
class Analysis:
    application: Application
    screening: Screening | None
    criteria: list[Criterion]
    reviewers: list[ReviewerRow]
    reviews: list[ReviewRow]
    conflicts: list[Conflict]
    comments: list[Comment]
    average: Decimal | None
    counted: int
    envelopes: list[Envelope] = field(default_factory=list)
    # A reviewer who has not submitted their own review reads no one else's scores yet, so
    # that each judges the application on their own.
    blind: bool = False


def application_analysis(*, viewer: Viewer, application: Application) -> Analysis | None:
    """Everything of an application's analysis, for a viewer who may see it (staff, or a
    reviewer not excluded; None for anyone else): its screening, reviewers
    (each marked excluded or not), submitted reviews with their scores, conflicts, internal
    comments and average. A fixed number of queries, whatever the number of reviewers."""
    if not has_perm(viewer, "funding.view_analysis", application):
        return None
    screening = Screening.objects.filter(application=application).first()
    criteria = list(Criterion.objects.filter(call_id=application.call_id))
    excluded = excluded_condition()
    assignments = list(
        Assignment.objects.filter(application=application)
        .annotate(excluded=excluded)
        .select_related("reviewer__person")
    )
    reviews = list(
        Review.objects.filter(application=application)
        .annotate(excluded=excluded)
        .select_related("reviewer__person")
        .order_by("pk")
    )
    scores: dict[int, dict[int, Score]] = defaultdict(dict)
    for score in Score.objects.filter(review__application=application):
        scores[score.review_id][score.criterion_id] = score
    by_reviewer = {r.reviewer_id: r for r in reviews}
    own = by_reviewer.get(viewer.pk) if isinstance(viewer, User) else None
    blind = not has_perm(viewer, "funding.manage") and not (own and own.submitted_at)
    if blind:
        reviews = [r for r in reviews if r is own]
        by_reviewer = {own.reviewer_id: own} if own else {}
    counted = [
        r.total for r in reviews if r.submitted_at and not r.excluded and r.total is not None
    ]
    return Analysis(
        application=application,
        screening=screening,
        criteria=criteria,
        reviewers=[
            ReviewerRow(a, bool(a.excluded), by_reviewer.get(a.reviewer_id)) for a in assignments
        ],
        reviews=[
            ReviewRow(
                r,
                scores.get(r.pk, {}),
                bool(r.excluded),
                [scores.get(r.pk, {}).get(c.pk) for c in criteria],
            )
            for r in reviews
            if r.submitted_at
        ],
        # Why a reviewer is in conflict may be personal: staff read it, not the other reviewers.
        conflicts=list(
            Conflict.objects.filter(application=application).select_related(
                "reviewer__person", "organization"
            )
        )
        if has_perm(viewer, "funding.manage")
        else [],
        comments=list(
            Comment.objects.filter(application=application, shared=False).select_related(
                "author__person"
            )
        ),
        average=mean(counted),
        counted=len(counted),
        envelopes=list(application.call.envelopes.select_related("territory", "stream")),
        blind=blind,
    )


# --- A reviewer's pages -------------------------------------------------------------------


@dataclass
class MyReview:
    application: Application
    review: Review | None


def my_reviews(*, viewer: User) -> list[MyReview]:
    """The applications `viewer` is assigned to and not excluded from, with their own review
    (two queries)."""
    applications = list(
        Application.objects.filter(assignments__reviewer=viewer)
        .exclude(excluded_condition("pk", viewer.pk, "organization_id"))
        .select_related("call", "organization")
        .order_by("call__title", "reference")
    )
    reviews = {
        r.application_id: r
        for r in Review.objects.filter(
            reviewer=viewer, application_id__in=[a.pk for a in applications]
        )
    }
    return [MyReview(a, reviews.get(a.pk)) for a in applications]


@dataclass
class ReviewForm:
    application: Application
    criteria: list[Criterion]
    review: Review | None
    scores: dict[int, Score]


def review_of(*, viewer: User, application: Application) -> ReviewForm:
    """The grid of the application's call and `viewer`'s own review on it, if begun."""
    review = Review.objects.filter(application=application, reviewer=viewer).first()
    scores = {s.criterion_id: s for s in Score.objects.filter(review=review)} if review else {}
    return ReviewForm(
        application=application,
        criteria=list(Criterion.objects.filter(call_id=application.call_id)),
        review=review,
        scores=scores,
    )


def reviews_awaited(*, viewer: User) -> list[Application]:
    """The applications in review that `viewer` is assigned to, not excluded from, and has not
    submitted a review of yet (one query)."""
    submitted = Review.objects.filter(
        application=OuterRef("pk"), reviewer=viewer, submitted_at__isnull=False
    )
    return list(
        Application.objects.filter(state="in_review", assignments__reviewer=viewer)
        .exclude(excluded_condition("pk", viewer.pk, "organization_id"))
        .exclude(Exists(submitted))
        .select_related("call")
        .order_by("call__title", "reference")
    )
