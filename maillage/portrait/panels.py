"""The portrait's panel on a territory's page: a few key figures and the link to its portrait."""

from __future__ import annotations

from django.http import HttpRequest

from maillage.core.panels import Panel
from maillage.portrait import selectors
from maillage.territories.models import Territory


def territory_panel(territory: Territory, request: HttpRequest) -> Panel:
    """Public figures, the same for every visitor: kept per territory and language until an
    indicator, a value, a source or a territory changes (`FIGURES_CACHE`). One query when
    built."""

    def context() -> dict[str, object]:
        return {"key_figures": selectors.key_figures(territory)}

    return {
        "template": "portrait/_territory_panel.html",
        "context": context,
        "cache": selectors.FIGURES_CACHE,
    }
