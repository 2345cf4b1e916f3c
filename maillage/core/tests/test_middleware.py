"""The core's middleware: the client's address behind trusted proxies, and no cache for what a
signed-in person is shown."""

import gzip

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest, HttpResponse
from django.test import RequestFactory
from django.urls import reverse

from maillage.core.middleware import (
    ClientAddressMiddleware,
    PrivateCacheMiddleware,
    forwarded_client,
)
from maillage.core.roles import Role
from maillage.core.tests.checks import assert_private_no_store, cache_directives
from maillage.core.tests.factories import UserFactory


@pytest.mark.parametrize(
    ("header", "proxies", "client"),
    [
        ("203.0.113.5", 1, "203.0.113.5"),
        # Entries left of the trusted ones were written by the client: ignored.
        ("198.51.100.1, 203.0.113.5", 1, "203.0.113.5"),
        ("198.51.100.1, 203.0.113.5, 10.0.0.2", 2, "203.0.113.5"),
        # Through fewer proxies than counted, every entry is a trusted proxy's.
        ("203.0.113.5", 2, "203.0.113.5"),
        (" 2001:db8::1 ", 1, "2001:db8::1"),
        ("not-an-address", 1, None),
        ("", 1, None),
    ],
)
def test_the_client_is_what_the_outermost_trusted_proxy_saw(header, proxies, client):
    assert forwarded_client(header, proxies) == client


def remote_addr_seen(settings, proxies: int, forwarded: str) -> str:
    settings.MAILLAGE_TRUSTED_PROXIES = proxies
    seen: list[str] = []

    def view(request: HttpRequest) -> HttpResponse:
        seen.append(request.META["REMOTE_ADDR"])
        return HttpResponse()

    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=forwarded)
    ClientAddressMiddleware(view)(request)
    return seen[0]


def test_behind_a_trusted_proxy_remote_addr_is_the_clients(settings):
    assert remote_addr_seen(settings, 1, "198.51.100.1, 203.0.113.5") == "203.0.113.5"


def test_without_a_trusted_proxy_the_header_is_ignored(settings):
    assert remote_addr_seen(settings, 0, "203.0.113.5") == "10.0.0.1"


def test_a_header_that_names_no_address_leaves_the_connecting_one(settings):
    assert remote_addr_seen(settings, 1, "unknown") == "10.0.0.1"


@pytest.mark.django_db
def test_a_signed_in_persons_pages_are_private_and_not_stored(client_as):
    client = client_as(Role.MEMBER)
    for url in (reverse("core:notifications"), "/", reverse("privacy:policy")):
        response = client.get(url)
        assert response.status_code == 200, url
        assert_private_no_store(response)


@pytest.mark.django_db
def test_anonymous_public_pages_may_be_cached(client):
    for url in ("/", "/en/", reverse("privacy:policy")):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "no-store" not in cache_directives(response), url


def test_a_views_own_cache_control_is_kept():
    def view(request: HttpRequest) -> HttpResponse:
        response = HttpResponse()
        response["Cache-Control"] = "public, max-age=60"
        return response

    request = RequestFactory().get("/")
    request.user = UserFactory.build()
    assert PrivateCacheMiddleware(view)(request)["Cache-Control"] == "public, max-age=60"
    request.user = AnonymousUser()
    assert "Cache-Control" not in PrivateCacheMiddleware(lambda request: HttpResponse())(request)


@pytest.mark.django_db
def test_pages_are_compressed_for_a_browser_that_accepts_it(client):
    plain = client.get("/confidentialite/")
    assert "Content-Encoding" not in plain
    response = client.get("/confidentialite/", HTTP_ACCEPT_ENCODING="gzip, br")
    assert response["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in response["Vary"]
    body = gzip.decompress(response.content)
    assert b"</html>" in body
    assert len(response.content) < len(plain.content) / 2


# English pages at English paths; French paths keep working


@pytest.mark.django_db
def test_english_pages_answer_at_english_paths_and_french_paths_are_unchanged(client):
    english = client.get("/en/territories/")
    assert english.status_code == 200 and '<html lang="en"' in english.text
    assert client.get("/territoires/").status_code == 200  # the default language's own paths
    assert client.get("/en/privacy/").status_code == 200
    # Every platform page is named in each language: the patterns are translated, not copied.
    from django.utils import translation

    for name, french, english_path in (
        ("governance:circle_list", "/gouvernance/cercles/", "/en/governance/circles/"),
        ("network:organization_list", "/repertoire/", "/en/directory/"),
        ("core:my_space", "/mon-espace/", "/en/my-space/"),
        ("account_login", "/comptes/login/", "/en/accounts/login/"),
    ):
        with translation.override("fr-ca"):
            assert reverse(name) == french
        with translation.override("en"):
            assert reverse(name) == english_path


@pytest.mark.django_db
def test_a_french_path_under_the_english_prefix_leads_to_the_english_page(client):
    """Bookmarks and links from before the English paths, or typed by hand, are not lost."""
    moved = client.get("/en/territoires/?page=2")
    assert moved.status_code == 301 and moved["Location"] == "/en/territories/?page=2"
    assert client.get("/en/gouvernance/cercles/")["Location"] == "/en/governance/circles/"
    # A path that names nothing in either language stays a 404, and so does a public-site page
    # asked for by another language's slug (pages have their own slugs per language).
    assert client.get("/en/nulle-part/ici/").status_code == 404
    # Only reads are redirected: a form posted to an old path is not replayed elsewhere.
    assert client.post("/en/territoires/").status_code == 404
