"""My space: the landing page after login, its core sections and its registry."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.test import Client

from maillage.core import my_space
from maillage.core.models import Notification
from maillage.core.roles import Role
from maillage.core.tests.factories import PASSWORD, UserFactory, user_with_role

pytestmark = pytest.mark.django_db

MY_SPACE = "/mon-espace/"
LOGIN = "/comptes/login/"
SIGNUP = "/comptes/signup/"


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def headings(html: str) -> list[str]:
    """The section headings of the page, in order."""
    return re.findall(r'<h2 id="[^"]+">([^<]+)</h2>', html)


def test_an_anonymous_visitor_is_sent_to_the_login_page_and_back(client):
    response = client.get(MY_SPACE)
    assert response.status_code == 302
    assert response.headers["Location"] == f"{LOGIN}?next={MY_SPACE}"


def test_logging_in_lands_on_my_space(client):
    UserFactory(email="ana@example.org", first_name="Ana")
    response = client.post(LOGIN, {"login": "ana@example.org", "password": PASSWORD})
    assert response.status_code == 302
    assert response.headers["Location"] == MY_SPACE
    page = client.get(MY_SPACE)
    assert "<h1>Mon espace</h1>" in page.text
    assert "Bonjour Ana." in page.text
    assert "Votre rôle sur la plateforme : Citoyen ou citoyenne." in page.text


def test_an_explicit_next_still_wins_over_my_space(client):
    UserFactory(email="ana@example.org")
    response = client.post(
        f"{LOGIN}?next=/notifications/",
        {"login": "ana@example.org", "password": PASSWORD, "next": "/notifications/"},
    )
    assert response.headers["Location"] == "/notifications/"


def test_confirming_a_new_account_logs_in_and_lands_on_my_space(client):
    client.post(
        SIGNUP,
        {
            "first_name": "Noémie",
            "last_name": "Gagnon",
            "email": "noemie@example.org",
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )
    [link] = re.findall(r"https?://testserver(/comptes/confirm-email/\S+)", mail.outbox[-1].body)
    response = client.post(link, follow=True)
    assert response.redirect_chain[-1][0] == MY_SPACE
    assert response.context["user"].email == "noemie@example.org"
    assert "<h1>Mon espace</h1>" in response.text


def test_the_account_menu_leads_to_my_space_for_people_logged_in(client):
    def user_menu(html: str) -> str:
        return html.split('class="user-menu"', 1)[1].split("</nav>", 1)[0]

    assert "/mon-espace/" not in user_menu(client.get("/confidentialite/").text)
    member = logged_in(user_with_role(Role.MEMBER))
    elsewhere = user_menu(member.get("/confidentialite/").text)
    assert '<a href="/mon-espace/">Mon espace</a>' in elsewhere
    here = user_menu(member.get(MY_SPACE).text)
    assert '<a href="/mon-espace/" aria-current="page">Mon espace</a>' in here
    english = member.get("/en/my-space/")
    assert "<h1>My space</h1>" in english.text
    assert '<a href="/en/my-space/" aria-current="page">My space</a>' in user_menu(english.text)


def test_my_notifications_lists_the_latest_unread_and_leads_to_all_of_them():
    user = user_with_role(Role.CITIZEN)
    for n in range(7):
        Notification.objects.create(recipient=user, subject=f"Avis {n}", url=f"/avis/{n}/")
    Notification.objects.create(recipient=user, subject="Déjà lu", read_at="2026-01-01T00:00Z")
    Notification.objects.create(recipient=UserFactory(), subject="Pour quelqu’un d’autre")
    page = logged_in(user).get(MY_SPACE).text
    section = page.split('id="my-notifications-heading"', 1)[1].split("</section>", 1)[0]
    assert "7 notifications non lues." in section
    assert re.findall(r'<a href="/avis/(\d)/">', section) == ["6", "5", "4", "3", "2"]
    assert "Déjà lu" not in section and "quelqu’un d’autre" not in page
    assert '<a href="/notifications/">Toutes mes notifications</a>' in section


def an_app_section(account, request):
    """A section an app would register at the place of the seats (order 100)."""
    return {
        "template": "core/tests/section.html",
        "context": {"key": "app", "title": "Section d’une app"},
    }


@pytest.fixture
def with_an_app_section():
    my_space.SECTIONS.register(an_app_section, order=100)
    yield
    my_space.SECTIONS.unregister(an_app_section)


def test_empty_core_sections_say_what_will_appear_there(with_an_app_section):
    page = logged_in(user_with_role(Role.CITIZEN)).get(MY_SPACE).text
    assert "Aucune notification non lue. Vous recevez un avis ici, et par courriel" in page
    assert "Rien ne vous attend pour l’instant. Quand on vous invite à un chantier" in page
    # Nothing waiting: the section keeps its place after the apps' first sections.
    found = headings(page)
    assert found.index("Section d’une app") < found.index("Ce qui m’attend")
    assert found.index("Ce qui m’attend") < found.index("Mes notifications")


def test_what_awaits_gathers_the_apps_items_and_moves_up_when_something_waits(
    with_an_app_section,
):
    def answers(account, request):
        return {"template": "core/tests/panel.html", "context": {"greeting": "Réponse due :"}}

    user = user_with_role(Role.MEMBER)
    my_space.AWAITING.register(answers)
    try:
        page = logged_in(user).get(MY_SPACE).text
    finally:
        my_space.AWAITING.unregister(answers)
    section = page.split('id="my-awaiting-heading"', 1)[1].split("</section>", 1)[0]
    assert "<p>Réponse due : " in section and "Rien ne vous attend" not in section
    found = headings(page)
    assert found.index("Ce qui m’attend") < found.index("Section d’une app")
