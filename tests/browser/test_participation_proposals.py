"""On a phone, a citizen signs up from a consultation's proposals, confirms the address from the
e-mail, makes a proposal, supports another one and comments on it. axe-core finds no WCAG 2.2 AA
violation on any page visited."""

import re

import pytest
from django.core import mail
from playwright.sync_api import Page, expect

from maillage.core.tests.factories import PASSWORD
from maillage.participation.models import Proposal, Support
from maillage.participation.tests.factories import ConsultationFactory, ProposalFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PHONE = {"width": 375, "height": 740}


def test_a_citizen_signs_up_proposes_supports_and_comments_on_a_phone(
    browser, live_server, axe, transactional_db
):
    consultation = ConsultationFactory.create(
        slug="se-loger", title_fr="Se loger dignement (fictif)"
    )
    other = ProposalFactory.create(
        consultation=consultation, title="Une halte-chaleur par quartier", display_name="Voisine"
    )
    list_url = f"/participation/consultations/{consultation.slug}/propositions/"
    context = browser.new_context(base_url=live_server.url, locale="fr-CA", viewport=PHONE)
    page: Page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))

    page.goto(list_url)
    expect(page.get_by_role("heading", level=1)).to_have_text("Se loger dignement (fictif)")
    axe.check(page)

    page.goto(f"/comptes/signup/?next={list_url}")
    axe.check(page)
    page.locator("#id_first_name").fill("Rose")
    page.locator("#id_last_name").fill("Tremblay")
    page.locator("#id_email").fill("rose.tremblay@exemple.org")
    page.locator("#id_password1").fill(PASSWORD)
    page.locator("#id_password2").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    found = re.search(r"http://\S+/comptes/confirm-email/\S+", mail.outbox[-1].body)
    assert found is not None
    page.goto(found[0])
    axe.check(page)
    page.locator("main form button[type=submit]").click()

    page.goto(list_url)
    page.get_by_role("link", name="Faire une proposition").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Faire une proposition")
    expect(page.get_by_label("Nom affiché")).to_have_value("Rose Tremblay")
    axe.check(page)
    page.get_by_label("Titre de votre proposition").fill("Un marché de quartier")
    page.locator("#id_text").fill("Des kiosques de fruits et légumes à bon prix.")
    page.get_by_role("button", name="Publier ma proposition").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Un marché de quartier")
    expect(page.get_by_text("Votre proposition est publiée")).to_be_visible()
    axe.check(page)

    page.goto(f"/participation/propositions/{other.pk}/")
    page.get_by_role("button", name="J’appuie cette proposition").click()
    expect(page.get_by_text("Vous appuyez cette proposition.")).to_be_visible()
    expect(page.locator("#support-title")).to_have_text("1 personne appuie cette proposition")
    axe.check(page)
    page.get_by_label("Votre commentaire").fill("Bonne idée, j’en parlerai au comité.")
    page.get_by_role("button", name="Publier mon commentaire").click()
    expect(page.get_by_text("Merci! Votre commentaire est publié.")).to_be_visible()
    expect(page.locator(".comment-list")).to_contain_text("Bonne idée")
    axe.check(page)

    assert Proposal.objects.filter(title="Un marché de quartier", display_name="Rose Tremblay")
    assert Support.objects.filter(proposal=other).count() == 1
    assert not errors, errors
    context.close()
