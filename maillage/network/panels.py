"""The network's panel on a territory's page (registered in NetworkConfig.ready)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.http import urlencode

from maillage.network import selectors
from maillage.territories.models import Territory


def organizations_panel(territory: Territory, request: HttpRequest) -> dict[str, Any]:
    """Organizations serving this territory or one below it: two queries, whatever the data."""
    count, organizations = selectors.territory_panel(territory=territory)
    query = urlencode({"territory": territory.slug})
    return {
        "template": "network/_territory_panel.html",
        "context": {
            "count": count,
            "organizations": organizations,
            "directory_url": f"{reverse('network:organization_list')}?{query}",
        },
    }
