"""A coordinator creates a circle and ticks its territory with the keyboard in the grouped
picker (typing in its filter, the space bar on a municipality), then assigns a role through a
seat of the person chosen, which HTMX lists when the person changes. axe-core finds no WCAG 2.2
AA violation on any page visited."""

from io import StringIO

import pytest
from django.core.management import call_command
from playwright.sync_api import Page, expect

from maillage.core.roles import Role
from maillage.core.tests.factories import user_with_role
from maillage.governance.models import Circle, RoleKind
from maillage.governance.tests.factories import (
    OrganizationFactory,
    PersonFactory,
    SeatFactory,
    housing_circle,
)
from maillage.territories.models import Territory
from tests.browser.sessions import log_in_with_the_session_of

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def structure(transactional_db):
    call_command("load_region", "03", stdout=StringIO())
    circle = housing_circle()
    helene = PersonFactory(first_name="Hélène", last_name="Hébert")
    marc = PersonFactory(first_name="Marc", last_name="Morin")
    seat = SeatFactory(holder=helene, organization=OrganizationFactory(name="Entraide (fictif)"))
    SeatFactory(holder=marc, organization=OrganizationFactory(name="Logis (fictif)"))
    return circle, helene, seat


def test_a_coordinator_picks_a_territory_and_a_seat_with_the_keyboard(
    page: Page, live_server, axe, structure
):
    circle, helene, seat = structure
    log_in_with_the_session_of(page, user_with_role(Role.STAFF), live_server)

    page.goto("/gouvernance/cercles/ajouter/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Nouveau cercle")
    picker = page.locator("#id_territories")
    count = picker.locator(".picker-count")
    expect(count).to_have_text("Aucun territoire choisi")
    # The groups are folded: a municipality shows once its MRC opens or the filter finds it.
    town = page.get_by_role("checkbox", name="Portneuf (ville)", exact=True)
    expect(town).to_be_hidden()
    expect(picker.locator("summary")).to_have_count(7)
    axe.check(page)

    page.get_by_role("textbox", name="Nom").fill("Portneuf solidaire")
    page.get_by_label("Cercle parent").select_option(label="Cercle général")
    search = page.get_by_role("searchbox", name="Filtrer les territoires")
    search.focus()
    page.keyboard.type("portneuf vil")
    expect(town).to_be_visible()
    expect(page.get_by_role("checkbox", name="Saint-Raymond")).to_be_hidden()
    expect(page.get_by_role("checkbox", name="Neuville")).to_be_hidden()
    expect(page.get_by_role("group", name="Charlevoix (MRC)")).to_be_hidden()
    page.keyboard.press("Enter")  # filters only: the form is not sent
    expect(page.get_by_role("heading", level=1)).to_have_text("Nouveau cercle")
    axe.check(page)
    page.keyboard.press("Tab")
    expect(picker.locator("summary").filter(has_text="Portneuf (MRC)")).to_be_focused()
    page.keyboard.press("Tab")
    expect(town).to_be_focused()
    page.keyboard.press("Space")
    expect(town).to_be_checked()
    expect(count).to_have_text("1 territoire choisi")
    expect(picker.locator("summary").filter(has_text="Portneuf (MRC)")).to_contain_text(
        "1 territoire choisi"
    )
    # Clearing the filter shows every group again, folded but the one with a ticked box.
    search.fill("")
    expect(picker.locator("details:not([hidden])")).to_have_count(7)
    expect(picker.locator("details[open]")).to_have_count(1)
    expect(picker.locator("details[open] summary")).to_contain_text("Portneuf (MRC)")
    expect(town).to_be_checked()
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Portneuf solidaire")
    axe.check(page)
    created = Circle.objects.get(name="Portneuf solidaire")
    assert list(created.territories.all()) == [Territory.objects.get(slug="portneuf-2434048")]

    # A role is held through a seat of the person chosen: the list is hers, once chosen.
    role = circle.roles.get(kind=RoleKind.FACILITATOR)
    page.goto(f"/gouvernance/roles/{role.pk}/attribuer/")
    seats = page.get_by_label("Au nom de (siège)")
    expect(seats.locator("option")).to_have_count(1)
    axe.check(page)
    page.get_by_label("Personne").select_option(label="Hébert, Hélène")
    expect(seats.locator("option")).to_have_text(["En son propre nom", "Entraide (fictif)"])
    seats = page.get_by_label("Au nom de (siège)")
    seats.focus()
    seats.select_option(label="Entraide (fictif)")
    axe.check(page)
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Habitation")
    assignment = role.assignments.get()
    assert assignment.person == helene and assignment.seat == seat
    assert not page.console_errors, page.console_errors  # type: ignore[attr-defined]
