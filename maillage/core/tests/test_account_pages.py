"""The staff's pages of accounts and access, in French; the Django admin kept for administrators."""

from __future__ import annotations

import pytest
from django.contrib import admin
from django.test import Client, RequestFactory
from django.urls import reverse

from maillage.core import services
from maillage.core.actors import SYSTEM
from maillage.core.models import AuditEvent, PlatformInvitation, User
from maillage.core.permissions import reason_for
from maillage.core.roles import ANONYMOUS, Role
from maillage.core.tests.factories import UserFactory, user_with_role

pytestmark = pytest.mark.django_db

LIST = "/gestion-des-acces/"
INVITATIONS = "/gestion-des-acces/invitations/"


def detail_url(account: User) -> str:
    return reverse("core:account_detail", kwargs={"pk": account.pk})


def access_url(account: User) -> str:
    return reverse("core:account_access", kwargs={"pk": account.pk})


def test_the_paths_are_french_and_apart_from_the_account_library():
    assert reverse("core:account_list") == LIST
    assert reverse("core:platform_invitation_list") == INVITATIONS
    assert access_url(User(pk=3)) == "/gestion-des-acces/comptes/3/modifier/"


def test_the_list_shows_each_account_in_french(staff_client):
    UserFactory(email="rose@exemple.org", first_name="Rose", last_name="Tremblay", role=Role.MEMBER)
    UserFactory(email="gone@exemple.org", first_name="Luc", last_name="Parti", is_active=False)
    page = staff_client.get(LIST)
    assert page.status_code == 200
    text = page.text
    assert "<h1>Comptes et accès</h1>" in text
    assert "Tremblay, Rose" in text and "rose@exemple.org" in text
    assert "Membre partenaire" in text
    for heading in ("Nom", "Adresse courriel", "Rôle", "Sièges", "Dernière connexion", "État"):
        assert f'<th scope="col">{heading}</th>' in text or f'class="num">{heading}<' in text
    assert "désactivé" in text and "jamais" in text


def test_the_kept_list_follows_every_change_at_once(staff_client, staff):
    """The list's table and the count of pending invitations are kept rendered
    (`accounts.LIST_CACHE`): a write without signal stays unseen, every saved change shows."""
    rose = UserFactory(email="rose@exemple.org", first_name="Rose", last_name="Tremblay")
    assert "Tremblay, Rose" in staff_client.get(LIST).text
    User.objects.filter(pk=rose.pk).update(last_name="Endouce")
    assert "Endouce" not in staff_client.get(LIST).text
    rose.refresh_from_db()
    rose.last_name = "Gagnon"
    rose.save()
    assert "Gagnon, Rose" in staff_client.get(LIST).text
    UserFactory(email="luc@exemple.org", first_name="Luc", last_name="Nouveau")
    assert "Nouveau, Luc" in staff_client.get(LIST).text
    assert "Invitations en attente (1)" not in staff_client.get(LIST).text
    services.platform_invitation_create(actor=staff, email="marie@exemple.org", role=Role.MEMBER)
    assert "Invitations en attente (1)" in staff_client.get(LIST).text


def test_the_list_filters_by_text_role_and_state(staff_client):
    UserFactory(email="rose@exemple.org", first_name="Rose", last_name="Tremblay")
    UserFactory(email="luc@exemple.org", first_name="Luc", last_name="Martin", role=Role.MEMBER)
    UserFactory(email="ana@exemple.org", first_name="Ana", last_name="Roy", is_active=False)

    def emails(query: str) -> set[str]:
        page = staff_client.get(f"{LIST}?{query}")
        return {a.email for a in page.context["page"].object_list} - {page.context["user"].email}

    assert emails("q=trem") == {"rose@exemple.org"}
    assert emails("q=rose+tremblay") == {"rose@exemple.org"}
    assert emails("role=member") == {"luc@exemple.org"}
    assert emails("state=inactive") == {"ana@exemple.org"}
    # Unknown values are ignored, never an error page.
    assert staff_client.get(f"{LIST}?role=roi&state=%00&page=999").status_code == 200


def test_the_list_is_paginated(staff_client):
    UserFactory.create_batch(30)
    page = staff_client.get(LIST)
    assert len(page.context["page"].object_list) == 25
    assert "Page 1 sur 2" in page.text


@pytest.mark.parametrize("role", [ANONYMOUS, Role.CITIZEN, Role.GUEST, Role.MEMBER])
def test_non_staff_are_refused_with_the_reason(client_as, role):
    account = UserFactory()
    for url in (LIST, detail_url(account), access_url(account), INVITATIONS):
        response = client_as(role).get(url)
        if role == ANONYMOUS:
            assert response.status_code == 302 and "/comptes/login/" in response["Location"]
        else:
            assert response.status_code == 403
            assert "équipe de coordination" in response.text
            assert account.email not in response.text


def test_an_account_page_shows_its_access_invitations_and_history(staff_client, staff):
    account = UserFactory(email="rose@exemple.org", first_name="Rose", last_name="Tremblay")
    services.platform_invitation_create(actor=staff, email="rose@exemple.org")
    services.user_set_role(actor=staff, user=account, role=Role.GUEST, reason="Chantier logement")
    page = staff_client.get(detail_url(account))
    assert page.status_code == 200
    text = page.text
    assert "<h1>Rose Tremblay</h1>" in text
    assert "Invité ou acteur externe" in text
    assert "Modifier l’accès" in text
    assert "Invitations en attente" in text and "Envoyer de nouveau" in text
    assert "rôle modifié" in text and "Chantier logement" in text


def test_staff_change_an_account_role_with_a_reason(staff_client):
    account = UserFactory()
    form = staff_client.get(access_url(account))
    assert form.status_code == 200
    # Staff give only the roles below theirs.
    choices = [value for value, _label in form.context["form"].fields["role"].choices]
    assert choices == ["citizen", "guest", "member"]
    version = form.context["form"]["version"].value()
    refused = staff_client.post(
        access_url(account), {"role": "member", "is_active": "on", "version": version}
    )
    assert refused.status_code == 400
    assert "Indiquez la raison" in refused.text
    assert 'value="member"' in refused.text and "checked" in refused.text  # kept as typed
    done = staff_client.post(
        access_url(account),
        {"role": "member", "is_active": "on", "reason": "Siège au forum", "version": version},
    )
    assert done.status_code == 302 and done["Location"] == detail_url(account)
    account.refresh_from_db()
    assert account.role == Role.MEMBER and account.is_active
    event = AuditEvent.objects.get(verb="user.role_changed")
    assert event.payload["reason"] == "Siège au forum"


def test_staff_deactivate_an_account_through_the_form(staff_client):
    account = UserFactory(role=Role.MEMBER)
    form = staff_client.get(access_url(account)).context["form"]
    staff_client.post(
        access_url(account),
        {"role": "member", "reason": "Départ de l’organisme", "version": form["version"].value()},
    )
    account.refresh_from_db()
    assert not account.is_active
    assert Client().login(email=account.email, password="correct-horse-battery-staple-42") is False


def test_staff_may_not_open_the_access_of_staff_or_an_administrator(staff_client):
    for role in (Role.STAFF, Role.ADMIN):
        account = user_with_role(role)
        response = staff_client.get(access_url(account))
        assert response.status_code == 403
        assert str(reason_for("core.change_role")) in response.text
        assert "Modifier l’accès" not in staff_client.get(detail_url(account)).text


def test_an_administrator_gives_every_role(client_as):
    admin_client = client_as(Role.ADMIN)
    account = UserFactory()
    form = admin_client.get(access_url(account)).context["form"]
    assert [value for value, _l in form.fields["role"].choices] == Role.values
    admin_client.post(
        access_url(account),
        {
            "role": "staff",
            "is_active": "on",
            "reason": "Embauche",
            "version": form["version"].value(),
        },
    )
    assert User.objects.get(pk=account.pk).role == Role.STAFF


def test_the_invitations_page_sends_again_and_withdraws(
    staff_client, staff, django_capture_on_commit_callbacks
):
    sent = services.platform_invitation_create(actor=staff, email="rose@exemple.org")
    page = staff_client.get(INVITATIONS)
    assert "rose@exemple.org" in page.text and "1 invitation en attente" in page.text
    resend = reverse("core:platform_invitation_resend", kwargs={"pk": sent.invitation.pk})
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(resend, {"next": INVITATIONS}, follow=True)
    assert response.redirect_chain[-1][0] == INVITATIONS
    assert "L’invitation a été envoyée de nouveau à rose@exemple.org" in response.text
    revoke = reverse("core:platform_invitation_revoke", kwargs={"pk": sent.invitation.pk})
    # A `next` that is not a path of this site is ignored.
    for elsewhere in ("https://ailleurs.example/", "//ailleurs.example/", "core:account_list"):
        response = staff_client.post(revoke, {"next": elsewhere})
        assert response["Location"] == INVITATIONS
    assert PlatformInvitation.objects.get().revoked_at is not None
    again = staff_client.post(revoke, follow=True)
    assert "déjà été retirée" in again.text


def test_the_pages_keep_their_query_count_whatever_the_accounts(staff_client, query_budget):
    meter = query_budget(12)
    account = UserFactory()

    def grow(n: int) -> None:
        for user in UserFactory.create_batch(n):
            email = f"invite-{user.pk}@exemple.org"
            services.platform_invitation_create(actor=SYSTEM, email=email)
            services.user_set_role(actor=SYSTEM, user=user, role=Role.GUEST, reason="essai")

    urls = [LIST, f"{LIST}?role=guest&q=e", detail_url(account), access_url(account), INVITATIONS]
    grow(3)
    small = [meter.get(staff_client, url) for url in urls]
    grow(40)
    services.platform_invitation_create(actor=SYSTEM, email=account.email)
    large = [meter.get(staff_client, url) for url in urls]
    assert small == large


def test_the_admin_site_is_for_administrators_only_without_the_noise():
    from allauth.mfa.models import Authenticator
    from django_tasks_db.models import DBTaskResult

    # An account made staff outside the role (a repair gone wrong) is still kept out: sent to
    # the admin's login, which says it may not enter.
    staff = user_with_role(Role.STAFF, is_staff=True)
    client = Client()
    client.force_login(staff)
    refused = client.get("/administration/", follow=True)
    assert refused.redirect_chain[0][0].startswith("/administration/login/")
    assert "pas autorisé" in refused.text
    request = RequestFactory().get("/administration/")
    request.user = staff
    assert not admin.site.has_permission(request)
    admin_client = Client()
    admin_client.force_login(user_with_role(Role.ADMIN))
    index = admin_client.get("/administration/")
    assert index.status_code == 200
    assert "/administration/core/user/" in index.text
    assert "/administration/django_tasks_database/" not in index.text
    assert "/administration/mfa/" not in index.text
    # Restricted once the project's URLs, and so every app's admin, are loaded.
    assert not admin.site.is_registered(DBTaskResult)
    assert not admin.site.is_registered(Authenticator)
    assert admin.site.is_registered(User)
