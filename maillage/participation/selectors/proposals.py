"""What the proposals pages read: a consultation's proposals (sorted, filtered by territory, with
their comment counts), one proposal with its thread of comments, the territories a proposal may
name, and a person's own contributions. A hidden contribution is listed like any other: the
template (`participation/_contribution_text.html`) decides what each viewer reads of it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, QuerySet

from maillage.core.actors import Viewer
from maillage.core.models import User
from maillage.participation.models import Comment, Consultation, Proposal, Support
from maillage.territories.models import Territory
from maillage.territories.selectors import territory_and_below

PAGE_SIZE = 20

ORDERS = {
    "recent": ("-created_at", "-pk"),
    "supported": ("-support_count", "-created_at", "-pk"),
}


def territory_choices(consultation: Consultation) -> QuerySet[Territory]:
    """The consultation's territories and every territory under them, by name."""
    ids = list(consultation.territories.values_list("pk", flat=True))
    if not ids:
        return Territory.objects.none()
    below = Q()
    for territory_id in ids:
        below |= Q(pk__in=territory_and_below(Territory(pk=territory_id)).values("pk"))
    return Territory.objects.filter(below).order_by("name", "pk")


def proposals_of(
    consultation: Consultation, *, order: str = "recent", territory: Territory | None = None
) -> QuerySet[Proposal]:
    """The consultation's proposals, each with its territory and `comment_total`."""
    rows = (
        Proposal.objects.filter(consultation=consultation)
        .select_related("territory")
        .annotate(comment_total=Count("comments"))
        .order_by(*ORDERS.get(order, ORDERS["recent"]))
    )
    if territory is not None:
        rows = rows.filter(territory__in=territory_and_below(territory))
    return rows


@dataclass(frozen=True)
class Thread:
    """A proposal's page: the proposal, its comments in order with their `reply_list`, and
    whether the viewer supports it."""

    proposal: Proposal
    comments: Sequence[Comment]
    supported: bool


def proposal_thread(proposal: Proposal, viewer: Viewer) -> Thread:
    """`proposal`'s comments (first level) with their replies, in two queries."""
    comments = list(
        Comment.objects.filter(proposal=proposal, parent__isnull=True).prefetch_related(
            Prefetch(
                "replies",
                queryset=Comment.objects.order_by("created_at", "pk"),
                to_attr="reply_list",
            )
        )
    )
    supported = isinstance(viewer, User) and (
        Support.objects.filter(proposal=proposal, account=viewer).exists()
    )
    return Thread(proposal=proposal, comments=comments, supported=supported)


def proposal_for_page(pk: int) -> QuerySet[Proposal]:
    return Proposal.objects.select_related("consultation", "territory").filter(pk=pk)


def my_proposals(user: User) -> QuerySet[Proposal]:
    """The person's proposals, newest first, with their consultation and comment count."""
    return (
        Proposal.objects.filter(author=user)
        .select_related("consultation")
        .annotate(comment_total=Count("comments"))
        .order_by("-created_at", "-pk")
    )


def my_comments(user: User) -> QuerySet[Comment]:
    """The person's comments, newest first, with the proposal each is about."""
    return (
        Comment.objects.filter(author=user)
        .select_related("proposal__consultation")
        .order_by("-created_at", "-pk")
    )
