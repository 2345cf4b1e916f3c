"""The sources of the governance calendar beyond governance's own events.

The calendar (`selectors.calendars`) lists policy reviews, term ends and workstream sunsets; an
app above governance adds its own kind of event (meetings, decisions due for review…) by
registering a `CalendarSource` in its `AppConfig.ready()`. A source answers the events of a
window in a fixed number of queries, whatever their number, and names the models whose changes
alter them: registering bumps the kept months and feeds (`core.cache`, namespace `NAMESPACE`) on
every change of those models, as `ical.watch` does for governance's own.

A source's events reach the calendar page, the private iCal feed and My space's next dates. The
reminders of the calendar stay governance's own: a source's app reminds its people itself.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from django.db import models
from django.db.models import Q
from django.utils.functional import Promise

from maillage.core import cache
from maillage.governance.models import ReminderKind

if TYPE_CHECKING:
    from maillage.governance.selectors.calendars import CalendarEvent

# The kept months of the calendar page and the kept iCal feeds.
NAMESPACE = "governance.calendar-feed"


@dataclass(frozen=True)
class EventWindow:
    """What the calendar asks a source: events from `start` to `end` (inclusive), in these
    circles and workstreams (None: all of them; an empty set: none), the first `limit` of them
    by date when it is set."""

    start: date
    end: date
    circle_ids: set[int] | None
    workstream_ids: set[int] | None
    limit: int | None = None

    def in_groups(self) -> Q:
        """The condition on a row's `circle` and `workstream` that keeps the window's groups."""
        in_circles = (
            Q(circle__isnull=False) if self.circle_ids is None else Q(circle_id__in=self.circle_ids)
        )
        in_workstreams = (
            Q(workstream__isnull=False)
            if self.workstream_ids is None
            else Q(workstream_id__in=self.workstream_ids)
        )
        return in_circles | in_workstreams


@dataclass(frozen=True)
class CalendarSource:
    kind: str  # stable, stored in no table but in the events' UIDs
    label: Promise  # the kind's name, shown beside each event
    events: Callable[[EventWindow], list[CalendarEvent]]
    models: tuple[type[models.Model], ...]  # whose changes alter the events


_SOURCES: dict[str, CalendarSource] = {}


def register_calendar_source(source: CalendarSource) -> None:
    """Add `source` to the calendar (once, in the app's `ready()`)."""
    if source.kind in ReminderKind.values or _SOURCES.get(source.kind, source) is not source:
        raise ValueError(f"calendar kind {source.kind!r} is already taken")
    _SOURCES[source.kind] = source
    cache.bump_on_change(NAMESPACE, *source.models)


def calendar_sources() -> list[CalendarSource]:
    return list(_SOURCES.values())


def kind_label(kind: str) -> str:
    """The name of a kind of event: governance's own, or a source's."""
    if kind in ReminderKind.values:
        return str(ReminderKind(kind).label)
    return str(_SOURCES[kind].label)
