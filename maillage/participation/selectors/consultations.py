"""Reads of consultations, already narrowed to what the viewer may see: the public list with its
filters, a consultation's page with its timeline, those gathering contributions now (the public
site's live block) and those of a territory (its page's panel)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from maillage.core.actors import Viewer
from maillage.core.models import User
from maillage.core.rules import is_staff
from maillage.decisions.rules import group_ids
from maillage.decisions.selectors.register import kept_group_ids
from maillage.governance.models import Circle, Strategy, Workstream
from maillage.participation.models import PHASE_ORDER, Consultation, Phase, PhaseKind, Proposal
from maillage.territories.models import Territory
from maillage.territories.selectors import territory_and_below

PAGE_SIZE = 20

# Where a consultation stands, the order of the list: gathering contributions now, coming
# (contributions not opened yet), then past (contributions closed).
NOW, COMING, PAST = 0, 1, 2


def visible(viewer: Viewer) -> QuerySet[Consultation]:
    """The consultations `viewer` may see: published ones, and drafts for staff and the members
    of their group (one query for the groups, none for staff and visitors)."""
    consultations = Consultation.objects.all()
    if is_staff(viewer):
        return consultations
    seen = Q(published_at__isnull=False)
    if isinstance(viewer, User):
        circles, workstreams = group_ids(viewer)
        seen |= Q(circle_id__in=circles) | Q(workstream_id__in=workstreams)
    return consultations.filter(seen)


def _running(kind: str, today: dt.date) -> Exists:
    return Exists(
        Phase.objects.filter(
            consultation=OuterRef("pk"), kind=kind, starts_on__lte=today, ends_on__gte=today
        )
    )


def with_moment(consultations: QuerySet[Consultation], today: dt.date) -> QuerySet[Consultation]:
    """`moment` annotated: NOW, COMING or PAST (see above)."""
    opens_later = Exists(
        Phase.objects.filter(
            consultation=OuterRef("pk"), kind=PhaseKind.CONTRIBUTIONS, starts_on__gt=today
        )
    )
    return consultations.annotate(
        moment=Case(
            When(_running(PhaseKind.CONTRIBUTIONS, today), then=Value(NOW)),
            When(Q(starts_on__gt=today) | opens_later, then=Value(COMING)),
            default=Value(PAST),
            output_field=IntegerField(),
        )
    )


def _proposal_count() -> Coalesce:
    shown = (
        Proposal.objects.filter(consultation=OuterRef("pk"), hidden_at__isnull=True)
        .order_by()
        .values("consultation")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(shown, output_field=IntegerField()), Value(0))


def _for_cards(consultations: QuerySet[Consultation]) -> QuerySet[Consultation]:
    return consultations.select_related("circle", "workstream").prefetch_related(
        Prefetch("phases", queryset=Phase.objects.order_by("starts_on"), to_attr="phase_list")
    )


@dataclass(frozen=True)
class ConsultationFilters:
    territory: Territory | None = None
    strategy: Strategy | None = None
    phase: str = ""


# The consultations' list (its filters and rows), kept per audience (`audience`).
LIST_CACHE = "participation.consultations"


def audience(viewer: Viewer) -> str:
    """Who sees the same consultations: staff see every draft, an account that takes part in
    groups sees theirs, everyone else only what is published."""
    if is_staff(viewer):
        return "staff"
    if isinstance(viewer, User) and any(kept_group_ids(viewer)):
        return f"account:{viewer.pk}"
    return "public"


def consultation_list(
    *, viewer: Viewer, filters: ConsultationFilters | None = None, page: Any = 1
) -> Page[Consultation]:
    """One page of the consultations `viewer` may see: now first, then coming, then past (the
    nearest first in each), with their phases (`phase_list`) and groups. Four queries at most
    (five for a member: their groups)."""
    filters = filters or ConsultationFilters()
    today = timezone.localdate()
    found = with_moment(visible(viewer), today)
    if filters.territory is not None:
        found = found.filter(
            Exists(
                Consultation.territories.through.objects.filter(
                    consultation_id=OuterRef("pk"),
                    territory__in=territory_and_below(filters.territory),
                )
            )
        )
    if filters.strategy is not None:
        found = found.filter(
            Exists(
                Consultation.strategies.through.objects.filter(
                    consultation_id=OuterRef("pk"), strategy_id=filters.strategy.pk
                )
            )
        )
    if filters.phase in PHASE_ORDER:
        found = found.filter(_running(filters.phase, today))
    ordered = _for_cards(found).order_by(
        F("moment"),
        Case(When(Q(moment__lt=PAST), then=F("starts_on"))).asc(nulls_last=True),
        F("ends_on").desc(),
        "-pk",
    )
    return Paginator(ordered, PAGE_SIZE).get_page(page)


def consultation_detail(*, viewer: Viewer, slug: str) -> Consultation | None:
    """The consultation `slug` if `viewer` may see it, with its group, territories and
    strategies (`territory_list`, `strategy_list`), phases (`phase_list`) and the number of
    its shown proposals (`proposal_count`). Four queries."""
    return (
        _for_cards(visible(viewer).filter(slug=slug))
        .annotate(proposal_count=_proposal_count())
        .prefetch_related(
            Prefetch(
                "territories", queryset=Territory.objects.order_by("name"), to_attr="territory_list"
            ),
            Prefetch(
                "strategies",
                queryset=Strategy.objects.order_by("position", "name_fr"),
                to_attr="strategy_list",
            ),
        )
        .first()
    )


@dataclass(frozen=True)
class TimelineStep:
    kind: str
    label: str
    phase: Phase | None
    current: bool
    done: bool


def timeline(consultation: Consultation, today: dt.date | None = None) -> list[TimelineStep]:
    """The four phases in order, each with its dates when set, the current one and those
    over marked. Reads `phase_list`."""
    today = today or timezone.localdate()
    by_kind = {str(phase.kind): phase for phase in getattr(consultation, "phase_list", [])}
    steps = []
    for kind in PHASE_ORDER:
        phase = by_kind.get(kind)
        steps.append(
            TimelineStep(
                kind=kind,
                label=str(PhaseKind(kind).label),
                phase=phase,
                current=phase is not None and phase.starts_on <= today <= phase.ends_on,
                done=phase is not None and phase.ends_on < today,
            )
        )
    return steps


def current_step(consultation: Consultation) -> TimelineStep | None:
    return next((step for step in timeline(consultation) if step.current), None)


@dataclass(frozen=True)
class Gathering:
    count: int
    consultations: list[Consultation]


def gathering_now(*, limit: int = 6) -> Gathering:
    """The published consultations gathering contributions today, those closing soonest first,
    with their groups and phases. Three queries."""
    today = timezone.localdate()
    found = Consultation.objects.filter(
        _running(PhaseKind.CONTRIBUTIONS, today), published_at__isnull=False
    )
    count = found.count()
    first = list(_for_cards(found).order_by("ends_on", "pk")[:limit]) if count else []
    return Gathering(count=count, consultations=first)


@dataclass(frozen=True)
class TerritoryParticipation:
    consultation_count: int
    consultations: list[Consultation]
    proposals: list[Proposal]


def in_territory(*, territory: Territory, limit: int = 5) -> TerritoryParticipation:
    """The published consultations concerning `territory` or a territory within it (coming
    and current first), and the latest shown proposals that name it or are made in them.
    Public data. Four queries."""
    today = timezone.localdate()
    places = territory_and_below(territory)
    concerning = Exists(
        Consultation.territories.through.objects.filter(
            consultation_id=OuterRef("pk"), territory__in=places
        )
    )
    found = with_moment(Consultation.objects.filter(concerning, published_at__isnull=False), today)
    count = found.count()
    consultations = (
        list(_for_cards(found).order_by(F("moment"), "-starts_on", "-pk")[:limit]) if count else []
    )
    proposals = list(
        Proposal.objects.filter(
            Q(territory__in=places) | Q(consultation__in=Consultation.objects.filter(concerning)),
            hidden_at__isnull=True,
            consultation__published_at__isnull=False,
        )
        .select_related("consultation")
        .only(
            "pk",
            "title",
            "display_name",
            "created_at",
            "support_count",
            "consultation__slug",
            "consultation__title_fr",
            "consultation__title_en",
        )
        .order_by("-created_at", "-pk")[:limit]
    )
    return TerritoryParticipation(
        consultation_count=count, consultations=consultations, proposals=proposals
    )


def published_under(*, strategy: Strategy, limit: int = 5) -> tuple[int, list[Consultation]]:
    """The published consultations tagged with `strategy`: their count and the latest ones
    (public data; two queries)."""
    found = Consultation.objects.filter(strategies=strategy, published_at__isnull=False)
    count = found.count()
    latest = (
        list(
            found.only("pk", "slug", "title_fr", "title_en", "starts_on", "ends_on").order_by(
                "-starts_on", "-pk"
            )[:limit]
        )
        if count
        else []
    )
    return count, latest


def groups_for(viewer: Viewer) -> tuple[list[Circle], list[Workstream]]:
    """The circles and workstreams `viewer` may give a consultation to: every open one for
    staff, their own for others. Two queries (three for a member)."""
    circles = Circle.objects.filter(archived_at__isnull=True).only("pk", "name").order_by("name")
    workstreams = (
        Workstream.objects.filter(archived_at__isnull=True).only("pk", "name").order_by("name")
    )
    if not is_staff(viewer):
        mine_c, mine_w = group_ids(viewer)
        circles = circles.filter(pk__in=mine_c)
        workstreams = workstreams.filter(pk__in=mine_w)
    return list(circles), list(workstreams)
