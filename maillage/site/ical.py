"""iCalendar (RFC 5545) exports of the site's events, built with the `icalendar` package."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta
from typing import TYPE_CHECKING

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.html import strip_tags
from icalendar import Calendar, Event

from maillage.site.selectors import absolute_url

if TYPE_CHECKING:
    from maillage.site.models import EventPage

DEFAULT_DURATION = timedelta(hours=2)


def calendar(events: Sequence[EventPage], *, request: HttpRequest | None = None) -> Calendar:
    cal = Calendar()
    cal.add("prodid", f"-//Maillage//{settings.MAILLAGE_COLLECTIVE_SHORT_NAME}//FR")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", settings.MAILLAGE_COLLECTIVE_SHORT_NAME)
    cal.add("x-wr-timezone", settings.TIME_ZONE)
    stamp = timezone.now()
    region = getattr(settings, "MAILLAGE_REGION_CODE", "00")
    for page in events:
        event = Event()
        event.add("uid", f"site-event-{page.translation_key}-{page.locale_id}@maillage-{region}")
        event.add("dtstamp", stamp)
        event.add("dtstart", page.start)
        event.add("dtend", page.end or page.start + DEFAULT_DURATION)
        event.add("summary", page.title)
        description = page.intro or strip_tags(page.search_description)
        url = absolute_url(page, request)
        links = [url]
        if page.online_url:
            links.append(page.online_url)
        if page.registration_url:
            links.append(page.registration_url)
        event.add("description", "\n\n".join(x for x in [description, *links] if x))
        if page.place:
            event.add("location", page.place)
        elif page.online_url:
            event.add("location", page.online_url)
        if url:
            event.add("url", url)
        if page.last_published_at:
            event.add("last-modified", page.last_published_at)
        cal.add_component(event)
    return cal


def response(
    events: Sequence[EventPage], *, request: HttpRequest | None, filename: str
) -> HttpResponse:
    body = calendar(events, request=request).to_ical()
    result = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    result["Content-Disposition"] = f'attachment; filename="{filename}"'
    return result
