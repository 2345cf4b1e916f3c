"""What the tests of answers by e-mail share: the platform's reply address, a handler that
stands for an app (it records each answer as an audit event of its own), the people who answer,
and the messages of common clients (`data/*.eml`, with `{token}` where the reply address's
token goes)."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from maillage.core import audit
from maillage.core.models import AuditEvent
from maillage.core.replies import AnswerKind, registry
from maillage.core.replies.addresses import reply_address
from maillage.core.replies.answers import Answer
from maillage.core.tests.factories import UserFactory

DATA = Path(__file__).parent / "data"
REPLY = "reponse@maillage.example.org"
PURPOSE = "testvote"
PROCESS = 412
CLOSED = 413  # a process that refuses every answer
ANSWERED = "test_process.answered"


class ProcessVerb(audit.Verbs):
    ANSWERED = ANSWERED, "answered"


def record_answer(*, actor, object_id, answer: Answer) -> None:
    """The test app's handler: writes the answer, but refuses it for a closed process (after
    writing, so that the refusal must roll the write back)."""
    audit.record(
        actor=actor,
        verb=ProcessVerb.ANSWERED,
        target=actor,
        payload={
            "process": object_id,
            "kind": answer.kind.value,
            "reason": answer.reason,
            "score": str(answer.score) if answer.score is not None else None,
            "choice": answer.choice,
        },
    )
    if object_id == CLOSED:
        raise ValidationError("This process closed on December 4, 2026.")


@pytest.fixture(autouse=True)
def reply_settings(settings):
    settings.MAILLAGE_REPLY_ADDRESS = REPLY
    settings.MAILLAGE_BASE_URL = "https://maillage.example.org"
    return settings


@pytest.fixture
def handler(monkeypatch):
    """The test app's purpose, registered for one test: it takes consent and objection."""
    purpose = registry.ReplyPurpose(
        PURPOSE,
        record_answer,
        accepts=frozenset({AnswerKind.CONSENT, AnswerKind.OBJECTION, AnswerKind.ABSTAIN}),
    )
    monkeypatch.setitem(registry.REPLY_HANDLERS, PURPOSE, purpose)
    return purpose


@pytest.fixture
def marie(db):
    return UserFactory(email="marie.tremblay@example.org", first_name="Marie")


@pytest.fixture
def john(db):
    return UserFactory(email="john.smith@example.org", first_name="John")


def token_for(user, *, object_id=PROCESS, purpose=PURPOSE, language="fr", expires=None):
    address = reply_address(
        user=user, purpose=purpose, object_id=object_id, language=language, expires=expires
    )
    return address.split("@")[0].partition("+")[2]


def expired_token_for(user, **kwargs):
    return token_for(user, expires=timezone.now() - timedelta(hours=2), **kwargs)


def eml(name: str, token: str) -> bytes:
    return (DATA / name).read_bytes().replace(b"{token}", token.encode())


def answers():
    """The answers the test app recorded: (person, process, kind, reason)."""
    return [
        (event.actor, event.payload["process"], event.payload["kind"], event.payload["reason"])
        for event in AuditEvent.objects.filter(verb=ANSWERED).order_by("id")
    ]


def refusals():
    return [
        event.payload["why"]
        for event in AuditEvent.objects.filter(verb="email_reply.refused").order_by("id")
    ]
