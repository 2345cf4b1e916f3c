"""A coordinator gives a partner's delegate a seat and, with it, an invitation to the platform; the
delegate, in a browser of their own, follows the e-mail's link, signs up, confirms their address
and accepts: they land in My space with the partner member role, their seat there. The
coordinator finds them in the accounts pages, then ends their last seat and lowers their access.
axe-core finds no WCAG 2.2 AA violation on any page visited."""

import re

import pytest
from django.core import mail
from playwright.sync_api import Page, expect

from maillage.core.models import User
from maillage.core.roles import Role
from maillage.core.tests.factories import PASSWORD, user_with_role
from maillage.governance.tests.factories import CircleFactory, MembershipFactory
from maillage.network.models import Person, Seat
from maillage.network.tests.factories import OrganizationFactory, PersonFactory
from tests.browser.sessions import log_in_with_the_session_of

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

ROSE = "rose.tremblay@exemple.org"


def link_in(message, pattern: str) -> str:
    found = re.search(pattern, message.body)
    assert found is not None, pattern
    return found[0]


def test_a_seat_brings_an_invitation_and_its_end_lowers_the_access(
    page: Page, browser, live_server, axe, transactional_db
):
    coordinator = user_with_role(Role.STAFF, first_name="Colette", last_name="Coordination")
    organization = OrganizationFactory.create(name="Maison des Lucioles (fictif)")
    rose = PersonFactory.create(first_name="Rose", last_name="Tremblay", email=ROSE)
    # The circle where the collective already counts on her, recorded by the coordination.
    circle = CircleFactory.create(name="Sécurité alimentaire (fictif)")
    MembershipFactory.create(circle=circle, person=rose)
    log_in_with_the_session_of(page, coordinator, live_server)

    # The seat, and the invitation offered with it for the holder chosen.
    page.goto(f"/repertoire/organisations/{organization.slug}/")
    page.get_by_role("link", name="Attribuer un siège").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Nouveau siège")
    axe.check(page)
    page.get_by_role("combobox", name="Titulaire").select_option(label="Tremblay, Rose")
    invite = page.get_by_role("checkbox", name=re.compile("Inviter Rose Tremblay"))
    expect(invite).to_be_checked()
    axe.check(page)
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_text("Une invitation à la plateforme a été envoyée à")).to_be_visible()
    axe.check(page)
    [message] = mail.outbox
    assert message.to == [ROSE]
    link = link_in(message, r"http://\S+/invitation/\S+/")

    # The delegate, in a browser of their own, from the e-mail's link to the member role.
    delegate = browser.new_context(base_url=live_server.url, locale="fr-CA").new_page()
    errors: list[str] = []
    delegate.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    delegate.on("pageerror", lambda e: errors.append(str(e)))
    delegate.goto(link)
    expect(delegate.get_by_role("heading", level=1)).to_have_text("Invitation à la plateforme")
    expect(delegate.get_by_text("Colette Coordination vous invite")).to_be_visible()
    axe.check(delegate)
    delegate.locator("main").get_by_role("link", name="Créer un compte").click()
    axe.check(delegate)
    delegate.locator("#id_first_name").fill("Rose")
    delegate.locator("#id_last_name").fill("Tremblay")
    delegate.locator("#id_email").fill(ROSE)
    delegate.locator("#id_password1").fill(PASSWORD)
    delegate.locator("#id_password2").fill(PASSWORD)
    delegate.locator("main form button[type=submit]").click()
    confirmation = link_in(mail.outbox[-1], r"http://\S+/comptes/confirm-email/\S+")
    delegate.goto(confirmation)
    axe.check(delegate)
    delegate.locator("main form button[type=submit]").click()
    expect(delegate).to_have_url(link)
    axe.check(delegate)
    delegate.get_by_role("button", name="Accepter l’invitation").click()
    # In My space, with the member role, their seat there.
    expect(delegate).to_have_url(re.compile(r"/mon-espace/$"))
    expect(delegate.get_by_text("votre accès est maintenant « Membre partenaire »")).to_be_visible()
    expect(delegate.locator("main")).to_contain_text("Maison des Lucioles")
    axe.check(delegate)
    # And their circle, one click away.
    delegate.locator("main").get_by_role("link", name="Sécurité alimentaire (fictif)").click()
    expect(delegate.get_by_role("heading", level=1)).to_have_text("Sécurité alimentaire (fictif)")
    axe.check(delegate)
    account = User.objects.get(email=ROSE)
    assert account.role == Role.MEMBER
    assert Person.objects.get(pk=rose.pk).user == account
    assert not errors, errors
    delegate.context.close()

    # The coordinator finds the account in the platform's own pages, in French.
    page.get_by_role("navigation", name="Navigation principale").get_by_role(
        "link", name="Comptes et accès"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Comptes et accès")
    axe.check(page)
    page.locator("main").get_by_label("Nom ou adresse courriel").fill("tremblay")
    page.get_by_role("button", name="Appliquer les filtres").click()
    row = page.get_by_role("row", name=re.compile("Tremblay, Rose"))
    expect(row).to_contain_text("Membre partenaire")
    axe.check(page)
    row.get_by_role("link", name="Tremblay, Rose").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Rose Tremblay")
    expect(page.get_by_text("Titulaire pour")).to_be_visible()
    axe.check(page)
    page.get_by_role("link", name="Modifier l’accès").click()
    axe.check(page)
    page.get_by_role("link", name="Annuler").click()
    page.goto("/gestion-des-acces/invitations/")
    expect(page.get_by_text("0 invitation en attente.")).to_be_visible()
    axe.check(page)

    # Ending the last seat offers to lower the access, which follows the seat.
    page.goto(f"/repertoire/organisations/{organization.slug}/")
    page.get_by_role("link", name=re.compile("Terminer le siège de Rose Tremblay")).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Terminer le siège")
    lower = page.get_by_role("radio", name="Le réduire à « Invité ou acteur externe »")
    expect(lower).to_be_checked()
    axe.check(page)
    page.get_by_role("button", name="Terminer le siège").click()
    expect(page.get_by_text("Le siège de Rose Tremblay est terminé.")).to_be_visible()
    axe.check(page)
    assert Seat.objects.get(holder=rose).end_date is not None
    assert User.objects.get(pk=account.pk).role == Role.GUEST
    assert not page.console_errors, page.console_errors  # type: ignore[attr-defined]
