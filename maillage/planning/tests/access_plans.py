"""Permission matrix of the work plan's pages. The sample plan is adopted: everyone reads it;
only staff write it. A draft plan is read by members and staff (see `DRAFT`)."""

from __future__ import annotations

from types import SimpleNamespace

from django.utils import timezone

from maillage.governance.tests.factories import general_circle
from maillage.planning.models import Need
from maillage.planning.tests.factories import (
    ActionFactory,
    CountTargetFactory,
    ObjectiveFactory,
    OrientationFactory,
    PlanFactory,
)
from tests.matrix import ANY_OK, Expect


def sample(data: SimpleNamespace) -> None:
    year = timezone.localdate().year
    data.plan = PlanFactory(
        slug="plan-matrice", start_year=year - 1, end_year=year + 3, adopted_at=timezone.now()
    )
    data.plan_need = Need.objects.create(plan=data.plan, title_fr="Se loger")
    data.plan_orientation = OrientationFactory(plan=data.plan)
    data.plan_objective = ObjectiveFactory(orientation=data.plan_orientation)
    data.plan_action = ActionFactory(objective=data.plan_objective)
    # An action is carried by at least one circle or workstream: its edit form can be sent as is.
    data.plan_action.circles.set([general_circle()])
    data.plan_target = CountTargetFactory(objective=data.plan_objective)
    data.plan_draft = PlanFactory(slug="plan-brouillon", adopted_at=None)


plan = {"kwargs": lambda d: {"slug": d.plan.slug}}
need = {"kwargs": lambda d: {"pk": d.plan_need.pk}}
orientation = {"kwargs": lambda d: {"pk": d.plan_orientation.pk}}

ACCESS = {
    # The current plan: a redirect to it for everyone.
    "planning:plan_index": Expect.of(ANY_OK, ANY_OK, ANY_OK, ANY_OK, ANY_OK, ANY_OK),
    "planning:plan_list": Expect.public(),
    "planning:plan_detail": Expect.public(**plan),
    "planning:plan_objectives": Expect.public(**plan),
    "planning:plan_actions": Expect.public(**plan),
    "planning:plan_create": Expect.staff(),
    "planning:plan_update": Expect.staff(**plan),
    "planning:need_create": Expect.staff(**plan),
    "planning:need_update": Expect.staff(**need),
    "planning:orientation_create": Expect.staff(**plan),
    "planning:orientation_update": Expect.staff(**orientation),
    # POST only: those allowed asking with GET get 405, everyone else is refused first.
    "planning:plan_delete": Expect.staff(405, **plan),
    "planning:need_delete": Expect.staff(405, **need),
    "planning:orientation_delete": Expect.staff(405, **orientation),
    "planning:orientation_move": Expect.staff(405, **orientation),
}
