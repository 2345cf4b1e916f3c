"""Writing objectives, their measurable targets and their progress updates."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from maillage.core.actors import Actor
from maillage.core.audit import audited_save, audited_update, record
from maillage.core.permissions import require
from maillage.core.versions import lock
from maillage.planning.models import (
    Need,
    Objective,
    Orientation,
    ProgressUpdate,
    Target,
    TargetKind,
)
from maillage.planning.services._common import (
    check_fields,
    fill_with,
    move,
    next_position,
    snapshot,
    user_of,
)
from maillage.planning.verbs import PlanningVerb

TEXT_FIELDS = ("title_fr", "title_en", "description_fr", "description_en")
TARGET_FIELDS = (
    "label_fr",
    "label_en",
    "kind",
    "indicator",
    "territory",
    "unit_fr",
    "unit_en",
    "baseline_value",
    "baseline_year",
    "target_value",
    "target_date",
)


def _check_needs(orientation: Orientation, needs: Iterable[Need]) -> list[Need]:
    needs = list(needs)
    if any(n.plan_id != orientation.plan_id for n in needs):
        raise ValidationError({"needs": _("Choose needs of this plan.")})
    return needs


@transaction.atomic
def objective_create(
    *, actor: Actor, orientation: Orientation, needs: Iterable[Need] = (), **values: Any
) -> Objective:
    require(actor, "planning.manage")
    check_fields(values, TEXT_FIELDS)
    objective = Objective(
        orientation=orientation, position=next_position(orientation.objectives.all()), **values
    )
    return audited_save(
        actor=actor,
        instance=objective,
        verb=PlanningVerb.OBJECTIVE_CREATED,
        payload=lambda o: {"title": o.title_fr, "orientation": orientation.pk},
        relations={"needs": _check_needs(orientation, needs)},
    )


@transaction.atomic
def objective_update(
    *,
    actor: Actor,
    objective: Objective,
    version: str | None = None,
    orientation: Orientation | None = None,
    needs: Iterable[Need] = (),
    **values: Any,
) -> Objective:
    """Refuses a change sent on another `version` than the objective's (`StaleVersion`)."""
    require(actor, "planning.manage")
    lock(objective, version=version)
    check_fields(values, TEXT_FIELDS)
    if orientation is not None and orientation.plan_id != objective.orientation.plan_id:
        raise ValidationError({"orientation": _("Choose an orientation of this plan.")})
    target_orientation = orientation or objective.orientation
    chosen = _check_needs(target_orientation, needs)

    def fill(o: Objective) -> None:
        for name, value in values.items():
            setattr(o, name, value)
        o.orientation = target_orientation

    audited_update(
        actor=actor,
        instance=objective,
        verb=PlanningVerb.OBJECTIVE_UPDATED,
        snapshot=lambda o: {
            **snapshot(o, TEXT_FIELDS),
            "orientation": o.orientation_id,
            "needs": sorted(o.needs.values_list("pk", flat=True)),
        },
        fill=fill,
        relations={"needs": chosen},
    )
    return objective


@transaction.atomic
def objective_delete(*, actor: Actor, objective: Objective) -> None:
    """An objective without actions or targets, never submitted for adoption."""
    require(actor, "planning.manage")
    if objective.adoption_process_id or objective.actions.exists() or objective.targets.exists():
        raise ValidationError(
            _("This objective has actions, targets or an adoption process: it is kept.")
        )
    record(
        actor=actor,
        verb=PlanningVerb.OBJECTIVE_DELETED,
        target=objective.orientation.plan,
        payload={"title": objective.title_fr},
    )
    objective.delete()


@transaction.atomic
def objective_move(*, actor: Actor, objective: Objective, up: bool) -> Objective:
    require(actor, "planning.manage")
    siblings = Objective.objects.filter(orientation_id=objective.orientation_id)
    return move(actor=actor, instance=objective, siblings=siblings, up=up)


def _check_target(values: dict[str, Any]) -> None:
    if values.get("kind") == TargetKind.INDICATOR:
        errors = {}
        if values.get("indicator") is None:
            errors["indicator"] = _("Choose the indicator of the portrait that measures it.")
        if values.get("territory") is None:
            errors["territory"] = _("Choose the territory where the indicator is read.")
        if errors:
            raise ValidationError(errors)
    elif values.get("kind") == TargetKind.COUNT:
        values["indicator"] = None
        if not values.get("unit_fr"):
            raise ValidationError({"unit_fr": _("Say what is counted (organizations, people…).")})


@transaction.atomic
def target_create(*, actor: Actor, objective: Objective, **values: Any) -> Target:
    require(actor, "planning.manage")
    check_fields(values, TARGET_FIELDS)
    _check_target(values)
    target = Target(objective=objective, position=next_position(objective.targets.all()), **values)
    return audited_save(
        actor=actor,
        instance=target,
        verb=PlanningVerb.TARGET_CREATED,
        payload=lambda t: {"title": t.label_fr, "objective": objective.pk},
    )


@transaction.atomic
def target_update(
    *, actor: Actor, target: Target, version: str | None = None, **values: Any
) -> Target:
    """Refuses a change sent on another `version` than the target's (`StaleVersion`)."""
    require(actor, "planning.manage")
    lock(target, version=version)
    check_fields(values, TARGET_FIELDS)
    _check_target(values)
    audited_update(
        actor=actor,
        instance=target,
        verb=PlanningVerb.TARGET_UPDATED,
        snapshot=lambda t: snapshot(
            t, [n if n not in ("indicator", "territory") else f"{n}_id" for n in TARGET_FIELDS]
        ),
        fill=fill_with(values),
    )
    return target


@transaction.atomic
def target_delete(*, actor: Actor, target: Target) -> None:
    """A target without progress updates."""
    require(actor, "planning.manage")
    if target.progress_updates.exists():
        raise ValidationError(_("Progress updates measure this target: it is kept."))
    record(
        actor=actor,
        verb=PlanningVerb.TARGET_DELETED,
        target=target.objective,
        payload={"title": target.label_fr},
    )
    target.delete()


@transaction.atomic
def progress_record(
    *,
    actor: Actor,
    objective: Objective,
    date: dt.date,
    note: str = "",
    target: Target | None = None,
    value: Decimal | None = None,
) -> ProgressUpdate:
    """A dated update on `objective`; for a counted target of it, the count reached."""
    require(actor, "planning.manage")
    if target is not None and target.objective_id != objective.pk:
        raise ValidationError({"target": _("Choose a target of this objective.")})
    if target is not None and target.kind != TargetKind.COUNT:
        raise ValidationError(
            {"target": _("A target measured by an indicator is read from the portrait.")}
        )
    if target is not None and value is None:
        raise ValidationError({"value": _("Give the count reached on that date.")})
    if target is None and value is not None:
        raise ValidationError({"target": _("Choose the counted target this value measures.")})
    if target is None and not note.strip():
        raise ValidationError({"note": _("Write what moved.")})
    update = ProgressUpdate(
        objective=objective,
        target=target,
        date=date,
        value=value,
        note=note.strip(),
        created_by=user_of(actor),
    )
    return audited_save(
        actor=actor,
        instance=update,
        verb=PlanningVerb.PROGRESS_RECORDED,
        target=objective,
        payload={
            "text": note.strip()[:200],
            "date": date.isoformat(),
            "value": None if value is None else str(value),
        },
    )
