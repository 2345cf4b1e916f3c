"""An organization's person applies to a call for projects: starts the application, fills and
saves it, comes back to it later, adds the document the call asks for, and submits it once
the checklist is empty; staff screen it and a member of the review committee scores it on the
grid. axe-core finds no WCAG 2.2 AA violation on any page visited."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation
from playwright.sync_api import Page, expect

from maillage.core.roles import Role
from maillage.funding.models import Application
from maillage.funding.services.reviews import screening_record
from maillage.funding.tests.factories import (
    CircleFactory,
    OrganizationFactory,
    applicant_of,
    call_with_grid,
    committee_member,
    envelope,
    mrc,
    user_with_person,
)
from tests.browser.sessions import log_in_with_the_session_of

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def call_and_applicant(transactional_db, settings):
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    }
    organization = OrganizationFactory(name="Cuisines du Quartier")
    applicant = applicant_of(organization, first_name="Léa", last_name="Tremblay")
    call = call_with_grid(title="Appel de projets 2026", committee=CircleFactory())
    territory = mrc()
    return call, organization, applicant, territory


def test_an_organization_fills_saves_resumes_and_submits_an_application_a_reviewer_scores_it(
    page: Page, live_server, axe, call_and_applicant
):
    call, organization, applicant, territory = call_and_applicant
    with translation.override("fr-ca"):
        start_url = reverse("funding:application_start", args=[call.pk])
    log_in_with_the_session_of(page, applicant, live_server)

    page.goto(live_server.url + start_url)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Appel de projets 2026")
    axe.check(page)
    page.get_by_label("Organisme demandeur").select_option(label=organization.name)
    page.get_by_label("Titre du projet").fill("Cuisines collectives")
    page.get_by_role("button", name="Commencer la demande").click()

    # The form, filled in part, then saved.
    expect(page.get_by_role("heading", name="Budget : dépenses")).to_be_visible()
    axe.check(page)
    page.get_by_label("Résumé").fill("Des cuisines collectives avec les familles.")
    page.get_by_label("Montant demandé ($)").fill("18000")
    page.get_by_label("Début du projet").fill("2026-05-01")
    page.get_by_label("Fin du projet").fill("2027-03-01")
    page.get_by_label(territory.name).check()
    page.get_by_label("Besoins du milieu").fill("L'insécurité alimentaire du quartier.")
    expense = page.get_by_role("group", name="Dépense 1")
    expense.get_by_label("Catégorie").select_option(label="Matériel et fournitures")
    expense.get_by_label("Description").fill("Ustensiles")
    expense.get_by_label("Montant ($)").fill("700")
    page.get_by_role("button", name="Enregistrer", exact=True).click()
    expect(page.get_by_text("La demande est enregistrée.")).to_be_visible()
    # What is still missing is said before submitting.
    expect(page.get_by_text("La section « Participation des personnes » est vide.")).to_be_visible()
    axe.check(page)

    # Resumed later: what was typed is there.
    application = Application.objects.get()
    with translation.override("fr-ca"):
        edit_url = reverse("funding:application_edit", args=[application.pk])
    page.goto(live_server.url + edit_url)
    expect(page.get_by_label("Besoins du milieu")).to_have_value(
        "L'insécurité alimentaire du quartier."
    )
    page.get_by_label("Participation des personnes").fill("Les familles décident du menu.")
    # With JavaScript, the form saves itself a few seconds after one stops typing...
    page.wait_for_timeout(6000)
    application.refresh_from_db()
    assert application.answers["participation"] == "Les familles décident du menu."
    # ... and takes the new version, so that saving by the button is not refused as stale.
    page.get_by_role("button", name="Enregistrer", exact=True).click()
    expect(page.get_by_text("La demande est enregistrée.")).to_be_visible()

    # The document the call asks for.
    documents = page.locator("#documents")
    documents.get_by_label("Fichier").set_input_files(
        {"name": "resolution.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4\n%%EOF\n"}
    )
    asked = documents.get_by_label("Document exigé par l'appel")
    asked.select_option(label="Résolution du conseil")
    documents.get_by_role("button", name="Ajouter le document").click()
    expect(page.get_by_text("Le document est ajouté.")).to_be_visible()
    expect(page.get_by_text("Rien ne manque : la demande peut être déposée.")).to_be_visible()
    axe.check(page)

    page.get_by_role("button", name="Enregistrer et passer au dépôt").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Déposer")
    axe.check(page)
    page.get_by_role("button", name="Déposer la demande").click()
    expect(page.get_by_text("La demande est déposée. Merci!")).to_be_visible()
    expect(page.get_by_text("Déposée", exact=True)).to_be_visible()
    axe.check(page)

    application.refresh_from_db()
    assert application.state == "submitted"
    assert application.revision == 1
    assert application.attachments.count() == 1

    # Screened and sent to the committee; one of its members scores it on the grid.
    staff = user_with_person(Role.STAFF)
    found = envelope(amount="50000.00", fund=call.fund)
    call.envelopes.add(found)
    screening_record(
        actor=staff,
        application=application,
        checks=[{"key": "territoire", "label": "Territoire admissible", "ok": True}],
        eligible=True,
        envelope=found,
    )
    reviewer = committee_member(call.committee, first_name="Rita", last_name="Lavoie")
    application.refresh_from_db()
    # Staff assign her from the applications table, whose rows are kept rendered for every
    # manager while the batch form sends this reader's own token.
    page.context.clear_cookies()
    log_in_with_the_session_of(page, staff, live_server)
    with translation.override("fr-ca"):
        page.goto(live_server.url + reverse("funding:application_list"))
    axe.check(page)
    page.get_by_label(f"Cocher {application.reference}").check()
    page.get_by_label("Avec les demandes cochées").select_option(label="Affecter des analystes")
    page.get_by_role("group", name="Analystes à affecter").get_by_label("Rita Lavoie").check()
    page.get_by_role("button", name="Appliquer", exact=True).click()
    expect(page.get_by_text("Analystes affectés à 1 demande.")).to_be_visible()
    axe.check(page)
    assert list(application.assignments.values_list("reviewer", flat=True)) == [reviewer.pk]
    page.context.clear_cookies()
    log_in_with_the_session_of(page, reviewer, live_server)
    with translation.override("fr-ca"):
        page.goto(live_server.url + reverse("funding:review_edit", args=[application.pk]))
    axe.check(page)
    page.get_by_label("Inclusion des personnes : note de 0 à 5").fill("4")
    page.get_by_label("Ancrage local : note de 0 à 5").fill("3")
    page.get_by_label("Mobilisation : note de 0 à 5").fill("5")
    page.get_by_role("button", name="Soumettre l'analyse").click()
    expect(page.get_by_text("Votre analyse a été soumise.")).to_be_visible()
    axe.check(page)
    review = application.reviews.get()
    assert review.submitted_at is not None
    assert review.total == Decimal("78.00")  # 32 + 21 + 25
