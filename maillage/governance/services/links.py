"""The memberships a role makes (*membres d'office*), double links included.

They are kept here, always: whoever holds a role of a circle or a workstream (its lead link, its
facilitation, any role of its own) is a member of it, and whoever holds the delegate role (*second
lien*) of a sub-circle is also a member of its parent circle. Such memberships have
`source="link"` and point at the role assignment that makes them; `_sync_links` starts and ends
them whenever an assignment, a role or a circle's parent changes.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.db.models import Q

from maillage.core import audit
from maillage.core.actors import Actor
from maillage.governance import verbs
from maillage.governance.models import (
    Circle,
    EndReason,
    Membership,
    MembershipSource,
    RoleAssignment,
    RoleKind,
    Workstream,
)
from maillage.governance.services._common import _group_kwargs, _group_prefix, _require, _today
from maillage.governance.services.memberships import _member_payload, _membership_end
from maillage.governance.verbs import GovernanceVerb


def link_targets(assignment: RoleAssignment) -> list[Circle | Workstream]:
    """Where the holder of `assignment` must be a member because of it.

    Every role makes its holder a member of its own circle or workstream; the delegate (second
    lien) of a sub-circle is also a member of the parent circle. Ended assignments, archived
    roles and archived groups make none.
    """
    role = assignment.role
    if assignment.ended_at is not None or role.archived_at is not None or role.group.is_archived:
        return []
    targets: list[Circle | Workstream] = [role.group]
    if role.kind == RoleKind.DELEGATE and role.circle is not None:
        parent = role.circle.parent
        if parent is not None and not parent.is_archived:
            targets.append(parent)
    return targets


def _sync_links(*, actor: Actor, assignments: Iterable[RoleAssignment]) -> None:
    """Make the memberships `assignments` make match `link_targets`."""
    for assignment in assignments:
        assignment = RoleAssignment.objects.select_related(
            "role__circle__parent", "role__workstream", "person"
        ).get(pk=assignment.pk)
        missing = link_targets(assignment)
        started_before = assignment.link_memberships.exists()
        for membership in assignment.link_memberships.filter(ended_at__isnull=True):
            if membership.group in missing:
                missing.remove(membership.group)
                continue
            _membership_end(actor=actor, membership=membership, reason=EndReason.LINK_ENDED)
        for target in missing:
            membership = Membership.objects.create(
                person=assignment.person,
                source=MembershipSource.LINK,
                assignment=assignment,
                seat=assignment.seat,
                # The first link starts with the role; a link that moves starts today.
                start_date=(_today() if started_before else min(assignment.start_date, _today())),
                **_group_kwargs(target),
            )
            audit.record(
                actor=actor,
                verb=verbs.LINK_MEMBER_ADDED[_group_prefix(target)],
                target=target,
                payload=_member_payload(membership, role=assignment.role.name),
            )


@transaction.atomic
def links_repair(*, actor: Actor) -> int:
    """Recompute every membership roles make (an operator's safety net, and the way an
    installation catches up when the rule changes); returns how many changed."""
    _require(actor, "governance.manage_roles")
    before = set(
        Membership.objects.filter(source=MembershipSource.LINK, ended_at__isnull=True).values_list(
            "pk", flat=True
        )
    )
    candidates = RoleAssignment.objects.filter(
        Q(ended_at__isnull=True)
        | Q(link_memberships__ended_at__isnull=True, link_memberships__isnull=False)
    ).distinct()
    _sync_links(actor=actor, assignments=list(candidates))
    after = set(
        Membership.objects.filter(source=MembershipSource.LINK, ended_at__isnull=True).values_list(
            "pk", flat=True
        )
    )
    changed = len(before ^ after)
    if changed:
        audit.record(actor=actor, verb=GovernanceVerb.LINKS_REPAIRED, payload={"changed": changed})
    return changed
