"""The cached map of the structure: shared by viewers who may see the same, never stale."""

# mypy: disable-error-code="comparison-overlap"
from dataclasses import replace

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache as django_cache
from django.test import Client
from django.urls import reverse
from django.utils import translation

from maillage.core import cache
from maillage.core.permissions import has_perm
from maillage.core.roles import Role as PlatformRole
from maillage.core.tests.factories import user_with_role
from maillage.governance import services
from maillage.governance.models import Circle, RoleKind
from maillage.governance.selectors import visibility
from maillage.governance.services import SYSTEM, WorkstreamData
from maillage.governance.structure import NAMESPACE, render_structure, visibility_class
from maillage.governance.tests.factories import (
    PersonFactory,
    RoleFactory,
    WorkstreamFactory,
    guest_of,
    housing_circle,
    populate,
    user_with_person,
)
from maillage.network.tests.factories import OrganizationFactory, SeatFactory

pytestmark = pytest.mark.django_db

LANGUAGES = ["fr-ca", "en"]
VIEWERS = ["anonymous", PlatformRole.MEMBER, PlatformRole.STAFF]


def client_of(role):
    client = Client()
    if role != "anonymous":
        client.force_login(user_with_role(role))
    return client


def map_of(client, language):
    with translation.override(language):
        url = reverse("governance:map")
    response = client.get(url)
    assert response.status_code == 200
    return response.text


@pytest.fixture
def structure(general):
    circle = housing_circle()
    workstream = services.workstream_create(
        actor=SYSTEM,
        data=WorkstreamData(name="Portrait du logement", sponsors=[circle], mandate="Documenter."),
    )
    return circle, workstream


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("role", VIEWERS)
def test_the_map_after_a_structural_change_shows_it_at_once(role, language, structure, general):
    client = client_of(role)
    assert "Sécurité alimentaire" not in map_of(client, language)  # now cached
    services.circle_create(
        actor=SYSTEM, data=services.CircleData(name="Sécurité alimentaire", parent=general)
    )
    assert "Sécurité alimentaire" in map_of(client, language)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("role", VIEWERS)
def test_the_map_after_a_rename_shows_the_new_name(role, language, structure):
    circle, _workstream = structure
    client = client_of(role)
    assert "Habitation" in map_of(client, language)
    services.circle_amend(
        actor=SYSTEM,
        circle=circle,
        data=replace(services.circle_data_of(circle), name="Logement abordable"),
    )
    html = map_of(client, language)
    assert "Logement abordable" in html
    assert "Habitation" not in html


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("role", VIEWERS)
def test_a_new_holder_shows_at_once_to_those_who_may_see_holders(role, language, structure):
    circle, _workstream = structure
    client = client_of(role)
    assert "Mousseau" not in map_of(client, language)
    lead = circle.roles.get(kind=RoleKind.LEAD, archived_at__isnull=True)
    person = PersonFactory(first_name="Gaspard", last_name="Mousseau")
    services.role_assign(actor=SYSTEM, role=lead, person=person)
    assert ("Mousseau" in map_of(client, language)) == (role != "anonymous")
    person.last_name = "Tremblay-Mousseau"
    person.save()
    assert ("Tremblay-Mousseau" in map_of(client, language)) == (role != "anonymous")


def test_the_outline_names_the_lead_link_and_counts_the_rest(structure):
    """Deliberately light: the circle's page has every role, holder and organization."""
    circle, _workstream = structure
    client = client_of(PlatformRole.MEMBER)
    seat = SeatFactory(organization=OrganizationFactory(name="Entraide Témoin"))
    lead = circle.roles.get(kind=RoleKind.LEAD, archived_at__isnull=True)
    services.role_assign(actor=SYSTEM, role=lead, person=seat.holder, seat=seat)
    secretary = circle.roles.get(kind=RoleKind.SECRETARY, archived_at__isnull=True)
    services.role_assign(actor=SYSTEM, role=secretary, person=PersonFactory(last_name="Greffier"))
    roles = circle.roles.filter(archived_at__isnull=True).count()
    html = map_of(client, "fr-ca")
    outline = html.split('class="gov-outline"', 1)[1]
    assert f"{lead.name}: " in outline and seat.holder.last_name in outline
    assert f"{roles} rôles" in outline
    assert secretary.name not in outline and "Greffier" not in outline
    assert "Entraide Témoin" not in html
    assert (
        "Entraide Témoin"
        in client.get(reverse("governance:circle_detail", kwargs={"slug": circle.slug})).text
    )


def test_the_map_is_served_from_the_cache_until_a_change():
    """A write that sends no signal is not seen until the namespace is bumped: the map is
    indeed cached, and what makes it follow the changes is the bump."""
    circle = services.circle_create(actor=SYSTEM, data=services.CircleData(name="Cercle général"))
    client = Client()
    assert "Cercle général" in map_of(client, "fr-ca")
    Circle.objects.filter(pk=circle.pk).update(name="Cercle de coordination")
    assert "Cercle général" in map_of(client, "fr-ca")
    cache.bump(NAMESPACE)
    assert "Cercle de coordination" in map_of(client, "fr-ca")


def test_a_guest_sees_the_holders_of_their_own_workstream_only(structure):
    _circle, workstream = structure
    lead = workstream.roles.get(kind=RoleKind.LEAD, archived_at__isnull=True)
    services.role_assign(
        actor=SYSTEM, role=lead, person=PersonFactory(first_name="Gaspard", last_name="Mousseau")
    )
    other = WorkstreamFactory(name="Chantier voisin")
    guests = [guest_of(workstream), guest_of(other), user_with_role(PlatformRole.CITIZEN)]
    clients = []
    for guest in guests:
        client = Client()
        client.force_login(guest)
        clients.append(client)
    # Each viewer after another one already cached the map for its own class.
    seen = [("Mousseau" in map_of(client, "fr-ca")) for client in [*clients, Client()]]
    assert seen == [True, False, False, False]
    assert "Mousseau" in map_of(clients[0], "fr-ca")


def test_viewers_who_may_see_the_same_share_one_class_and_others_do_not(structure):
    _circle, workstream = structure

    def key(user):
        return visibility_class(visibility(user), has_perm(user, "network.view_people"))

    member, staff, admin = (
        user_with_role(role)
        for role in (PlatformRole.MEMBER, PlatformRole.STAFF, PlatformRole.ADMIN)
    )
    assert key(member) == key(staff) == key(admin)
    anonymous, citizen = AnonymousUser(), user_with_role(PlatformRole.CITIZEN)
    assert key(anonymous) == key(citizen) != key(member)
    guest = guest_of(workstream)
    assert key(guest) not in {key(anonymous), key(member), key(guest_of(WorkstreamFactory()))}


def test_the_map_and_the_site_block_are_cached_apart():
    services.circle_create(actor=SYSTEM, data=services.CircleData(name="Cercle général"))
    page = render_structure(AnonymousUser())
    block = render_structure(AnonymousUser(), id_prefix="site-structure")
    assert 'id="structure-title"' in page["html"]
    assert 'id="site-structure-title"' in block["html"]


# Query counts: the first rendering after a change does not grow with the data


@pytest.mark.parametrize("role", VIEWERS)
def test_rendering_the_map_anew_keeps_its_query_count_from_5_to_100_circles(
    role, general, query_budget
):
    meter = query_budget(30)
    client = Client() if role == "anonymous" else client_of_person(role)
    tracked = WorkstreamFactory(name="Chantier suivi", sponsors=[general])
    RoleFactory(circle=None, workstream=tracked, kind=RoleKind.LEAD)
    url = reverse("governance:map")
    client.get(url)  # warms the process-wide caches

    def uncached():
        django_cache.clear()
        return client.get(url)

    populate(5, general, tracked)
    small = meter(uncached)
    populate(95, general, tracked)
    assert Circle.objects.count() == 101
    large = meter(uncached)
    assert large == small
    cached = meter(lambda: client.get(url))
    assert cached < small


def client_of_person(role):
    client = Client()
    client.force_login(user_with_person(role))
    return client


def test_a_large_structure_lists_its_first_levels_and_names_the_third(general, monkeypatch):
    """Beyond `OUTLINE_FULL_CIRCLES`, the outline stops at `OUTLINE_FOLD_LEVEL`: circles there
    are named with their counts, deeper ones are left to their parent's page; the map still
    draws every circle."""
    from maillage.governance import structure as structure_module
    from maillage.governance.tests.factories import CircleFactory

    sector = CircleFactory(name="Secteur Est", parent=general)
    table = CircleFactory(name="Table de quartier", parent=sector)
    CircleFactory(name="Comité des locataires", parent=table)
    WorkstreamFactory(name="Chantier des locataires").sponsors.set([table])
    client = client_of(PlatformRole.MEMBER)

    def outline_of(html: str) -> str:
        return html.split('class="gov-outline"', 1)[1].split("</section>", 1)[0]

    whole = outline_of(map_of(client, "fr-ca"))
    assert "gov-folded" not in whole and "Comité des locataires" in whole
    monkeypatch.setattr(structure_module, "OUTLINE_FULL_CIRCLES", 3)
    cache.bump(NAMESPACE)
    html = map_of(client, "fr-ca")
    folded = outline_of(html)
    assert "Secteur Est" in folded and "Table de quartier" in folded
    assert '<li class="gov-node gov-folded">' in folded
    assert "1 sous-cercle, 1 chantier" in folded
    assert "Comité des locataires" not in folded and "Chantier des locataires" not in folded
    # The map draws every circle; its description says where the rest of the list is.
    assert "Comité des locataires" in html.split('class="gov-outline"', 1)[0]
    assert "et chaque page de cercle, ses propres sous-cercles" in html
