"""My space's "Answers to give": what awaits a person's own answer in every kind of process,
leading to that process's own page, and gone once answered."""

from __future__ import annotations

import pytest
from django.test import Client

from maillage.core.permissions import SYSTEM
from maillage.decisions import selectors, services
from maillage.decisions.models import Position
from maillage.decisions.paths import process_path
from maillage.decisions.tests.election_factories import (
    advice_in,
    bring_election_to,
    elected_role,
    election_in,
)
from maillage.decisions.tests.factories import CircleFactory, member_of, start, to_consent_round

pytestmark = pytest.mark.django_db

AWAITING = "Réponses à donner"


def my_space(user) -> str:
    client = Client()
    client.force_login(user)
    return client.get("/mon-espace/").text


def awaited(user) -> list[int]:
    return [process.pk for process in selectors.answers_awaited(viewer=user)]


def test_an_election_awaits_each_members_nomination_then_their_consent(circle):
    process = election_in(elected_role(circle.circle), circle.chloe, facilitator=circle.fanny)
    assert process.pk not in awaited(circle.amelie)  # not before the nominations open
    process = bring_election_to(
        process, "nominating", candidate=circle.chloe.person, voter=circle.amelie
    )
    page = my_space(circle.amelie)
    assert AWAITING in page and f'href="{process_path(process)}"' in page
    assert "nommez qui devrait occuper le rôle" in page
    services.nomination_give(
        actor=circle.amelie, process=process, nominee=circle.chloe.person, reason="Disponible."
    )
    assert process.pk not in awaited(circle.amelie)
    assert process.pk in awaited(circle.bruno)
    assert process.pk not in awaited(circle.outsider)
    for step in ("read_nominations", "open_changes", "close_changes"):
        services.election_transition(actor=SYSTEM, process=process, transition=step)
    services.election_propose(
        actor=SYSTEM, process=process, person=circle.chloe.person, reason="Nommée le plus souvent."
    )
    assert process.pk in awaited(circle.amelie)
    services.answer_give(actor=circle.amelie, process=process, position=Position.CONSENT)
    assert process.pk not in awaited(circle.amelie)


def test_advice_awaits_the_people_asked_even_outside_the_group(circle):
    transport = CircleFactory(name="Transport", slug="transport")
    gilles = member_of(transport, first_name="Gilles", last_name="Pelletier")
    process = advice_in(
        circle.circle, circle.chloe, people=[circle.bruno.person], circles=[transport]
    )
    assert process.pk not in awaited(gilles)  # a draft asks nobody yet
    services.advice_transition(actor=SYSTEM, process=process, transition="ask")
    page = my_space(gilles)
    assert AWAITING in page and f'href="{process_path(process)}"' in page
    assert "votre avis est demandé d’ici" in page
    assert process.pk in awaited(circle.bruno)
    # Asked of neither by name nor through a circle: a member of the group waits for nothing.
    assert process.pk not in awaited(circle.amelie)
    services.advice_give(actor=gilles, process=process, text="Pensez au covoiturage.")
    assert process.pk not in awaited(gilles)


def test_what_awaits_is_kept_between_visits_and_follows_each_change(circle):
    """Kept per account (`panels.AWAITING_CACHE`): a round opened, its group renamed and the
    person's answer each show on the next visit."""
    assert AWAITING not in my_space(circle.bruno)
    process = to_consent_round(start(circle.circle, title="Adopter le budget"))
    page = my_space(circle.bruno)
    assert AWAITING in page and "Adopter le budget" in page
    circle.circle.name = "Cercle du logement renommé"
    circle.circle.save()
    assert "Cercle du logement renommé" in my_space(circle.bruno)
    services.answer_give(actor=circle.bruno, process=process, position=Position.CONSENT)
    assert AWAITING not in my_space(circle.bruno)
