"""The portrait's live block: the population density's map of the region's territories
(else the first indicator's), with the link to the indicator's page."""

import pytest

from maillage.portrait.tests.factories import IndicatorFactory, value
from maillage.portrait.tests.maps_helpers import grow, region_with_values
from maillage.site import live
from maillage.site.tests import factories

pytestmark = pytest.mark.django_db


def page_with(source: str):
    return factories.standard_page(
        body=[{"type": "live", "value": {"source": source, "heading": ""}}]
    )


def test_the_block_is_offered_to_editors():
    assert "portrait" in dict(live.choices())


def test_the_block_shows_the_density_map_else_the_first_indicator(client):
    place = region_with_values([3, 4], key="premier")
    page = page_with("portrait")
    html = client.get(page.url).text
    assert "Portrait du territoire" in html
    assert 'href="/portrait/indicateurs/premier/"' in html
    assert '<svg xmlns="http://www.w3.org/2000/svg"' in html and "fill-" in html
    density = IndicatorFactory(key="pop_density_per_km2", label_fr="Densité", position=9)
    value(density, place.mrcs[0], 2021, 250)
    html = client.get(page.url).text
    assert 'href="/portrait/indicateurs/pop_density_per_km2/"' in html
    assert "MRC A\u00a0: 250" in html
    assert "MRC B\u00a0: aucune donnée" in html


def test_without_indicator_the_block_shows_nothing(client):
    page = page_with("portrait")
    assert "Portrait du territoire" not in client.get(page.url).text


def test_the_block_keeps_its_queries(client, query_budget):
    place = region_with_values([3, 4, 5], key="pop_density_per_km2")
    page = page_with("portrait")
    meter = query_budget(40)
    small = meter.get(client, page.url)
    grow(place, municipalities=300)
    assert meter.get(client, page.url) == small
