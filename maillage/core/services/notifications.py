"""Notifications: in the app, and by e-mail once the transaction commits."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from maillage.core.actors import Actor
from maillage.core.models import Notification, User
from maillage.core.tasks import send_notification_email


@dataclass(frozen=True)
class AwaitedAnswer:
    """What a notification awaits an answer about, by e-mail: a purpose registered with
    `core.replies.register_reply_handler`, the object's id, and until when (by default
    `MAILLAGE_REPLY_DAYS` from sending)."""

    purpose: str
    object_id: int
    until: datetime | None = None


@transaction.atomic
def notify(
    *,
    recipient: User,
    subject: str,
    body: str = "",
    url: str = "",
    email: bool = True,
    answer: AwaitedAnswer | None = None,
) -> Notification:
    """Create an in-app notification and, once the transaction commits, e-mail it. With
    `answer`, the e-mail's Reply-To is the recipient's reply address for it (when the platform
    has one), so that replying answers; the body says how."""
    notification = Notification.objects.create(
        recipient=recipient, subject=subject[:200], body=body, url=url
    )
    if email and recipient.email:
        # The token is made when the e-mail is sent: the task queue keeps only what it names.
        purpose, object_id = (answer.purpose, answer.object_id) if answer else ("", 0)
        until = answer.until.isoformat() if answer and answer.until else ""
        transaction.on_commit(
            lambda: send_notification_email.enqueue(notification.pk, purpose, object_id, until)
        )
    return notification


@transaction.atomic
def notification_mark_read(*, actor: Actor, notification: Notification) -> Notification:
    if notification.recipient_id != getattr(actor, "pk", None):
        raise PermissionDenied(_("This notification is not yours."))
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return notification
