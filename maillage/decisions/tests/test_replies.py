"""Answering a consent round by e-mail: the e-mail that awaits the answer carries the reply
address and says how; a reply « Je consens, merci! » above the quoted message (as Gmail writes it)
records consent, an Outlook « Objection : … » an objection with its reason; a reply from another
address, with a forged or an expired token, or once the round has closed, records nothing."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from maillage.core.models import AuditEvent
from maillage.core.permissions import SYSTEM
from maillage.core.replies import reply_address
from maillage.core.services import email_reply_receive
from maillage.core.tests.replies.conftest import DATA, REPLY
from maillage.core.verbs import CoreVerb
from maillage.decisions import services
from maillage.decisions.models import Answer, Channel, Position, Process

pytestmark = pytest.mark.django_db

MARIE = "marie.tremblay@example.org"  # the sender of the client messages in core's test data


@pytest.fixture
def consent_round(circle, settings, django_capture_on_commit_callbacks):
    """Chloé's proposal in its asynchronous consent round; Amélie's confirmed address is the
    one the test messages come from."""
    settings.MAILLAGE_REPLY_ADDRESS = REPLY
    amelie = circle.amelie
    amelie.email = MARIE
    amelie.save()
    EmailAddress.objects.filter(user=amelie).delete()
    EmailAddress.objects.create(user=amelie, email=MARIE, verified=True, primary=True)
    chloe, fanny = Client(), Client()
    chloe.force_login(circle.chloe)
    fanny.force_login(circle.fanny)
    chloe.post(
        reverse("decisions:circle_process_create", kwargs={"slug": circle.circle.slug}),
        {
            "title": "Adopter la charte du logement",
            "proposal": "Le cercle adopte la charte.",
            "mode": "async",
            "visibility": "internal",
            "facilitator": circle.fanny.pk,
        },
    )
    process = Process.objects.get()
    deadline = timezone.localtime(timezone.now() + dt.timedelta(days=3))
    for transition in ("present", "open_clarifying", "open_reactions", "open_consent"):
        with django_capture_on_commit_callbacks(execute=True):  # the e-mails go once committed
            response = fanny.post(
                reverse("decisions:process_transition", kwargs={"pk": process.pk}),
                {"transition": transition, "deadline": deadline.strftime("%Y-%m-%dT%H:%M")},
            )
        assert response.status_code == 302
    return process


def awaited_email(address: str):
    return next(
        message
        for message in mail.outbox
        if message.to == [address] and "Votre réponse est attendue" in message.subject
    )


def reply_with(name: str, reply_to: str, sender: str = MARIE) -> None:
    token = reply_to.split("@")[0].partition("+")[2]
    message = (DATA / name).read_bytes().replace(b"{token}", token.encode())
    message = message.replace(MARIE.encode(), sender.encode())
    email_reply_receive(actor=SYSTEM, message=message)


def test_the_awaited_answer_e_mail_carries_the_reply_address_and_says_how(consent_round):
    email = awaited_email(MARIE)
    assert re.fullmatch(r"reponse\+[0-9a-z.]+@maillage\.example\.org", email.reply_to[0])
    assert ".consent." in email.reply_to[0]  # the purpose the decisions app answers
    assert "Pour répondre par courriel" in email.body and "je consens" in email.body.lower()


def test_je_consens_above_the_quote_records_consent_by_e_mail(consent_round, circle):
    reply_with("gmail-fr-consent.eml", awaited_email(MARIE).reply_to[0])
    answer = Answer.objects.get(person__user=circle.amelie)
    assert (answer.position, answer.channel) == (Position.CONSENT, Channel.EMAIL)
    assert answer.organization == circle.seat.organization  # her organization's voice


def test_an_outlook_objection_records_its_reason(consent_round, circle):
    reply_with("outlook-fr-objection.eml", awaited_email(MARIE).reply_to[0])
    answer = Answer.objects.get(person__user=circle.amelie)
    assert answer.position == Position.OBJECTION and answer.reason.startswith("le budget")


def test_another_sender_or_a_closed_round_records_nothing(consent_round, circle):
    reply_to = awaited_email(MARIE).reply_to[0]
    reply_with("gmail-fr-consent.eml", reply_to, sender="quelquun@example.net")
    assert not Answer.objects.exists()
    services.consent_round_close(actor=SYSTEM, process=consent_round)
    reply_with("gmail-fr-consent.eml", reply_to)
    assert not Answer.objects.filter(person__user=circle.amelie).exists()


def refusals() -> list[str]:
    return [
        event.payload["why"]
        for event in AuditEvent.objects.filter(verb=CoreVerb.EMAIL_REPLY_REFUSED).order_by("pk")
    ]


def test_a_forged_or_expired_token_records_nothing_and_changes_nothing(
    consent_round, circle, django_capture_on_commit_callbacks
):
    reply_to = awaited_email(MARIE).reply_to[0]
    token = reply_to.split("@")[0].partition("+")[2]
    before = Process.objects.values().get(pk=consent_round.pk)
    sent = len(mail.outbox)
    # The signature altered; then the same signed fields for another process.
    forged = token[:-1] + ("a" if token[-1] != "a" else "b")
    other = reply_address(
        user=circle.amelie, purpose="consent", object_id=consent_round.pk + 1
    ).split("@")[0]
    signature = token.rpartition(".")[2]
    with django_capture_on_commit_callbacks(execute=True):
        reply_with("gmail-fr-consent.eml", f"reponse+{forged}@maillage.example.org")
        reply_with("gmail-fr-consent.eml", f"{other.rpartition('.')[0]}.{signature}@x.org")
    assert len(mail.outbox) == sent  # nobody is told of a forged token
    # A token for this process and person, signed, but past its time.
    expired = reply_address(
        user=circle.amelie,
        purpose="consent",
        object_id=consent_round.pk,
        expires=timezone.now() - dt.timedelta(hours=2),
    )
    with django_capture_on_commit_callbacks(execute=True):
        reply_with("gmail-fr-consent.eml", expired)
    assert not Answer.objects.exists()
    assert Process.objects.values().get(pk=consent_round.pk) == before
    assert refusals() == ["forged", "forged", "expired"]
    # The person is told their address expired.
    assert [message.to for message in mail.outbox[sent:]] == [[MARIE]]
    # The genuine token still records the answer.
    reply_with("gmail-fr-consent.eml", reply_to)
    assert Answer.objects.get().position == Position.CONSENT
