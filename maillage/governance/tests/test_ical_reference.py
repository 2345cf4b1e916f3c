"""The governance feed's text stays the same for the same events.

`data/calendar_feed_*.ics` hold what the feed gave, built with the `icalendar` package, before it
was written by hand for large calendars: escaping, folding of long lines (accents, escapes at the
fold), parameters, links. `MAILLAGE_WRITE_ICAL_REFERENCE=1` writes them again from the current code
(only after a deliberate change of the feed's content).
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
from django.utils import timezone, translation

from maillage.governance.ical import calendar_ical
from maillage.governance.selectors.calendars import CalendarEvent

DATA = Path(__file__).parent / "data"
NOW = dt.datetime(2026, 3, 4, 15, 16, 17, 123456, tzinfo=dt.UTC)


def _event(kind: str, day: int, object_id: int, summary: str, description: str, url: str):
    return CalendarEvent(
        kind=kind,
        date=dt.date(2026, 3, day),
        object_id=object_id,
        title=summary,
        summary=summary,
        description=description,
        description_html="",
        url=url,
    )


EVENTS = [
    _event("policy_review", 5, 1, "Révision de la politique : Courte", "Simple.", "/p/1/"),
    _event(
        "term_end",
        6,
        22,
        "Fin de mandat : Animation — Solène Clairmont; « Habitation », Charlevoix\\Est",
        "Le mandat de Solène Clairmont comme « Animation » dans « Habitation » se termine : "
        "il est temps de tenir une élection.\nDeuxième ligne\r\ntroisième\rquatrième, ; \\N fin",
        "/gouvernance/cercles/habitation/?a=1,2;b=3",
    ),
    _event(
        "sunset",
        7,
        333,
        "Échéance du chantier : " + "é," * 40 + "x\\" * 30,
        "ÉÉÉ" * 40 + ";" * 50 + "\\" * 45 + "à" * 70,
        "",
    ),
    _event(
        "sunset",
        8,
        4444,
        "a" * 73 + "," + "b" * 200,
        "😀 emoji " * 30,
        "/" + "x" * 120,
    ),
]

CASES: dict[str, dict[str, Any]] = {
    "fr": {"base_url": "https://exemple.org/"},
    "en": {"base_url": "", "name": "Named, calendar; with \\ escapes"},
    "fr-empty": {"base_url": "https://exemple.org", "events": []},
}


def _feed(case: str) -> bytes:
    options = dict(CASES[case])
    events = options.pop("events", EVENTS)
    language = case.split("-")[0]
    with mock.patch.object(timezone, "now", return_value=NOW), translation.override(language):
        return calendar_ical(events=events, **options)


@pytest.mark.parametrize("case", list(CASES))
def test_the_feed_gives_the_same_text_as_before(case):
    feed = _feed(case)
    path = DATA / f"calendar_feed_{case}.ics"
    if os.environ.get("MAILLAGE_WRITE_ICAL_REFERENCE") == "1":
        path.write_bytes(feed)
    assert feed == path.read_bytes()
    assert feed.startswith(b"BEGIN:VCALENDAR\r\n") and feed.endswith(b"END:VCALENDAR\r\n")
