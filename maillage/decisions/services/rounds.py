"""Questions, reactions and answers in a process's rounds; closing a consent round, by the
facilitator or at its deadline."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from maillage.core import audit
from maillage.core.actors import Actor
from maillage.core.permissions import SYSTEM, require
from maillage.core.versions import lock
from maillage.decisions import selectors, workflows
from maillage.decisions.models import (
    Answer,
    Channel,
    Position,
    Process,
    ProcessMode,
    Remark,
    RoundKind,
    RoundOutcome,
)
from maillage.decisions.services._common import (
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
