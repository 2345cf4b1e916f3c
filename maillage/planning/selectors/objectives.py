"""Reading objectives: a plan's list of them (filtered, a page at a time, each with its figures),
an objective's page (its targets and where each stands, its progress updates a page at a time,
its first actions), and what a consent process adopts (the decisions' panel)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.core.paginator import Paginator
from django.db.models import Prefetch, Q, QuerySet

from maillage.decisions.models import Process
from maillage.governance.models import Circle, Workstream
from maillage.planning.models import Action, Objective, Plan, ProgressUpdate, Target
from maillage.planning.progress import Progress, progress, with_measures
from maillage.planning.selectors.outline import Figures, objective_figures

PAGE_SIZE = 25  # objectives a page of a plan's list
ACTIONS_SHOWN = 20  # actions on an objective's page; the plan's list of actions has them all
UPDATES_PER_PAGE = 20  # progress updates a page, on an objective's page


class Adoption:
    """Where an objective stands on its way to adoption (the list's filter)."""

    ADOPTED = "adopted"
    SUBMITTED = "submitted"  # put to a consent decision, not taken yet
    NOT_SUBMITTED = "not-submitted"


ADOPTION_FILTERS: dict[str, Q] = {
    Adoption.ADOPTED: Q(adopted_at__isnull=False),
    Adoption.SUBMITTED: Q(adopted_at__isnull=True, adoption_process__isnull=False),
    Adoption.NOT_SUBMITTED: Q(adopted_at__isnull=True, adoption_process__isnull=True),
}


@dataclass(frozen=True)
class ObjectiveFilters:
    orientation: int | None = None
    adoption: str = ""
    q: str = ""

    def __bool__(self) -> bool:
        return bool(self.orientation or self.adoption or self.q)


def plan_objectives(plan: Plan, filters: ObjectiveFilters) -> QuerySet[Objective]:
    """The objectives of `plan` that `filters` keep, in the plan's order (orientation, then
    position)."""
    found = Objective.objects.filter(orientation__plan=plan).select_related("orientation")
    if filters.orientation:
        found = found.filter(orientation_id=filters.orientation)
    if filters.adoption in ADOPTION_FILTERS:
        found = found.filter(ADOPTION_FILTERS[filters.adoption])
    if filters.q:
        found = found.filter(
            Q(title_fr__icontains=filters.q)
            | Q(title_en__icontains=filters.q)
            | Q(description_fr__icontains=filters.q)
            | Q(description_en__icontains=filters.q)
        )
    return found.order_by("orientation__position", "orientation_id", "position", "pk")


@dataclass
class ObjectiveRow:
    objective: Objective
    figures: Figures


def objective_page(
    plan: Plan, filters: ObjectiveFilters, *, page: Any, today: dt.date
) -> tuple[Any, list[ObjectiveRow]]:
    """A page of the plan's objectives, each with its figures (four queries)."""
    found = Paginator(plan_objectives(plan, filters), PAGE_SIZE).get_page(page)
    figures = objective_figures([o.pk for o in found.object_list], today=today)
    return found, [ObjectiveRow(o, figures[o.pk]) for o in found.object_list]


@dataclass(frozen=True)
class Measured:
    target: Target
    progress: Progress


@dataclass
class ObjectiveSections:
    """What an objective's page shows below its heading."""

    needs: list[Any]
    measured: list[Measured]
    updates: Any  # a page of its progress updates, the latest first
    actions: list[Action]
    action_count: int

    @property
    def more_actions(self) -> int:
        return self.action_count - len(self.actions)


def objective_sections(objective: Objective, *, page: Any = None) -> ObjectiveSections:
    """An objective's needs, targets (measured, `with_measures`), a page of its progress updates
    and its first actions with who carries them (nine queries, whatever its size)."""
    targets = with_measures(
        Target.objects.filter(objective=objective).select_related("indicator", "territory")
    )
    updates = ProgressUpdate.objects.filter(objective=objective).select_related("target__indicator")
    actions = Action.objects.filter(objective=objective)
    return ObjectiveSections(
        needs=list(objective.needs.all()),
        measured=[Measured(target=t, progress=progress(t)) for t in targets],
        updates=Paginator(updates.order_by("-date", "-pk"), UPDATES_PER_PAGE).get_page(page),
        actions=list(with_carriers(actions.order_by("position", "pk")[:ACTIONS_SHOWN])),
        action_count=actions.count(),
    )


def with_carriers(actions: QuerySet[Action]) -> QuerySet[Action]:
    """`actions` with the circles and workstreams carrying each (`carrier_circles`,
    `carrier_workstreams`: two queries)."""
    return actions.prefetch_related(
        Prefetch(
            "circles",
            queryset=Circle.objects.only("pk", "name", "slug").order_by("name"),
            to_attr="carrier_circles",
        ),
        Prefetch(
            "workstreams",
            queryset=Workstream.objects.only("pk", "name", "slug").order_by("name"),
            to_attr="carrier_workstreams",
        ),
    )


def adopted_by(process: Process) -> tuple[list[Plan], list[Objective]]:
    """The plans and objectives `process` puts (or put) to consent."""
    plans = list(Plan.objects.filter(adoption_process=process))
    objectives = list(
        Objective.objects.filter(adoption_process=process).select_related("orientation__plan")
    )
    return plans, objectives
