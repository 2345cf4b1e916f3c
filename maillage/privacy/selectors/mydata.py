"""What "my data" reads: the account's own information, from every app, through core's registry.
Only the account itself is ever read: the views pass the logged-in account."""

from __future__ import annotations

from maillage.core import personal
from maillage.core.models import User
from maillage.core.personal import Section


def my_data(account: User) -> list[Section]:
    """Every section every app registered for `account` (`core.personal.export`), in the order
    of the layers."""
    return personal.export(account)
