"""A plan's outline: what its page shows of a plan of any size. Its needs, and each orientation
with its figures (objectives and how many are adopted, actions by status, targets by where
they stand) and its first objectives, each with its own figures; every objective and action is
reached from the plan's lists (`selectors.objectives.plan_objectives`,
`selectors.actions.plan_action_list`) and from each objective's page.

The outline is the same for every reader of the plan, and is kept rendered under `PLAN_CACHE`
(`selectors.plans`) until a change of what it shows.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass, field

from django.db.models import Count, F, Q, QuerySet, Window
from django.db.models.functions import RowNumber
from django.utils import timezone

from maillage.planning.models import (
    Action,
    ActionStatus,
    Need,
    Objective,
    Orientation,
    Plan,
    Target,
)
from maillage.planning.progress import ProgressStatus, progress, with_measures
from maillage.planning.selectors.dashboards import by_status, plan_actions

# The objectives of each orientation the plan's page lists (its list has them all).
OUTLINE_LIMIT = 10


@dataclass
class Figures:
    """An orientation's or an objective's figures: its objectives (how many adopted), its
    actions by status, its targets by where they stand."""

    objectives: int = 0
    adopted: int = 0
    actions: dict[str, int] = field(default_factory=dict)
    targets: dict[str, int] = field(default_factory=dict)

    @property
    def action_count(self) -> int:
        return sum(self.actions.values())

    @property
    def completed(self) -> int:
        return self.actions.get(ActionStatus.COMPLETED, 0)

    @property
    def completed_percent(self) -> int:
        """The share of the actions completed, the cancelled ones left out (0 to 100)."""
        counted = self.action_count - self.actions.get(ActionStatus.CANCELLED, 0)
        return round(100 * self.completed / counted) if counted else 0

    @property
    def target_count(self) -> int:
        return sum(self.targets.values())

    @property
    def on_track(self) -> int:
        """Targets reached or on track."""
        return self.targets.get(ProgressStatus.REACHED, 0) + self.targets.get(
            ProgressStatus.ON_TRACK, 0
        )

    @property
    def behind(self) -> int:
        """Targets behind schedule or late."""
        return self.targets.get(ProgressStatus.BEHIND, 0) + self.targets.get(ProgressStatus.LATE, 0)


@dataclass
class OutlineObjective:
    objective: Objective
    figures: Figures


@dataclass
class OutlineOrientation:
    orientation: Orientation
    figures: Figures
    # Its first objectives (`OUTLINE_LIMIT`), in the plan's order.
    objectives: list[OutlineObjective]

    @property
    def more(self) -> int:
        """How many of its objectives the outline leaves to the list."""
        return self.figures.objectives - len(self.objectives)


@dataclass
class Outline:
    needs: list[Need]
    orientations: list[OutlineOrientation]
    total: Figures


def _standings(targets: QuerySet[Target], key: str, today: dt.date) -> dict[int, dict[str, int]]:
    """`{key: {status: n}}`: where the targets stand, grouped by `key` (an annotation or a
    field of the target), in one query."""
    table: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for target in with_measures(targets.annotate(group=F(key)).order_by()):
        table[target.group][progress(target, today=today).status] += 1  # type: ignore[attr-defined]
    return table


def objective_figures(pks: Collection[int], *, today: dt.date) -> dict[int, Figures]:
    """The figures of each objective of `pks`: its actions by status, its targets by where they
    stand (two queries)."""
    actions = by_status(Action.objects.filter(objective_id__in=pks), "objective_id")
    targets = _standings(Target.objects.filter(objective_id__in=pks), "objective_id", today)
    return {
        pk: Figures(actions=dict(actions.get(pk, {})), targets=dict(targets.get(pk, {})))
        for pk in pks
    }


def plan_outline(plan: Plan, *, today: dt.date | None = None) -> Outline:
    """The plan's needs and its orientations with their figures and first objectives (nine
    queries, whatever the plan's size)."""
    today = today or timezone.localdate()
    needs = list(plan.needs.prefetch_related("territories", "indicators"))
    orientations = list(plan.orientations.order_by("position", "pk"))
    objectives = Objective.objects.filter(orientation__plan=plan)
    counted: dict[int, dict[str, int]] = {
        row["orientation_id"]: {"n": row["n"], "adopted": row["adopted"]}
        for row in objectives.values("orientation_id")
        .annotate(n=Count("pk"), adopted=Count("pk", filter=Q(adopted_at__isnull=False)))
        .order_by()
    }
    first = list(
        objectives.annotate(
            rank=Window(
                RowNumber(),
                partition_by=[F("orientation_id")],
                order_by=[F("position").asc(), F("pk").asc()],
            )
        )
        .filter(rank__lte=OUTLINE_LIMIT)
        .order_by("position", "pk")
    )
    per_objective = objective_figures([o.pk for o in first], today=today)
    actions = by_status(plan_actions(plan), "objective__orientation_id")
    targets = _standings(
        Target.objects.filter(objective__orientation__plan=plan), "objective__orientation_id", today
    )

    def figures(pk: int) -> Figures:
        row = counted.get(pk, {})
        return Figures(
            objectives=row.get("n", 0),
            adopted=row.get("adopted", 0),
            actions=dict(actions.get(pk, {})),
            targets=dict(targets.get(pk, {})),
        )

    rows = [
        OutlineOrientation(
            orientation=orientation,
            figures=figures(orientation.pk),
            objectives=[
                OutlineObjective(objective, per_objective[objective.pk])
                for objective in first
                if objective.orientation_id == orientation.pk
            ],
        )
        for orientation in orientations
    ]
    total = Figures()
    for row in rows:
        total.objectives += row.figures.objectives
        total.adopted += row.figures.adopted
        for name, source in (("actions", row.figures.actions), ("targets", row.figures.targets)):
            bucket = getattr(total, name)
            for status, n in source.items():
                bucket[status] = bucket.get(status, 0) + n
    return Outline(needs=needs, orientations=rows, total=total)
