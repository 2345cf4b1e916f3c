import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone
from icalendar import Calendar

from maillage.core.roles import Role as PlatformRole
from maillage.governance.ical import calendar_ical
from maillage.governance.models import RoleKind
from maillage.governance.selectors import calendar_events
from maillage.governance.tests.factories import (
    PolicyFactory,
    RoleAssignmentFactory,
    RoleFactory,
    WorkstreamFactory,
    days,
    guest_of,
    user_with_person,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def agenda(agenda):
    """The agenda, a term ending in 40 days in its workstream, and what the calendar leaves out."""
    ws_role = RoleFactory(
        circle=None, workstream=agenda.workstream, kind=RoleKind.LEAD, elected=True, term_months=6
    )
    agenda.ws_term = RoleAssignmentFactory(role=ws_role, term_end=days(40))
    # Not on the calendar: past, ended, retired, finished or archived.
    PolicyFactory(circle=agenda.circle, review_date=days(-1), adopted_on=days(-30))
    PolicyFactory(circle=agenda.circle, review_date=days(5), status="retired")
    RoleAssignmentFactory(role=agenda.role, term_end=days(5), ended_at=timezone.now())
    WorkstreamFactory(sunset_date=days(5), status="completed")
    WorkstreamFactory(sunset_date=days(5), archived_at=timezone.now())
    return agenda


def test_the_calendar_lists_reviews_term_ends_and_sunsets_in_date_order(agenda):
    member = user_with_person(PlatformRole.MEMBER)
    events = calendar_events(viewer=member)
    assert [(e.kind, e.date) for e in events] == [
        ("term_end", days(10)),
        ("policy_review", days(20)),
        ("sunset", days(30)),
        ("term_end", days(40)),
    ]
    term = events[0]
    assert term.title == "Animation — Solène Clairmont" and term.circle.name == "Habitation"
    assert calendar_events(viewer=member, end=days(15)) == events[:1]


def test_a_guest_sees_only_the_events_of_their_workstream_and_visitors_nothing(agenda):
    guest = guest_of(agenda.workstream)
    assert [(e.kind, e.object_id) for e in calendar_events(viewer=guest)] == [
        ("sunset", agenda.workstream.pk),
        ("term_end", agenda.ws_term.pk),
    ]
    assert calendar_events(viewer=user_with_person(PlatformRole.GUEST)) == []
    assert calendar_events(viewer=AnonymousUser()) == []


def test_the_ical_feed_parses_and_keeps_stable_uids(agenda):
    member = user_with_person(PlatformRole.MEMBER)
    feed = calendar_ical(events=calendar_events(viewer=member), base_url="https://ex.org")
    parsed = Calendar.from_ical(feed)
    assert str(parsed["version"]) == "2.0" and parsed["prodid"]
    events = parsed.walk("VEVENT")
    assert len(events) == 4
    for event in events:
        for required in ("uid", "dtstamp", "dtstart", "dtend", "summary"):
            assert required in event
    review = next(e for e in events if "Principes de représentation" in str(e["summary"]))
    assert review.decoded("dtstart") == days(20)
    assert review.decoded("dtend") == days(21)
    uids = sorted(str(e["uid"]) for e in events)
    assert len(set(uids)) == 4
    assert f"governance-policy-review-{agenda.policy.pk}@maillage-03" in uids

    # The review is postponed: same UID, new date, so calendar clients update the event.
    agenda.policy.review_date = days(25)
    agenda.policy.save()
    again = Calendar.from_ical(calendar_ical(events=calendar_events(viewer=member)))
    assert sorted(str(e["uid"]) for e in again.walk("VEVENT")) == uids


def test_an_empty_calendar_is_still_valid():
    parsed = Calendar.from_ical(calendar_ical(events=[], name="Vide"))
    assert str(parsed["x-wr-calname"]) == "Vide" and parsed.walk("VEVENT") == []
