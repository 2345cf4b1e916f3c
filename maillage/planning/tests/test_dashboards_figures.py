"""A plan's dashboard: each figure equals a direct count of the objects, by plain ORM queries."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.db.models import Q
from django.urls import reverse

from maillage.governance.tests.factories import strategy
from maillage.planning.models import Action, ActionStatus, ProgressUpdate, Target
from maillage.planning.progress import ProgressStatus
from maillage.planning.selectors.dashboards import plan_dashboard, strategy_dashboard
from maillage.planning.tests.factories import (
    ActionFactory,
    CountTargetFactory,
    ObjectiveFactory,
    OrientationFactory,
    PlanFactory,
)
from maillage.territories.tests.factories import MrcFactory, RegionFactory

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 6, 1)
STATUSES = list(ActionStatus)


def a_plan():
    """A plan of two orientations, actions of every status (some past their end), targets
    reached, on track, behind, late and not measured, tagged with territories and strategies."""
    plan = PlanFactory(slug="plan-regional")
    other = PlanFactory(slug="autre-plan")  # never counted
    ActionFactory(objective__orientation__plan=other, status=ActionStatus.IN_PROGRESS)
    region = RegionFactory()
    mrcs = [MrcFactory(parent=region, name=name) for name in ("Portneuf", "Charlevoix")]
    keys = ["concertation-intersectorielle", "action-communautaire"]
    for o in range(2):
        orientation = OrientationFactory(plan=plan)
        for j in range(2):
            objective = ObjectiveFactory(orientation=orientation)
            for k, status in enumerate(STATUSES):
                action = ActionFactory(
                    objective=objective,
                    status=status,
                    end=TODAY - dt.timedelta(days=10) if (k + j) % 2 else TODAY + dt.timedelta(30),
                )
                action.territories.set(mrcs[: (k + o) % 3])
                if (k + j + o) % 3:
                    action.strategies.set([strategy(keys[(k + o) % 2])])
            reached = CountTargetFactory(objective=objective, target_value=Decimal(10))
            ProgressUpdate.objects.create(
                objective=objective, target=reached, date=TODAY, value=Decimal(12)
            )
            behind = CountTargetFactory(objective=objective, target_value=Decimal(100))
            ProgressUpdate.objects.create(
                objective=objective, target=behind, date=TODAY, value=Decimal(1)
            )
            CountTargetFactory(objective=objective, target_date=TODAY - dt.timedelta(days=1))
            CountTargetFactory(objective=objective)  # not measured yet
    return plan


def test_the_plans_figures_equal_a_direct_count():
    plan = a_plan()
    board = plan_dashboard(plan, today=TODAY)
    actions = Action.objects.filter(objective__orientation__plan=plan)

    for status in STATUSES:
        assert board.actions.of(status) == actions.filter(status=status).count()
    assert board.actions.total == actions.count() == 20

    late = actions.filter(end__lt=TODAY).exclude(
        status__in=[ActionStatus.COMPLETED, ActionStatus.CANCELLED]
    )
    assert board.late_action_count == late.count() > 0
    assert {a.pk for a in board.late_actions} == set(late.values_list("pk", flat=True))

    targets = Target.objects.filter(objective__orientation__plan=plan)
    assert board.targets.total == targets.count() == 16
    # Reached: the targets whose latest count passed the target value.
    assert board.targets.of(ProgressStatus.REACHED) == targets.filter(target_value=10).count()
    # Late: past their date and not reached; behind: a hundred to reach and 1 reached.
    assert board.targets.of(ProgressStatus.LATE) == targets.filter(target_date__lt=TODAY).count()
    assert board.targets.of(ProgressStatus.BEHIND) == targets.filter(target_value=100).count()
    assert (
        board.targets.of(ProgressStatus.NO_DATA)
        == targets.filter(progress_updates__isnull=True, target_date__gte=TODAY).count()
    )
    assert (
        board.late_target_count
        == len(board.late_targets)
        == targets.filter(target_value=100).count() + targets.filter(target_date__lt=TODAY).count()
    )

    for counts, target_counts in board.by_orientation:
        orientation = plan.orientations.get(title_fr=counts.label)
        for status in STATUSES:
            assert (
                counts.of(status)
                == actions.filter(objective__orientation=orientation, status=status).count()
            )
        assert target_counts.total == targets.filter(objective__orientation=orientation).count()

    for row in board.by_territory:
        for status in STATUSES:
            assert (
                row.of(status) == actions.filter(territories__name=row.label, status=status).count()
            )
    assert {row.label for row in board.by_territory} == {"Portneuf", "Charlevoix"}

    for counts, target_counts in board.by_strategy:
        tagged = actions.filter(strategies__name_fr=counts.label)
        for status in STATUSES:
            assert counts.of(status) == tagged.filter(status=status).count()
        assert target_counts.total == (
            targets.filter(objective__actions__in=tagged).distinct().count()
        )


def test_the_page_shows_the_counted_figures(client):
    plan = a_plan()
    page = client.get(reverse("planning:plan_dashboard", kwargs={"slug": plan.slug})).text
    assert plan.title in page
    assert f'href="/plan/plans/{plan.slug}/"' in page
    count = Action.objects.filter(objective__orientation__plan=plan).count()
    assert re.search(rf"<td>{count}</td>", page)
    assert "<svg" in page and "<table" in page


def test_the_strategies_figures_equal_a_direct_count():
    plan = a_plan()
    board = strategy_dashboard(today=TODAY)
    for row in board.rows:
        tagged = Action.objects.filter(strategies=row.strategy)
        assert row.actions.total == tagged.count()
        for status in STATUSES:
            assert row.actions.of(status) == tagged.filter(status=status).count()
        assert row.targets.total == (
            Target.objects.filter(objective__actions__in=tagged).distinct().count()
        )
    assert (
        sum(r.actions.total for r in board.rows)
        == Action.objects.filter(
            objective__orientation__plan=plan, strategies__isnull=False
        ).count()
    )


def test_the_late_targets_listed_stop_at_the_limit_and_the_count_says_how_many(client, monkeypatch):
    monkeypatch.setattr("maillage.planning.selectors.dashboards.LATE_LIMIT", 2)
    plan = a_plan()
    board = plan_dashboard(plan, today=TODAY)
    late = Target.objects.filter(objective__orientation__plan=plan).filter(
        Q(target_value=100) | Q(target_date__lt=TODAY)
    )
    assert board.late_target_count == late.count() > 2
    assert len(board.late_targets) == 2
    # The page counts at today's date.
    now = plan_dashboard(plan).late_target_count
    assert now > 2
    page = client.get(reverse("planning:plan_dashboard", kwargs={"slug": plan.slug})).text
    assert f"{now} cibles en retard ou échues" in page
    assert "Les 2 premières sont listées, dans l’ordre du plan." in page
