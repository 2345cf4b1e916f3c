"""An indicator's page, its downloads and the live block keep their query counts when the
values and the territories grow a hundredfold (municipalities with values, more years and
indicators), and kept."""

from __future__ import annotations

import pytest

from maillage.portrait.models import Value
from maillage.portrait.tests.maps_helpers import grow, region_with_values
from maillage.territories.models import Territory

pytestmark = pytest.mark.django_db
URL = "/portrait/indicateurs/taux_test/"


def test_the_indicator_page_keeps_its_queries_at_100_times_the_values(client, query_budget):
    place = region_with_values([3, 4, None, 6, 7])
    meter = query_budget(12)
    small = meter.get(client, URL)
    assert meter.get(client, URL, kept=True) == 1
    values, territories = Value.objects.count(), Territory.objects.count()
    grow(place, municipalities=500)
    assert Value.objects.count() >= 100 * values
    assert Territory.objects.count() >= 50 * territories
    assert meter.get(client, URL) == small
    assert meter.get(client, f"{URL}?annee=2011") == small
    # Kept, the page reads only the indicator it is allowed to show.
    assert meter.get(client, URL, kept=True) == 1
    assert meter.get(client, f"{URL}?annee=2011", kept=True) == 1


def test_the_downloads_keep_their_queries(client, query_budget):
    place = region_with_values([3, 4, None, 6, 7])
    meter = query_budget(12)
    small = meter(lambda: b"".join(client.get(f"{URL}telecharger/csv/").streaming_content))
    grow(place, municipalities=500)
    assert meter(lambda: b"".join(client.get(f"{URL}telecharger/csv/").streaming_content)) == (
        small
    )
