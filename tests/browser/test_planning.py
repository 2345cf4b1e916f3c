"""A visitor reads a plan's dashboard and a strategy's page (data from factories); axe-core
finds no WCAG 2.2 AA violation on either."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from playwright.sync_api import Page, expect

from maillage.governance.tests.factories import CircleFactory, strategy
from maillage.planning.models import ActionStatus, ProgressUpdate
from maillage.planning.tests.factories import ActionFactory, CountTargetFactory, PlanFactory
from maillage.territories.tests.factories import MrcFactory, RegionFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

KEY = "concertation-intersectorielle"


@pytest.fixture
def plan(transactional_db):
    plan = PlanFactory(slug="plan-regional", title_fr="Plan régional 2024-2029")
    mrc = MrcFactory(parent=RegionFactory(), name="Portneuf")
    circle = CircleFactory(name="Cercle sécurité alimentaire")
    circle.strategies.set([strategy(KEY)])
    for n, status in enumerate(ActionStatus):
        action = ActionFactory(
            objective__orientation__plan=plan,
            title_fr=f"Action {status.label}",
            status=status,
            end=dt.date(2025, 1, 1) if n % 2 else None,
        )
        action.strategies.set([strategy(KEY)])
        action.territories.set([mrc])
        target = CountTargetFactory(objective=action.objective, label_fr=f"Cible {n}")
        ProgressUpdate.objects.create(
            objective=action.objective, target=target, date=dt.date(2025, 6, 1), value=Decimal(n)
        )
    return plan


def test_the_plan_dashboard_and_a_strategy_page_pass_axe(page: Page, live_server, axe, plan):
    page.goto("/plan/plans/plan-regional/tableau-de-bord/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Tableau de bord du plan de travail")
    expect(page.get_by_role("img", name="Actions par statut")).to_be_visible()
    axe.check(page)

    page.goto(f"/plan/strategies/{KEY}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Concertation intersectorielle")
    expect(page.get_by_role("link", name="Cercle sécurité alimentaire")).to_be_visible()
    axe.check(page)

    page.goto("/plan/strategies/tableau-de-bord/")
    axe.check(page)
