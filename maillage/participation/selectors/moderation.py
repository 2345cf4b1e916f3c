"""What the moderation pages read: the queue of reported, hidden or handled contributions of the
consultations the viewer moderates, and a group's moderators and the members who may become one.

The queue shows each report's reason, details and date, never who reported (the moderators
judge the words, not the people)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Count, IntegerField, Max, Q, QuerySet, Value

from maillage.core.actors import Viewer
from maillage.core.models import User
from maillage.core.rules import is_staff
from maillage.governance.models import Circle, Workstream
from maillage.participation.models import (
    Comment,
    Consultation,
    Moderator,
    Proposal,
    Report,
    ReportReason,
)

PER_PAGE = 20


class Tab:
    OPEN = "open"
    HIDDEN = "hidden"
    HANDLED = "handled"
    ALL = (OPEN, HIDDEN, HANDLED)


@dataclass
class QueueRow:
    """One contribution of the queue: where it is, its reports and how many of each reason."""

    kind: str  # "proposal" or "comment"
    contribution: Proposal | Comment
    consultation: Consultation
    proposal: Proposal  # itself, or the proposal a comment is about
    reports: list[Report] = field(default_factory=list)

    @property
    def reasons(self) -> list[tuple[str, int]]:
        counted = Counter(report.reason for report in self.reports)
        return [
            (str(label), counted[value]) for value, label in ReportReason.choices if counted[value]
        ]


type Scope = tuple[set[int], set[int]] | None


def _scope(viewer: Viewer) -> Scope:
    """The circles and workstreams whose consultations `viewer` moderates; None: all (staff)."""
    if is_staff(viewer):
        return None
    circles: set[int] = set()
    workstreams: set[int] = set()
    if isinstance(viewer, User):
        for circle_id, workstream_id in Moderator.objects.filter(account=viewer).values_list(
            "circle_id", "workstream_id"
        ):
            if circle_id:
                circles.add(circle_id)
            else:
                workstreams.add(workstream_id)
    return circles, workstreams


def _within(scope: Scope, consultation: str) -> Q:
    """A filter on the consultation reached through `consultation` (a lookup path)."""
    if scope is None:
        return Q()
    circles, workstreams = scope
    return Q(**{f"{consultation}__circle_id__in": circles}) | Q(
        **{f"{consultation}__workstream_id__in": workstreams}
    )


def _report_keys(scope: Scope, tab: str) -> QuerySet[Any, Any]:
    """One row per contribution with open (or handled) reports, most recent first."""
    reports = Report.objects.filter(handled_at__isnull=(tab == Tab.OPEN))
    if scope is not None:
        reports = reports.filter(
            _within(scope, "proposal__consultation")
            | _within(scope, "comment__proposal__consultation")
        )
    when = "created_at" if tab == Tab.OPEN else "handled_at"
    return (
        reports.order_by()
        .values("proposal_id", "comment_id")
        .annotate(count=Count("pk"), at=Max(when))
        .order_by("-at", "-proposal_id", "-comment_id")
    )


def _hidden_keys(scope: Scope) -> QuerySet[Any, Any]:
    """One row per hidden proposal or comment, most recently hidden first."""
    proposals = Proposal.objects.filter(_within(scope, "consultation"), hidden_at__isnull=False)
    comments = Comment.objects.filter(
        _within(scope, "proposal__consultation"), hidden_at__isnull=False
    )
    none = Value(None, output_field=IntegerField())
    return (
        proposals.order_by()
        .values_list("pk", none, "hidden_at")
        .union(comments.order_by().values_list(none, "pk", "hidden_at"), all=True)
        .order_by("-hidden_at")
    )


def moderation_queue(viewer: Viewer, *, tab: str = Tab.OPEN, page: Any = 1) -> Page[QueueRow]:
    """A page of the queue's `tab`, limited to the consultations `viewer` moderates."""
    scope = _scope(viewer)
    keys: QuerySet[Any, Any] = (
        _hidden_keys(scope) if tab == Tab.HIDDEN else _report_keys(scope, tab)
    )
    found = Paginator(keys, PER_PAGE).get_page(page)
    rows = [
        {"proposal_id": row[0], "comment_id": row[1]} if isinstance(row, tuple) else row
        for row in found.object_list
    ]
    proposal_ids = [row["proposal_id"] for row in rows if row["proposal_id"]]
    comment_ids = [row["comment_id"] for row in rows if row["comment_id"]]
    proposals = Proposal.objects.select_related("consultation").in_bulk(proposal_ids)
    comments = Comment.objects.select_related("proposal__consultation").in_bulk(comment_ids)
    reports = Report.objects.filter(Q(proposal_id__in=proposal_ids) | Q(comment_id__in=comment_ids))
    if tab != Tab.HIDDEN:
        reports = reports.filter(handled_at__isnull=(tab == Tab.OPEN))
    queue: list[QueueRow] = []
    by_key: dict[tuple[str, int], QueueRow] = {}
    for row in rows:
        if row["proposal_id"]:
            proposal = proposals[row["proposal_id"]]
            item = QueueRow("proposal", proposal, proposal.consultation, proposal)
            by_key["proposal", proposal.pk] = item
        else:
            comment = comments[row["comment_id"]]
            item = QueueRow("comment", comment, comment.proposal.consultation, comment.proposal)
            by_key["comment", comment.pk] = item
        queue.append(item)
    for report in reports.order_by("created_at", "pk"):
        key = (
            ("proposal", report.proposal_id)
            if report.proposal_id
            else ("comment", report.comment_id or 0)
        )
        by_key[key].reports.append(report)
    found.object_list = queue
    return found


def moderators_of(group: Circle | Workstream) -> list[Moderator]:
    key = {"circle": group} if isinstance(group, Circle) else {"workstream": group}
    return list(Moderator.objects.filter(**key).select_related("account").order_by("pk"))


def possible_moderators(group: Circle | Workstream) -> QuerySet[User]:
    """The active accounts of the group's members in their own name (named through the
    service, which also accepts those who sit by a seat)."""
    key = "circle" if isinstance(group, Circle) else "workstream"
    return (
        User.objects.filter(
            is_active=True,
            person__memberships__ended_at__isnull=True,
            **{f"person__memberships__{key}": group},
        )
        .distinct()
        .order_by("last_name", "first_name", "pk")
    )
