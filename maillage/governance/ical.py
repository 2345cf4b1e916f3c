"""The governance calendar as iCalendar (RFC 5545), for calendar applications.

Written line by line (`core.ical`): a feed holds a thousand events or more, and the `icalendar`
package took half a second to build them. The text is the one that package gave (see
`tests/test_ical_reference.py`); the tests still read it back with the package.

A feed is kept (`core.cache`) per visibility class of its owner, language, link base and day (its
window moves with the day) until any change to what it shows (`watch`, called in `ready()`).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from maillage.core import cache, ical
from maillage.core.actors import Viewer
from maillage.governance import calendar_sources
from maillage.governance.selectors._common import _today
from maillage.governance.selectors.calendars import (
    CalendarEvent,
    calendar_feed_events,
    calendar_feed_visibility,
)

# The other apps' sources bump the same namespace (`calendar_sources.register_calendar_source`).
NAMESPACE = calendar_sources.NAMESPACE


def watch() -> None:
    """Bump the kept feeds on every change to what they show (called once, in `ready()`)."""
    from maillage.governance.models import Circle, Policy, Role, RoleAssignment, Workstream
    from maillage.network.models import Person

    cache.bump_on_change(NAMESPACE, Policy, Circle, Role, RoleAssignment, Workstream, Person)


def feed(*, viewer: Viewer, base_url: str) -> bytes:
    """The private feed of `viewer`, kept until a change; viewers who may see the same events
    share it (its DTSTAMP is when it was built)."""
    return cache.fragment(
        NAMESPACE,
        visibility=calendar_feed_visibility(viewer),
        filters=[_today().isoformat(), base_url],
        render=lambda: calendar_ical(events=calendar_feed_events(viewer=viewer), base_url=base_url),
    )


def _when(item: CalendarEvent) -> list[str]:
    """A timed event's start and end (in UTC), or an all-day event's day."""
    if item.starts_at is not None:
        ends = item.ends_at or item.starts_at
        return [f"DTSTART:{ical.utc(item.starts_at)}", f"DTEND:{ical.utc(ends)}"]
    return [
        f"DTSTART;VALUE=DATE:{ical.date(item.date)}",
        f"DTEND;VALUE=DATE:{ical.date(item.date + timedelta(days=1))}",
    ]


def calendar_ical(*, events: Iterable[CalendarEvent], name: str = "", base_url: str = "") -> bytes:
    """A VCALENDAR of all-day events, one per policy review, term end or workstream sunset, and
    the events of the other apps' sources (timed ones for meetings).

    UIDs are stable (`CalendarEvent.uid`), so a subscribed calendar updates an event whose date
    moved instead of duplicating it. `base_url` ("https://…") makes the events' links absolute.
    """
    collective = getattr(settings, "MAILLAGE_COLLECTIVE_SHORT_NAME", "Maillage")
    calendar_name = name or _("Governance calendar — %(collective)s") % {"collective": collective}
    content = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Maillage//Governance calendar//FR",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        # An X- property is written as it is, not escaped (as the `icalendar` package did).
        f"X-WR-CALNAME:{calendar_name}",
    ]
    language = translation.get_language() or settings.LANGUAGE_CODE
    stamp = "DTSTAMP:" + ical.utc(timezone.now())
    base = base_url.rstrip("/")
    # Labels translated once, not per event.
    kinds: dict[str, str] = {}
    for item in events:
        if item.kind not in kinds:
            kinds[item.kind] = ical.text(item.kind_label)
        content += [
            "BEGIN:VEVENT",
            f"SUMMARY;LANGUAGE={language}:{ical.text(item.summary)}",
            *_when(item),
            stamp,
            f"UID:{ical.text(item.uid)}",
            f"CATEGORIES:{kinds[item.kind]}",
            f"DESCRIPTION:{ical.text(item.description)}",
        ]
        if item.location:
            content.append(f"LOCATION:{ical.text(item.location)}")
        # A meeting takes time in the day; a review or a term end does not.
        content.append("TRANSP:OPAQUE" if item.starts_at else "TRANSP:TRANSPARENT")
        if item.url:
            content.append(f"URL:{base + item.url if base_url else item.url}")
        content.append("END:VEVENT")
    content.append("END:VCALENDAR")
    return ical.lines(content)
