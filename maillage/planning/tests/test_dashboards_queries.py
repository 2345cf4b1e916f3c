"""The dashboards and the strategies' pages keep their query counts as the plan and what is
done under each strategy grow a hundredfold."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from maillage.decisions.models import Visibility
from maillage.decisions.tests.factories import recorded_in_bulk
from maillage.funding.models import Application
from maillage.funding.tests.factories import accepted_application
from maillage.governance.models import Circle
from maillage.governance.tests.factories import CircleFactory, WorkstreamFactory, strategy
from maillage.participation.models import Consultation
from maillage.participation.tests.factories import general_circle
from maillage.planning.models import Action, ActionStatus, ProgressUpdate, Target, TargetKind
from maillage.planning.tests.factories import ObjectiveFactory, PlanFactory
from maillage.territories.models import Territory
from maillage.territories.tests.factories import MrcFactory, RegionFactory

pytestmark = pytest.mark.django_db

KEY = "concertation-intersectorielle"


def grow(plan, count: int, *, start: int = 0) -> None:
    """`count` actions and targets (with a progress update each) in `plan`, in bulk, tagged
    with a strategy and a territory; as many circles, workstreams, public decisions, funded
    projects and published consultations under that strategy."""
    chosen = strategy(KEY)
    mrc: Territory = MrcFactory(parent=RegionFactory(), name=f"MRC {start}")
    objective = ObjectiveFactory(orientation__plan=plan)
    statuses = list(ActionStatus)
    today = timezone.localdate()
    actions = Action.objects.bulk_create(
        Action(
            objective=objective,
            title_fr=f"Action {start + n}",
            status=statuses[n % len(statuses)],
            end=today - dt.timedelta(days=n % 3 - 1),
            budget=Decimal(1000),
        )
        for n in range(count)
    )
    Action.strategies.through.objects.bulk_create(
        Action.strategies.through(action=a, strategy=chosen) for a in actions
    )
    Action.territories.through.objects.bulk_create(
        Action.territories.through(action=a, territory=mrc) for a in actions
    )
    targets = Target.objects.bulk_create(
        Target(
            objective=objective,
            label_fr=f"Cible {start + n}",
            kind=TargetKind.COUNT,
            baseline_value=0,
            baseline_year=2024,
            target_value=10,
            target_date=dt.date(2029, 3, 31),
        )
        for n in range(count)
    )
    ProgressUpdate.objects.bulk_create(
        ProgressUpdate(objective=objective, target=t, date=today, value=n % 12)
        for n, t in enumerate(targets)
    )
    circles = Circle.objects.bulk_create(
        Circle(
            name=f"Cercle {start + n}", slug=f"cercle-masse-{start + n}", parent=general_circle()
        )
        for n in range(count)
    )
    Circle.strategies.through.objects.bulk_create(
        Circle.strategies.through(circle=c, strategy=chosen) for c in circles
    )
    Circle.territories.through.objects.bulk_create(
        Circle.territories.through(circle=c, territory=mrc) for c in circles
    )
    workstream = WorkstreamFactory(slug=f"chantier-masse-{start}")
    workstream.strategies.set([chosen])
    recorded_in_bulk(circles[0], count, visibility=Visibility.PUBLIC)
    recorded_in_bulk(workstream, count, visibility=Visibility.PUBLIC)
    project = accepted_application(amount="1000.00")
    project.strategies.set([chosen])
    project.territories.set([mrc])
    consultations = Consultation.objects.bulk_create(
        Consultation(
            slug=f"masse-{start + n}",
            title_fr=f"Consultation {start + n}",
            question_fr="Votre avis?",
            circle=general_circle(),
            starts_on=today,
            ends_on=today,
            published_at=timezone.now(),
        )
        for n in range(count)
    )
    Consultation.strategies.through.objects.bulk_create(
        Consultation.strategies.through(consultation=c, strategy=chosen) for c in consultations
    )


@pytest.mark.parametrize(
    ("url_name", "kwargs", "budget"),
    [
        ("planning:strategy_list", {}, 12),
        ("planning:strategy_detail", {"key": KEY}, 25),
        ("planning:strategy_dashboard", {}, 14),
        ("planning:plan_dashboard", {"slug": "plan-mesure"}, 16),
    ],
)
def test_the_pages_keep_their_queries_at_a_hundred_times_the_data(
    client, query_budget, url_name, kwargs, budget
):
    plan = PlanFactory(slug="plan-mesure")
    CircleFactory()
    meter = query_budget(budget)
    url = reverse(url_name, kwargs=kwargs)
    grow(plan, 3)
    small = meter.get(client, url)
    grow(plan, 300, start=3)
    assert Action.objects.count() == 303 and Application.objects.count() == 2
    assert meter.get(client, url) == small


@pytest.mark.parametrize(
    ("url_name", "kwargs"),
    [
        ("planning:strategy_list", {}),
        ("planning:strategy_detail", {"key": KEY}),
        ("planning:strategy_dashboard", {}),
    ],
)
def test_the_strategies_pages_as_kept_ask_the_database_almost_nothing(
    client, staff_client, query_budget, url_name, kwargs
):
    """Kept rendered, the same for every visitor: the strategy's own row at most, then what the
    panels of the apps above and the staff's session read."""
    plan = PlanFactory(slug="plan-mesure")
    url = reverse(url_name, kwargs=kwargs)
    grow(plan, 3)
    meter = query_budget(6)
    small = (meter.get(client, url, kept=True), meter.get(staff_client, url, kept=True))
    assert small[0] <= 2
    grow(plan, 300, start=3)
    assert (meter.get(client, url, kept=True), meter.get(staff_client, url, kept=True)) == small
