"""Invitations bound to the invited person, and the sign-up through an invitation's link."""

import re
from html.parser import HTMLParser

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse

from maillage.core.models import User
from maillage.core.roles import Role as PlatformRole
from maillage.core.tests.factories import PASSWORD, UserFactory, user_with_role
from maillage.governance import services
from maillage.governance.models import Invitation, Membership
from maillage.governance.services import SYSTEM, WorkstreamData
from maillage.governance.tests.factories import housing_circle
from maillage.network.models import Person

pytestmark = pytest.mark.django_db


INVITED = "rose.tremblay@exemple.org"
MASKED = "r•••@exemple.org"


@pytest.fixture
def workstream(general):
    workstream = services.workstream_create(
        actor=SYSTEM,
        data=WorkstreamData(name="Portrait du logement", sponsors=[housing_circle()]),
    )
    services.workstream_transition(actor=SYSTEM, workstream=workstream, transition="launch")
    return workstream


class _Forms(HTMLParser):
    """The POST forms of a page: action and prefilled values, as a browser would send them."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: list[tuple[str, dict[str, str]]] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and (attrs.get("method") or "").lower() == "post":
            self.forms.append((attrs.get("action") or "", {}))
        elif (
            tag == "input"
            and self.forms
            and attrs.get("name")
            and attrs.get("type") not in ("submit", "checkbox", "radio")
        ):
            self.forms[-1][1][attrs["name"]] = attrs.get("value") or ""


def submit(browser, page, data=None, *, containing="", **kwargs):
    """Post the page's form (the first whose action contains `containing`) like a browser."""
    parser = _Forms()
    parser.feed(page.text)
    here = page.request["PATH_INFO"]
    action, values = next((a or here, v) for a, v in parser.forms if containing in (a or here))
    return browser.post(action, {**values, **(data or {})}, **kwargs)


def href(pattern, page):
    """The link of `page` that `pattern` (with one group) finds."""
    found = re.search(pattern, page.text)
    assert found is not None, pattern
    return found[1]


def link_in(message, pattern):
    [link] = re.findall(pattern, message.body)
    return link.split("testserver", 1)[1]


@pytest.fixture
def sent(workstream, django_capture_on_commit_callbacks):
    """An invitation sent by a staff member through the page, and the path of its link as the
    e-mail gives it."""
    staff = user_with_role(PlatformRole.STAFF, first_name="Hélène", last_name="Côté")
    client = Client()
    client.force_login(staff)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("governance:invitation_create", kwargs={"slug": workstream.slug}),
            {"email": INVITED, "kind": "external", "expires_in_days": 14},
        )
    [message] = mail.outbox
    assert message.to == [INVITED]
    return link_in(message, r"https?://\S+/gouvernance/invitations/\S+/")


def logged_in(user):
    client = Client()
    client.force_login(user)
    return client


def sign_up_from(browser, invitation, **data):
    """From the invitation's page, follow "Create an account" and send the form."""
    page = browser.get(invitation)
    signup = href(r'href="(/comptes/signup/\?next=[^"]+)"', page)
    form = browser.get(signup)
    assert form.status_code == 200
    fields = {"first_name": "Rose", "last_name": "Tremblay", "password1": PASSWORD}
    fields["password2"] = PASSWORD
    response = submit(browser, form, {**fields, **data}, containing="signup")
    assert response.status_code == 302, response.context["form"].errors
    return form


def test_signing_up_from_the_link_still_requires_typing_the_address(sent):
    browser = Client()
    page = browser.get(sent)
    form = browser.get(href(r'href="(/comptes/signup/\?next=[^"]+)"', page))
    data = {"first_name": "Rose", "last_name": "Tremblay", "email": ""}
    response = submit(
        browser, form, {**data, "password1": PASSWORD, "password2": PASSWORD}, containing="signup"
    )
    # Holding the link proves nothing about the mailbox: no account is opened for the address.
    assert response.status_code == 200
    assert response.context["form"].errors["email"] == ["Champ requis."]
    assert not User.objects.filter(email=INVITED).exists()


def test_an_external_actor_signs_up_through_the_link_and_joins(sent, workstream):
    browser = Client()
    form = sign_up_from(browser, sent, email=INVITED)
    # The form reminds the person of the invited address without showing it.
    assert MASKED in form.text and INVITED not in form.text
    account = User.objects.get(email=INVITED)
    assert (account.first_name, account.last_name) == ("Rose", "Tremblay")
    confirmation = mail.outbox[-1]
    assert confirmation.to == [INVITED]
    page = browser.get(link_in(confirmation, r"https?://\S+/comptes/confirm-email/\S+"))
    assert page.status_code == 200
    back = submit(browser, page, containing="confirm-email", follow=True)
    # Back at the invitation, logged in: the invited person sees their address and accepts.
    assert back.redirect_chain[-1][0] == sent
    assert back.context["user"] == account and INVITED in back.text
    accepted = submit(browser, back, containing="invitations", follow=True)
    assert accepted.redirect_chain[-1][0] == reverse(
        "governance:workstream_detail", kwargs={"slug": workstream.slug}
    )
    assert "Bienvenue dans le chantier" in accepted.text
    membership = Membership.objects.get(workstream=workstream, ended_at__isnull=True)
    person = membership.person
    assert (person.first_name, person.last_name, person.user) == ("Rose", "Tremblay", account)
    assert membership.kind == "external"
    members = reverse("governance:workstream_members", kwargs={"slug": workstream.slug})
    assert browser.get(members).status_code == 200


def test_confirming_in_another_browser_leads_back_to_the_invitation(sent, workstream):
    sign_up_from(Client(), sent, email=INVITED)
    elsewhere = Client()
    page = elsewhere.get(link_in(mail.outbox[-1], r"https?://\S+/comptes/confirm-email/\S+"))
    back = submit(elsewhere, page, containing="confirm-email", follow=True)
    assert back.redirect_chain[-1][0] == sent
    assert EmailAddress.objects.get(email=INVITED).verified
    # Not logged in there: the page asks to log in, and the login comes back to it.
    login = href(r'href="(/comptes/login/\?next=[^"]+)"', back)
    page = elsewhere.get(login)
    back = submit(elsewhere, page, {"login": INVITED, "password": PASSWORD}, follow=True)
    assert back.redirect_chain[-1][0] == sent
    submit(elsewhere, back, containing="invitations")
    assert Membership.objects.filter(workstream=workstream, person__user__email=INVITED).exists()


def test_an_invitation_link_used_by_another_account_is_refused_and_joins_nobody(sent, workstream):
    other = logged_in(UserFactory(email="quelquun@ailleurs.org"))
    page = other.get(sent)
    assert page.status_code == 200
    assert "destinée à quelqu’un d’autre" in page.text and MASKED in page.text
    assert INVITED not in page.text
    assert "Accepter l’invitation" not in page.text
    refused = other.post(sent)
    assert refused.status_code == 403
    assert "destinée à quelqu’un d’autre" in refused.text and INVITED not in refused.text
    assert not Membership.objects.filter(workstream=workstream).exists()
    assert not Person.objects.filter(user__email="quelquun@ailleurs.org").exists()
    invitation = Invitation.objects.get()
    assert invitation.accepted_at is None and invitation.is_pending
    # The invited person still can.
    logged_in(UserFactory(email=INVITED)).post(sent)
    assert Membership.objects.get(workstream=workstream).person.user.email == INVITED


def test_signing_up_through_the_link_with_another_address_does_not_make_it_the_invited_one(
    sent, workstream
):
    browser = Client()
    sign_up_from(browser, sent, email="ami@ailleurs.org")
    page = browser.get(link_in(mail.outbox[-1], r"https?://\S+/comptes/confirm-email/\S+"))
    back = submit(browser, page, containing="confirm-email", follow=True)
    assert back.redirect_chain[-1][0] == sent
    assert "destinée à quelqu’un d’autre" in back.text and INVITED not in back.text
    assert browser.post(sent).status_code == 403
    assert not Membership.objects.filter(workstream=workstream).exists()


def test_the_service_accepts_for_a_confirmed_invited_address_only(workstream):
    sent = services.invitation_create(actor=SYSTEM, workstream=workstream, email=INVITED)
    for stranger in (UserFactory(), UserFactory(email=INVITED.upper(), verified=False)):
        with pytest.raises(PermissionDenied) as refused:
            services.invitation_accept(actor=stranger, token=sent.token)
        assert "une autre adresse" in str(refused.value)
    assert not Membership.objects.exists()
    # The invited address confirmed as a second address of an existing account is enough.
    account = UserFactory(email="rose@travail.example")
    EmailAddress.objects.create(user=account, email=INVITED, verified=True, primary=False)
    membership = services.invitation_accept(actor=account, token=sent.token)
    assert membership.person.user == account


def test_an_anonymous_visitor_sees_who_invites_them_to_what_but_no_address(sent):
    page = Client().get(sent)
    assert page.status_code == 200
    assert "Hélène Côté" in page.text and "Portrait du logement" in page.text
    assert INVITED not in page.text and MASKED in page.text
    assert "Accepter l’invitation" not in page.text
    for action in ("login", "signup"):
        assert f'href="/comptes/{action}/?next={sent}"' in page.text


def test_the_invited_account_sees_its_address_and_accepts(sent, workstream):
    invited = logged_in(UserFactory(email=INVITED))
    page = invited.get(sent)
    assert INVITED in page.text and "Accepter l’invitation" in page.text
    assert "quelqu’un d’autre" not in page.text
    response = invited.post(sent)
    assert response.status_code == 302
    assert Membership.objects.get(workstream=workstream).person.user.email == INVITED


def test_an_account_without_names_accepts_without_an_error(sent, workstream):
    account = UserFactory(email=INVITED, first_name="", last_name="")
    assert logged_in(account).post(sent).status_code == 302
    person = Membership.objects.get(workstream=workstream).person
    assert (person.first_name, person.last_name, person.user) == ("Rose", "Tremblay", account)
