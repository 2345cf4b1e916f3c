"""Writing a work plan: the plan itself, its issues and needs, and its orientations."""

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
from maillage.planning.models import Need, Orientation, Plan
from maillage.planning.services._common import (
    check_fields,
    fill_with,
    move,
    next_position,
    snapshot,
)
from maillage.planning.verbs import PlanningVerb
from maillage.portrait.models import Indicator
from maillage.territories.models import Territory

PLAN_FIELDS = (
    "title_fr",
    "title_en",
    "slug",
    "start_year",
    "end_year",
    "vision_fr",
    "vision_en",
    "description_fr",
    "description_en",
)
TEXT_FIELDS = ("title_fr", "title_en", "description_fr", "description_en")


@transaction.atomic
def plan_create(*, actor: Actor, **values: Any) -> Plan:
    require(actor, "planning.manage")
    check_fields(values, PLAN_FIELDS)
    if Plan.objects.filter(slug=values.get("slug", "")).exists():
        raise ValidationError({"slug": _("Another plan already has this address.")})
    return audited_save(
        actor=actor,
        instance=Plan(**values),
        verb=PlanningVerb.PLAN_CREATED,
        payload=lambda p: {"title": p.title_fr},
    )


@transaction.atomic
def plan_update(*, actor: Actor, plan: Plan, version: str | None = None, **values: Any) -> Plan:
    """Refuses a change sent on another `version` than the plan's (`StaleVersion`)."""
    require(actor, "planning.manage")
    lock(plan, version=version)
    check_fields(values, PLAN_FIELDS)
    if "slug" in values and Plan.objects.filter(slug=values["slug"]).exclude(pk=plan.pk).exists():
        raise ValidationError({"slug": _("Another plan already has this address.")})
    audited_update(
        actor=actor,
        instance=plan,
        verb=PlanningVerb.PLAN_UPDATED,
        snapshot=lambda p: snapshot(p, PLAN_FIELDS),
        fill=fill_with(values),
        exclude=(),
    )
    return plan


@transaction.atomic
def plan_delete(*, actor: Actor, plan: Plan) -> None:
    """Only an empty plan, never submitted for adoption, is deleted."""
    require(actor, "planning.manage")
    if plan.adoption_process_id or plan.orientations.exists() or plan.needs.exists():
        raise ValidationError(
            _("This plan has orientations, needs or an adoption process: it is kept.")
        )
    record(actor=actor, verb=PlanningVerb.PLAN_DELETED, payload={"title": plan.title_fr})
    plan.delete()


@transaction.atomic
def need_create(
    *,
    actor: Actor,
    plan: Plan,
    territories: Iterable[Territory] = (),
    indicators: Iterable[Indicator] = (),
    **values: Any,
) -> Need:
    require(actor, "planning.manage")
    check_fields(values, TEXT_FIELDS)
    need = Need(plan=plan, position=next_position(plan.needs.all()), **values)
    return audited_save(
        actor=actor,
        instance=need,
        verb=PlanningVerb.NEED_CREATED,
        payload=lambda n: {"title": n.title_fr, "plan": plan.pk},
        relations={"territories": list(territories), "indicators": list(indicators)},
    )


@transaction.atomic
def need_update(
    *,
    actor: Actor,
    need: Need,
    version: str | None = None,
    territories: Iterable[Territory] = (),
    indicators: Iterable[Indicator] = (),
    **values: Any,
) -> Need:
    """Refuses a change sent on another `version` than the need's (`StaleVersion`)."""
    require(actor, "planning.manage")
    lock(need, version=version)
    check_fields(values, TEXT_FIELDS)
    audited_update(
        actor=actor,
        instance=need,
        verb=PlanningVerb.NEED_UPDATED,
        snapshot=lambda n: {
            **snapshot(n, TEXT_FIELDS),
            "territories": sorted(n.territories.values_list("pk", flat=True)),
            "indicators": sorted(n.indicators.values_list("pk", flat=True)),
        },
        fill=fill_with(values),
        relations={"territories": list(territories), "indicators": list(indicators)},
    )
    return need


@transaction.atomic
def need_delete(*, actor: Actor, need: Need) -> None:
    """A need no objective answers any more."""
    require(actor, "planning.manage")
    if need.objectives.exists():
        raise ValidationError(_("Objectives answer this need: detach them first."))
    record(
        actor=actor,
        verb=PlanningVerb.NEED_DELETED,
        target=need.plan,
        payload={"title": need.title_fr},
    )
    need.delete()


@transaction.atomic
def orientation_create(*, actor: Actor, plan: Plan, **values: Any) -> Orientation:
    require(actor, "planning.manage")
    check_fields(values, TEXT_FIELDS)
    orientation = Orientation(plan=plan, position=next_position(plan.orientations.all()), **values)
    return audited_save(
        actor=actor,
        instance=orientation,
        verb=PlanningVerb.ORIENTATION_CREATED,
        payload=lambda o: {"title": o.title_fr, "plan": plan.pk},
    )


@transaction.atomic
def orientation_update(
    *, actor: Actor, orientation: Orientation, version: str | None = None, **values: Any
) -> Orientation:
    """Refuses a change sent on another `version` than the orientation's (`StaleVersion`)."""
    require(actor, "planning.manage")
    lock(orientation, version=version)
    check_fields(values, TEXT_FIELDS)
    audited_update(
        actor=actor,
        instance=orientation,
        verb=PlanningVerb.ORIENTATION_UPDATED,
        snapshot=lambda o: snapshot(o, TEXT_FIELDS),
        fill=fill_with(values),
    )
    return orientation


@transaction.atomic
def orientation_delete(*, actor: Actor, orientation: Orientation) -> None:
    """An orientation without objectives."""
    require(actor, "planning.manage")
    if orientation.objectives.exists():
        raise ValidationError(_("This orientation has objectives: it is kept."))
    record(
        actor=actor,
        verb=PlanningVerb.ORIENTATION_DELETED,
        target=orientation.plan,
        payload={"title": orientation.title_fr},
    )
    orientation.delete()


@transaction.atomic
def orientation_move(*, actor: Actor, orientation: Orientation, up: bool) -> Orientation:
    require(actor, "planning.manage")
    siblings = Orientation.objects.filter(plan_id=orientation.plan_id)
    return move(actor=actor, instance=orientation, siblings=siblings, up=up)
