"""The strategies: their index, and what is done under each one."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from maillage.core.cache import deferred
from maillage.core.lookups import one_of
from maillage.core.permissions import permission_required
from maillage.governance.models import Strategy
from maillage.planning.panels import STRATEGY_PANELS
from maillage.planning.selectors import strategies as selectors
from maillage.planning.selectors.dashboards import plan_path

_strategy = one_of(Strategy.objects.all(), by="key")


# The strategies' pages are the same for every visitor (they count only what is public): each
# is kept rendered until a change of what it counts (`selectors.CACHE`), and its figures are
# read only when the kept copy is missing.


@permission_required("planning.view_strategies")
def strategy_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "planning/strategies/strategy_list.html",
        {
            **deferred(lambda: {"summaries": selectors.strategy_summaries()}, "summaries"),
            "strategies_cache": selectors.CACHE,
        },
    )


@permission_required("planning.view_strategies")
def strategy_detail(request: HttpRequest, key: str) -> HttpResponse:
    strategy = _strategy(request, key=key)

    def build() -> dict[str, Any]:
        work = selectors.strategy_work(strategy)
        actions = [(a, plan_path(a.objective.orientation.plan)) for a in work.actions]
        return {"work": work, "actions": actions}

    return render(
        request,
        "planning/strategies/strategy_detail.html",
        {
            "strategy": strategy,
            **deferred(build, "work", "actions"),
            "strategies_cache": selectors.CACHE,
            # The panels of the apps above (kept under their own namespaces).
            "panels": STRATEGY_PANELS.render(strategy, request),
        },
    )
