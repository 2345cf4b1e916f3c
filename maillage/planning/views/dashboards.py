"""The dashboards: a plan's and the strategies'."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from maillage.core.cache import deferred
from maillage.core.lookups import one_of
from maillage.core.permissions import permission_required
from maillage.planning import dashboards as charts
from maillage.planning.models import ActionStatus, Plan
from maillage.planning.progress import ProgressStatus
from maillage.planning.selectors import dashboards as selectors
from maillage.planning.selectors.strategies import CACHE as STRATEGIES_CACHE

_plan = one_of(Plan.objects.all(), by="slug")


# A plan's dashboard is read by whoever reads the plan (a draft: the staff and the members).
@permission_required("planning.view_plan", obj=_plan)
def plan_dashboard(request: HttpRequest, slug: str) -> HttpResponse:
    plan = _plan(request, slug=slug)
    dashboard = selectors.plan_dashboard(plan)
    return render(
        request,
        "planning/dashboards/plan_dashboard.html",
        {
            "plan": plan,
            "plan_url": selectors.plan_path(plan),
            "dashboard": dashboard,
            "charts": charts.plan_charts(dashboard),
            "action_statuses": list(ActionStatus),
            "target_statuses": list(ProgressStatus),
            "years": range(plan.start_year, min(plan.end_year, timezone.localdate().year) + 1),
        },
    )


@permission_required("planning.view_dashboards")
def strategy_dashboard(request: HttpRequest) -> HttpResponse:
    """The same for every visitor: kept rendered until a change of what it counts
    (`selectors.strategies.CACHE`) or the next day (where the targets stand), its figures read
    only when the kept copy is missing."""
    today = timezone.localdate()

    def build() -> dict[str, Any]:
        dashboard = selectors.strategy_dashboard(today=today)
        return {"dashboard": dashboard, "charts": charts.strategy_charts(dashboard)}

    return render(
        request,
        "planning/dashboards/strategy_dashboard.html",
        {
            **deferred(build, "dashboard", "charts"),
            "action_statuses": list(ActionStatus),
            "target_statuses": list(ProgressStatus),
            "strategies_cache": STRATEGIES_CACHE,
            "today": today.isoformat(),
        },
    )
