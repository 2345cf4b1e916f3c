"""Reading the record of access to contact details."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q, QuerySet
from django.utils import timezone

from maillage.core.actors import Viewer
from maillage.core.permissions import has_perm
from maillage.privacy.models import ContactAccess


def access_log(
    *,
    viewer: Viewer,
    account: str = "",
    since: dt.date | None = None,
    until: dt.date | None = None,
) -> QuerySet[ContactAccess]:
    """Newest first; `account` matches an address or a name, `since` and `until` are days
    (both included, in the platform's time zone)."""
    if not has_perm(viewer, "privacy.view_registers"):
        return ContactAccess.objects.none()
    rows = ContactAccess.objects.select_related("account")
    if account:
        rows = rows.filter(
            Q(account__email__icontains=account)
            | Q(account__first_name__icontains=account)
            | Q(account__last_name__icontains=account)
        )
    if since:
        rows = rows.filter(at__gte=_start_of(since))
    if until:
        rows = rows.filter(at__lt=_start_of(until + dt.timedelta(days=1)))
    return rows


def _start_of(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))
