"""Notifications: in the app, and by e-mail once the transaction commits."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from maillage.core.actors import Actor
from maillage.core.models import Notification, User
from maillage.core.tasks import send_notification_email


@transaction.atomic
def notify(
    *, recipient: User, subject: str, body: str = "", url: str = "", email: bool = True
) -> Notification:
    """Create an in-app notification and, once the transaction commits, e-mail it."""
    notification = Notification.objects.create(
        recipient=recipient, subject=subject[:200], body=body, url=url
    )
    if email and recipient.email:
        transaction.on_commit(lambda: send_notification_email.enqueue(notification.pk))
    return notification


@transaction.atomic
def notification_mark_read(*, actor: Actor, notification: Notification) -> Notification:
    if notification.recipient_id != getattr(actor, "pk", None):
        raise PermissionDenied(_("This notification is not yours."))
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return notification
