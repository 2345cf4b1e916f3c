"""Background work of the public site: sending a newsletter."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage, mailers
from django.tasks import task
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from maillage.site.models import Newsletter

# E-mails handed to the mail server per connection round.
BATCH = 200


@task()
def send_newsletter(newsletter_id: int) -> int:
    """One e-mail per recipient: the active accounts whose newsletter consent is in force now
    (a withdrawal made before this moment is honoured). Returns how many were sent."""
    from maillage.site.selectors import newsletter_recipients

    newsletter = Newsletter.objects.filter(pk=newsletter_id, sent_at__isnull=False).first()
    if newsletter is None or newsletter.recipient_count:
        return 0
    subject = settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + newsletter.subject
    body = f"{newsletter.body}\n\n-- \n{_withdrawal_note()}"
    count = 0
    addresses = newsletter_recipients().values_list("email", flat=True).iterator()
    with mailers.default as connection:
        batch: list[EmailMessage] = []
        for address in addresses:
            batch.append(EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [address]))
            if len(batch) == BATCH:
                count += connection.send_messages(batch) or 0
                batch = []
        if batch:
            count += connection.send_messages(batch) or 0
    Newsletter.objects.filter(pk=newsletter.pk).update(recipient_count=count)
    return count


def _withdrawal_note() -> str:
    """Every newsletter says how to stop receiving it: the consent is withdrawn in one click."""
    with translation.override(settings.LANGUAGE_CODE):
        url = settings.MAILLAGE_BASE_URL.rstrip("/") + reverse("privacy:consents")
        return _(
            "You receive this newsletter because you agreed to. To stop receiving it, withdraw "
            "your consent: %(url)s"
        ) % {"url": url}
