"""Every write of the decisions app: starting a process, moving it along its workflow, amending
its proposal, questions and reactions, answers, closing a consent round (by the facilitator or at
its deadline), and the decision a consented process writes in the register, with the structural
changes it carries applied through governance's services."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from maillage.core import audit
from maillage.core.actors import Actor
from maillage.core.dates import long_date
from maillage.core.models import User
from maillage.core.permissions import SYSTEM, require
from maillage.core.services import notify
from maillage.core.versions import lock
from maillage.decisions import selectors, workflows
from maillage.decisions.models import (
    Answer,
    Channel,
    Decision,
    Position,
    Process,
    ProcessKind,
    ProcessMode,
    ProposalVersion,
    Remark,
    Round,
    RoundKind,
    RoundOutcome,
    StructuralChange,
    Visibility,
)
from maillage.decisions.paths import decision_path, process_path
from maillage.decisions.rules import workflow_roles
from maillage.decisions.verbs import DecisionVerb
from maillage.governance.changes import change_apply, change_validate
from maillage.governance.models import Circle, Workstream
from maillage.network.models import Person


def _user(actor: Actor) -> User | None:
    return actor if isinstance(actor, User) else None


def _roles(actor: Actor, process: Process) -> set[str] | None:
    """The actor's workflow roles; None for the platform itself, which may fire any."""
    return None if actor is SYSTEM else workflow_roles(actor, process)


def _tell_participants(process: Process, subject: str, body: str, url: str) -> None:
    """Notify (in the platform and by e-mail, once committed) every participant with an active
    account: the members of the group and the substitutes of their seats."""
    people = {
        p.user_id
        for voice in selectors.voices(process.group)
        for p in [*voice.holders, *voice.substitutes]
        if p.user_id
    }
    for account in User.objects.filter(pk__in=people, is_active=True).order_by("pk"):
        notify(recipient=account, subject=subject, body=body, url=url)


def _tell_answer_awaited(process: Process) -> None:
    with translation.override(settings.LANGUAGE_CODE):
        body = (
            _("The consent round closes on %(deadline)s.")
            % {"deadline": long_date(process.deadline, "DATETIME_FORMAT")}
            if process.deadline
            else _("The consent round is held in a meeting.")
        )
        _tell_participants(
            process,
            _("Your answer is awaited: “%(title)s”") % {"title": process.title},
            body,
            process_path(process),
        )


def _tell_decision(decision: Decision) -> None:
    with translation.override(settings.LANGUAGE_CODE):
        _tell_participants(
            decision.process,
            _("Decision taken: “%(title)s”") % {"title": decision.title},
            _("It takes effect on %(date)s.") % {"date": long_date(decision.effective_date)},
            decision_path(decision),
        )


@dataclass
class ProcessData:
    title: str
    proposal: str
    circle: Circle | None = None
    workstream: Workstream | None = None
    rationale: str = ""
    mode: str = ProcessMode.ASYNC
    visibility: str = Visibility.INTERNAL
    facilitator: User | None = None
    review_date: date | None = None
    kind: str = ProcessKind.CONSENT
    # Governance changes (`{"action": …, "params": {…}}`) applied once consented.
    changes: list[dict[str, Any]] = field(default_factory=list)


def _check_changes(changes: list[dict[str, Any]]) -> None:
    for change in changes:
        change_validate(change)


@transaction.atomic
def process_start(*, actor: Actor, data: ProcessData) -> Process:
    """Put a proposal to a circle or a workstream: a process in draft, its first version, and
    the structural changes it carries (each checked against its governance action)."""
    group = data.circle or data.workstream
    if group is None or (data.circle and data.workstream):
        raise ValidationError(_("A proposal is put either to a circle or to a workstream."))
    require(actor, "decisions.start_process", group)
    if group.is_archived:
        raise ValidationError(_("This circle or workstream is archived."))
    if data.kind not in ProcessKind.values:
        raise ValidationError({"kind": _("Unknown decision process.")})
    _check_changes(data.changes)
    process = Process(
        kind=data.kind,
        circle=data.circle,
        workstream=data.workstream,
        title=data.title.strip(),
        proposal=data.proposal.strip(),
        rationale=data.rationale.strip(),
        mode=data.mode,
        visibility=data.visibility,
        facilitator=data.facilitator or _user(actor),
        review_date=data.review_date,
        created_by=_user(actor),
        state=workflows.CONSENT.initial,
    )
    audit.audited_save(
        actor=actor,
        instance=process,
        verb=DecisionVerb.PROCESS_STARTED,
        payload=lambda p: {"title": p.title, "kind": p.kind, "mode": p.mode},
    )
    ProposalVersion.objects.create(
        process=process,
        number=1,
        title=process.title,
        text=process.proposal,
        created_by=_user(actor),
    )
    for position, change in enumerate(data.changes, start=1):
        StructuralChange.objects.create(
            process=process, position=position, action=change["action"], params=change["params"]
        )
    return process


def _close_round(process: Process, outcome: str) -> Round | None:
    current = Round.objects.filter(process=process, closed_at__isnull=True).first()
    if current is not None:
        current.closed_at = timezone.now()
        current.outcome = outcome
        current.save(update_fields=["closed_at", "outcome"])
    return current


def _open_round(process: Process, kind: str) -> Round:
    number = Round.objects.filter(process=process, kind=kind).count() + 1
    return Round.objects.create(
        process=process, kind=kind, number=number, proposal_version=process.version
    )


def _move(
    actor: Actor,
    process: Process,
    step: str,
    payload: dict[str, Any] | None = None,
    **values: Any,
) -> Process:
    """Set the process's state to the transition's target (and `values`) and record it."""
    target = workflows.CONSENT.transition(step).target
    before = process.state
    values |= {"state": target, "state_changed_at": timezone.now()}
    return audit.audited_set(
        actor=actor,
        instance=process,
        verb=DecisionVerb.PROCESS_TRANSITION,
        values=values,
        payload={"transition": step, "from": before, "to": target, **(payload or {})},
    )


def _check_deadline(process: Process, deadline: datetime | None) -> datetime | None:
    if process.mode != ProcessMode.ASYNC:
        return None
    if deadline is None:
        raise ValidationError({"deadline": _("An asynchronous consent round needs a deadline.")})
    if deadline <= timezone.now():
        raise ValidationError({"deadline": _("The deadline must be in the future.")})
    return deadline


def _escalation_circle(process: Process) -> Circle:
    group = process.group
    parent = (
        group.parent
        if isinstance(group, Circle)
        else group.sponsors.filter(archived_at__isnull=True).order_by("pk").first()
    )
    if parent is None:
        raise ValidationError(
            {"transition": _("This circle has no parent circle to escalate the proposal to.")}
        )
    return parent


@transaction.atomic
def process_transition(
    *,
    actor: Actor,
    process: Process,
    transition: str,
    deadline: datetime | None = None,
) -> Process:
    """Fire a transition of the consent workflow (`workflows.CONSENT`) that needs nothing but
    itself: present, open a round (an asynchronous consent round with its `deadline`), withdraw,
    escalate. Amending and closing a consent round have their own services."""
    lock(process)
    if transition in {"amend", "consent", "object"}:
        raise ValidationError(
            {"transition": _("This step has its own form: amend the proposal or close the round.")}
        )
    step = workflows.CONSENT.check(transition, state=process.state, roles=_roles(actor, process))
    payload: dict[str, Any] = {}
    values: dict[str, Any] = {}
    if step.key == "open_consent":
        values["deadline"] = _check_deadline(process, deadline)
        payload = {"deadline": values["deadline"].isoformat() if values["deadline"] else None}
    if step.key == "escalate":
        parent = _escalation_circle(process)
        process.escalated_to = parent
        process.save(update_fields=["escalated_to", "updated_at"])
        payload = {"escalated_to": parent.slug}
    if step.key in workflows.OPENS or step.target in workflows.CLOSED_STATES:
        _close_round(
            process,
            RoundOutcome.INTERRUPTED
            if step.target in workflows.CLOSED_STATES
            else RoundOutcome.DONE,
        )
    if step.key in workflows.OPENS:
        _open_round(process, workflows.OPENS[step.key])
    process = _move(actor, process, step.key, payload, **values)
    if step.key == "open_consent":
        _tell_answer_awaited(process)
    return process


@transaction.atomic
def proposal_amend(
    *,
    actor: Actor,
    process: Process,
    title: str,
    text: str,
    note: str = "",
    version: str | None = None,
) -> Process:
    """Amend the proposal. In draft the text is corrected in place; after the reactions or
    during integration it becomes a new version (the earlier one kept), and the process is
    "amended" until its consent round opens."""
    require(actor, "decisions.amend_proposal", process)
    lock(process, version=version)
    title, text = title.strip(), text.strip()
    if not title or not text:
        raise ValidationError({"text": _("The proposal needs a title and a text.")})
    if process.state == workflows.CONSENT.initial:
        ProposalVersion.objects.filter(process=process, number=process.version).update(
            title=title, text=text
        )
        return _amend_text(actor, process, title, text, note)
    if process.state != "amended":
        workflows.CONSENT.check("amend", state=process.state, roles=_roles(actor, process))
    _close_round(process, RoundOutcome.DONE)
    process.version += 1
    ProposalVersion.objects.create(
        process=process,
        number=process.version,
        title=title,
        text=text,
        note=note.strip(),
        created_by=_user(actor),
    )
    process = _amend_text(actor, process, title, text, note)
    if process.state != "amended":
        _move(actor, process, "amend")
    return process


def _amend_text(actor: Actor, process: Process, title: str, text: str, note: str) -> Process:
    return audit.audited_set(
        actor=actor,
        instance=process,
        verb=DecisionVerb.PROPOSAL_AMENDED,
        values={"title": title, "proposal": text, "version": process.version},
        payload={"title": title, "version": process.version, "note": note.strip()},
    )


def _require_recorder(actor: Actor, process: Process) -> None:
    """What was said offline is recorded by the facilitator or staff, named as its recorder."""
    require(actor, "decisions.record_answer", process)
    if _user(actor) is None:
        raise ValidationError(
            {"person": _("What was said offline is recorded by someone with an account.")}
        )


def _current_round(process: Process, kinds: set[str], message: str, at: str = "text") -> Round:
    current = Round.objects.filter(process=process, closed_at__isnull=True).first()
    if current is None or current.kind not in kinds:
        raise ValidationError({at: message})
    return current


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


def _participation(result: selectors.Tally) -> list[dict[str, Any]]:
    """Each voice and how it answered, as the register keeps it."""
    rows = []
    for voice in result.voices:
        answer = voice.answer
        rows.append(
            {
                "voice": voice.name,
                "organization": voice.organization.name if voice.organization else None,
                "person": str(answer.person) if answer else None,
                "as_substitute": bool(answer and answer.as_substitute),
                "position": answer.position if answer else None,
                "reason": answer.reason if answer else "",
                "offline": bool(answer and answer.offline),
            }
        )
    return rows


def _decision_take(actor: Actor, process: Process, result: selectors.Tally) -> Decision:
    now = timezone.now()
    decision = Decision(
        process=process,
        circle=process.circle,
        workstream=process.workstream,
        title=process.title,
        text=process.proposal,
        rationale=process.rationale,
        kind=process.kind,
        participation=_participation(result),
        decided_at=now,
        effective_date=timezone.localdate(now),
        review_date=process.review_date,
        visibility=process.visibility,
    )
    audit.audited_save(
        actor=actor,
        instance=decision,
        verb=DecisionVerb.DECISION_TAKEN,
        payload=lambda d: {"title": d.title, "process": process.pk},
    )
    for change in StructuralChange.objects.filter(process=process, applied_at__isnull=True):
        _change_apply(decision, change)
    _tell_decision(decision)
    return decision


def _change_apply(decision: Decision, change: StructuralChange) -> models.Model:
    """Carry out a consented change through governance's services, as the platform (the
    consent is the authority), and name the decision in the history of what it changed."""
    result = change_apply(actor=SYSTEM, change=change.change)
    change.applied_at = timezone.now()
    change.result_type = ContentType.objects.get_for_model(result).model
    change.result_id = str(result.pk)
    change.result_repr = str(result)[:255]
    change.save(update_fields=["applied_at", "result_type", "result_id", "result_repr"])
    audit.record(
        actor=SYSTEM,
        verb=DecisionVerb.DECISION_APPLIED,
        target=result,
        payload={"decision": decision.pk, "title": decision.title, "action": change.action},
    )
    return result


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
