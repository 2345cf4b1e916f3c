"""Answers by e-mail: a reply to an e-mail that awaits a person's answer is read, checked and
handed to the app that registered its purpose, or refused. Every message is audited (received,
then recorded or refused with why); the person gets a short reply saying what happened, but a
stranger (a forged token, another sender) gets nothing."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from maillage.core import selectors
from maillage.core.actors import Actor
from maillage.core.audit import record
from maillage.core.models import AuditEvent, User
from maillage.core.replies.addresses import token_in
from maillage.core.replies.answers import Answer, parse_answer
from maillage.core.replies.messages import Incoming, read_message
from maillage.core.replies.outcomes import TOLD, ReplyOutcome
from maillage.core.replies.registry import REPLY_HANDLERS
from maillage.core.tasks import send_reply_outcome_email
from maillage.core.tokens import ReplyToken, ReplyTokenError, read_reply_token
from maillage.core.verbs import CoreVerb

logger = logging.getLogger(__name__)

# At most this many help replies to one person in an hour.
HELP_PER_HOUR = 5


@dataclass(frozen=True)
class ReplyReceived:
    outcome: ReplyOutcome
    answer: Answer | None = None
    detail: str = ""  # a refusal's reason, as the handler gave it


def _language(code: str) -> str:
    """The platform's language that a token's language code names."""
    for language, _name in settings.LANGUAGES:
        if language.split("-")[0] == code:
            return language
    return settings.LANGUAGE_CODE


@transaction.atomic
def email_reply_receive(*, actor: Actor, message: bytes, recipient: str = "") -> ReplyReceived:
    """Read one raw message and record the answer it carries, or refuse it. `recipient` is the
    envelope's recipient when the mail server gives it (the message's own headers are read
    too). `actor` is who hands it over (`SYSTEM`: the mail server, the mailbox poll); the answer
    is recorded as its person's. Nothing is recorded unless the token is authentic and
    unexpired, its person's account active, and the message comes from one of that account's
    confirmed addresses."""
    incoming = read_message(message)
    recipients = (recipient, *incoming.recipients) if recipient else incoming.recipients
    raw_token = token_in(recipients)
    token: ReplyToken | None = None
    why = ReplyOutcome.NO_TOKEN
    if raw_token is not None:
        try:
            token = read_reply_token(raw_token)
            why = ReplyOutcome.RECORDED
        except ReplyTokenError as error:
            why = ReplyOutcome.EXPIRED if error.code == "expired" else ReplyOutcome.FORGED
            token = error.token
    person = (
        User.objects.filter(pk=token.user_id, is_active=True).first() if token is not None else None
    )
    base = {
        "message_id": incoming.message_id,
        "sender": incoming.sender,
        **({"purpose": token.purpose, "object_id": token.object_id} if token else {}),
    }
    record(actor=actor, verb=CoreVerb.EMAIL_REPLY_RECEIVED, target=person, payload=base)
    if why is ReplyOutcome.RECORDED or why is ReplyOutcome.EXPIRED:
        why = _check(incoming, token, person) or why
    result = ReplyReceived(why)
    if why is ReplyOutcome.RECORDED:
        assert token is not None and person is not None
        with translation.override(_language(token.language)):
            result = _hand_over(incoming, token, person)
    told = (
        result.outcome in TOLD
        and token is not None
        and person is not None
        and (result.outcome is ReplyOutcome.RECORDED or not _help_exhausted(person))
    )
    if result.outcome is ReplyOutcome.RECORDED:
        assert result.answer is not None
        record(
            actor=person,
            verb=CoreVerb.EMAIL_REPLY_RECORDED,
            target=person,
            payload={**base, "answer": result.answer.kind.value},
        )
    else:
        payload = {**base, "why": result.outcome.value, "told": told}
        if result.detail:
            payload["detail"] = result.detail
        if result.answer is not None:
            payload["answer"] = result.answer.kind.value
        record(actor=actor, verb=CoreVerb.EMAIL_REPLY_REFUSED, target=person, payload=payload)
    if told:
        assert token is not None and person is not None
        answer = result.answer
        arguments = (
            person.pk,
            incoming.sender,
            result.outcome.value,
            token.purpose,
            token.object_id,
            _language(token.language),
            token.expires.isoformat(),
            incoming.message_id,
            {
                "answer": answer.kind.value if answer else "",
                "reason": answer.reason if answer else "",
                "detail": result.detail,
            },
        )
        transaction.on_commit(lambda: send_reply_outcome_email.enqueue(*arguments))
    return result


def _help_exhausted(person: User) -> bool:
    """Whether `person` was already sent `HELP_PER_HOUR` help replies in the last hour: an
    autoresponder that says nothing of being one would otherwise answer each help reply, and
    be answered, without end."""
    since = timezone.now() - timedelta(hours=1)
    told = AuditEvent.objects.filter(
        target_type=ContentType.objects.get_for_model(User),
        target_id=str(person.pk),
        verb=CoreVerb.EMAIL_REPLY_REFUSED.value,
        created_at__gte=since,
        payload__told=True,
    )
    return told.count() >= HELP_PER_HOUR


def _check(
    incoming: Incoming, token: ReplyToken | None, person: User | None
) -> ReplyOutcome | None:
    """Why an authentic token's message is not read further, or None."""
    if person is None:
        return ReplyOutcome.UNKNOWN_PERSON
    # Whoever else writes to the address learns nothing, not even that it exists.
    if not selectors.has_verified_email(person, incoming.sender):
        return ReplyOutcome.SENDER
    # An out-of-office reply answered would answer back: a loop.
    if incoming.automatic:
        return ReplyOutcome.AUTOMATIC
    assert token is not None
    if token.purpose not in REPLY_HANDLERS:
        return ReplyOutcome.UNKNOWN_PURPOSE
    if incoming.message_id and (
        # Through the person's events (the index on the target), not the whole log.
        AuditEvent.objects.filter(
            target_type=ContentType.objects.get_for_model(User),
            target_id=str(person.pk),
            verb=CoreVerb.EMAIL_REPLY_RECORDED.value,
            payload__message_id=incoming.message_id,
            payload__sender=incoming.sender,
        ).exists()
    ):
        return ReplyOutcome.DUPLICATE  # a mail server delivering twice, a mailbox read again
    return None


def _hand_over(incoming: Incoming, token: ReplyToken, person: User) -> ReplyReceived:
    purpose = REPLY_HANDLERS[token.purpose]
    choices = purpose.choices(token.object_id) if purpose.choices else ()
    answer = parse_answer(incoming.text, choices=choices)
    if answer is None:
        return ReplyReceived(ReplyOutcome.NOT_UNDERSTOOD)
    if answer.kind not in purpose.accepts:
        return ReplyReceived(ReplyOutcome.NOT_ACCEPTED, answer)
    try:
        with transaction.atomic():  # a refusal leaves nothing of what the handler wrote
            purpose.handler(actor=person, object_id=token.object_id, answer=answer)
    except (ValidationError, PermissionDenied) as refusal:
        return ReplyReceived(ReplyOutcome.REFUSED, answer, _reason(refusal))
    return ReplyReceived(ReplyOutcome.RECORDED, answer)


def _reason(refusal: ValidationError | PermissionDenied) -> str:
    if isinstance(refusal, ValidationError):
        return " ".join(str(message) for message in refusal.messages)
    return str(refusal) or str(_("You may not give this answer."))
