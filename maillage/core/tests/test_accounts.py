"""Accounts: e-mail login, verification, password reset, MFA for staff, throttling."""

import os
import re
import subprocess
import sys

import pytest
from allauth.account.models import EmailAddress
from django.conf import settings
from django.core import mail
from django.test import Client
from django.urls import reverse

from maillage.core.models import User
from maillage.core.roles import Role
from maillage.core.tests.factories import PASSWORD, UserFactory, user_with_role

pytestmark = pytest.mark.django_db
LOGIN = "/comptes/login/"


def test_login_by_email(client):
    UserFactory(email="ana@example.org")
    response = client.post(LOGIN, {"login": "ana@example.org", "password": PASSWORD})
    assert response.status_code == 302
    assert client.get("/").context["user"].email == "ana@example.org"


def test_wrong_password_keeps_the_email_and_says_why_in_french(client):
    UserFactory(email="ana@example.org")
    response = client.post(LOGIN, {"login": "ana@example.org", "password": "nope"})
    assert response.status_code == 200
    assert 'value="ana@example.org"' in response.text
    assert "mot de passe" in response.text.lower()
    assert 'aria-invalid="true"' in response.text or "errorlist" in response.text


def test_login_is_throttled_after_repeated_failures(client):
    UserFactory(email="ana@example.org")
    for attempt in range(5):
        client.post(LOGIN, {"login": "ana@example.org", "password": f"bad{attempt}"})
    # Even the right password is refused until the window passes.
    response = client.post(LOGIN, {"login": "ana@example.org", "password": PASSWORD})
    assert "Trop de tentatives de connexion" in response.text
    assert "_auth_user_id" not in client.session


THROTTLED = "Trop de tentatives de connexion"


def login_from(address: str, email: str, password: str, *, forged: str = ""):
    """A login attempt as the reverse proxy passes it on: the proxy connects (REMOTE_ADDR) and
    appends the address it saw to whatever X-Forwarded-For the client sent."""
    forwarded = f"{forged}, {address}" if forged else address
    return Client().post(
        LOGIN,
        {"login": email, "password": password},
        REMOTE_ADDR="10.0.0.1",
        HTTP_X_FORWARDED_FOR=forwarded,
    )


def per_address_limit() -> int:
    (rate,) = [r for r in settings.ACCOUNT_RATE_LIMITS["login_failed"].split(",") if "/ip" in r]
    return int(rate.split("/")[0])


def test_behind_a_proxy_failures_lock_one_account_not_its_neighbours(settings):
    settings.MAILLAGE_TRUSTED_PROXIES = 1
    for email in ("ana@example.org", "bob@example.org", "carl@example.org"):
        UserFactory(email=email)
    for attempt in range(5):
        # What the client forges in front of the proxy's entry changes nothing.
        failed = login_from("203.0.113.5", "ana@example.org", "bad", forged=f"198.51.100.{attempt}")
        assert failed.status_code == 200
        assert THROTTLED not in failed.text
    # The sixth attempt for that account from that address is refused, right password or not.
    refused = login_from("203.0.113.5", "ana@example.org", PASSWORD)
    assert THROTTLED in refused.text
    # Another account from the same address, another client from another address: not locked.
    assert login_from("203.0.113.5", "bob@example.org", PASSWORD).status_code == 302
    assert login_from("203.0.113.6", "carl@example.org", PASSWORD).status_code == 302


def test_behind_a_proxy_the_per_address_limit_counts_each_client_apart(settings):
    settings.MAILLAGE_TRUSTED_PROXIES = 1
    UserFactory(email="ana@example.org")
    # Failures spread over many accounts, below each account's limit, from one client address.
    for attempt in range(per_address_limit()):
        login_from("203.0.113.5", f"guess{attempt}@example.org", "bad")
    assert THROTTLED in login_from("203.0.113.5", "ana@example.org", PASSWORD).text
    assert login_from("203.0.113.6", "ana@example.org", PASSWORD).status_code == 302


def test_without_a_trusted_proxy_a_forged_header_does_not_escape_the_limit(settings):
    settings.MAILLAGE_TRUSTED_PROXIES = 0
    UserFactory(email="ana@example.org")
    for attempt in range(per_address_limit()):
        login_from(f"203.0.113.{attempt}", f"guess{attempt}@example.org", "bad")
    # Every attempt came from the connecting address, whatever X-Forwarded-For claimed.
    assert THROTTLED in login_from("198.51.100.9", "ana@example.org", PASSWORD).text


SIGNUP = "/comptes/signup/"


def signup_data(**changes):
    return {
        "first_name": "Noémie",
        "last_name": "Gagnon",
        "email": "nouveau@example.org",
        "password1": PASSWORD,
        "password2": PASSWORD,
        **changes,
    }


def test_signup_creates_a_citizen_and_sends_a_verification_email(client):
    response = client.post(SIGNUP, signup_data())
    assert response.status_code == 302
    user = User.objects.get(email="nouveau@example.org")
    assert user.role == Role.CITIZEN
    assert (user.first_name, user.last_name) == ("Noémie", "Gagnon")
    assert not EmailAddress.objects.get(user=user).verified
    assert len(mail.outbox) == 1
    assert "/comptes/confirm-email/" in mail.outbox[0].body
    # Signed with the collective's name, not the server's host name.
    assert mail.outbox[0].subject.startswith("[Collectif IDS-CN] ")
    assert "testserver" not in mail.outbox[0].subject
    assert "Collectif pour l'inclusion" in mail.outbox[0].body
    assert "testserver!" not in mail.outbox[0].body


def test_a_new_account_is_told_in_french_where_the_link_went_and_that_it_is_confirmed(client):
    response = client.post(SIGNUP, signup_data(), follow=True)
    assert "Courriel de confirmation envoyé à nouveau@example.org." in response.text
    link = re.search(r"http://testserver(/comptes/confirm-email/\S+/)", mail.outbox[0].body)
    response = client.post(link.group(1), follow=True)
    assert "Vous avez confirmé nouveau@example.org." in response.text


def test_signup_asks_names_first_and_keeps_what_was_typed_when_one_is_missing(client):
    page = client.get(SIGNUP)
    order = [page.text.index(f'name="{name}"') for name in ("first_name", "last_name", "email")]
    assert order == sorted(order)
    assert 'autocomplete="family-name"' in page.text
    response = client.post(SIGNUP, signup_data(last_name="  "))
    assert response.status_code == 200
    assert response.context["form"].errors["last_name"] == ["Champ requis."]
    assert 'value="Noémie"' in response.text and 'value="nouveau@example.org"' in response.text
    assert not User.objects.filter(email="nouveau@example.org").exists()


def test_the_sign_up_page_title_and_button_say_create_an_account(client):
    import re

    page = client.get(SIGNUP).text
    assert "Création de compte" not in page
    assert re.search(r"<h1[^>]*>\s*Créer un compte\s*</h1>", page)
    assert re.search(r'<button[^>]*type="submit"[^>]*>\s*Créer un compte\s*</button>', page)


def test_an_empty_address_is_refused(client):
    response = client.post(SIGNUP, signup_data(email=""))
    assert response.status_code == 200
    assert response.context["form"].errors["email"] == ["Champ requis."]
    assert not User.objects.exists()


def test_the_confirmation_link_goes_back_where_the_signup_started(client):
    client.post(f"{SIGNUP}?next=/gouvernance/", signup_data(next="/gouvernance/"))
    assert "/comptes/confirm-email/" in mail.outbox[0].body
    assert "?next=%2Fgouvernance%2F" in mail.outbox[0].body
    # Another site is never a destination.
    mail.outbox.clear()
    client.post(SIGNUP, signup_data(email="autre@example.org", next="https://ailleurs.example"))
    assert "next=" not in mail.outbox[0].body


def test_unverified_email_cannot_log_in(client):
    UserFactory(email="pending@example.org", verified=False)
    response = client.post(LOGIN, {"login": "pending@example.org", "password": PASSWORD})
    assert response.status_code == 302
    assert "confirm-email" in response.headers["Location"]
    assert "_auth_user_id" not in client.session


def test_password_reset_sends_a_link(client):
    UserFactory(email="oubli@example.org")
    response = client.post("/comptes/password/reset/", {"email": "oubli@example.org"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert "/comptes/password/reset/key/" in mail.outbox[0].body


@pytest.mark.parametrize("role", [Role.STAFF, Role.ADMIN])
def test_staff_without_a_second_factor_must_enrol_first(client, role):
    client.force_login(user_with_role(role, mfa=False))
    response = client.get("/")
    assert response.status_code == 302
    assert response.headers["Location"] == reverse("mfa_activate_totp")
    # The enrolment page stays reachable: it asks to confirm the password, then shows the QR code.
    enrol = client.get(reverse("mfa_activate_totp"))
    assert enrol.status_code == 302
    assert enrol.headers["Location"].startswith("/comptes/reauthenticate/")
    assert client.get(enrol.headers["Location"]).status_code == 200


def test_staff_with_a_second_factor_browse_freely(client):
    client.force_login(user_with_role(Role.STAFF))
    assert client.get("/").status_code == 200


def test_members_are_not_forced_to_enrol(client):
    client.force_login(user_with_role(Role.MEMBER))
    assert client.get("/").status_code == 200


def test_a_demo_instance_may_waive_staff_mfa_and_says_so(client, settings):
    settings.MAILLAGE_STAFF_MFA_REQUIRED = False
    settings.MAILLAGE_DEMO = True
    client.force_login(user_with_role(Role.STAFF, mfa=False))
    response = client.get("/")
    assert response.status_code == 200
    assert "authentification à deux facteurs" in response.text.lower()


def test_admin_site_uses_the_platform_login(client):
    response = client.get("/administration/")
    assert response.status_code == 302
    assert "/administration/login/" in response.headers["Location"]
    follow = client.get(response.headers["Location"])
    assert follow.status_code == 302
    assert follow.headers["Location"].startswith(LOGIN)


def test_admin_site_refuses_non_administrators(client):
    client.force_login(user_with_role(Role.STAFF))
    assert client.get("/administration/", follow=True).status_code == 403


def test_admin_site_opens_for_administrators(client):
    client.force_login(user_with_role(Role.ADMIN))
    assert client.get("/administration/").status_code == 200


def test_check_deploy_is_clean_with_production_settings():
    env = {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": "a-real-production-secret-" + "k7Qz9!xP2mV#" * 4,
        "ALLOWED_HOSTS": "maillage.example.org",
        "MAILLAGE_INSECURE_HTTP": "0",
        "EMAIL_HOST": "smtp.example.org",
    }
    # The project's own settings, not the tests' (tests/settings.py).
    local = ("DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE", "MAILLAGE_STAFF_MFA_REQUIRED")
    for local_only in (*local, "DJANGO_SETTINGS_MODULE"):
        env.pop(local_only, None)
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize(
    "path",
    [LOGIN, "/comptes/signup/", "/comptes/password/reset/", "/comptes/email/"],
)
def test_account_pages_say_courriel_in_french(client, path):
    """Québec French: « courriel », on our pages and on the account library's."""
    if path == "/comptes/email/":
        client.force_login(UserFactory())
    page = client.get(path)
    assert page.status_code == 200
    text = page.text.lower()
    assert "courriel" in text
    assert "e-mail" not in text
