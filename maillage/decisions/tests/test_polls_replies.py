"""Voting in a poll by replying to the e-mail that awaits the vote: « D'accord » above a quoted
message (Gmail) agrees, an Outlook « Bloquer : … » blocks with its reason, scores and rankings
as numbers (Thunderbird, Apple Mail); anything else gets the help reply and records nothing,
and so does a reply from another address."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from allauth.account.models import EmailAddress
from django.core import mail

from maillage.core.permissions import SYSTEM
from maillage.core.services import email_reply_receive
from maillage.core.tests.replies.conftest import REPLY
from maillage.decisions.models import Availability, Channel, PollOption, PollPosition, Vote
from maillage.decisions.tests.factories import poll_in
from maillage.decisions.tests.test_replies import MARIE

pytestmark = pytest.mark.django_db

DATA = Path(__file__).parent / "data"


@pytest.fixture
def amelie(circle, settings):
    """Amélie, whose confirmed address is the one the test messages come from."""
    settings.MAILLAGE_REPLY_ADDRESS = REPLY
    amelie = circle.amelie
    amelie.email = MARIE
    amelie.save()
    EmailAddress.objects.filter(user=amelie).delete()
    EmailAddress.objects.create(user=amelie, email=MARIE, verified=True, primary=True)
    return amelie


@pytest.fixture
def opened(circle, amelie, django_capture_on_commit_callbacks):
    """Open a poll of the circle with its e-mails sent; returns (poll, Amélie's reply address)."""

    def make(variant="proposal", **data):
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            poll = poll_in(circle.circle, variant=variant, **data)
        email = next(m for m in mail.outbox if m.to == [MARIE] and ".poll" in m.reply_to[0])
        return poll, email

    return make


@pytest.fixture
def reply_with(django_capture_on_commit_callbacks):
    """Send a test message `name` to the reply address, from `sender`."""

    def send(name: str, reply_to: str, sender: str = MARIE) -> None:
        _send(name, reply_to, sender, django_capture_on_commit_callbacks)

    return send


def _send(name: str, reply_to: str, sender: str, on_commit) -> None:
    token = reply_to.split("@")[0].partition("+")[2]
    message = (DATA / name).read_bytes().replace(b"{token}", token.encode())
    message = message.replace(MARIE.encode(), sender.encode())
    # Each reply its own message (the same message twice is recorded once).
    message = re.sub(rb"(?im)^(message-id: <)", rb"\g<1>" + token.encode(), message)
    with on_commit(execute=True):  # the outcome e-mail goes once committed
        email_reply_receive(actor=SYSTEM, message=message)


def values(vote) -> dict[str, int]:
    return {c.option.label: c.value for c in vote.choices.select_related("option")}


def test_the_awaited_vote_e_mail_says_how_to_answer_this_poll(opened):
    _poll, email = opened()
    assert "Pour répondre par courriel" in email.body and "fermera" in email.body
    assert "« d’accord »" in email.body and "votre note" not in email.body
    _poll, email = opened("score")
    assert "votre note" in email.body and "« d’accord »" not in email.body


def test_daccord_above_the_quote_agrees_for_her_organization(opened, circle, reply_with):
    poll, email = opened()
    reply_with("gmail-fr-daccord.eml", email.reply_to[0])
    vote = Vote.objects.get(poll=poll)
    assert (vote.person, vote.position, vote.channel) == (
        circle.amelie.person,
        PollPosition.AGREE,
        Channel.EMAIL,
    )
    assert vote.organization == circle.seat.organization


def test_an_outlook_bloquer_blocks_with_its_reason(opened, reply_with):
    poll, email = opened()
    reply_with("outlook-fr-bloquer.eml", email.reply_to[0])
    vote = Vote.objects.get(poll=poll)
    assert vote.position == PollPosition.BLOCK and vote.reason.startswith("la charte exclut")


def test_scores_one_per_option_in_their_order(opened, reply_with):
    poll, email = opened("score", max_score=5)
    reply_with("thunderbird-fr-scores.eml", email.reply_to[0])
    assert values(Vote.objects.get(poll=poll)) == {"Option A": 4, "Option B": 2, "Option C": 5}


def test_option_numbers_rank_spread_dots_or_say_which_dates_suit(opened, reply_with):
    ranked, email = opened("ranked")
    reply_with("apple-mail-en-ranked.eml", email.reply_to[0])
    assert values(Vote.objects.get(poll=ranked)) == {"Option C": 1, "Option A": 2, "Option B": 3}
    dots, email = opened("dots", dots=10)
    reply_with("apple-mail-en-ranked.eml", email.reply_to[0])
    assert values(Vote.objects.get(poll=dots)) == {"Option C": 4, "Option A": 3, "Option B": 3}
    time, email = opened("time")
    reply_with("apple-mail-en-ranked.eml", email.reply_to[0])
    assert set(values(Vote.objects.get(poll=time)).values()) == {Availability.YES}


def test_a_score_poll_refuses_too_few_scores(opened, reply_with):
    poll, email = opened("score", options=["A", "B", "C", "D"])
    mail.outbox.clear()
    reply_with("thunderbird-fr-scores.eml", email.reply_to[0])
    assert not Vote.objects.filter(poll=poll).exists()
    assert len(mail.outbox) == 1 and "4" in mail.outbox[0].body  # told why


def test_anything_else_gets_the_help_reply_and_records_nothing(opened, reply_with):
    poll, email = opened()
    mail.outbox.clear()
    reply_with("gmail-fr-unclear.eml", email.reply_to[0])
    assert not Vote.objects.exists()
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [MARIE]
    reply_with("gmail-fr-daccord.eml", email.reply_to[0], sender="quelquun@example.net")
    assert not Vote.objects.exists()
    assert PollOption.objects.filter(poll=poll).count() == 0  # a proposal has no options
