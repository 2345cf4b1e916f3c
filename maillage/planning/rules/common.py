"""What the planning rules share: which plan an object belongs to, and whether it is adopted.

- A plan is public once adopted (its adoption decision taken), or once one of its objectives
  is: what the collective committed to is published, and the plan around it with it (its
  needs, orientations, every objective, adopted or not yet, its actions and targets).
- Before that it is a draft: only the coordination staff and the members of the collective
  (partners' accounts, role « membre » or more) read it.
- The coordination staff manage every plan (`planning.manage`).
"""

from __future__ import annotations

from typing import Any

import rules

from maillage.core.actors import Viewer
from maillage.planning.models import Action, Need, Objective, Orientation, Plan, Target


def plan_of(obj: Any) -> Plan | None:
    """The plan an object belongs to (itself, an objective's, an action's…)."""
    if isinstance(obj, Plan):
        return obj
    if isinstance(obj, Need | Orientation):
        return obj.plan
    if isinstance(obj, Objective):
        return obj.orientation.plan
    if isinstance(obj, Action | Target):
        return obj.objective.orientation.plan
    return None


def is_public(plan: Plan) -> bool:
    """The plan, or one of its objectives, is adopted."""
    return (
        plan.adopted_at is not None
        or Objective.objects.filter(orientation__plan=plan, adopted_at__isnull=False).exists()
    )


def _plan_adopted(user: Viewer, obj: Any) -> bool:
    plan = plan_of(obj)
    return plan is not None and is_public(plan)


plan_is_adopted = rules.predicate(_plan_adopted, name="plan_is_adopted")
