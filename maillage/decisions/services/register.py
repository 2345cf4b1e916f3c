"""The decision a consented process writes in the register, and the structural changes it
applies through governance's services."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from maillage.core import audit
from maillage.core.actors import Actor
from maillage.core.dates import long_date
from maillage.core.permissions import SYSTEM
from maillage.core.rules import is_staff
from maillage.decisions import selectors
from maillage.decisions.models import (
    Decision,
    MeetingQuorum,
    Process,
    StructuralChange,
)
from maillage.decisions.paths import decision_path
from maillage.decisions.services._common import _tell_participants
from maillage.decisions.signals import decision_taken
from maillage.decisions.verbs import DecisionVerb
from maillage.governance.changes import change_apply


def _tell_decision(decision: Decision) -> None:
    with translation.override(settings.LANGUAGE_CODE):
        _tell_participants(
            decision.process,
            _("Decision taken: “%(title)s”") % {"title": decision.title},
            _("It takes effect on %(date)s.") % {"date": long_date(decision.effective_date)},
            decision_path(decision),
        )


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


def _decision_take(
    actor: Actor,
    process: Process,
    participation: selectors.Tally | list[dict[str, Any]],
) -> Decision:
    """The register's entry of what `process` decided (its proposal and rationale as they stand),
    with who took part (a round's tally, or rows the process kind writes itself): its structural
    changes applied, the apps above told (`signals.decision_taken`), and the participants."""
    now = timezone.now()
    decision = Decision(
        process=process,
        circle=process.circle,
        workstream=process.workstream,
        title=process.title,
        text=process.proposal,
        rationale=process.rationale,
        kind=process.kind,
        participation=participation
        if isinstance(participation, list)
        else _participation(participation),
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
    decision_taken.send(sender=Decision, decision=decision)
    _tell_decision(decision)
    return decision


@transaction.atomic
def decision_meeting_note(
    *,
    actor: Actor,
    decision: Decision,
    meeting_ref: int | None,
    meeting_title: str = "",
    quorum: str = "",
) -> Decision:
    """Note the meeting in which `decision` was taken and whether that meeting had its quorum
    (`models.MeetingQuorum`), or that it was taken in none (`meeting_ref` None). The meetings
    app calls it as the platform, when the decision is taken and whenever what it depends on
    changes (attendance, agenda, the meeting's times); nothing is written when nothing
    changed."""
    if actor is not SYSTEM and not is_staff(actor):
        raise PermissionDenied(_("Only the platform notes the meeting of a decision."))
    if meeting_ref is None:
        meeting_title, quorum = "", ""
    elif quorum not in MeetingQuorum.values:
        raise ValueError(f"unknown quorum {quorum!r}")
    values = {
        "meeting_id_ref": meeting_ref,
        "meeting_title": meeting_title[:255],
        "meeting_quorum": quorum,
    }
    if all(getattr(decision, name) == value for name, value in values.items()):
        return decision
    return audit.audited_set(
        actor=actor,
        instance=decision,
        verb=DecisionVerb.DECISION_MEETING,
        values=values,
        payload={"meeting": meeting_ref, "title": meeting_title, "quorum": quorum},
    )


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
