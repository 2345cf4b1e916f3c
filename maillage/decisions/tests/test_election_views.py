"""The pages of elections and advice processes: started from a group's processes page, each
step's form (its refusal at the field, what was typed kept), the way from nominations to the
elected person, the advice and the decision in the register, and query counts that do not grow
with members, nominations and advice."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from maillage.core.permissions import SYSTEM
from maillage.decisions import services
from maillage.decisions.models import Nomination, Process
from maillage.decisions.tests.election_factories import (
    advice_in,
    bring_election_to,
    elected_role,
    election_in,
)
from maillage.decisions.tests.factories import member_of, seated_member
from maillage.governance.models import RoleAssignment

pytestmark = pytest.mark.django_db


def login(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def url(name: str, **kwargs) -> str:
    return reverse(f"decisions:{name}", kwargs=kwargs or None)


def test_the_processes_page_offers_an_election_and_an_advice_process(circle):
    page = login(circle.chloe).get(url("circle_processes", slug=circle.circle.slug)).text
    assert url("circle_election_create", slug=circle.circle.slug) in page
    assert url("circle_advice_create", slug=circle.circle.slug) in page


def test_an_election_runs_from_its_pages_to_the_elected_person(circle):
    role = elected_role(circle.circle)
    chloe, fanny = login(circle.chloe), login(circle.fanny)
    form = chloe.get(url("circle_election_create", slug=circle.circle.slug)).text
    assert "Secrétaire" in form
    response = chloe.post(
        url("circle_election_create", slug=circle.circle.slug),
        {
            "role": role.pk,
            "mode": "live",
            "visibility": "internal",
            "facilitator": circle.fanny.pk,
        },
    )
    process = Process.objects.get(kind="election")
    assert response.status_code == 302
    assert response["Location"] == url("election_detail", pk=process.pk)
    # The consent page's address leads to the election's own.
    assert chloe.get(url("process_detail", pk=process.pk))["Location"] == url(
        "election_detail", pk=process.pk
    )
    step = url("election_transition", pk=process.pk)
    assert fanny.post(step, {"transition": "open_nominations"}).status_code == 302
    # A nomination of oneself is refused at its field, with the reason typed kept.
    refused = chloe.post(
        url("nomination_give", pk=process.pk),
        {"nominee": circle.chloe.person.pk, "reason": "Je suis motivée."},
    )
    assert refused.status_code == 400
    assert "Je suis motivée." in refused.text and 'id="field-nominee"' in refused.text
    for voter, reason in ((circle.chloe, "Il connaît le dossier."), (circle.amelie, "Libre.")):
        response = login(voter).post(
            url("nomination_give", pk=process.pk),
            {"nominee": circle.bruno.person.pk, "reason": reason},
        )
        assert response.status_code == 302
    # Until read out, each sees only their own nomination.
    page = login(circle.amelie).get(url("election_detail", pk=process.pk)).text
    assert "Libre." in page and "Il connaît le dossier." not in page
    for key in ("read_nominations", "open_changes", "close_changes"):
        assert fanny.post(step, {"transition": key}).status_code == 302
    page = fanny.get(url("election_detail", pk=process.pk)).text
    assert "Libre." in page and "Il connaît le dossier." in page
    response = fanny.post(
        url("election_propose", pk=process.pk),
        {"propose-person": circle.bruno.person.pk, "propose-reason": "Nommé deux fois."},
    )
    assert response.status_code == 302
    assert (
        login(circle.amelie)
        .post(url("election_answer", pk=process.pk), {"position": "consent"})
        .status_code
        == 302
    )
    # A member may not close the round: refused on the page, with the reason.
    refused = chloe.post(step, {"transition": "close_round"})
    assert refused.status_code == 403 and "Seuls l’animation" in refused.text
    assert fanny.post(step, {"transition": "close_round"}).status_code == 302
    assignment = RoleAssignment.objects.get(role=role, ended_at__isnull=True)
    assert assignment.person == circle.bruno.person and assignment.term_end
    process.refresh_from_db()
    decision = login(circle.amelie).get(url("decision_detail", pk=process.decision.pk)).text
    assert "Bruno Gagnon" in decision and "Il connaît le dossier." in decision


def test_an_advice_process_runs_from_its_pages_to_the_register(circle):
    chloe = login(circle.chloe)
    response = chloe.post(
        url("circle_advice_create", slug=circle.circle.slug),
        {
            "title": "Nouvelle salle",
            "proposal": "Nous louons la salle de Limoilou.",
            "people": [circle.bruno.person.pk],
            "deadline": "2031-05-01T17:00",
            "visibility": "internal",
        },
    )
    process = Process.objects.get(kind="advice")
    assert response["Location"] == url("advice_detail", pk=process.pk)
    # Nobody asked: refused at the field, what was typed kept.
    refused = chloe.post(
        url("circle_advice_create", slug=circle.circle.slug),
        {"title": "Sans avis", "proposal": "Texte gardé.", "deadline": "2031-05-01T17:00"},
    )
    assert refused.status_code == 400 and "Texte gardé." in refused.text
    chloe.post(url("advice_transition", pk=process.pk), {"transition": "ask"})
    bruno = login(circle.bruno)
    assert bruno.get(url("advice_detail", pk=process.pk)).status_code == 200
    assert (
        bruno.post(url("advice_give", pk=process.pk), {"text": "Vérifiez l’accès."}).status_code
        == 302
    )
    # Amélie was not asked.
    assert (
        login(circle.amelie).post(url("advice_give", pk=process.pk), {"text": "Non."}).status_code
        == 403
    )
    empty = chloe.post(
        url("advice_decide", pk=process.pk),
        {"decide-decision": "Nous louons Limoilou.", "decide-weighing": ""},
    )
    assert empty.status_code == 400 and "Nous louons Limoilou." in empty.text
    response = chloe.post(
        url("advice_decide", pk=process.pk),
        {"decide-decision": "Nous louons Limoilou.", "decide-weighing": "L’accès est vérifié."},
    )
    assert response.status_code == 302
    process.refresh_from_db()
    page = chloe.get(url("decision_detail", pk=process.decision.pk)).text
    assert "Vérifiez l’accès." in page and "L’accès est vérifié." in page


def test_an_advice_process_is_read_by_a_person_asked_outside_the_circle(circle):
    outsider = member_of(elected_role(circle.circle).circle.parent)
    process = advice_in(circle.circle, circle.chloe, people=[outsider.person])
    assert login(outsider).get(url("advice_detail", pk=process.pk)).status_code == 403  # draft
    services.advice_transition(actor=circle.chloe, process=process, transition="ask")
    assert login(outsider).get(url("advice_detail", pk=process.pk)).status_code == 200


def _grow(circle, count: int, election: Process, advice: Process) -> None:
    for _n in range(count):
        user, _seat = seated_member(circle.circle)
        Nomination.objects.create(
            process=election,
            phase="nomination",
            nominator=user.person,
            nominee=circle.bruno.person,
            reason="Parce que.",
        )
        advice.advice_requests.create(person=user.person)
        advice.advice.create(person=user.person, text="Un avis.")


def test_the_election_and_advice_pages_keep_their_query_count(circle, query_budget):
    meter = query_budget(40)
    member = login(circle.fanny)
    election = election_in(elected_role(circle.circle), SYSTEM, facilitator=circle.fanny)
    bring_election_to(election, "consenting", candidate=circle.bruno.person, voter=circle.amelie)
    advice = advice_in(circle.circle, circle.chloe, people=[circle.fanny.person])
    services.advice_transition(actor=SYSTEM, process=advice, transition="ask")
    pages = [
        url("election_detail", pk=election.pk),
        url("advice_detail", pk=advice.pk),
        url("circle_election_create", slug=circle.circle.slug),
        url("circle_advice_create", slug=circle.circle.slug),
    ]
    _grow(circle, 3, election, advice)
    small = [meter.get(member, page) for page in pages]
    _grow(circle, 30, election, advice)
    assert [meter.get(member, page) for page in pages] == small
