"""Naming the person in charge of the protection of personal information."""

from __future__ import annotations

from django.db import transaction

from maillage.core.audit import record
from maillage.core.models import User
from maillage.core.permissions import Actor, require
from maillage.privacy.models import Officer
from maillage.privacy.verbs import OfficerVerb


@transaction.atomic
def officer_set(
    *,
    actor: Actor,
    account: User | None,
    title: str,
    contact_email: str,
    contact_phone: str = "",
) -> Officer:
    """Name the person in charge: a new record, so that who was in charge when is kept (the
    latest record is the one in force)."""
    require(actor, "privacy.name_officer")
    officer = Officer.objects.create(
        account=account,
        title=title.strip(),
        contact_email=contact_email.strip(),
        contact_phone=contact_phone.strip(),
    )
    record(
        actor=actor,
        verb=OfficerVerb.SET,
        target=officer,
        payload={
            "account": account.pk if account is not None else None,
            "title": officer.title,
            "contact_email": officer.contact_email,
            "contact_phone": officer.contact_phone,
        },
    )
    return officer
