"""Consultations in a browser: a member of a circle starts one for their circle, sets its phases
and publishes it; a visitor without an account finds it in the list and reads it. axe-core finds
no WCAG 2.2 AA violation on any page visited."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from playwright.sync_api import Page, expect

from maillage.decisions.tests.factories import member_of
from maillage.participation.models import Consultation
from maillage.participation.tests.factories import CircleFactory
from tests.browser.sessions import log_in_with_the_session_of

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_a_member_starts_a_consultation_that_anyone_then_reads(
    page: Page, browser, live_server, axe
):
    circle = CircleFactory(name="Cercle Mobilité")
    member = member_of(circle)
    today = timezone.localdate()
    with translation.override("fr-ca"):
        list_url = reverse("participation:consultation_list")
    log_in_with_the_session_of(page, member, live_server)

    page.goto(live_server.url + list_url)
    axe.check(page)
    page.get_by_role("link", name="Lancer une consultation").click()
    axe.check(page)
    page.get_by_label("Titre en français").fill("Bouger sans voiture")
    page.get_by_label("La question, en français").fill("Qu’est-ce qui vous aiderait?")
    page.get_by_label("Qui pose la question").select_option(label="Cercle Mobilité")
    page.get_by_label("Début").fill((today - dt.timedelta(days=5)).isoformat())
    page.get_by_label("Fin").fill((today + dt.timedelta(days=34)).isoformat())
    page.get_by_role("button", name="Créer la consultation").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Les étapes")
    axe.check(page)
    page.get_by_label("Ce qui se passe, en français").nth(1).fill("Donnez vos idées!")
    page.get_by_role("button", name="Enregistrer les étapes").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Bouger sans voiture")
    axe.check(page)
    page.get_by_role("button", name="Publier").click()
    expect(page.get_by_text("La consultation est publiée")).to_be_visible()
    assert Consultation.objects.get().is_published

    visitor = browser.new_page()
    visitor.goto(live_server.url + list_url)
    visitor.get_by_role("link", name="Bouger sans voiture").click()
    expect(visitor.get_by_role("heading", name="La question")).to_be_visible()
    axe.check(visitor)
    visitor.close()
