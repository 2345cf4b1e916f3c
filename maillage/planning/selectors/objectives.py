"""Reading an objective's page: its targets and where each stands, its progress updates and
its actions; and what a consent process adopts (the decisions' panel)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Prefetch

from maillage.decisions.models import Process
from maillage.planning.models import Action, Objective, Plan, ProgressUpdate, Target
from maillage.planning.progress import Progress, progress, with_measures


@dataclass(frozen=True)
class Measured:
    target: Target
    progress: Progress


def objective_detail(pk: int) -> Objective | None:
    """An objective with its plan, adoption process, targets (measured, `with_measures`),
    progress updates and actions, in a fixed number of queries."""
    targets = with_measures(Target.objects.select_related("indicator", "territory"))
    return (
        Objective.objects.select_related("orientation__plan", "adoption_process")
        .prefetch_related(
            Prefetch("targets", queryset=targets),
            Prefetch(
                "progress_updates",
                queryset=ProgressUpdate.objects.select_related("target", "created_by"),
            ),
            Prefetch(
                "actions",
                queryset=Action.objects.prefetch_related("circles", "workstreams"),
            ),
            "needs",
        )
        .filter(pk=pk)
        .first()
    )


def measured_targets(objective: Objective) -> list[Measured]:
    """Each target of `objective` (from `objective_detail`) with where it stands."""
    return [Measured(target=t, progress=progress(t)) for t in objective.targets.all()]


def adopted_by(process: Process) -> tuple[list[Plan], list[Objective]]:
    """The plans and objectives `process` puts (or put) to consent."""
    plans = list(Plan.objects.filter(adoption_process=process))
    objectives = list(
        Objective.objects.filter(adoption_process=process).select_related("orientation__plan")
    )
    return plans, objectives
