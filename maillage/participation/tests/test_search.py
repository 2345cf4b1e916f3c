"""Consultations and proposals in the platform's search (the site's search page)."""

from __future__ import annotations

import re

import pytest
from django.utils import timezone

from maillage.core.roles import ANONYMOUS, Role
from maillage.participation.tests.factories import ConsultationFactory, ProposalFactory

pytestmark = pytest.mark.django_db


def found(html: str) -> list[tuple[str, str]]:
    return re.findall(r'<li class="search-hit"><a href="([^"]*)">([^<]+)</a>', html)


def test_published_consultations_and_their_visible_proposals_are_found(client):
    consultation = ConsultationFactory(title_fr="Se déplacer en autobus")
    shown = ProposalFactory(consultation=consultation, title="Des autobus le dimanche")
    ProposalFactory(
        consultation=consultation,
        title="Des autobus sans horaire",
        hidden_at=timezone.now(),
        hidden_reason="Propos injurieux.",
    )
    draft = ConsultationFactory(title_fr="Autobus de nuit", published_at=None)
    ProposalFactory(consultation=draft, title="Des autobus la nuit")

    html = client.get("/recherche/", {"q": "autobus"}).text

    assert found(html) == [
        (f"/participation/consultations/{consultation.slug}/", "Se déplacer en autobus"),
        (f"/participation/propositions/{shown.pk}/", "Des autobus le dimanche"),
    ]
    assert "Proposition à la consultation « Se déplacer en autobus »" in html
    assert re.findall(r'<h3 id="search-[a-z]+">([^<]+) <span', html) == [
        "Consultations",
        "Propositions citoyennes",
    ]


def test_a_proposal_is_found_by_a_word_of_its_text_in_english_too(client):
    ProposalFactory(title="Une halte-chaleur", text="Ouvrir des refuges chauffés l'hiver.")
    html = client.get("/en/search/", {"q": "refuge"}).text
    assert [title for _, title in found(html)] == ["Une halte-chaleur"]
    assert "Proposal to the consultation" in html


@pytest.mark.parametrize("role", [ANONYMOUS, Role.STAFF])
def test_the_search_keeps_its_query_count_as_proposals_grow(client_as, query_budget, role):
    client = client_as(role)
    meter = query_budget(20)
    consultation = ConsultationFactory(title_fr="Autobus")
    ProposalFactory.create_batch(2, consultation=consultation, title="Autobus du quartier")
    small = meter.get(client, "/recherche/?q=autobus")
    kind_small = meter.get(client, "/recherche/?q=autobus&type=proposals")
    for other in ConsultationFactory.create_batch(5, title_fr="Autobus"):
        ProposalFactory.create_batch(8, consultation=other, title="Autobus partout")
    assert meter.get(client, "/recherche/?q=autobus") == small
    assert meter.get(client, "/recherche/?q=autobus&type=proposals&page=2") == kind_small
