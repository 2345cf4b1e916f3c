"""The network's panel on a territory's page (registered in NetworkConfig.ready)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.http import urlencode

from maillage.network import selectors
from maillage.territories.models import Territory

# Bumped by every change of an organization, its sectors or its territories (NetworkConfig.ready).
PANEL_CACHE = "network.territory-panel"


def organizations_panel(territory: Territory, request: HttpRequest) -> dict[str, Any]:
    """Organizations serving this territory or one below it, the same for every visitor: kept
    until the next change of an organization (else two queries, whatever the data)."""

    def context() -> dict[str, Any]:
        count, organizations = selectors.territory_panel(territory=territory)
        query = urlencode({"territory": territory.slug})
        return {
            "count": count,
            "organizations": organizations,
            "directory_url": f"{reverse('network:organization_list')}?{query}",
        }

    return {"template": "network/_territory_panel.html", "context": context, "cache": PANEL_CACHE}
