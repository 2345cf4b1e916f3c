"""The audit log: services record what they did; pages read it back as a history."""

from __future__ import annotations

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from maillage.core.models import AuditEvent

# Human labels of the verbs, registered by each app ("organization.created" → "created").
VERB_LABELS: dict[str, Promise | str] = {}


def register_verbs(labels: dict[str, Promise | str]) -> None:
    VERB_LABELS.update(labels)


def verb_label(verb: str) -> str:
    return str(VERB_LABELS.get(verb, verb))


def record(
    *,
    actor: Any,
    verb: str,
    target: models.Model | None = None,
    payload: dict[str, Any] | None = None,
) -> AuditEvent:
    """Write one audit event. Call it inside the service's transaction."""
    real_actor = actor if actor is not None and getattr(actor, "is_authenticated", False) else None
    event = AuditEvent(actor=real_actor, verb=verb, payload=payload or {})
    if target is not None:
        event.target_type = ContentType.objects.get_for_model(target)
        event.target_id = str(target.pk)
        event.target_repr = str(target)[:255]
    event.save()
    return event


register_verbs(
    {
        "user.created": _("account created"),
        "user.role_changed": _("role changed"),
        "notification.read": _("notification read"),
    }
)
