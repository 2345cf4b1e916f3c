"""The lists that grow with the collective: circles and workstreams by page, the calendar by month,
the private feed within its window; their query counts do not grow with the data."""

# Factories return model instances; mypy sees the factory classes.
# mypy: disable-error-code="comparison-overlap"
import re

import pytest
from django.test import Client
from django.urls import reverse
from icalendar import Calendar

from maillage.core.roles import Role as PlatformRole
from maillage.core.tests.factories import user_with_role
from maillage.governance import selectors
from maillage.governance.selectors.calendars import FEED_DAYS_AHEAD, FEED_DAYS_BACK
from maillage.governance.tests.factories import (
    CircleFactory,
    PolicyFactory,
    WorkstreamFactory,
    days,
    populate,
    user_with_person,
)
from maillage.governance.views._common import PAGE_SIZE

pytestmark = pytest.mark.django_db


def url(name, **kwargs):
    return reverse(f"governance:{name}", kwargs=kwargs or None)


def login(user):
    client = Client()
    client.force_login(user)
    return client


def month_of(day):
    return day.strftime("%Y-%m")


def test_the_circle_list_comes_by_page(client):
    names = [f"Cercle {n:02d}" for n in range(PAGE_SIZE + 3)]
    for name in names:
        CircleFactory(name=name)
    first = client.get(url("circle_list"))
    assert names[0] in first.text and names[PAGE_SIZE] not in first.text
    nav = re.search(r'<nav class="pagination" aria-label="Pagination">.*?</nav>', first.text, re.S)
    assert nav is not None
    assert 'aria-current="page">Page 1 sur 2<' in nav[0]
    assert 'href="?page=2" rel="next"' in nav[0]
    second = client.get(url("circle_list"), {"page": "2"})
    assert names[PAGE_SIZE] in second.text and names[0] not in second.text
    # A page past the end shows the last one, a page that is no number the first.
    assert names[-1] in client.get(url("circle_list"), {"page": "99"}).text
    assert names[0] in client.get(url("circle_list"), {"page": "x"}).text


def test_the_workstream_list_keeps_its_filter_from_page_to_page(client):
    for n in range(PAGE_SIZE + 2):
        WorkstreamFactory(name=f"Chantier {n:02d}", sunset_date=days(-1 - n))
    WorkstreamFactory(name="Chantier à venir", sunset_date=days(30))
    first = client.get(url("workstream_list"), {"past_sunset": "on"})
    assert "Chantier 00" in first.text and "Chantier à venir" not in first.text
    assert 'href="?past_sunset=on&amp;page=2" rel="next"' in first.text
    second = client.get(url("workstream_list"), {"past_sunset": "on", "page": "2"})
    assert f"Chantier {PAGE_SIZE + 1:02d}" in second.text
    assert 'href="?past_sunset=on&amp;page=1" rel="prev"' in second.text


def test_the_calendar_shows_the_current_month_with_links_to_its_neighbours(member):
    today = days(0)
    PolicyFactory(title="Politique du mois", review_date=today)
    later = PolicyFactory(title="Politique plus tard", review_date=days(70))
    client = login(member)
    page = client.get(url("calendar"))
    assert page.context["calendar"].is_current
    assert "Politique du mois" in page.text and "Politique plus tard" not in page.text
    nav = re.search(r'<nav class="pagination gov-months".*?</nav>', page.text, re.S)
    assert nav is not None
    following = page.context["calendar"].next
    assert f'?month={month_of(following)}" rel="next"' in nav[0]
    assert 'aria-current="page"' in nav[0]
    assert 'type="month" name="month"' in page.text
    there = client.get(url("calendar"), {"month": month_of(later.review_date)})
    assert "Politique plus tard" in there.text and "Politique du mois" not in there.text
    assert not there.context["calendar"].is_current
    # Anything but a month shows the current one.
    for value in ("2026-13", "99999-01", "1850-01", "mars", "", "202²-01", "２０２６-01"):
        assert client.get(url("calendar"), {"month": value}).context["calendar"].is_current


def test_months_wrap_around_the_year():
    december = selectors.parse_month("2025-12")
    assert december is not None
    month = selectors.calendar_month(viewer=user_with_role(PlatformRole.MEMBER), month=december)
    assert (month.previous.isoformat(), month.next.isoformat()) == ("2025-11-01", "2026-01-01")
    assert selectors.parse_month("2026-1") == december.replace(year=2026, month=1)


def test_the_private_feed_keeps_to_its_window(member):
    inside = [days(-FEED_DAYS_BACK), days(-1), days(FEED_DAYS_AHEAD)]
    outside = [days(-FEED_DAYS_BACK - 1), days(FEED_DAYS_AHEAD + 1)]
    for n, day in enumerate(inside + outside):
        PolicyFactory(title=f"Politique {n}", review_date=day, adopted_on=days(-400))
    path = url("calendar_ical", token=selectors.calendar_feed_token(member))
    calendar = Calendar.from_ical(Client().get(path).content)
    dates = sorted(event["dtstart"].dt for event in calendar.walk("VEVENT"))
    assert dates == inside


@pytest.mark.parametrize("role", ["anonymous", PlatformRole.MEMBER])
def test_lists_keep_their_query_count_from_5_to_60_circles(role, general, query_budget):
    meter = query_budget(30)
    client = Client() if role == "anonymous" else login(user_with_person(role))
    pages = [url("circle_list"), url("workstream_list"), url("workstream_list") + "?page=2"]
    populate(5, general)
    small = [meter.get(client, path) for path in pages]
    populate(55, general)
    assert [meter.get(client, path) for path in pages] == small


def test_the_calendar_and_its_feed_keep_their_query_count(member, general, query_budget):
    meter = query_budget(25)
    client = login(member)
    feed = url("calendar_ical", token=selectors.calendar_feed_token(member))
    pages = [url("calendar"), url("calendar") + "?month=" + month_of(days(40)), feed]
    populate(5, general)
    small = [meter.get(client, path) for path in pages]
    populate(60, general)
    assert [meter.get(client, path) for path in pages] == small
