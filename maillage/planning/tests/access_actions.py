"""Permission matrix of the actions' pages (the sample of `access_plans`)."""

from __future__ import annotations

from types import SimpleNamespace

from tests.matrix import Expect


def sample(data: SimpleNamespace) -> None:
    """The action of `access_plans.sample`."""


action = {"kwargs": lambda d: {"pk": d.plan_action.pk}}

ACCESS = {
    "planning:action_detail": Expect.public(**action),
    "planning:action_create": Expect.staff(kwargs=lambda d: {"pk": d.plan_objective.pk}),
    "planning:action_update": Expect.staff(**action),
    "planning:action_projects_assign": Expect.staff(**action),
    "planning:action_delete": Expect.staff(405, **action),
    "planning:action_move": Expect.staff(405, **action),
}
