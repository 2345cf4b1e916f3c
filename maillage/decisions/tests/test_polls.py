"""Polls: votes of each variant counted on the server, one vote per voice (a substitute only
while its holder has not voted), votes recorded offline, and closing, which writes the result
in the register (a time poll chooses its date instead), anonymity kept."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from maillage.core.models import AuditEvent
from maillage.core.permissions import SYSTEM
from maillage.decisions import selectors, services
from maillage.decisions.models import (
    Availability,
    Channel,
    Decision,
    PollOption,
    PollPosition,
    Vote,
)
from maillage.decisions.tests.factories import poll_in
from maillage.decisions.verbs import DecisionVerb

pytestmark = pytest.mark.django_db


def options(poll):
    return list(PollOption.objects.filter(poll=poll).order_by("position"))


def result(poll):
    detail = selectors.poll_detail(viewer=SYSTEM, pk=poll.process_id)
    return detail.result


def agree(poll, user, position=PollPosition.AGREE):
    return services.vote_cast(actor=user, poll=poll, position=position)


def test_a_substitute_votes_for_the_organization_until_its_holder_does(circle):
    poll = poll_in(circle.circle, facilitator=circle.fanny)
    agree(poll, circle.nathan, PollPosition.DISAGREE)  # Amélie's substitute
    vote = Vote.objects.get()
    assert (vote.organization, vote.as_substitute) == (circle.seat.organization, True)
    agree(poll, circle.amelie)  # the holder's vote replaces it
    vote = Vote.objects.get()
    assert (vote.person, vote.position, vote.as_substitute) == (
        circle.amelie.person,
        PollPosition.AGREE,
        False,
    )
    with pytest.raises(ValidationError, match="Tremblay"):
        agree(poll, circle.nathan)  # never counted twice
    assert result(poll).positions == {PollPosition.AGREE: 1}


def test_voting_again_replaces_ones_vote(circle):
    poll = poll_in(circle.circle)
    agree(poll, circle.chloe)
    agree(poll, circle.chloe, PollPosition.BLOCK)
    assert result(poll).positions == {PollPosition.BLOCK: 1}


def test_the_facilitator_records_a_vote_given_offline(circle):
    poll = poll_in(circle.circle, facilitator=circle.fanny)
    vote = services.vote_cast(
        actor=circle.fanny, poll=poll, position=PollPosition.AGREE, person=circle.bruno.person
    )
    assert (vote.channel, vote.recorded_by) == (Channel.OFFLINE, circle.fanny)
    assert AuditEvent.objects.filter(verb=DecisionVerb.VOTE_RECORDED).count() == 1
    with pytest.raises(PermissionDenied):  # a member records nobody's vote
        services.vote_cast(
            actor=circle.chloe, poll=poll, position=PollPosition.AGREE, person=circle.bruno.person
        )


def test_outsiders_and_closed_polls_take_no_vote(circle):
    poll = poll_in(circle.circle)
    with pytest.raises(PermissionDenied):
        agree(poll, circle.outsider)
    draft = poll_in(circle.circle, opened=False)
    with pytest.raises(ValidationError, match=r"ouvert|open"):
        agree(draft, circle.chloe)
    with pytest.raises(ValidationError):
        agree(poll, circle.chloe, "maybe")
    assert not Vote.objects.exists()


def test_scores_are_totalled_and_checked(circle):
    poll = poll_in(circle.circle, variant="score", max_score=5)
    a, b, c = options(poll)
    services.vote_cast(actor=circle.chloe, poll=poll, values={a.pk: 5, b.pk: 1, c.pk: 3})
    services.vote_cast(actor=circle.bruno, poll=poll, values={a.pk: 4, b.pk: 2, c.pk: 0})
    with pytest.raises(ValidationError, match=r"entre 0 et 5|between 0 and 5"):
        services.vote_cast(actor=circle.fanny, poll=poll, values={a.pk: 6, b.pk: 0, c.pk: 0})
    with pytest.raises(ValidationError):
        services.vote_cast(actor=circle.fanny, poll=poll, values={a.pk: 1})
    rows = result(poll).options
    # Best first; a tie keeps the options' order.
    assert [(r.option.label, r.total, r.average) for r in rows] == [
        ("Option A", 9, 4.5),
        ("Option B", 3, 1.5),
        ("Option C", 3, 1.5),
    ]
    assert rows[0].best


def test_ranked_choice_counts_borda_points(circle):
    poll = poll_in(circle.circle, variant="ranked")
    a, b, c = options(poll)
    services.vote_cast(actor=circle.chloe, poll=poll, values={b.pk: 1, a.pk: 2, c.pk: 3})
    services.vote_cast(actor=circle.bruno, poll=poll, values={b.pk: 1, c.pk: 2})
    services.vote_cast(actor=circle.fanny, poll=poll, values={a.pk: 1})
    with pytest.raises(ValidationError, match="1, 2, 3"):
        services.vote_cast(actor=circle.amelie, poll=poll, values={a.pk: 1, b.pk: 3})
    # Three options: a first choice is worth 2 points, a second 1, a third or none 0.
    totals = {r.option.label: r.total for r in result(poll).options}
    assert totals == {"Option A": 1 + 2, "Option B": 2 + 2, "Option C": 1}
    assert result(poll).best.option == b


def test_dots_are_spread_within_the_voices_dots(circle):
    poll = poll_in(circle.circle, variant="dots", dots=5)
    a, b, _c = options(poll)
    services.vote_cast(actor=circle.chloe, poll=poll, values={a.pk: 3, b.pk: 2})
    with pytest.raises(ValidationError, match="5"):
        services.vote_cast(actor=circle.bruno, poll=poll, values={a.pk: 4, b.pk: 2})
    with pytest.raises(ValidationError):
        services.vote_cast(actor=circle.bruno, poll=poll, values={})
    assert {r.option.label: r.total for r in result(poll).options}["Option A"] == 3


def test_a_time_poll_closes_on_the_date_most_can_attend(circle):
    poll = poll_in(circle.circle, variant="time", facilitator=circle.fanny)
    first, second, third = options(poll)
    yes, maybe, no = Availability.YES, Availability.MAYBE, Availability.NO
    services.vote_cast(
        actor=circle.chloe, poll=poll, values={first.pk: no, second.pk: yes, third.pk: maybe}
    )
    services.vote_cast(
        actor=circle.bruno, poll=poll, values={first.pk: yes, second.pk: yes, third.pk: no}
    )
    row = next(r for r in result(poll).options if r.option == third)
    assert (row.total, row.maybe, row.no) == (0, 1, 1)
    services.poll_transition(actor=circle.fanny, poll=poll, transition="close")
    poll.refresh_from_db()
    assert poll.chosen == second and poll.process.state == "closed"
    assert not Decision.objects.exists()  # a date is not a decision of the register


def test_the_facilitator_may_choose_another_date(circle):
    poll = poll_in(circle.circle, variant="time", facilitator=circle.fanny)
    third = options(poll)[2]
    services.poll_transition(actor=circle.fanny, poll=poll, transition="close", chosen=third)
    poll.refresh_from_db()
    assert poll.chosen == third


def test_closing_a_proposal_writes_its_result_and_participation_in_the_register(circle):
    poll = poll_in(circle.circle, facilitator=circle.fanny, quorum=2)
    agree(poll, circle.chloe)
    agree(poll, circle.bruno)
    agree(poll, circle.nathan, PollPosition.ABSTAIN)
    services.poll_transition(actor=circle.fanny, poll=poll, transition="close")
    decision = Decision.objects.get(process=poll.process)
    assert decision.kind == "poll"
    assert "La proposition est adoptée" in decision.text or "adopted" in decision.text
    assert "Quorum" in decision.text
    rows = {row["voice"]: row for row in decision.participation}
    assert rows["Chloé Roy"]["position"] == PollPosition.AGREE
    assert rows[circle.seat.organization.name]["person"] == "Nathan Côté"
    assert rows["Fanny Bouchard"]["voted"] is False


def test_an_anonymous_poll_keeps_who_voted_but_never_how(circle):
    poll = poll_in(circle.circle, facilitator=circle.fanny, anonymous=True, quorum=3)
    agree(poll, circle.chloe, PollPosition.BLOCK)
    services.poll_transition(actor=circle.fanny, poll=poll, transition="close")
    decision = Decision.objects.get()
    row = next(r for r in decision.participation if r["voice"] == "Chloé Roy")
    assert (row["voted"], row["person"], row["position"]) == (True, None, None)
    assert "bloquée" in decision.text or "blocked" in decision.text
    assert "Quorum non atteint" in decision.text or "Quorum not met" in decision.text
    vote_event = AuditEvent.objects.get(verb=DecisionVerb.VOTE_CAST)
    assert "position" not in vote_event.payload


def test_a_poll_needs_options_and_a_closing_time_to_come(circle):
    with pytest.raises(ValidationError) as error:
        poll_in(circle.circle, variant="ranked", options=["Seule"])
    assert "options" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        poll_in(circle.circle, variant="score", options=["A", "a"])
    assert "options" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        poll_in(circle.circle, variant="time", times=[timezone.now() - dt.timedelta(days=1)])
    assert "options" in error.value.message_dict
    with pytest.raises(PermissionDenied):
        poll_in(circle.circle, circle.outsider)
