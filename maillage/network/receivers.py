"""Signal receivers: each only calls a service."""

from __future__ import annotations

from typing import Any

from maillage.network.services import person_link_account


def link_person_on_email_confirmed(sender: Any, email_address: Any, **kwargs: Any) -> None:
    """A verified address that matches a Person links that person to the account."""
    person_link_account(
        actor=email_address.user, user=email_address.user, email=email_address.email
    )
