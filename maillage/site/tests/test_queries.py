"""The home page and a standard page keep their number of SQL queries as the news grows."""

import datetime

import pytest

from maillage.network.tests.factories import OrganizationFactory, sector
from maillage.site.tests import factories
from maillage.territories.tests.factories import MrcFactory, RegionFactory

pytestmark = pytest.mark.django_db

LIVE_BODY = [
    {"type": "paragraph", "value": "<p>Texte.</p>"},
    {"type": "live", "value": {"source": "territory", "heading": ""}},
    {"type": "live", "value": {"source": "partners", "heading": ""}},
    {"type": "live", "value": {"source": "structure", "heading": ""}},
    {"type": "live", "value": {"source": "consultations", "heading": ""}},
]


def grow(index, events, organizations: int, articles: int, first: int) -> None:
    for n in range(first, first + articles):
        factories.news_article(index, date=datetime.date(2026, 1, 1) + datetime.timedelta(days=n))
        if n % 10 == 0:
            factories.event(events)
    for _ in range(organizations):
        OrganizationFactory(sectors=[sector("communautaire")])


@pytest.mark.parametrize("which", ["home", "standard"])
def test_queries_do_not_grow_with_the_news(client, settings, which, query_budget):
    from maillage.governance.tests.factories import CircleFactory, WorkstreamFactory, general_circle

    region = RegionFactory(code=settings.MAILLAGE_REGION_CODE)
    MrcFactory(parent=region)
    root = general_circle()
    index = factories.news_index()
    events = factories.event_index()
    page = factories.standard_page(body=LIVE_BODY)
    home = factories.home()
    home.body = LIVE_BODY
    home.save_revision().publish()
    url = "/" if which == "home" else page.url
    meter = query_budget(30)

    grow(index, events, organizations=3, articles=5, first=0)
    WorkstreamFactory().sponsors.add(CircleFactory(parent=root))
    small = meter.get(client, url)

    grow(index, events, organizations=30, articles=95, first=5)
    for _ in range(5):
        WorkstreamFactory().sponsors.add(CircleFactory(parent=root))
    large = meter.get(client, url)
    assert large == small, f"{which}: {small} queries with 5 articles, {large} with 100"


def test_the_structure_block_drawn_anew_keeps_its_query_count(client, query_budget):
    """After a change to the structure, the first visitor draws the map again: its queries do not
    grow with the circles either."""
    from django.core.cache import cache

    from maillage.governance.tests.factories import general_circle, populate

    root = general_circle()
    page = factories.standard_page(body=LIVE_BODY[-1:])
    meter = query_budget(30)
    client.get(page.url)  # warms the process-wide caches

    def uncached():
        cache.clear()
        assert client.get(page.url).status_code == 200

    populate(5, root)
    small = meter(uncached)
    populate(45, root)
    large = meter(uncached)
    assert large == small, f"{small} queries with 5 circles, {large} with 50"
