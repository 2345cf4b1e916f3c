"""Permission matrix of the objectives' pages (the sample of `access_plans`)."""

from __future__ import annotations

from types import SimpleNamespace

from tests.matrix import Expect


def sample(data: SimpleNamespace) -> None:
    """The objective of `access_plans.sample`."""


objective = {"kwargs": lambda d: {"pk": d.plan_objective.pk}}
orientation = {"kwargs": lambda d: {"pk": d.plan_orientation.pk}}

ACCESS = {
    "planning:objective_detail": Expect.public(**objective),
    "planning:objective_create": Expect.staff(**orientation),
    "planning:objective_update": Expect.staff(**objective),
    "planning:progress_create": Expect.staff(**objective),
    "planning:objective_delete": Expect.staff(405, **objective),
    "planning:objective_move": Expect.staff(405, **objective),
}
