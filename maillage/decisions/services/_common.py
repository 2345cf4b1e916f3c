"""What the decisions services share: the actor as an account, its workflow roles, telling
the participants, opening and closing rounds, moving a process to its next state."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone

from maillage.core import audit
from maillage.core.actors import Actor
from maillage.core.models import User
from maillage.core.permissions import SYSTEM
from maillage.core.services import notify
from maillage.core.services.notifications import AwaitedAnswer
from maillage.decisions import selectors, workflows
from maillage.decisions.models import (
    Process,
    Round,
)
from maillage.decisions.rules import workflow_roles
from maillage.decisions.verbs import DecisionVerb

# The reply purpose of the e-mails that await an answer in a consent round (`decisions.replies`).
CONSENT_REPLY = "consent"


def _user(actor: Actor) -> User | None:
    return actor if isinstance(actor, User) else None


def _roles(actor: Actor, process: Process) -> set[str] | None:
    """The actor's workflow roles; None for the platform itself, which may fire any."""
    return None if actor is SYSTEM else workflow_roles(actor, process)


def _tell_participants(
    process: Process, subject: str, body: str, url: str, *, answer: AwaitedAnswer | None = None
) -> None:
    """Notify (in the platform and by e-mail, once committed) every participant with an active
    account: the members of the group and the substitutes of their seats. With `answer`, each
    may answer by replying to the e-mail."""
    people = {
        p.user_id
        for voice in selectors.voices(process.group)
        for p in [*voice.holders, *voice.substitutes]
        if p.user_id
    }
    for account in User.objects.filter(pk__in=people, is_active=True).order_by("pk"):
        notify(recipient=account, subject=subject, body=body, url=url, answer=answer)


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
    target = workflows.WORKFLOWS[process.kind].transition(step).target
    before = process.state
    values |= {"state": target, "state_changed_at": timezone.now()}
    return audit.audited_set(
        actor=actor,
        instance=process,
        verb=DecisionVerb.PROCESS_TRANSITION,
        values=values,
        payload={"transition": step, "from": before, "to": target, **(payload or {})},
    )


def _fire(
    actor: Actor, process: Process, key: str, payload: dict[str, Any] | None = None
) -> Process:
    """Check the transition `key` of the process's workflow for `actor`, then move to its
    target and record it."""
    workflows.WORKFLOWS[process.kind].check(key, state=process.state, roles=_roles(actor, process))
    return _move(actor, process, key, payload)


def _current_round(process: Process, kinds: set[str], message: str, at: str = "text") -> Round:
    current = Round.objects.filter(process=process, closed_at__isnull=True).first()
    if current is None or current.kind not in kinds:
        raise ValidationError({at: message})
    return current
