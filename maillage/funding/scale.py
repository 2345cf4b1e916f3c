"""Scale data of the funding app (see `core.scale`): one fund per run, with an envelope per
territory of the region (local stream) and one for the region (regional stream) in each of two
fiscal years; two calls (last year's, closed, and this year's, published) with a grid of three
criteria; and, per unit of factor, 100 applications from the batch's organizations, spread over
the workflow's states. Those under review or decided have two reviewers, their assignments and
scored reviews; the accepted and completed ones have their commitments, releases and payments.
Each envelope gets enough money for what is committed on it."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime, time
from decimal import Decimal

from django.conf import settings
from django.utils import timezone

from maillage.core.models import User
from maillage.core.scale import FICTIONAL, ScaleRun, bulk, link, sample
from maillage.funding.models import (
    Application,
    Assignment,
    Call,
    Criterion,
    Envelope,
    Fund,
    Movement,
    MovementKind,
    Review,
    Score,
    Stream,
    fiscal_year,
)
from maillage.governance.models import Strategy
from maillage.network.models import Organization
from maillage.territories.models import Territory, TerritoryType

APPLICATIONS_PER_FACTOR = 100
REVIEWERS_PER_APPLICATION = 2
MINIMUM_ENVELOPE = Decimal("50000.00")
CENT = Decimal("0.01")
# The states of the applications, with their weights: about a third is funded.
STATES = (
    ("draft", 10),
    ("submitted", 8),
    ("screening", 6),
    ("more_information", 2),
    ("in_review", 12),
    ("recommended", 4),
    ("waiting_list", 3),
    ("declined", 15),
    ("ineligible", 4),
    ("withdrawn", 2),
    ("accepted", 22),
    ("completed", 12),
)
REVIEWED = {"in_review", "recommended", "waiting_list", "declined", "accepted", "completed"}
FUNDED = {"accepted", "completed"}
CRITERIA = (("Inclusion des personnes", 40), ("Ancrage local", 35), ("Mobilisation", 25))
TITLES = (
    "Cuisines collectives",
    "Épicerie solidaire",
    "Halte-garderie communautaire",
    "Accompagnement au logement",
    "Transport solidaire",
    "Jardins collectifs",
    "Littératie des adultes",
    "Fonds de dépannage",
    "Mobilisation citoyenne",
    "Insertion socioprofessionnelle",
)


def _places() -> tuple[Territory | None, list[Territory]]:
    """The region this instance serves and its MRCs (or equivalent territories)."""
    home = (
        Territory.objects.filter(
            type=TerritoryType.REGION, code=settings.MAILLAGE_REGION_CODE
        ).first()
        or Territory.objects.filter(type=TerritoryType.REGION).order_by("pk").first()
    )
    if home is None:
        return None, []
    return home, list(home.children.filter(type__in=("mrc", "equivalent")).order_by("pk"))


def _at(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(10, 0)))


def generate(*, run: ScaleRun) -> None:
    rng = run.rng
    home, mrcs = _places()
    organizations = list(
        Organization.objects.filter(slug__contains=f"-{run.batch}-").values_list("pk", flat=True)
    )
    streams = {s.key: s for s in Stream.objects.all()}
    if home is None or not organizations or "local" not in streams or "regional" not in streams:
        run.report({Application: 0})
        return
    reviewers = list(
        User.objects.filter(email__contains=f"-{run.batch}-").values_list("pk", flat=True)
    )
    strategies = list(Strategy.objects.values_list("pk", flat=True))
    this_year = fiscal_year(run.today)
    years = (this_year - 1, this_year)
    fund = Fund.objects.create(
        name=f"Fonds québécois d'initiatives sociales {FICTIONAL} {run.batch}",
        slug=run.tag("fqis", 0),
        funder="Ministère de l'Emploi et de la Solidarité sociale",
        start_date=date(years[0], 4, 1),
        end_date=date(years[0] + 5, 3, 31),
        total=Decimal("4200000.00"),
    )
    places = [(home, streams["regional"]), *((t, streams["local"]) for t in mrcs)]
    envelopes = bulk(
        Envelope,
        (
            Envelope(fund=fund, territory=territory, stream=stream, fiscal_year=year)
            for year in years
            for territory, stream in places
        ),
    )
    calls = bulk(
        Call,
        (
            Call(
                fund=fund,
                title=f"Appel de projets {label} {FICTIONAL}",
                slug=run.tag(f"appel-{label}", index),
                opens_on=date(year, 9, 1),
                closes_at=_at(date(year, 10, 31)),
                decisions_expected_on=date(year + 1, 1, 31),
                state="closed" if year < this_year else "published",
            )
            for index, (year, label) in enumerate((y, f"{y}-{y + 1}") for y in years)
        ),
    )
    for call, year in zip(calls, years, strict=True):
        link(Call.envelopes, ((call.pk, e.pk) for e in envelopes if e.fiscal_year == year))
    criteria = bulk(
        Criterion,
        (
            Criterion(call=call, position=p, title=title, weight=Decimal(weight), scale_max=5)
            for call in calls
            for p, (title, weight) in enumerate(CRITERIA, start=1)
        ),
    )
    by_call: dict[int, list[Criterion]] = defaultdict(list)
    for criterion in criteria:
        by_call[criterion.call_id].append(criterion)
    states = [state for state, _weight in STATES]
    weights = [weight for _state, weight in STATES]
    plans = []
    for index in range(APPLICATIONS_PER_FACTOR * run.factor):
        state = rng.choices(states, weights)[0]
        year_index = 1 if state not in FUNDED | {"declined"} else rng.randint(0, 1)
        envelope = rng.choice([e for e in envelopes if e.fiscal_year == years[year_index]])
        requested = Decimal(rng.randrange(5000, 60000, 250))
        plans.append((index, state, calls[year_index], envelope, requested))
    applications = bulk(
        Application,
        (
            Application(
                call=call,
                organization_id=rng.choice(organizations),
                reference=f"{run.batch.upper()}-{index + 1:06d}",
                title=f"{rng.choice(TITLES)} ({index + 1}) {FICTIONAL}",
                summary="Un projet mené avec les personnes en situation de pauvreté.",
                amount_requested=requested,
                start_date=date(call.opens_on.year + 1, 4, 1),
                end_date=date(call.opens_on.year + 2, 3, 31),
                state=state,
                state_changed_at=_at(run.days_ago(1, 300)),
                submitted_at=None if state == "draft" else _at(run.days_ago(30, 400)),
                revision=0 if state == "draft" else 1,
                envelope=None if state in ("draft", "submitted") else envelope,
                # Granted what was asked, once funded (none before).
                **({"amount_granted": requested} if state in FUNDED else {}),
            )
            for index, state, call, envelope, requested in plans
        ),
    )
    # A project of the region's envelope serves one of its MRCs; the others, their envelope's.
    served = [
        envelope.territory_id
        if envelope.territory_id != home.pk or not mrcs
        else rng.choice(mrcs).pk
        for _index, _state, _call, envelope, _requested in plans
    ]
    link(Application.territories, ((a.pk, t) for a, t in zip(applications, served, strict=True)))
    if strategies:
        link(
            Application.strategies,
            ((a.pk, s) for a in applications for s in sample(rng, strategies, 1, 2)),
        )
    reviewed = [a for a in applications if a.state in REVIEWED]
    assignments: list[Assignment] = []
    reviews: list[Review] = []
    if reviewers:
        for application in reviewed:
            for reviewer in sample(
                rng, reviewers, REVIEWERS_PER_APPLICATION, REVIEWERS_PER_APPLICATION
            ):
                assignments.append(Assignment(application=application, reviewer_id=reviewer))
                reviews.append(
                    Review(
                        application=application,
                        reviewer_id=reviewer,
                        comment="Projet ancré dans son milieu.",
                        submitted_at=_at(run.days_ago(20, 300)),
                    )
                )
    bulk(Assignment, assignments)
    reviews = bulk(Review, reviews)
    scores: list[Score] = []
    for review, application in ((r, r.application) for r in reviews):
        total = Decimal("0")
        for criterion in by_call[application.call_id]:
            value = rng.randint(1, 5)
            total += criterion.weight * value / criterion.scale_max
            scores.append(Score(review=review, criterion=criterion, value=value))
        review.total = total.quantize(Decimal("0.01"))
    bulk(Score, scores)
    Review.objects.bulk_update(reviews, ["total"], batch_size=1000)
    movements: list[Movement] = []
    committed: dict[int, Decimal] = defaultdict(Decimal)
    for application in applications:
        if application.state not in FUNDED or application.envelope_id is None:
            continue
        granted = application.amount_granted or Decimal("0")
        envelope_id = application.envelope_id
        committed[envelope_id] += granted
        movements.append(
            Movement(
                envelope_id=envelope_id,
                kind=MovementKind.COMMITMENT,
                amount=granted,
                application=application,
            )
        )
        if application.state == "completed":
            paid = (granted * Decimal("0.9")).quantize(Decimal("0.01"))
            movements.append(
                Movement(
                    envelope_id=envelope_id,
                    kind=MovementKind.PAYMENT,
                    amount=paid,
                    application=application,
                )
            )
            # The unspent tenth goes back to the envelope.
            movements.append(
                Movement(
                    envelope_id=envelope_id,
                    kind=MovementKind.RELEASE,
                    amount=granted - paid,
                    application=application,
                )
            )
        elif rng.random() < 0.5:
            movements.append(
                Movement(
                    envelope_id=envelope_id,
                    kind=MovementKind.PAYMENT,
                    amount=(granted / 2).quantize(Decimal("0.01")),
                    application=application,
                )
            )
    # Every envelope holds a quarter more than what is committed on it (at least 50 000 $).
    allocations = [
        Movement(
            envelope=e,
            kind=MovementKind.ALLOCATION,
            amount=max(
                Decimal("50000.00"), (committed[e.pk] * Decimal("1.25")).quantize(Decimal("1"))
            ),
        )
        for e in envelopes
    ]
    movements = bulk(Movement, [*allocations, *movements])
    run.report(
        {
            Envelope: len(envelopes),
            Call: len(calls),
            Application: len(applications),
            Review: len(reviews),
            Movement: len(movements),
        }
    )
