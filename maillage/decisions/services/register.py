"""The decision a consented process writes in the register, and the structural changes it
applies through governance's services."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from maillage.core import audit
from maillage.core.actors import Actor
from maillage.core.dates import long_date
from maillage.core.permissions import SYSTEM
from maillage.decisions import selectors
from maillage.decisions.models import (
    Decision,
    Process,
    StructuralChange,
)
from maillage.decisions.paths import decision_path
from maillage.decisions.services._common import _tell_participants
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
