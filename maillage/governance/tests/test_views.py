# Factories return model instances; mypy sees the factory classes.
# mypy: disable-error-code="comparison-overlap,list-item"
import datetime as dt
import re
from types import SimpleNamespace

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from maillage.core.roles import Role as PlatformRole
from maillage.core.tests.factories import user_with_role
from maillage.governance import services
from maillage.governance.models import (
    Circle,
    CircleMode,
    EndReason,
    Invitation,
    Membership,
    Policy,
    RoleKind,
    Workstream,
)
from maillage.governance.services import SYSTEM, CircleData, PolicyData, RoleData, WorkstreamData
from maillage.governance.tests.factories import (
    CircleFactory,
    MembershipFactory,
    OrganizationFactory,
    PersonFactory,
    PolicyFactory,
    RoleFactory,
    SeatFactory,
    WorkstreamFactory,
    days,
    general_circle,
    guest_of,
    housing_circle,
    populate,
    sector,
    strategy,
    user_with_person,
)
from maillage.network.models import Sector
from maillage.network.tests.factories import mrc, region

pytestmark = pytest.mark.django_db

MAP = reverse("governance:map")


def login(user):
    client = Client()
    client.force_login(user)
    return client


def url(name, **kwargs):
    return reverse(f"governance:{name}", kwargs=kwargs or None)


def circle_page(circle):
    return url("circle_detail", slug=circle.slug)


def workstream_page(workstream):
    return url("workstream_detail", slug=workstream.slug)


@pytest.fixture
def structure(general):
    circle = housing_circle()
    workstream = services.workstream_create(
        actor=SYSTEM,
        data=WorkstreamData(name="Portrait du logement", sponsors=[circle], mandate="Documenter."),
    )
    services.workstream_transition(actor=SYSTEM, workstream=workstream, transition="launch")
    return SimpleNamespace(general=general, circle=circle, workstream=workstream)


def hold(role_kind, group, person):
    role = group.roles.get(kind=role_kind, archived_at__isnull=True)
    return services.role_assign(actor=SYSTEM, role=role, person=person)


# The map


def test_the_map_draws_the_structure_as_svg_with_an_outline(client, structure):
    hold(RoleKind.LEAD, structure.circle, PersonFactory(first_name="Gaspard", last_name="Mousseau"))
    response = client.get(MAP)
    assert response.status_code == 200
    svg = re.search(r"<svg[^>]*class=\"structure-map\".*?</svg>", response.text, re.S).group(0)
    for href in (
        circle_page(structure.general),
        circle_page(structure.circle),
        workstream_page(structure.workstream),
    ):
        assert f'href="{href}"' in svg
    outline = response.text.split('class="gov-tree"', 1)[1]
    assert "Portrait du logement" in outline and "Habitation" in outline
    # The public map names roles, not the people who hold them.
    assert "Mousseau" not in response.text
    assert "Mousseau" in login(user_with_role(PlatformRole.MEMBER)).get(MAP).text


def test_the_map_filters_by_strategy_and_territory_without_javascript(client, structure):
    food = CircleFactory(name="Sécurité alimentaire", parent=structure.general)
    food.strategies.set([strategy("action-communautaire")])
    response = client.get(MAP, {"strategy": "action-communautaire"})
    assert "Sécurité alimentaire" in response.text
    assert "Habitation" not in response.text
    assert "Cercle général" in response.text  # kept above what matches, for context
    assert "gov-context" in response.text
    charlevoix = mrc("2415", "Charlevoix-Est")
    structure.workstream.territories.set([charlevoix])
    response = client.get(MAP, {"territory": charlevoix.slug})
    assert "Portrait du logement" in response.text and "Sécurité alimentaire" not in response.text
    assert client.get(MAP, {"territory": "nulle-part", "sector": "x"}).status_code == 200


def test_the_map_filters_by_the_sector_of_the_members_organizations(client, structure):
    school = OrganizationFactory(sectors=[sector("education")])
    seat = SeatFactory(organization=school)
    MembershipFactory(circle=None, workstream=structure.workstream, person=seat.holder, seat=seat)
    CircleFactory(name="Sécurité alimentaire", parent=structure.general)  # nobody from a school
    assert "Sécurité alimentaire" in client.get(MAP).text
    response = client.get(MAP, {"sector": "education"})
    assert "Portrait du logement" in response.text
    assert "Sécurité alimentaire" not in response.text


def test_htmx_gets_the_results_partial(client, structure):
    response = client.get(MAP, {"strategy": ""}, headers={"HX-Request": "true"})
    assert "<html" not in response.text
    assert 'hx-swap-oob="innerHTML"' in response.text
    assert "structure-map" in response.text
    assert response.headers["Vary"].count("HX-Request") == 1


def test_lists_of_circles_and_workstreams(client, structure):
    late = WorkstreamFactory(name="Chantier en retard", sunset_date=days(-2))
    circles = client.get(url("circle_list"))
    assert "Habitation" in circles.text and "Cercle général" in circles.text
    everything = client.get(url("workstream_list"))
    assert "Portrait du logement" in everything.text and late.name in everything.text
    overdue = client.get(url("workstream_list"), {"past_sunset": "on"})
    assert late.name in overdue.text and "Portrait du logement" not in overdue.text


# Query counts: the pages do not grow with the data


@pytest.mark.parametrize("role", ["anonymous", PlatformRole.MEMBER, PlatformRole.STAFF])
def test_the_map_a_circle_and_a_workstream_keep_their_query_count_from_5_to_100_circles(
    role, general, query_budget
):
    meter = query_budget(40)
    client = Client() if role == "anonymous" else login(user_with_person(role))
    tracked = WorkstreamFactory(name="Chantier suivi", sponsors=[general])
    RoleFactory(circle=None, workstream=tracked, kind=RoleKind.LEAD)
    pages = {
        "map": MAP,
        "circle": circle_page(general),
        "workstream": workstream_page(tracked),
    }
    populate(5, general, tracked)
    small = {name: meter.get(client, path) for name, path in pages.items()}
    populate(95, general, tracked)
    assert Circle.objects.count() == 101
    large = {name: meter.get(client, path) for name, path in pages.items()}
    assert large == small


# Circle page


def test_a_circle_page_shows_people_policies_and_balance_only_to_partner_members(client, structure):
    home = region()
    charlevoix = mrc("1601", "Charlevoix", parent=home)
    portneuf = mrc("3401", "Portneuf", parent=home)
    seat = SeatFactory(
        organization=OrganizationFactory(
            name="Maison de quartier (fictif)",
            sectors=[sector("communautaire")],
            territories=[portneuf],
        ),
        substitutes=[PersonFactory(first_name="Sylvie", last_name="Suppléante")],
    )
    lead = structure.circle.roles.get(kind=RoleKind.LEAD)
    services.role_assign(
        actor=SYSTEM,
        role=lead,
        person=seat.holder,
        seat=seat,
        term_end=days(300),
    )
    policy = services.policy_adopt(
        actor=SYSTEM,
        circle=structure.circle,
        data=PolicyData(title="Règles de fonctionnement", text="…"),
    )
    public = client.get(circle_page(structure.circle))
    assert public.status_code == 200
    assert "Que chacun ait un toit." in public.text
    assert "Veiller au logement social" in public.text
    assert "Premier lien" in public.text
    assert seat.holder.last_name not in public.text
    assert "Règles de fonctionnement" not in public.text
    assert "Portrait du logement" in public.text  # the workstream it sponsors
    member = login(user_with_role(PlatformRole.MEMBER))
    page = member.get(circle_page(structure.circle))
    assert seat.holder.last_name in page.text
    assert "Maison de quartier (fictif)" in page.text  # on whose behalf
    assert "Sylvie Suppléante" in page.text
    assert "Règles de fonctionnement" in page.text
    assert url("policy_detail", pk=policy.pk) in page.text
    # The intersectoral balance: charts with their tables, and what is missing.
    assert 'class="bar-chart"' in page.text and "gov-balance-table" in page.text
    assert "Aucun membre de Charlevoix" in page.text
    assert "Aucun membre de Portneuf" not in page.text
    assert "Secteur « Scolaire et éducation » absent" in page.text
    assert charlevoix.name in page.text
    # The history is for coordination staff.
    assert 'id="history-title"' not in page.text
    staff = login(user_with_role(PlatformRole.STAFF)).get(circle_page(structure.circle))
    assert 'id="history-title"' in staff.text
    assert "Veiller au logement social" in staff.text.split('id="history-title"')[1]


def balance_of(page):
    return page.split('aria-labelledby="balance-heading"', 1)[1].split("</section>", 1)[0]


def test_the_balance_is_cached_and_a_new_holder_counts_at_once(structure):
    """Cached per group until a write changes what it counts."""
    member = login(user_with_role(PlatformRole.MEMBER))
    empty = balance_of(member.get(circle_page(structure.circle)).text)
    assert "Personne n’y siège encore" in empty
    seat = SeatFactory(organization=OrganizationFactory(sectors=[sector("communautaire")]))
    lead = structure.circle.roles.get(kind=RoleKind.LEAD)
    services.role_assign(actor=SYSTEM, role=lead, person=seat.holder, seat=seat)
    one = balance_of(member.get(circle_page(structure.circle)).text)
    assert "Personne n’y siège encore" not in one and "1 personne siège ici" in one
    # The workstream's balance is its own: still empty.
    workstream = member.get(workstream_page(structure.workstream)).text
    assert "Personne n’y siège encore" in balance_of(workstream)


def test_a_circle_page_lists_its_first_members_and_links_to_all(structure):
    for index in range(22):
        MembershipFactory(
            circle=structure.circle, person=PersonFactory(last_name=f"Membre{index:02d}")
        )
    page = login(user_with_role(PlatformRole.MEMBER)).get(circle_page(structure.circle)).text
    assert "Membre00" in page and "Membre19" in page and "Membre20" not in page
    assert "Les 20 premiers de 22 membres, par nom." in page
    members = url("circle_members", slug=structure.circle.slug)
    assert members in page
    assert "Membre21" in login(user_with_role(PlatformRole.STAFF)).get(members).text


def test_names_and_purposes_written_in_french_are_marked_on_english_pages(client, structure):
    french = client.get(circle_page(structure.circle)).text
    assert "<h1>Habitation</h1>" in french
    assert '<p class="lead">Que chacun ait un toit.</p>' in french
    assert 'lang="fr-CA">' not in french.split("<main", 1)[1]
    english = client.get(f"/en/governance/circles/{structure.circle.slug}/")
    assert english.status_code == 200
    assert '<html lang="en">' in english.text
    assert '<h1><span lang="fr-CA">Habitation</span></h1>' in english.text
    assert '<p class="lead"><span lang="fr-CA">Que chacun ait un toit.</span></p>' in english.text
    assert '<li><span lang="fr-CA">Veiller au logement social</span>' in english.text
    assert '<span lang="fr-CA">Portrait du logement</span></a>' in english.text
    # On the map, the names drawn in French; the links' names mix both languages.
    svg = client.get("/en/governance/").text
    assert 'class="name circle-name band" lang="fr-CA"><tspan' in svg
    assert 'lang="fr-CA"' not in client.get(MAP).text.split("<main", 1)[1]
    # In the calendar, the names inside an English sentence.
    PolicyFactory(circle=structure.circle, title="Politique", review_date=days(9))
    member = login(user_with_role(PlatformRole.MEMBER))
    with translation.override("en"):
        calendar = member.get(url("calendar"), {"month": days(9).strftime("%Y-%m")}).text
    assert (
        'The policy “<span lang="fr-CA">Politique</span>” of the circle '
        '“<span lang="fr-CA">Habitation</span>” is due for review.'
    ) in calendar


def test_an_unknown_circle_or_workstream_is_404(client):
    assert client.get(url("circle_detail", slug="nulle-part")).status_code == 404
    assert client.get(url("workstream_detail", slug="nulle-part")).status_code == 404


def test_staff_create_amend_and_archive_a_circle(structure):
    staff = login(user_with_role(PlatformRole.STAFF))
    form = staff.get(url("circle_create") + f"?parent={structure.general.slug}")
    assert form.status_code == 200
    assert form.context["form"].initial["parent"] == structure.general.pk
    response = staff.post(
        url("circle_create"),
        {
            "name": "Transport",
            "purpose": "Se déplacer.",
            "parent": structure.general.pk,
            "mode": CircleMode.OPEN,
            "domains": "Mobilité\nTransport adapté",
            "accountabilities": "Suivre l'offre\n\nRelayer les besoins",
            "levels": ["regional"],
            "strategies": [strategy("concertation-intersectorielle").pk],
        },
    )
    circle = Circle.objects.get(name="Transport")
    assert response.status_code == 302 and response.url == circle_page(circle)
    assert circle.domains == ["Mobilité", "Transport adapté"]
    texts = [a.text for a in circle.accountabilities.all()]
    assert texts == ["Suivre l'offre", "Relayer les besoins"]
    assert circle.roles.filter(kind=RoleKind.DELEGATE).exists()
    amend = staff.get(url("circle_amend", slug=circle.slug))
    assert "Relayer les besoins" in amend.text
    response = staff.post(
        url("circle_amend", slug=circle.slug),
        {"name": "Transport collectif", "parent": structure.circle.pk, "mode": "consent"},
    )
    assert response.status_code == 302
    circle.refresh_from_db()
    assert circle.name == "Transport collectif" and circle.parent == structure.circle
    assert staff.get(url("circle_archive", slug=circle.slug)).status_code == 200
    response = staff.post(url("circle_archive", slug=circle.slug))
    assert response.url == circle_page(structure.circle)
    circle.refresh_from_db()
    assert circle.is_archived


def test_archiving_a_circle_that_cannot_be_archived_says_why(structure):
    staff = login(user_with_role(PlatformRole.STAFF))
    response = staff.post(url("circle_archive", slug=structure.circle.slug), follow=True)
    assert response.status_code == 200
    assert "Portrait du logement" in response.text  # the only sponsor of an active workstream
    structure.circle.refresh_from_db()
    assert not structure.circle.is_archived


def test_accountabilities_are_added_and_removed(structure):
    staff = login(user_with_role(PlatformRole.STAFF))
    response = staff.post(
        url("circle_accountability_add", slug=structure.circle.slug),
        {"text": "Tenir le registre des logements"},
    )
    assert response.status_code == 302
    added = structure.circle.accountabilities.get(text="Tenir le registre des logements")
    staff.post(url("circle_accountability_remove", pk=added.pk))
    assert not structure.circle.accountabilities.filter(pk=added.pk).exists()
    role = structure.circle.roles.get(kind=RoleKind.SECRETARY)
    staff.post(url("role_accountability_add", pk=role.pk), {"text": "Tenir les procès-verbaux"})
    kept = role.accountabilities.get()
    assert kept.text == "Tenir les procès-verbaux"
    assert "Tenir les procès-verbaux" in staff.get(circle_page(structure.circle)).text
    staff.post(url("role_accountability_remove", pk=kept.pk))
    assert not role.accountabilities.exists()
    member = login(user_with_role(PlatformRole.MEMBER))
    kept = structure.circle.accountabilities.get()
    response = member.post(url("circle_accountability_remove", pk=kept.pk))
    assert response.status_code == 403
    assert structure.circle.accountabilities.filter(pk=kept.pk).exists()


# Roles


def test_a_role_is_assigned_on_behalf_of_an_organization_with_substitutes_and_a_term(structure):
    staff = login(user_with_role(PlatformRole.STAFF))
    seat = SeatFactory(organization=OrganizationFactory(name="Office d'habitation (fictif)"))
    substitute = PersonFactory(first_name="Rémi", last_name="Relève")
    secretary = structure.circle.roles.get(kind=RoleKind.SECRETARY)
    term_end = days(200)
    response = staff.post(
        url("role_assign", pk=secretary.pk),
        {
            "person": seat.holder.pk,
            "seat": seat.pk,
            "substitutes": [substitute.pk],
            "start_date": days(0).isoformat(),
            "term_end": term_end.isoformat(),
        },
    )
    assert response.status_code == 302
    assignment = secretary.assignments.get(ended_at__isnull=True)
    assert assignment.seat == seat and assignment.term_end == term_end
    assert list(assignment.substitutes.all()) == [substitute]
    page = login(user_with_role(PlatformRole.MEMBER)).get(circle_page(structure.circle)).text
    assert "Office d&#x27;habitation (fictif)" in page and "Rémi Relève" in page
    response = staff.post(
        url("assignment_update", pk=assignment.pk),
        {"substitutes": [], "term_end": (term_end + dt.timedelta(days=30)).isoformat()},
    )
    assert response.status_code == 302
    assignment.refresh_from_db()
    assert assignment.term_end == term_end + dt.timedelta(days=30)
    assert not assignment.substitutes.exists()
    staff.post(url("assignment_end", pk=assignment.pk))
    assignment.refresh_from_db()
    assert assignment.ended_at is not None


def test_staff_create_amend_and_archive_roles(structure):
    staff = login(user_with_role(PlatformRole.STAFF))
    response = staff.post(
        url("circle_role_create", slug=structure.circle.slug),
        {
            "name": "Trésorerie",
            "kind": RoleKind.CUSTOM,
            "purpose": "Veiller aux finances.",
            "accountabilities": "Présenter le budget",
            "elected": "on",
            "term_months": "24",
            "may_amend_policies": "no",
        },
    )
    assert response.status_code == 302
    role = structure.circle.roles.get(name="Trésorerie")
    assert role.elected and role.term_months == 24 and not role.may_amend_policies
    response = staff.post(
        url("role_amend", pk=role.pk),
        {"name": "Trésorerie", "kind": RoleKind.CUSTOM, "may_amend_policies": "yes"},
    )
    assert response.status_code == 302
    role.refresh_from_db()
    assert role.may_amend_policies and not role.elected
    form = staff.get(url("workstream_role_create", slug=structure.workstream.slug))
    kinds = [value for value, _label in form.context["form"].fields["kind"].choices]
    assert RoleKind.DELEGATE not in kinds
    assert "may_amend_policies" not in form.context["form"].fields
    staff.post(url("role_archive", pk=role.pk))
    role.refresh_from_db()
    assert role.is_archived


# Forms keep what was typed and say what is wrong, at the field, in French


def test_a_circle_form_with_errors_keeps_the_input(structure):
    staff = login(user_with_role(PlatformRole.STAFF))
    response = staff.post(
        url("circle_create"),
        {"name": "Cercle orphelin", "purpose": "Une raison d'être gardée", "mode": "consent"},
    )
    assert response.status_code == 400
    assert 'value="Cercle orphelin"' in response.text
    assert "Une raison d&#x27;être gardée" in response.text
    assert response.context["form"].errors["parent"] == [
        "Choisissez un cercle parent : il existe déjà un cercle général."
    ]
    assert 'aria-invalid="true"' in response.text


def test_a_workstream_form_with_errors_keeps_the_input(structure):
    staff = login(user_with_role(PlatformRole.STAFF))
    response = staff.post(
        url("workstream_create"),
        {
            "name": "Chantier à l'envers",
            "mandate": "Un mandat gardé",
            "start_date": "2027-05-01",
            "sunset_date": "2027-01-01",
        },
    )
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert errors["sponsors"] == ["Choisissez au moins un cercle porteur."]
    assert errors["sunset_date"] == ["La date d’échéance doit venir après la date de début."]
    assert "Un mandat gardé" in response.text and 'value="2027-05-01"' in response.text


def test_other_forms_answer_400_with_french_errors(structure):
    staff = login(user_with_role(PlatformRole.STAFF))
    response = staff.post(
        url("invitation_create", slug=structure.workstream.slug),
        {"email": "pas-une-adresse", "kind": "guest", "message": "Bienvenue", "expires_in_days": 7},
    )
    assert response.status_code == 400 and 'value="pas-une-adresse"' in response.text
    assert "Bienvenue" in response.text
    response = staff.post(
        url("circle_role_create", slug=structure.circle.slug),
        {"name": "Animation", "kind": RoleKind.CUSTOM, "elected": "on"},
    )
    assert response.status_code == 400
    assert response.context["form"].errors["term_months"] == [
        "Un rôle électif doit avoir une durée de mandat."
    ]
    seat = SeatFactory()
    someone_else = PersonFactory()
    response = staff.post(
        url("role_assign", pk=structure.circle.roles.get(kind=RoleKind.FACILITATOR).pk),
        {"person": someone_else.pk, "seat": seat.pk, "start_date": days(0).isoformat()},
    )
    assert response.status_code == 400
    assert response.context["form"].errors["seat"] == [
        "Ce siège n’est pas un siège actuel de la personne choisie : choisissez l’un des siens, "
        "ou « En son propre nom »."
    ]
    response = staff.post(
        url("policy_adopt", slug=structure.circle.slug),
        {"title": "Règles", "text": "…", "adopted_on": "2027-03-01", "review_date": "2027-01-01"},
    )
    assert response.status_code == 400 and 'value="Règles"' in response.text
    assert response.context["form"].errors["review_date"]
    response = staff.post(url("deliverable_add", slug=structure.workstream.slug), {"title": ""})
    assert response.status_code == 400


# Workstreams


def test_staff_create_a_workstream_under_a_circle_and_fire_its_transitions(structure):
    staff = login(user_with_role(PlatformRole.STAFF))
    form = staff.get(url("workstream_create") + f"?sponsor={structure.circle.slug}")
    assert form.context["form"].initial["sponsors"] == [structure.circle.pk]
    response = staff.post(
        url("workstream_create"),
        {
            "name": "Logement des aînés",
            "mandate": "Proposer des pistes.",
            "sponsors": [structure.circle.pk],
            "start_date": days(0).isoformat(),
            "sunset_date": days(365).isoformat(),
            "deliverables": "Portrait\nPistes d'action",
        },
    )
    workstream = Workstream.objects.get(name="Logement des aînés")
    assert response.url == workstream_page(workstream)
    assert workstream.status == "proposed"
    assert [d.title for d in workstream.deliverables.all()] == ["Portrait", "Pistes d'action"]
    assert workstream.roles.filter(kind=RoleKind.LEAD).exists()
    page = staff.get(workstream_page(workstream))
    assert 'value="launch"' in page.text and 'value="close"' not in page.text
    staff.post(url("workstream_transition", slug=workstream.slug), {"transition": "launch"})
    workstream.refresh_from_db()
    assert workstream.status == "active"
    # A transition that is not possible now is refused with a message, not an error page.
    response = staff.post(
        url("workstream_transition", slug=workstream.slug), {"transition": "close"}, follow=True
    )
    assert response.status_code == 200
    workstream.refresh_from_db()
    assert workstream.status == "active"


def test_the_lead_link_changes_the_workstream_but_not_its_sponsors(structure):
    lead = user_with_person(PlatformRole.CITIZEN)
    hold(RoleKind.LEAD, structure.workstream, lead.person)
    client = login(lead)
    form = client.get(url("workstream_amend", slug=structure.workstream.slug))
    assert form.status_code == 200 and form.context["form"].fields["sponsors"].disabled
    response = client.post(
        url("workstream_amend", slug=structure.workstream.slug),
        {"name": "Portrait du logement", "mandate": "Un mandat précisé.", "sponsors": []},
    )
    assert response.status_code == 302
    structure.workstream.refresh_from_db()
    assert structure.workstream.mandate == "Un mandat précisé."
    assert list(structure.workstream.sponsors.all()) == [structure.circle]
    client.post(
        url("workstream_transition", slug=structure.workstream.slug), {"transition": "pause"}
    )
    structure.workstream.refresh_from_db()
    assert structure.workstream.status == "paused"
    # Abandoning is for staff only.
    client.post(
        url("workstream_transition", slug=structure.workstream.slug), {"transition": "abandon"}
    )
    structure.workstream.refresh_from_db()
    assert structure.workstream.status == "paused"
    member = login(user_with_role(PlatformRole.MEMBER))
    response = member.post(
        url("workstream_transition", slug=structure.workstream.slug), {"transition": "resume"}
    )
    assert response.status_code == 403


def test_a_workstream_past_its_sunset_is_flagged(client, structure):
    structure.workstream.start_date = days(-60)
    structure.workstream.sunset_date = days(-1)
    structure.workstream.save()
    page = client.get(workstream_page(structure.workstream))
    assert "gov-flag" in page.text
    assert 'class="node workstream flagged' in client.get(MAP).text


def test_deliverables_are_added_marked_done_and_removed(structure):
    staff = login(user_with_role(PlatformRole.STAFF))
    staff.post(
        url("deliverable_add", slug=structure.workstream.slug),
        {"title": "Rapport final", "due_date": days(30).isoformat()},
    )
    deliverable = structure.workstream.deliverables.get(title="Rapport final")
    staff.post(url("deliverable_done", pk=deliverable.pk), {"done": "1"})
    deliverable.refresh_from_db()
    assert deliverable.done and deliverable.done_at
    staff.post(url("deliverable_done", pk=deliverable.pk), {"done": "0"})
    deliverable.refresh_from_db()
    assert not deliverable.done
    staff.post(url("deliverable_remove", pk=deliverable.pk))
    assert not structure.workstream.deliverables.exists()


# Guests and external actors


def test_a_guest_of_one_workstream_cannot_read_another_workstreams_internal_pages(structure):
    other = WorkstreamFactory(name="Autre chantier", sponsors=[structure.general])
    MembershipFactory(
        circle=None, workstream=other, person=PersonFactory(first_name="Odile", last_name="Secrète")
    )
    guest = guest_of(structure.workstream, first_name="Gaëlle", last_name="Invitée")
    client = login(guest)
    own = client.get(url("workstream_members", slug=structure.workstream.slug))
    assert own.status_code == 200 and "Gaëlle Invitée" in own.text
    assert "Gaëlle Invitée" in client.get(workstream_page(structure.workstream)).text
    assert client.get(url("workstream_members", slug=other.slug)).status_code == 403
    assert client.get(url("circle_members", slug=structure.circle.slug)).status_code == 403
    page = client.get(workstream_page(other))
    assert page.status_code == 200 and "Autre chantier" in page.text
    assert "Secrète" not in page.text
    for name in ("invitation_create", "workstream_amend", "workstream_member_add"):
        assert client.get(url(name, slug=other.slug)).status_code == 403
    assert client.get(url("calendar")).status_code == 200


# Policies


def test_a_partner_member_amends_policies_only_through_a_role_that_may(structure):
    policy = services.policy_adopt(
        actor=SYSTEM,
        circle=structure.circle,
        data=PolicyData(title="Règles de fonctionnement", text="Première version du texte."),
    )
    member = user_with_person(PlatformRole.MEMBER)
    client = login(member)
    amend = url("policy_amend", pk=policy.pk)
    data = {"title": "Règles de fonctionnement", "text": "Deuxième version.", "note": "Clarifier"}
    assert client.get(url("policy_adopt", slug=structure.circle.slug)).status_code == 403
    assert client.get(amend).status_code == 403
    assert client.post(amend, data).status_code == 403
    assert client.post(url("policy_status", pk=policy.pk), {"status": "retired"}).status_code == 403
    policy.refresh_from_db()
    assert policy.text == "Première version du texte." and policy.status == "active"
    # A role of the circle that may not amend policies does not help.
    treasurer = services.role_create(
        actor=SYSTEM,
        circle=structure.circle,
        data=RoleData(name="Trésorerie", may_amend_policies=False),
    )
    services.role_assign(actor=SYSTEM, role=treasurer, person=member.person)
    assert client.post(amend, data).status_code == 403
    # The secretary may.
    hold(RoleKind.SECRETARY, structure.circle, member.person)
    page = client.get(url("policy_detail", pk=policy.pk))
    assert url("policy_amend", pk=policy.pk) in page.text
    assert client.post(amend, data).status_code == 302
    policy.refresh_from_db()
    assert policy.text == "Deuxième version." and policy.version == 2
    # …but not in another circle.
    elsewhere = PolicyFactory(circle=structure.general)
    assert client.get(url("policy_amend", pk=elsewhere.pk)).status_code == 403


def test_a_policy_page_keeps_every_earlier_text(structure):
    staff_user = user_with_role(PlatformRole.STAFF)
    staff = login(staff_user)
    response = staff.post(
        url("policy_adopt", slug=structure.circle.slug),
        {"title": "Principes", "text": "Texte adopté.", "review_date": ""},
    )
    policy = Policy.objects.get(title="Principes")
    assert response.url == url("policy_detail", pk=policy.pk)
    staff.post(
        url("policy_amend", pk=policy.pk),
        {"title": "Principes", "text": "Texte amendé.", "note": "Après consultation"},
    )
    page = login(user_with_role(PlatformRole.MEMBER)).get(url("policy_detail", pk=policy.pk))
    assert "Texte amendé." in page.text
    history = page.text.split('id="versions-heading"')[1]
    assert "Texte adopté." in history and "Après consultation" in history
    assert "Version 2" in history and "Version 1" in history
    staff.post(
        url("policy_status", pk=policy.pk),
        {"status": "under_review", "review_date": days(10).isoformat()},
    )
    policy.refresh_from_db()
    assert policy.status == "under_review"
    assert (
        login(user_with_role(PlatformRole.CITIZEN))
        .get(url("policy_detail", pk=policy.pk))
        .status_code
        == 403
    )


# Memberships and invitations


def test_a_member_joins_an_open_circle_and_leaves_it(structure):
    structure.circle.mode = CircleMode.OPEN
    structure.circle.save()
    member = user_with_person(PlatformRole.MEMBER)
    client = login(member)
    client.post(url("circle_join", slug=structure.circle.slug))
    membership = Membership.objects.get(person=member.person, circle=structure.circle)
    leave = url("membership_leave", pk=membership.pk)
    assert client.get(leave).status_code == 200
    assert client.post(leave, {"note": "Moins disponible"}).status_code == 302
    membership.refresh_from_db()
    assert membership.end_reason == EndReason.LEFT and membership.note == "Moins disponible"
    members = client.get(url("circle_members", slug=structure.circle.slug))
    assert "Moins disponible" in members.text
    # Someone else's membership is not theirs to end.
    other = MembershipFactory(circle=structure.circle)
    assert client.get(url("membership_leave", pk=other.pk)).status_code == 403
    assert client.get(url("membership_remove", pk=other.pk)).status_code == 403


def test_staff_add_and_remove_members(structure):
    staff = login(user_with_role(PlatformRole.STAFF))
    person = PersonFactory(first_name="Paule", last_name="Partenaire")
    response = staff.post(
        url("workstream_member_add", slug=structure.workstream.slug),
        {"person": person.pk, "kind": "external", "note": ""},
    )
    assert response.status_code == 302
    membership = Membership.objects.get(person=person, workstream=structure.workstream)
    assert membership.kind == "external"
    response = staff.post(
        url("workstream_member_add", slug=structure.workstream.slug),
        {"person": person.pk, "kind": "external"},
    )
    assert response.status_code == 400  # already a member
    response = staff.post(url("membership_remove", pk=membership.pk), {"note": "Fin du projet"})
    membership.refresh_from_db()
    assert membership.end_reason == EndReason.REMOVED
    page = staff.get(url("workstream_members", slug=structure.workstream.slug))
    assert "Paule Partenaire" in page.text.split('id="past-heading"')[1]


def test_an_invitation_is_sent_shown_to_the_inviter_and_accepted(
    structure, django_capture_on_commit_callbacks
):
    staff = login(user_with_role(PlatformRole.STAFF))
    with django_capture_on_commit_callbacks(execute=True):
        response = staff.post(
            url("invitation_create", slug=structure.workstream.slug),
            {
                "email": "Actrice@Example.org",
                "kind": "external",
                "message": "Votre regard nous aidera.",
                "expires_in_days": 10,
            },
        )
    assert response.status_code == 302
    assert response.url == url("workstream_members", slug=structure.workstream.slug)
    [message] = mail.outbox
    link = re.search(r"https?://\S+/gouvernance/invitations/\S+/", message.body).group(0)
    path = link.split("testserver", 1)[1]
    members = staff.get(response.url)
    assert link in members.text  # shown once to the inviter
    assert link not in staff.get(response.url).text
    assert "actrice@example.org" in members.text  # pending
    # Anyone with the link sees the invitation and is asked to log in first.
    anonymous = Client()
    page = anonymous.get(path)
    assert page.status_code == 200
    assert "Portrait du logement" in page.text and "Votre regard nous aidera." in page.text
    assert f"{reverse('account_login')}?next={path}" in page.text.replace("%2F", "/")
    assert anonymous.post(path).url.startswith(reverse("account_login"))
    actor = user_with_role(PlatformRole.CITIZEN, email="actrice@example.org")
    client = login(actor)
    response = client.post(path)
    assert response.status_code == 302 and response.url == workstream_page(structure.workstream)
    membership = Membership.objects.get(person__user=actor, workstream=structure.workstream)
    assert membership.kind == "external"
    assert client.get(url("workstream_members", slug=structure.workstream.slug)).status_code == 200
    used = client.get(path)
    assert used.status_code == 410 and "déjà été utilisée" in used.text


def test_expired_revoked_and_unknown_invitation_links_say_why(structure):
    sent = services.invitation_create(
        actor=SYSTEM, workstream=structure.workstream, email="a@example.org"
    )
    staff = login(user_with_role(PlatformRole.STAFF))
    staff.post(url("invitation_revoke", pk=sent.invitation.pk))
    path = url("invitation_accept", token=sent.token)
    revoked = Client().get(path)
    assert revoked.status_code == 410 and "retirée" in revoked.text
    late = services.invitation_create(
        actor=SYSTEM, workstream=structure.workstream, email="b@example.org"
    )
    Invitation.objects.filter(pk=late.invitation.pk).update(
        expires_at=timezone.now() - dt.timedelta(days=1)
    )
    expired = login(user_with_role(PlatformRole.CITIZEN)).post(
        url("invitation_accept", token=late.token)
    )
    assert expired.status_code == 410 and "a expiré" in expired.text
    assert Client().get(url("invitation_accept", token="pas-un-jeton")).status_code == 404


# Calendar


def test_the_calendar_shows_a_month_and_offers_a_private_feed(structure):
    PolicyFactory(circle=structure.circle, title="Politique à revoir", review_date=days(40))
    member = user_with_role(PlatformRole.MEMBER)
    client = login(member)
    page = client.get(url("calendar"), {"month": days(40).strftime("%Y-%m")})
    assert page.status_code == 200
    assert "Politique à revoir" in page.text
    assert page.context["calendar"].events[0].date.month == days(40).month
    assert re.search(r'<h2 id="month-heading">', page.text)
    found = re.search(r'value="(http://testserver/gouvernance/calendrier/[^"]+)"', page.text)
    assert found is not None
    feed = found[1]
    assert Client().get(feed.replace("http://testserver", "")).status_code == 200
    client.post(url("calendar_feed_reset"))
    assert Client().get(feed.replace("http://testserver", "")).status_code == 404
    assert Client().get(url("calendar")).status_code == 302  # log in first


def test_roles_read_as_the_collective_says_them(client, staff):
    """Built-in roles keep their name without repeating their kind; names elide after « de »;
    a circle says how one becomes a member."""
    circle = services.circle_create(
        actor=SYSTEM, data=CircleData(name="Mobilité durable", parent=general_circle())
    )
    workstream = services.workstream_create(
        actor=SYSTEM, data=WorkstreamData(name="Navette rurale", sponsors=[circle])
    )
    ulysse = PersonFactory(first_name="Ulysse", last_name="Tremblay")
    services.role_assign(
        actor=SYSTEM, role=circle.roles.get(kind=RoleKind.FACILITATOR), person=ulysse
    )
    client.force_login(staff)
    page = client.get(url("circle_detail", slug=circle.slug)).text
    assert "Animation" in page and "Facilitation" not in page
    assert "d’Ulysse Tremblay au rôle Animation" in page and "de Ulysse" not in page
    assert "Adhésion : sur décision du cercle" in page
    assert 'Premier lien <span class="meta">' not in page
    workstream_page = client.get(url("workstream_detail", slug=workstream.slug)).text
    assert "Responsable du chantier" in workstream_page
    assert 'Responsable du chantier <span class="meta">' not in workstream_page
    english = client.get(f"/en/governance/circles/{circle.slug}/").text
    # The name stays French (content), its kind is not repeated in English after it.
    assert "Premier lien" in english and "Lead link (premier lien)" not in english


def test_sectors_are_named_as_the_collective_says_them():
    assert Sector.objects.get(key="education").name_fr == "Scolaire et éducation"
    assert (
        Sector.objects.get(key="premieres-nations").name_fr
        == "Autochtone (Premières Nations et Inuit)"
    )


def test_kept_lists_and_calendar_months_show_a_change_at_once(structure):
    """The rows of the lists and a month of the calendar are kept until a change: a new circle,
    workstream or review date shows on the next request."""
    client = login(user_with_role(PlatformRole.MEMBER))
    month = {"month": days(40).strftime("%Y-%m")}
    for path in (url("circle_list"), url("workstream_list")):
        client.get(path)
    assert "Politique à revoir" not in client.get(url("calendar"), month).text
    CircleFactory(name="Aînés actifs")
    WorkstreamFactory(name="Navette des aînés")
    PolicyFactory(circle=structure.circle, title="Politique à revoir", review_date=days(40))
    assert "Aînés actifs" in client.get(url("circle_list")).text
    assert "Navette des aînés" in client.get(url("workstream_list")).text
    assert "Politique à revoir" in client.get(url("calendar"), month).text


def test_kept_circle_and_workstream_pages_show_a_change_at_once(structure):
    """A circle's and a workstream's content is kept until a change: an accountability, a
    sub-circle, a policy, a member or a deliverable shows on the next request."""
    from maillage.governance.services.workstreams import DeliverableData

    client = login(user_with_role(PlatformRole.MEMBER))
    circle_url = circle_page(structure.circle)
    workstream_url = workstream_page(structure.workstream)
    for kept in (circle_url, workstream_url):
        assert client.get(kept).status_code == 200  # now kept
    services.accountability_add(actor=SYSTEM, owner=structure.circle, text="Tenir le registre")
    CircleFactory(name="Logement des aînés", parent=structure.circle)
    PolicyFactory(circle=structure.circle, title="Politique d'accueil")
    MembershipFactory(circle=structure.circle, person=PersonFactory(last_name="Nouvellemembre"))
    page = client.get(circle_url).text
    for shown in ("Tenir le registre", "Logement des aînés", "Politique d", "Nouvellemembre"):
        assert shown in page
    rents = DeliverableData(title="Carte des loyers")
    services.deliverable_add(actor=SYSTEM, workstream=structure.workstream, data=rents)
    MembershipFactory(
        circle=None, workstream=structure.workstream, person=PersonFactory(last_name="Arrivante")
    )
    page = client.get(workstream_url).text
    assert "Carte des loyers" in page and "Arrivante" in page


def test_a_kept_filter_form_offers_a_new_choice_at_once(structure):
    """The map's filters are kept rendered per values given: a new strategy is offered at once,
    and the values chosen stay selected."""
    from maillage.governance.models import Strategy

    client = Client()
    assert "Action sur les loyers" not in client.get(MAP).text
    Strategy.objects.create(key="loyers", name_fr="Action sur les loyers", name_en="Rent action")
    assert "Action sur les loyers" in client.get(MAP).text
    chosen = client.get(MAP, {"strategy": "loyers"}).text
    assert re.search(r'<option value="loyers" selected>', chosen)
    assert not re.search(r'<option value="loyers" selected>', client.get(MAP).text)


def test_the_kept_roles_hold_no_token_and_their_buttons_post_the_pages_own_form(structure):
    """A circle's accountabilities and roles are kept rendered for the staff too: their remove
    buttons post the page's one form, which holds this request's token, outside the kept part."""
    staff = user_with_role(PlatformRole.STAFF)
    circle = structure.circle
    role = circle.roles.filter(archived_at__isnull=True).first()
    own = services.accountability_add(actor=staff, owner=circle, text="Tenir le registre")
    services.accountability_add(actor=staff, owner=role, text="Animer les rencontres")
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    first.force_login(staff)
    second.force_login(staff)
    first.get(circle_page(circle))  # kept now, with the first visitor's token
    page = second.get(circle_page(circle)).text
    tokens = re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    assert 'form="governance-post"' in page and '<form id="governance-post"' in page
    remove = url("circle_accountability_remove", pk=own.pk)
    assert f'formaction="{remove}"' in page and "Animer les rencontres" in page
    # The page's one form holds the second visitor's own token: the post goes through.
    form = re.search(r'<form id="governance-post"[^>]*>.*?</form>', page, re.S).group(0)
    [token] = re.findall(r'value="([^"]+)"', form)
    assert token in tokens
    response = second.post(remove, {"csrfmiddlewaretoken": token})
    assert response.status_code == 302
    assert not circle.accountabilities.filter(pk=own.pk).exists()
    assert f'formaction="{remove}"' not in second.get(circle_page(circle)).text
