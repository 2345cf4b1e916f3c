"""Questions, reactions and answers in a process's rounds; closing a consent round, by the
facilitator or at its deadline."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from maillage.core import audit
from maillage.core.actors import Actor
from maillage.core.dates import long_date
from maillage.core.models import User
from maillage.core.permissions import SYSTEM, require
from maillage.core.services import notify
from maillage.core.services.notifications import AwaitedAnswer
from maillage.core.versions import lock
from maillage.decisions import selectors, workflows
from maillage.decisions.models import (
    Answer,
    Channel,
    Position,
    Process,
    ProcessMode,
    Remark,
    Round,
    RoundKind,
    RoundOutcome,
)
from maillage.decisions.paths import process_path
from maillage.decisions.services._common import (
    CONSENT_REPLY,
    _close_round,
    _current_round,
    _move,
    _roles,
    _user,
)
from maillage.decisions.services.register import _decision_take
from maillage.decisions.verbs import DecisionVerb
from maillage.network.models import Person


def _require_recorder(actor: Actor, process: Process) -> None:
    """What was said offline is recorded by the facilitator or staff, named as its recorder."""
    require(actor, "decisions.record_answer", process)
    if _user(actor) is None:
        raise ValidationError(
            {"person": _("What was said offline is recorded by someone with an account.")}
        )


def _speaker(process: Process, person: Person | None) -> selectors.Speaker:
    speaker = selectors.speaker_in(selectors.voices(process.group), person) if person else None
    if speaker is None:
        raise ValidationError(
            {"person": _("This person is not a member of the circle or workstream.")}
        )
    return speaker


@transaction.atomic
def remark_add(
    *, actor: Actor, process: Process, text: str, person: Person | None = None
) -> Remark:
    """A clarifying question or a quick reaction, in the round open for it: the actor's own, or
    one the facilitator records for `person` (given offline)."""
    lock(process)
    on_behalf = person is not None
    if on_behalf:
        _require_recorder(actor, process)
    else:
        require(actor, "decisions.take_part", process)
        person = selectors.person_of(actor)
    if not text.strip():
        raise ValidationError({"text": _("Write your question or reaction.")})
    current = _current_round(
        process,
        {RoundKind.CLARIFYING, RoundKind.REACTIONS},
        _("Questions and reactions are taken during their rounds only."),
    )
    speaker = _speaker(process, person)
    remark = Remark(
        round=current,
        person=speaker.person,
        text=text.strip(),
        channel=Channel.OFFLINE if on_behalf else Channel.WEB,
        recorded_by=_user(actor),
    )
    audit.audited_save(
        actor=actor,
        instance=remark,
        verb=DecisionVerb.REMARK_ADDED,
        target=process,
        payload={"person": str(speaker.person), "round": current.kind, "text": remark.text},
    )
    return remark


@transaction.atomic
def answer_give(
    *,
    actor: Actor,
    process: Process,
    position: str,
    reason: str = "",
    person: Person | None = None,
    channel: str = Channel.WEB,
) -> Answer:
    """A person's answer in the open consent round: consent, or an objection with its
    reasoning. Answering again before the round closes replaces the earlier answer. The
    facilitator records, for `person`, an answer given offline (`channel` "offline")."""
    lock(process)
    recorded = person is not None
    if recorded:
        _require_recorder(actor, process)
    else:
        require(actor, "decisions.take_part", process)
        person = selectors.person_of(actor)
    current = _current_round(
        process,
        {RoundKind.CONSENT},
        _("Answers are given during the consent round only."),
        at="position",
    )
    if position not in Position.values:
        raise ValidationError({"position": _("Answer with consent or an objection.")})
    reason = reason.strip()
    if position == Position.OBJECTION and not reason:
        raise ValidationError({"reason": _("An objection states its reasoning.")})
    speaker = _speaker(process, person)
    answer = Answer.objects.filter(round=current, person=speaker.person).first() or Answer(
        round=current, person=speaker.person
    )
    answer.organization = speaker.organization
    answer.seat = speaker.seat
    answer.as_substitute = speaker.as_substitute
    answer.position = position
    answer.reason = reason
    answer.channel = Channel.OFFLINE if recorded and channel == Channel.WEB else channel
    answer.recorded_by = _user(actor)
    audit.audited_save(
        actor=actor,
        instance=answer,
        verb=DecisionVerb.ANSWER_RECORDED if recorded else DecisionVerb.ANSWER_GIVEN,
        target=process,
        payload={
            "person": str(speaker.person),
            "organization": speaker.organization.name if speaker.organization else None,
            "position": position,
            "channel": answer.channel,
            "round": current.number,
        },
    )
    return answer


@transaction.atomic
def consent_round_close(*, actor: Actor, process: Process, at_deadline: bool = False) -> Process:
    """Close the open consent round: no voice objects (and at least one consents) → consented,
    and the decision is written; an objection, or no answer at all → integrating."""
    lock(process)
    roles = _roles(actor, process)
    workflows.CONSENT.check("object", state=process.state, roles=roles)
    current = _current_round(
        process,
        {RoundKind.CONSENT},
        _("There is no consent round open to close."),
        at="transition",
    )
    result = selectors.tally(selectors.voices(process.group), current.answers.all())
    if result.objections:
        outcome, step = RoundOutcome.OBJECTIONS, "object"
    elif result.consents:
        outcome, step = RoundOutcome.CONSENTED, "consent"
    else:
        outcome, step = RoundOutcome.NO_ANSWER, "object"
    workflows.CONSENT.check(step, state=process.state, roles=roles)
    _close_round(process, outcome)
    payload = {
        "consents": result.consents,
        "objections": result.objections,
        "waiting": result.waiting,
    }
    if at_deadline:
        audit.record(
            actor=actor, verb=DecisionVerb.DEADLINE_CLOSED, target=process, payload=payload
        )
    _move(actor, process, step, payload)
    if step == "consent":
        _decision_take(actor, process, result)
    return process


@dataclass
class ClosingReport:
    closed: int = 0
    consented: int = 0
    integrating: int = 0


def processes_close_due(*, actor: Actor = SYSTEM, now: datetime | None = None) -> ClosingReport:
    """Close every asynchronous consent round whose deadline has passed, each in its own
    transaction (one failing leaves the others closed)."""
    now = now or timezone.now()
    report = ClosingReport()
    due = Process.objects.filter(
        mode=ProcessMode.ASYNC, state="consent_round", deadline__lte=now
    ).values_list("pk", flat=True)
    for pk in list(due):
        with transaction.atomic():
            process = Process.objects.select_for_update().get(pk=pk)
            if process.state != "consent_round" or not process.deadline or process.deadline > now:
                continue  # closed meanwhile by its facilitator
            consent_round_close(actor=actor, process=process, at_deadline=True)
            report.closed += 1
            if process.state == "consented":
                report.consented += 1
            else:
                report.integrating += 1
    return report


def _reminder_window() -> timedelta:
    return timedelta(hours=settings.MAILLAGE_DECISION_REMINDER_HOURS)


def _remind(actor: Actor, process: Process, current: Round, now: datetime) -> int:
    """Remind the voices of `current` that have not answered (their holders and substitutes
    with an active account), once; returns how many accounts were told."""
    assert process.deadline is not None  # only asynchronous rounds with a deadline are reminded
    result = selectors.tally(selectors.voices(process.group), current.answers.all())
    people = {
        p.user_id
        for voice in result.voices
        if voice.answer is None
        for p in [*voice.holders, *voice.substitutes]
        if p.user_id
    }
    accounts = list(User.objects.filter(pk__in=people, is_active=True).order_by("pk"))
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("Reminder: your answer is awaited: “%(title)s”") % {"title": process.title}
        body = _("The consent round closes on %(deadline)s.") % {
            "deadline": long_date(process.deadline, "DATETIME_FORMAT")
        }
        for account in accounts:
            # Like the first call, replying to the e-mail answers, until the deadline.
            notify(
                recipient=account,
                subject=subject,
                body=body,
                url=process_path(process),
                answer=AwaitedAnswer(
                    purpose=CONSENT_REPLY, object_id=process.pk, until=process.deadline
                ),
            )
    current.reminded_at = now
    current.save(update_fields=["reminded_at"])
    audit.record(
        actor=actor,
        verb=DecisionVerb.REMINDED,
        target=process,
        payload={"round": current.number, "waiting": result.waiting, "told": len(accounts)},
    )
    return len(accounts)


def processes_remind_due(*, actor: Actor = SYSTEM, now: datetime | None = None) -> int:
    """Remind, once per round, the voices still awaited in every asynchronous consent round
    whose deadline is within `MAILLAGE_DECISION_REMINDER_HOURS`. A round opened after that
    time gets no reminder: its opening notice is as recent. Returns how many rounds were
    reminded, each in its own transaction."""
    now = now or timezone.now()
    window = _reminder_window()
    due = Round.objects.filter(
        kind=RoundKind.CONSENT,
        closed_at__isnull=True,
        reminded_at__isnull=True,
        process__mode=ProcessMode.ASYNC,
        process__state="consent_round",
        process__deadline__gt=now,
        process__deadline__lte=now + window,
    ).values_list("pk", flat=True)
    reminded = 0
    for pk in list(due):
        with transaction.atomic():
            current = Round.objects.select_for_update().select_related("process").get(pk=pk)
            process = current.process
            if current.closed_at or current.reminded_at or not process.deadline:
                continue  # closed or reminded meanwhile
            if current.opened_at >= process.deadline - window:
                continue
            _remind(actor, process, current, now)
            reminded += 1
    return reminded
