"""Workstreams, their workflow and their deliverables."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from maillage.core import audit
from maillage.core.actors import Actor
from maillage.core.dates import long_date
from maillage.core.permissions import SYSTEM
from maillage.core.services import notify
from maillage.core.versions import lock
from maillage.governance import workflows
from maillage.governance.models import (
    Circle,
    Deliverable,
    Membership,
    RoleKind,
    Strategy,
    Workstream,
)
from maillage.governance.paths import page_url
from maillage.governance.rules import workflow_roles
from maillage.governance.services._common import (
    _archive,
    _check_levels,
    _iso,
    _now,
    _refuse_archived,
    _require,
    _slug_for,
    _workstream_event,
    quorum_fill,
    quorum_snapshot,
)
from maillage.governance.services.roles import RoleData, _close_group, role_create
from maillage.governance.verbs import GovernanceVerb
from maillage.network.models import Person, Sector
from maillage.territories.models import Territory


@dataclass
class DeliverableData:
    title: str
    due_date: date | None = None
    owner: Person | None = None  # one of the workstream's current members


@dataclass
class WorkstreamData:
    name: str
    sponsors: Sequence[Circle]
    mandate: str = ""
    start_date: date | None = None
    sunset_date: date | None = None
    territories: Sequence[Territory] = ()
    levels: Sequence[str] = ()
    strategies: Sequence[Strategy] = ()
    sectors: Sequence[Sector] = ()
    quorum_seats: int = 0
    quorum_sectors: int = 0
    quorum_required_sectors: Sequence[Sector] = ()
    # Used at creation only.
    deliverables: Sequence[DeliverableData] = ()
    slug: str = ""
    lead_role: bool = True


def workstream_data_of(workstream: Workstream) -> WorkstreamData:
    return WorkstreamData(
        name=workstream.name,
        sponsors=list(workstream.sponsors.all()),
        mandate=workstream.mandate,
        start_date=workstream.start_date,
        sunset_date=workstream.sunset_date,
        territories=list(workstream.territories.all()),
        levels=list(workstream.levels),
        strategies=list(workstream.strategies.all()),
        sectors=list(workstream.sectors.all()),
        quorum_seats=workstream.quorum_seats,
        quorum_sectors=workstream.quorum_sectors,
        quorum_required_sectors=list(workstream.quorum_required_sectors.all()),
    )


def _workstream_snapshot(workstream: Workstream) -> dict[str, Any]:
    return {
        "name": workstream.name,
        "mandate": workstream.mandate,
        "start_date": workstream.start_date.isoformat() if workstream.start_date else None,
        "sunset_date": workstream.sunset_date.isoformat() if workstream.sunset_date else None,
        "levels": list(workstream.levels),
        "sponsors": sorted(c.slug for c in workstream.sponsors.all()),
        "territories": sorted(t.slug for t in workstream.territories.all()),
        "strategies": sorted(s.key for s in workstream.strategies.all()),
        "sectors": sorted(s.key for s in workstream.sectors.all()),
        **quorum_snapshot(workstream),
    }


def _workstream_fill(workstream: Workstream, data: WorkstreamData) -> None:
    if not data.sponsors:
        raise ValidationError({"sponsors": _("Choose at least one sponsoring circle.")})
    if any(c.is_archived for c in data.sponsors):
        raise ValidationError({"sponsors": _("An archived circle cannot sponsor a workstream.")})
    workstream.name = data.name.strip()
    workstream.mandate = data.mandate.strip()
    workstream.start_date = data.start_date
    workstream.sunset_date = data.sunset_date
    workstream.levels = _check_levels(data.levels)
    quorum_fill(workstream, data.quorum_seats, data.quorum_sectors)


def _workstream_relations(data: WorkstreamData) -> dict[str, Sequence[Any]]:
    return {
        "sponsors": data.sponsors,
        "territories": data.territories,
        "strategies": data.strategies,
        "sectors": data.sectors,
        "quorum_required_sectors": data.quorum_required_sectors,
    }


@transaction.atomic
def workstream_create(*, actor: Actor, data: WorkstreamData) -> Workstream:
    """Create a workstream, in the workflow's initial state ("proposed"), with its lead role."""
    _require(actor, "governance.manage_workstreams")
    workstream = Workstream(status=workflows.WORKSTREAM.initial)
    _workstream_fill(workstream, data)
    workstream.slug = _slug_for(Workstream, workstream.name, data.slug)
    audit.audited_save(
        actor=actor,
        instance=workstream,
        verb=GovernanceVerb.WORKSTREAM_CREATED,
        payload=lambda w: _workstream_snapshot(w) | {"status": w.status},
        relations=_workstream_relations(data),
    )
    for position, item in enumerate(data.deliverables, start=1):
        _deliverable_create(actor=actor, workstream=workstream, data=item, position=position)
    if data.lead_role:
        role_create(actor=actor, workstream=workstream, data=RoleData(kind=RoleKind.LEAD))
    return workstream


@transaction.atomic
def workstream_amend(
    *, actor: Actor, workstream: Workstream, data: WorkstreamData, version: str | None = None
) -> Workstream:
    """Change a workstream's mandate, dates and tags (staff or its lead link); changing its
    sponsoring circles is for staff only. Refused when it changed since `version`."""
    _require(actor, "governance.change_workstream", workstream)
    lock(workstream, version=version)
    _refuse_archived(workstream, _("This workstream is archived."))
    if sorted(c.pk for c in data.sponsors) != sorted(
        workstream.sponsors.values_list("pk", flat=True)
    ):
        _require(actor, "governance.manage_workstreams")
    audit.audited_update(
        actor=actor,
        instance=workstream,
        verb=GovernanceVerb.WORKSTREAM_AMENDED,
        snapshot=_workstream_snapshot,
        fill=lambda w: _workstream_fill(w, data),
        relations=_workstream_relations(data),
    )
    return workstream


@transaction.atomic
def workstream_transition(*, actor: Actor, workstream: Workstream, transition: str) -> Workstream:
    """Fire a transition of the workstream workflow (see `workflows.WORKSTREAM`)."""
    _require(actor, "governance.change_workstream", workstream)
    lock(workstream)
    _refuse_archived(workstream, _("This workstream is archived."))
    roles = None if actor is SYSTEM else workflow_roles(actor, workstream)
    step = workflows.WORKSTREAM.check(transition, state=workstream.status, roles=roles)
    return audit.audited_set(
        actor=actor,
        instance=workstream,
        verb=GovernanceVerb.WORKSTREAM_STATUS_CHANGED,
        values={"status": step.target, "status_changed_at": _now()},
        payload={"transition": step.key, "from": workstream.status, "to": step.target},
    )


@transaction.atomic
def workstream_archive(*, actor: Actor, workstream: Workstream) -> Workstream:
    """Archive a workstream: its roles and memberships end, pending invitations are revoked."""
    _require(actor, "governance.manage_workstreams")
    lock(workstream)
    _refuse_archived(workstream, _("This workstream is already archived."))
    _close_group(actor=actor, group=workstream)
    workstream.invitations.filter(accepted_at__isnull=True, revoked_at__isnull=True).update(
        revoked_at=_now()
    )
    return _archive(actor, workstream, GovernanceVerb.WORKSTREAM_ARCHIVED)


def _deliverable_title(data: DeliverableData) -> str:
    title = data.title.strip()
    if not title:
        raise ValidationError({"title": _("Give the deliverable a title.")})
    return title


def _check_owner(workstream: Workstream, owner: Person | None) -> None:
    """A deliverable is carried by one of the workstream's current members."""
    if owner is not None and not (
        Membership.objects.filter(
            workstream=workstream, person=owner, ended_at__isnull=True
        ).exists()
    ):
        raise ValidationError({"owner": _("Choose one of the workstream's current members.")})


def _tell_owner(deliverable: Deliverable) -> None:
    """The new owner of a deliverable learns it, with its due date."""
    account = deliverable.owner.user if deliverable.owner is not None else None
    if account is None or not account.is_active:
        return
    workstream = deliverable.workstream
    names = {"title": deliverable.title, "workstream": workstream.name}
    with translation.override(settings.LANGUAGE_CODE):
        notify(
            recipient=account,
            subject=_("You carry the deliverable “%(title)s” of %(workstream)s") % names,
            body=(
                _("It is due on %(date)s.") % {"date": long_date(deliverable.due_date)}
                if deliverable.due_date
                else ""
            ),
            url=page_url("workspace_deliverables", slug=workstream.slug),
        )


def _deliverable_create(
    *, actor: Actor, workstream: Workstream, data: DeliverableData, position: int
) -> Deliverable:
    title = _deliverable_title(data)
    _check_owner(workstream, data.owner)
    deliverable = Deliverable.objects.create(
        workstream=workstream,
        title=title,
        due_date=data.due_date,
        owner=data.owner,
        position=position,
    )
    _workstream_event(
        actor,
        GovernanceVerb.WORKSTREAM_DELIVERABLE_ADDED,
        deliverable,
        title=title,
        due_date=_iso(data.due_date),
        owner=str(data.owner) if data.owner else None,
    )
    if data.owner is not None:
        _tell_owner(deliverable)
    return deliverable


@transaction.atomic
def deliverable_add(*, actor: Actor, workstream: Workstream, data: DeliverableData) -> Deliverable:
    _require(actor, "governance.change_workstream", workstream)
    lock(workstream)  # positions are counted: one addition at a time
    _refuse_archived(workstream, _("This workstream is archived."))
    last = workstream.deliverables.order_by("-position").first()
    return _deliverable_create(
        actor=actor,
        workstream=workstream,
        data=data,
        position=(last.position + 1) if last else 1,
    )


def _deliverable_snapshot(deliverable: Deliverable) -> dict[str, Any]:
    return {
        "title": deliverable.title,
        "due_date": _iso(deliverable.due_date),
        "owner": str(deliverable.owner) if deliverable.owner else None,
    }


@transaction.atomic
def deliverable_amend(
    *,
    actor: Actor,
    deliverable: Deliverable,
    data: DeliverableData,
    version: str | None = None,
) -> Deliverable:
    """Change a deliverable's title, due date or owner (staff, the lead link); a new owner is
    told. Refused when it changed since `version`."""
    _require(actor, "governance.change_workstream", deliverable.workstream)
    lock(deliverable, version=version)
    _refuse_archived(deliverable.workstream, _("This workstream is archived."))
    title = _deliverable_title(data)
    owner_changed = data.owner != deliverable.owner
    if owner_changed:
        _check_owner(deliverable.workstream, data.owner)
    before = _deliverable_snapshot(deliverable)
    deliverable.title = title
    deliverable.due_date = data.due_date
    deliverable.owner = data.owner
    deliverable.save(update_fields=["title", "due_date", "owner", "updated_at"])
    changes = audit.changes(before, _deliverable_snapshot(deliverable))
    if changes:
        _workstream_event(
            actor, GovernanceVerb.WORKSTREAM_DELIVERABLE_AMENDED, deliverable, **changes
        )
    if owner_changed and data.owner is not None:
        _tell_owner(deliverable)
    return deliverable


@transaction.atomic
def deliverable_set_done(*, actor: Actor, deliverable: Deliverable, done: bool) -> Deliverable:
    """Mark a deliverable done or not (staff, the lead link, or its owner)."""
    _require(actor, "governance.complete_deliverable", deliverable)
    lock(deliverable)
    if deliverable.done == done:
        return deliverable
    deliverable.done = done
    deliverable.done_at = _now() if done else None
    deliverable.save(update_fields=["done", "done_at", "updated_at"])
    verb = (
        GovernanceVerb.WORKSTREAM_DELIVERABLE_DONE
        if done
        else GovernanceVerb.WORKSTREAM_DELIVERABLE_REOPENED
    )
    _workstream_event(actor, verb, deliverable, title=deliverable.title)
    return deliverable


@transaction.atomic
def deliverable_remove(*, actor: Actor, deliverable: Deliverable) -> None:
    _require(actor, "governance.change_workstream", deliverable.workstream)
    _workstream_event(
        actor, GovernanceVerb.WORKSTREAM_DELIVERABLE_REMOVED, deliverable, title=deliverable.title
    )
    deliverable.delete()
