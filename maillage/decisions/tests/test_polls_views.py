"""A poll's pages: putting one to a circle (bad input kept and shown at its field), voting and
recording a vote offline from the page, hidden results and anonymous votes kept so for staff
too, the quorum shown, and a page whose query count does not grow with options and votes."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from maillage.core.permissions import SYSTEM
from maillage.decisions import services
from maillage.decisions.models import Channel, Poll, PollOption, PollPosition, Vote
from maillage.decisions.tests.factories import poll_in, seated_member, substitute_on

pytestmark = pytest.mark.django_db


def login(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def url(name: str, **kwargs) -> str:
    return reverse(f"decisions:{name}", kwargs=kwargs or None)


def voices_table(body: str) -> str:
    return body.split('id="voices-heading"')[1].split("</section>")[0]


def page(client, poll) -> str:
    response = client.get(url("poll_detail", pk=poll.process_id))
    assert response.status_code == 200
    return response.content.decode()


def closes() -> str:
    return timezone.localtime(timezone.now() + dt.timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")


def test_a_member_puts_a_time_poll_to_the_circle(circle):
    client = login(circle.chloe)
    create = url("circle_poll_create", slug=circle.circle.slug)
    form = {
        "title": "Date de la prochaine rencontre",
        "question": "Quand nous réunir?",
        "variant": "time",
        "options": "2030-01-14 13:30\nle lundi suivant",
        "closes_at": closes(),
        "quorum": 2,
        "max_score": 5,
        "dots": 10,
        "remind_hours": 24,
        "visibility": "internal",
    }
    refused = client.post(create, form)
    assert refused.status_code == 400
    body = refused.content.decode()
    assert "le lundi suivant" in body and 'id="field-options"' in body  # kept, at its field
    assert not Poll.objects.exists()
    response = client.post(create, form | {"options": "2030-01-14 13:30\n2030-01-21 13:30"})
    poll = Poll.objects.get()
    assert response.status_code == 302 and response.url == url("poll_detail", pk=poll.process_id)
    assert [o.starts_at.day for o in PollOption.objects.filter(poll=poll)] == [14, 21]
    assert poll.process.created_by == circle.chloe and poll.process.state == "draft"


def test_voting_from_the_page_and_a_refusal_at_the_field(circle):
    poll = poll_in(circle.circle, variant="score", max_score=5)
    a, b, c = PollOption.objects.filter(poll=poll).order_by("position")
    client = login(circle.bruno)
    vote = url("poll_vote", pk=poll.process_id)
    refused = client.post(vote, {f"option_{a.pk}": 9, f"option_{b.pk}": 1, f"option_{c.pk}": 1})
    assert refused.status_code == 400
    assert f'id="field-option_{a.pk}"' in refused.content.decode()
    assert not Vote.objects.exists()
    done = client.post(vote, {f"option_{a.pk}": 4, f"option_{b.pk}": 1, f"option_{c.pk}": 0})
    assert done.status_code == 302
    assert Vote.objects.get().person == circle.bruno.person
    assert 'value="4"' in page(client, poll)  # one's vote, to change it


def test_the_facilitator_records_an_offline_vote_from_the_page(circle):
    poll = poll_in(circle.circle, facilitator=circle.fanny)
    response = login(circle.fanny).post(
        url("poll_vote_record", pk=poll.process_id),
        {"record-person": circle.chloe.person.pk, "record-position": PollPosition.DISAGREE},
    )
    assert response.status_code == 302
    vote = Vote.objects.get()
    assert (vote.person, vote.channel, vote.recorded_by) == (
        circle.chloe.person,
        Channel.OFFLINE,
        circle.fanny,
    )
    assert f"{circle.fanny}</span>" in voices_table(page(login(circle.bruno), poll))  # recorder


def test_hidden_results_stay_hidden_until_closing_for_staff_too(circle, staff_user):
    poll = poll_in(circle.circle, facilitator=circle.fanny, hide_results=True)
    services.vote_cast(actor=circle.chloe, poll=poll, position=PollPosition.BLOCK)
    body = page(login(staff_user), poll)
    assert "masqués" in body or "hidden" in body
    assert "Blocage" not in voices_table(body) and "Block" not in voices_table(body)
    services.poll_transition(actor=circle.fanny, poll=poll, transition="close")
    table = voices_table(page(login(staff_user), poll))
    assert "Chloé Roy" in table and ("Blocage" in table or "Block" in table)


def test_an_anonymous_poll_never_shows_who_voted_what(circle, staff_user):
    poll = poll_in(circle.circle, facilitator=circle.fanny, anonymous=True, quorum=4)
    services.vote_cast(
        actor=circle.chloe, poll=poll, position=PollPosition.DISAGREE, reason="Trop tôt."
    )
    for body in (page(login(staff_user), poll), page(login(circle.fanny), poll)):
        assert "Trop tôt" not in body
        assert "quorum non atteint" in body or "quorum not met" in body
    services.poll_transition(actor=circle.fanny, poll=poll, transition="close")
    closed = page(login(staff_user), poll)
    assert "Trop tôt" not in closed
    decision = login(staff_user).get(url("decision_detail", pk=poll.process.decision.pk))
    taken = decision.content.decode().split('id="decision-participation"')[1]
    # Chloé voted (who took part is kept), but not how.
    assert "Trop tôt" not in taken and "Disagree" not in taken and "Pas d’accord" not in taken
    assert "voted" in taken or "a voté" in taken


def test_a_non_poll_process_has_no_poll_page(circle, staff_user):
    poll = poll_in(circle.circle)
    other = services.process_start(
        actor=SYSTEM,
        data=services.ProcessData(circle=circle.circle, title="Autre", proposal="Texte."),
    )
    client = login(staff_user)
    assert client.get(url("poll_detail", pk=other.pk)).status_code == 404
    assert client.get(url("process_detail", pk=poll.process_id)).url == url(
        "poll_detail", pk=poll.process_id
    )


def test_a_poll_page_keeps_its_query_count_with_more_options_and_votes(circle, query_budget):
    meter = query_budget(30)

    def poll_with(options: int, voters: int):
        poll = poll_in(
            circle.circle,
            facilitator=circle.fanny,
            variant="score",
            options=[f"Option {n}" for n in range(options)],
        )
        ids = list(PollOption.objects.filter(poll=poll).values_list("pk", flat=True))
        for _n in range(voters):
            holder, seat = seated_member(circle.circle)
            substitute_on(seat)
            services.vote_cast(actor=holder, poll=poll, values=dict.fromkeys(ids, 3))
        services.vote_cast(actor=circle.chloe, poll=poll, values=dict.fromkeys(ids, 1))
        return poll

    clients = [login(circle.fanny), login(circle.chloe), login(circle.nathan)]
    small = poll_with(2, 2)
    counts = [meter.get(client, url("poll_detail", pk=small.process_id)) for client in clients]
    large = poll_with(25, 30)
    big = [meter.get(client, url("poll_detail", pk=large.process_id)) for client in clients]
    assert big == counts


def test_my_space_lists_the_open_polls_awaiting_my_vote(circle):
    poll = poll_in(circle.circle)
    my_space = reverse("core:my_space")
    awaiting = "Réponses à donner"  # the item's heading, in "What awaits me"
    body = login(circle.bruno).get(my_space).content.decode()
    assert awaiting in body and "le sondage se ferme le" in body.split(awaiting)[1]
    services.vote_cast(actor=circle.bruno, poll=poll, position=PollPosition.AGREE)
    assert awaiting not in login(circle.bruno).get(my_space).content.decode()
    assert awaiting not in login(circle.outsider).get(my_space).content.decode()
