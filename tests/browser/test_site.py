"""A coordination staff member logs in with their second factor, writes and publishes a news
article in the site editor (Wagtail's admin); it appears on the home page and in the feed. axe-core
finds no WCAG 2.2 AA violation on the home page and on a standard page, in both languages."""

import re
import time
from io import StringIO

import pytest
from allauth.mfa.adapter import get_adapter
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.core.management import call_command
from playwright.sync_api import Page, expect

from maillage.core.roles import Role
from maillage.core.tests.factories import PASSWORD, user_with_role
from maillage.site import demo as site_demo
from maillage.site.models import NewsIndexPage

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def demo(transactional_db):
    """The region and the site's demo pages. The database is emptied after each test of a live
    server, so the other apps' demos may lack what their migrations seeded (sectors…); the site
    puts its own base back after each emptying."""
    call_command("load_region", "03", stdout=StringIO())
    site_demo.load(stdout=StringIO())


def totp_code(user) -> str:
    authenticator = Authenticator.objects.get(user=user, type=Authenticator.Type.TOTP)
    secret = get_adapter().decrypt(authenticator.data["secret"])
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def test_public_pages_pass_axe_in_both_languages(page: Page, axe, demo):
    for path in ["/", "/qui-sommes-nous/", "/notre-territoire/", "/en/", "/en/who-we-are/"]:
        page.goto(path)
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        axe.check(page)
    page.goto("/modele-de-collaboration/")
    page.get_by_role("link", name="English").click()
    expect(page).to_have_url(re.compile(r"/en/collaboration-model/$"))
    expect(page.locator("html")).to_have_attribute("lang", "en")
    axe.check(page)
    assert not page.console_errors, page.console_errors  # type: ignore[attr-defined]


def test_staff_publishes_a_news_article_that_reaches_the_home_page_and_the_feed(
    page: Page, axe, demo
):
    staff = user_with_role(Role.STAFF, email="redaction@exemple.org")
    page.goto("/comptes/login/")
    page.get_by_label("Courriel").fill(staff.email)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.locator("input[name=code]").fill(totp_code(staff))
    page.get_by_role("button", name="Connexion").click()
    expect(page.get_by_role("link", name=staff.email)).to_be_visible()
    axe.check(page)

    index = NewsIndexPage.objects.get(locale__language_code="fr-ca")
    page.goto(f"/edition/pages/add/site/newsarticlepage/{index.pk}/")
    page.locator("#id_title").fill("Le forum attire cent partenaires")
    page.locator("#id_intro").fill("Une journée riche en échanges, de Portneuf à Charlevoix.")
    page.locator("footer .dropdown-toggle, footer [data-w-dropdown-target='toggle']").first.click()
    page.locator("button[name=action-publish]").click()
    expect(page.locator(".messages")).to_contain_text("Le forum attire cent partenaires")

    page.goto("/")
    news = page.get_by_role("region", name="Dernières nouvelles")
    expect(news.get_by_role("link", name="Le forum attire cent partenaires")).to_be_visible()
    axe.check(page)
    feed = page.request.get(f"{index.url}rss/")
    assert feed.ok
    assert "Le forum attire cent partenaires" in feed.text()
