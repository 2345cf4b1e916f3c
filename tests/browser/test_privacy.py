"""A citizen reads "my data", downloads it and asks for deletion; the person in charge completes
the request from the queue; axe-core finds no WCAG 2.2 AA violation on any of the pages."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from maillage.core.models import User
from maillage.core.roles import Role
from maillage.core.tests.factories import user_with_role
from maillage.privacy.models import Request
from tests.browser.sessions import log_in_with_the_session_of

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_a_citizen_downloads_their_data_and_asks_for_deletion_which_an_admin_completes(
    page: Page, live_server, axe, browser
):
    citizen = user_with_role(Role.CITIZEN, first_name="Noémie", last_name="Paradis")
    admin = user_with_role(Role.ADMIN, first_name="Lucie", last_name="Gauthier")

    log_in_with_the_session_of(page, citizen, live_server)
    page.goto(live_server.url + "/mon-espace/")
    page.get_by_role("link", name="Mes données").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mes données")
    axe.check(page)
    page.get_by_role("link", name="Votre compte", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Votre compte")
    expect(page.get_by_role("cell", name="Noémie", exact=True)).to_be_visible()
    axe.check(page)
    page.get_by_role("link", name="Retour à mes données").click()
    page.get_by_role("button", name="Obtenir une copie de mes données (ZIP : JSON et CSV)").click()
    expect(page.get_by_text("Votre copie est en préparation.")).to_be_visible()
    axe.check(page)
    with page.expect_download() as zipped:
        page.get_by_role("link", name="Télécharger Fichier ZIP (JSON et CSV)").click()
    assert zipped.value.suggested_filename.endswith(".zip")
    page.get_by_role("button", name="Obtenir une copie lisible (PDF)").click()
    with page.expect_download() as printed:
        page.get_by_role("link", name="Télécharger Copie lisible (PDF)").click()
    assert printed.value.suggested_filename.endswith(".pdf")

    page.get_by_role("link", name="Faire une demande (accès, rectification, suppression)").click()
    axe.check(page)
    page.get_by_label("Suppression de mes renseignements").check()
    page.get_by_label(
        "Retirer aussi les textes que j’ai écrits (commentaires, propositions)"
    ).check()
    page.get_by_role("button", name="Envoyer ma demande").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(
        "Suppression de mes renseignements"
    )
    axe.check(page)
    item = Request.objects.get(account=citizen)
    assert item.remove_texts

    staff_context = browser.new_context(base_url=live_server.url, locale="fr-CA")
    staff_page = staff_context.new_page()
    log_in_with_the_session_of(staff_page, admin, live_server)
    staff_page.goto(live_server.url + "/confidentialite/demandes/")
    expect(staff_page.get_by_role("heading", level=1)).to_have_text(
        "Demandes relatives aux renseignements personnels"
    )
    expect(staff_page.get_by_text("30 jours restants")).to_be_visible()
    axe.check(staff_page)
    staff_page.get_by_role(
        "link", name=f"Demande n° {item.pk} · Suppression de mes renseignements"
    ).click()
    axe.check(staff_page)
    staff_page.get_by_role("button", name="Commencer le traitement").click()
    staff_page.get_by_role("button", name="La marquer complétée").click()
    expect(staff_page.get_by_text("Complétée", exact=True)).to_be_visible()
    axe.check(staff_page)
    staff_context.close()

    citizen = User.objects.get(pk=citizen.pk)
    assert citizen.get_full_name() == "Personne anonymisée 1"
    assert not citizen.is_active
