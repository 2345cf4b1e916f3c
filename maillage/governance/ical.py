"""The governance calendar as iCalendar (RFC 5545), for calendar applications."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from maillage.governance.selectors.calendars import CalendarEvent


def calendar_ical(*, events: Iterable[CalendarEvent], name: str = "", base_url: str = "") -> bytes:
    """A VCALENDAR of all-day events, one per policy review, term end or workstream sunset.

    UIDs are stable (`CalendarEvent.uid`), so a subscribed calendar updates an event whose date
    moved instead of duplicating it. `base_url` ("https://…") makes the events' links absolute.
    """
    calendar = Calendar()
    calendar.add("prodid", "-//Maillage//Governance calendar//FR")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    collective = getattr(settings, "MAILLAGE_COLLECTIVE_SHORT_NAME", "Maillage")
    calendar.add(
        "x-wr-calname",
        name or _("Governance calendar — %(collective)s") % {"collective": collective},
    )
    language = translation.get_language() or settings.LANGUAGE_CODE
    stamp = timezone.now().replace(microsecond=0)
    for item in events:
        event = Event()
        event.add("uid", item.uid)
        event.add("dtstamp", stamp)
        event.add("dtstart", item.date)
        event.add("dtend", item.date + timedelta(days=1))
        event.add("summary", item.summary)
        event.add("description", item.description)
        event.add("categories", [item.kind_label])
        event.add("transp", "TRANSPARENT")
        if item.url:
            event.add("url", base_url.rstrip("/") + item.url if base_url else item.url)
        event["summary"].params["language"] = language
        calendar.add_component(event)
    return bytes(calendar.to_ical())
