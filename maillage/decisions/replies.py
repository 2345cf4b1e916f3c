"""Answers to a consent round or a poll by e-mail (`core.replies`): the e-mail that awaits a
participant's answer carries a reply address for that person and process; a reply that begins
with « je consens » or « objection : … » is recorded as their answer, through the same service and
rules as an answer given on the platform, marked as come by e-mail.

A poll's reply begins with its vote: « d'accord », « pas d'accord », « abstention », « bloquer »
(agree, disagree, abstain, block) for a proposal; scores for a score poll, one number per option
in their order ("4 2 5"); option numbers or a label for the others: a ranking in order of
preference ("2 1 3"), the options sharing one's dots equally ("2" puts every dot on option 2),
the dates one can attend in a time poll (yes for them, no for the others)."""

from __future__ import annotations

import re
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from maillage.core.models import User
from maillage.core.replies import Answer, AnswerKind, register_reply_handler
from maillage.decisions import selectors, services
from maillage.decisions.models import (
    Availability,
    Channel,
    Poll,
    PollOption,
    PollPosition,
    PollVariant,
    Position,
    Process,
)
from maillage.decisions.services._common import CONSENT_REPLY

ACCEPTS = frozenset({AnswerKind.CONSENT, AnswerKind.OBJECTION})
# What each kind of poll takes (its e-mail's reply purpose, `services.poll_reply_purpose`).
POLL_ACCEPTS = frozenset(
    {AnswerKind.AGREE, AnswerKind.DISAGREE, AnswerKind.ABSTAIN, AnswerKind.BLOCK}
)
_POSITIONS = {
    AnswerKind.AGREE: PollPosition.AGREE,
    AnswerKind.DISAGREE: PollPosition.DISAGREE,
    AnswerKind.ABSTAIN: PollPosition.ABSTAIN,
    AnswerKind.BLOCK: PollPosition.BLOCK,
}
# The further numbers after the first, up to the first word that is not one.
_MORE = re.compile(r"^(?:[\s,;/-]*(\d{1,4})(?![\d.,]\d))+")
_NUMBER = re.compile(r"\d{1,4}")


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


def _numbers(first: Decimal | int | None, rest: str) -> list[int]:
    """The answer's first number, then those that follow it at the start of `rest`."""
    found = _MORE.match(rest)
    more = [int(n) for n in _NUMBER.findall(found.group(0))] if found else []
    return ([int(first)] if first is not None else []) + more


def _poll_values(poll: Poll, options: list[PollOption], answer: Answer) -> dict[int, int]:
    if poll.variant == PollVariant.SCORE:
        if answer.kind != AnswerKind.SCORE:
            raise ValidationError(_("Answer with one score per option, in their order."))
        scores = _numbers(answer.score, answer.reason)[: len(options)]
        if len(scores) != len(options) or answer.score != int(answer.score or 0):
            raise ValidationError(
                _("Give %(count)d whole scores, one per option, in their order.")
                % {"count": len(options)}
            )
        return {option.pk: score for option, score in zip(options, scores, strict=True)}
    if answer.kind != AnswerKind.CHOICE:
        raise ValidationError(_("Answer with the numbers of the options you choose."))
    named: list[int] = []
    for number in _numbers(answer.choice, answer.reason):
        if not 1 <= number <= len(options):
            break
        if number not in named:
            named.append(number)
    chosen = [options[number - 1].pk for number in named]
    if poll.variant == PollVariant.RANKED:
        return {pk: rank for rank, pk in enumerate(chosen, start=1)}
    if poll.variant == PollVariant.DOTS:
        share, left = divmod(poll.dots, len(chosen))
        return {pk: share + (1 if i < left else 0) for i, pk in enumerate(chosen)}
    return {
        option.pk: Availability.YES if option.pk in chosen else Availability.NO
        for option in options
    }


def poll_reply(*, actor: User, object_id: int, answer: Answer) -> None:
    poll = Poll.objects.select_related("process").filter(process_id=object_id).first()
    if poll is None:
        raise ValidationError(_("This poll no longer exists."))
    if poll.variant == PollVariant.PROPOSAL:
        if answer.kind not in _POSITIONS:
            raise ValidationError(_("Answer agree, abstain, disagree or block."))
        services.vote_cast(
            actor=actor,
            poll=poll,
            position=_POSITIONS[answer.kind],
            reason=answer.reason,
            channel=Channel.EMAIL,
        )
        return
    options = list(PollOption.objects.filter(poll=poll).order_by("position"))
    services.vote_cast(
        actor=actor,
        poll=poll,
        values=_poll_values(poll, options, answer),
        channel=Channel.EMAIL,
    )


def register() -> None:
    register_reply_handler(CONSENT_REPLY, consent_reply, accepts=ACCEPTS)
    register_reply_handler(services.POLL_REPLY, poll_reply, accepts=POLL_ACCEPTS)
    register_reply_handler(services.POLL_SCORE_REPLY, poll_reply, accepts={AnswerKind.SCORE})
    register_reply_handler(
        services.POLL_CHOICE_REPLY,
        poll_reply,
        accepts={AnswerKind.CHOICE},
        choices=selectors.poll_labels,
    )
