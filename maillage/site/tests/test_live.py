"""Live blocks show the platform's data as it is when the page is shown."""

import re

import pytest
from django.test import RequestFactory

from maillage.network.tests.factories import OrganizationFactory, sector
from maillage.site import live
from maillage.site.tests import factories
from maillage.territories.tests.factories import MrcFactory, RegionFactory

pytestmark = pytest.mark.django_db


def page_with(source: str):
    return factories.standard_page(
        body=[{"type": "live", "value": {"source": source, "heading": ""}}]
    )


def test_the_territory_block_follows_a_population_change(client, settings):
    region = RegionFactory(code=settings.MAILLAGE_REGION_CODE, name="Capitale-Nationale")
    mrc = MrcFactory(parent=region, name="Portneuf", population=54321)
    page = page_with("territory")
    # Any space between thousands: the separator depends on the language.
    assert re.search(r"54\s321", client.get(page.url).text)
    mrc.population = 60123
    mrc.save()
    html = client.get(page.url).text
    assert re.search(r"60\s123", html)
    assert not re.search(r"54\s321", html)


def test_the_partners_block_shows_names_and_sectors_and_follows_changes(client):
    organization = OrganizationFactory(
        name="Entraide Témoin",
        email="accueil@entraide.example.org",
        sectors=[sector("communautaire")],
    )
    page = page_with("partners")
    html = client.get(page.url).text
    assert "Entraide Témoin" in html
    assert 'Communautaire <span class="meta">(1)</span>' in html
    assert "accueil@entraide.example.org" not in html  # contact details are for members
    organization.name = "Entraide Renommée"
    organization.save()
    assert "Entraide Renommée" in client.get(page.url).text


def test_the_structure_block_follows_a_new_circle(client):
    from maillage.governance.tests.factories import CircleFactory, general_circle

    general_circle()
    page = page_with("structure")
    assert "Cercle de la sécurité alimentaire" not in client.get(page.url).text
    CircleFactory(name="Cercle de la sécurité alimentaire")
    html = client.get(page.url).text
    assert "Cercle de la sécurité alimentaire" in html


def test_the_structure_block_follows_a_renamed_circle_and_never_shows_holders(client):
    from dataclasses import replace

    from maillage.governance import services
    from maillage.governance.models import RoleKind
    from maillage.governance.tests.factories import PersonFactory, general_circle

    general = general_circle()
    circle = services.circle_create(
        actor=services.SYSTEM, data=services.CircleData(name="Habitation", parent=general)
    )
    page = page_with("structure")
    assert "Habitation" in client.get(page.url).text
    services.circle_amend(
        actor=services.SYSTEM,
        circle=circle,
        data=replace(services.circle_data_of(circle), name="Logement abordable"),
    )
    lead = circle.roles.get(kind=RoleKind.LEAD, archived_at__isnull=True)
    services.role_assign(
        actor=services.SYSTEM,
        role=lead,
        person=PersonFactory(first_name="Gaspard", last_name="Mousseau"),
    )
    html = client.get(page.url).text
    assert "Logement abordable" in html and "Habitation" not in html
    assert "Mousseau" not in html  # the public site shows the structure, not its people


def test_a_new_live_block_plugs_in_with_one_registration(client):
    live.register(
        "test-calls",
        label="Appels de projets ouverts",
        heading="Appels ouverts",
        template="site/tests/live_calls.html",
        data=lambda request: {"calls": ["Appel 2027"]},
    )
    try:
        assert ("test-calls", "Appels de projets ouverts") in live.choices()
        page = page_with("test-calls")
        html = client.get(page.url).text
        assert "Appels ouverts" in html
        assert "Appel 2027" in html
    finally:
        live.unregister("test-calls")
    # A page that names a block no longer registered shows nothing rather than failing.
    assert client.get(page.url).status_code == 200


def test_a_block_without_data_renders_nothing():
    live.register(
        "test-empty",
        label="x",
        heading="x",
        template="site/tests/live_calls.html",
        data=lambda r: None,
    )
    try:
        request = RequestFactory().get("/")
        assert live.render("test-empty", context={"request": request}) == ""
    finally:
        live.unregister("test-empty")


def test_the_partners_block_names_a_few_per_sector_and_links_to_the_rest(client):
    from maillage.site.live_blocks import PARTNERS_PER_SECTOR

    names = [f"Partenaire {n:02d}" for n in range(PARTNERS_PER_SECTOR + 3)]
    for name in names:
        OrganizationFactory(name=name, sectors=[sector("communautaire"), sector("municipal")])
    OrganizationFactory(name="Ancien partenaire", status="former", sectors=[sector("municipal")])
    html = client.get(page_with("partners").url).text
    total = PARTNERS_PER_SECTOR + 3
    assert f'Communautaire <span class="meta">({total})</span>' in html
    assert names[PARTNERS_PER_SECTOR - 1] in html and names[PARTNERS_PER_SECTOR] not in html
    assert "Ancien partenaire" not in html
    assert f"{total} organisations partenaires" in html
    assert 'href="/repertoire/?sector=communautaire&amp;status=partner"' in html
    assert f"Les {total} partenaires du secteur" in html


def test_cached_blocks_read_nothing_until_a_change(django_assert_num_queries, settings):
    region = RegionFactory(code=settings.MAILLAGE_REGION_CODE, name="Capitale-Nationale")
    MrcFactory(parent=region, name="Portneuf")
    organization = OrganizationFactory(name="Entraide Témoin", sectors=[sector("communautaire")])
    context = {"request": RequestFactory().get("/")}
    first = {key: live.render(key, context=context) for key in ("territory", "partners")}
    with django_assert_num_queries(0):
        for key, html in first.items():
            assert live.render(key, context=context) == html
    # A many-to-many change (a sector added to an organization) reaches the partners at once.
    organization.sectors.add(sector("education"))
    assert "Scolaire et éducation" in live.render("partners", context=context)
    MrcFactory(parent=region, name="Charlevoix")
    assert "Charlevoix" in live.render("territory", context=context)
