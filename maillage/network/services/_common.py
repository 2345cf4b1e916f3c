"""What the network services share."""

from __future__ import annotations

from datetime import date
from typing import Protocol

from django.utils import timezone

from maillage.core import audit
from maillage.core.actors import Actor
from maillage.network.models import Function, Organization, Person, Seat
from maillage.network.verbs import NetworkVerb


def today() -> date:
    return timezone.localdate()


class Contact(Protocol):
    email: str
    phone: str


def fill_contact(instance: Organization | Person, data: Contact) -> None:
    # Addresses are compared lowercased (imports, account linking).
    instance.email = data.email.strip().lower()
    instance.phone = data.phone.strip()


def end_on[T: Function | Seat](*, actor: Actor, tie: T, end_date: date | None) -> T:
    """End a function or a seat on `end_date` (today by default). A function's events are told
    in its person's history, a seat's in its organization's: that is where people look."""
    end = end_date or today()
    target: Organization | Person
    if isinstance(tie, Function):
        verb, target = NetworkVerb.FUNCTION_ENDED, tie.person
        named = {"function": tie.pk, "title": tie.title}
    else:
        verb, target = NetworkVerb.SEAT_ENDED, tie.organization
        named = {"seat": tie.pk, "holder": str(tie.holder)}
    return audit.audited_set(
        actor=actor,
        instance=tie,
        verb=verb,
        values={"end_date": end},
        validate=True,
        target=target,
        payload=named | {"end_date": end.isoformat()},
    )
