"""The demo's guest logs in and works in their workstream's workspace: reads the pinned
announcement, downloads a document, shares a new version of it, is told at the field that a
program is not a document, marks the deliverable they carry as done and finds the members'
contact details. axe-core finds no WCAG 2.2 AA violation on any page visited."""

from io import StringIO

import pytest
from django.core.management import call_command
from playwright.sync_api import Page, expect

from maillage.governance.models import Deliverable, Document

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

GUEST = "invite@demo.maillage.local"
PASSWORD = "maillage-demo-2026"  # the demo's shared password (network demo)


@pytest.fixture
def demo(transactional_db):
    call_command("load_region", "03", stdout=StringIO())
    call_command("load_demo", stdout=StringIO())


def test_the_demo_guest_works_in_their_workstreams_workspace(page: Page, axe, demo):
    page.goto("/comptes/login/")
    page.get_by_label("Courriel").fill(GUEST)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    expect(page.get_by_role("link", name=GUEST)).to_be_visible()

    page.goto("/gouvernance/chantiers/participation-sociale-charlevoix/")
    axe.check(page)
    page.get_by_role("link", name="Ouvrir l’espace de travail du chantier").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Espace de travail : Participation sociale dans Charlevoix"
    )
    tabs = page.get_by_role("navigation", name="Espace de travail")
    expect(tabs.get_by_role("link", name="Annonces")).to_have_attribute("aria-current", "page")
    first = page.locator("article").first
    expect(first.get_by_role("heading")).to_have_text("Bienvenue dans l'espace du chantier")
    expect(first.get_by_text("épinglée")).to_be_visible()
    expect(page.get_by_role("link", name="Publier une annonce")).to_have_count(0)
    axe.check(page)

    # A document: its versions, a download, then a version of the guest's own.
    tabs.get_by_role("link", name="Documents").click()
    axe.check(page)
    page.get_by_role("link", name="Lieux de participation recensés").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Lieux de participation recensés")
    axe.check(page)
    with page.expect_download() as download:
        page.locator("main .actions").get_by_role("link", name="Télécharger").click()
    assert download.value.suggested_filename == "lieux-participation.csv"
    page.get_by_role("link", name="Déposer une nouvelle version").click()
    axe.check(page)
    page.get_by_label("Fichier").set_input_files(
        {
            "name": "lieux-participation.csv",
            "mimeType": "text/csv",
            "buffer": "lieu;municipalité\nBibliothèque (fictive);Saint-Urbain\n".encode(),
        }
    )
    page.get_by_label("Ce qui a changé (facultatif)").fill("La bibliothèque de Saint-Urbain.")
    page.get_by_role("button", name="Déposer la nouvelle version").click()
    expect(page.get_by_text("La version 3 du document est déposée.")).to_be_visible()
    expect(page.get_by_text("La bibliothèque de Saint-Urbain.")).to_be_visible()
    axe.check(page)
    document = Document.objects.get(title="Lieux de participation recensés")
    assert document.current.number == 3 and document.current.uploaded_by.email == GUEST

    # A program renamed as a PDF is refused at its field; the title typed is kept.
    page.goto("/gouvernance/chantiers/participation-sociale-charlevoix/espace/documents/")
    page.get_by_role("link", name="Déposer un document").click()
    page.get_by_label("Titre").fill("Mon rapport")
    page.get_by_label("Fichier").set_input_files(
        {"name": "rapport.pdf", "mimeType": "application/pdf", "buffer": b"MZ\x90\x00 program"}
    )
    page.get_by_role("button", name="Déposer le document").click()
    expect(page.get_by_text("n’est pas celui d’un fichier « .pdf »")).to_be_visible()
    expect(page.get_by_label("Titre")).to_have_value("Mon rapport")
    axe.check(page)

    # The deliverable the guest carries.
    page.goto("/gouvernance/chantiers/participation-sociale-charlevoix/espace/livrables/")
    axe.check(page)
    row = page.get_by_role("row", name="Bilan partagé avec le cercle général")
    expect(row.get_by_text("Invité Démo")).to_be_visible()
    row.get_by_role("button", name="Marquer comme réalisé").click()
    expect(page.get_by_text("« Bilan partagé avec le cercle général » est marqué")).to_be_visible()
    axe.check(page)
    assert Deliverable.objects.get(title="Bilan partagé avec le cercle général").done

    # The members' contact details.
    page.get_by_role("navigation", name="Espace de travail").get_by_role(
        "link", name="Coordonnées"
    ).click()
    expect(page.get_by_role("row", name="Bastien Hautecôte")).to_be_visible()
    expect(page.get_by_role("link", name=GUEST)).to_have_count(2)  # the account menu and the row
    axe.check(page)
