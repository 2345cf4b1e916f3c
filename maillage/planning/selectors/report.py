"""What the annual progress report holds: the plan, each orientation with its objectives, each
objective with its targets (where each stands at the end of the year, or today for the current
year) and its actions (five queries, whatever the plan's size)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Prefetch
from django.utils import timezone

from maillage.planning.models import Action, Objective, Orientation, Plan
from maillage.planning.selectors.dashboards import (
    MeasuredTarget,
    PlanDashboard,
    plan_dashboard,
)


@dataclass
class ObjectiveReport:
    objective: Objective
    targets: list[MeasuredTarget]
    actions: list[Action]


@dataclass
class OrientationReport:
    orientation: Orientation
    objectives: list[ObjectiveReport]


@dataclass
class PlanReport:
    plan: Plan
    year: int
    as_of: dt.date
    orientations: list[OrientationReport]
    dashboard: PlanDashboard


def as_of(year: int, today: dt.date | None = None) -> dt.date:
    """The day the report of `year` looks from: the year's last day, or today for the current
    year."""
    today = today or timezone.localdate()
    return min(dt.date(year, 12, 31), today)


def plan_report(plan: Plan, year: int, *, today: dt.date | None = None) -> PlanReport:
    day = as_of(year, today)
    dashboard = plan_dashboard(plan, today=day)
    by_objective: dict[int, list[MeasuredTarget]] = defaultdict(list)
    for measured in dashboard.measured:
        by_objective[measured.target.objective_id].append(measured)
    orientations = Orientation.objects.filter(plan=plan).prefetch_related(
        Prefetch(
            "objectives",
            queryset=Objective.objects.order_by("position", "pk").prefetch_related(
                Prefetch(
                    "actions",
                    queryset=Action.objects.order_by("position", "pk"),
                    to_attr="report_actions",
                )
            ),
            to_attr="report_objectives",
        )
    )
    return PlanReport(
        plan=plan,
        year=year,
        as_of=day,
        orientations=[
            OrientationReport(
                orientation=orientation,
                objectives=[
                    ObjectiveReport(
                        objective=objective,
                        targets=by_objective.get(objective.pk, []),
                        actions=objective.report_actions,
                    )
                    for objective in orientation.report_objectives
                ],
            )
            for orientation in orientations.order_by("position", "pk")
        ],
        dashboard=dashboard,
    )
