"""The register of decisions and a decision's page, narrowed to what the viewer may read."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.db.models import Q, QuerySet

from maillage.core.actors import Viewer
from maillage.core.models import User
from maillage.core.rules import is_staff
from maillage.decisions.models import (
    Decision,
    Process,
    ProposalVersion,
    Round,
    StructuralChange,
    Visibility,
)
from maillage.decisions.rules import group_ids
from maillage.decisions.selectors._common import PAGE_SIZE, _changes, _rounds, may_see_people
from maillage.governance.models import Circle, Workstream


def _decision_visibility(viewer: Viewer) -> Q | None:
    if is_staff(viewer):
        return None
    public = Q(visibility=Visibility.PUBLIC)
    if not isinstance(viewer, User):
        return public
    circles, workstreams = group_ids(viewer)
    return public | Q(circle_id__in=circles) | Q(workstream_id__in=workstreams)


def visible_decisions(viewer: Viewer) -> QuerySet[Decision]:
    condition = _decision_visibility(viewer)
    decisions = Decision.objects.all()
    return decisions if condition is None else decisions.filter(condition)


@dataclass(frozen=True)
class RegisterFilters:
    """The register's filters. Full-text search, territories, strategies and dates come next,
    each one more condition here."""

    circle: Circle | None = None
    workstream: Workstream | None = None
    kind: str = ""


def register(
    *, viewer: Viewer, filters: RegisterFilters | None = None, page: int | str = 1
) -> Page[Decision]:
    """The decisions `viewer` may read, newest first, 25 to a page (two or three queries)."""
    filters = filters or RegisterFilters()
    decisions = visible_decisions(viewer)
    if filters.circle is not None:
        decisions = decisions.filter(circle=filters.circle)
    if filters.workstream is not None:
        decisions = decisions.filter(workstream=filters.workstream)
    if filters.kind:
        decisions = decisions.filter(kind=filters.kind)
    decisions = decisions.select_related("circle", "workstream").order_by("-decided_at", "-pk")
    return Paginator(decisions, PAGE_SIZE).get_page(page)


@dataclass
class DecisionDetail:
    decision: Decision
    process: Process
    rounds: list[Round]
    versions: list[ProposalVersion]
    changes: list[StructuralChange]
    show_people: bool


def decision_detail(*, viewer: Viewer, pk: int) -> DecisionDetail | None:
    """A decision with the rounds of its process (questions, reactions, answers), the versions
    of its proposal and its structural changes; None when `viewer` may not read it."""
    decision = (
        visible_decisions(viewer)
        .select_related("circle", "workstream", "process__facilitator", "process__created_by")
        .filter(pk=pk)
        .first()
    )
    if decision is None:
        return None
    process = decision.process
    rounds = _rounds(process)
    return DecisionDetail(
        decision=decision,
        process=process,
        rounds=rounds,
        versions=list(ProposalVersion.objects.filter(process=process)),
        changes=_changes(process),
        show_people=may_see_people(viewer, decision),
    )
