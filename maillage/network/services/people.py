"""People of the network and the accounts they are linked to."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.db import transaction

from maillage.core import audit
from maillage.core.actors import Actor
from maillage.core.models import User
from maillage.core.permissions import SYSTEM, require
from maillage.core.selectors import has_verified_email
from maillage.core.slugs import unique_slug
from maillage.core.versions import lock
from maillage.network.models import Person
from maillage.network.services._common import fill_contact
from maillage.network.verbs import NetworkVerb


@dataclass
class PersonData:
    first_name: str
    last_name: str
    email: str = ""
    phone: str = ""


_PERSON_FIELDS = ("first_name", "last_name", "email", "phone")


def _person_snapshot(person: Person) -> dict[str, str]:
    return {name: getattr(person, name) for name in _PERSON_FIELDS}


def _person_fill(person: Person, data: PersonData) -> None:
    person.first_name = data.first_name.strip()
    person.last_name = data.last_name.strip()
    fill_contact(person, data)


@transaction.atomic
def person_create(*, actor: Actor, data: PersonData) -> Person:
    require(actor, "network.manage")
    person = Person()
    _person_fill(person, data)
    person.slug = unique_slug(Person, f"{person.first_name} {person.last_name}")
    audit.audited_save(
        actor=actor,
        instance=person,
        verb=NetworkVerb.PERSON_CREATED,
        payload=lambda p: {"first_name": p.first_name, "last_name": p.last_name},
    )
    if person.email:
        # Someone who already has a verified account with this address gets linked now.
        from allauth.account.models import EmailAddress

        address = (
            EmailAddress.objects.filter(email__iexact=person.email, verified=True)
            .select_related("user")
            .first()
        )
        if address is not None:
            person_link_account(actor=actor, user=address.user, email=address.email)
            person.refresh_from_db(fields=["user"])
    return person


@transaction.atomic
def person_for_account(*, actor: Actor, user: User) -> Person:
    """The Person of `user`'s account: the linked one, the one whose e-mail the account has
    verified, or a new one made from the account (someone joining through an invitation)."""
    person = Person.objects.filter(user=user).first()
    if person is not None:
        return person
    email = (user.email or "").strip().lower()
    if email:
        linked = person_link_account(actor=SYSTEM, user=user, email=email)
        if linked is not None:
            return linked
    # An address already on someone else's record stays theirs until this account verifies it.
    taken = bool(email) and Person.objects.filter(email__iexact=email).exists()
    first, last = _names_of(user)
    person = person_create(
        actor=SYSTEM,
        data=PersonData(first_name=first, last_name=last, email="" if taken else email),
    )
    if person.user_id is None:
        _link(actor, person, user)
    return person


def _names_of(user: User) -> tuple[str, str]:
    """The account's names; an account without them (opened before the sign-up asked them, or
    by an import) gets them from its address, `rose.tremblay@…` giving Rose Tremblay, so that
    the person's record, which requires both, can always be made."""
    first = (user.first_name or "").strip()
    last = (user.last_name or "").strip()
    if not (first and last):
        local = (user.email or "").partition("@")[0].partition("+")[0]
        words = [word.title() for word in re.split(r"[._]+", local) if word]
        first = first or (words[0] if words else "")
        last = last or " ".join(words[1:]) or "?"
        first = first or "?"
    return first[:100], last[:100]


@transaction.atomic
def person_update(
    *, actor: Actor, person: Person, data: PersonData, version: str | None = None
) -> Person:
    """Apply `data`, unless the person changed since `version` (`StaleVersion`)."""
    require(actor, "network.manage")
    lock(person, version=version)
    before = _person_snapshot(person)
    _person_fill(person, data)
    person.full_clean(exclude=["slug", "user"])
    person.save()
    # Only names go into the log: it outlives the contact details it would otherwise copy.
    changes = audit.changes(before, _person_snapshot(person))
    if changes:
        payload = {
            "changed": sorted(changes),
            **{k: v for k, v in changes.items() if k in ("first_name", "last_name")},
        }
        audit.record(actor=actor, verb=NetworkVerb.PERSON_UPDATED, target=person, payload=payload)
    return person


@transaction.atomic
def person_link_account(*, actor: Actor, user: User, email: str) -> Person | None:
    """Link the unlinked Person whose e-mail is `email` to `user`, once `user` has verified it.

    Returns the linked person, or None when there is nobody to link.
    """
    if actor is not SYSTEM and getattr(actor, "pk", None) != user.pk:
        require(actor, "network.manage")
    if not has_verified_email(user, email):
        return None
    if Person.objects.filter(user=user).exists():
        return None
    person = Person.objects.filter(email__iexact=email, user__isnull=True).first()
    if person is None:
        return None
    return _link(actor, person, user)


@transaction.atomic
def person_link_invited_account(
    *, actor: Actor, person: Person | None, user: User, email: str
) -> Person | None:
    """Tie the account that accepted an invitation to the platform to the person it was sent
    for (the accepting account has confirmed the invited address: the core checked it). A
    person already tied to another account, or an account already tied to another person, stay
    as they are; without a person, the one with the invited address `email` is linked.
    Returns the account's person, if any."""
    if actor is not SYSTEM and getattr(actor, "pk", None) != user.pk:
        require(actor, "network.manage")
    own = Person.objects.filter(user=user).first()
    if own is not None:
        return own
    if person is not None:
        person = lock(person)
        if person.user_id is None:
            return _link(actor, person, user)
    return person_link_account(actor=SYSTEM, user=user, email=email)


def _link(actor: Actor, person: Person, user: User) -> Person:
    return audit.audited_set(
        actor=actor,
        instance=person,
        verb=NetworkVerb.PERSON_ACCOUNT_LINKED,
        values={"user": user},
        payload={"user": user.pk},
    )
