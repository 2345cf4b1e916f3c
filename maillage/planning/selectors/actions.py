"""Reading actions and the funded projects that may serve them."""

from __future__ import annotations

from django.db.models import QuerySet

from maillage.funding.models import Application
from maillage.funding.selectors.dashboards import FUNDED_STATES
from maillage.planning.models import Action

__all__ = ["FUNDED_STATES", "action_detail", "funded_projects"]


def action_detail(pk: int) -> Action | None:
    """An action with everything its page shows, in a fixed number of queries."""
    return (
        Action.objects.select_related("objective__orientation__plan")
        .prefetch_related(
            "circles",
            "workstreams",
            "territories",
            "strategies",
            "partners",
            "funded_projects__organization",
            "funded_projects__call",
        )
        .filter(pk=pk)
        .first()
    )


def funded_projects() -> QuerySet[Application]:
    """The applications accepted for funding (and those funded since), to link to actions."""
    return (
        Application.objects.filter(state__in=FUNDED_STATES)
        .select_related("organization", "call")
        .order_by("-pk")
    )
