"""Starting a process, moving it along the consent workflow, amending its proposal."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from maillage.core import audit
from maillage.core.actors import Actor
from maillage.core.dates import long_date
from maillage.core.models import User
from maillage.core.permissions import require
from maillage.core.services.notifications import AwaitedAnswer
from maillage.core.versions import lock
from maillage.decisions import workflows
from maillage.decisions.models import (
    Process,
    ProcessKind,
    ProcessMode,
    ProposalVersion,
    RoundOutcome,
    StructuralChange,
    Visibility,
)
from maillage.decisions.paths import process_path
from maillage.decisions.services._common import (
    CONSENT_REPLY,
    _close_round,
    _move,
    _open_round,
    _roles,
    _tell_participants,
    _user,
)
from maillage.decisions.verbs import DecisionVerb
from maillage.governance.changes import change_validate
from maillage.governance.models import Circle, Workstream


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
            # Replying to the e-mail answers (`decisions.replies`), until the deadline.
            answer=AwaitedAnswer(
                purpose=CONSENT_REPLY, object_id=process.pk, until=process.deadline
            ),
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
    if data.kind not in ProcessKind.values or data.kind == ProcessKind.POLL:
        # A poll comes with its settings and options: `poll_start`.
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
    if process.kind != ProcessKind.CONSENT:
        raise ValidationError({"transition": _("This step belongs to a consent process.")})
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
    if process.kind != ProcessKind.CONSENT:
        raise ValidationError({"text": _("A poll's question is corrected while in draft only.")})
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
