"""Permission matrix rows of a plan's dashboard and its annual report: public once the plan is
adopted (a draft's: `test_dashboards_access`)."""

from __future__ import annotations

from types import SimpleNamespace

from django.utils import timezone

from maillage.planning.tests.factories import ActionFactory, CountTargetFactory, PlanFactory
from tests.matrix import Expect


def sample(data: SimpleNamespace) -> None:
    data.dashboard_plan = PlanFactory.create(slug="plan-temoin", adopted_at=timezone.now())
    action = ActionFactory.create(objective__orientation__plan=data.dashboard_plan)
    CountTargetFactory.create(objective=action.objective)


plan = {"kwargs": lambda d: {"slug": d.dashboard_plan.slug}}

ACCESS: dict[str, Expect] = {
    "planning:plan_dashboard": Expect.public(**plan),
    "planning:plan_report": Expect.public(
        kwargs=lambda d: {"slug": d.dashboard_plan.slug, "year": 2025}
    ),
}
