"""The plan's pages (its outline, its lists of objectives and actions, an objective's page, an
action's page) read as many queries with a demo-sized plan as with a hundred times as many
objectives, actions and targets, for a visitor and for the staff, built and as kept; and the
plan's page stays small whatever the plan's size."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from maillage.governance.tests.factories import CircleFactory
from maillage.planning.models import Action, Need, Objective, ProgressUpdate, Target, TargetKind
from maillage.planning.selectors.outline import OUTLINE_LIMIT
from maillage.planning.tests.factories import OrientationFactory, PlanFactory
from maillage.portrait.tests.factories import IndicatorFactory, RegionFactory, value

pytestmark = pytest.mark.django_db


def _grow(orientations, circle, objectives_each: int, *, start: int = 0) -> Objective:
    for orientation in orientations:
        made = Objective.objects.bulk_create(
            Objective(orientation=orientation, title_fr=f"Objectif {n}", position=n)
            for n in range(start, start + objectives_each)
        )
        actions = Action.objects.bulk_create(
            Action(objective=objective, title_fr=f"Action {objective.pk}-{n}", position=n)
            for objective in made
            for n in range(2)
        )
        Action.circles.through.objects.bulk_create(
            Action.circles.through(action=action, circle=circle) for action in actions
        )
        Target.objects.bulk_create(
            Target(
                objective=objective,
                label_fr="Cible comptée",
                kind=TargetKind.COUNT,
                baseline_value=0,
                baseline_year=2024,
                target_value=20,
                target_date=dt.date(2029, 3, 31),
            )
            for objective in made
        )
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


def test_the_plans_pages_read_as_much_at_demo_size_and_at_100_times(query_budget, staff):
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
    objective = _grow(orientations, circle, 4)
    _targets(objective, indicator, region, 2)
    action = objective.actions.first()

    slug = plan.slug
    urls = [
        reverse("planning:plan_detail", args=[slug]),
        reverse("planning:plan_objectives", args=[slug]),
        reverse("planning:plan_objectives", args=[slug])
        + f"?orientation={orientations[1].pk}&adoption=not-submitted&q=objectif&page=2",
        reverse("planning:plan_actions", args=[slug]),
        reverse("planning:plan_actions", args=[slug])
        + f"?objective={objective.pk}&status=planned&q=cercle",
        reverse("planning:objective_detail", args=[objective.pk]),
        reverse("planning:objective_detail", args=[objective.pk]) + "?page=2",
    ]
    # An action's page is not kept: measured as built only.
    action_url = reverse("planning:action_detail", args=[action.pk])
    staff_client = Client()
    staff_client.force_login(staff)
    clients = {"anonymous": Client(), "staff": staff_client}
    built, kept = query_budget(25), query_budget(6)

    def counts() -> dict[tuple[str, str, str], int]:
        found = {}
        for who, client in clients.items():
            for url in urls:
                found[who, url, "built"] = built.get(client, url)
                found[who, url, "kept"] = kept.get(client, url, kept=True)
            found[who, action_url, "built"] = built.get(client, action_url)
        return found

    small = counts()
    _grow(orientations, circle, 400, start=4)
    _targets(objective, indicator, region, 200)
    Action.objects.bulk_create(
        Action(objective=objective, title_fr=f"Action de plus {n}", position=10 + n)
        for n in range(100)
    )
    assert Objective.objects.count() == 3 * 404 and Action.objects.count() > 2400
    assert counts() == small


def test_the_plans_page_lists_a_few_objectives_of_each_orientation_and_leads_to_the_rest(client):
    plan = PlanFactory(adopted_at=timezone.now())
    orientation = OrientationFactory(plan=plan, title_fr="Se loger dignement")
    url = reverse("planning:plan_detail", args=[plan.slug])
    _grow([orientation], CircleFactory(), 4)
    small = client.get(url).content
    assert small.count(b"/plan/objectifs/") == 4
    # Four hundred objectives more (and their actions): the page lists the first ones, with the
    # orientation's figures and a link to its objectives in the plan's list.
    _grow([orientation], CircleFactory(), 400, start=4)
    page = client.get(url).text
    assert page.count("/plan/objectifs/") == OUTLINE_LIMIT
    assert f"objectifs/?orientation={orientation.pk}" in page
    assert "Voir les 404 objectifs de « Se loger dignement »" in page
    assert "/plan/actions/" not in page  # the actions are on the objectives' pages and list
    assert len(page.encode()) < 2 * len(small) + 10_000
    listed = client.get(reverse("planning:plan_objectives", args=[plan.slug])).text
    assert "404 objectifs." in listed and "Page 1 sur 17" in listed


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
