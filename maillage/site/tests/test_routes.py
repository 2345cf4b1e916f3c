"""The page an address shows is kept until a page changes: never a stale page, a sub-route of a
page (its feed) served from the kept route, view restrictions still applied, fewer queries."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from maillage.site.tests import factories

pytestmark = pytest.mark.django_db


def test_a_kept_route_serves_the_page_and_follows_every_change(client: Client):
    page = factories.standard_page(title="Notre territoire", slug="notre-territoire")
    assert "Notre territoire" in client.get("/notre-territoire/").text
    assert "Notre territoire" in client.get("/notre-territoire/").text  # from the kept route
    page.title, page.slug = "Nos territoires", "nos-territoires"
    page.save_revision().publish()
    assert client.get("/notre-territoire/").status_code == 404
    assert "Nos territoires" in client.get("/nos-territoires/").text
    page.refresh_from_db()
    page.unpublish()
    assert client.get("/nos-territoires/").status_code == 404


def test_a_sub_route_of_a_page_is_served_from_the_kept_route(client: Client):
    index = factories.news_index(slug="nouvelles-du-collectif")
    factories.news_article(index, title="Forum régional")
    for _ in range(2):
        response = client.get("/nouvelles-du-collectif/rss/")
        assert response.status_code == 200 and b"Forum r" in response.content
    assert client.get("/nouvelles-du-collectif/inconnu/").status_code == 404


def test_a_kept_route_still_asks_for_a_login_on_a_private_page(client: Client):
    page = factories.standard_page(title="Coulisses", slug="coulisses")
    assert client.get("/coulisses/").status_code == 200
    PageViewRestriction.objects.create(page=page, restriction_type="login")
    response = client.get("/coulisses/")
    assert response.status_code == 302 and "/comptes/login/" in response["Location"]


def test_a_kept_page_follows_a_restriction_added_to_its_parent(client: Client):
    index = factories.news_index(slug="vie-interne")
    factories.news_article(index, title="Bilan", slug="bilan")
    assert client.get("/vie-interne/bilan/").status_code == 200
    PageViewRestriction.objects.create(page=index, restriction_type="login")
    response = client.get("/vie-interne/bilan/")
    assert response.status_code == 302 and "/comptes/login/" in response["Location"]


def test_a_page_served_again_asks_nothing_of_the_page_tree(client: Client):
    factories.standard_page(title="Stratégies", slug="strategies")
    client.get("/strategies/")  # Wagtail finds the page; its route is kept
    client.get("/strategies/")  # the page is read from the route; it is kept
    with CaptureQueriesContext(connection) as again:
        response = client.get("/strategies/")
    assert "Stratégies" in response.text
    # The site, the route, the page and its branch's view restrictions are all kept.
    tree = ("wagtailcore_page", "wagtailcore_site", "wagtailcore_pageviewrestriction")
    assert not [q["sql"] for q in again.captured_queries if any(t in q["sql"] for t in tree)]
