from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from maillage.core.roles import ANONYMOUS, Role
from maillage.network.models import Organization, Person, Seat
from maillage.network.panels import PERSON_PANELS, organizations_panel
from maillage.network.tests.factories import (
    FunctionFactory,
    OrganizationFactory,
    PersonFactory,
    SeatFactory,
    sector,
)
from maillage.territories import panels

pytestmark = pytest.mark.django_db

LIST = reverse("network:organization_list")


@pytest.fixture
def organization():
    seat = SeatFactory.create(
        organization=OrganizationFactory.create(
            name="Maison des Lucioles (fictif)",
            email="lucioles@example.org",
            phone="418 555-0123",
        ),
        substitutes=[PersonFactory.create(first_name="Sylvie", last_name="Substitute")],
    )
    FunctionFactory.create(organization=seat.organization, person=seat.holder, title="Directrice")
    return seat.organization


def detail_url(organization):
    return reverse("network:organization_detail", args=[organization.slug])


@pytest.mark.parametrize("role", [ANONYMOUS, Role.CITIZEN, Role.GUEST])
def test_contact_details_hidden_from_non_members(client_as, organization, role):
    response = client_as(role).get(detail_url(organization))
    assert response.status_code == 200
    assert "Maison des Lucioles" in response.text
    assert "lucioles@example.org" not in response.text
    assert "418 555-0123" not in response.text
    holder = organization.seats.get().holder
    assert holder.last_name not in response.text
    assert "Substitute" not in response.text


@pytest.mark.parametrize("role", [Role.MEMBER, Role.STAFF, Role.ADMIN])
def test_contact_details_shown_to_members(client_as, organization, role, settings):
    response = client_as(role).get(detail_url(organization))
    assert "lucioles@example.org" in response.text
    assert "418 555-0123" in response.text
    holder = organization.seats.get().holder
    assert holder.last_name in response.text
    assert "Sylvie Substitute" in response.text
    assert "Directrice" in response.text


def test_history_only_for_staff(client_as, organization):
    assert 'id="history-title"' not in client_as(Role.MEMBER).get(detail_url(organization)).text
    assert 'id="history-title"' in client_as(Role.STAFF).get(detail_url(organization)).text


def test_french_names_and_descriptions_are_marked_on_english_pages(client, organization):
    organization.description = "Un lieu de rencontre.\nPour tout le quartier."
    organization.save()
    french = client.get(detail_url(organization)).text
    assert "<h1>Maison des Lucioles (fictif)" in french
    assert 'lang="fr-CA">' not in french.split("<main", 1)[1]
    with translation.override("en"):
        english = client.get(detail_url(organization))
        listing = client.get(reverse("network:organization_list")).text
    assert english.request["PATH_INFO"].startswith("/en/")
    assert english.status_code == 200
    assert '<h1><span lang="fr-CA">Maison des Lucioles (fictif)</span>' in english.text
    assert (
        '<p class="lead"><span lang="fr-CA">Un lieu de rencontre.<br>Pour tout le quartier.'
        "</span></p>"
    ) in english.text
    assert '<span lang="fr-CA">Maison des Lucioles (fictif)</span></a>' in listing


def test_directory_filters_by_mrc_without_javascript(client, charlevoix_est, la_malbaie):
    OrganizationFactory.create(name="Dans La Malbaie", territories=[la_malbaie])
    OrganizationFactory.create(name="Ailleurs")
    response = client.get(LIST, {"territory": charlevoix_est.slug})
    assert "Dans La Malbaie" in response.text
    assert "Ailleurs" not in response.text
    assert 'aria-live="polite"' in response.text
    assert "<legend>" in response.text


def test_directory_ignores_unknown_filter_values(client):
    OrganizationFactory.create(name="Visible")
    response = client.get(LIST, {"territory": "nulle-part", "sector": "x", "level": "y"})
    assert response.status_code == 200
    assert "Visible" in response.text


def test_htmx_gets_the_results_partial(client):
    OrganizationFactory.create(name="Partielle")
    response = client.get(LIST, {"q": "Part"}, headers={"HX-Request": "true"})
    assert "Partielle" in response.text
    assert "<html" not in response.text
    assert 'hx-swap-oob="innerHTML"' in response.text


def test_directory_paginates(client):
    for n in range(30):
        OrganizationFactory.create(name=f"Org {n:02d}")
    first = client.get(LIST)
    assert len(first.context["page"].object_list) == 25
    second = client.get(LIST, {"page": 2})
    assert len(second.context["page"].object_list) == 5


def make_organizations(n, territories):
    sectors = [sector(), sector("municipal")]
    for _ in range(n):
        organization = OrganizationFactory.create(sectors=sectors, territories=territories)
        seat = SeatFactory.create(organization=organization, substitutes=[PersonFactory.create()])
        FunctionFactory.create(organization=organization, person=seat.holder)


@pytest.mark.parametrize("role", [ANONYMOUS, Role.MEMBER, Role.STAFF])
def test_query_count_does_not_grow_with_the_data(
    client_as, role, charlevoix_est, la_malbaie, query_budget
):
    # Staff: the privacy menu entry asks who the person in charge is, the page's note the
    # impact assessments covering the directory, and the page records the view of its people.
    meter = query_budget(14)
    territories = [charlevoix_est, la_malbaie]
    client = client_as(role)
    make_organizations(10, territories)
    target = Organization.objects.first()
    assert target is not None
    urls = [
        LIST,
        f"{LIST}?territory={charlevoix_est.slug}&sector=communautaire",
        detail_url(target),
    ]
    small = [meter.get(client, url) for url in urls]
    make_organizations(190, territories)
    # More people on the same organization too.
    for _ in range(20):
        SeatFactory.create(
            organization=target, substitutes=[PersonFactory.create(), PersonFactory.create()]
        )
        FunctionFactory.create(organization=target)
    large = [meter.get(client, url) for url in urls]
    assert small == large


def test_person_pages_for_members(member_client, organization, client_as):
    person = organization.seats.get().holder
    url = reverse("network:person_detail", args=[person.slug])
    response = member_client.get(url)
    assert response.status_code == 200
    assert person.email in response.text
    assert "Maison des Lucioles" in response.text
    listing = member_client.get(reverse("network:person_list"), {"q": person.last_name})
    assert person.last_name in listing.text
    refused = client_as(Role.GUEST).get(url)
    assert refused.status_code == 403
    assert "membres partenaires" in refused.text
    assert client_as(ANONYMOUS).get(url).status_code == 302


def test_apps_above_add_panels_to_a_persons_page(member_client, organization):
    person = organization.seats.get().holder

    def greeting(person, request):
        return {"template": "core/tests/panel.html", "context": {"greeting": f"Bonjour {person}"}}

    PERSON_PANELS.register(greeting)
    try:
        page = member_client.get(reverse("network:person_detail", args=[person.slug])).text
    finally:
        PERSON_PANELS.unregister(greeting)
    # The panel gets the person and comes after the seats.
    assert f"<p>Bonjour {person} </p>" in page
    assert page.index("Sièges au sein du collectif") < page.index("<p>Bonjour")


def create_organization(client, **fields):
    """Posts the form of a new organization: a local community group unless `fields` say
    otherwise."""
    data = {"neq": "", "sectors": [sector().pk], "level": "local", "status": "partner"}
    return client.post(reverse("network:organization_create"), data | fields)


def test_staff_creates_an_organization(staff_client, charlevoix_est):
    response = create_organization(
        staff_client,
        name="Atelier des Marées (fictif)",
        level="supralocal",
        territories=[charlevoix_est.slug],
    )
    organization = Organization.objects.get(name="Atelier des Marées (fictif)")
    assert response.status_code == 302
    assert response["Location"] == detail_url(organization)
    assert list(organization.territories.all()) == [charlevoix_est]


def test_bad_neq_is_reported_at_the_field_and_input_kept(staff_client):
    response = create_organization(staff_client, name="Nom tapé (fictif)", neq="123")
    assert response.status_code == 400
    assert "10 chiffres" in response.text
    assert 'value="Nom tapé (fictif)"' in response.text
    assert 'aria-invalid="true"' in response.text
    assert not Organization.objects.exists()


def test_duplicate_neq_from_the_service_lands_at_the_field(staff_client):
    OrganizationFactory.create(neq="2222222222")
    response = create_organization(staff_client, name="Doublon", neq="2222222222")
    assert response.status_code == 400
    assert response.context["form"].errors["neq"]


def test_staff_edits_an_organization_and_status(staff_client, organization):
    response = staff_client.post(
        reverse("network:organization_update", args=[organization.slug]),
        {"name": organization.name, "sectors": [sector().pk], "level": "local", "status": "former"},
    )
    assert response.status_code == 302
    organization.refresh_from_db()
    assert organization.status == "former"


def test_staff_people_functions_and_seats(staff_client, organization):
    response = staff_client.post(
        reverse("network:person_create"),
        {"first_name": "Jeanne", "last_name": "Inventée", "email": "jeanne@example.org"},
    )
    assert response.status_code == 302
    person = Person.objects.get(email="jeanne@example.org")
    response = staff_client.post(
        reverse("network:person_update", args=[person.slug]),
        {"first_name": "Jeanne", "last_name": "Inventée", "email": "pas un courriel"},
    )
    assert response.status_code == 400
    response = staff_client.post(
        reverse("network:function_add", args=[person.slug]),
        {"organization": organization.pk, "title": "Agente", "start_date": "2025-02-01"},
    )
    assert response.status_code == 302
    function = person.functions.get()
    staff_client.post(reverse("network:function_end", args=[function.pk]))
    function.refresh_from_db()
    assert function.end_date is not None
    response = staff_client.post(
        reverse("network:seat_create", args=[organization.slug]),
        {"holder": person.pk, "start_date": "2025-02-01", "substitutes": []},
    )
    assert response.status_code == 302
    seat = Seat.objects.get(holder=person)
    # Same holder again: the service's refusal shows at the field.
    again = staff_client.post(
        reverse("network:seat_create", args=[organization.slug]),
        {"holder": person.pk, "start_date": "2025-03-01"},
    )
    assert again.status_code == 400
    assert again.context["form"].errors["holder"]
    response = staff_client.post(
        reverse("network:seat_update", args=[seat.pk]),
        {"start_date": "2025-02-01", "end_date": "2025-01-01", "substitutes": []},
    )
    assert response.status_code == 400
    staff_client.post(reverse("network:seat_end", args=[seat.pk]), {"end_date": ""})
    seat.refresh_from_db()
    assert seat.end_date is not None


def test_the_organizations_panel_is_registered_for_territory_pages():
    assert organizations_panel in panels.registered()


def test_territory_page_shows_the_panel_with_constant_queries(
    client, charlevoix_est, la_malbaie, query_budget
):
    # The page and its panels (governance: 4, network: 2, portrait: 1, planning: 2, funding: 1).
    meter = query_budget(16)
    url = reverse("territories:detail", args=[charlevoix_est.slug])
    make_organizations(10, [la_malbaie])
    small = meter.get(client, url)
    assert "Organisme témoin" in client.get(url).text
    make_organizations(190, [charlevoix_est])
    assert meter.get(client, url) == small
