"""A coordinator creates a workstream under a circle and invites an external actor by e-mail; the
actor, in a browser of their own, follows the link of the e-mail, logs in, accepts and sees the
workstream; the map shows it. axe-core finds no WCAG 2.2 AA violation on any page visited."""

import re

import pytest
from django.core import mail
from playwright.sync_api import Page, expect

from maillage.core.roles import Role
from maillage.core.tests.factories import PASSWORD, user_with_role
from maillage.governance.models import Membership, Workstream
from maillage.governance.tests.factories import housing_circle
from tests.browser.sessions import log_in_with_the_session_of

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def structure(transactional_db):
    return housing_circle()


def test_a_coordinator_creates_a_workstream_invites_an_actor_who_accepts(
    page: Page, browser, live_server, axe, structure
):
    coordinator = user_with_role(Role.STAFF, first_name="Colette", last_name="Coordination")
    user_with_role(Role.CITIZEN, email="aline@example.org", first_name="Aline", last_name="Externe")
    log_in_with_the_session_of(page, coordinator, live_server)

    page.goto("/gouvernance/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Modèle de collaboration")
    axe.check(page)
    outline = page.locator(".gov-outline")
    outline.get_by_role("link", name="Habitation").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Habitation")
    axe.check(page)

    # The workstream, under the circle.
    page.get_by_role("link", name="Ajouter un chantier").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Nouveau chantier")
    expect(page.get_by_role("checkbox", name="Habitation")).to_be_checked()
    axe.check(page)
    page.get_by_role("textbox", name="Nom").fill("Logement des aînés")
    page.get_by_label("Mandat").fill(
        "Dresser le portrait du logement des aînés et proposer des pistes."
    )
    page.get_by_label("Livrables attendus").fill("Portrait\nPistes d’action")
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Logement des aînés")
    expect(page.get_by_text("Le chantier a été créé.")).to_be_visible()
    axe.check(page)
    page.get_by_role("button", name="Lancer").click()
    expect(page.get_by_text("Statut : Actif")).to_be_visible()
    workstream = Workstream.objects.get(name="Logement des aînés")
    assert list(workstream.sponsors.all()) == [structure]

    # The invitation, by e-mail; the coordinator sees the link too.
    page.get_by_role("link", name="Inviter une personne").click()
    axe.check(page)
    page.get_by_label("Adresse courriel").fill("aline@example.org")
    page.get_by_label("Message personnel (facultatif)").fill("Votre regard nous sera précieux.")
    page.get_by_role("button", name="Envoyer l’invitation").click()
    expect(page.get_by_role("heading", name="Invitation envoyée")).to_be_visible()
    axe.check(page)
    [message] = mail.outbox
    assert message.to == ["aline@example.org"]
    found = re.search(r"http://\S+/gouvernance/invitations/\S+/", message.body)
    assert found is not None
    link = found[0]
    expect(page.locator(".callout-success").get_by_role("link")).to_have_attribute("href", link)

    # The actor, in a browser of their own.
    actor = browser.new_context(base_url=live_server.url, locale="fr-CA").new_page()
    actor_errors: list[str] = []
    actor.on("console", lambda m: actor_errors.append(m.text) if m.type == "error" else None)
    actor.on("pageerror", lambda e: actor_errors.append(str(e)))
    actor.goto(link)
    expect(actor.get_by_role("heading", level=1)).to_have_text("Invitation à un chantier")
    expect(actor.get_by_text("Colette Coordination vous invite")).to_be_visible()
    axe.check(actor)
    actor.locator("main").get_by_role("link", name="Se connecter").click()
    axe.check(actor)
    actor.locator("#id_login").fill("aline@example.org")
    actor.locator("#id_password").fill(PASSWORD)
    actor.locator("main form button[type=submit]").click()
    expect(actor).to_have_url(link)
    axe.check(actor)
    actor.get_by_role("button", name="Accepter l’invitation").click()
    expect(actor.get_by_role("heading", level=1)).to_have_text("Logement des aînés")
    expect(actor.get_by_text("Bienvenue dans le chantier « Logement des aînés ».")).to_be_visible()
    members = actor.locator("table.gov-members-table")
    expect(members.get_by_role("rowheader", name="Aline Externe")).to_be_visible()
    expect(members).to_contain_text("Acteur externe")
    axe.check(actor)
    assert Membership.objects.filter(
        workstream=workstream, person__user__email="aline@example.org", kind="external"
    ).exists()
    assert not actor_errors, actor_errors
    actor.context.close()

    # The map shows the new workstream, inside the circle that sponsors it.
    page.goto("/gouvernance/")
    shape = page.locator(f'svg.structure-map a[href="/gouvernance/chantiers/{workstream.slug}/"]')
    expect(shape).to_have_count(1)
    expect(shape).to_have_accessible_name(re.compile("Chantier : Logement des aînés"))
    expect(
        page.locator(".gov-outline").get_by_role("link", name="Logement des aînés")
    ).to_be_visible()
    axe.check(page)
    shape.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Logement des aînés")
    assert not page.console_errors, page.console_errors  # type: ignore[attr-defined]
