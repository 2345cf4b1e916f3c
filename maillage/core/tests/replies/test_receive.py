"""The service that receives a reply by e-mail (`email_reply_receive`), fed with messages as
Gmail, Outlook, Apple Mail and Thunderbird write them: what it records through the app's
handler, what it refuses and why, and whom it tells."""

from __future__ import annotations

import pytest
from django.core import mail
from django.test import override_settings

from maillage.core import services
from maillage.core.actors import SYSTEM
from maillage.core.models import AuditEvent
from maillage.core.replies.outcomes import ReplyOutcome
from maillage.core.services import email_reply_receive
from maillage.core.services.replies import HELP_PER_HOUR
from maillage.core.tests.factories import UserFactory
from maillage.core.tests.replies.conftest import (
    CLOSED,
    PROCESS,
    PURPOSE,
    answers,
    eml,
    expired_token_for,
    refusals,
    token_for,
)
from maillage.core.tokens import _b36

pytestmark = pytest.mark.django_db


def receive(raw: bytes, capture, **kwargs):
    with capture(execute=True):
        return email_reply_receive(actor=SYSTEM, message=raw, **kwargs)


# Recorded


def test_a_french_gmail_reply_je_consens_above_the_quote_records_consent(
    handler, marie, django_capture_on_commit_callbacks
):
    raw = eml("gmail-fr-consent.eml", token_for(marie))
    received = receive(raw, django_capture_on_commit_callbacks)
    assert received.outcome == ReplyOutcome.RECORDED
    # Only the first words: the quoted message (which says « objection : ») is ignored.
    assert answers() == [(marie, PROCESS, "consent", "merci!")]
    events = AuditEvent.objects.filter(verb__startswith="email_reply.").order_by("id")
    assert [(e.verb, e.actor) for e in events] == [
        ("email_reply.received", None),
        ("email_reply.recorded", marie),
    ]
    assert events[1].payload["answer"] == "consent"
    assert events[1].payload["message_id"].endswith("@mail.gmail.com>")
    # The person is told, in French, at the address they wrote from, as an automatic reply.
    [told] = mail.outbox
    assert told.to == ["marie.tremblay@example.org"]
    assert told.subject == "[Collectif IDS-CN] Votre réponse a été enregistrée"
    assert "consentement" in told.body
    assert told.extra_headers["Auto-Submitted"] == "auto-replied"
    assert told.extra_headers["In-Reply-To"] == events[1].payload["message_id"]


def test_a_french_outlook_objection_is_recorded_with_its_reason(
    handler, marie, django_capture_on_commit_callbacks
):
    # Windows-1252 quoted-printable, the sender's address in another case, the "De :" block.
    raw = eml("outlook-fr-objection.eml", token_for(marie))
    assert receive(raw, django_capture_on_commit_callbacks).outcome == ReplyOutcome.RECORDED
    [(person, process, kind, reason)] = answers()
    assert (person, process, kind) == (marie, PROCESS, "objection")
    assert reason == (
        "le budget de l’an 2 ne prévoit rien pour le transport des participants de "
        "Charlevoix. Il faudrait une ligne d’au moins 5 000 $."
    )


def test_an_english_apple_mail_reply_records_consent_and_is_answered_in_english(
    handler, john, django_capture_on_commit_callbacks
):
    raw = eml("apple-mail-en-consent.eml", token_for(john, language="en"))
    assert receive(raw, django_capture_on_commit_callbacks).outcome == ReplyOutcome.RECORDED
    assert answers() == [(john, PROCESS, "consent", "")]
    [told] = mail.outbox
    assert told.subject == "[Collectif IDS-CN] Your answer was recorded"


def test_an_html_only_thunderbird_reply_is_read_without_its_quote(
    handler, marie, django_capture_on_commit_callbacks
):
    raw = eml("thunderbird-fr-abstain-html.eml", token_for(marie))
    assert receive(raw, django_capture_on_commit_callbacks).outcome == ReplyOutcome.RECORDED
    assert answers() == [
        (
            marie,
            PROCESS,
            "abstain",
            "je siège aussi au conseil d’administration de l’organisme.",
        )
    ]


def test_a_reply_address_lowercased_on_its_way_still_holds(
    handler, marie, django_capture_on_commit_callbacks
):
    raw = eml("gmail-fr-consent.eml", token_for(marie).upper())
    assert receive(raw, django_capture_on_commit_callbacks).outcome == ReplyOutcome.RECORDED


def test_the_envelope_recipient_given_by_the_mail_server_is_read(
    handler, marie, django_capture_on_commit_callbacks
):
    # Sent to a list or in Bcc: the token is only in the envelope.
    raw = eml("gmail-fr-consent.eml", "").replace(b"reponse+@", b"budget@")
    address = f"reponse+{token_for(marie)}@maillage.example.org"
    received = receive(raw, django_capture_on_commit_callbacks, recipient=address)
    assert received.outcome == ReplyOutcome.RECORDED


def test_a_message_delivered_twice_is_recorded_once(
    handler, marie, django_capture_on_commit_callbacks
):
    raw = eml("gmail-fr-consent.eml", token_for(marie))
    receive(raw, django_capture_on_commit_callbacks)
    again = receive(raw, django_capture_on_commit_callbacks)
    assert again.outcome == ReplyOutcome.DUPLICATE
    assert len(answers()) == 1
    assert len(mail.outbox) == 1


# Read, not recorded: the person gets the help reply


def test_a_reply_that_is_no_answer_gets_help_in_english_and_records_nothing(
    handler, john, django_capture_on_commit_callbacks
):
    raw = eml("thunderbird-en-question.eml", token_for(john, language="en"))
    assert receive(raw, django_capture_on_commit_callbacks).outcome == (ReplyOutcome.NOT_UNDERSTOOD)
    assert answers() == []
    assert refusals() == ["not_understood"]
    [told] = mail.outbox
    assert told.to == ["john.smith@example.org"]
    assert told.subject == "[Collectif IDS-CN] Your answer was not recorded"
    # The answers this question takes, and only those.
    assert "- “I consent”" in told.body
    assert "- “objection:” followed by your reason" in told.body
    assert "disagree" not in told.body
    # Answering the help reply answers the same question.
    [reply_to] = told.reply_to
    assert reply_to.startswith("reponse+") and reply_to.endswith("@maillage.example.org")


def test_an_answer_the_question_does_not_take_gets_help_in_french(
    handler, marie, django_capture_on_commit_callbacks
):
    raw = eml("gmail-fr-consent.eml", token_for(marie)).replace(
        b"Je consens, merci!", b"Pas d'accord."
    )
    assert receive(raw, django_capture_on_commit_callbacks).outcome == ReplyOutcome.NOT_ACCEPTED
    assert answers() == []
    [told] = mail.outbox
    assert told.subject == "[Collectif IDS-CN] Votre réponse n’a pas été enregistrée"
    assert "ne prend pas la réponse « en désaccord »" in told.body
    assert "- « je consens »" in told.body


def test_an_answer_the_app_refuses_leaves_nothing_and_says_why(
    handler, marie, django_capture_on_commit_callbacks
):
    raw = eml("gmail-fr-consent.eml", token_for(marie, object_id=CLOSED))
    received = receive(raw, django_capture_on_commit_callbacks)
    assert received.outcome == ReplyOutcome.REFUSED
    # The handler wrote before refusing: its write is rolled back.
    assert answers() == []
    event = AuditEvent.objects.get(verb="email_reply.refused")
    assert event.payload["detail"] == "This process closed on December 4, 2026."
    [told] = mail.outbox
    assert "This process closed on December 4, 2026." in told.body


# Refused without a word to the sender


def test_a_forged_token_records_nothing_and_tells_nobody(
    handler, marie, django_capture_on_commit_callbacks
):
    token = token_for(marie)
    body, signature = token.rsplit(".", 1)
    forged = body.replace(f".{_b36(PROCESS)}.", f".{_b36(PROCESS + 1)}.") + "." + signature
    assert forged != token
    # Another process, the same signature; then a made-up signature.
    for attempt in (forged, body + ".aaaaaaaaaaaaaaaa"):
        raw = eml("gmail-fr-consent.eml", attempt)
        assert receive(raw, django_capture_on_commit_callbacks).outcome == ReplyOutcome.FORGED
    assert answers() == []
    assert mail.outbox == []
    assert refusals() == ["forged", "forged"]


def test_a_token_signed_with_another_key_is_forged(
    handler, marie, django_capture_on_commit_callbacks
):
    with override_settings(SECRET_KEY="another-key-" + "k" * 50):
        token = token_for(marie)
    raw = eml("gmail-fr-consent.eml", token)
    assert receive(raw, django_capture_on_commit_callbacks).outcome == ReplyOutcome.FORGED
    assert answers() == []


def test_an_expired_token_records_nothing_and_tells_only_its_person(
    handler, marie, django_capture_on_commit_callbacks
):
    raw = eml("gmail-fr-consent.eml", expired_token_for(marie))
    assert receive(raw, django_capture_on_commit_callbacks).outcome == ReplyOutcome.EXPIRED
    assert answers() == []
    [told] = mail.outbox
    assert told.to == ["marie.tremblay@example.org"]
    assert "rien n’a été enregistré" in told.body
    assert told.reply_to == []  # nothing more to answer there

    mail.outbox.clear()
    stranger = eml("gmail-fr-consent.eml", expired_token_for(marie)).replace(
        b"marie.tremblay@example.org>\r\nTo", b"someone@elsewhere.example>\r\nTo"
    )
    assert receive(stranger, django_capture_on_commit_callbacks).outcome == ReplyOutcome.SENDER
    assert mail.outbox == []


def test_a_reply_from_another_address_records_nothing_and_tells_nobody(
    handler, marie, john, django_capture_on_commit_callbacks
):
    # John answers with the reply address made for Marie (a forwarded e-mail).
    raw = eml("apple-mail-en-consent.eml", token_for(marie))
    assert receive(raw, django_capture_on_commit_callbacks).outcome == ReplyOutcome.SENDER
    assert answers() == []
    assert mail.outbox == []
    assert refusals() == ["sender"]


def test_an_address_of_the_person_not_yet_confirmed_does_not_count(
    handler, django_capture_on_commit_callbacks
):
    marie = UserFactory(email="marie.tremblay@example.org", verified=False)
    raw = eml("gmail-fr-consent.eml", token_for(marie))
    assert receive(raw, django_capture_on_commit_callbacks).outcome == ReplyOutcome.SENDER
    assert answers() == []


def test_a_deactivated_account_records_nothing(handler, marie, django_capture_on_commit_callbacks):
    token = token_for(marie)
    marie.is_active = False
    marie.save()
    raw = eml("gmail-fr-consent.eml", token)
    received = receive(raw, django_capture_on_commit_callbacks)
    assert received.outcome == ReplyOutcome.UNKNOWN_PERSON
    assert (answers(), mail.outbox) == ([], [])


def test_an_out_of_office_reply_is_never_answered(
    handler, marie, django_capture_on_commit_callbacks
):
    # It begins with « D’accord »: read, it would be an answer.
    raw = eml("outlook-fr-out-of-office.eml", token_for(marie))
    assert receive(raw, django_capture_on_commit_callbacks).outcome == ReplyOutcome.AUTOMATIC
    assert (answers(), mail.outbox) == ([], [])


def test_a_message_to_no_reply_address_is_only_audited(
    handler, marie, django_capture_on_commit_callbacks
):
    raw = eml("gmail-fr-consent.eml", "x").replace(b"reponse+x@", b"reponse@")
    assert receive(raw, django_capture_on_commit_callbacks).outcome == ReplyOutcome.NO_TOKEN
    assert (answers(), mail.outbox, refusals()) == ([], [], ["no_token"])


def test_a_purpose_no_app_handles_records_nothing(marie, django_capture_on_commit_callbacks):
    raw = eml("gmail-fr-consent.eml", token_for(marie, purpose="gone"))
    received = receive(raw, django_capture_on_commit_callbacks)
    assert received.outcome == ReplyOutcome.UNKNOWN_PURPOSE
    assert (answers(), mail.outbox) == ([], [])


def test_a_garbled_message_is_refused_not_raised(handler, django_capture_on_commit_callbacks):
    received = receive(b"\x00\xff garbage \r\n\r\n\x80", django_capture_on_commit_callbacks)
    assert received.outcome == ReplyOutcome.NO_TOKEN


# From the e-mail that awaits the answer to the answer recorded


def test_replying_to_an_awaited_answer_notification_records_the_answer(
    handler, marie, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.notify(
            recipient=marie,
            subject="Votre réponse est attendue : Budget 2027",
            body="Répondez à ce courriel en commençant par « je consens » ou « objection : ».",
            answer=services.AwaitedAnswer(PURPOSE, PROCESS),
        )
    [awaited] = mail.outbox
    [reply_to] = awaited.reply_to
    local, domain = reply_to.split("@")
    assert domain == "maillage.example.org" and local.startswith("reponse+")
    raw = eml("gmail-fr-consent.eml", local.partition("+")[2])
    assert receive(raw, django_capture_on_commit_callbacks).outcome == ReplyOutcome.RECORDED
    assert answers() == [(marie, PROCESS, "consent", "merci!")]


def test_without_a_reply_address_the_notification_has_no_reply_to(
    handler, marie, settings, django_capture_on_commit_callbacks
):
    settings.MAILLAGE_REPLY_ADDRESS = ""
    with django_capture_on_commit_callbacks(execute=True):
        services.notify(
            recipient=marie, subject="Budget 2027", answer=services.AwaitedAnswer(PURPOSE, 1)
        )
    [awaited] = mail.outbox
    assert awaited.reply_to == []


def test_the_recorded_reason_is_quoted_back_to_its_person(
    handler, marie, django_capture_on_commit_callbacks
):
    raw = eml("outlook-fr-objection.eml", token_for(marie))
    receive(raw, django_capture_on_commit_callbacks)
    [told] = mail.outbox
    assert told.body.startswith("Votre réponse par courriel a été enregistrée : objection.")
    assert "> le budget de l’an 2 ne prévoit rien" in told.body


def test_help_replies_stop_after_a_few_an_hour(handler, john, django_capture_on_commit_callbacks):
    # An autoresponder that does not say it is one would answer each help reply.
    token = token_for(john, language="en")
    for number in range(HELP_PER_HOUR + 2):
        raw = eml("thunderbird-en-question.eml", token).replace(
            b"<5b0e8f3a", f"<{number}-5b0e8f3a".encode()
        )
        outcome = receive(raw, django_capture_on_commit_callbacks).outcome
        assert outcome == ReplyOutcome.NOT_UNDERSTOOD
    assert len(mail.outbox) == HELP_PER_HOUR
    told = AuditEvent.objects.filter(verb="email_reply.refused").values_list(
        "payload__told", flat=True
    )
    assert sorted(told) == [False, False] + [True] * HELP_PER_HOUR
    # An answer that is recorded is still confirmed.
    receive(eml("apple-mail-en-consent.eml", token), django_capture_on_commit_callbacks)
    assert mail.outbox[-1].subject == "[Collectif IDS-CN] Your answer was recorded"
