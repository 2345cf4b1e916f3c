"""The comparison keeps its query count when the values and the territories grow a
hundredfold: the latest figures are picked in the database; kept, it asks nothing."""

from __future__ import annotations

import pytest

from maillage.portrait.models import Value
from maillage.portrait.tests.maps_helpers import grow, region_with_values

pytestmark = pytest.mark.django_db


def url(*slugs: str, path: str = "/portrait/comparer/") -> str:
    return path + "?" + "&".join(f"territoires={slug}" for slug in slugs)


def test_the_comparison_keeps_its_queries_at_100_times_the_values(client, query_budget):
    place = region_with_values([3, 4, None, 6, 7])
    slugs = (place.region.slug, place.mrcs[0].slug, place.mrcs[2].slug, "quebec")
    meter = query_budget(10)
    small = meter.get(client, url(*slugs))
    assert meter.get(client, url(*slugs), kept=True) == 0
    values = Value.objects.count()
    grow(place, municipalities=500, indicators=3, years=3)  # in bulk: forgotten below
    assert Value.objects.count() >= 100 * values
    assert meter.get(client, url(*slugs)) == small
    assert meter.get(client, url(*slugs), kept=True) == 0
    page = client.get(url(*slugs)).text
    assert page.count('class="bar-chart"') == 4  # the four indicators, each charted
    assert ">Saint-499</option>" in page  # municipalities with values may be compared
    csv = url(*slugs, path="/portrait/comparer/telecharger/csv/")
    assert meter(lambda: b"".join(client.get(csv).streaming_content)) <= small
