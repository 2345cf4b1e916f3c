"""Organizations of the network and their status in the collective."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from maillage.core import audit
from maillage.core.actors import Actor
from maillage.core.permissions import require
from maillage.core.slugs import unique_slug
from maillage.core.versions import lock
from maillage.network.models import Organization, OrganizationStatus, Sector
from maillage.network.services._common import fill_contact
from maillage.network.verbs import NetworkVerb
from maillage.territories.models import Level, Territory

NEQ_PATTERN = re.compile(r"\d{10}")


def normalize_neq(value: str) -> str:
    """People paste NEQs with spaces ("1234 567 890"); keep the digits' layout otherwise."""
    return re.sub(r"\s+", "", value or "")


def neq_error(value: str) -> ValidationError:
    return ValidationError(
        _("NEQ “%(value)s” is invalid: a Québec enterprise number (NEQ) has exactly 10 digits."),
        code="invalid",
        params={"value": value},
    )


@dataclass
class OrganizationData:
    name: str
    sectors: Sequence[Sector]
    level: str = Level.REGIONAL
    territories: Sequence[Territory] = ()
    acronym: str = ""
    neq: str = ""
    description: str = ""
    website: str = ""
    email: str = ""
    phone: str = ""
    status: str = OrganizationStatus.PARTNER


_ORGANIZATION_FIELDS = (
    "name",
    "acronym",
    "neq",
    "description",
    "level",
    "website",
    "email",
    "phone",
)


def _organization_snapshot(organization: Organization) -> dict[str, Any]:
    snapshot = {name: getattr(organization, name) for name in _ORGANIZATION_FIELDS}
    snapshot["sectors"] = sorted(s.key for s in organization.sectors.all())
    snapshot["territories"] = sorted(t.code for t in organization.territories.all())
    return snapshot


def _organization_relations(data: OrganizationData) -> dict[str, Sequence[Any]]:
    return {"sectors": data.sectors, "territories": data.territories}


def _organization_fill(organization: Organization, data: OrganizationData) -> None:
    neq = normalize_neq(data.neq)
    if neq and not NEQ_PATTERN.fullmatch(neq):
        raise ValidationError({"neq": neq_error(neq)})
    if not data.sectors:
        raise ValidationError({"sectors": _("Choose at least one sector.")})
    organization.name = data.name.strip()
    organization.acronym = data.acronym.strip()
    organization.neq = neq
    organization.description = data.description.strip()
    organization.level = data.level
    organization.website = data.website.strip()
    fill_contact(organization, data)


@transaction.atomic
def organization_create(*, actor: Actor, data: OrganizationData) -> Organization:
    require(actor, "network.manage")
    organization = Organization(status=data.status)
    _organization_fill(organization, data)
    organization.slug = unique_slug(Organization, organization.name)
    return audit.audited_save(
        actor=actor,
        instance=organization,
        verb=NetworkVerb.ORGANIZATION_CREATED,
        payload=lambda o: _organization_snapshot(o) | {"status": o.status},
        relations=_organization_relations(data),
    )


@transaction.atomic
def organization_update(
    *,
    actor: Actor,
    organization: Organization,
    data: OrganizationData,
    version: str | None = None,
) -> Organization:
    """Apply `data`, unless the organization changed since `version` (`StaleVersion`); a change
    of status goes through `organization_set_status`."""
    require(actor, "network.manage")
    lock(organization, version=version)
    audit.audited_update(
        actor=actor,
        instance=organization,
        verb=NetworkVerb.ORGANIZATION_UPDATED,
        snapshot=_organization_snapshot,
        fill=lambda o: _organization_fill(o, data),
        relations=_organization_relations(data),
    )
    if data.status != organization.status:
        organization_set_status(actor=actor, organization=organization, status=data.status)
    return organization


@transaction.atomic
def organization_set_status(
    *, actor: Actor, organization: Organization, status: str
) -> Organization:
    """Partner, external actor or former partner of the collective."""
    require(actor, "network.manage")
    if status not in OrganizationStatus.values:
        raise ValidationError({"status": _("Unknown status.")})
    lock(organization)
    previous = organization.status
    if previous == status:
        return organization
    return audit.audited_set(
        actor=actor,
        instance=organization,
        verb=NetworkVerb.ORGANIZATION_STATUS_CHANGED,
        values={"status": status},
        payload={"from": previous, "to": status},
    )
