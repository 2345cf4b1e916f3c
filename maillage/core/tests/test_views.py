import pytest
from django.core.exceptions import PermissionDenied
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from maillage.core import cache, selectors, services
from maillage.core.errors import permission_denied, server_error
from maillage.core.models import Notification
from maillage.core.roles import Role
from maillage.core.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_home_is_french_at_the_root_and_english_under_en(client):
    french = client.get("/")
    assert french.status_code == 200
    assert '<html lang="fr-CA">' in french.text
    assert "Aller au contenu principal" in french.text
    english = client.get("/en/")
    assert english.status_code == 200
    assert '<html lang="en">' in english.text
    assert "Skip to main content" in english.text


def test_language_switch_points_to_the_same_page_in_the_other_language(client):
    assert 'href="/en/privacy/"' in client.get("/confidentialite/").text
    assert 'href="/confidentialite/"' in client.get("/en/privacy/").text


def test_pages_carry_a_nonce_based_csp(client):
    response = client.get("/")
    policy = response.headers["Content-Security-Policy"]
    assert "script-src 'self' 'nonce-" in policy
    nonce = policy.split("'nonce-")[1].split("'")[0]
    assert f'nonce="{nonce}"' in response.text
    assert "unsafe-inline" not in policy


def test_missing_page_is_a_french_404(client):
    response = client.get("/nulle-part/")
    assert response.status_code == 404
    assert "Page introuvable" in response.text


def test_403_page_states_the_reason():
    request = RequestFactory().get("/")
    request.user = UserFactory()
    response = permission_denied(request, PermissionDenied("Réservé au personnel."))
    assert response.status_code == 403
    assert "Réservé au personnel." in response.content.decode()


def test_500_page_is_bilingual_and_standalone():
    response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    assert "Une erreur est survenue" in response.content.decode()


def test_notifications_list_and_mark_read(client):
    user = UserFactory()
    notification = services.notify(recipient=user, subject="Bienvenue", email=False)
    client.force_login(user)
    page = client.get(reverse("core:notifications"))
    assert "Bienvenue" in page.text
    assert "Marquer comme lue" in page.text
    response = client.post(reverse("core:notification_read", args=[notification.pk]))
    assert response.status_code == 302
    notification.refresh_from_db()
    assert notification.read_at is not None


def test_mark_read_by_htmx_returns_the_item_only(client):
    user = UserFactory()
    notification = services.notify(recipient=user, subject="Rappel", email=False)
    client.force_login(user)
    response = client.post(
        reverse("core:notification_read", args=[notification.pk]), HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    assert response.text.strip().startswith("<li")
    assert "<html" not in response.text


def test_someone_elses_notification_is_not_found(client):
    notification = services.notify(recipient=UserFactory(), subject="Privé", email=False)
    client.force_login(UserFactory())
    response = client.post(reverse("core:notification_read", args=[notification.pk]))
    assert response.status_code == 404
    assert Notification.objects.get().read_at is None


def test_unread_count_in_the_header(client):
    user = UserFactory(role=Role.MEMBER)
    services.notify(recipient=user, subject="Un", email=False)
    services.notify(recipient=user, subject="Deux", email=False)
    client.force_login(user)
    assert ">2<span" in client.get("/").text


def test_the_header_count_is_kept_and_follows_each_change_at_once(
    client, django_assert_num_queries
):
    user = UserFactory(role=Role.MEMBER)
    other = UserFactory(role=Role.MEMBER)
    first = services.notify(recipient=user, subject="Un", email=False)
    client.force_login(user)
    assert ">1<span" in client.get("/").text
    with django_assert_num_queries(0):
        assert selectors.unread_count(user) == 1  # kept: asked nothing
    services.notify(recipient=other, subject="Ailleurs", email=False)
    with django_assert_num_queries(0):
        assert selectors.unread_count(user) == 1  # another account's notice changes nothing
    second = services.notify(recipient=user, subject="Deux", email=False)
    assert ">2<span" in client.get("/").text
    services.notification_mark_read(actor=user, notification=first)
    assert ">1<span" in client.get("/").text
    second.delete()
    assert selectors.unread_count(user) == 0
    assert '<span class="badge">' not in client.get("/").text
    # A write that sends no signal says which model it changed.
    services.notify(recipient=user, subject="Trois", email=False)
    assert selectors.unread_count(user) == 1
    Notification.objects.filter(recipient=user).update(read_at=timezone.now())
    cache.changed(Notification)
    assert selectors.unread_count(user) == 0


def test_the_layout_assets_are_served_by_the_project(client):
    from django.contrib.staticfiles import finders

    page = client.get("/").text
    for asset in ("maillage/css/maillage.css", "maillage/js/htmx.min.js"):
        assert f"/static/{asset}" in page
        assert finders.find(asset), f"{asset} is not found by the static files finders"


def test_health_check_answers_after_one_query(client, django_assert_num_queries):
    with django_assert_num_queries(1):
        response = client.get("/sante/")
    assert response.status_code == 200
    assert response.text == "ok\n"
    assert "no-store" in response["Cache-Control"]


def test_health_check_says_when_the_database_does_not_answer(client, monkeypatch):
    from django.db import DatabaseError, connection

    def broken():
        raise DatabaseError("down")

    monkeypatch.setattr(connection, "cursor", broken)
    response = client.get("/sante/")
    assert response.status_code == 503
