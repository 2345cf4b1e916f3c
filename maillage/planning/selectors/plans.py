"""Reading work plans: the list, the current plan, and what a plan's pages share."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from maillage.core.actors import Viewer
from maillage.core.rules import is_member
from maillage.decisions.models import Decision, Process
from maillage.planning.models import Objective, Plan

# The work plan's pages (a plan's outline, its lists of objectives and actions, an objective's
# sections), the same for every reader of a plan and kept rendered until a change of what they
# show: the plan and everything in it, the circles and workstreams carrying its actions, the
# territories and indicators it names and the indicators' values (`PlanningConfig.ready`).
PLAN_CACHE = "planning.plans"


def _public_plans() -> QuerySet[Plan]:
    """The plans everyone reads: adopted, or with an adopted objective (`rules.common`)."""
    adopted = Objective.objects.filter(orientation__plan=OuterRef("pk"), adopted_at__isnull=False)
    return Plan.objects.filter(Q(adopted_at__isnull=False) | Exists(adopted))


# The actions and targets of public plans: what the public pages (strategies, dashboards,
# territories, calendar) count and list. A draft plan is read on its own pages by the staff and
# the members only.
IN_PUBLIC_PLAN = Q(objective__orientation__plan__in=_public_plans().values("pk"))


def visible_plans(viewer: Viewer) -> QuerySet[Plan]:
    """The plans `viewer` reads: public ones (adopted, or with an adopted objective), and
    drafts for staff and members (`rules.common`)."""
    return Plan.objects.all() if is_member(viewer) else _public_plans()


def current_plan(viewer: Viewer) -> Plan | None:
    """The plan of this year that `viewer` reads, adopted first; None when several or none
    cover it (the list then)."""
    year = timezone.localdate().year
    covering = list(
        visible_plans(viewer)
        .filter(start_year__lte=year, end_year__gte=year)
        .order_by("adopted_at", "-start_year", "-pk")[:3]
    )
    adopted = [p for p in covering if p.adopted_at is not None]
    if len(adopted) == 1:
        return adopted[0]
    return covering[0] if len(covering) == 1 else None


def decision_of(process: Process | None) -> Decision | None:
    """The decision a process closed into, if any."""
    if process is None:
        return None
    return Decision.objects.filter(process=process).first()
