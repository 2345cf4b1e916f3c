"""The history of a circle or a workstream."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q

from maillage.core.actors import Viewer
from maillage.core.models import AuditEvent
from maillage.governance.models import Circle, Policy, Role, Workstream
from maillage.governance.selectors._common import _inside, _kind
from maillage.governance.verbs import STRUCTURAL


def governance_history(
    *,
    viewer: Viewer,
    circle: Circle | None = None,
    workstream: Workstream | None = None,
    limit: int = 50,
) -> list[AuditEvent]:
    """The history of a circle or workstream with its roles' and policies' events, newest
    first ("accountability added by …"), for those who may see its inside; each with
    `correction`, true for a structural change made directly by a person (not by a decision)."""
    group = _inside(viewer, circle, workstream)
    if group is None:
        return []
    types = ContentType.objects.get_for_models(type(group), Role, Policy)
    condition = Q(target_type=types[type(group)], target_id=str(group.pk)) | Q(
        target_type=types[Role],
        target_id__in=[
            str(pk)
            for pk in Role.objects.filter(**{_kind(group): group}).values_list("pk", flat=True)
        ],
    )
    if circle is not None:
        condition |= Q(
            target_type=types[Policy],
            target_id__in=[str(pk) for pk in circle.policies.values_list("pk", flat=True)],
        )
    events = list(
        AuditEvent.objects.filter(condition)
        .select_related("actor")
        .order_by("-created_at", "-id")[:limit]
    )
    for event in events:
        # A structural change made by a person is a direct correction (a decision makes it as
        # the platform, and says so with its own event).
        event.correction = event.actor_id is not None and event.verb in STRUCTURAL  # type: ignore[attr-defined]
    return events
