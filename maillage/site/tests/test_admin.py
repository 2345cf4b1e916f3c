"""The site editor (Wagtail's admin) is for coordination staff and administrators only, logs in
through the platform's login, and is the only place with a relaxed Content Security Policy."""

import pytest

from maillage.core.roles import ANONYMOUS, Role
from maillage.site.tests import factories

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("role", [Role.CITIZEN, Role.GUEST, Role.MEMBER])
def test_below_staff_cannot_reach_the_editor(client_as, role):
    response = client_as(role).get("/edition/")
    assert response.status_code == 403
    assert "personnel de coordination" in response.text


def test_a_partner_member_cannot_open_a_page_in_the_editor(member_client):
    page = factories.standard_page()
    assert member_client.get(f"/edition/pages/{page.pk}/edit/").status_code == 403


def test_a_visitor_is_sent_to_the_platform_login(client_as):
    response = client_as(ANONYMOUS).get("/edition/pages/")
    assert response.status_code == 302
    assert response["Location"].startswith("/comptes/login/?next=/edition/pages/")


def test_wagtails_own_login_forms_hand_over_to_the_platform(client_as):
    assert client_as(ANONYMOUS).get("/edition/login/")["Location"].startswith("/comptes/login/")
    assert client_as(ANONYMOUS).get("/_util/login/")["Location"].startswith("/comptes/login/")


@pytest.mark.parametrize("role", [Role.STAFF, Role.ADMIN])
def test_staff_and_administrators_edit_pages(client_as, role):
    client = client_as(role)
    page = factories.standard_page()
    assert client.get("/edition/").status_code == 200
    assert client.get(f"/edition/pages/{page.pk}/edit/").status_code == 200


def test_staff_without_a_second_factor_enrol_first(client, settings):
    from maillage.core.tests.factories import user_with_role

    client.force_login(user_with_role(Role.STAFF, mfa=False))
    response = client.get("/edition/")
    assert response.status_code == 302
    assert "/comptes/2fa/" in response["Location"]


@pytest.mark.parametrize("path", ["/edition/users/", "/edition/groups/"])
def test_accounts_and_groups_are_not_managed_in_the_editor(client_as, path):
    assert client_as(Role.ADMIN).get(path).status_code == 403


def test_the_editor_has_a_relaxed_csp_and_public_pages_keep_the_strict_one(staff_client):
    editor = staff_client.get("/edition/").headers["Content-Security-Policy"]
    assert "'unsafe-inline'" in editor
    public = staff_client.get("/").headers["Content-Security-Policy"]
    assert "'unsafe-inline'" not in public
    assert "script-src 'self' 'nonce-" in public
