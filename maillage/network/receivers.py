"""Signal receivers: each only calls a service."""

from __future__ import annotations

from typing import Any

from maillage.core.models import PlatformInvitation, User
from maillage.network.models import Person
from maillage.network.services import person_link_account, person_link_invited_account


def link_person_on_email_confirmed(sender: Any, email_address: Any, **kwargs: Any) -> None:
    """A verified address that matches a Person links that person to the account."""
    person_link_account(
        actor=email_address.user, user=email_address.user, email=email_address.email
    )


def link_person_on_platform_invitation(
    sender: Any, invitation: PlatformInvitation, user: User, **kwargs: Any
) -> None:
    """An invitation to the platform sent for a person (a seat's holder) ties the account that
    accepts it to that person."""
    subject = invitation.subject
    person_link_invited_account(
        actor=user,
        person=subject if isinstance(subject, Person) else None,
        user=user,
        email=invitation.email,
    )
