"""Permission matrix of the targets' forms (the sample of `access_plans`)."""

from __future__ import annotations

from types import SimpleNamespace

from tests.matrix import Expect


def sample(data: SimpleNamespace) -> None:
    """The target of `access_plans.sample`."""


ACCESS = {
    "planning:target_create": Expect.staff(kwargs=lambda d: {"pk": d.plan_objective.pk}),
    "planning:target_update": Expect.staff(kwargs=lambda d: {"pk": d.plan_target.pk}),
    "planning:target_delete": Expect.staff(405, kwargs=lambda d: {"pk": d.plan_target.pk}),
}
