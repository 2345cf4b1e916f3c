"""A partner member logs in, filters the directory by MRC, opens an organization and switches to
English; axe-core finds no WCAG 2.2 AA violation on any page visited."""

import re
from io import StringIO

import pytest
from django.core.management import call_command
from playwright.sync_api import Page, expect

from maillage.network.models import Organization

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def demo(transactional_db):
    call_command("load_region", "03", stdout=StringIO())
    call_command("load_demo", stdout=StringIO())


def test_member_browses_the_directory_by_mrc_and_switches_to_english(page: Page, axe, demo):
    page.goto("/")
    expect(page.locator("html")).to_have_attribute("lang", "fr-CA")
    axe.check(page)

    page.get_by_role("link", name="Se connecter").click()
    axe.check(page)
    page.get_by_label("Courriel").fill("membre@demo.maillage.local")
    page.get_by_label("Mot de passe").fill("maillage-demo-2026")
    page.locator("main form button[type=submit]").click()
    expect(page.get_by_role("link", name="membre@demo.maillage.local")).to_be_visible()

    page.get_by_role("navigation", name="Navigation principale").get_by_role(
        "link", name="Réseau des partenaires"
    ).click()
    axe.check(page)
    page.get_by_label("Territoire desservi").select_option("charlevoix")
    page.get_by_role("button", name="Appliquer les filtres").click()
    expect(page).to_have_url(re.compile(r"territory=charlevoix"))
    axe.check(page)

    in_charlevoix = Organization.objects.filter(territories__parent__slug="charlevoix").first()
    elsewhere = Organization.objects.filter(territories__slug="portneuf").first()
    assert in_charlevoix is not None and elsewhere is not None
    results = page.locator("main")
    expect(results.get_by_role("link", name=in_charlevoix.name)).to_be_visible()
    expect(results.get_by_role("link", name=elsewhere.name)).to_have_count(0)

    results.get_by_role("link", name=in_charlevoix.name).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(in_charlevoix.name)
    axe.check(page)

    page.get_by_role("link", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page).to_have_url(re.compile(r"/en/directory/organizations/"))
    expect(page.get_by_role("heading", level=1)).to_contain_text(in_charlevoix.name)
    main_nav = page.get_by_role("navigation", name="Main navigation")
    expect(main_nav.get_by_role("link", name="Partner network")).to_be_visible()
    axe.check(page)
    assert not page.console_errors, page.console_errors  # type: ignore[attr-defined]
