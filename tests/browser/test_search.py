"""A visitor searches from the header of the home page with the keyboard alone: the results page
groups the site's pages and the collaboration model, and shows no person; a partner member finds
people as well, and the English page answers in English. axe-core finds no WCAG 2.2 AA
violation on any page visited."""

import re

import pytest
from playwright.sync_api import Page, expect

from maillage.core.roles import Role
from maillage.core.tests.factories import user_with_role
from maillage.governance.tests.factories import CircleFactory, housing_circle
from maillage.network.tests.factories import PersonFactory
from maillage.site.tests import factories
from tests.browser.sessions import log_in_with_the_session_of

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def housing(transactional_db):
    housing_circle()
    for n in range(7):
        CircleFactory(name=f"Habitation {n}", purpose="Des logements abordables.")
    factories.standard_page(title="Habitations du territoire", intro="Se loger en région.")
    PersonFactory(first_name="Hélène", last_name="Habitation")


def test_a_visitor_searches_from_the_header_with_the_keyboard(page: Page, axe, housing):
    page.goto("/")
    box = page.get_by_role("searchbox", name="Rechercher dans le site et la plateforme")
    box.focus()
    page.keyboard.type("habitations")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/recherche/\?q=habitations$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Recherche")
    # The words stay in both boxes.
    expect(box).to_have_value("habitations")
    expect(page.get_by_role("searchbox", name="Mots à chercher")).to_have_value("habitations")
    results = page.get_by_role("region", name=re.compile("résultats pour"))
    expect(results.get_by_role("heading", level=3)).to_have_text(
        ["Pages du site (1)", "Cercles (8)"]
    )
    expect(results.get_by_role("link", name="Habitations du territoire")).to_be_visible()
    expect(page.get_by_text("Hélène")).to_have_count(0)
    axe.check(page)

    # All the circles, by keyboard: the link, then Enter.
    page.get_by_role("link", name="Voir les 8 résultats : cercles").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=2)).to_have_text(
        "Cercles : 8 résultats pour « habitations »"
    )
    expect(page.locator(".search-hit")).to_have_count(8)
    axe.check(page)

    page.goto("/recherche/?q=introuvable")
    expect(page.get_by_role("heading", level=2)).to_have_text("Aucun résultat pour « introuvable »")
    axe.check(page)
    assert not page.console_errors, page.console_errors  # type: ignore[attr-defined]


def test_a_member_finds_people_and_the_english_page_answers_in_english(
    page: Page, axe, live_server, housing
):
    log_in_with_the_session_of(page, user_with_role(Role.MEMBER), live_server)
    page.goto("/recherche/?q=helene")
    person = page.get_by_role("region", name="Personnes")
    expect(person.get_by_role("link", name="Hélène Habitation")).to_be_visible()
    axe.check(page)

    page.get_by_role("link", name="English").click()
    expect(page).to_have_url(re.compile(r"/en/search/\?q=helene$"))
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=3)).to_have_text(["People (1)"])
    axe.check(page)
