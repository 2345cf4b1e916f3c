"""Writing actions: who carries them (at least one circle or workstream), where, with whom,
when, with what budget, where they stand, and the funded projects that serve them."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from maillage.core.actors import Actor
from maillage.core.audit import audited_save, audited_update, record
from maillage.core.permissions import require
from maillage.core.versions import lock
from maillage.funding.models import Application
from maillage.planning.models import Action, Objective
from maillage.planning.selectors.actions import FUNDED_STATES
from maillage.planning.services._common import (
    check_fields,
    fill_with,
    move,
    next_position,
    snapshot,
)
from maillage.planning.verbs import PlanningVerb

ACTION_FIELDS = (
    "title_fr",
    "title_en",
    "description_fr",
    "description_en",
    "start",
    "end",
    "budget",
    "status",
)
RELATIONS = ("circles", "workstreams", "territories", "strategies", "partners")


def _relations(values: dict[str, Any]) -> dict[str, list[Any]]:
    found = {name: list(values.pop(name, ())) for name in RELATIONS}
    if not found["circles"] and not found["workstreams"]:
        raise ValidationError(
            {"circles": _("Name at least one circle or workstream that carries the action.")}
        )
    return found


def _check_dates(values: dict[str, Any]) -> None:
    start, end = values.get("start"), values.get("end")
    if start and end and end < start:
        raise ValidationError({"end": _("An action cannot end before it starts.")})


@transaction.atomic
def action_create(*, actor: Actor, objective: Objective, **values: Any) -> Action:
    require(actor, "planning.manage")
    relations = _relations(values)
    check_fields(values, ACTION_FIELDS)
    _check_dates(values)
    action = Action(objective=objective, position=next_position(objective.actions.all()), **values)
    return audited_save(
        actor=actor,
        instance=action,
        verb=PlanningVerb.ACTION_CREATED,
        payload=lambda a: {"title": a.title_fr, "objective": objective.pk},
        relations=relations,
    )


@transaction.atomic
def action_update(
    *, actor: Actor, action: Action, version: str | None = None, **values: Any
) -> Action:
    """Refuses a change sent on another `version` than the action's (`StaleVersion`)."""
    require(actor, "planning.manage")
    lock(action, version=version)
    relations = _relations(values)
    check_fields(values, ACTION_FIELDS)
    _check_dates(values)
    audited_update(
        actor=actor,
        instance=action,
        verb=PlanningVerb.ACTION_UPDATED,
        snapshot=lambda a: {
            **snapshot(a, ACTION_FIELDS),
            **{n: sorted(getattr(a, n).values_list("pk", flat=True)) for n in RELATIONS},
        },
        fill=fill_with(values),
        relations=relations,
    )
    return action


@transaction.atomic
def action_delete(*, actor: Actor, action: Action) -> None:
    """An action no funded project serves."""
    require(actor, "planning.manage")
    if action.funded_projects.exists():
        raise ValidationError(_("Funded projects serve this action: it is kept."))
    record(
        actor=actor,
        verb=PlanningVerb.ACTION_DELETED,
        target=action.objective,
        payload={"title": action.title_fr},
    )
    action.delete()


@transaction.atomic
def action_move(*, actor: Actor, action: Action, up: bool) -> Action:
    require(actor, "planning.manage")
    siblings = Action.objects.filter(objective_id=action.objective_id)
    return move(actor=actor, instance=action, siblings=siblings, up=up)


@transaction.atomic
def action_projects_set(
    *,
    actor: Actor,
    action: Action,
    projects: Iterable[Application],
    version: str | None = None,
) -> Action:
    """The funded projects (accepted applications, and those funded since) serving `action`;
    refuses a change sent on another `version` than the action's (`StaleVersion`)."""
    require(actor, "planning.manage")
    lock(action, version=version)
    projects = list(projects)
    if any(p.state not in FUNDED_STATES for p in projects):
        raise ValidationError({"projects": _("Only a funded project serves an action.")})
    before = sorted(action.funded_projects.values_list("pk", flat=True))
    action.funded_projects.set(projects)
    action.save(update_fields=["updated_at"])  # a new version: the links are part of the action
    record(
        actor=actor,
        verb=PlanningVerb.ACTION_PROJECTS_SET,
        target=action,
        payload={"before": before, "after": sorted(p.pk for p in projects)},
    )
    return action
