"""The influence trail's reads: an input's public steps, the choices of its answering group, the
inputs waiting for a group's answer, and a consultation's report back."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.db.models import Case, Count, Q, QuerySet, Value, When
from django.urls import reverse
from django.utils import translation
from django.utils.translation import pgettext

from maillage.core.actors import Viewer
from maillage.core.models import User
from maillage.core.permissions import has_perm
from maillage.decisions.models import Decision, Process
from maillage.decisions.paths import decision_path, process_path
from maillage.decisions.rules import group_ids
from maillage.decisions.selectors import visible_decisions, visible_processes
from maillage.governance.models import Circle, Workstream
from maillage.participation import workflows
from maillage.participation.models import (
    Consultation,
    Follow,
    Proposal,
    TrailEntry,
    TrailStatus,
)

type Input = Proposal | Consultation

REPORT_PAGE_SIZE = 50
PANEL_SHOWN = 10


def _kind_words() -> dict[str, type[Proposal] | type[Consultation]]:
    return {
        pgettext("URL", "proposal"): Proposal,
        pgettext("URL", "consultation"): Consultation,
    }


def kind_of(obj: Input) -> str:
    """`obj`'s kind, as the templates test it."""
    return "proposal" if isinstance(obj, Proposal) else "consultation"


def kind_word(obj: Input) -> str:
    """The word naming `obj`'s kind in its trail's address, in the active language."""
    return (
        pgettext("URL", "proposal")
        if isinstance(obj, Proposal)
        else pgettext("URL", "consultation")
    )


def model_of(kind: str) -> type[Proposal] | type[Consultation] | None:
    """The kind a trail's address names, in any of the platform's languages (a link sent in
    one language keeps working in the other)."""
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            model = _kind_words().get(kind)
        if model is not None:
            return model
    return None


def input_for(kind: str, pk: int) -> Input | None:
    """The proposal or consultation a trail page is about, with what its trail shows."""
    model = model_of(kind)
    if model is None:
        return None
    related = ["routed_circle", "routed_workstream", "carried_by", "process", "decision"]
    if model is Proposal:
        related += ["consultation__circle", "consultation__workstream"]
    else:
        related += ["circle", "workstream"]
    return model.objects.select_related(*related).filter(pk=pk).first()


def trail_steps(*, viewer: Viewer, input: Input) -> list[TrailEntry]:
    """The steps of `input`'s trail, oldest first. Each carries `process_url` and
    `decision_url`, set only when `viewer` may see that process or register entry (an internal
    decision stays unnamed to the public). Three queries at most."""
    key = {"proposal": input} if isinstance(input, Proposal) else {"consultation": input}
    steps = list(
        TrailEntry.objects.filter(**key).select_related(
            "routed_circle", "routed_workstream", "process", "decision", "process__decision"
        )
    )
    process_ids = {s.process_id for s in steps if s.process_id}
    decision_ids = {d.pk for d in map(_decision_of, steps) if d is not None}
    seen_processes = (
        set(visible_processes(viewer).filter(pk__in=process_ids).values_list("pk", flat=True))
        if process_ids
        else set()
    )
    seen_decisions = (
        set(visible_decisions(viewer).filter(pk__in=decision_ids).values_list("pk", flat=True))
        if decision_ids
        else set()
    )
    for step in steps:
        decision = _decision_of(step)
        shown = decision if decision is not None and decision.pk in seen_decisions else None
        step.public_label = workflows.TRAIL.label(step.status, public=True)  # type: ignore[attr-defined]
        step.shown_decision = shown  # type: ignore[attr-defined]
        step.decision_url = decision_path(shown) if shown else ""  # type: ignore[attr-defined]
        step.process_url = (  # type: ignore[attr-defined]
            process_path(step.process)
            if step.process is not None and step.process.pk in seen_processes
            else ""
        )
    return steps


def _decision_of(step: TrailEntry) -> Decision | None:
    """The register entry a step names, or the one its process has reached since."""
    if step.decision is not None:
        return step.decision
    if step.process is not None and hasattr(step.process, "decision"):
        return step.process.decision
    return None


def _group_filter(group: Circle | Workstream, prefix: str = "") -> dict[str, int]:
    name = "circle" if isinstance(group, Circle) else "workstream"
    return {f"{prefix}{name}_id": group.pk}


def answer_processes(group: Circle | Workstream) -> QuerySet[Process]:
    """The decision processes of `group` an input may be taken up by, newest first."""
    return Process.objects.filter(**_group_filter(group)).order_by("-created_at", "-pk")


def answer_decisions(group: Circle | Workstream) -> QuerySet[Decision]:
    """The register entries of `group` an input may be taken up by, newest first."""
    return Decision.objects.filter(**_group_filter(group)).order_by("-decided_at", "-pk")


def is_following(viewer: Viewer, input: Input) -> bool:
    if not isinstance(viewer, User):
        return False
    key = {"proposal": input} if isinstance(input, Proposal) else {"consultation": input}
    return Follow.objects.filter(account=viewer, **key).exists()


@dataclass
class Waiting:
    """An input waiting for its group's answer, as a panel lists it."""

    title: str
    url: str
    status: str
    consultation: str


def _waiting_proposals(group: Circle | Workstream, *, insider: bool) -> QuerySet[Proposal]:
    found = Proposal.objects.filter(
        **_group_filter(group, "routed_"),
        status__in=workflows.TRAIL.keys_tagged(workflows.AWAITING),
        hidden_at__isnull=True,
    )
    if not insider:
        found = found.filter(consultation__published_at__isnull=False)
    return found


def _waiting_consultations(group: Circle | Workstream, *, insider: bool) -> QuerySet[Consultation]:
    found = Consultation.objects.filter(
        **_group_filter(group, "routed_"),
        status__in=workflows.TRAIL.keys_tagged(workflows.AWAITING),
    )
    if not insider:
        found = found.filter(published_at__isnull=False)
    return found


def waiting_for(*, group: Circle | Workstream, insider: bool) -> tuple[list[Waiting], int]:
    """The inputs routed to `group` that wait for its answer, oldest first (the first
    `PANEL_SHOWN`), and how many there are in all, for a viewer who sees the group's drafts
    (`insider`: staff and its members) or not. Four queries whatever their number."""
    proposals = _waiting_proposals(group, insider=insider).select_related("consultation")
    consultations = _waiting_consultations(group, insider=insider)
    total = proposals.count() + consultations.count()
    items = [
        (c.created_at, Waiting(c.title, trail_path(c), c.status, ""))
        for c in consultations.order_by("created_at", "pk")[:PANEL_SHOWN]
    ] + [
        (p.created_at, Waiting(p.title, trail_path(p), p.status, p.consultation.title))
        for p in proposals.order_by("created_at", "pk")[:PANEL_SHOWN]
    ]
    items.sort(key=lambda pair: pair[0])
    return [item for _at, item in items[:PANEL_SHOWN]], total


def trail_path(obj: Input) -> str:
    """The public page of `obj`'s trail, in the active language."""
    return reverse("participation:trail", kwargs={"kind": kind_word(obj), "pk": obj.pk})


@dataclass
class GroupWaiting:
    group: Circle | Workstream
    count: int
    url: str = field(default="")


def groups_waiting(*, viewer: User) -> list[GroupWaiting]:
    """The circles and workstreams `viewer` takes part in that have inputs waiting for their
    answer, with how many (five queries at most)."""
    circles, workstreams = group_ids(viewer)
    if not circles and not workstreams:
        return []
    awaiting = workflows.TRAIL.keys_tagged(workflows.AWAITING)
    routed = Q(routed_circle_id__in=circles) | Q(routed_workstream_id__in=workstreams)
    counts: Counter[tuple[str, int]] = Counter()
    sources: list[QuerySet[Proposal] | QuerySet[Consultation]] = [
        Proposal.objects.filter(routed, status__in=awaiting, hidden_at__isnull=True),
        Consultation.objects.filter(routed, status__in=awaiting),
    ]
    for source in sources:
        rows = source.values("routed_circle_id", "routed_workstream_id").annotate(n=Count("pk"))
        for row in rows.order_by():
            if row["routed_circle_id"]:
                counts["circle", row["routed_circle_id"]] += row["n"]
            else:
                counts["workstream", row["routed_workstream_id"]] += row["n"]
    found: list[GroupWaiting] = []
    circles_found = Circle.objects.filter(pk__in=[pk for k, pk in counts if k == "circle"])
    workstreams_found = Workstream.objects.filter(
        pk__in=[pk for k, pk in counts if k == "workstream"]
    )
    for kind, groups in (("circle", circles_found), ("workstream", workstreams_found)):
        for group in groups.order_by("name", "pk"):
            url = reverse(f"governance:{kind}_detail", kwargs={"slug": group.slug})
            found.append(GroupWaiting(group, counts[kind, group.pk], url))
    return found


@dataclass
class Report:
    """A consultation's report back: its proposals of one status (or all), a page of them, and
    how many there are of each status."""

    consultation: Consultation
    page: Page[Proposal]
    status: str
    counts: list[tuple[str, str, int]]


def consultation_report(
    *, viewer: Viewer, consultation: Consultation, status: str = "", page: int | str = 1
) -> Report:
    """The report page's reads: the proposals of `consultation` shown to the public (hidden
    ones apart), by status, with their reason (three queries)."""
    proposals = Proposal.objects.filter(consultation=consultation, hidden_at__isnull=True)
    by_status = dict(
        proposals.values("status").annotate(n=Count("pk")).order_by().values_list("status", "n")
    )
    counts = [
        (key, str(workflows.TRAIL.label(key, public=True)), by_status.get(key, 0))
        for key in TrailStatus.values
    ]
    if status in TrailStatus.values:
        proposals = proposals.filter(status=status)
    else:
        status = ""
    in_order = Case(
        *(When(status=key, then=Value(n)) for n, key in enumerate(TrailStatus.values)),
        default=Value(len(TrailStatus.values)),
    )
    listed = proposals.select_related("routed_circle", "routed_workstream", "carried_by").order_by(
        in_order, "-support_count", "pk"
    )
    shown = Paginator(listed, REPORT_PAGE_SIZE).get_page(page)
    for proposal in shown:
        proposal.public_label = workflows.TRAIL.label(proposal.status, public=True)  # type: ignore[attr-defined]
        proposal.trail_url = trail_path(proposal)  # type: ignore[attr-defined]
    return Report(consultation, shown, status, counts)


def may_see_hidden(viewer: Viewer, input: Input) -> bool:
    return has_perm(viewer, "participation.moderate", input)
