"""A plan not adopted yet is read on its own pages by the staff and the members only: its
dashboard and report follow the plan, and the public pages (a strategy's page, the strategies'
dashboard, a territory's page) leave its actions out until it is adopted."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from maillage.core.roles import ANONYMOUS, Role
from maillage.governance.tests.factories import strategy
from maillage.planning.models import Plan
from maillage.planning.selectors.dashboards import strategy_dashboard
from maillage.planning.selectors.strategies import actions_in_territory, strategy_work
from maillage.planning.tests.factories import ActionFactory, PlanFactory
from maillage.territories.tests.factories import MrcFactory, RegionFactory

pytestmark = pytest.mark.django_db

KEY = "action-communautaire"


@pytest.fixture
def draft_action():
    plan = PlanFactory(slug="plan-brouillon", adopted_at=None)
    action = ActionFactory(title_fr="Action en préparation", objective__orientation__plan=plan)
    action.strategies.set([strategy(KEY)])
    action.territories.set([MrcFactory(parent=RegionFactory(), name="Charlevoix")])
    return action


@pytest.mark.parametrize(
    ("role", "allowed"),
    [(ANONYMOUS, False), (Role.CITIZEN, False), (Role.MEMBER, True), (Role.STAFF, True)],
)
def test_a_draft_plans_dashboard_and_report_follow_the_plan(client_as, draft_action, role, allowed):
    slug = "plan-brouillon"
    client = client_as(role)
    dashboard = client.get(reverse("planning:plan_dashboard", kwargs={"slug": slug}))
    report = client.get(reverse("planning:plan_report", kwargs={"slug": slug, "year": 2025}))
    for response in (dashboard, report):
        assert (response.status_code == 200) is allowed
        if not allowed:
            assert response.status_code in (302, 403)


def test_the_public_pages_count_a_plans_actions_once_it_is_adopted(client, draft_action):
    chosen = strategy(KEY)
    territory = draft_action.territories.get()
    page = reverse("planning:strategy_detail", kwargs={"key": KEY})

    def counted() -> tuple[int, int, int, bool]:
        row = next(r for r in strategy_dashboard().rows if r.strategy == chosen)
        return (
            strategy_work(chosen).action_count,
            actions_in_territory(territory)[0],
            row.actions.total,
            "Action en préparation" in client.get(page).text,
        )

    assert counted() == (0, 0, 0, False)
    # Adopted as a decision adopts it: a save, which the kept pages see (`bump_on_change`).
    plan = Plan.objects.get(slug="plan-brouillon")
    plan.adopted_at = timezone.now()
    plan.save()
    assert counted() == (1, 1, 1, True)
