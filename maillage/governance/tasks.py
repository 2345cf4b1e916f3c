"""Background work of the governance app: the calendar's reminders, the invitations' e-mails."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.tasks import task

from maillage.core.permissions import SYSTEM
from maillage.governance.models import Invitation
from maillage.governance.selectors.invitations import (
    invitation_accept_url,
    invitation_by_token,
    invitation_email,
    invitation_token,
)
from maillage.governance.services.calendars import reminders_send


@task()
def send_governance_reminders(today: str | None = None) -> int:
    """Remind the people concerned of policy reviews, term ends and workstream sunsets due
    within MAILLAGE_REMINDER_DAYS days; each event is reminded once. Returns how many
    notifications were sent. `today` (ISO date) is for catching up or testing."""
    report = reminders_send(actor=SYSTEM, today=date.fromisoformat(today) if today else None)
    return report.sent


@task()
def send_invitation_email(invitation_id: int, base_url: str = "") -> bool:
    """E-mail a pending invitation's link. The link's token is made again here from the
    invitation's salt, so neither the database nor the task queue ever holds it. Returns
    whether an e-mail was sent (not for an invitation that can no longer be used, nor after a
    change of the secret key)."""
    invitation = Invitation.objects.filter(pk=invitation_id).first()
    token = invitation_token(invitation) if invitation is not None else None
    if token is None:
        return False
    try:
        # Still usable when the task runs: not withdrawn, used, expired, nor its workstream closed.
        invitation = invitation_by_token(token)
    except ValidationError:
        return False
    subject, body = invitation_email(invitation, invitation_accept_url(token, base_url))
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [invitation.email])
    return True
