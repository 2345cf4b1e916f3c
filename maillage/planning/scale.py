"""Scale data of the planning app (see `core.scale`): the demo's work plan grows by `factor`
times four objectives in each orientation, each with two actions carried by the batch's circles
and workstreams and two counted targets with a progress update: at factor 100 the plan holds a
hundred times the demo's objectives, actions and targets, and its page and an objective's
page are measured at that size."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from maillage.core.scale import ScaleRun, bulk, link
from maillage.governance.models import Circle
from maillage.planning.demo.content import PLAN
from maillage.planning.models import (
    Action,
    ActionStatus,
    Objective,
    Orientation,
    Plan,
    ProgressUpdate,
    Target,
    TargetKind,
)

STATUSES = list(ActionStatus.values)


def _plan() -> Plan:
    plan = Plan.objects.filter(slug=PLAN.slug).first()
    if plan is None:
        plan = Plan.objects.create(
            slug=PLAN.slug, title_fr=PLAN.title_fr, start_year=2024, end_year=2029
        )
    if not plan.orientations.exists():
        Orientation.objects.create(plan=plan, title_fr=PLAN.orientations[0].title_fr)
    return plan


def generate(*, run: ScaleRun) -> None:
    plan = _plan()
    orientations = list(plan.orientations.all())
    circles = list(
        Circle.objects.filter(slug__contains=f"-{run.batch}-").values_list("pk", flat=True)
    )
    objectives = bulk(
        Objective,
        (
            Objective(
                orientation=orientation,
                title_fr=f"Objectif généré {run.batch}-{index}",
                position=100 + index,
            )
            for orientation in orientations
            for index in range(4 * run.factor)
        ),
    )
    actions = bulk(
        Action,
        (
            Action(
                objective=objective,
                title_fr=f"Action {n + 1} ({objective.title_fr})",
                status=STATUSES[(index + n) % len(STATUSES)],
                budget=Decimal(run.rng.randint(1, 80) * 1000),
                start=run.days_ago(30, 700),
                position=n,
            )
            for index, objective in enumerate(objectives)
            for n in range(2)
        ),
    )
    if circles:
        link(
            Action.circles,
            ((action.pk, circles[index % len(circles)]) for index, action in enumerate(actions)),
        )
    targets = bulk(
        Target,
        (
            Target(
                objective=objective,
                label_fr=f"Cible {n + 1}",
                kind=TargetKind.COUNT,
                unit_fr="organismes",
                baseline_value=Decimal(0),
                baseline_year=2024,
                target_value=Decimal(20),
                target_date=dt.date(2029, 3, 31),
                position=n,
            )
            for objective in objectives
            for n in range(2)
        ),
    )
    updates = bulk(
        ProgressUpdate,
        (
            ProgressUpdate(
                objective_id=target.objective_id,
                target=target,
                date=run.days_ago(10, 400),
                value=Decimal(run.rng.randint(0, 20)),
            )
            for target in targets
        ),
    )
    run.report(
        {
            Objective: len(objectives),
            Action: len(actions),
            Target: len(targets),
            ProgressUpdate: len(updates),
        }
    )
