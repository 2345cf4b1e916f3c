"""What "my data" reads: the account's own information, from every app, through core's registry.
Only the account itself is ever read: the views pass the logged-in account."""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils import timezone

from maillage.core import personal
from maillage.core.models import User
from maillage.core.personal import Section
from maillage.privacy.models import DataCopy
from maillage.privacy.workflows import READY


def my_data(account: User) -> list[Section]:
    """Every section every app registered for `account` (`core.personal.export`), in the order
    of the layers, with all their rows."""
    return personal.export(account)


def my_data_contents(account: User) -> tuple[list[Section], list[Section]]:
    """The kinds of records the platform holds of `account`, and those it holds none of, without
    reading the records (each app's probe answers)."""
    sections = personal.contents(account)
    return [s for s in sections if s.rows], [s for s in sections if not s.rows]


def my_data_section(account: User, key: str) -> Section | None:
    """One kind of records of `account`, with its rows; None for a key no app exports."""
    return personal.section_of(account, key)


def my_data_copies(account: User) -> QuerySet[DataCopy]:
    """The account's copies still to be had: being prepared, or ready and not expired, and the
    failed ones of the last days (so that the person sees what became of their request)."""
    return (
        DataCopy.objects.filter(account=account)
        .exclude(state=READY, expires_at__lte=timezone.now())
        .order_by("-requested_at", "-pk")[:10]
    )


def my_data_copy(account: User, pk: int) -> DataCopy | None:
    """The account's own copy `pk` if it is ready and not expired, else None."""
    return (
        DataCopy.objects.filter(account=account, pk=pk, state=READY, expires_at__gt=timezone.now())
        .exclude(file="")
        .first()
    )
