"""The ranking of a call's applications per envelope, and the committee's recommendations."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import QuerySet

from maillage.funding.models import Application, Call, Envelope, Recommendation, RecommendationLine
from maillage.funding.models._common import ZERO, cents
from maillage.funding.selectors.funds import with_balances
from maillage.funding.selectors.reviews import averages

# The states in which an application is ranked: qualified for the committee, not decided yet.
RANKED_STATES = ("in_review", "recommended", "waiting_list")
# Those from which it may be put in a recommendation.
RECOMMENDABLE_STATES = ("in_review", "waiting_list")


@dataclass
class RankedApplication:
    rank: int
    application: Application
    average: Decimal | None
    reviews: int
    requested: Decimal
    # What the envelope would have left if this application and those above it were funded.
    remaining_after: Decimal | None
    below_minimum: bool

    @property
    def over_budget(self) -> bool:
        return self.remaining_after is not None and self.remaining_after < 0


@dataclass
class EnvelopeRanking:
    envelope: Envelope | None
    remaining: Decimal | None  # what may still be committed now
    rows: list[RankedApplication] = field(default_factory=list)


def _order_key(item: tuple[Application, Decimal | None]) -> tuple[int, Decimal, str]:
    application, average = item
    return (average is None, -(average or ZERO), application.reference)


def call_ranking(call: Call, *, states: tuple[str, ...] = RANKED_STATES) -> list[EnvelopeRanking]:
    """The call's applications under review, per envelope, ordered by their average (best
    first; unscored ones last), each with the amount requested and what its envelope would
    have left if it and those ranked above it were funded; those under the call's minimum score
    marked. Applications without an envelope yet come last, in a group of their own. Three
    queries, whatever the number of applications and envelopes."""
    applications = list(
        Application.objects.filter(call=call, state__in=states).select_related("organization")
    )
    found = averages(a.pk for a in applications)
    envelope_ids = {a.envelope_id for a in applications if a.envelope_id}
    envelopes = {
        e.pk: e
        for e in with_balances(
            Envelope.objects.filter(pk__in=envelope_ids).select_related("territory", "stream")
        )
    }
    grouped: dict[int | None, list[tuple[Application, Decimal | None]]] = defaultdict(list)
    for application in applications:
        counted = found.get(application.pk)
        grouped[application.envelope_id].append((application, counted[0] if counted else None))
    rankings = []
    keys = sorted((k for k in grouped if k is not None), key=lambda k: str(envelopes[k]))
    for key in [*keys, *([None] if None in grouped else [])]:
        envelope = envelopes.get(key) if key is not None else None
        remaining = (
            cents(envelope.amount) - cents(envelope.committed)  # type: ignore[attr-defined]
            if envelope is not None
            else None
        )
        ranking = EnvelopeRanking(envelope=envelope, remaining=remaining)
        left = remaining
        for rank, (application, average) in enumerate(sorted(grouped[key], key=_order_key), 1):
            requested = cents(application.amount_requested)
            if left is not None:
                left -= requested
            ranking.rows.append(
                RankedApplication(
                    rank=rank,
                    application=application,
                    average=average,
                    reviews=found[application.pk][1] if application.pk in found else 0,
                    requested=requested,
                    remaining_after=left,
                    below_minimum=call.minimum_score is not None
                    and (average is None or average < call.minimum_score),
                )
            )
        rankings.append(ranking)
    return rankings


def recommendable(call: Call) -> QuerySet[Application]:
    """The applications of `call` that may be put in a recommendation."""
    return Application.objects.filter(call=call, state__in=RECOMMENDABLE_STATES).order_by(
        "reference"
    )


@dataclass
class RecommendationSummary:
    recommendation: Recommendation
    lines: list[RecommendationLine]
    accepted: Decimal


def recommendation_summary(recommendation: Recommendation) -> RecommendationSummary:
    """A recommendation's lines, with their applications, and the total it would grant."""
    lines = list(
        RecommendationLine.objects.filter(recommendation=recommendation).select_related(
            "application__organization",
            "application__envelope__territory",
            "application__envelope__stream",
        )
    )
    total = sum((cents(line.amount) for line in lines if line.outcome == "accept"), ZERO)
    return RecommendationSummary(recommendation, lines, total)


def call_recommendations(call: Call) -> QuerySet[Recommendation]:
    return Recommendation.objects.filter(call=call).select_related("process")
