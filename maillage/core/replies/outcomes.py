"""What became of a reply by e-mail, and the short e-mail that tells its person."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from maillage.core.replies.answers import AnswerKind


class ReplyOutcome(models.TextChoices):
    """What became of a message: recorded, or why not (kept in the audit event)."""

    RECORDED = "recorded", gettext_lazy("answer recorded")
    NO_TOKEN = "no_token", gettext_lazy("not sent to a reply address")
    FORGED = "forged", gettext_lazy("reply address forged or damaged")
    EXPIRED = "expired", gettext_lazy("reply address expired")
    AUTOMATIC = "automatic", gettext_lazy("sent by a program (out-of-office reply, bounce)")
    UNKNOWN_PERSON = "unknown_person", gettext_lazy("no active account for this reply address")
    SENDER = "sender", gettext_lazy("sent from an address that is not the person's")
    UNKNOWN_PURPOSE = "unknown_purpose", gettext_lazy("nothing answers this kind of reply any more")
    DUPLICATE = "duplicate", gettext_lazy("the same message, already recorded")
    NOT_UNDERSTOOD = "not_understood", gettext_lazy("no answer found in the first words")
    NOT_ACCEPTED = "not_accepted", gettext_lazy("an answer this question does not take")
    REFUSED = "refused", gettext_lazy("refused")


# The outcomes the person hears about, by e-mail: only once the sender is known to be the
# person the reply address was made for.
TOLD = frozenset(
    {
        ReplyOutcome.RECORDED,
        ReplyOutcome.EXPIRED,
        ReplyOutcome.NOT_UNDERSTOOD,
        ReplyOutcome.NOT_ACCEPTED,
        ReplyOutcome.REFUSED,
    }
)


def example(kind: AnswerKind) -> str:
    """How to write an answer of `kind`, for the help reply."""
    return {
        AnswerKind.CONSENT: _("“I consent”"),
        AnswerKind.OBJECTION: _("“objection:” followed by your reason"),
        AnswerKind.AGREE: _("“agree”"),
        AnswerKind.DISAGREE: _("“disagree”"),
        AnswerKind.ABSTAIN: _("“abstain”"),
        AnswerKind.BLOCK: _("“block” followed by your reason"),
        AnswerKind.SCORE: _("a number, your score"),
        AnswerKind.CHOICE: _("the number of your choice, or its label"),
    }[kind]


def how_to_answer(accepts: Iterable[AnswerKind]) -> str:
    """How to answer by e-mail with the answers `accepts` names, in the active language: for
    the e-mail that awaits the answer, and the help reply."""
    accepted = set(accepts)
    return "\n".join(
        [
            _("To answer by e-mail, reply and begin your message with one of these answers:"),
            *(f"- {example(kind)}" for kind in AnswerKind if kind in accepted),
            "",
            _(
                "What follows your answer is kept with it (the reason of an objection); the "
                "quoted message below it is ignored. You may also answer on the platform."
            ),
        ]
    )


def outcome_email(
    outcome: ReplyOutcome,
    *,
    answer: str,
    detail: str,
    accepts: Iterable[AnswerKind],
    until: str,
    reason: str = "",
) -> tuple[str, str]:
    """The subject and body telling a person what became of their reply, in the active
    language. `answer` is the kind of answer read ("" when none) and `reason` what followed its
    words (quoted back when recorded, so that the person sees what was kept), `detail` a
    refusal's reason, `accepts` the answers the question takes, `until` when its reply address
    expires."""
    label = str(AnswerKind(answer).label) if answer else ""
    if outcome is ReplyOutcome.RECORDED:
        body = _("Your answer by e-mail was recorded: %(answer)s.") % {"answer": label}
        if reason:
            body += "\n\n" + "\n".join(f"> {line}" for line in reason.splitlines())
        return _("Your answer was recorded"), body
    subject = _("Your answer was not recorded")
    if outcome is ReplyOutcome.EXPIRED:
        return subject, _(
            "Answers by e-mail to this message closed on %(date)s: nothing was recorded. "
            "See the question on the platform."
        ) % {"date": until}
    if outcome is ReplyOutcome.REFUSED:
        return subject, _("Your answer (%(answer)s) could not be recorded: %(reason)s") % {
            "answer": label,
            "reason": detail,
        }
    if outcome is ReplyOutcome.NOT_ACCEPTED:
        lead = _("This question does not take the answer “%(answer)s”: nothing was recorded.") % {
            "answer": label
        }
    else:
        lead = _("No answer was found at the beginning of your reply: nothing was recorded.")
    lines = [lead, "", how_to_answer(accepts)]
    return subject, "\n".join(lines)
