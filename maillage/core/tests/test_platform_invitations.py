"""Invitations to the platform: sent by e-mail through a task, sent again, withdrawn, accepted by
the invited person only, who gets the invited role."""

from __future__ import annotations

from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from maillage.core import selectors, services
from maillage.core.models import AuditEvent, PlatformInvitation, User
from maillage.core.permissions import reason_for
from maillage.core.roles import Role
from maillage.core.tasks import send_platform_invitation_email
from maillage.core.tests.browsing import href, link_in, submit
from maillage.core.tests.factories import PASSWORD, UserFactory, user_with_role

pytestmark = pytest.mark.django_db

INVITED = "rose.tremblay@exemple.org"
MASKED = "r•••@exemple.org"
LINK = r"https?://\S+/invitation/\S+/"


@pytest.fixture
def inviter(db):
    return user_with_role(Role.STAFF, first_name="Hélène", last_name="Côté")


def invite(actor, email=INVITED, **kwargs):
    return services.platform_invitation_create(actor=actor, email=email, **kwargs)


def logged_in(user):
    client = Client()
    client.force_login(user)
    return client


# The service


def test_an_invitation_is_recorded_audited_and_e_mailed_once_committed(
    inviter, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        sent = invite(inviter, email=" Rose.Tremblay@Exemple.org ")
    assert mail.outbox == []  # nothing leaves before the commit
    for callback in callbacks:
        callback()
    invitation = sent.invitation
    assert (invitation.email, invitation.role, invitation.invited_by) == (
        INVITED,
        Role.MEMBER,
        inviter,
    )
    assert invitation.is_pending and invitation.sent_at is not None
    # Only the token's hash is kept.
    assert sent.token not in invitation.token_hash and len(invitation.token_hash) == 64
    event = AuditEvent.objects.get(verb="platform_invitation.sent")
    assert (event.actor, event.target) == (inviter, invitation)
    [message] = mail.outbox
    assert message.to == [INVITED]
    assert sent.token in message.body


def test_the_e_mail_is_in_french_in_the_collectives_name_with_an_absolute_link(
    inviter, settings, django_capture_on_commit_callbacks
):
    settings.MAILLAGE_BASE_URL = "https://maillage.example.org"
    with django_capture_on_commit_callbacks(execute=True):
        sent = invite(inviter)
    [message] = mail.outbox
    assert message.subject == "[Collectif IDS-CN] Invitation à la plateforme de collaboration"
    body = message.body
    assert "Hélène Côté vous invite à rejoindre la plateforme de collaboration" in body
    assert settings.MAILLAGE_COLLECTIVE_NAME in body
    assert "« Membre partenaire »" in body
    assert "courriel" in body and "e-mail" not in body
    assert f"https://maillage.example.org/invitation/{sent.token}/" in body
    assert "Cette invitation expire le" in body
    # A name only: the inviter's address is theirs to share.
    assert inviter.email not in body


def test_the_link_takes_the_address_the_inviter_used(inviter, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        sent = invite(inviter, base_url="http://testserver/")
    assert sent.accept_url == f"http://testserver/invitation/{sent.token}/"
    assert sent.accept_url in mail.outbox[0].body


def test_inviting_again_replaces_the_pending_invitation(inviter):
    first = invite(inviter).invitation
    second = invite(inviter).invitation
    first.refresh_from_db()
    assert first.revoked_at is not None and second.is_pending
    assert AuditEvent.objects.filter(verb="platform_invitation.sent").last().payload == {
        "role": "member",
        "replaces": [],
    }
    assert AuditEvent.objects.filter(verb="platform_invitation.sent").first().payload == {
        "role": "member",
        "replaces": [first.pk],
    }


@pytest.mark.parametrize("role", [Role.CITIZEN, Role.GUEST, Role.MEMBER])
def test_only_staff_invite(role):
    with pytest.raises(PermissionDenied) as refused:
        invite(user_with_role(role))
    assert str(refused.value) == reason_for("core.invite_to_platform")
    assert not PlatformInvitation.objects.exists()


def test_staff_may_not_invite_to_a_staff_role(inviter):
    with pytest.raises(PermissionDenied):
        invite(inviter, role=Role.STAFF)
    with pytest.raises(ValidationError) as refused:
        invite(user_with_role(Role.ADMIN), role=Role.STAFF)
    assert "role" in refused.value.message_dict


@pytest.mark.parametrize(
    ("account", "said"),
    [
        ({"role": Role.MEMBER}, "a déjà l’accès « Membre partenaire » ou plus"),
        ({"role": Role.STAFF}, "a déjà l’accès"),
        ({"role": Role.CITIZEN, "is_active": False}, "est désactivé"),
    ],
)
def test_an_address_whose_account_has_the_access_or_is_deactivated_is_refused(
    inviter, account, said
):
    UserFactory(email=INVITED, **account)
    with pytest.raises(ValidationError) as refused:
        invite(inviter)
    assert said in refused.value.message_dict["email"][0]
    assert not PlatformInvitation.objects.exists()


def test_an_address_added_to_another_account_counts_as_that_accounts(inviter):
    account = UserFactory(email="rose@travail.example", role=Role.MEMBER)
    EmailAddress.objects.create(user=account, email=INVITED, verified=False)
    assert selectors.account_for_email(INVITED.upper()) == account
    with pytest.raises(ValidationError):
        invite(inviter)


def test_a_citizen_account_may_be_invited(inviter):
    UserFactory(email=INVITED, role=Role.CITIZEN)
    assert invite(inviter).invitation.is_pending


def test_a_bad_address_is_refused_at_its_field(inviter):
    with pytest.raises(ValidationError) as refused:
        invite(inviter, email="pas une adresse")
    assert refused.value.message_dict == {"email": ["Saisissez une adresse courriel valide."]}


def test_sending_again_extends_the_same_link(inviter, django_capture_on_commit_callbacks):
    sent = invite(inviter)
    invitation = sent.invitation
    PlatformInvitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - timedelta(days=1)
    )
    invitation.refresh_from_db()
    assert not invitation.is_pending
    with django_capture_on_commit_callbacks(execute=True):
        services.platform_invitation_resend(actor=inviter, invitation=invitation)
    invitation.refresh_from_db()
    assert invitation.is_pending
    assert invitation.expires_at > timezone.now() + timedelta(days=13)
    [message] = mail.outbox
    assert sent.token in message.body  # the same link
    assert AuditEvent.objects.filter(verb="platform_invitation.resent", target_id=invitation.pk)


def test_sending_again_after_the_secret_key_changed_makes_a_new_link(
    inviter, settings, django_capture_on_commit_callbacks
):
    sent = invite(inviter)
    settings.SECRET_KEY = "another-secret-key-" + "x" * 40
    with django_capture_on_commit_callbacks(execute=True):
        services.platform_invitation_resend(actor=inviter, invitation=sent.invitation)
    [message] = mail.outbox
    token = selectors.platform_invitation_token(PlatformInvitation.objects.get())
    assert token is not None and token != sent.token
    assert token in message.body


def test_a_withdrawn_invitation_no_longer_works_nor_is_sent(
    inviter, django_capture_on_commit_callbacks
):
    sent = invite(inviter)
    services.platform_invitation_revoke(actor=inviter, invitation=sent.invitation)
    sent.invitation.refresh_from_db()
    assert sent.invitation.revoked_by == inviter
    assert AuditEvent.objects.filter(verb="platform_invitation.revoked").exists()
    with pytest.raises(ValidationError) as refused:
        services.platform_invitation_accept(actor=UserFactory(email=INVITED), token=sent.token)
    assert refused.value.code == "revoked"
    assert send_platform_invitation_email.call(sent.invitation.pk) is False
    for again in (services.platform_invitation_revoke, services.platform_invitation_resend):
        with pytest.raises(ValidationError):
            again(actor=inviter, invitation=sent.invitation)
    with pytest.raises(PermissionDenied):
        services.platform_invitation_revoke(
            actor=user_with_role(Role.MEMBER), invitation=sent.invitation
        )


def test_accepting_gives_the_invited_role_and_is_audited(inviter):
    sent = invite(inviter)
    account = UserFactory(email=INVITED, role=Role.CITIZEN)
    services.platform_invitation_accept(actor=account, token=sent.token)
    account.refresh_from_db()
    assert account.role == Role.MEMBER
    invitation = PlatformInvitation.objects.get()
    assert (invitation.accepted_by, invitation.is_pending) == (account, False)
    role_change = AuditEvent.objects.get(verb="user.role_changed")
    assert role_change.actor == account
    assert role_change.payload["to"] == "member"
    assert AuditEvent.objects.filter(verb="platform_invitation.accepted").exists()
    with pytest.raises(ValidationError) as used:
        services.platform_invitation_accept(actor=account, token=sent.token)
    assert used.value.code == "used"


def test_accepting_never_lowers_a_role(inviter):
    sent = invite(inviter)
    staff = user_with_role(Role.STAFF, email="rose@travail.example")
    EmailAddress.objects.create(user=staff, email=INVITED, verified=True)
    services.platform_invitation_accept(actor=staff, token=sent.token)
    staff.refresh_from_db()
    assert staff.role == Role.STAFF
    assert not AuditEvent.objects.filter(verb="user.role_changed").exists()


def test_only_an_account_that_confirmed_the_invited_address_accepts(inviter):
    sent = invite(inviter)
    for stranger in (UserFactory(), UserFactory(email=INVITED.upper(), verified=False)):
        with pytest.raises(PermissionDenied) as refused:
            services.platform_invitation_accept(actor=stranger, token=sent.token)
        assert str(refused.value) == reason_for("core.accept_platform_invitation")
        assert User.objects.get(pk=stranger.pk).role == Role.CITIZEN
    assert PlatformInvitation.objects.get().is_pending


def test_an_expired_or_unknown_link_is_refused_with_its_reason(inviter):
    sent = invite(inviter)
    PlatformInvitation.objects.update(expires_at=timezone.now() - timedelta(minutes=1))
    with pytest.raises(ValidationError) as expired:
        services.platform_invitation_accept(actor=UserFactory(email=INVITED), token=sent.token)
    assert expired.value.code == "expired" and "a expiré le" in expired.value.messages[0]
    with pytest.raises(ValidationError) as unknown:
        selectors.platform_invitation_by_token("pas-un-jeton")
    assert unknown.value.code == "invalid"


# The pages of the link


@pytest.fixture
def link(inviter, django_capture_on_commit_callbacks):
    """An invitation sent by staff, and the path of its link as the e-mail gives it."""
    with django_capture_on_commit_callbacks(execute=True):
        invite(inviter, base_url="http://testserver/")
    return link_in(mail.outbox[-1], LINK)


def test_an_anonymous_visitor_sees_who_invites_them_but_no_address(link):
    page = Client().get(link)
    assert page.status_code == 200
    assert "Hélène Côté vous invite" in page.text and "Membre partenaire" in page.text
    assert INVITED not in page.text and MASKED in page.text
    assert "Accepter l’invitation" not in page.text
    for action in ("signup", "login"):
        assert f'href="/comptes/{action}/?next={link}"' in page.text


def test_a_brand_new_account_signs_up_from_the_link_and_lands_with_the_member_role(link):
    browser = Client()
    page = browser.get(link)
    form = browser.get(href(r'href="(/comptes/signup/\?next=[^"]+)"', page))
    # The sign-up reminds the person of the invited address without showing it.
    assert MASKED in form.text and INVITED not in form.text
    fields = {"first_name": "Rose", "last_name": "Tremblay", "email": INVITED}
    fields |= {"password1": PASSWORD, "password2": PASSWORD}
    signed_up = submit(browser, form, fields, containing="signup")
    assert signed_up.status_code == 302
    account = User.objects.get(email=INVITED)
    assert account.role == Role.CITIZEN  # nothing before the address is confirmed
    confirmation = browser.get(link_in(mail.outbox[-1], r"https?://\S+/comptes/confirm-email/\S+"))
    back = submit(browser, confirmation, containing="confirm-email", follow=True)
    # Back at the invitation, logged in: the invited person sees their address and accepts.
    assert back.redirect_chain[-1][0] == link
    assert INVITED in back.text and "Accepter l’invitation" in back.text
    accepted = submit(browser, back, containing="invitation", follow=True)
    # In My space, the landing page after login.
    assert accepted.redirect_chain[-1][0] == reverse("core:my_space")
    assert "Bienvenue sur la plateforme : votre accès est maintenant « Membre partenaire »" in (
        accepted.text
    )
    account.refresh_from_db()
    assert account.role == Role.MEMBER


def test_another_account_holding_the_link_is_refused_without_the_address(link):
    other = logged_in(UserFactory(email="quelquun@ailleurs.org"))
    page = other.get(link)
    assert "destinée à quelqu’un d’autre" in page.text and INVITED not in page.text
    refused = other.post(link)
    assert refused.status_code == 403
    assert INVITED not in refused.text
    assert User.objects.get(email="quelquun@ailleurs.org").role == Role.CITIZEN
    assert PlatformInvitation.objects.get().is_pending


def test_an_unusable_link_says_why(link, inviter):
    assert Client().get("/invitation/pas-un-jeton/").status_code == 404
    services.platform_invitation_revoke(actor=inviter, invitation=PlatformInvitation.objects.get())
    gone = Client().get(link)
    assert gone.status_code == 410
    assert "Cette invitation a été retirée" in gone.text


def test_posting_without_an_account_asks_to_log_in(link):
    response = Client().post(link)
    assert response.status_code == 302 and "/comptes/login/" in response["Location"]
    assert PlatformInvitation.objects.get().is_pending


def test_my_space_lists_an_invitation_waiting_for_an_existing_account(inviter):
    account = UserFactory(email=INVITED, role=Role.CITIZEN)
    sent = invite(inviter)
    page = logged_in(account).get(reverse("core:my_space"))
    assert "Invitations à la plateforme" in page.text
    assert "Accès « Membre partenaire »" in page.text
    assert f'href="/invitation/{sent.token}/"' in page.text
    # Not to another account, nor once accepted.
    assert "Invitations à la plateforme" not in logged_in(UserFactory()).get("/mon-espace/").text
    services.platform_invitation_accept(actor=account, token=sent.token)
    assert "Invitations à la plateforme" not in logged_in(account).get("/mon-espace/").text


def test_my_space_keeps_the_invitations_and_shows_each_change_at_once(inviter, monkeypatch):
    """What awaits is kept per account between visits (`my_space.AWAITING_CACHE`): an invitation
    sent, withdrawn, or sent to an address confirmed later shows on the next visit, and one that
    expired since it was kept is left out."""
    account = UserFactory(email=INVITED, role=Role.CITIZEN)
    client = logged_in(account)
    assert "Invitations à la plateforme" not in client.get("/mon-espace/").text
    sent = invite(inviter)
    assert f'href="/invitation/{sent.token}/"' in client.get("/mon-espace/").text
    services.platform_invitation_revoke(actor=inviter, invitation=sent.invitation)
    assert "Invitations à la plateforme" not in client.get("/mon-espace/").text
    # Sent to another address of the account, shown once that address is confirmed.
    other = invite(inviter, email="rose@autre.exemple.org")
    assert "Invitations à la plateforme" not in client.get("/mon-espace/").text
    EmailAddress.objects.create(user=account, email="rose@autre.exemple.org", verified=True)
    assert f'href="/invitation/{other.token}/"' in client.get("/mon-espace/").text
    # Expired since it was kept: gone, although nothing was written.
    later = other.invitation.expires_at + timedelta(minutes=1)
    monkeypatch.setattr(timezone, "now", lambda: later)
    assert "Invitations à la plateforme" not in client.get("/mon-espace/").text
