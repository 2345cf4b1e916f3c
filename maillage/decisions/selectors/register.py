"""The register of decisions and a decision's page, narrowed to what the viewer may read."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from maillage.core import cache
from maillage.core.actors import Viewer
from maillage.core.models import User
from maillage.core.rules import is_staff
from maillage.core.search import DOCUMENT_COLUMN, Matches, terms
from maillage.decisions.models import (
    Decision,
    ProposalVersion,
    Round,
    StructuralChange,
    Visibility,
)
from maillage.decisions.rules import group_ids
from maillage.decisions.selectors._common import PAGE_SIZE, _changes, _rounds, may_see_people
from maillage.governance.models import Circle, Strategy, Workstream
from maillage.territories.models import Territory
from maillage.territories.selectors import territory_and_below

# The columns searched, in the order of the document the migration `register_search_document`
# stores on PostgreSQL (read from each row's `search_document`; SQLite matches the columns).
SEARCH_FIELDS = ("title", "text", "rationale")


def register_matches(words: Sequence[str]) -> Matches:
    """The decisions whose title, text or rationale hold every one of `words`."""
    return Matches(SEARCH_FIELDS, words, stored=DOCUMENT_COLUMN)


# The circles and workstreams each account takes part in, kept until a membership, a seat (its
# substitutes), a role's holder or a person's account changes (`apps.DecisionsConfig.ready`).
PARTICIPATION_CACHE = "decisions.participation"


def kept_group_ids(viewer: Viewer) -> tuple[set[int], set[int]]:
    """`rules.group_ids(viewer)` for the register's pages, kept per account and day (a seat's
    end date counts from today): reading it is a query with three subqueries, as long to build
    as the rest of the page. Permissions and services always ask the database."""
    if not isinstance(viewer, User):
        return set(), set()
    return cache.fragment(
        PARTICIPATION_CACHE,
        visibility=f"account:{viewer.pk}",
        filters=["group_ids", timezone.localdate()],
        render=lambda: group_ids(viewer),
    )


@dataclass(frozen=True)
class RegisterReader:
    """What of the register a viewer reads: `condition` narrows the decisions (None: all of
    them), `key` names that set for the kept rendering of the register (two viewers with the same
    key read the same decisions)."""

    key: str
    condition: Q | None


def register_reader(
    viewer: Viewer, groups: tuple[set[int], set[int]] | None = None
) -> RegisterReader:
    """Staff read every decision; anyone else the public ones and the internal ones of the
    circles and workstreams they take part in (`groups`, as `rules.group_ids` gives them; one
    query for an account when not given)."""
    if is_staff(viewer):
        return RegisterReader("all", None)
    public = Q(visibility=Visibility.PUBLIC)
    if not isinstance(viewer, User):
        return RegisterReader("public", public)
    circles, workstreams = groups if groups is not None else group_ids(viewer)
    if not circles and not workstreams:
        return RegisterReader("public", public)
    key = "groups:{}/{}".format(
        *(",".join(map(str, sorted(ids))) for ids in (circles, workstreams))
    )
    condition = public | Q(circle_id__in=circles) | Q(workstream_id__in=workstreams)
    return RegisterReader(key, condition)


def visible_decisions(viewer: Viewer, reader: RegisterReader | None = None) -> QuerySet[Decision]:
    condition = (reader or register_reader(viewer)).condition
    decisions = Decision.objects.all()
    return decisions if condition is None else decisions.filter(condition)


@dataclass(frozen=True)
class RegisterFilters:
    """The register's filters, each one more condition (all of them must hold).

    `q`: words of the title, text or rationale (`core.search`: French stemming on PostgreSQL,
    accents and plurals ignored everywhere); `territory`: decisions of the circles and
    workstreams tagged with it or with a territory inside it; `strategy`: of the circles and
    workstreams tagged with it; `decided_from` / `decided_to`: the days (local time, both
    included) the decision was taken."""

    q: str = ""
    circle: Circle | None = None
    workstream: Workstream | None = None
    territory: Territory | None = None
    strategy: Strategy | None = None
    kind: str = ""
    decided_from: dt.date | None = None
    decided_to: dt.date | None = None


def _day_start(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def _groups_tagged(relation: str, column: str, values: Any) -> Q:
    """Decisions whose circle or workstream has, through `relation` (its many-to-many table
    of territories or strategies), a `column` among `values`: two `EXISTS`, so a group tagged
    twice does not repeat its decisions."""
    circle_tags = getattr(Circle, relation).through.objects.filter(
        circle_id=OuterRef("circle_id"), **{f"{column}__in": values}
    )
    workstream_tags = getattr(Workstream, relation).through.objects.filter(
        workstream_id=OuterRef("workstream_id"), **{f"{column}__in": values}
    )
    return Q(Exists(circle_tags)) | Q(Exists(workstream_tags))


def filtered_decisions(
    viewer: Viewer, filters: RegisterFilters, reader: RegisterReader | None = None
) -> QuerySet[Decision]:
    """The decisions `viewer` may read that match `filters` (not yet read)."""
    decisions = visible_decisions(viewer, reader)
    if filters.q:
        decisions = decisions.filter(register_matches(terms(filters.q)))
    if filters.circle is not None:
        decisions = decisions.filter(circle=filters.circle)
    if filters.workstream is not None:
        decisions = decisions.filter(workstream=filters.workstream)
    if filters.territory is not None:
        below = territory_and_below(filters.territory).values("pk")
        decisions = decisions.filter(_groups_tagged("territories", "territory_id", below))
    if filters.strategy is not None:
        decisions = decisions.filter(
            _groups_tagged("strategies", "strategy_id", [filters.strategy.pk])
        )
    if filters.kind:
        decisions = decisions.filter(kind=filters.kind)
    if filters.decided_from is not None:
        decisions = decisions.filter(decided_at__gte=_day_start(filters.decided_from))
    if filters.decided_to is not None:
        next_day = filters.decided_to + dt.timedelta(days=1)
        decisions = decisions.filter(decided_at__lt=_day_start(next_day))
    return decisions


# What a row of the register shows (the text, rationale and participation are read on the
# decision's page only).
ROW_FIELDS = (
    "pk",
    "title",
    "kind",
    "visibility",
    "decided_at",
    "review_date",
    "meeting_quorum",
    "circle__name",
    "workstream__name",
)


def register(
    *,
    viewer: Viewer,
    filters: RegisterFilters | None = None,
    page: int | str = 1,
    reader: RegisterReader | None = None,
) -> Page[Decision]:
    """The decisions `viewer` may read that match `filters`, newest first, 25 to a page (two
    or three queries)."""
    decisions = (
        filtered_decisions(viewer, filters or RegisterFilters(), reader)
        .select_related("circle", "workstream")
        .only(*ROW_FIELDS)
        .order_by("-decided_at", "-pk")
    )
    return Paginator(decisions, PAGE_SIZE).get_page(page)


# A decision's page keeps its content rendered, per decision and whether its reader sees
# people's names, until the decision, its process, rounds, answers, remarks, versions, changes or
# a name they show changes (`apps.DecisionsConfig.ready`).
DECISION_CACHE = "decisions.decision"


class DecisionDetail:
    """A decision and what its page shows of its process, each part read when first asked: the
    page keeps its content rendered (`DECISION_CACHE`), and then reads none of them."""

    def __init__(self, decision: Decision, show_people: bool) -> None:
        self.decision = decision
        self.process = decision.process
        self.show_people = show_people

    @cached_property
    def rounds(self) -> list[Round]:
        return _rounds(self.process)

    @cached_property
    def versions(self) -> list[ProposalVersion]:
        return list(ProposalVersion.objects.filter(process=self.process))

    @cached_property
    def changes(self) -> list[StructuralChange]:
        return _changes(self.process)


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
    return DecisionDetail(decision, show_people=may_see_people(viewer, decision))
