"""Permission matrix of the forms that put the plan to a consent decision."""

from __future__ import annotations

from types import SimpleNamespace

from tests.matrix import Expect


def sample(data: SimpleNamespace) -> None:
    """The plan and objective of `access_plans.sample`."""


ACCESS = {
    "planning:plan_submit": Expect.staff(kwargs=lambda d: {"slug": d.plan.slug}),
    "planning:objective_submit": Expect.staff(kwargs=lambda d: {"pk": d.plan_objective.pk}),
}
