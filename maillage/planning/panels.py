"""Panels: the sections apps above planning add to a strategy's page (`STRATEGY_PANELS`:
participation's consultations), and planning's own sections on the pages of the apps below it
(a territory's page: the plan's actions concerning it)."""

from __future__ import annotations

from django.http import HttpRequest

from maillage.core.panels import Panel, Panels
from maillage.governance.models import Strategy
from maillage.planning.selectors.dashboards import plan_path
from maillage.planning.selectors.strategies import actions_in_territory
from maillage.territories.models import Territory

# A strategy's page (`planning:strategy_detail`): each panel receives the strategy.
STRATEGY_PANELS: Panels[Strategy] = Panels("strategy")

# The plan's actions on a territory's page, bumped by a change of an action, an objective, an
# orientation or a plan.
TERRITORY_CACHE = "planning.territory-panel"


def territory_panel(territory: Territory, request: HttpRequest) -> Panel:
    """The plan's actions concerning the territory or a territory within it: public, the same
    for everyone, kept per territory and language (two queries when built)."""

    def context() -> dict[str, object]:
        count, actions = actions_in_territory(territory)
        return {
            "action_count": count,
            "actions": [(a, plan_path(a.objective.orientation.plan)) for a in actions],
        }

    return {
        "template": "planning/strategies/_territory_panel.html",
        "context": context,
        "cache": TERRITORY_CACHE,
    }
