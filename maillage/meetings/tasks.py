"""Background work of the meetings app: the invitations' e-mails (with the meeting's iCal
entry) and the minutes' PDF."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage
from django.tasks import task
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from maillage.core.dates import long_date
from maillage.core.permissions import SYSTEM
from maillage.meetings import calendar, paths, services
from maillage.meetings.models import Invitee, Meeting


def invitation_email(invitee: Invitee) -> tuple[str, str]:
    """The subject and body of an invitation, in the active language."""
    meeting = invitee.meeting
    subject = _("Invitation: %(title)s, %(when)s") % {
        "title": meeting.title,
        "when": long_date(meeting.starts_at, "DATETIME_FORMAT"),
    }
    lines = [
        _("Hello %(name)s,") % {"name": invitee.person.first_name},
        "",
        _("You are invited to the meeting “%(title)s” of “%(group)s”.")
        % {"title": meeting.title, "group": meeting.group.name},
        _("When: %(start)s to %(end)s")
        % {
            "start": long_date(meeting.starts_at, "DATETIME_FORMAT"),
            "end": long_date(meeting.ends_at, "TIME_FORMAT"),
        },
    ]
    where = calendar._where(meeting)
    if where:
        lines.append(_("Where: %(place)s") % {"place": where})
    lines += [
        "",
        _("Say whether you will attend, and read the agenda, on the meeting's page:"),
        settings.MAILLAGE_BASE_URL + paths.meeting_url(meeting),
        "",
        _("The attached file adds the meeting to your calendar."),
    ]
    return settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + subject, "\n".join(lines)


@task()
def send_meeting_invitation(invitee_id: int, base_url: str = "") -> bool:
    """E-mail an invitation with the meeting's iCal entry attached, once. Returns whether an
    e-mail was sent (not for a meeting cancelled meanwhile, nor to a person without address)."""
    invitee = (
        Invitee.objects.select_related("person", "meeting__circle", "meeting__workstream")
        .filter(pk=invitee_id, emailed_at__isnull=True)
        .first()
    )
    if invitee is None or not invitee.person.email or not invitee.meeting.is_coming:
        return False
    with translation.override(settings.LANGUAGE_CODE):
        subject, body = invitation_email(invitee)
        ics = calendar.invitation_ics(invitee.meeting)
    message = EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [invitee.person.email])
    message.attach("rencontre.ics", ics, "text/calendar; charset=utf-8; method=PUBLISH")
    message.send()
    Invitee.objects.filter(pk=invitee.pk).update(emailed_at=timezone.now())
    return True


@task()
def make_minutes(meeting_id: int, language: str) -> bool:
    """Make the minutes' PDF of a held meeting (asked from its page, or after it was held)."""
    meeting = Meeting.objects.filter(pk=meeting_id).first()
    if meeting is None or meeting.state != "held":
        return False
    services.minutes_make(actor=SYSTEM, meeting=meeting, language=language)
    return True
