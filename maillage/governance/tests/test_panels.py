import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from maillage.governance.tests.factories import CircleFactory, WorkstreamFactory
from maillage.network.tests.factories import mrc, municipality, region

pytestmark = pytest.mark.django_db


def test_a_territory_page_lists_the_circles_and_workstreams_working_there(client):
    home = region()
    charlevoix = mrc("2416", "Charlevoix", parent=home)
    portneuf = mrc("2434", "Portneuf", parent=home)
    baie = municipality("2416013", "Baie-Saint-Paul", parent=charlevoix)
    food = CircleFactory(name="Sécurité alimentaire")
    food.territories.set([baie])
    transport = WorkstreamFactory(name="Navette de Charlevoix")
    transport.territories.set([charlevoix])
    elsewhere = CircleFactory(name="Cercle de Portneuf")
    elsewhere.territories.set([portneuf])
    closed = CircleFactory(name="Cercle fermé", archived_at=timezone.now())
    closed.territories.set([charlevoix])

    page = client.get(charlevoix.get_absolute_url()).text
    assert "Cercles et chantiers qui y travaillent" in page
    assert "Sécurité alimentaire" in page and "Navette de Charlevoix" in page
    assert "Cercle de Portneuf" not in page and "Cercle fermé" not in page
    # The region holds them all; a municipality only its own.
    assert "Cercle de Portneuf" in client.get(home.get_absolute_url()).text
    town = client.get(baie.get_absolute_url()).text
    assert "Sécurité alimentaire" in town and "Navette de Charlevoix" not in town


def test_the_panel_keeps_its_query_count_as_the_structure_grows(
    client, django_assert_max_num_queries
):
    charlevoix = mrc("2416", "Charlevoix", parent=region())
    url = charlevoix.get_absolute_url()

    def grow(count):
        for index in range(count):
            CircleFactory(name=f"Cercle {index}").territories.set([charlevoix])
            WorkstreamFactory(name=f"Chantier {index}").territories.set([charlevoix])

    grow(2)
    client.get(url)
    cache.clear()  # measure the panels as built, not as kept
    with CaptureQueriesContext(connection) as small:
        client.get(url)
    small_count = len(small)  # now: the next request empties the log it reads
    grow(30)  # and the new circles show at once: every change bumps the kept panel
    assert "32 cercles" in client.get(url).text
    cache.clear()
    with django_assert_max_num_queries(small_count):
        page = client.get(url)
    assert "32 cercles" in page.text and "Tous les cercles" in page.text
