"""Background work of the core: sending notification e-mails."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.tasks import task
from django.utils import timezone, translation

from maillage.core.models import Notification


@task()
def send_notification_email(notification_id: int) -> bool:
    notification = (
        Notification.objects.select_related("recipient").filter(pk=notification_id).first()
    )
    if notification is None or notification.emailed_at is not None:
        return False
    with translation.override(settings.LANGUAGE_CODE):
        body = notification.body
        if notification.url:
            body = f"{body}\n\n{notification.url}".strip()
        send_mail(
            notification.subject,
            body,
            settings.DEFAULT_FROM_EMAIL,
            [notification.recipient.email],
        )
    Notification.objects.filter(pk=notification.pk).update(emailed_at=timezone.now())
    return True
