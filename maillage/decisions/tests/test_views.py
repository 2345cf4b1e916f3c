"""The pages: the register and its visibility, a process page and its live fragment, the
forms' refusals at their fields, and query counts that do not grow with the data."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from maillage.core.permissions import SYSTEM
from maillage.decisions import services
from maillage.decisions.models import Answer, Decision, Position, ProcessMode, Visibility
from maillage.decisions.tests.factories import (
    CircleFactory,
    live_public_round,
    member_of,
    seated_member,
    start,
    substitute_on,
    to_consent_round,
)

pytestmark = pytest.mark.django_db


def login(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def url(name: str, **kwargs) -> str:
    return reverse(f"decisions:{name}", kwargs=kwargs or None)


def decided(group, visibility=Visibility.INTERNAL, title="Décision") -> Decision:
    """A consented decision of `group`, taken in a live round by one of its members."""
    voter = member_of(group)
    process = to_consent_round(
        start(group, SYSTEM, title=title, visibility=visibility, mode=ProcessMode.LIVE)
    )
    services.answer_give(actor=voter, process=process, position=Position.CONSENT)
    services.consent_round_close(actor=SYSTEM, process=process)
    return Decision.objects.get(process=process)


def test_anonymous_visitors_see_only_public_decisions(circle, staff_user):
    public = decided(circle.circle, Visibility.PUBLIC, "Décision publique")
    internal = decided(circle.circle, Visibility.INTERNAL, "Décision interne")
    other = decided(CircleFactory(), Visibility.INTERNAL, "Décision dans un autre cercle")
    anonymous = Client().get(url("register")).content.decode()
    assert public.title in anonymous and internal.title not in anonymous
    assert Client().get(url("decision_detail", pk=internal.pk)).status_code == 302  # login
    # A member sees the internal decisions of their own circle, not another's.
    member = login(circle.chloe).get(url("register")).content.decode()
    assert internal.title in member and other.title not in member
    assert login(circle.chloe).get(url("decision_detail", pk=other.pk)).status_code == 403
    # Staff see every decision.
    staff = login(staff_user).get(url("register")).content.decode()
    assert all(d.title in staff for d in (public, internal, other))


def test_a_draft_is_seen_by_its_proposer_and_not_by_the_other_members(circle):
    process = start(circle.circle, circle.chloe, facilitator=circle.fanny)
    assert login(circle.chloe).get(url("process_detail", pk=process.pk)).status_code == 200
    assert login(circle.bruno).get(url("process_detail", pk=process.pk)).status_code == 403
    services.process_transition(actor=circle.chloe, process=process, transition="present")
    assert login(circle.bruno).get(url("process_detail", pk=process.pk)).status_code == 200


def test_live_round_the_facilitator_records_and_others_see_it_in_the_fragment(circle):
    process = to_consent_round(
        start(circle.circle, circle.chloe, facilitator=circle.fanny, mode=ProcessMode.LIVE)
    )
    viewer = login(circle.bruno)
    page = viewer.get(url("process_detail", pk=process.pk)).content.decode()
    assert 'hx-trigger="every 3s"' in page
    response = login(circle.fanny).post(
        url("answer_record", pk=process.pk),
        {"record-person": circle.amelie.person.pk, "record-position": "consent"},
    )
    assert response.status_code == 302
    fragment = viewer.get(url("process_detail", pk=process.pk), headers={"HX-Request": "true"})
    text = fragment.content.decode()
    assert "<html" not in text and 'id="decisions-live"' in text
    assert str(circle.amelie.person) in text and "hors ligne" in text
    # The facilitator's page holds both answer forms, each field with an id of its own.
    page = login(circle.fanny).get(url("process_detail", pk=process.pk)).content.decode()
    assert 'id="field-record-position"' in page and 'id="field-position"' in page
    assert len(re.findall(r'id="([^"]+)"', page)) == len(set(re.findall(r'id="([^"]+)"', page)))
    # Without JavaScript, the whole page shows the same.
    assert (
        str(circle.amelie.person)
        in viewer.get(url("process_detail", pk=process.pk)).content.decode()
    )


def test_the_fragment_stops_polling_once_the_round_is_closed(circle):
    process = to_consent_round(
        start(circle.circle, circle.chloe, facilitator=circle.fanny, mode=ProcessMode.LIVE)
    )
    services.answer_give(actor=circle.chloe, process=process, position=Position.CONSENT)
    response = login(circle.fanny).post(
        url("process_transition", pk=process.pk), {"transition": "close_round"}
    )
    assert response.status_code == 302
    fragment = login(circle.bruno).get(
        url("process_detail", pk=process.pk), headers={"HX-Request": "true"}
    )
    assert "hx-trigger" not in fragment.content.decode()


def test_an_objection_without_reasoning_is_refused_at_its_field_keeping_the_choice(circle):
    process = to_consent_round(start(circle.circle, circle.chloe, facilitator=circle.fanny))
    response = login(circle.bruno).post(
        url("answer_give", pk=process.pk), {"position": "objection", "reason": " "}
    )
    assert response.status_code == 400
    form = response.context["answer_form"]
    assert form.errors["reason"] and form["position"].value() == "objection"
    assert 'id="field-reason"' in response.content.decode()
    assert not Answer.objects.exists()


def test_a_step_refused_for_the_role_is_said_on_the_page(circle):
    process = start(circle.circle, circle.chloe, facilitator=circle.fanny)
    services.process_transition(actor=SYSTEM, process=process, transition="present")
    response = login(circle.chloe).post(
        url("process_transition", pk=process.pk), {"transition": "open_clarifying"}
    )
    assert response.status_code == 403
    assert "animat" in response.content.decode() or "facilitat" in response.content.decode()
    process.refresh_from_db()
    assert process.state == "presented"


def test_a_missing_deadline_is_refused_at_its_field(circle):
    process = start(circle.circle, circle.chloe, facilitator=circle.fanny)
    for step in ("present", "open_clarifying", "open_reactions"):
        services.process_transition(actor=SYSTEM, process=process, transition=step)
    response = login(circle.fanny).post(
        url("process_transition", pk=process.pk), {"transition": "open_consent", "deadline": ""}
    )
    assert response.status_code == 400
    assert response.context["transition_form"].errors["deadline"]
    assert 'id="field-deadline"' in response.content.decode()


def test_the_start_form_checks_the_new_workstream_and_keeps_what_was_typed(circle):
    response = login(circle.chloe).post(
        url("circle_process_create", slug=circle.circle.slug),
        {
            "title": "Nouveau chantier",
            "proposal": "Créer un chantier.",
            "mode": "async",
            "visibility": "internal",
            "change": "workstream.create",
            "workstream_name": "",
        },
    )
    assert response.status_code == 400
    assert response.context["form"].errors["workstream_name"]
    assert "Créer un chantier." in response.content.decode()


def test_a_substitute_is_told_for_whom_they_answer(circle):
    process = to_consent_round(start(circle.circle, circle.chloe, facilitator=circle.fanny))
    page = login(circle.nathan).get(url("process_detail", pk=process.pk)).content.decode()
    assert circle.seat.organization.name in page
    assert 'action="' + url("answer_give", pk=process.pk) + '"' in page


def test_the_group_list_links_to_the_form_for_members(circle):
    start(circle.circle, circle.chloe, facilitator=circle.fanny, title="Mon brouillon")
    page = login(circle.chloe).get(url("circle_processes", slug=circle.circle.slug))
    text = page.content.decode()
    assert "Mon brouillon" in text
    assert url("circle_process_create", slug=circle.circle.slug) in text
    # Another member does not see Chloé's draft.
    other = login(circle.bruno).get(url("circle_processes", slug=circle.circle.slug))
    assert "Mon brouillon" not in other.content.decode()


def populate(group, count: int) -> None:
    """`count` decisions of `group`, public and internal, and as many people sitting in it,
    each with a substitute who answered."""
    for n in range(count):
        decided(group, Visibility.PUBLIC if n % 2 else Visibility.INTERNAL, f"Décision {n}")


def test_the_register_keeps_its_query_count_from_10_to_60_decisions(circle, query_budget):
    meter = query_budget(14)
    clients = [Client(), login(circle.chloe)]
    populate(circle.circle, 10)
    small = [meter.get(client, url("register")) for client in clients]
    populate(circle.circle, 50)
    assert [meter.get(client, url("register")) for client in clients] == small
    detail = url("decision_detail", pk=Decision.objects.filter(visibility="public").first().pk)
    assert meter.get(clients[0], detail) <= 14


def test_a_process_page_keeps_its_query_count_with_more_voices_and_answers(circle, query_budget):
    meter = query_budget(30)
    process = to_consent_round(
        start(circle.circle, circle.chloe, facilitator=circle.fanny, mode=ProcessMode.LIVE)
    )

    def grow(count: int) -> None:
        for _n in range(count):
            holder, seat = seated_member(circle.circle)
            substitute = substitute_on(seat)
            services.answer_give(actor=substitute, process=process, position=Position.CONSENT)
            services.answer_give(
                actor=holder, process=process, position=Position.OBJECTION, reason="Non."
            )

    grow(3)
    page = url("process_detail", pk=process.pk)
    clients = [login(circle.fanny), login(circle.nathan)]
    small = [meter.get(client, page) for client in clients]
    fragment = [meter(lambda: clients[0].get(page, headers={"HX-Request": "true"}))]
    grow(30)
    assert [meter.get(client, page) for client in clients] == small
    assert [meter(lambda: clients[0].get(page, headers={"HX-Request": "true"}))] == fragment


def test_the_register_leads_a_member_to_the_processes_of_their_circle(circle):
    process = to_consent_round(start(circle.circle, circle.chloe, facilitator=circle.fanny))
    page = login(circle.bruno).get(url("register")).content.decode()
    assert url("circle_processes", slug=circle.circle.slug) in page
    assert url("process_detail", pk=process.pk) in page
    assert (
        url("circle_processes", slug=circle.circle.slug)
        not in Client().get(url("register")).content.decode()
    )


def test_my_space_lists_the_consent_rounds_awaiting_my_answer(circle):
    process = to_consent_round(start(circle.circle, circle.chloe, facilitator=circle.fanny))
    my_space = reverse("core:my_space")
    awaiting = "Réponses à donner"  # the item's heading, in "What awaits me"
    page = login(circle.bruno).get(my_space).content.decode()
    assert awaiting in page and url("process_detail", pk=process.pk) in page
    services.answer_give(actor=circle.bruno, process=process, position=Position.CONSENT)
    assert awaiting not in login(circle.bruno).get(my_space).content.decode()
    assert awaiting not in login(circle.outsider).get(my_space).content.decode()


def test_a_public_decision_shows_voices_not_names_to_anonymous_visitors(circle):
    process = live_public_round(circle)
    services.answer_give(actor=circle.amelie, process=process, position=Position.CONSENT)
    services.answer_give(actor=circle.chloe, process=process, position=Position.CONSENT)
    services.consent_round_close(actor=circle.fanny, process=process)
    page = url("decision_detail", pk=process.decision.pk)
    anonymous = Client().get(page).content.decode()
    assert circle.seat.organization.name in anonymous
    assert str(circle.amelie.person) not in anonymous and "Chloé Roy" not in anonymous
    member = login(circle.bruno).get(page).content.decode()
    assert str(circle.amelie.person) in member and "Chloé Roy" in member


def test_the_other_pages_keep_their_query_count_from_10_to_60_decisions(circle, query_budget):
    meter = query_budget(25)
    member = login(circle.chloe)
    pages = [
        url("circle_processes", slug=circle.circle.slug),
        url("circle_process_create", slug=circle.circle.slug),
    ]
    populate(circle.circle, 10)
    first = Decision.objects.order_by("pk").first()
    pages.append(url("decision_detail", pk=first.pk))
    small = [meter.get(member, page) for page in pages]
    populate(circle.circle, 50)
    for _n in range(30):
        seated_member(circle.circle)
    assert [meter.get(member, page) for page in pages] == small
