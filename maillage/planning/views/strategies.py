"""The strategies: their index, and what is done under each one."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from maillage.core.lookups import one_of
from maillage.core.permissions import permission_required
from maillage.governance.models import Strategy
from maillage.planning.panels import STRATEGY_PANELS
from maillage.planning.selectors import strategies as selectors
from maillage.planning.selectors.dashboards import plan_path

_strategy = one_of(Strategy.objects.all(), by="key")


@permission_required("planning.view_strategies")
def strategy_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "planning/strategies/strategy_list.html",
        {"summaries": selectors.strategy_summaries()},
    )


@permission_required("planning.view_strategies")
def strategy_detail(request: HttpRequest, key: str) -> HttpResponse:
    strategy = _strategy(request, key=key)
    work = selectors.strategy_work(strategy)
    return render(
        request,
        "planning/strategies/strategy_detail.html",
        {
            "strategy": strategy,
            "work": work,
            "actions": [(a, plan_path(a.objective.orientation.plan)) for a in work.actions],
            "panels": STRATEGY_PANELS.render(strategy, request),
        },
    )
