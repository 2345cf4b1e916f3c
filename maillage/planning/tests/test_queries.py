"""The plan's page and an objective's page read as many queries with a demo-sized plan as with
a hundred times as many objectives, actions and targets."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from maillage.governance.tests.factories import CircleFactory
from maillage.planning.models import Action, Need, Objective, ProgressUpdate, Target, TargetKind
from maillage.planning.tests.factories import OrientationFactory, PlanFactory
from maillage.portrait.tests.factories import IndicatorFactory, RegionFactory, value

pytestmark = pytest.mark.django_db


def _grow(orientations, circle, indicator, region, objectives_each: int) -> Objective:
    for orientation in orientations:
        made = Objective.objects.bulk_create(
            Objective(orientation=orientation, title_fr=f"Objectif {n}", position=n)
            for n in range(objectives_each)
        )
        for objective in made:
            actions = Action.objects.bulk_create(
                Action(objective=objective, title_fr=f"Action {n}", position=n) for n in range(2)
            )
            for action in actions:
                action.circles.add(circle)
    objective = Objective.objects.filter(orientation__in=orientations).order_by("pk").first()
    assert objective is not None
    return objective


def _targets(objective: Objective, indicator, region, count: int) -> None:
    targets = Target.objects.bulk_create(
        [
            *(
                Target(
                    objective=objective,
                    label_fr=f"Cible comptée {n}",
                    kind=TargetKind.COUNT,
                    unit_fr="organismes",
                    baseline_value=0,
                    baseline_year=2024,
                    target_value=20,
                    target_date=dt.date(2029, 3, 31),
                )
                for n in range(count)
            ),
            *(
                Target(
                    objective=objective,
                    label_fr=f"Cible mesurée {n}",
                    kind=TargetKind.INDICATOR,
                    indicator=indicator,
                    territory=region,
                    baseline_value=12,
                    baseline_year=2021,
                    target_value=10,
                    target_date=dt.date(2029, 3, 31),
                )
                for n in range(count)
            ),
        ]
    )
    ProgressUpdate.objects.bulk_create(
        ProgressUpdate(
            objective=objective,
            target=t,
            date=dt.date(2025, 6, 1),
            value=Decimal(5),
            note="Avancée.",
        )
        for t in targets
        if t.kind == TargetKind.COUNT
    )


def test_the_plan_and_objective_pages_read_as_much_at_demo_size_and_at_100_times(
    query_budget, staff
):
    plan = PlanFactory(adopted_at=timezone.now())
    region = RegionFactory()
    indicator = IndicatorFactory()
    value(indicator, region, 2021, "12")
    value(indicator, region, 2024, "11")
    circle = CircleFactory()
    need = Need.objects.create(plan=plan, title_fr="Se loger")
    need.territories.add(region)
    need.indicators.add(indicator)
    orientations = [OrientationFactory(plan=plan) for _ in range(3)]
    objective = _grow(orientations, circle, indicator, region, 4)
    _targets(objective, indicator, region, 2)

    client = Client()
    client.force_login(staff)
    meter = query_budget(25)
    plan_url = reverse("planning:plan_detail", args=[plan.slug])
    objective_url = reverse("planning:objective_detail", args=[objective.pk])
    small = (meter.get(client, plan_url), meter.get(client, objective_url))

    _grow(orientations, circle, indicator, region, 400)
    _targets(objective, indicator, region, 200)
    large = (meter.get(client, plan_url), meter.get(client, objective_url))
    assert small == large
    # Anonymous visitors too (an adopted plan is public).
    anonymous = Client()
    assert meter.get(anonymous, plan_url) == meter.get(anonymous, plan_url)


def test_the_action_page_reads_as_much_with_few_and_many_partners(query_budget):
    from maillage.network.tests.factories import OrganizationFactory
    from maillage.planning.tests.factories import ActionFactory

    plan = PlanFactory(adopted_at=timezone.now())
    action = ActionFactory(objective__orientation__plan=plan)
    action.circles.add(CircleFactory())
    action.partners.add(OrganizationFactory())
    client = Client()
    meter = query_budget(20)
    url = reverse("planning:action_detail", args=[action.pk])
    small = meter.get(client, url)
    action.partners.add(*(OrganizationFactory() for _ in range(30)))
    action.circles.add(*(CircleFactory() for _ in range(10)))
    assert meter.get(client, url) == small
