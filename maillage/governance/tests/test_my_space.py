"""Governance's sections of My space: roles and their term ends, circles and workstreams (a
guest's workstreams first), invitations awaiting, next dates; and the page's query count."""

from __future__ import annotations

import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.test import Client

from maillage.core.models import Notification
from maillage.core.roles import Role as PlatformRole
from maillage.core.tests.factories import PASSWORD, user_with_role
from maillage.governance import services
from maillage.governance.models import Policy, RoleKind
from maillage.governance.services import SYSTEM
from maillage.governance.tests.factories import (
    CircleFactory,
    MembershipFactory,
    OrganizationFactory,
    PersonFactory,
    PolicyFactory,
    RoleAssignmentFactory,
    RoleFactory,
    SeatFactory,
    WorkstreamFactory,
    days,
    guest_of,
    housing_circle,
    populate,
    user_with_person,
)

pytestmark = pytest.mark.django_db

MY_SPACE = "/mon-espace/"


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def headings(html: str) -> list[str]:
    return re.findall(r'<h2 id="[^"]+">([^<]+)</h2>', html)


def section(html: str, key: str) -> str:
    return html.split(f'id="my-{key}-heading"', 1)[1].split("</section>", 1)[0]


@pytest.fixture
def delegate(general):
    """A partner member who sits for an organization and is the secretary of "Habitation" on its
    behalf, their term ending in ten days, and a member of the general circle."""
    user = user_with_person(PlatformRole.MEMBER, first_name="Camille", last_name="Démo")
    seat = SeatFactory(
        organization=OrganizationFactory(name="Table de Charlevoix (fictif)"), holder=user.person
    )
    housing = housing_circle()
    services.role_assign(
        actor=SYSTEM,
        role=housing.roles.get(kind=RoleKind.SECRETARY),
        person=user.person,
        seat=seat,
        term_end=days(10),
    )
    services.membership_join(actor=SYSTEM, person=user.person, circle=general, seat=seat)
    PolicyFactory(circle=housing, title="Règles de l’habitation", review_date=days(40))
    return user


def test_a_member_sees_seat_role_term_end_circles_dates_and_notifications(delegate):
    elsewhere = CircleFactory(name="Cercle d’ailleurs")
    PolicyFactory(circle=elsewhere, title="Politique d’ailleurs", review_date=days(5))
    page = logged_in(delegate).get(MY_SPACE).text
    assert headings(page) == [
        "Mes sièges",
        "Mes rôles",
        "Mes cercles et chantiers",
        "Ce qui m’attend",
        "Mes prochaines dates",
        "Mes notifications",
        "Mes renseignements personnels",
    ]
    assert "Titulaire pour" in section(page, "seats")
    roles = section(page, "roles")
    assert "<strong>Secrétariat</strong>" in roles
    assert 'cercle <a href="/gouvernance/cercles/habitation/">Habitation</a>' in roles
    assert "au nom de Table de Charlevoix (fictif)" in roles
    assert f'Fin du mandat le <time datetime="{days(10):%Y-%m-%d}">' in roles
    assert "fin prochaine : une élection est à prévoir" in roles
    groups = section(page, "groups")
    assert groups.index("Cercle général") < groups.index("Habitation")
    assert "membre d’office (Secrétariat)" in groups
    dates = section(page, "dates")
    assert "Secrétariat — Camille Démo" in dates and "Règles de l’habitation" in dates
    # Only the dates of their own circles and workstreams.
    assert "Politique d’ailleurs" not in dates
    assert '<a href="/gouvernance/calendrier/">Le calendrier de gouvernance</a>' in dates
    # Being given the role was notified.
    assert "Secrétariat" in section(page, "notifications")


def test_what_my_space_keeps_shows_every_change_at_once(delegate):
    """Seats, roles, groups and dates are kept between visits; a change shows on the next one."""
    client = logged_in(delegate)
    first = client.get(MY_SPACE).text
    assert "Coordination du logement" not in first
    workstream = WorkstreamFactory(name="Chantier logement", sunset_date=days(20))
    services.membership_join(actor=SYSTEM, person=delegate.person, workstream=workstream)
    RoleAssignmentFactory(role=RoleFactory(name="Coordination du logement"), person=delegate.person)
    SeatFactory(
        organization=OrganizationFactory(name="Office d’habitation (fictif)"),
        holder=delegate.person,
    )
    page = client.get(MY_SPACE).text
    assert "Chantier logement" in section(page, "groups")
    assert "Chantier logement" in section(page, "dates")
    assert "Coordination du logement" in section(page, "roles")
    assert "Office d’habitation (fictif)" in section(page, "seats")
    # A date moved in the calendar moves on My space.
    policy = Policy.objects.get(title="Règles de l’habitation")
    policy.review_date = days(3)
    policy.save()
    assert f'datetime="{days(3):%Y-%m-%d}"' in section(client.get(MY_SPACE).text, "dates")


def test_a_term_far_away_is_not_flagged_and_a_role_without_end_says_so(general):
    user = user_with_person(PlatformRole.MEMBER)
    RoleAssignmentFactory(
        role=RoleFactory(name="Trésorerie"), person=user.person, term_end=days(200)
    )
    RoleAssignmentFactory(role=RoleFactory(name="Accueil"), person=user.person)
    roles = section(logged_in(user).get(MY_SPACE).text, "roles")
    assert "Trésorerie" in roles and "Accueil" in roles and "Sans fin de mandat" in roles
    assert "fin prochaine" not in roles


def test_a_guest_sees_their_workstream_first(general):
    workstream = WorkstreamFactory(name="Participation sociale", sunset_date=days(60))
    WorkstreamFactory(name="Chantier voisin", sunset_date=days(30))
    guest = guest_of(workstream)
    page = logged_in(guest).get(MY_SPACE).text
    assert headings(page)[0] == "Mes chantiers"
    mine = section(page, "groups")
    assert '<a href="/gouvernance/chantiers/' in mine and "Participation sociale" in mine
    assert "Invité" in mine
    dates = section(page, "dates")
    assert "Participation sociale" in dates and "Chantier voisin" not in dates
    assert "Chantier voisin" not in mine
    assert "Vous ne détenez aucun siège" in section(page, "seats")


def test_someone_with_nothing_yet_is_told_what_each_section_will_hold():
    page = logged_in(user_with_role(PlatformRole.CITIZEN)).get(MY_SPACE).text
    assert "Vous n’occupez aucun rôle." in section(page, "roles")
    assert "premier lien du cercle ou l’équipe de coordination" in section(page, "roles")
    groups = section(page, "groups")
    assert "Vous n’êtes encore membre d’aucun cercle ni chantier." in groups
    assert '<a href="/gouvernance/">Explorer le modèle de collaboration</a>' in groups
    assert "s’afficheront ici dès que vous participerez" in section(page, "dates")
    assert "Votre compte n’est lié à aucune personne du répertoire" in section(page, "seats")
    # Nothing first: the usual order.
    assert headings(page)[:3] == ["Mes sièges", "Mes rôles", "Mes cercles et chantiers"]


def test_an_invitation_awaits_its_invited_person_with_the_link_to_accept_it(general):
    staff = user_with_role(PlatformRole.STAFF, first_name="Hélène", last_name="Côté")
    workstream = WorkstreamFactory(name="Portrait du logement", sponsors=[general])
    sent = services.invitation_create(
        actor=staff, workstream=workstream, email="rose@exemple.org", expires_in_days=14
    )
    invited = logged_in(user_with_role(PlatformRole.CITIZEN, email="rose@exemple.org"))
    page = invited.get(MY_SPACE).text
    # Something awaits: the section comes first.
    assert headings(page)[0] == "Ce qui m’attend"
    awaiting = section(page, "awaiting")
    assert "<h3>Invitations à des chantiers</h3>" in awaiting
    assert "Portrait du logement" in awaiting and "Envoyée par Hélène Côté" in awaiting
    link = re.search(r'<a href="([^"]+)">Voir l’invitation et l’accepter', awaiting)
    assert link is not None and link[1] == sent.accept_url
    accept = invited.get(link[1])
    assert accept.status_code == 200 and "rose@exemple.org" in accept.text
    # Nobody else sees it.
    other = logged_in(user_with_role(PlatformRole.MEMBER)).get(MY_SPACE).text
    assert "Portrait du logement" not in other


def test_the_invitations_kept_between_visits_follow_every_change(general):
    """The invitations awaiting a person are kept per account (`panels.AWAITING_CACHE`): one
    sent, withdrawn, or to a workstream the person has joined since, shows as it is at once."""
    staff = user_with_role(PlatformRole.STAFF)
    invited = user_with_person(PlatformRole.CITIZEN)
    client = logged_in(invited)
    assert "Invitations à des chantiers" not in client.get(MY_SPACE).text
    housing = WorkstreamFactory(name="Portrait du logement", sponsors=[general])
    sent = services.invitation_create(
        actor=staff, workstream=housing, email=invited.email, expires_in_days=14
    )
    assert "Portrait du logement" in section(client.get(MY_SPACE).text, "awaiting")
    services.invitation_revoke(actor=staff, invitation=sent.invitation)
    assert "Invitations à des chantiers" not in client.get(MY_SPACE).text
    transport = WorkstreamFactory(name="Mobilité durable", sponsors=[general])
    services.invitation_create(
        actor=staff, workstream=transport, email=invited.email, expires_in_days=14
    )
    assert "Mobilité durable" in section(client.get(MY_SPACE).text, "awaiting")
    # Joined by another way: nothing left to accept.
    services.membership_join(actor=SYSTEM, person=invited.person, workstream=transport)
    assert "Invitations à des chantiers" not in client.get(MY_SPACE).text


def test_a_delegate_signs_up_lands_in_my_space_and_sees_their_circle(general):
    """Staff gave a seat and a place in a circle to a delegate who had no account; the delegate
    signs up with the address the directory has, confirms it and lands in My space."""
    person = PersonFactory(first_name="Rose", last_name="Tremblay", email="rose@exemple.org")
    seat = SeatFactory(organization=OrganizationFactory(name="Entraide (fictif)"), holder=person)
    housing = housing_circle()
    services.membership_join(actor=SYSTEM, person=person, circle=housing, seat=seat)
    browser = Client()
    browser.post(
        "/comptes/signup/",
        {
            "first_name": "Rose",
            "last_name": "Tremblay",
            "email": "rose@exemple.org",
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )
    [link] = re.findall(r"https?://testserver(/comptes/confirm-email/\S+)", mail.outbox[-1].body)
    landed = browser.post(link, follow=True)
    assert landed.redirect_chain[-1][0] == MY_SPACE
    assert EmailAddress.objects.get(email="rose@exemple.org").verified
    page = landed.text
    assert "Titulaire pour" in section(page, "seats") and "Entraide (fictif)" in page
    groups = section(page, "groups")
    assert '<a href="/gouvernance/cercles/habitation/">Habitation</a>' in groups


@pytest.mark.parametrize("role", [PlatformRole.MEMBER, PlatformRole.GUEST])
def test_my_space_keeps_its_query_count_as_the_data_and_the_persons_share_grow(
    role, general, query_budget
):
    # The whole page as built (nothing kept yet), the sections of the apps above included
    # (meetings: the action items, and the meetings among the next dates, one query each;
    # participation: the groups with ideas waiting for their answer, up to five more; planning:
    # the actions' ends and the targets' dates among the next dates, two more; privacy: whether
    # the account is the person in charge, for the menu, one more; the policy awaiting acceptance
    # and the consents in force, two more).
    meter = query_budget(33)
    user = user_with_person(role)
    person = user.person
    staff = user_with_role(PlatformRole.STAFF)

    def grow(count):
        populate(count, general)
        for n in range(count):
            organization = OrganizationFactory()
            seat = SeatFactory(
                organization=organization, holder=person, substitutes=[PersonFactory()]
            )
            SeatFactory(substitutes=[person])
            circle = CircleFactory()
            role_ = RoleFactory(circle=circle, elected=True, term_months=12)
            RoleAssignmentFactory(role=role_, person=person, seat=seat, term_end=days(n + 1))
            MembershipFactory(circle=circle, person=person, seat=seat)
            PolicyFactory(circle=circle, review_date=days(n + 2))
            workstream = WorkstreamFactory(sunset_date=days(n + 3))
            MembershipFactory(circle=None, workstream=workstream, person=person, kind="guest")
            invited = WorkstreamFactory(sponsors=[general])
            services.invitation_create(actor=staff, workstream=invited, email=user.email)
            Notification.objects.create(recipient=user, subject=f"Avis {n}")

    grow(2)
    small = meter.get(logged_in(user), MY_SPACE)
    grow(20)
    large = meter.get(logged_in(user), MY_SPACE)
    assert small == large
    page = logged_in(user).get(MY_SPACE).text
    assert "22 notifications non lues." in page
    assert len(re.findall("Voir l’invitation et l’accepter", page)) == 10
