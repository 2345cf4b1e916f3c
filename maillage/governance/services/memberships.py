"""Direct memberships of circles and workstreams: joining, leaving, removal."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from maillage.core import audit
from maillage.core.actors import Actor
from maillage.core.permissions import SYSTEM, has_perm
from maillage.core.versions import lock
from maillage.governance import verbs
from maillage.governance.models import (
    Circle,
    EndReason,
    Membership,
    MembershipKind,
    MembershipSource,
    Workstream,
)
from maillage.governance.services._common import (
    _group_kwargs,
    _group_of,
    _group_prefix,
    _now,
    _refuse_archived,
    _require,
    _seat_is_open,
    _today,
    _user,
)
from maillage.network.models import Person, Seat


def _member_payload(membership: Membership, **details: Any) -> dict[str, Any]:
    """Memberships' events live in their group's history, naming the membership and member."""
    return {"membership": membership.pk, "person": str(membership.person)} | details


def _person_of(actor: Actor) -> Person | None:
    user = _user(actor)
    return Person.objects.filter(user=user).first() if user else None


def _check_member_seat(seat: Seat | None, person: Person) -> None:
    if seat is None:
        return
    if seat.holder_id != person.pk and not seat.substitutes.filter(pk=person.pk).exists():
        raise ValidationError(
            {"seat": _("Only the holder or a substitute of a seat may sit on its behalf.")}
        )
    if not _seat_is_open(seat):
        raise ValidationError({"seat": _("This seat has ended.")})


@transaction.atomic
def membership_join(
    *,
    actor: Actor,
    person: Person,
    circle: Circle | None = None,
    workstream: Workstream | None = None,
    kind: str = MembershipKind.MEMBER,
    seat: Seat | None = None,
    start_date: date | None = None,
    note: str = "",
) -> Membership:
    """Make `person` a (direct) member of a circle or a workstream.

    Staff add anyone (the workstream's lead link too, for a workstream); a partner member may
    join an open circle by themselves.
    """
    group = _group_of(
        circle, workstream, _("A membership is either of a circle or of a workstream.")
    )
    self_join = (
        circle is not None
        and actor is not SYSTEM
        and (own := _person_of(actor)) is not None
        and own.pk == person.pk
        and has_perm(actor, "governance.join_circle", circle)
    )
    if not self_join:
        _require(actor, "governance.manage_members", group)
    lock(group)  # "already a member" holds until the new membership is saved
    _refuse_archived(group, _("This circle or workstream is archived."))
    if isinstance(group, Workstream) and not group.is_running:
        raise ValidationError(_("This workstream no longer takes new members."))
    if kind not in MembershipKind.values:
        raise ValidationError({"kind": _("Unknown kind of membership.")})
    if circle is not None and kind != MembershipKind.MEMBER:
        raise ValidationError(
            {"kind": _("External actors and guests are members of workstreams, not of circles.")}
        )
    if Membership.objects.filter(
        person=person, source=MembershipSource.DIRECT, ended_at__isnull=True, **_group_kwargs(group)
    ).exists():
        raise ValidationError({"person": _("This person is already a member.")})
    _check_member_seat(seat, person)
    membership = Membership(
        person=person,
        kind=kind,
        seat=seat,
        start_date=start_date or _today(),
        note=note.strip(),
        **_group_kwargs(group),
    )
    return audit.audited_save(
        actor=actor,
        instance=membership,
        verb=verbs.MEMBER_ADDED[_group_prefix(group)],
        target=group,
        payload=lambda m: _member_payload(m, kind=kind),
    )


def _check_direct(membership: Membership) -> None:
    if membership.ended_at is not None:
        raise ValidationError(_("This membership has already ended."))
    if membership.source == MembershipSource.LINK:
        raise ValidationError(
            _("This membership comes from a role (double link): end the role assignment instead.")
        )


@transaction.atomic
def membership_leave(
    *, actor: Actor, membership: Membership, note: str = "", version: str | None = None
) -> Membership:
    """The member leaves (or staff record that they left), unless the membership changed since
    `version` (`StaleVersion`)."""
    own = _person_of(actor) if actor is not SYSTEM else None
    if own is None or own.pk != membership.person_id:
        _require(actor, "governance.manage_members", membership.group)
    lock(membership, version=version)
    _check_direct(membership)
    return _membership_end(actor=actor, membership=membership, reason=EndReason.LEFT, note=note)


@transaction.atomic
def membership_remove(
    *, actor: Actor, membership: Membership, note: str = "", version: str | None = None
) -> Membership:
    _require(actor, "governance.manage_members", membership.group)
    lock(membership, version=version)
    _check_direct(membership)
    return _membership_end(actor=actor, membership=membership, reason=EndReason.REMOVED, note=note)


_END_VERBS = {
    EndReason.LEFT: verbs.MEMBER_LEFT,
    EndReason.REMOVED: verbs.MEMBER_REMOVED,
    EndReason.CLOSED: verbs.MEMBER_REMOVED,
    EndReason.LINK_ENDED: verbs.LINK_MEMBER_ENDED,
}


def _membership_end(
    *, actor: Actor, membership: Membership, reason: str, note: str = ""
) -> Membership:
    group = membership.group
    return audit.audited_set(
        actor=actor,
        instance=membership,
        verb=_END_VERBS[EndReason(reason)][_group_prefix(group)],
        values={
            "ended_at": _now(),
            "end_reason": reason,
            "ended_by": _user(actor),
            "note": note.strip()[:255] if note else membership.note,
        },
        target=group,
        payload=_member_payload(membership, reason=reason),
    )
