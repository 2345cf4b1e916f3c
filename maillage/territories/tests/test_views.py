"""The territory pages: tree, map with its table, fallback list, detail, panels, query budgets."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from maillage.core.permissions import SYSTEM
from maillage.territories import panels
from maillage.territories.models import Territory, TerritoryType
from maillage.territories.services import boundaries_import
from maillage.territories.tests.factories import (
    BoundaryFactory,
    MrcFactory,
    MunicipalityFactory,
    RegionFactory,
    square,
)

pytestmark = pytest.mark.django_db

INDEX = reverse("territories:index")
ENGLISH_INDEX = "/en/territories/"


def svg_of(html: str) -> str:
    match = re.search(r"<svg.*?</svg>", html, re.S)
    assert match, "no SVG map on the page"
    return match.group(0)


@pytest.fixture
def region03_with_boundaries(region03, region03_file):
    boundaries_import(actor=SYSTEM, data=region03_file.read_bytes(), source=region03_file.name)
    return region03


def test_index_without_data_explains_how_to_load(client):
    response = client.get(INDEX)
    assert response.status_code == 200
    assert "load_region" in response.content.decode()


def test_index_lists_the_tree_in_french(client, region03):
    response = client.get(INDEX)
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="fr-CA">' in html
    assert "Notre territoire : Capitale-Nationale" in html
    assert "Tous les territoires" in html
    # Nested lists: Québec › region › MRCs › municipalities, with populations.
    tree = html.split('class="tree"', 1)[1].split("</section>", 1)[0]
    assert tree.count("<ul") == 1 + 1 + 1 + 7
    for slug in ("quebec", "capitale-nationale", "portneuf", "quebec-2423", "wendake"):
        assert f'href="/territoires/{slug}/"' in tree
    assert "588\u00a0777" in tree or "588 777" in tree or "588\u202f777" in tree


def test_index_without_boundaries_falls_back_to_a_list(client, region03):
    html = client.get(INDEX).content.decode()
    assert "<svg" not in html
    assert "Aucune limite n’a encore été importée" in html
    fallback = html.split('class="plain-list territory-list"', 1)[1].split("</ul>", 1)[0]
    assert fallback.count("<li>") == 7


def test_index_shows_the_region_map_after_import(client, region03_with_boundaries):
    html = client.get(INDEX).content.decode()
    svg = svg_of(html)
    assert svg.count("<a href=") == 7
    assert svg.count("<path") == 7
    assert 'role="img"' not in svg
    assert 'aria-label="Portneuf : 55\u00a0523 habitants (2021)"' in svg or "Portneuf : 55" in svg
    assert re.search(r'class="fill-[1-5]"', svg)
    # The accessible table beside the map gives the same data.
    table = html.split('class="map-table"', 1)[1].split("</table>", 1)[0]
    assert "<caption>" in table
    assert table.count('<th scope="row">') == 7
    assert '<th scope="col"' in table
    # The legend has five population classes.
    legend = html.split('class="map-legend"', 1)[1].split("</ul>", 1)[0]
    assert legend.count("swatch fill-") == 5


def test_detail_page_of_an_mrc(client, region03_with_boundaries):
    portneuf = Territory.objects.get(type=TerritoryType.MRC, code="2434")
    response = client.get(portneuf.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Portneuf</h1>" in html
    assert "Municipalité régionale de comté (MRC)" in html
    assert "Code officiel" in html and "2434" in html
    assert "Supralocal (MRC)" in html
    assert "55\u00a0523" in html or "55 523" in html or "55\u202f523" in html
    # Breadcrumbs up to Québec.
    crumbs = html.split('class="breadcrumbs"', 1)[1].split("</nav>", 1)[0]
    assert 'href="/territoires/quebec/"' in crumbs
    assert 'href="/territoires/capitale-nationale/"' in crumbs
    assert 'aria-current="page">Portneuf' in crumbs
    # Its 21 municipalities in a table.
    assert "21 territoires" in html
    assert html.count('href="/territoires/portneuf-2434048/"') == 1
    # Its place among the region's territories, highlighted.
    svg = svg_of(html)
    assert svg.count("<a href=") == 7
    assert svg.count('aria-current="page"') == 1


def test_detail_page_of_the_region_maps_its_mrcs(client, region03_with_boundaries):
    html = client.get(region03_with_boundaries.get_absolute_url()).content.decode()
    assert svg_of(html).count("<a href=") == 7
    assert "Subdivisions" in html  # each MRC's count of municipalities


def test_detail_page_of_a_municipality_has_no_map(client, region03_with_boundaries):
    wendake = Territory.objects.get(code="2423802")
    html = client.get(wendake.get_absolute_url()).content.decode()
    assert "Réserve des Premières Nations" in html
    assert "2\u00a0257" in html or "2 257" in html or "2\u202f257" in html
    assert "<svg" not in html
    assert 'href="/territoires/quebec-2423/"' in html


def test_detail_page_is_404_for_an_unknown_slug(client, db):
    response = client.get(reverse("territories:detail", kwargs={"slug": "atlantide"}))
    assert response.status_code == 404


def test_english_pages(client, region03):
    html = client.get(ENGLISH_INDEX).content.decode()
    assert "Our territory: Capitale-Nationale" in html


def test_panels_add_sections_to_the_territory_page(client, region03):
    def panel(territory, request):
        if territory.type != TerritoryType.REGION:
            return None
        return {"template": "territories/tests/panel.html", "context": {"greeting": "Bonjour"}}

    panels.register(panel)
    try:
        html = client.get(region03.get_absolute_url()).content.decode()
        assert "Bonjour Capitale-Nationale" in html
        portneuf = Territory.objects.get(type=TerritoryType.MRC, code="2434")
        html = client.get(portneuf.get_absolute_url()).content.decode()
        assert "Bonjour" not in html
    finally:
        panels.unregister(panel)
    assert panel not in panels.registered()


# -- query budgets ---------------------------------------------------------------------------------


def build_region(mrcs: int, municipalities: int) -> Territory:
    """A region with `mrcs` outlined MRCs of `municipalities` municipalities each."""
    region = RegionFactory()
    for i in range(mrcs):
        mrc = MrcFactory(parent=region)
        BoundaryFactory(territory=mrc, geometry=square(-72 + 0.2 * i, 46.5 + 0.1 * (i % 3)))
        MunicipalityFactory.create_batch(municipalities, parent=mrc)
    return region


def page_queries(meter, client, region: Territory) -> tuple[int, int, int, int]:
    mrc = region.children.order_by("pk").first()
    assert mrc is not None
    municipality = mrc.children.order_by("pk").first()
    assert municipality is not None
    return (
        meter.get(client, INDEX),
        meter.get(client, region.get_absolute_url()),
        meter.get(client, mrc.get_absolute_url()),
        meter.get(client, municipality.get_absolute_url()),
    )


@pytest.fixture
def counting_panel():
    """A panel that runs one query, as a real one (organizations serving the territory) would."""

    def panel(territory, request):
        return {
            "template": "territories/tests/panel.html",
            "context": {"greeting": Territory.objects.filter(parent=territory).count()},
        }

    panels.register(panel)
    yield panel
    panels.unregister(panel)


def test_query_count_does_not_grow_with_the_data(client, counting_panel, query_budget):
    # The page, its panels (governance: 4, network: 2, portrait: 1, planning: 2, funding: 1,
    # this one: 1).
    meter = query_budget(16)
    region = build_region(mrcs=2, municipalities=2)
    small = page_queries(meter, client, region)
    build_region(mrcs=18, municipalities=15)  # the same region (one per code), more children
    assert region.children.count() == 20
    large = page_queries(meter, client, region)
    assert small == large


def test_index_budget_with_many_territories(client, django_assert_num_queries, db):
    # Other regions sort before the home region: finding it must not load anything lazily.
    for code, name in (("01", "Bas-Saint-Laurent"), ("02", "Abitibi")):
        other = RegionFactory(code=code, name=name, slug=name.lower())
        MrcFactory.create_batch(3, parent=other)
    build_region(mrcs=25, municipalities=20)
    with django_assert_num_queries(2):  # the tree, the region's outlines
        html = client.get(INDEX).content.decode()
    assert svg_of(html).count("<a href=") == 25
    with django_assert_num_queries(0):  # then cached until a territory or outline changes
        assert svg_of(client.get(INDEX).content.decode()) == svg_of(html)


def test_cached_map_and_tree_show_a_change_at_once(client, region03_with_boundaries):
    portneuf = Territory.objects.get(slug="portneuf")
    region_page = reverse("territories:detail", args=["capitale-nationale"])
    assert "Portneuf" in client.get(INDEX).content.decode()
    assert "Portneuf" in svg_of(client.get(region_page).content.decode())
    portneuf.name = "Portneuf-sur-Mer"
    portneuf.population = 123_456
    portneuf.save()
    index_html = client.get(INDEX).content.decode()
    assert "Portneuf-sur-Mer" in index_html
    assert "Portneuf-sur-Mer" in svg_of(index_html)
    assert "Portneuf-sur-Mer" in svg_of(client.get(region_page).content.decode())
    # A removed outline leaves the map at once too.
    portneuf.boundary.delete()
    assert "Portneuf-sur-Mer" not in svg_of(client.get(region_page).content.decode())


def test_cached_pages_keep_each_language_apart(client, region03):
    assert "Tous les territoires" in client.get(INDEX).content.decode()
    english = client.get(ENGLISH_INDEX).content.decode()
    assert "All territories" in english
    assert "Tous les territoires" not in english
