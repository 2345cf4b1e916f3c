"""Personal information in the planning app (Québec's Law 25). The work plan is the collective's
text; the only thing a person writes in their own words is a progress update's note."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from maillage.core.personal import (
    TEXT_REMOVED,
    Row,
    Section,
    declare,
    exempt,
    register_anonymizer,
    register_export,
    stored,
)
from maillage.planning.models import ProgressUpdate

if TYPE_CHECKING:
    from maillage.core.actors import Actor
    from maillage.core.models import User

declare(
    "planning.ProgressUpdate",
    fields=["note"],
    purpose=gettext_lazy("Follow the progress of the work plan's objectives and targets."),
    seen_by=gettext_lazy("The collective's members and staff, and the public for an adopted plan."),
    kept=gettext_lazy("With the work plan, as the collective's record."),
)
_WRITTEN_BY_THE_COLLECTIVE = gettext_lazy(
    "The collective's own text for its work plan, adopted or drafted in its name, not about a "
    "person."
)
for _model in ("Plan", "Need", "Orientation", "Objective", "Action"):
    exempt(
        f"planning.{_model}",
        fields=["description_fr", "description_en"],
        reason=_WRITTEN_BY_THE_COLLECTIVE,
    )
exempt("planning.Plan", fields=["vision_fr", "vision_en"], reason=_WRITTEN_BY_THE_COLLECTIVE)


def export(account: User) -> list[Section]:
    updates = (
        ProgressUpdate.objects.filter(created_by=account)
        .select_related("objective", "target")
        .order_by("-date", "-pk")
    )
    return [
        Section(
            key="planning.progress_updates",
            title=gettext_lazy("Progress updates you wrote"),
            purpose=gettext_lazy("Follow the progress of the work plan's objectives and targets."),
            rows=[
                Row(
                    {
                        _("Objective"): update.objective.title,
                        _("Target"): update.target.label if update.target else None,
                        _("Date"): update.date,
                        _("Value reached"): update.value,
                        _("Note"): update.note,
                        _("Written"): update.created_at,
                    }
                )
                for update in updates
            ],
        )
    ]


def anonymize(*, account: User, pseudonym: str, actor: Actor, remove_texts: bool) -> None:
    """Planning keeps no copy of a name; on request, the notes the person wrote give way to a
    marker (the dates and values reached stay)."""
    if remove_texts:
        removed = stored(TEXT_REMOVED)
        ProgressUpdate.objects.filter(created_by=account).exclude(note="").update(note=removed)


register_export("planning", export)
register_anonymizer("planning", anonymize)
