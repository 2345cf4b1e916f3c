"""Reading actions: a plan's list of them (filtered, a page at a time), an action's page, and
the funded projects that may serve them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.paginator import Paginator
from django.db.models import Q, QuerySet

from maillage.funding.models import Application
from maillage.funding.selectors.dashboards import FUNDED_STATES
from maillage.planning.models import Action, ActionStatus, Objective, Plan
from maillage.planning.selectors.objectives import with_carriers

__all__ = [
    "FUNDED_STATES",
    "ActionFilters",
    "action_detail",
    "funded_projects",
    "objective_of",
    "plan_action_list",
    "plan_action_page",
]

PAGE_SIZE = 25  # actions a page of a plan's list


@dataclass(frozen=True)
class ActionFilters:
    orientation: int | None = None
    objective: int | None = None
    status: str = ""
    # A word of the action's title, or of the name of a circle or workstream carrying it.
    q: str = ""

    def __bool__(self) -> bool:
        return bool(self.orientation or self.objective or self.status or self.q)


def plan_action_list(plan: Plan, filters: ActionFilters) -> QuerySet[Action]:
    """The actions of `plan` that `filters` keep, in the plan's order (orientation, objective,
    then position)."""
    found = Action.objects.filter(objective__orientation__plan=plan)
    if filters.orientation:
        found = found.filter(objective__orientation_id=filters.orientation)
    if filters.objective:
        found = found.filter(objective_id=filters.objective)
    if filters.status in ActionStatus.values:
        found = found.filter(status=filters.status)
    if filters.q:
        carried = Q(
            pk__in=Action.circles.through.objects.filter(circle__name__icontains=filters.q).values(
                "action_id"
            )
        ) | Q(
            pk__in=Action.workstreams.through.objects.filter(
                workstream__name__icontains=filters.q
            ).values("action_id")
        )
        found = found.filter(
            Q(title_fr__icontains=filters.q) | Q(title_en__icontains=filters.q) | carried
        )
    return found.select_related("objective").order_by(
        "objective__orientation__position",
        "objective__orientation_id",
        "objective__position",
        "objective_id",
        "position",
        "pk",
    )


def objective_of(plan: Plan, key: str) -> Objective | None:
    """The objective of `plan` whose key a link gave (`?objective=`), if there is one."""
    if not key.isdigit() or len(key) > 12:
        return None
    return Objective.objects.filter(orientation__plan=plan, pk=int(key)).first()


def plan_action_page(plan: Plan, filters: ActionFilters, *, page: Any) -> Any:
    """A page of the plan's actions, with who carries each (four queries)."""
    return Paginator(with_carriers(plan_action_list(plan, filters)), PAGE_SIZE).get_page(page)


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
