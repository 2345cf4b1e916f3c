"""The funding app's sections on the pages of the apps below it: a territory's page
(`territories.panels`) lists the funded projects serving it."""

from __future__ import annotations

from django.http import HttpRequest

from maillage.core.panels import Panel
from maillage.funding.selectors.dashboards import (
    MONEY_CACHE,
    FundedProjectFilters,
    funded_projects,
)
from maillage.territories.models import Territory

LIMIT = 5


def territory_panel(territory: Territory, request: HttpRequest) -> Panel:
    """The accepted projects serving the territory or a territory within it, public like the
    list of funded projects: the same for everyone, kept per territory and language until the
    money changes (three queries when built)."""

    def context() -> dict[str, object]:
        page = funded_projects(FundedProjectFilters(territory=territory))
        return {"project_count": page.paginator.count, "projects": list(page.object_list)[:LIMIT]}

    return {
        "template": "funding/_territory_panel.html",
        "context": context,
        "cache": MONEY_CACHE,
    }
