"""The participation app's panels on the pages of the apps below it: a territory's page lists
the consultations concerning it and the latest proposals made there."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils import timezone

from maillage.core.panels import Panel
from maillage.participation.selectors.consultations import in_territory, timeline
from maillage.territories.models import Territory

# Bumped by any change of a consultation (its territories are a many-to-many relation of it),
# its phases or a proposal.
TERRITORY_CACHE = "participation.territory-panel"


def territory_panel(territory: Territory, request: HttpRequest) -> Panel:
    """Public data, the same for every visitor: kept per territory, language and day (a
    consultation's phase moves with the date). Four queries when built."""

    def context() -> dict[str, object]:
        found = in_territory(territory=territory)
        return {
            "here": found,
            "rows": [
                (c, next((s for s in timeline(c) if s.current), None)) for c in found.consultations
            ],
        }

    return {
        "template": "participation/_territory_panel.html",
        "context": context,
        "cache": TERRITORY_CACHE,
        "vary": (timezone.localdate(),),
    }
