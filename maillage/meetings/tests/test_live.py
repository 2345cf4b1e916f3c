"""A meeting's attendance and quorum followed live: from a little before the meeting starts to a
little after it ends, while it is planned, its page asks HTMX for that section again, which
answers it alone and kept rendered."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from maillage.core.permissions import SYSTEM
from maillage.core.roles import Role
from maillage.core.tests.factories import user_with_role
from maillage.governance.models import Membership
from maillage.governance.tests.factories import WorkstreamFactory, guest_of
from maillage.meetings import services
from maillage.meetings.models import Meeting
from maillage.meetings.selectors import LIVE_MARGIN, is_live
from maillage.meetings.tests.factories import member_with_seat
from maillage.meetings.tests.test_services import attend

POLLING = 'hx-trigger="every 3s"'


def login(user, **headers) -> Client:
    client = Client(headers=headers)
    client.force_login(user)
    return client


def poller(user) -> Client:
    """A client whose every request is an HTMX poll."""
    return login(user, **{"HX-Request": "true"})


def page_url(meeting: Meeting) -> str:
    return reverse("meetings:meeting_detail", kwargs={"pk": meeting.pk})


def under_way(table) -> Meeting:
    """The table's meeting, started an hour ago and ending in an hour."""
    now = timezone.now()
    Meeting.objects.filter(pk=table.meeting.pk).update(
        starts_at=now - dt.timedelta(hours=1), ends_at=now + dt.timedelta(hours=1)
    )
    table.meeting.refresh_from_db()
    return table.meeting


# When a meeting is live


START = timezone.make_aware(dt.datetime(2026, 5, 12, 13))
END = START + dt.timedelta(hours=2)
SECOND = dt.timedelta(seconds=1)


@pytest.mark.parametrize(
    ("now", "live"),
    [
        (START - LIVE_MARGIN - SECOND, False),
        (START - LIVE_MARGIN, True),
        (START, True),
        (END, True),
        (END + LIVE_MARGIN, True),
        (END + LIVE_MARGIN + SECOND, False),
    ],
)
def test_a_planned_meeting_is_live_from_a_little_before_it_starts_to_a_little_after(now, live):
    assert is_live(Meeting(state="planned", starts_at=START, ends_at=END), now=now) is live


@pytest.mark.parametrize("state", ["held", "minutes_adopted", "cancelled"])
def test_a_meeting_held_or_cancelled_is_not_live_even_during_its_hours(state):
    assert not is_live(Meeting(state=state, starts_at=START, ends_at=END), now=START)


def test_without_a_moment_it_asks_the_clock():
    now = timezone.now()
    assert is_live(Meeting(state="planned", starts_at=now, ends_at=now + dt.timedelta(hours=1)))
    assert not is_live(
        Meeting(
            state="planned",
            starts_at=now + dt.timedelta(hours=1),
            ends_at=now + dt.timedelta(hours=2),
        )
    )


# The page


@pytest.mark.django_db
def test_the_attendance_is_polled_while_the_meeting_is_live_and_not_otherwise(table):
    reader = login(table.municipal)
    # A week ahead: the section as always, no polling, no live region, no refresh link.
    text = reader.get(page_url(table.meeting)).text
    assert '<section aria-labelledby="attendance-heading">' in text
    assert "hx-get" not in text and 'aria-live="polite"' not in text
    assert "Actualiser" not in text
    meeting = under_way(table)
    text = reader.get(page_url(meeting)).text
    assert (
        '<section aria-labelledby="attendance-heading" aria-live="polite" '
        f'hx-get="{page_url(meeting)}" {POLLING} hx-swap="outerHTML">'
    ) in text
    # Without JavaScript, a link reloads the page.
    assert f'<a href="{page_url(meeting)}">Actualiser</a>' in text
    # Once held, the page stops asking.
    services.meeting_transition(actor=SYSTEM, meeting=meeting, transition="hold")
    text = reader.get(page_url(meeting)).text
    assert POLLING not in text and "Actualiser" not in text


@pytest.mark.django_db
def test_the_poll_sets_its_polling_interval(table, settings):
    settings.MAILLAGE_LIVE_POLL_SECONDS = 7
    meeting = under_way(table)
    assert 'hx-trigger="every 7s"' in poller(table.municipal).get(page_url(meeting)).text


@pytest.mark.django_db
def test_a_poll_answers_the_attendance_section_alone(table):
    services.agenda_item_add(
        actor=SYSTEM, meeting=table.meeting, data=services.AgendaItemData(title="Tour de table")
    )
    meeting = under_way(table)
    response = poller(table.municipal).get(page_url(meeting))
    assert response.status_code == 200
    assert "HX-Request" in response["Vary"]
    text = response.text.strip()
    assert text.startswith('<section aria-labelledby="attendance-heading" aria-live="polite"')
    assert text.endswith("</section>")
    assert "<html" not in text and "Tour de table" not in text and "agenda-heading" not in text
    assert "Présences et quorum" in text and POLLING in text
    # The whole page answers the same URL without the header, and varies on it too.
    page = login(table.municipal).get(page_url(meeting))
    assert "<html" in page.text and "Tour de table" in page.text
    assert "HX-Request" in page["Vary"]


@pytest.mark.django_db
def test_the_quorum_recorded_by_the_secretary_shows_in_the_next_poll(table):
    meeting = under_way(table)
    watcher = poller(table.municipal)
    assert "Les présences ne sont pas encore consignées." in watcher.get(page_url(meeting)).text
    attend(table, community="present", municipal="present", health="absent")
    text = watcher.get(page_url(meeting)).text
    assert "<html" not in text and "Quorum non atteint" in text
    assert "(2 personnes, 2 sièges, 2 secteurs)" in text
    # The substitute stands in for the health seat: the quorum is reached.
    attend(table, health="represented")
    text = watcher.get(page_url(meeting)).text
    assert "Quorum atteint" in text and "Quorum non atteint" not in text
    assert "(3 personnes, 3 sièges, 3 secteurs)" in text
    # The meeting is held: the last poll shows the section without polling, and stops.
    services.meeting_transition(actor=SYSTEM, meeting=meeting, transition="hold")
    text = watcher.get(page_url(meeting)).text
    assert "Quorum atteint" in text and "hx-get" not in text


# The most queries a kept poll may read.
KEPT_POLL = 3


def more_present(table, count: int) -> None:
    """`count` more seated members of the table's circle, recorded present."""
    people = [member_with_seat(table.circle, "municipal").person for _n in range(count)]
    services.attendance_record(
        actor=SYSTEM,
        meeting=table.meeting,
        entries=[
            services.AttendanceData(person=p, status="present", seat=p.seats.get()) for p in people
        ],
    )


@pytest.mark.django_db
def test_a_poll_keeps_its_query_count_whatever_the_attendance_and_reads_little_kept(
    table, query_budget
):
    meter = query_budget(12)
    under_way(table)
    watcher = poller(table.municipal)
    more_present(table, 2)
    built = meter.get(watcher, page_url(table.meeting))
    kept = meter.get(watcher, page_url(table.meeting), kept=True)
    more_present(table, 30)
    assert Membership.objects.filter(circle=table.circle).count() == 35
    assert meter.get(watcher, page_url(table.meeting)) == built
    assert meter.get(watcher, page_url(table.meeting), kept=True) == kept
    # Kept, a poll reads neither the attendance, the seats nor the quorum's rules: the session,
    # the account, the meeting and the viewer's right to see it.
    assert kept <= built - 3
    assert kept <= KEPT_POLL


@pytest.mark.django_db
def test_someone_who_may_not_see_the_meeting_may_not_poll_it(table):
    meeting = under_way(table)
    attend(table, community="present")
    outsider = poller(guest_of(WorkstreamFactory()))
    response = outsider.get(page_url(meeting))
    assert response.status_code == 403 and "Aline Tremblay" not in response.text
    citizen = poller(user_with_role(Role.CITIZEN))
    assert citizen.get(page_url(meeting)).status_code == 403
    anonymous = Client(headers={"HX-Request": "true"})
    response = anonymous.get(page_url(meeting))
    assert response.status_code == 302 and "Aline Tremblay" not in response.text
    missing = reverse("meetings:meeting_detail", kwargs={"pk": meeting.pk + 1000})
    assert poller(table.municipal).get(missing).status_code == 404
    # Those who may see it poll it.
    assert "Aline Tremblay" in poller(table.municipal).get(page_url(meeting)).text
