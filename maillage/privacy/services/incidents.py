"""Writing the register of confidentiality incidents."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from maillage.core.actors import Actor
from maillage.core.audit import audited_save, audited_update
from maillage.core.models import User
from maillage.core.permissions import require
from maillage.core.versions import lock
from maillage.privacy.models import Incident
from maillage.privacy.verbs import RegisterVerb

INCIDENT_FIELDS = (
    "occurred_on",
    "discovered_on",
    "nature",
    "information",
    "people_count",
    "people_description",
    "serious_risk",
    "risk_reasoning",
    "commission_notified_on",
    "people_notified_on",
    "measures",
)


def _check(values: dict[str, Any]) -> None:
    unknown = set(values) - set(INCIDENT_FIELDS)
    if unknown:
        raise TypeError(f"unknown incident fields: {sorted(unknown)}")
    occurred, discovered = values.get("occurred_on"), values.get("discovered_on")
    if occurred and discovered and occurred > discovered:
        raise ValidationError(
            {"occurred_on": _("An incident cannot be discovered before it occurred.")}
        )


def _snapshot(incident: Incident) -> dict[str, Any]:
    values = {name: getattr(incident, name) for name in INCIDENT_FIELDS}
    # Dates as text: the audit payload is JSON.
    return {name: v.isoformat() if hasattr(v, "isoformat") else v for name, v in values.items()}


@transaction.atomic
def incident_create(*, actor: Actor, **values: Any) -> Incident:
    require(actor, "privacy.manage_registers")
    _check(values)
    incident = Incident(recorded_by=actor if isinstance(actor, User) else None, **values)
    return audited_save(
        actor=actor,
        instance=incident,
        verb=RegisterVerb.INCIDENT_RECORDED,
        payload=lambda i: {"discovered_on": i.discovered_on.isoformat()},
    )


@transaction.atomic
def incident_update(
    *, actor: Actor, incident: Incident, version: str | None = None, **values: Any
) -> Incident:
    """Refuses a change sent on another `version` than the incident's (`StaleVersion`)."""
    require(actor, "privacy.manage_registers")
    lock(incident, version=version)
    _check(values)

    def fill(instance: Incident) -> None:
        for name, value in values.items():
            setattr(instance, name, value)

    audited_update(
        actor=actor,
        instance=incident,
        verb=RegisterVerb.INCIDENT_UPDATED,
        snapshot=_snapshot,
        fill=fill,
    )
    return incident
