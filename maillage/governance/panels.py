"""Governance's panel on a territory's page (registered in GovernanceConfig.ready)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from maillage.governance.selectors.territories import working_in
from maillage.governance.structure import NAMESPACE
from maillage.territories.models import Territory


def structure_panel(territory: Territory, request: HttpRequest) -> dict[str, Any]:
    """The circles and workstreams working in this territory or within it, the same for every
    visitor: kept with the map of the structure, which every change to them bumps."""
    return {
        "template": "governance/_territory_panel.html",
        "context": lambda: {"here": working_in(territory=territory)},
        "cache": NAMESPACE,
    }
