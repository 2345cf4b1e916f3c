"""Writing the privacy impact assessments."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from maillage.core.actors import Actor
from maillage.core.audit import audited_save, audited_update
from maillage.core.models import User
from maillage.core.permissions import require
from maillage.core.versions import lock
from maillage.privacy.models import Assessment
from maillage.privacy.parts import platform_parts
from maillage.privacy.verbs import RegisterVerb

ASSESSMENT_FIELDS = ("project", "assessed_on", "findings", "measures", "covers")


def _check(values: dict[str, Any]) -> dict[str, Any]:
    unknown = set(values) - set(ASSESSMENT_FIELDS)
    if unknown:
        raise TypeError(f"unknown assessment fields: {sorted(unknown)}")
    if "covers" in values:
        labels = [label for label, _title in platform_parts()]
        covers: Iterable[str] = values["covers"] or []
        if any(label not in labels for label in covers):
            raise ValidationError({"covers": _("Choose parts of the platform from the list.")})
        # The layers' order, once each: the record reads the same however it was typed.
        values = {**values, "covers": [label for label in labels if label in set(covers)]}
    return values


def _snapshot(assessment: Assessment) -> dict[str, Any]:
    values = {name: getattr(assessment, name) for name in ASSESSMENT_FIELDS}
    values["assessed_on"] = assessment.assessed_on.isoformat() if assessment.assessed_on else None
    return values


@transaction.atomic
def assessment_create(*, actor: Actor, **values: Any) -> Assessment:
    require(actor, "privacy.manage_registers")
    values = _check(values)
    assessment = Assessment(recorded_by=actor if isinstance(actor, User) else None, **values)
    return audited_save(
        actor=actor,
        instance=assessment,
        verb=RegisterVerb.ASSESSMENT_RECORDED,
        payload=lambda a: {"project": a.project, "covers": a.covers},
    )


@transaction.atomic
def assessment_update(
    *, actor: Actor, assessment: Assessment, version: str | None = None, **values: Any
) -> Assessment:
    """Refuses a change sent on another `version` than the assessment's (`StaleVersion`)."""
    require(actor, "privacy.manage_registers")
    lock(assessment, version=version)
    values = _check(values)

    def fill(instance: Assessment) -> None:
        for name, value in values.items():
            setattr(instance, name, value)

    audited_update(
        actor=actor,
        instance=assessment,
        verb=RegisterVerb.ASSESSMENT_UPDATED,
        snapshot=_snapshot,
        fill=fill,
    )
    return assessment
