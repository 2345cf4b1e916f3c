"""Background work of the core: sending notification e-mails, daily digests and invitation
e-mails, checking and applying imports."""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage, send_mail
from django.tasks import task
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from maillage.core.actors import SYSTEM
from maillage.core.models import ImportJob, Notification, PlatformInvitation

logger = logging.getLogger(__name__)


@task()
def send_notification_email(
    notification_id: int, reply_purpose: str = "", reply_object_id: int = 0, reply_until: str = ""
) -> bool:
    """E-mail a notification; with a reply purpose, its Reply-To is the recipient's reply
    address (`core.replies.reply_address`), made here in the e-mail's language."""
    from datetime import datetime

    from maillage.core.replies.addresses import reply_address
    from maillage.core.replies.outcomes import how_to_answer
    from maillage.core.replies.registry import REPLY_HANDLERS

    notification = (
        Notification.objects.select_related("recipient").filter(pk=notification_id).first()
    )
    if notification is None or notification.emailed_at is not None:
        return False
    with translation.override(settings.LANGUAGE_CODE):
        body = notification.body
        if notification.url:
            url = notification.url
            if url.startswith("/"):
                url = settings.MAILLAGE_BASE_URL + url
            body = f"{body}\n\n{url}".strip()
        reply_to = ""
        if reply_purpose:
            reply_to = reply_address(
                user=notification.recipient,
                purpose=reply_purpose,
                object_id=reply_object_id,
                expires=datetime.fromisoformat(reply_until) if reply_until else None,
            )
        purpose = REPLY_HANDLERS.get(reply_purpose)
        if reply_to and purpose is not None:
            body = f"{body}\n\n{how_to_answer(purpose.accepts)}"  # only where replying answers
        EmailMessage(
            settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + notification.subject,
            body,
            settings.DEFAULT_FROM_EMAIL,
            [notification.recipient.email],
            reply_to=[reply_to] if reply_to else None,
        ).send()
    Notification.objects.filter(pk=notification.pk).update(emailed_at=timezone.now())
    return True


@task()
def send_digests(now: str = "") -> int:
    """Send the daily digests (`services.digests_send`); returns how many. `now` (ISO datetime)
    is for catching up or testing."""
    from datetime import datetime

    from maillage.core.services import digests_send

    return digests_send(now=datetime.fromisoformat(now) if now else None)


@task()
def send_platform_invitation_email(invitation_id: int, base_url: str = "") -> bool:
    """E-mail an invitation's link. The token is made again here from the invitation's salt,
    so neither the database nor the task queue ever holds it. Returns whether an e-mail was
    sent (not for an invitation that can no longer be used, nor after a change of the secret
    key)."""
    from maillage.core import selectors

    invitation = PlatformInvitation.objects.filter(pk=invitation_id).first()
    token = selectors.platform_invitation_token(invitation) if invitation is not None else None
    if token is None:
        return False
    try:
        # Still usable when the task runs: not withdrawn, used nor expired.
        invitation = selectors.platform_invitation_by_token(token)
    except ValidationError:
        return False
    url = selectors.platform_invitation_url(token, base_url)
    subject, body = selectors.platform_invitation_email(invitation, url)
    send_mail(
        settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + subject,
        body,
        settings.DEFAULT_FROM_EMAIL,
        [invitation.email],
    )
    return True


@task()
def check_import(job_id: int) -> str:
    """Check an uploaded file's rows (nothing is applied); returns the job's new state."""
    return _run_import_step(job_id, "uploaded")


@task()
def apply_import(job_id: int) -> str:
    """Apply a confirmed file, all or nothing; returns the job's new state."""
    return _run_import_step(job_id, "applying")


def _run_import_step(job_id: int, state: str) -> str:
    # The services enqueue these tasks: they are imported when a task runs.
    from maillage.core import services

    job = ImportJob.objects.filter(pk=job_id, state=state).first()
    if job is None:
        return ""  # gone, or a task run twice: the first run did the work
    step = services.import_job_check if state == "uploaded" else services.import_job_apply
    try:
        return step(actor=SYSTEM, job=job).state
    except Exception:
        # A fault, not the file: logged for the administrators; the job says it stopped.
        logger.exception("Import %s stopped", job_id)
        with translation.override(job.language):
            message = _("An unexpected error stopped this import; nothing was imported.")
        return services.import_job_fail(actor=SYSTEM, job=job, message=message).state


@task()
def send_reply_outcome_email(
    user_id: int,
    to: str,
    outcome: str,
    purpose: str,
    object_id: int,
    language: str,
    expires: str,
    in_reply_to: str,
    details: dict[str, str],
) -> bool:
    """Tell a person, at the address they wrote from, what became of their reply by e-mail
    (recorded, or why not and how to answer), in the language of the e-mail they answered.
    Marked as an automatic reply, so that an out-of-office message does not answer it back.
    While the reply address still holds, the person may answer this e-mail again."""
    from datetime import datetime

    from maillage.core.dates import long_date
    from maillage.core.models import User
    from maillage.core.replies.addresses import reply_address
    from maillage.core.replies.outcomes import ReplyOutcome, outcome_email
    from maillage.core.replies.registry import REPLY_HANDLERS

    person = User.objects.filter(pk=user_id, is_active=True).first()
    if person is None or not to:
        return False
    until = datetime.fromisoformat(expires)
    registered = REPLY_HANDLERS.get(purpose)
    with translation.override(language):
        subject, body = outcome_email(
            ReplyOutcome(outcome),
            answer=details.get("answer", ""),
            detail=details.get("detail", ""),
            reason=details.get("reason", ""),
            accepts=registered.accepts if registered else (),
            until=long_date(until, "DATETIME_FORMAT"),
        )
        reply_to = ""
        if until > timezone.now() and registered is not None:
            reply_to = reply_address(
                user=person, purpose=purpose, object_id=object_id, expires=until
            )
    headers = {"Auto-Submitted": "auto-replied"}
    if in_reply_to:
        headers.update({"In-Reply-To": in_reply_to, "References": in_reply_to})
    EmailMessage(
        settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + subject,
        body,
        settings.DEFAULT_FROM_EMAIL,
        [to],
        reply_to=[reply_to] if reply_to else None,
        headers=headers,
    ).send()
    return True
