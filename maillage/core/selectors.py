from __future__ import annotations

from collections.abc import Collection

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import QuerySet

from maillage.core.actors import Viewer
from maillage.core.models import AuditEvent, ImportJob, Notification, User
from maillage.core.permissions import has_perm


def history_for(
    target: models.Model, *, viewer: Viewer | None, limit: int = 50
) -> QuerySet[AuditEvent]:
    """The audit events about one object, newest first, with their actors; nothing for a viewer
    who may not read the history."""
    if viewer is None or not has_perm(viewer, "core.view_audit", target):
        return AuditEvent.objects.none()
    return (
        AuditEvent.objects.filter(
            target_type=ContentType.objects.get_for_model(target), target_id=str(target.pk)
        )
        .select_related("actor")
        .order_by("-created_at", "-id")[:limit]
    )


def notifications_for(user: Viewer) -> QuerySet[Notification]:
    if not isinstance(user, User):
        return Notification.objects.none()
    return Notification.objects.filter(recipient=user)


def unread_count(user: Viewer) -> int:
    return notifications_for(user).filter(read_at__isnull=True).count()


def latest_unread(user: Viewer, *, limit: int) -> list[Notification]:
    """`user`'s newest unread notifications, at most `limit` (one query)."""
    return list(notifications_for(user).filter(read_at__isnull=True)[:limit])


def import_jobs(viewer: Viewer, *, kinds: Collection[str]) -> QuerySet[ImportJob]:
    """The imports of these kinds that `viewer` uploaded, newest first, without their content."""
    if not isinstance(viewer, User):
        return ImportJob.objects.none()
    return ImportJob.objects.filter(uploaded_by=viewer, kind__in=kinds).defer("text")


def verified_emails(user: Viewer) -> list[str]:
    """Every address `user`'s account has confirmed, lowercased (one query)."""
    from allauth.account.models import EmailAddress

    if not isinstance(user, User) or not user.is_active:
        return []
    addresses = EmailAddress.objects.filter(user=user, verified=True).values_list(
        "email", flat=True
    )
    return sorted({address.lower() for address in addresses})


def has_verified_email(user: Viewer, email: str) -> bool:
    """`user`'s account has confirmed `email` (any of its addresses, not only the primary one)."""
    from allauth.account.models import EmailAddress

    if not isinstance(user, User) or not user.is_active or not email:
        return False
    return bool(EmailAddress.objects.filter(user=user, email__iexact=email, verified=True).exists())
