"""Platform access follows the seat: giving a seat offers to invite its holder as a partner
member; ending their last seat offers to lower their access."""

from __future__ import annotations

import datetime
import re

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from maillage.core.models import AuditEvent, Notification, PlatformInvitation, User
from maillage.core.roles import Role
from maillage.core.tests.browsing import href, link_in, submit
from maillage.core.tests.factories import PASSWORD, UserFactory, user_with_role
from maillage.network import services
from maillage.network.models import Person, Seat
from maillage.network.services import SeatData
from maillage.network.tests.factories import OrganizationFactory, PersonFactory, SeatFactory

pytestmark = pytest.mark.django_db

ROSE = "rose.tremblay@exemple.org"
INVITATION_LINK = r"https?://\S+/invitation/\S+/"


@pytest.fixture
def organization(db):
    return OrganizationFactory.create(name="Maison des Lucioles (fictif)")


@pytest.fixture
def rose(db):
    return PersonFactory.create(first_name="Rose", last_name="Tremblay", email=ROSE)


def seat_url(organization, holder=None):
    url = reverse("network:seat_create", kwargs={"slug": organization.slug})
    return f"{url}?holder={holder.pk}" if holder is not None else url


def end_url(seat):
    return reverse("network:seat_end", kwargs={"pk": seat.pk})


def member_account(person, role=Role.MEMBER):
    account = user_with_role(role, email=person.email)
    Person.objects.filter(pk=person.pk).update(user=account)
    person.refresh_from_db()
    return account


# Giving a seat


def test_the_seat_form_offers_the_invitation_before_a_holder_is_chosen(staff_client, organization):
    form = staff_client.get(seat_url(organization)).context["form"]
    assert form.fields["invite"].initial is True
    assert str(form.fields["invite"].label) == (
        "Inviter la personne titulaire sur la plateforme comme membre partenaire, s’il y a lieu"
    )


def test_for_a_chosen_holder_without_access_the_invitation_is_offered_in_their_name(
    staff_client, organization, rose
):
    page = staff_client.get(seat_url(organization, rose))
    assert str(page.context["form"].fields["invite"].label) == (
        "Inviter Rose Tremblay sur la plateforme comme membre partenaire"
    )
    [checkbox] = re.findall(r'<input type="checkbox" name="invite"[^>]*>', page.text)
    assert " checked" in checkbox


@pytest.mark.parametrize(
    ("make", "said"),
    [
        (lambda p: member_account(p), "a déjà l’accès « Membre partenaire »"),
        (lambda p: member_account(p, Role.STAFF), "a déjà l’accès"),
        (lambda p: Person.objects.filter(pk=p.pk).update(email=""), "Aucune adresse courriel"),
    ],
)
def test_for_a_holder_it_would_give_nothing_the_invitation_is_not_offered(
    staff_client, organization, rose, make, said
):
    make(rose)
    page = staff_client.get(seat_url(organization, rose))
    assert "invite" not in page.context["form"].fields
    assert 'name="invite"' not in page.text
    assert said in page.text


def test_choosing_a_holder_asks_for_the_invitation_again_with_htmx(
    staff_client, organization, rose
):
    fragment = staff_client.get(seat_url(organization, rose), HTTP_HX_REQUEST="true")
    assert fragment.status_code == 200
    assert fragment.text.strip().startswith('<div id="seat-invite"')
    assert "Inviter Rose Tremblay" in fragment.text and "<h1>" not in fragment.text
    member_account(rose)
    fragment = staff_client.get(seat_url(organization, rose), HTTP_HX_REQUEST="true")
    assert 'name="invite"' not in fragment.text and "a déjà l’accès" in fragment.text


def test_giving_a_seat_invites_the_holder_by_e_mail(
    staff_client, organization, rose, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(
            seat_url(organization),
            {"holder": rose.pk, "start_date": "2026-06-15", "invite": "on"},
            follow=True,
        )
    assert "Le siège a été attribué." in response.text
    assert f"Une invitation à la plateforme a été envoyée à {ROSE}." in response.text
    invitation = PlatformInvitation.objects.get()
    assert (invitation.email, invitation.role, invitation.subject) == (ROSE, Role.MEMBER, rose)
    [message] = mail.outbox
    assert message.to == [ROSE] and "Membre partenaire" in message.body


def test_without_the_box_ticked_nobody_is_invited(staff_client, organization, rose):
    staff_client.post(seat_url(organization), {"holder": rose.pk, "start_date": "2026-06-15"})
    assert Seat.objects.filter(holder=rose).exists()
    assert not PlatformInvitation.objects.exists()


def test_a_holder_who_has_the_access_gets_the_seat_and_the_reason_of_no_invitation(
    staff_client, organization, rose
):
    member_account(rose)
    response = staff_client.post(
        seat_url(organization),
        {"holder": rose.pk, "start_date": "2026-06-15", "invite": "on"},
        follow=True,
    )
    assert Seat.objects.filter(holder=rose).exists()
    assert not PlatformInvitation.objects.exists()
    assert "Aucune invitation à la plateforme : Le compte de cette adresse a déjà" in (
        response.text
    )


def test_the_seat_and_its_invitation_are_given_together_or_not_at_all(staff, organization, rose):
    first = SeatData(datetime.date(2026, 1, 1))
    services.seat_assign(actor=staff, organization=organization, holder=rose, data=first)
    with pytest.raises(ValidationError):  # the same open seat twice
        services.seat_assign_and_invite(
            actor=staff,
            organization=organization,
            holder=rose,
            data=SeatData(datetime.date(2026, 2, 1)),
            invite=True,
        )
    assert not PlatformInvitation.objects.exists()


def test_from_the_seat_to_the_member_role_with_a_brand_new_account(
    staff_client, organization, rose, django_capture_on_commit_callbacks
):
    """Staff give a seat; the delegate gets the e-mail, signs up through its link, confirms their
    address, accepts, and has the member role, tied to their record and its seat."""
    with django_capture_on_commit_callbacks(execute=True):
        staff_client.post(
            seat_url(organization),
            {"holder": rose.pk, "start_date": "2026-06-15", "invite": "on"},
        )
    [invitation] = mail.outbox
    link = link_in(invitation, INVITATION_LINK)
    browser = Client()
    page = browser.get(link)
    assert "Rose Tremblay" in page.text and "Membre partenaire" in page.text
    signup = browser.get(href(r'href="(/comptes/signup/\?next=[^"]+)"', page))
    fields = {"first_name": "Rose", "last_name": "Tremblay", "email": ROSE}
    fields |= {"password1": PASSWORD, "password2": PASSWORD}
    with django_capture_on_commit_callbacks(execute=True):
        assert submit(browser, signup, fields, containing="signup").status_code == 302
    confirmation = browser.get(link_in(mail.outbox[-1], r"https?://\S+/comptes/confirm-email/\S+"))
    back = submit(browser, confirmation, containing="confirm-email", follow=True)
    assert back.redirect_chain[-1][0] == link
    accepted = submit(browser, back, containing="invitation", follow=True)
    # They land in My space, with the member role, and find their seat there.
    assert accepted.redirect_chain[-1][0] == reverse("core:my_space")
    assert "votre accès est maintenant « Membre partenaire »" in accepted.text
    assert "Maison des Lucioles" in accepted.text
    account = User.objects.get(email=ROSE)
    assert account.role == Role.MEMBER
    rose.refresh_from_db()
    assert rose.user == account
    # As a member, they see the people of the network, their own record and seat among them.
    person_page = browser.get(reverse("network:person_detail", kwargs={"slug": rose.slug}))
    assert person_page.status_code == 200 and "Maison des Lucioles" in person_page.text
    assert PlatformInvitation.objects.get().accepted_by == account


def test_accepting_ties_the_account_to_the_invited_person_even_under_another_address(staff, rose):
    from allauth.account.models import EmailAddress

    from maillage.core import services as core_services

    sent = core_services.platform_invitation_create(actor=staff, email=ROSE, subject=rose)
    account = UserFactory(email="rose@maison.example")
    EmailAddress.objects.create(user=account, email=ROSE, verified=True)
    core_services.platform_invitation_accept(actor=account, token=sent.token)
    rose.refresh_from_db()
    assert rose.user == account
    assert AuditEvent.objects.filter(verb="person.account_linked", target_id=rose.pk).exists()


def test_a_person_tied_to_another_account_stays_so(staff, rose):
    from maillage.core import services as core_services

    sent = core_services.platform_invitation_create(actor=staff, email=ROSE, subject=rose)
    other = UserFactory(email="autre@exemple.org")
    Person.objects.filter(pk=rose.pk).update(user=other)
    account = UserFactory(email=ROSE)
    core_services.platform_invitation_accept(actor=account, token=sent.token)
    rose.refresh_from_db()
    assert rose.user == other
    assert User.objects.get(pk=account.pk).role == Role.MEMBER


# Ending the last seat


@pytest.fixture
def seat(organization, rose):
    return SeatFactory.create(organization=organization, holder=rose)


def test_ending_the_last_seat_offers_to_lower_the_access(staff_client, seat, rose):
    member_account(rose)
    page = staff_client.get(end_url(seat))
    assert page.status_code == 200
    access = page.context["form"].fields["access"]
    assert [value for value, _label in access.choices] == ["", "guest", "citizen"]
    assert access.initial == "guest"
    assert "Garder l’accès « Membre partenaire »" in page.text
    assert "Le réduire à « Invité ou acteur externe »" in page.text


@pytest.mark.parametrize(
    "elsewhere",
    [
        lambda rose: SeatFactory.create(holder=rose),
        lambda rose: SeatFactory.create(substitutes=[rose]),
    ],
)
def test_a_holder_who_sits_elsewhere_keeps_their_access_without_being_asked(
    staff_client, seat, rose, elsewhere
):
    member_account(rose)
    elsewhere(rose)
    form = staff_client.get(end_url(seat)).context["form"]
    assert "access" not in form.fields


@pytest.mark.parametrize("role", [Role.STAFF, Role.CITIZEN])
def test_only_a_partner_members_access_is_offered_lowering(staff_client, seat, rose, role):
    member_account(rose, role)
    assert "access" not in staff_client.get(end_url(seat)).context["form"].fields


def test_ending_the_last_seat_lowers_the_access_audited_and_told(
    staff_client, staff, seat, rose, django_capture_on_commit_callbacks
):
    account = member_account(rose)
    page = staff_client.get(end_url(seat))
    with django_capture_on_commit_callbacks(execute=True):
        response = submit(staff_client, page, {"access": "guest"}, containing="terminer")
    assert response.status_code == 302
    seat.refresh_from_db()
    assert seat.end_date == timezone.localdate()
    account.refresh_from_db()
    assert account.role == Role.GUEST
    event = AuditEvent.objects.get(verb="user.role_changed")
    assert event.actor.role == Role.STAFF
    assert event.payload == {
        "from": "member",
        "to": "guest",
        "reason": "Dernier siège terminé (Maison des Lucioles (fictif)).",
    }
    notification = Notification.objects.get(recipient=account)
    assert notification.subject == "Votre accès à la plateforme a changé"
    assert "« Membre partenaire » à « Invité ou acteur externe »" in notification.body
    [message] = mail.outbox
    assert message.to == [ROSE] and "Maison des Lucioles" in message.body


def test_keeping_the_access_changes_no_role(staff_client, seat, rose):
    account = member_account(rose)
    page = staff_client.get(end_url(seat))
    assert submit(staff_client, page, {"access": ""}, containing="terminer").status_code == 302
    assert User.objects.get(pk=account.pk).role == Role.MEMBER
    assert Seat.objects.get(pk=seat.pk).end_date is not None


def test_lowering_waits_for_the_end_of_the_seat(staff_client, seat, rose):
    account = member_account(rose)
    page = staff_client.get(end_url(seat))
    later = (timezone.localdate() + datetime.timedelta(days=30)).isoformat()
    response = submit(
        staff_client, page, {"access": "citizen", "end_date": later}, containing="terminer"
    )
    assert response.status_code == 400
    assert "L’accès peut être réduit une fois le siège terminé" in response.text
    assert f'value="{later}"' in response.text  # kept as typed
    assert Seat.objects.get(pk=seat.pk).end_date is None
    assert User.objects.get(pk=account.pk).role == Role.MEMBER


def test_the_service_refuses_to_lower_an_access_that_does_not_depend_on_the_seat(staff, seat, rose):
    member_account(rose, Role.STAFF)
    with pytest.raises(ValidationError) as refused:
        services.seat_end(actor=staff, seat=seat, lower_access_to=Role.CITIZEN)
    assert "ne dépend plus de ce siège" in str(refused.value)
    assert Seat.objects.get(pk=seat.pk).end_date is None


# The staff's account pages


def test_the_account_list_counts_open_seats_and_the_page_shows_the_record(
    staff_client, organization, rose
):
    account = member_account(rose)
    SeatFactory.create(organization=organization, holder=rose)
    SeatFactory.create(holder=rose)
    past = {"start_date": datetime.date(2019, 1, 1), "end_date": datetime.date(2020, 1, 1)}
    SeatFactory.create(holder=rose, **past)
    listing = staff_client.get(f"{reverse('core:account_list')}?q={ROSE}")
    [(row_account, values)] = listing.context["rows"]
    assert row_account == account and values == [2]
    # The list is kept rendered: a seat given, or ended, shows at once.
    seat = SeatFactory.create(holder=rose)
    cell = '<td class="num">{}</td>'
    assert cell.format(3) in staff_client.get(f"{reverse('core:account_list')}?q={ROSE}").text
    seat.end_date = datetime.date(2020, 1, 1)
    seat.start_date = datetime.date(2019, 1, 1)
    seat.save()
    assert cell.format(2) in staff_client.get(f"{reverse('core:account_list')}?q={ROSE}").text
    page = staff_client.get(reverse("core:account_detail", kwargs={"pk": account.pk}))
    assert "Dans le réseau des partenaires" in page.text
    assert rose.get_absolute_url() in page.text
    assert "Titulaire pour" in page.text and "Maison des Lucioles" in page.text


def test_a_person_page_links_staff_to_the_account(staff_client, member_client, rose):
    account = member_account(rose)
    url = reverse("network:person_detail", kwargs={"slug": rose.slug})
    assert reverse("core:account_detail", kwargs={"pk": account.pk}) in staff_client.get(url).text
    assert "/gestion-des-acces/" not in member_client.get(url).text
