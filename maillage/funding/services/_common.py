"""What the funding services share: moving a record along its workflow, audited."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils import timezone

from maillage.core import audit
from maillage.core.actors import Actor
from maillage.core.models import User
from maillage.core.permissions import SYSTEM
from maillage.core.workflows import Workflow
from maillage.funding import rules
from maillage.funding.verbs import FundingVerb


def user_of(actor: Actor) -> User | None:
    """The account behind `actor`; None for the platform itself."""
    return actor if isinstance(actor, User) else None


def fire[M: models.Model](
    *,
    actor: Actor,
    instance: M,
    workflow: Workflow,
    step: str,
    verb: FundingVerb,
    payload: dict[str, Any] | None = None,
    **values: Any,
) -> M:
    """Check `step` of `workflow` for `actor` (the platform may fire any), then set the
    record's state to its target (with `values`) and record `verb`. Call it inside the
    service's transaction; a refusal raises `TransitionNotAllowed` with its reason."""
    roles = None if actor is SYSTEM else rules.workflow_roles(actor, instance)
    current = str(getattr(instance, "state"))  # noqa: B009 (every workflow model has one; M does not say so)
    target = workflow.check(step, state=current, roles=roles).target
    values |= {"state": target, "state_changed_at": timezone.now()}
    return audit.audited_set(
        actor=actor,
        instance=instance,
        verb=verb,
        values=values,
        payload={"transition": step, "from": current, "to": target, **(payload or {})},
    )
