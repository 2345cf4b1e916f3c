"""The demo member logs in and lands in My space: their seat, their role and its term end, their
circles; they follow the link to their circle. The demo guest lands on their workstream first.
axe-core finds no WCAG 2.2 AA violation on any page visited."""

import re
from io import StringIO

import pytest
from django.core.management import call_command
from playwright.sync_api import Page, expect

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PASSWORD = "maillage-demo-2026"


@pytest.fixture
def demo(transactional_db):
    call_command("load_region", "03", stdout=StringIO())
    call_command("load_demo", stdout=StringIO())


def log_in(page: Page, email: str) -> None:
    page.goto("/")
    page.get_by_role("link", name="Se connecter").click()
    page.get_by_label("Courriel").fill(email)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()


def test_the_demo_member_lands_in_my_space_and_reaches_their_circle(page: Page, axe, demo):
    log_in(page, "membre@demo.maillage.local")
    expect(page).to_have_url(re.compile(r"/mon-espace/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Mon espace")
    expect(page.get_by_text("Votre rôle sur la plateforme : Membre partenaire.")).to_be_visible()
    account_menu = page.get_by_role("navigation", name="Votre compte")
    expect(account_menu.get_by_role("link", name="Mon espace")).to_have_attribute(
        "aria-current", "page"
    )
    axe.check(page)

    seats = page.get_by_role("region", name="Mes sièges")
    expect(seats).to_contain_text("Titulaire pour")
    expect(seats).to_contain_text("Substituts :")
    roles = page.get_by_role("region", name="Mes rôles")
    expect(roles).to_contain_text("Secrétariat")
    expect(roles).to_contain_text("Fin du mandat le")
    groups = page.get_by_role("region", name="Mes cercles et chantiers")
    expect(groups.get_by_role("link", name="Cercle général")).to_be_visible()
    expect(page.get_by_role("region", name="Mes prochaines dates")).to_contain_text("Fin de mandat")

    groups.get_by_role("link", name="Sécurité alimentaire").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sécurité alimentaire")
    axe.check(page)

    # Back through the account menu, then in English.
    page.get_by_role("navigation", name="Votre compte").get_by_role(
        "link", name="Mon espace"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mon espace")
    page.get_by_role("link", name="English").click()
    expect(page).to_have_url(re.compile(r"/en/my-space/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("My space")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    axe.check(page)
    assert not page.console_errors, page.console_errors  # type: ignore[attr-defined]


def test_the_demo_guest_sees_their_workstream_first(page: Page, axe, demo):
    log_in(page, "invite@demo.maillage.local")
    expect(page).to_have_url(re.compile(r"/mon-espace/$"))
    first = page.locator(".my-space > section").first
    expect(first.get_by_role("heading", level=2)).to_have_text("Mes chantiers")
    expect(first.get_by_role("link")).to_have_count(1)
    expect(page.get_by_role("region", name="Mes sièges")).to_contain_text(
        "Vous ne détenez aucun siège"
    )
    axe.check(page)
    first.get_by_role("link").click()
    expect(page).to_have_url(re.compile(r"/gouvernance/chantiers/"))
    axe.check(page)
    assert not page.console_errors, page.console_errors  # type: ignore[attr-defined]
