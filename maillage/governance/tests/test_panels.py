import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from maillage.core.roles import Role as PlatformRole
from maillage.governance import services
from maillage.governance.models import RoleKind
from maillage.governance.services import SYSTEM
from maillage.governance.tests.factories import (
    CircleFactory,
    MembershipFactory,
    OrganizationFactory,
    PersonFactory,
    RoleAssignmentFactory,
    RoleFactory,
    SeatFactory,
    WorkstreamFactory,
    days,
    housing_circle,
    user_with_person,
)
from maillage.network.tests.factories import mrc, municipality, region

pytestmark = pytest.mark.django_db


def test_a_territory_page_lists_the_circles_and_workstreams_working_there(client):
    home = region()
    charlevoix = mrc("2416", "Charlevoix", parent=home)
    portneuf = mrc("2434", "Portneuf", parent=home)
    baie = municipality("2416013", "Baie-Saint-Paul", parent=charlevoix)
    food = CircleFactory(name="Sécurité alimentaire")
    food.territories.set([baie])
    transport = WorkstreamFactory(name="Navette de Charlevoix")
    transport.territories.set([charlevoix])
    elsewhere = CircleFactory(name="Cercle de Portneuf")
    elsewhere.territories.set([portneuf])
    closed = CircleFactory(name="Cercle fermé", archived_at=timezone.now())
    closed.territories.set([charlevoix])

    page = client.get(charlevoix.get_absolute_url()).text
    assert "Cercles et chantiers qui y travaillent" in page
    assert "Sécurité alimentaire" in page and "Navette de Charlevoix" in page
    assert "Cercle de Portneuf" not in page and "Cercle fermé" not in page
    # The region holds them all; a municipality only its own.
    assert "Cercle de Portneuf" in client.get(home.get_absolute_url()).text
    town = client.get(baie.get_absolute_url()).text
    assert "Sécurité alimentaire" in town and "Navette de Charlevoix" not in town


def test_the_panel_keeps_its_query_count_as_the_structure_grows(
    client, django_assert_max_num_queries
):
    charlevoix = mrc("2416", "Charlevoix", parent=region())
    url = charlevoix.get_absolute_url()

    def grow(count):
        for index in range(count):
            CircleFactory(name=f"Cercle {index}").territories.set([charlevoix])
            WorkstreamFactory(name=f"Chantier {index}").territories.set([charlevoix])

    grow(2)
    client.get(url)
    cache.clear()  # measure the panels as built, not as kept
    with CaptureQueriesContext(connection) as small:
        client.get(url)
    small_count = len(small)  # now: the next request empties the log it reads
    grow(30)  # and the new circles show at once: every change bumps the kept panel
    assert "32 cercles" in client.get(url).text
    cache.clear()
    with django_assert_max_num_queries(small_count):
        page = client.get(url)
    assert "32 cercles" in page.text and "Tous les cercles" in page.text


def test_a_persons_page_shows_their_roles_as_well_as_their_seats(general, query_budget):
    person = PersonFactory(first_name="Solène", last_name="Clairmont")
    seat = SeatFactory(organization=OrganizationFactory(name="Entraide (fictif)"), holder=person)
    housing = housing_circle()
    services.role_assign(
        actor=SYSTEM,
        role=housing.roles.get(kind=RoleKind.FACILITATOR),
        person=person,
        seat=seat,
        term_end=days(90),
    )
    workstream = WorkstreamFactory(name="Navette rurale")
    MembershipFactory(person=person, circle=None, workstream=workstream, kind="external")
    member = Client()
    member.force_login(user_with_person(PlatformRole.MEMBER))
    url = person.get_absolute_url()

    page = member.get(url).text
    roles = page.split('id="person-roles-heading"', 1)[1].split("</section>", 1)[0]
    assert (
        'Animation dans le cercle <a href="/gouvernance/cercles/habitation/">Habitation</a>'
    ) in roles
    assert "au nom de Entraide (fictif)" in roles
    assert f'<time datetime="{days(90):%Y-%m-%d}">' in roles
    groups = page.split('id="person-groups-heading"', 1)[1].split("</section>", 1)[0]
    assert "membre d’office (Animation)" in groups
    assert "Navette rurale" in groups and "Acteur externe" in groups
    # Seats first, then what governance adds.
    assert page.index("Sièges au sein du collectif") < page.index('id="person-roles-heading"')

    meter = query_budget(20)
    small = meter.get(member, url)
    for _ in range(15):
        circle = CircleFactory()
        RoleAssignmentFactory(role=RoleFactory(circle=circle), person=person, seat=seat)
        MembershipFactory(person=person, circle=circle, seat=seat)
        MembershipFactory(person=person, circle=None, workstream=WorkstreamFactory())
    assert meter.get(member, url) == small


def test_a_person_without_roles_is_said_to_hold_none(general):
    member = Client()
    member.force_login(user_with_person(PlatformRole.MEMBER))
    page = member.get(PersonFactory().get_absolute_url()).text
    assert "Cette personne n’occupe aucun rôle dans un cercle ou un chantier." in page
    assert "Cette personne n’est membre d’aucun cercle ni chantier." in page
