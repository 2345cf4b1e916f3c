"""Seats: a person sits on behalf of an organization, with substitutes."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from maillage.core import audit
from maillage.core import services as core_services
from maillage.core.actors import Actor
from maillage.core.models import PlatformInvitation
from maillage.core.permissions import require
from maillage.core.roles import Role
from maillage.core.versions import lock
from maillage.network import selectors
from maillage.network.models import Organization, Person, Seat
from maillage.network.services._common import end_on, today
from maillage.network.signals import seat_ended
from maillage.network.verbs import NetworkVerb


@dataclass
class SeatData:
    start_date: date
    substitutes: Sequence[Person] = field(default_factory=list)
    end_date: date | None = None
    note: str = ""


def _seat_fill(seat: Seat, data: SeatData) -> None:
    seat.start_date = data.start_date
    seat.end_date = data.end_date
    seat.note = data.note.strip()


def _seat_check(seat: Seat, substitutes: Iterable[Person]) -> None:
    if any(s.pk == seat.holder_id for s in substitutes):
        raise ValidationError(
            {"substitutes": _("The holder of a seat cannot also be its substitute.")}
        )
    # "Open" means it has not ended before the new seat starts: two open seats would overlap.
    overlapping = Seat.objects.filter(organization=seat.organization, holder=seat.holder).filter(
        Q(end_date__isnull=True) | Q(end_date__gte=seat.start_date)
    )
    if seat.pk is not None:
        overlapping = overlapping.exclude(pk=seat.pk)
    if overlapping.exists():
        raise ValidationError(
            {"holder": _("This person already holds an open seat for this organization.")}
        )


def _seat_save(*, actor: Actor, seat: Seat, data: SeatData, verb: NetworkVerb) -> Seat:
    """Check, save and record a seat with its substitutes. Seat events live in the
    organization's history: that is where people look for who represents it."""
    _seat_check(seat, data.substitutes)
    return audit.audited_save(
        actor=actor,
        instance=seat,
        verb=verb,
        target=seat.organization,
        payload=lambda s: {
            "seat": s.pk,
            "holder": str(s.holder),
            "substitutes": [str(p) for p in data.substitutes],
            "start_date": s.start_date.isoformat(),
            "end_date": s.end_date.isoformat() if s.end_date else None,
        },
        relations={"substitutes": data.substitutes},
    )


@transaction.atomic
def seat_assign(
    *, actor: Actor, organization: Organization, holder: Person, data: SeatData
) -> Seat:
    """Give `holder` a seat on behalf of `organization`."""
    require(actor, "network.manage")
    seat = Seat(organization=organization, holder=holder)
    _seat_fill(seat, data)
    return _seat_save(actor=actor, seat=seat, data=data, verb=NetworkVerb.SEAT_ASSIGNED)


@dataclass(frozen=True)
class SeatAssigned:
    """A seat given, and the invitation to the platform sent to its holder, if any."""

    seat: Seat
    invitation: PlatformInvitation | None = None
    # Why no invitation was sent although one was asked for.
    not_invited: str = ""


@transaction.atomic
def seat_assign_and_invite(
    *,
    actor: Actor,
    organization: Organization,
    holder: Person,
    data: SeatData,
    invite: bool,
    base_url: str = "",
) -> SeatAssigned:
    """Give `holder` a seat and, with `invite`, invite them to the platform as a partner member
    when that gives them something (an e-mail address, no such access yet): the platform
    access follows the seat. Both, or neither."""
    seat = seat_assign(actor=actor, organization=organization, holder=holder, data=data)
    if not invite:
        return SeatAssigned(seat=seat)
    refusal = selectors.holder_invitation_refusal(holder)
    if refusal:
        return SeatAssigned(seat=seat, not_invited=refusal)
    sent = core_services.platform_invitation_create(
        actor=actor,
        email=holder.email,
        role=selectors.SEAT_ROLE,
        subject=holder,
        base_url=base_url,
    )
    return SeatAssigned(seat=seat, invitation=sent.invitation)


@transaction.atomic
def seat_update(*, actor: Actor, seat: Seat, data: SeatData, version: str | None = None) -> Seat:
    """Apply `data`, unless the seat changed since `version` (`StaleVersion`)."""
    require(actor, "network.manage")
    lock(seat, version=version)
    _seat_fill(seat, data)
    return _seat_save(actor=actor, seat=seat, data=data, verb=NetworkVerb.SEAT_UPDATED)


@transaction.atomic
def seat_end(
    *,
    actor: Actor,
    seat: Seat,
    end_date: date | None = None,
    lower_access_to: str = "",
    version: str | None = None,
) -> Seat:
    """End `seat` on `end_date` (today by default). With `lower_access_to` (guest or citizen),
    the holder's account, a partner member who sits nowhere else, gets that role, and is told.
    Refused when the seat changed since `version`."""
    require(actor, "network.manage")
    lock(seat, version=version)
    if seat.end_date is not None and seat.end_date <= today():
        raise ValidationError({"end_date": _("This seat has already ended.")})
    end_on(actor=actor, tie=seat, end_date=end_date)
    seat_ended.send(sender=Seat, seat=seat, actor=actor)
    if lower_access_to:
        _lower_access(actor=actor, seat=seat, role=lower_access_to)
    return seat


def _lower_access(*, actor: Actor, seat: Seat, role: str) -> None:
    """The platform access follows the seat: the holder's account, once they sit nowhere, goes
    down to `role`; they are told why."""
    if role not in selectors.ROLES_AFTER_THE_LAST_SEAT:
        raise ValidationError({"access": _("Choose the guest or citizen role.")})
    if seat.end_date is not None and seat.end_date > today():
        raise ValidationError(
            {
                "access": _(
                    "The access can be lowered once the seat has ended: end it today or on a "
                    "past date, or keep the access."
                )
            }
        )
    account = selectors.access_after_seat(seat)
    if account is None:
        raise ValidationError({"access": _("This person's access no longer depends on this seat.")})
    previous = Role(account.role).label
    core_services.user_set_role(
        actor=actor,
        user=account,
        role=role,
        reason=_("Last seat ended (%(organization)s).") % {"organization": seat.organization},
    )
    core_services.notify(
        recipient=account,
        subject=_("Your access to the platform has changed"),
        body=_(
            "Your seat for %(organization)s has ended, and it was your last one: your access "
            "to the platform goes from “%(previous)s” to “%(role)s”. Your account stays open. "
            "If you take a seat again, the coordination team will restore your access."
        )
        % {"organization": seat.organization, "previous": previous, "role": Role(role).label},
    )


@transaction.atomic
def seat_add_substitute(*, actor: Actor, seat: Seat, person: Person) -> bool:
    """Add `person` to the substitutes of `seat`; False when they already are one."""
    lock(seat)
    substitutes = list(seat.substitutes.all())
    if person in substitutes:
        return False
    seat_update(
        actor=actor,
        seat=seat,
        data=SeatData(
            start_date=seat.start_date,
            end_date=seat.end_date,
            note=seat.note,
            substitutes=[*substitutes, person],
        ),
    )
    return True
