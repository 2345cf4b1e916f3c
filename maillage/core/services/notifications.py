"""Notifications: in the app, and by e-mail once the transaction commits, or gathered into a
daily digest when the recipient chose it; the account's choice of delivery and language."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import EmailMessage
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from maillage.core import audit
from maillage.core.actors import Actor
from maillage.core.dates import long_date
from maillage.core.models import EmailDelivery, Notification, NotificationPreference, User
from maillage.core.selectors import language_of
from maillage.core.tasks import send_notification_email
from maillage.core.verbs import CoreVerb


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
    """Create an in-app notification and, once the transaction commits, e-mail it; for a
    recipient who chose the daily digest, keep the e-mail for it instead (`digests_send`). With
    `answer`, the e-mail's Reply-To is the recipient's reply address for it (when the platform
    has one), so that replying answers; the body says how. Such an e-mail is always sent at once:
    the answer is awaited before a deadline a digest may miss, and one digest cannot carry each
    question's own reply address."""
    in_digest = bool(email and recipient.email and answer is None and _wants_digest(recipient))
    notification = Notification.objects.create(
        recipient=recipient, subject=subject[:200], body=body, url=url, in_digest=in_digest
    )
    if email and recipient.email and not in_digest:
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


def _wants_digest(user: User) -> bool:
    return NotificationPreference.objects.filter(
        user=user, email_delivery=EmailDelivery.DIGEST
    ).exists()


@transaction.atomic
def notification_preference_set(
    *, actor: Actor, user: User, email_delivery: str, language: str
) -> NotificationPreference:
    """An account's own choice: its notification e-mails as they happen or in a daily digest,
    and the language the platform writes to it in."""
    if getattr(actor, "pk", None) != user.pk:
        raise PermissionDenied(_("Only the account's owner chooses how it is notified."))
    if email_delivery not in EmailDelivery.values:
        raise ValidationError({"email_delivery": _("Choose how to receive the e-mails.")})
    if language not in dict(settings.LANGUAGES):
        raise ValidationError({"language": _("Choose one of the platform's languages.")})
    found = NotificationPreference.objects.select_for_update().filter(user=user).first()
    preference = found or NotificationPreference(user=user)
    before = {"email_delivery": preference.email_delivery, "language": preference.language}
    after = {"email_delivery": email_delivery, "language": language}
    if found is not None and before == after:
        return preference  # nothing changed: nothing to record
    preference.email_delivery = email_delivery
    preference.language = language
    audit.audited_save(
        actor=actor,
        instance=preference,
        verb=CoreVerb.NOTIFICATION_PREFERENCE_CHANGED,
        target=user,
        payload={"before": before, "after": after},
    )
    return preference


def _digest_email(user: User, notifications: list[Notification]) -> tuple[str, str]:
    """The digest's subject and text, in the active language: each notification with its
    link."""
    count = len(notifications)
    subject = ngettext(
        "Your daily digest: %(count)d notification",
        "Your daily digest: %(count)d notifications",
        count,
    ) % {"count": count}
    lines = [
        _("Hello %(name)s,") % {"name": user.get_full_name() or user.email},
        "",
        _("Here is what happened on the platform since your last digest."),
    ]
    for notification in notifications:
        lines += ["", f"- {notification.subject}"]
        when = long_date(notification.created_at, "DATETIME_FORMAT")
        lines.append(f"  {when}")
        lines += [f"  {line}" for line in notification.body.splitlines() if line.strip()]
        if notification.url:
            url = notification.url
            lines.append(f"  {settings.MAILLAGE_BASE_URL + url if url.startswith('/') else url}")
    lines += [
        "",
        _("You receive one e-mail a day because you chose the daily digest; change it here:"),
        settings.MAILLAGE_BASE_URL + reverse("core:notification_preferences"),
    ]
    return subject, "\n".join(lines)


def digests_send(*, now: datetime | None = None) -> int:
    """Send each recipient who has notifications kept for the digest one e-mail listing them, in
    the recipient's language, and mark them e-mailed: each goes in one digest only. A recipient
    with nothing new gets nothing. Each recipient in a transaction of its own (a failed e-mail
    leaves theirs for the next run). Returns how many digests were sent."""
    now = now or timezone.now()
    recipients = (
        Notification.objects.filter(in_digest=True, emailed_at__isnull=True, created_at__lte=now)
        .order_by()
        .values_list("recipient_id", flat=True)
        .distinct()
    )
    sent = 0
    for recipient_id in sorted(set(recipients)):
        with transaction.atomic():
            pending = list(
                # Only the notifications are locked: the preference joined below may be missing.
                Notification.objects.select_for_update(of=("self",))
                .filter(
                    recipient_id=recipient_id,
                    in_digest=True,
                    emailed_at__isnull=True,
                    created_at__lte=now,
                )
                .select_related("recipient__notification_preference")
                .order_by("created_at", "pk")
            )
            if not pending:
                continue  # sent meanwhile by another run
            user = pending[0].recipient
            if user.email and user.is_active:
                with translation.override(language_of(user)):
                    subject, body = _digest_email(user, pending)
                EmailMessage(
                    settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + subject,
                    body,
                    settings.DEFAULT_FROM_EMAIL,
                    [user.email],
                ).send()
                sent += 1
            # An account without an address or deactivated: dropped from the digest all the same.
            Notification.objects.filter(pk__in=[n.pk for n in pending]).update(emailed_at=now)
    return sent
