"""What the decisions selectors share: page size, the group filter, the rounds of a process
with their answers, whose names a viewer may see."""

from __future__ import annotations

from typing import Any, cast

from django.db.models import Prefetch

from maillage.core.actors import Viewer
from maillage.core.models import User
from maillage.core.permissions import has_perm
from maillage.decisions.models import (
    Answer,
    Decision,
    Process,
    Remark,
    Round,
    StructuralChange,
)
from maillage.governance.changes import change_describe
from maillage.governance.models import Circle, Workstream
from maillage.network.models import Person

# Decisions and processes listed per page.
PAGE_SIZE = 25


def _group_filter(group: Circle | Workstream) -> dict[str, Any]:
    return {"circle": group} if isinstance(group, Circle) else {"workstream": group}


def _changes(process: Process) -> list[StructuralChange]:
    """A process's structural changes, each with its `description` ("Create the workstream …")."""
    changes = list(StructuralChange.objects.filter(process=process))
    for change in changes:
        change.description = change_describe(change.change)  # type: ignore[attr-defined]
    return changes


def _rounds(process: Process) -> list[Round]:
    """A process's rounds in order, each with `answer_list` and `remark_list` (three queries)."""
    rounds: list[Round] = list(
        Round.objects.filter(process=process)
        .order_by("opened_at", "pk")
        .prefetch_related(
            Prefetch(
                "answers",
                queryset=Answer.objects.select_related(
                    "person", "organization", "recorded_by"
                ).order_by("created_at", "pk"),
                to_attr="answer_list",
            ),
            Prefetch(
                "remarks",
                queryset=Remark.objects.select_related("person", "recorded_by").order_by(
                    "created_at", "pk"
                ),
                to_attr="remark_list",
            ),
        )
    )
    return rounds


def answers_of(round_: Round) -> list[Answer]:
    """The answers of a round read by `_rounds`."""
    return cast("list[Answer]", round_.answer_list)  # type: ignore[attr-defined]


def person_of(viewer: Viewer) -> Person | None:
    if not isinstance(viewer, User):
        return None
    return Person.objects.filter(user_id=viewer.pk).first()


def may_see_people(viewer: Viewer, subject: Process | Decision) -> bool:
    return has_perm(viewer, "network.view_people") or has_perm(
        viewer, "decisions.view_processes", subject
    )
