"""One search: the site's pages and the platform's circles, workstreams, policies, organizations
and people on one page, grouped by kind, each as the viewer may see it."""

import re

import pytest

from maillage.core.roles import ANONYMOUS, Role
from maillage.governance.tests.factories import (
    CircleFactory,
    PolicyFactory,
    WorkstreamFactory,
    housing_circle,
)
from maillage.network.tests.factories import FunctionFactory, OrganizationFactory, PersonFactory
from maillage.site.tests import factories

pytestmark = pytest.mark.django_db


def headings(html: str) -> list[str]:
    """The kinds of result shown, in order."""
    return re.findall(r'<h3 id="search-[a-z]+">([^<]+) <span', html)


def results(html: str) -> list[str]:
    return re.findall(r'<li class="search-hit"><a href="[^"]*">([^<]+)</a>', html)


def everything_about_housing() -> None:
    factories.standard_page(title="Habitations du territoire", intro="Se loger en région.")
    housing_circle()
    WorkstreamFactory(name="Chantier habitation Charlevoix", mandate="Recenser.")
    PolicyFactory(title="Politique d'habitation interne", text="Réservée aux membres.")
    OrganizationFactory(name="Comité logement", description="Défense du droit à l'habitation.")
    PersonFactory(first_name="Habitation", last_name="Tremblay")


def test_one_search_groups_every_kind_in_order(client_as):
    everything_about_housing()
    html = client_as(Role.STAFF).get("/recherche/", {"q": "habitation"}).text
    assert headings(html) == [
        "Pages du site",
        "Cercles",
        "Chantiers",
        "Politiques",
        "Organisations",
        "Personnes",
    ]
    assert results(html) == [
        "Habitations du territoire",
        "Habitation",
        "Chantier habitation Charlevoix",
        "Politique d&#x27;habitation interne",
        "Comité logement",
        "Habitation Tremblay",
    ]
    assert "6 résultats pour « habitation »" in html


@pytest.mark.parametrize("role", [ANONYMOUS, Role.CITIZEN, Role.GUEST])
def test_a_visitor_never_finds_a_person_or_an_internal_policy(client_as, role):
    everything_about_housing()
    html = client_as(role).get("/recherche/", {"q": "habitation"}).text
    assert headings(html) == ["Pages du site", "Cercles", "Chantiers", "Organisations"]
    assert "Tremblay" not in html
    assert "interne" not in html
    # Not even in the count.
    assert "4 résultats pour « habitation »" in html


def test_a_member_finds_people_and_policies(member_client):
    everything_about_housing()
    html = member_client.get("/recherche/", {"q": "tremblay"}).text
    assert results(html) == ["Habitation Tremblay"]
    assert (
        "Politique d&#x27;habitation interne"
        in member_client.get("/recherche/", {"q": "interne"}).text
    )


def test_singular_finds_plural_and_accents_are_ignored_on_every_kind(client):
    factories.standard_page(title="Chantiers régionaux", intro="Les priorités.")
    CircleFactory(name="Sécurité alimentaire", purpose="Des jardins collectifs.")
    OrganizationFactory(name="Ateliers d'économie sociale")
    html = client.get("/recherche/", {"q": "chantier regional"}).text
    assert results(html) == ["Chantiers régionaux"]
    assert results(client.get("/recherche/", {"q": "SECURITE jardin"}).text) == [
        "Sécurité alimentaire"
    ]
    assert results(client.get("/recherche/", {"q": "atelier économies sociaux"}).text) == [
        "Ateliers d&#x27;économie sociale"
    ]


def test_a_kind_has_its_own_pages_of_results(client):
    for n in range(25):
        CircleFactory(name=f"Habitation {n:02}")
    html = client.get("/recherche/", {"q": "habitation"}).text
    assert results(html) == [f"Habitation {n:02}" for n in range(5)]
    link = '<a href="?q=habitation&amp;type=circles">Voir les 25 résultats : cercles</a>'
    assert link in html

    first = client.get("/recherche/", {"q": "habitation", "type": "circles"}).text
    assert "Cercles : 25 résultats pour « habitation »" in first
    assert results(first) == [f"Habitation {n:02}" for n in range(20)]
    assert '<input type="hidden" name="type" value="circles">' in first
    assert '<a href="?q=habitation">Tous les types de résultats</a>' in first
    second = client.get("/recherche/", {"q": "habitation", "type": "circles", "page": "2"}).text
    assert results(second) == [f"Habitation {n:02}" for n in range(20, 25)]
    assert 'start="21"' in second


@pytest.mark.parametrize("kind", ["people", "policies", "inconnu", "x" * 500])
def test_a_kind_the_viewer_may_not_see_shows_every_kind_they_may(client, kind):
    PersonFactory(first_name="Habitation")
    CircleFactory(name="Habitation")
    response = client.get("/recherche/", {"q": "habitation", "type": kind})
    assert response.status_code == 200
    assert headings(response.text) == ["Cercles"]


def test_the_words_searched_stay_in_both_boxes(client):
    html = client.get("/recherche/", {"q": "jardins « collectifs »"}).text
    assert html.count('value="jardins « collectifs »"') == 2
    assert 'id="header-search-q"' in html
    assert 'id="site-search-q"' in html


def test_no_result_says_why_and_what_to_try(client):
    html = client.get("/recherche/", {"q": "zzzz"}).text
    assert "Aucun résultat pour « zzzz »" in html
    assert "essayez un mot plus court" in html
    assert "Les personnes du réseau et les politiques" in html
    assert "Tapez au moins un mot" not in html
    assert "Tapez au moins un mot" in client.get("/recherche/", {"q": "le des"}).text


def test_a_member_is_not_told_that_people_are_hidden(member_client):
    html = member_client.get("/recherche/", {"q": "zzzz"}).text
    assert "Aucun résultat pour « zzzz »" in html
    assert "Les personnes du réseau et les politiques" not in html


def test_the_page_without_words_shows_the_box_only(client):
    html = client.get("/recherche/").text
    assert "<h1" in html
    assert 'id="search-results"' not in html


@pytest.mark.parametrize(
    ("url", "action"),
    [
        ("/", "/recherche/"),
        ("/territoires/", "/recherche/"),
        ("/gouvernance/", "/recherche/"),
        ("/repertoire/", "/recherche/"),
        ("/en/governance/", "/en/search/"),
    ],
)
def test_every_page_has_the_search_box_in_its_header(client, url, action):
    factories.home()
    html = client.get(url).text
    header = html.split('<header class="site-header">', 1)[1].split("</header>", 1)[0]
    assert f'role="search" method="get" action="{action}"' in header
    assert '<label for="header-search-q" class="visually-hidden">' in header
    assert 'name="q" value=""' in header


def test_the_results_of_a_query_are_in_english_on_the_english_page(client):
    CircleFactory(name="Habitation")
    html = client.get("/en/search/", {"q": "habitation"}).text
    assert headings(html) == ["Circles"]
    assert "1 result for “habitation”" in html


def grow(count: int, first: int) -> None:
    for n in range(first, first + count):
        factories.standard_page(title=f"Habitation {n}")
        CircleFactory(name=f"Habitation {n}")
        WorkstreamFactory(name=f"Habitation {n}")
        PolicyFactory(title=f"Habitation {n}")
        OrganizationFactory(name=f"Habitation {n}")
        FunctionFactory(person=PersonFactory(last_name=f"Habitation{n}"))


@pytest.mark.parametrize("role", [ANONYMOUS, Role.STAFF])
def test_the_search_page_keeps_its_query_count_as_the_data_grows(client_as, query_budget, role):
    client = client_as(role)
    # Staff: the privacy menu entry (is this the person in charge?) and the page's note of the
    # impact assessments covering the site, one query each.
    meter = query_budget(24)
    grow(2, first=0)
    overview_small = meter.get(client, "/recherche/?q=habitation")
    kind_small = meter.get(client, "/recherche/?q=habitation&type=circles")
    grow(30, first=2)
    overview_large = meter.get(client, "/recherche/?q=habitation")
    kind_large = meter.get(client, "/recherche/?q=habitation&type=circles&page=2")
    assert overview_large == overview_small
    assert kind_large == kind_small


def test_pages_in_a_private_section_are_never_found_and_sections_come_first(client):
    from wagtail.models import PageViewRestriction

    news = factories.news_index(title="Nouvelles")
    factories.news_article(news, title="Habitation : bilan de l’année")
    section = factories.standard_page(title="Habitation en région", intro="Se loger.")
    private = factories.standard_page(title="Coulisses", intro="Réservé.")
    factories.standard_page(parent=private, title="Habitation : notes internes", intro="Interne.")
    found = results(client.get("/recherche/", {"q": "habitation"}).text)
    assert found == [section.title, "Habitation : bilan de l’année", "Habitation : notes internes"]
    # A section made private afterwards hides its pages at once.
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    found = results(client.get("/recherche/", {"q": "habitation"}).text)
    assert found == [section.title, "Habitation : bilan de l’année"]
