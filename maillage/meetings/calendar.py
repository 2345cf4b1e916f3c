"""Meetings on the governance calendar (a `governance.calendar_sources` source), and a meeting's
own iCal entry, attached to its invitations."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.utils import timezone, translation
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from maillage.core import ical
from maillage.core.templatetags.maillage import fr
from maillage.core.text import elide
from maillage.governance.calendar_sources import CalendarSource, EventWindow
from maillage.governance.selectors.calendars import CalendarEvent
from maillage.meetings import paths
from maillage.meetings.models import Meeting, MeetingFormat

KIND = "meeting"


def _where(meeting: Meeting) -> str:
    if meeting.format == MeetingFormat.ONLINE:
        return meeting.link
    if meeting.format == MeetingFormat.HYBRID:
        return f"{meeting.place} — {meeting.link}"
    return meeting.place


def meeting_event(meeting: Meeting) -> CalendarEvent:
    """The calendar's event of `meeting` (its circle or workstream selected with it)."""
    group = meeting.group
    sentence = _("Meeting of “%(group)s” (%(format)s).")
    names = {"group": group.name, "format": meeting.get_format_display()}
    return CalendarEvent(
        kind=KIND,
        date=timezone.localtime(meeting.starts_at).date(),
        object_id=meeting.pk,
        title=meeting.title,
        summary=_("Meeting: %(title)s") % {"title": meeting.title},
        description=elide(sentence % names),
        description_html=elide(
            mark_safe(  # the sentence and the names in it are escaped
                conditional_escape(sentence)
                % {"group": fr(group.name), "format": conditional_escape(names["format"])}
            )
        ),
        url=paths.meeting_url(meeting),
        circle=meeting.circle,
        workstream=meeting.workstream,
        starts_at=meeting.starts_at,
        ends_at=meeting.ends_at,
        location=_where(meeting),
    )


def _bounds(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def meeting_events(window: EventWindow) -> list[CalendarEvent]:
    """The meetings (not cancelled) of the window's circles and workstreams (one query)."""
    meetings = (
        Meeting.objects.filter(
            starts_at__gte=_bounds(window.start),
            starts_at__lt=_bounds(window.end + dt.timedelta(days=1)),
        )
        .exclude(state="cancelled")
        .select_related("circle", "workstream")
    )
    if window.circle_ids is not None or window.workstream_ids is not None:
        meetings = meetings.filter(window.in_groups())
    if window.limit is not None:
        meetings = meetings.order_by("starts_at", "pk")[: window.limit]
    return [meeting_event(m) for m in meetings]


SOURCE = CalendarSource(
    kind=KIND,
    label=gettext_lazy("Meeting"),
    events=meeting_events,
    models=(Meeting,),
)


def invitation_ics(meeting: Meeting) -> bytes:
    """The meeting as one iCalendar event, for the invitation's attachment and the meeting's
    page: the same UID as in the calendar's feed, so that a calendar holding both keeps one."""
    event = meeting_event(meeting)
    language = translation.get_language() or settings.LANGUAGE_CODE
    content = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Maillage//Meetings//FR",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "BEGIN:VEVENT",
        f"UID:{ical.text(event.uid)}",
        "DTSTAMP:" + ical.utc(timezone.now()),
        f"DTSTART:{ical.utc(meeting.starts_at)}",
        f"DTEND:{ical.utc(meeting.ends_at)}",
        f"SUMMARY;LANGUAGE={language}:{ical.text(meeting.title)}",
        f"DESCRIPTION:{ical.text(event.description)}",
    ]
    if event.location:
        content.append(f"LOCATION:{ical.text(event.location)}")
    content += [
        f"URL:{settings.MAILLAGE_BASE_URL}{event.url}",
        "STATUS:CANCELLED" if meeting.state == "cancelled" else "STATUS:CONFIRMED",
        "END:VEVENT",
        "END:VCALENDAR",
    ]
    return ical.lines(content)
