"""Answers to a consent round by e-mail (`core.replies`): the e-mail that awaits a participant's
answer carries a reply address for that person and process; a reply that begins with « je
consens » or « objection : … » is recorded as their answer, through the same service and rules as
an answer given on the platform, marked as come by e-mail."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from maillage.core.models import User
from maillage.core.replies import Answer, AnswerKind, register_reply_handler
from maillage.decisions import services
from maillage.decisions.models import Channel, Position, Process
from maillage.decisions.services._common import CONSENT_REPLY

ACCEPTS = frozenset({AnswerKind.CONSENT, AnswerKind.OBJECTION})


def consent_reply(*, actor: User, object_id: int, answer: Answer) -> None:
    process = Process.objects.filter(pk=object_id).first()
    if process is None:
        raise ValidationError(_("This proposal no longer exists."))
    position = Position.CONSENT if answer.kind == AnswerKind.CONSENT else Position.OBJECTION
    services.answer_give(
        actor=actor,
        process=process,
        position=position,
        reason=answer.reason,
        channel=Channel.EMAIL,
    )


def register() -> None:
    register_reply_handler(CONSENT_REPLY, consent_reply, accepts=ACCEPTS)
