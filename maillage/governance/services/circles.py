"""Circles: creation (with their built-in roles), amendment, archiving."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from maillage.core import audit
from maillage.core.actors import Actor
from maillage.core.versions import lock
from maillage.governance.models import Circle, CircleMode, RoleAssignment, RoleKind, Strategy
from maillage.governance.services._common import (
    _archive,
    _check_levels,
    _clean_list,
    _refuse_archived,
    _require,
    _slug_for,
    quorum_fill,
    quorum_snapshot,
)
from maillage.governance.services.links import _sync_links
from maillage.governance.services.roles import (
    BUILTIN,
    RoleData,
    _close_group,
    _set_accountabilities,
    role_create,
)
from maillage.governance.verbs import GovernanceVerb
from maillage.network.models import Sector
from maillage.territories.models import Territory


@dataclass
class CircleData:
    name: str
    purpose: str = ""
    parent: Circle | None = None
    domains: Sequence[str] = ()
    accountabilities: Sequence[str] = ()
    territories: Sequence[Territory] = ()
    levels: Sequence[str] = ()
    strategies: Sequence[Strategy] = ()
    sectors: Sequence[Sector] = ()
    mode: str = CircleMode.CONSENT
    quorum_seats: int = 0
    quorum_sectors: int = 0
    quorum_required_sectors: Sequence[Sector] = ()
    # Used at creation only: a wanted slug, and whether to add the built-in roles.
    slug: str = ""
    builtin_roles: bool = True


def circle_data_of(circle: Circle) -> CircleData:
    """The current values of `circle`, to amend a few of them."""
    return CircleData(
        name=circle.name,
        purpose=circle.purpose,
        parent=circle.parent,
        domains=list(circle.domains),
        accountabilities=[a.text for a in circle.accountabilities.order_by("position", "pk")],
        territories=list(circle.territories.all()),
        levels=list(circle.levels),
        strategies=list(circle.strategies.all()),
        sectors=list(circle.sectors.all()),
        quorum_seats=circle.quorum_seats,
        quorum_sectors=circle.quorum_sectors,
        quorum_required_sectors=list(circle.quorum_required_sectors.all()),
        mode=circle.mode,
    )


def _circle_snapshot(circle: Circle) -> dict[str, Any]:
    return {
        "name": circle.name,
        "purpose": circle.purpose,
        "parent": circle.parent.slug if circle.parent else None,
        "domains": list(circle.domains),
        "levels": list(circle.levels),
        "mode": circle.mode,
        "territories": sorted(t.slug for t in circle.territories.all()),
        "strategies": sorted(s.key for s in circle.strategies.all()),
        "sectors": sorted(s.key for s in circle.sectors.all()),
        **quorum_snapshot(circle),
    }


def _circle_relations(data: CircleData) -> dict[str, Sequence[Any]]:
    return {
        "territories": data.territories,
        "strategies": data.strategies,
        "sectors": data.sectors,
        "quorum_required_sectors": data.quorum_required_sectors,
    }


def _circle_fill(circle: Circle, data: CircleData) -> None:
    if data.mode not in CircleMode.values:
        raise ValidationError({"mode": _("Unknown mode.")})
    circle.name = data.name.strip()
    circle.purpose = data.purpose.strip()
    circle.domains = _clean_list(data.domains)
    circle.levels = _check_levels(data.levels)
    circle.mode = data.mode
    circle.parent = data.parent
    quorum_fill(circle, data.quorum_seats, data.quorum_sectors)


def _descendant_ids(circle: Circle) -> set[int]:
    """Ids of the circles under `circle`, at any depth (one query)."""
    children: dict[int | None, list[int]] = {}
    for pk, parent_id in Circle.objects.values_list("pk", "parent_id"):
        children.setdefault(parent_id, []).append(pk)
    found: set[int] = set()
    stack = list(children.get(circle.pk, []))
    while stack:
        pk = stack.pop()
        if pk not in found:
            found.add(pk)
            stack.extend(children.get(pk, []))
    return found


@transaction.atomic
def circle_create(*, actor: Actor, data: CircleData) -> Circle:
    """Create a circle. The first circle, without a parent, is the general circle; every other
    one has a parent. With `builtin_roles`, the circle gets its lead link, facilitator and
    secretary, and a delegate (second lien) when it has a parent."""
    _require(actor, "governance.manage_circles")
    if data.parent is None and Circle.objects.filter(parent__isnull=True).exists():
        raise ValidationError(
            {"parent": _("Choose a parent circle: there is already a general circle.")}
        )
    if data.parent is not None and data.parent.is_archived:
        raise ValidationError({"parent": _("The parent circle is archived.")})
    circle = Circle()
    _circle_fill(circle, data)
    circle.slug = _slug_for(Circle, circle.name, data.slug)
    audit.audited_save(
        actor=actor,
        instance=circle,
        verb=GovernanceVerb.CIRCLE_CREATED,
        payload=_circle_snapshot,
        relations=_circle_relations(data),
    )
    _set_accountabilities(actor=actor, owner=circle, texts=data.accountabilities)
    if data.builtin_roles:
        kinds = [RoleKind.LEAD, RoleKind.FACILITATOR, RoleKind.SECRETARY]
        if circle.parent_id:
            kinds.insert(1, RoleKind.DELEGATE)
        for kind in kinds:
            role_create(actor=actor, circle=circle, data=RoleData(kind=kind, **BUILTIN[kind]))
    return circle


@transaction.atomic
def circle_amend(
    *, actor: Actor, circle: Circle, data: CircleData, version: str | None = None
) -> Circle:
    """Apply `data` to `circle` (its slug never changes), unless it changed since `version`
    (`StaleVersion`). Moving a circle under another parent moves its delegate's double link
    along."""
    _require(actor, "governance.manage_circles")
    lock(circle, version=version)
    _refuse_archived(circle, _("This circle is archived."))
    if circle.is_general and data.parent is not None:
        raise ValidationError({"parent": _("The general circle has no parent circle.")})
    if not circle.is_general:
        if data.parent is None:
            raise ValidationError(
                {"parent": _("Choose a parent circle: there is already a general circle.")}
            )
        if data.parent.pk == circle.pk or data.parent.pk in _descendant_ids(circle):
            raise ValidationError(
                {"parent": _("A circle cannot be placed under itself or one of its sub-circles.")}
            )
        if data.parent.is_archived:
            raise ValidationError({"parent": _("The parent circle is archived.")})
    previous_parent = circle.parent_id
    audit.audited_update(
        actor=actor,
        instance=circle,
        verb=GovernanceVerb.CIRCLE_AMENDED,
        snapshot=_circle_snapshot,
        fill=lambda c: _circle_fill(c, data),
        relations=_circle_relations(data),
    )
    _set_accountabilities(actor=actor, owner=circle, texts=data.accountabilities)
    if previous_parent != circle.parent_id:
        _sync_links(
            actor=actor,
            assignments=RoleAssignment.objects.filter(
                role__circle=circle, role__kind=RoleKind.DELEGATE, ended_at__isnull=True
            ),
        )
    return circle


@transaction.atomic
def circle_archive(*, actor: Actor, circle: Circle) -> Circle:
    """Archive a circle: its roles end, its memberships end (reason "closed"). Refused for the
    general circle, a circle with sub-circles still active, and the only sponsor of a
    workstream still active."""
    _require(actor, "governance.manage_circles")
    lock(circle)
    _refuse_archived(circle, _("This circle is already archived."))
    if circle.is_general:
        raise ValidationError(_("The general circle cannot be archived."))
    if circle.children.filter(archived_at__isnull=True).exists():
        raise ValidationError(_("Archive its sub-circles or move them elsewhere first."))
    orphans = [
        w.name
        for w in circle.sponsored_workstreams.filter(archived_at__isnull=True).prefetch_related(
            "sponsors"
        )
        if not any(s.pk != circle.pk and not s.is_archived for s in w.sponsors.all())
    ]
    if orphans:
        raise ValidationError(
            _(
                "This circle is the only sponsor of workstreams still active: %(names)s. "
                "Give them another sponsor or archive them first."
            )
            % {"names": ", ".join(orphans)}
        )
    _close_group(actor=actor, group=circle)
    return _archive(actor, circle, GovernanceVerb.CIRCLE_ARCHIVED)
