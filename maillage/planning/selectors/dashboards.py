"""The figures of the dashboards: a plan's (its actions by status, its targets by where they
stand, what is late, by orientation, territory and strategy) and the strategies' (actions,
targets and money per strategy).

Every figure is a database count (`values().annotate(Count)`) or, for the targets, where each
stands by `progress.progress` over one annotated query (`progress.with_measures`): a dashboard
runs the same number of queries whatever the size of the plan. The plan and its figures are
public, like the plan itself.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Count, F, QuerySet, Sum
from django.urls import reverse
from django.utils import timezone

from maillage.funding.models import Application
from maillage.funding.selectors.dashboards import FUNDED_STATES
from maillage.governance.models import Strategy
from maillage.planning.models import Action, ActionStatus, Objective, Orientation, Plan, Target
from maillage.planning.progress import Progress, ProgressStatus, progress, with_measures
from maillage.planning.selectors.plans import IN_PUBLIC_PLAN

# An action still expected: neither completed nor cancelled.
OPEN_STATUSES = (ActionStatus.PLANNED, ActionStatus.IN_PROGRESS, ActionStatus.ON_HOLD)
LATE_LIMIT = 50  # late items listed on the dashboard (the count says how many there are)


def plan_path(plan: Plan) -> str:
    """The plan's own page."""
    return reverse("planning:plan_detail", kwargs={"slug": plan.slug})


def plan_actions(plan: Plan) -> QuerySet[Action]:
    return Action.objects.filter(objective__orientation__plan=plan)


def plan_targets(plan: Plan) -> QuerySet[Target]:
    return Target.objects.filter(objective__orientation__plan=plan)


def late_actions(actions: QuerySet[Action], today: dt.date) -> QuerySet[Action]:
    """Actions past their end and neither completed nor cancelled."""
    return actions.filter(end__lt=today, status__in=OPEN_STATUSES)


@dataclass
class StatusCounts:
    """A row of counts by status (actions or targets), in the statuses' order."""

    label: str
    counts: dict[str, int]
    # The statuses in their order: the table's columns.
    order: tuple[str, ...] = ()

    @property
    def cells(self) -> list[int]:
        return [self.counts.get(status, 0) for status in self.order]

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def of(self, status: str) -> int:
        return self.counts.get(status, 0)


def by_status(actions: QuerySet[Action], key: str) -> dict[Any, dict[str, int]]:
    """`{key value: {status: n}}` in one query; `key` a path from the action."""
    rows = actions.values(group=F(key), status_=F("status")).annotate(n=Count("pk", distinct=True))
    table: dict[Any, dict[str, int]] = defaultdict(dict)
    for row in rows.order_by():
        table[row["group"]][row["status_"]] = row["n"]
    return table


@dataclass
class MeasuredTarget:
    target: Target
    progress: Progress


@dataclass
class PlanDashboard:
    plan: Plan
    today: dt.date
    actions: StatusCounts
    targets: StatusCounts
    late_action_count: int
    late_actions: list[Action]
    late_target_count: int
    late_targets: list[MeasuredTarget]  # the first `LATE_LIMIT`, in the plan's order
    by_orientation: list[tuple[StatusCounts, StatusCounts]]
    by_territory: list[StatusCounts]
    by_strategy: list[tuple[StatusCounts, StatusCounts]]
    measured: list[MeasuredTarget] = field(default_factory=list)

    # The rows of the tables, as the templates read them.
    @property
    def action_rows(self) -> list[StatusCounts]:
        return [self.actions]

    @property
    def target_rows(self) -> list[StatusCounts]:
        return [self.targets]

    @property
    def orientation_actions(self) -> list[StatusCounts]:
        return [actions for actions, _targets in self.by_orientation]

    @property
    def orientation_targets(self) -> list[StatusCounts]:
        return [targets for _actions, targets in self.by_orientation]

    @property
    def strategy_actions(self) -> list[StatusCounts]:
        return [actions for actions, _targets in self.by_strategy]

    @property
    def strategy_targets(self) -> list[StatusCounts]:
        return [targets for _actions, targets in self.by_strategy]


def measured_targets(targets: QuerySet[Target], today: dt.date) -> list[MeasuredTarget]:
    """Each target with where it stands (one query)."""
    found = with_measures(
        targets.select_related("objective", "indicator", "territory").annotate(
            orientation_pk=F("objective__orientation_id")
        )
    ).order_by("objective__orientation__position", "objective__position", "position", "pk")
    return [MeasuredTarget(t, progress(t, today=today)) for t in found]


ACTION_ORDER = tuple(ActionStatus.values)
TARGET_ORDER = tuple(ProgressStatus.values)


def _actions(label: str, counts: dict[str, int]) -> StatusCounts:
    return StatusCounts(label, counts, ACTION_ORDER)


def _target_counts(label: str, items: list[MeasuredTarget]) -> StatusCounts:
    counts: dict[str, int] = defaultdict(int)
    for item in items:
        counts[item.progress.status] += 1
    return StatusCounts(label, dict(counts), TARGET_ORDER)


def plan_dashboard(plan: Plan, *, today: dt.date | None = None) -> PlanDashboard:
    """The plan's figures (nine queries, whatever its size)."""
    today = today or timezone.localdate()
    actions = plan_actions(plan)
    measured = measured_targets(plan_targets(plan), today)
    orientations = list(Orientation.objects.filter(plan=plan).order_by("position", "pk"))
    strategies = list(Strategy.objects.order_by("position", "name_fr"))
    late = late_actions(actions, today)
    late_targets = [m for m in measured if m.progress.is_late]

    overall = by_status(actions, "objective__orientation__plan_id").get(plan.pk, {})
    per_orientation = by_status(actions, "objective__orientation_id")
    per_territory_rows = (
        actions.filter(territories__isnull=False)
        .values(place=F("territories__name"), status_=F("status"))
        .annotate(n=Count("pk", distinct=True))
        .order_by()
    )
    per_territory: dict[str, dict[str, int]] = defaultdict(dict)
    for row in per_territory_rows:
        per_territory[row["place"]][row["status_"]] = row["n"]
    per_strategy = by_status(actions.filter(strategies__isnull=False), "strategies__pk")
    # The strategies of each objective, through its actions: a target counts under them.
    objective_strategies: dict[int, set[int]] = defaultdict(set)
    for objective_pk, strategy_pk in (
        Action.strategies.through.objects.filter(action__objective__orientation__plan=plan)
        .values_list("action__objective_id", "strategy_id")
        .distinct()
    ):
        objective_strategies[objective_pk].add(strategy_pk)

    return PlanDashboard(
        plan=plan,
        today=today,
        actions=_actions("", overall),
        targets=_target_counts("", measured),
        late_action_count=late.count(),
        late_actions=list(late.select_related("objective").order_by("end", "pk")[:LATE_LIMIT]),
        late_target_count=len(late_targets),
        late_targets=late_targets[:LATE_LIMIT],
        by_orientation=[
            (
                _actions(o.title, per_orientation.get(o.pk, {})),
                _target_counts(
                    o.title,
                    [m for m in measured if getattr(m.target, "orientation_pk", None) == o.pk],
                ),
            )
            for o in orientations
        ],
        by_territory=[_actions(name, per_territory[name]) for name in sorted(per_territory)],
        by_strategy=[
            (
                _actions(s.name, per_strategy.get(s.pk, {})),
                _target_counts(
                    s.name,
                    [
                        m
                        for m in measured
                        if s.pk in objective_strategies.get(m.target.objective_id, ())
                    ],
                ),
            )
            for s in strategies
        ],
        measured=measured,
    )


@dataclass
class StrategyFigures:
    strategy: Strategy
    actions: StatusCounts
    targets: StatusCounts
    granted: Decimal
    budgets: Decimal


@dataclass
class StrategyDashboard:
    rows: list[StrategyFigures]

    @property
    def action_rows(self) -> list[StatusCounts]:
        return [row.actions for row in self.rows]

    @property
    def target_rows(self) -> list[StatusCounts]:
        return [row.targets for row in self.rows]

    @property
    def granted(self) -> Decimal:
        return sum((r.granted for r in self.rows), Decimal(0))

    @property
    def budgets(self) -> Decimal:
        return sum((r.budgets for r in self.rows), Decimal(0))


def strategy_dashboard(*, today: dt.date | None = None) -> StrategyDashboard:
    """Per strategy, over every plan: the actions by status, the targets of the objectives that
    have an action under it by where they stand, the amounts granted to the funded projects
    tagged with it and the budgets of its actions (six queries, whatever the data)."""
    today = today or timezone.localdate()
    strategies = list(Strategy.objects.order_by("position", "name_fr"))
    tagged = Action.objects.filter(IN_PUBLIC_PLAN, strategies__isnull=False)
    per_strategy = by_status(tagged, "strategies__pk")
    objective_strategies: dict[int, set[int]] = defaultdict(set)
    for objective_pk, strategy_pk in (
        Action.strategies.through.objects.filter(action__in=tagged.values("pk"))
        .values_list("action__objective_id", "strategy_id")
        .distinct()
        .order_by()
    ):
        objective_strategies[objective_pk].add(strategy_pk)
    measured = measured_targets(
        Target.objects.filter(
            IN_PUBLIC_PLAN,
            objective__in=Objective.objects.filter(actions__strategies__isnull=False).values("pk"),
        ),
        today,
    )
    granted = {
        row["strategy_id"]: row["total"]
        for row in Application.strategies.through.objects.filter(
            application__state__in=FUNDED_STATES
        )
        .values("strategy_id")
        .annotate(total=Sum("application__amount_granted"))
        .order_by()
    }
    budgets = {
        row["strategy_id"]: row["total"]
        for row in Action.strategies.through.objects.filter(action__in=tagged.values("pk"))
        .values("strategy_id")
        .annotate(total=Sum("action__budget"))
        .order_by()
    }
    return StrategyDashboard(
        rows=[
            StrategyFigures(
                strategy=s,
                actions=_actions(s.name, per_strategy.get(s.pk, {})),
                targets=_target_counts(
                    s.name,
                    [
                        m
                        for m in measured
                        if s.pk in objective_strategies.get(m.target.objective_id, ())
                    ],
                ),
                granted=granted.get(s.pk) or Decimal(0),
                budgets=budgets.get(s.pk) or Decimal(0),
            )
            for s in strategies
        ]
    )
