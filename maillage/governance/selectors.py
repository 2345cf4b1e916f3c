"""Every read of the collaboration model, already narrowed to what the viewer may see.

The structure (names and purposes) is public; members, role holders, policies and the balance are
shown to partner members and above, and a workstream's to its own participants. Each selector
runs a fixed number of queries, whatever the number of circles, workstreams or people.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import Case, Count, Exists, OuterRef, Prefetch, Q, QuerySet, Value, When
from django.utils import timezone
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from maillage.core.models import AuditEvent, User
from maillage.core.permissions import has_perm
from maillage.core.templatetags.maillage import fr
from maillage.governance import workflows
from maillage.governance.feeds import feed_check, feed_token, feed_user_id
from maillage.governance.models import (
    SINGLE_HOLDER_KINDS,
    Accountability,
    CalendarFeed,
    Circle,
    Deliverable,
    Invitation,
    Membership,
    MembershipSource,
    Policy,
    PolicyStatus,
    PolicyVersion,
    ReminderKind,
    Role,
    RoleAssignment,
    RoleKind,
    Strategy,
    Workstream,
)
from maillage.governance.paths import page_url
from maillage.governance.rules import workflow_roles, workstream_ids_of
from maillage.network.models import Function, Organization, Person, Seat, Sector
from maillage.territories.models import Level, Territory, TerritoryType

SUPRALOCAL = (TerritoryType.MRC, TerritoryType.EQUIVALENT)
LOCAL = (TerritoryType.MUNICIPALITY, TerritoryType.UNORGANIZED, TerritoryType.RESERVE)


def _today() -> date:
    return timezone.localdate()


def _open_dates(prefix: str = "") -> Q:
    return Q(**{f"{prefix}end_date__isnull": True}) | Q(**{f"{prefix}end_date__gte": _today()})


# What the viewer may see


@dataclass(frozen=True)
class Visibility:
    """What a viewer may see inside circles and workstreams (computed once per request)."""

    circles: bool  # every circle's members, role holders, policies
    all_workstreams: bool
    workstream_ids: frozenset[int] = frozenset()

    def workstream(self, workstream: Workstream | int) -> bool:
        pk = workstream if isinstance(workstream, int) else workstream.pk
        return self.all_workstreams or pk in self.workstream_ids


def visibility(viewer: Any) -> Visibility:
    """One query at most (a guest's workstreams)."""
    circles = has_perm(viewer, "governance.view_circle")
    if circles:
        return Visibility(circles=True, all_workstreams=True)
    return Visibility(
        circles=False, all_workstreams=False, workstream_ids=frozenset(workstream_ids_of(viewer))
    )


def strategies() -> QuerySet[Strategy]:
    return Strategy.objects.order_by("position", "name_fr")


# Lists


def circle_list(*, viewer: Any, include_archived: bool = False) -> QuerySet[Circle]:
    """Circles as the public structure shows them: names, purposes, tags, parents."""
    queryset = Circle.objects.select_related("parent").prefetch_related(
        Prefetch("strategies", queryset=Strategy.objects.order_by("position")),
        Prefetch("territories", queryset=Territory.objects.order_by("name")),
    )
    if not include_archived:
        queryset = queryset.filter(archived_at__isnull=True)
    return queryset.order_by("name", "pk")


def workstream_list(
    *, viewer: Any, include_archived: bool = False, status: str = "", past_sunset: bool = False
) -> QuerySet[Workstream]:
    """Workstreams as the public structure shows them, with their sponsoring circles;
    `past_sunset` keeps the running ones whose sunset date has passed (flagged)."""
    queryset = Workstream.objects.prefetch_related(
        Prefetch("sponsors", queryset=Circle.objects.order_by("name")),
        Prefetch("strategies", queryset=Strategy.objects.order_by("position")),
        Prefetch("territories", queryset=Territory.objects.order_by("name")),
    )
    if not include_archived:
        queryset = queryset.filter(archived_at__isnull=True)
    if status:
        queryset = queryset.filter(status=status)
    if past_sunset:
        queryset = queryset.filter(
            status__in=workflows.WORKSTREAM.running_states, sunset_date__lt=_today()
        )
    return queryset.order_by("name", "pk")


# Roles in the order of the model: lead link, delegate, facilitator, secretary, then the others.
_KIND_ORDER = Case(
    *(When(kind=kind, then=Value(i)) for i, kind in enumerate(SINGLE_HOLDER_KINDS)),
    default=Value(len(SINGLE_HOLDER_KINDS)),
)


def _current_roles(queryset: QuerySet[Role] | None = None) -> Prefetch[Any]:
    """Roles not archived, each with `current_assignments` (holder, seat, substitutes) and
    its accountabilities."""
    roles = (queryset if queryset is not None else Role.objects.all()).filter(
        archived_at__isnull=True
    )
    return Prefetch(
        "roles",
        queryset=roles.order_by(_KIND_ORDER, "name", "pk").prefetch_related(
            Prefetch(
                "assignments",
                queryset=RoleAssignment.objects.filter(ended_at__isnull=True)
                .select_related("person", "seat__organization")
                .prefetch_related(
                    Prefetch("substitutes", queryset=Person.objects.order_by("last_name"))
                )
                .order_by("start_date", "pk"),
                to_attr="current_assignments",
            ),
            Prefetch("accountabilities", queryset=Accountability.objects.order_by("position")),
        ),
        to_attr="current_roles",
    )


def _hide_holders(roles: Iterable[Role]) -> None:
    for role in roles:
        role.current_assignments = []  # type: ignore[attr-defined]


# Members


@dataclass
class MemberRow:
    person: Person
    kind: str
    direct: Membership | None = None
    # Roles through which the person is a member (double links).
    links: list[Role] = field(default_factory=list)
    organization: Organization | None = None
    since: date | None = None


def _open_memberships() -> QuerySet[Membership]:
    return Membership.objects.filter(ended_at__isnull=True).select_related(
        "person", "seat__organization", "assignment__role", "assignment__seat__organization"
    )


def _member_rows(memberships: Iterable[Membership]) -> list[MemberRow]:
    rows: dict[int, MemberRow] = {}
    for membership in memberships:
        row = rows.setdefault(
            membership.person_id, MemberRow(person=membership.person, kind=membership.kind)
        )
        if membership.source == MembershipSource.DIRECT:
            row.direct = membership
            row.kind = membership.kind
        elif membership.assignment is not None:
            row.links.append(membership.assignment.role)
        seat = membership.seat or (membership.assignment.seat if membership.assignment else None)
        if seat is not None and row.organization is None:
            row.organization = seat.organization
        if row.since is None or membership.start_date < row.since:
            row.since = membership.start_date
    return sorted(
        rows.values(), key=lambda r: (r.person.last_name.lower(), r.person.first_name.lower())
    )


# Circle page


@dataclass
class CircleDetail:
    circle: Circle
    children: list[Circle]
    workstreams: list[Workstream]
    accountabilities: list[Accountability]
    # Roles with `current_assignments` (empty when the viewer may not see people).
    roles: list[Role]
    can_view: bool  # members, holders and policies below are shown
    members: list[MemberRow]
    policies: list[Policy]
    can_manage: bool
    can_manage_roles: bool
    can_amend_policies: bool
    can_join: bool


def circle_detail(*, viewer: Any, slug: str) -> CircleDetail | None:
    """A circle's page. Everyone sees its purpose, domains, accountabilities, roles, sub-circles
    and workstreams; members, role holders and policies only those who may."""
    circle = (
        Circle.objects.select_related("parent")
        .prefetch_related(
            Prefetch("strategies", queryset=Strategy.objects.order_by("position")),
            Prefetch("territories", queryset=Territory.objects.order_by("name")),
            Prefetch(
                "children",
                queryset=Circle.objects.filter(archived_at__isnull=True).order_by("name"),
            ),
            Prefetch(
                "sponsored_workstreams",
                queryset=Workstream.objects.filter(archived_at__isnull=True).order_by("name"),
            ),
            Prefetch("accountabilities", queryset=Accountability.objects.order_by("position")),
            _current_roles(),
        )
        .filter(slug=slug)
        .first()
    )
    if circle is None:
        return None
    can_view = has_perm(viewer, "governance.view_circle", circle)
    roles: list[Role] = list(circle.current_roles)  # type: ignore[attr-defined]
    members: list[MemberRow] = []
    policies: list[Policy] = []
    if can_view:
        members = _member_rows(_open_memberships().filter(circle=circle))
        policies = list(circle.policies.exclude(status=PolicyStatus.RETIRED).order_by("title"))
    else:
        _hide_holders(roles)
    return CircleDetail(
        circle=circle,
        children=list(circle.children.all()),
        workstreams=list(circle.sponsored_workstreams.all()),
        accountabilities=list(circle.accountabilities.all()),
        roles=roles,
        can_view=can_view,
        members=members,
        policies=policies,
        can_manage=has_perm(viewer, "governance.manage_circles", circle),
        can_manage_roles=has_perm(viewer, "governance.manage_roles", circle),
        can_amend_policies=can_view and has_perm(viewer, "governance.amend_policies", circle),
        can_join=has_perm(viewer, "governance.join_circle", circle),
    )


# Workstream page


@dataclass
class WorkstreamDetail:
    workstream: Workstream
    sponsors: list[Circle]
    roles: list[Role]
    can_view: bool  # members, holders, deliverables and invitations below are shown
    members: list[MemberRow]
    deliverables: list[Deliverable]
    invitations: list[Invitation]  # pending ones, for those who may invite
    transitions: list[workflows.Transition]  # those the viewer may fire now
    can_change: bool
    can_invite: bool
    can_manage_members: bool
    status_label: str = ""


def workstream_detail(*, viewer: Any, slug: str) -> WorkstreamDetail | None:
    """A workstream's page: its mandate and sponsors for everyone; its people, deliverables and
    invitations for partner members and its own participants (a guest of another workstream
    sees none of it)."""
    workstream = (
        Workstream.objects.prefetch_related(
            Prefetch("sponsors", queryset=Circle.objects.order_by("name")),
            Prefetch("strategies", queryset=Strategy.objects.order_by("position")),
            Prefetch("territories", queryset=Territory.objects.order_by("name")),
            _current_roles(),
        )
        .filter(slug=slug)
        .first()
    )
    if workstream is None:
        return None
    can_view = has_perm(viewer, "governance.view_workstream", workstream)
    roles: list[Role] = list(workstream.current_roles)  # type: ignore[attr-defined]
    members: list[MemberRow] = []
    deliverables: list[Deliverable] = []
    invitations: list[Invitation] = []
    can_invite = has_perm(viewer, "governance.invite", workstream)
    if can_view:
        members = _member_rows(_open_memberships().filter(workstream=workstream))
        deliverables = list(workstream.deliverables.order_by("position", "pk"))
        if can_invite:
            invitations = list(
                workstream.invitations.filter(
                    accepted_at__isnull=True,
                    revoked_at__isnull=True,
                    expires_at__gt=timezone.now(),
                ).order_by("-created_at")
            )
    else:
        _hide_holders(roles)
    can_change = has_perm(viewer, "governance.change_workstream", workstream)
    transitions: list[workflows.Transition] = []
    if can_change and not workstream.is_archived:
        mine = workflow_roles(viewer, workstream)
        transitions = [
            t for t in workflows.WORKSTREAM.transitions_from(workstream.status) if t.allowed & mine
        ]
    return WorkstreamDetail(
        workstream=workstream,
        sponsors=list(workstream.sponsors.all()),
        roles=roles,
        can_view=can_view,
        members=members,
        deliverables=deliverables,
        invitations=invitations,
        transitions=transitions,
        can_change=can_change,
        can_invite=can_invite,
        can_manage_members=has_perm(viewer, "governance.manage_members", workstream),
        status_label=str(workflows.WORKSTREAM.state(workstream.status).label),
    )


# Policies


@dataclass
class PolicyDetail:
    policy: Policy
    versions: list[PolicyVersion]  # newest first; version 1 is the adopted text
    can_amend: bool


def policy_list(*, viewer: Any, circle: Circle, include_retired: bool = False) -> list[Policy]:
    if not has_perm(viewer, "governance.view_circle", circle):
        return []
    queryset = circle.policies.all()
    if not include_retired:
        queryset = queryset.exclude(status=PolicyStatus.RETIRED)
    return list(queryset.order_by("title", "pk"))


def policy_detail(*, viewer: Any, pk: int) -> PolicyDetail | None:
    """A policy with its version history (who changed what, when), for those who may see it."""
    if not has_perm(viewer, "governance.view_circle"):
        return None
    policy = (
        Policy.objects.select_related("circle")
        .prefetch_related(
            Prefetch(
                "versions",
                queryset=PolicyVersion.objects.select_related("created_by").order_by("-number"),
            )
        )
        .filter(pk=pk)
        .first()
    )
    if policy is None:
        return None
    return PolicyDetail(
        policy=policy,
        versions=list(policy.versions.all()),
        can_amend=has_perm(viewer, "governance.amend_policies", policy.circle),
    )


# History


def governance_history(
    *,
    viewer: Any,
    circle: Circle | None = None,
    workstream: Workstream | None = None,
    limit: int = 50,
) -> list[AuditEvent]:
    """The history of a circle or workstream with its roles' and policies' events, newest
    first ("accountability added by …"), for those who may see its inside."""
    group: Circle | Workstream | None = circle or workstream
    if group is None:
        return []
    permission = "governance.view_circle" if circle else "governance.view_workstream"
    if not has_perm(viewer, permission, group):
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
    return list(
        AuditEvent.objects.filter(condition)
        .select_related("actor")
        .order_by("-created_at", "-id")[:limit]
    )


def _kind(group: Circle | Workstream) -> str:
    return "circle" if isinstance(group, Circle) else "workstream"


# A person's roles and memberships


@dataclass
class PersonGovernance:
    assignments: list[RoleAssignment]
    memberships: list[Membership]


def person_governance(*, viewer: Any, person: Person) -> PersonGovernance:
    """The current roles and memberships of `person` that `viewer` may see (their own, all of
    them for partner members, a guest's workstreams otherwise)."""
    seen = visibility(viewer)
    own = getattr(viewer, "is_authenticated", False) and person.user_id == viewer.pk
    assignments = list(
        RoleAssignment.objects.filter(person=person, ended_at__isnull=True)
        .select_related("role__circle", "role__workstream", "seat__organization")
        .order_by("role__name")
    )
    memberships = list(
        Membership.objects.filter(person=person, ended_at__isnull=True)
        .select_related("circle", "workstream", "assignment__role")
        .order_by("circle__name", "workstream__name")
    )
    if not own:
        assignments = [
            a
            for a in assignments
            if (a.role.circle_id and seen.circles)
            or (a.role.workstream_id and seen.workstream(a.role.workstream_id))
        ]
        memberships = [
            m
            for m in memberships
            if (m.circle_id and seen.circles)
            or (m.workstream_id and seen.workstream(m.workstream_id))
        ]
    return PersonGovernance(assignments=assignments, memberships=memberships)


# Affiliations: the organizations a member sits for


@dataclass
class _Affiliations:
    # (group key, person id) → organization ids
    by_member: dict[tuple[str, int, int], set[int]]
    organizations: dict[int, Organization]  # with sectors and territories (and their parents)


def _affiliations(memberships: list[Membership]) -> _Affiliations:
    """For each member of each group: the seat they sit on in that group, else their open seats,
    else their current functions. Four queries, whatever the number of members."""
    explicit: dict[tuple[str, int, int], set[int]] = defaultdict(set)
    keys: set[tuple[str, int, int]] = set()
    for m in memberships:
        key = (
            ("c", m.circle_id, m.person_id)
            if m.circle_id
            else ("w", m.workstream_id or 0, m.person_id)
        )
        keys.add(key)
        seat = (
            m.seat
            if m.seat_id
            else (m.assignment.seat if m.assignment_id and m.assignment else None)
        )
        if seat is not None:
            explicit[key].add(seat.organization_id)
    person_ids = {key[2] for key in keys}
    seats: dict[int, set[int]] = defaultdict(set)
    for holder_id, organization_id in Seat.objects.filter(
        _open_dates(), holder_id__in=person_ids
    ).values_list("holder_id", "organization_id"):
        seats[holder_id].add(organization_id)
    functions: dict[int, set[int]] = defaultdict(set)
    for person_id, organization_id in Function.objects.filter(
        _open_dates(), person_id__in=person_ids
    ).values_list("person_id", "organization_id"):
        functions[person_id].add(organization_id)
    by_member = {
        key: explicit.get(key) or seats.get(key[2]) or functions.get(key[2]) or set()
        for key in keys
    }
    ids = set().union(*by_member.values()) if by_member else set()
    organizations = (
        {
            o.pk: o
            for o in Organization.objects.filter(pk__in=ids).prefetch_related(
                Prefetch("sectors", queryset=Sector.objects.order_by("position")),
                Prefetch("territories", queryset=Territory.objects.select_related("parent")),
            )
        }
        if ids
        else {}
    )
    return _Affiliations(by_member=by_member, organizations=organizations)


def _mrc_of(territory: Territory) -> Territory | None:
    if territory.type in SUPRALOCAL:
        return territory
    if territory.type in LOCAL and territory.parent is not None:
        return territory.parent if territory.parent.type in SUPRALOCAL else None
    return None


def region_mrcs() -> list[Territory]:
    """The MRCs and equivalent territories of the region this instance serves."""
    from maillage.territories.selectors import sort_key

    mrcs = Territory.objects.filter(
        type__in=SUPRALOCAL,
        parent__type=TerritoryType.REGION,
        parent__code=settings.MAILLAGE_REGION_CODE,
    )
    return sorted(mrcs, key=lambda t: sort_key(t.name))


# Intersectoral balance


@dataclass
class BalanceRow:
    key: str
    label: str
    count: int
    obj: Any = None


@dataclass
class Balance:
    total: int  # current members (people, counted once)
    by_sector: list[BalanceRow]  # every sector, zeros included, in the sectors' order
    by_level: list[BalanceRow]  # every level (palier)
    by_territory: list[BalanceRow]  # the region's MRCs (zeros included), then others
    region_wide: int  # members sitting for organizations that serve the whole region
    without_organization: int
    missing_sectors: list[Sector]
    missing_territories: list[Territory]

    @property
    def largest(self) -> int:
        counts = [r.count for r in (*self.by_sector, *self.by_level, *self.by_territory)]
        return max(counts, default=0)


def intersectoral_balance(
    *, viewer: Any, circle: Circle | None = None, workstream: Workstream | None = None
) -> Balance | None:
    """Who sits in a circle or workstream, by sector, level (palier) and territory (MRC) of the
    organizations they sit for, and which sectors and MRCs of the region are missing.

    A person counts once per bucket, and may count in several sectors or MRCs. Eight queries,
    whatever the number of members.
    """
    group: Circle | Workstream | None = circle or workstream
    if group is None:
        return None
    permission = "governance.view_circle" if circle else "governance.view_workstream"
    if not has_perm(viewer, permission, group):
        return None
    memberships = list(
        Membership.objects.filter(ended_at__isnull=True, **{_kind(group): group}).select_related(
            "seat", "assignment__seat"
        )
    )
    found = _affiliations(memberships)
    people: dict[int, set[int]] = defaultdict(set)
    for (_g, _pk, person_id), organization_ids in found.by_member.items():
        people[person_id] |= organization_ids
    return _balance(people, found.organizations)


def _balance(people: dict[int, set[int]], organizations: dict[int, Organization]) -> Balance:
    sector_people: dict[int, set[int]] = defaultdict(set)
    level_people: dict[str, set[int]] = defaultdict(set)
    mrc_people: dict[int, set[int]] = defaultdict(set)
    mrcs: dict[int, Territory] = {}
    region_wide: set[int] = set()
    without = 0
    for person_id, organization_ids in people.items():
        if not organization_ids:
            without += 1
        for organization_id in organization_ids:
            organization = organizations[organization_id]
            level_people[organization.level].add(person_id)
            for sector in organization.sectors.all():
                sector_people[sector.pk].add(person_id)
            for territory in organization.territories.all():
                mrc = _mrc_of(territory)
                if mrc is not None:
                    mrcs[mrc.pk] = mrc
                    mrc_people[mrc.pk].add(person_id)
                elif territory.type == TerritoryType.REGION:
                    region_wide.add(person_id)
    sectors = list(Sector.objects.order_by("position", "name_fr"))
    by_sector = [BalanceRow(s.key, s.name, len(sector_people[s.pk]), s) for s in sectors]
    by_level = [BalanceRow(key, str(label), len(level_people[key])) for key, label in Level.choices]
    home = region_mrcs()
    home_ids = {t.pk for t in home}
    by_territory = [BalanceRow(t.code, t.name, len(mrc_people[t.pk]), t) for t in home]
    by_territory += sorted(
        (
            BalanceRow(t.code, t.name, len(mrc_people[t.pk]), t)
            for pk, t in mrcs.items()
            if pk not in home_ids
        ),
        key=lambda r: r.label,
    )
    return Balance(
        total=len(people),
        by_sector=by_sector,
        by_level=by_level,
        by_territory=by_territory,
        region_wide=len(region_wide),
        without_organization=without,
        missing_sectors=[r.obj for r in by_sector if r.count == 0],
        missing_territories=[t for t in home if not mrc_people[t.pk]],
    )


# The map of the whole structure


@dataclass(frozen=True)
class MapFilters:
    territory: Territory | None = None
    sector: Sector | None = None
    strategy: Strategy | None = None

    @property
    def active(self) -> bool:
        return any((self.territory, self.sector, self.strategy))


@dataclass
class WorkstreamNode:
    workstream: Workstream
    roles: list[Role]  # with `current_assignments`, empty when people are hidden
    visible: bool  # the viewer may see its people
    member_count: int | None
    matched: bool
    past_sunset: bool


@dataclass
class CircleNode:
    circle: Circle
    depth: int
    roles: list[Role]
    visible: bool
    member_count: int | None
    matched: bool
    children: list[CircleNode] = field(default_factory=list)
    # A workstream appears under each of its sponsoring circles.
    workstreams: list[WorkstreamNode] = field(default_factory=list)


@dataclass
class StructureMap:
    roots: list[CircleNode]  # the general circle (and any orphan kept by a filter)
    filters: MapFilters
    circle_count: int
    workstream_count: int

    def walk(self) -> Iterator[CircleNode]:
        """Circles depth first, in outline order."""
        stack = list(reversed(self.roots))
        while stack:
            node = stack.pop()
            yield node
            stack.extend(reversed(node.children))


def _territory_and_below(territory: Territory) -> QuerySet[Territory]:
    return Territory.objects.filter(
        Q(pk=territory.pk)
        | Q(parent_id=territory.pk)
        | Q(parent__parent_id=territory.pk)
        | Q(parent__parent__parent_id=territory.pk)
    )


def _member_count() -> Count:
    return Count(
        "memberships__person",
        filter=Q(memberships__ended_at__isnull=True),
        distinct=True,
    )


def structure_map(*, viewer: Any, filters: MapFilters | None = None) -> StructureMap:
    """The whole structure: circles nested under their parents, each with its roles and the
    workstreams it sponsors. Role holders and member counts only where the viewer may see them.

    Filters keep the circles and workstreams that match (tagged with the territory or a
    territory under it; with a current member sitting for an organization of the sector; tagged
    with the strategy) and, greyed (`matched=False`), the circles above them.
    """
    filters = filters or MapFilters()
    seen = visibility(viewer)
    circles_qs = Circle.objects.filter(archived_at__isnull=True).annotate(
        member_count=_member_count()
    )
    workstreams_qs = Workstream.objects.filter(archived_at__isnull=True).annotate(
        member_count=_member_count()
    )
    if filters.territory is not None:
        below = _territory_and_below(filters.territory).values("pk")
        circles_qs = circles_qs.annotate(
            in_territory=Exists(
                Circle.territories.through.objects.filter(
                    circle_id=OuterRef("pk"), territory_id__in=below
                )
            )
        )
        workstreams_qs = workstreams_qs.annotate(
            in_territory=Exists(
                Workstream.territories.through.objects.filter(
                    workstream_id=OuterRef("pk"), territory_id__in=below
                )
            )
        )
    if filters.strategy is not None:
        circles_qs = circles_qs.annotate(
            in_strategy=Exists(
                Circle.strategies.through.objects.filter(
                    circle_id=OuterRef("pk"), strategy_id=filters.strategy.pk
                )
            )
        )
        workstreams_qs = workstreams_qs.annotate(
            in_strategy=Exists(
                Workstream.strategies.through.objects.filter(
                    workstream_id=OuterRef("pk"), strategy_id=filters.strategy.pk
                )
            )
        )
    circles = list(circles_qs.prefetch_related(_current_roles()).order_by("name", "pk"))
    workstreams = list(
        workstreams_qs.prefetch_related(
            Prefetch(
                "sponsors", queryset=Circle.objects.filter(archived_at__isnull=True).only("pk")
            ),
            _current_roles(),
        ).order_by("name", "pk")
    )
    with_sector: tuple[set[int], set[int]] | None = None
    if filters.sector is not None:
        with_sector = _groups_with_sector(filters.sector)

    def matches(obj: Circle | Workstream, sector_ids: set[int] | None) -> bool:
        if filters.territory is not None and not obj.in_territory:  # type: ignore[union-attr]
            return False
        if filters.strategy is not None and not obj.in_strategy:  # type: ignore[union-attr]
            return False
        return sector_ids is None or obj.pk in sector_ids

    nodes: dict[int, CircleNode] = {}
    for circle in circles:
        roles = list(circle.current_roles)  # type: ignore[attr-defined]
        if not seen.circles:
            _hide_holders(roles)
        nodes[circle.pk] = CircleNode(
            circle=circle,
            depth=0,
            roles=roles,
            visible=seen.circles,
            member_count=circle.member_count if seen.circles else None,
            matched=matches(circle, with_sector[0] if with_sector else None),
        )
    for workstream in workstreams:
        visible = seen.workstream(workstream)
        roles = list(workstream.current_roles)  # type: ignore[attr-defined]
        if not visible:
            _hide_holders(roles)
        leaf = WorkstreamNode(
            workstream=workstream,
            roles=roles,
            visible=visible,
            member_count=workstream.member_count if visible else None,
            matched=matches(workstream, with_sector[1] if with_sector else None),
            past_sunset=workstream.past_sunset,
        )
        if filters.active and not leaf.matched:
            continue
        for sponsor in workstream.sponsors.all():
            if sponsor.pk in nodes:
                nodes[sponsor.pk].workstreams.append(leaf)
    roots: list[CircleNode] = []
    for node in nodes.values():
        parent = nodes.get(node.circle.parent_id) if node.circle.parent_id else None
        (parent.children if parent else roots).append(node)

    def prune(node: CircleNode, depth: int) -> bool:
        node.depth = depth
        node.children = [c for c in node.children if prune(c, depth + 1)]
        return not filters.active or node.matched or bool(node.children or node.workstreams)

    roots = [r for r in roots if prune(r, 0)]
    roots.sort(key=lambda n: (n.circle.parent_id is not None, n.circle.name))
    return StructureMap(
        roots=roots,
        filters=filters,
        circle_count=len(circles),
        workstream_count=len(workstreams),
    )


def _groups_with_sector(sector: Sector) -> tuple[set[int], set[int]]:
    """Ids of the circles and workstreams with a current member sitting for an organization of
    `sector` (five queries)."""
    memberships = list(
        Membership.objects.filter(ended_at__isnull=True).select_related("seat", "assignment__seat")
    )
    found = _affiliations(memberships)
    circles: set[int] = set()
    workstreams: set[int] = set()
    for (kind, group_id, _person), organization_ids in found.by_member.items():
        if any(
            sector.pk in {s.pk for s in found.organizations[o].sectors.all()}
            for o in organization_ids
        ):
            (circles if kind == "c" else workstreams).add(group_id)
    return circles, workstreams


# Governance calendar


@dataclass(frozen=True)
class CalendarEvent:
    kind: str  # a ReminderKind value
    date: date
    object_id: int
    title: str  # what the event is about (a policy, "role — person", a workstream)
    summary: str  # one line: "Policy review: …"
    description: str  # plain text, for the iCal feed
    description_html: str  # safe markup, for the page: the names in it marked French
    url: str
    circle: Circle | None = None
    workstream: Workstream | None = None

    @property
    def uid(self) -> str:
        """Stable across feeds and runs: the same object's event keeps its UID when its date
        moves, so calendar clients update it instead of adding another."""
        region = getattr(settings, "MAILLAGE_REGION_CODE", "00")
        return f"governance-{self.kind.replace('_', '-')}-{self.object_id}@maillage-{region}"

    @property
    def kind_label(self) -> str:
        return str(ReminderKind(self.kind).label)


def _sentence(text: str, *, person: object = None, **names: object) -> dict[str, Any]:
    """The `description` of an event, `text` (translated) filled with `names` (and a `person`),
    for the iCal feed, and its `description_html` for the calendar page, where the names, written
    in French, carry their language on an English page (a person's name is a proper noun)."""
    plain = {key: str(value) for key, value in names.items()}
    marked = {key: fr(value) for key, value in names.items()}
    if person is not None:
        plain["person"] = str(person)
        marked["person"] = conditional_escape(str(person))
    return {
        "description": text % plain,
        # The sentence and every name in it are escaped.
        "description_html": mark_safe(conditional_escape(text) % marked),
    }


def _events(
    *,
    start: date,
    end: date,
    circle_ids: set[int] | None,
    workstream_ids: set[int] | None,
) -> list[CalendarEvent]:
    """Events between `start` and `end` (inclusive) in the given circles and workstreams
    (None: all of them). Three queries."""
    events: list[CalendarEvent] = []
    policies = Policy.objects.filter(
        review_date__gte=start,
        review_date__lte=end,
        status__in=[PolicyStatus.ACTIVE, PolicyStatus.UNDER_REVIEW],
        circle__archived_at__isnull=True,
    ).select_related("circle")
    if circle_ids is not None:
        policies = policies.filter(circle_id__in=circle_ids)
    for policy in policies:
        assert policy.review_date is not None
        events.append(
            CalendarEvent(
                kind=ReminderKind.POLICY_REVIEW,
                date=policy.review_date,
                object_id=policy.pk,
                title=policy.title,
                summary=_("Policy review: %(title)s") % {"title": policy.title},
                **_sentence(
                    _("The policy “%(title)s” of the circle “%(circle)s” is due for review."),
                    title=policy.title,
                    circle=policy.circle.name,
                ),
                url=page_url("policy_detail", pk=policy.pk),
                circle=policy.circle,
            )
        )
    assignments = RoleAssignment.objects.filter(
        ended_at__isnull=True,
        term_end__gte=start,
        term_end__lte=end,
        role__archived_at__isnull=True,
    ).select_related("role__circle", "role__workstream", "person")
    if circle_ids is not None or workstream_ids is not None:
        in_circles = (
            Q(role__circle__isnull=False)
            if circle_ids is None
            else Q(role__circle_id__in=circle_ids)
        )
        in_workstreams = (
            Q(role__workstream__isnull=False)
            if workstream_ids is None
            else Q(role__workstream_id__in=workstream_ids)
        )
        assignments = assignments.filter(in_circles | in_workstreams)
    for assignment in assignments:
        assert assignment.term_end is not None
        role = assignment.role
        group: Circle | Workstream | None = role.circle or role.workstream
        assert group is not None
        title = f"{role.name} — {assignment.person}"
        events.append(
            CalendarEvent(
                kind=ReminderKind.TERM_END,
                date=assignment.term_end,
                object_id=assignment.pk,
                title=title,
                summary=_("Term end: %(title)s") % {"title": title},
                **_sentence(
                    _(
                        "The term of %(person)s as “%(role)s” in “%(group)s” ends: time to hold "
                        "an election."
                    ),
                    person=assignment.person,
                    role=role.name,
                    group=group.name,
                ),
                url=(
                    page_url("circle_detail", slug=group.slug)
                    if isinstance(group, Circle)
                    else page_url("workstream_detail", slug=group.slug)
                ),
                circle=role.circle,
                workstream=role.workstream,
            )
        )
    workstreams = Workstream.objects.filter(
        archived_at__isnull=True,
        status__in=workflows.WORKSTREAM.running_states,
        sunset_date__gte=start,
        sunset_date__lte=end,
    )
    if workstream_ids is not None:
        workstreams = workstreams.filter(pk__in=workstream_ids)
    for workstream in workstreams:
        assert workstream.sunset_date is not None
        events.append(
            CalendarEvent(
                kind=ReminderKind.SUNSET,
                date=workstream.sunset_date,
                object_id=workstream.pk,
                title=workstream.name,
                summary=_("Workstream sunset: %(name)s") % {"name": workstream.name},
                **_sentence(
                    _(
                        "The workstream “%(name)s” reaches its sunset date: complete it or renew "
                        "its mandate."
                    ),
                    name=workstream.name,
                ),
                url=page_url("workstream_detail", slug=workstream.slug),
                workstream=workstream,
            )
        )
    events.sort(key=lambda e: (e.date, e.kind, e.title))
    return events


def calendar_events(
    *, viewer: Any, start: date | None = None, end: date | None = None
) -> list[CalendarEvent]:
    """Upcoming policy reviews, term ends and workstream sunsets the viewer may see: all of them
    for partner members and above, those of their own workstreams for a guest or an external
    actor, nothing for others. From today to a year ahead unless told otherwise."""
    if not has_perm(viewer, "governance.view_calendar"):
        return []
    start = start or _today()
    end = end or start + timedelta(days=366)
    seen = visibility(viewer)
    if seen.circles:
        return _events(start=start, end=end, circle_ids=None, workstream_ids=None)
    if not seen.workstream_ids:
        return []
    return _events(start=start, end=end, circle_ids=set(), workstream_ids=set(seen.workstream_ids))


@dataclass
class PlannedReminder:
    event: CalendarEvent
    recipients: list[User]
    without_account: list[str]  # people concerned who have no account to notify


def reminder_plan(*, start: date, end: date) -> list[PlannedReminder]:
    """Every event between `start` and `end` with the people to remind: the holder for a term
    end; the circle's lead link and secretary for a policy review; the workstream's lead link and
    its sponsoring circles' lead links for a sunset. Five queries."""
    events = _events(start=start, end=end, circle_ids=None, workstream_ids=None)
    if not events:
        return []
    sunset_ids = [e.object_id for e in events if e.kind == ReminderKind.SUNSET]
    sponsors: dict[int, list[int]] = defaultdict(list)
    for workstream_id, circle_id in Workstream.sponsors.through.objects.filter(
        workstream_id__in=sunset_ids, circle__archived_at__isnull=True
    ).values_list("workstream_id", "circle_id"):
        sponsors[workstream_id].append(circle_id)
    holders = (
        RoleAssignment.objects.filter(
            ended_at__isnull=True,
            role__archived_at__isnull=True,
        )
        .filter(
            Q(
                role__kind__in=[RoleKind.LEAD, RoleKind.SECRETARY],
                role__circle_id__in={e.circle.pk for e in events if e.circle is not None}
                | {c for ids in sponsors.values() for c in ids},
            )
            | Q(role__kind=RoleKind.LEAD, role__workstream_id__in=sunset_ids)
        )
        .select_related("person__user", "role")
    )
    circle_holders: dict[int, dict[str, list[Person]]] = defaultdict(lambda: defaultdict(list))
    workstream_leads: dict[int, list[Person]] = defaultdict(list)
    for a in holders:
        if a.role.circle_id:
            circle_holders[a.role.circle_id][a.role.kind].append(a.person)
        elif a.role.workstream_id:
            workstream_leads[a.role.workstream_id].append(a.person)
    term_people = {
        a.pk: a.person
        for a in RoleAssignment.objects.filter(
            pk__in=[e.object_id for e in events if e.kind == ReminderKind.TERM_END]
        ).select_related("person__user")
    }
    plan: list[PlannedReminder] = []
    for event in events:
        people: list[Person] = []
        if event.kind == ReminderKind.TERM_END:
            people = [term_people[event.object_id]]
        elif event.kind == ReminderKind.POLICY_REVIEW and event.circle is not None:
            by_kind = circle_holders.get(event.circle.pk, {})
            people = [*by_kind.get(RoleKind.LEAD, []), *by_kind.get(RoleKind.SECRETARY, [])]
        elif event.kind == ReminderKind.SUNSET:
            people = list(workstream_leads.get(event.object_id, []))
            for circle_id in sponsors.get(event.object_id, []):
                people += circle_holders.get(circle_id, {}).get(RoleKind.LEAD, [])
        recipients: dict[int, User] = {}
        without: list[str] = []
        for person in people:
            user = person.user
            if user is not None and user.is_active:
                recipients.setdefault(user.pk, user)
            elif str(person) not in without:
                without.append(str(person))
        plan.append(
            PlannedReminder(
                event=event, recipients=list(recipients.values()), without_account=without
            )
        )
    return plan


# Consistency of the double links


def link_inconsistencies() -> list[str]:
    """Differences between the double-link memberships that exist and those the current role
    assignments call for (empty when the services did their job). Three queries."""
    from maillage.governance.services import link_target

    problems: list[str] = []
    expected: dict[int, tuple[str, int]] = {}
    for assignment in RoleAssignment.objects.filter(
        ended_at__isnull=True, role__kind__in=[RoleKind.LEAD, RoleKind.DELEGATE]
    ).select_related("role__circle__parent", "role__workstream", "person"):
        group = link_target(assignment)
        if group is not None:
            expected[assignment.pk] = (_kind(group), group.pk)
    actual: dict[int, list[tuple[str, int]]] = defaultdict(list)
    for membership in Membership.objects.filter(
        source=MembershipSource.LINK, ended_at__isnull=True
    ).only("pk", "assignment_id", "circle_id", "workstream_id"):
        assert membership.assignment_id is not None
        actual[membership.assignment_id].append(
            ("circle", membership.circle_id)
            if membership.circle_id
            else ("workstream", membership.workstream_id or 0)
        )
    for pk, target in expected.items():
        if actual.get(pk) != [target]:
            problems.append(f"assignment {pk}: expected {target}, found {actual.get(pk, [])}")
    for pk, found in actual.items():
        if pk not in expected:
            problems.append(f"assignment {pk}: no link expected, found {found}")
    return problems


# Memberships that ended


def past_memberships(
    *, viewer: Any, circle: Circle | None = None, workstream: Workstream | None = None
) -> list[Membership]:
    """The memberships of a circle or workstream that ended (left, removed, link ended, closed),
    newest first, with who ended them: leaving and removal are recorded. For those who may see
    the group's inside; one query."""
    group: Circle | Workstream | None = circle or workstream
    if group is None:
        return []
    permission = "governance.view_circle" if circle else "governance.view_workstream"
    if not has_perm(viewer, permission, group):
        return []
    return list(
        Membership.objects.filter(ended_at__isnull=False, **{_kind(group): group})
        .select_related("person", "ended_by", "assignment__role", "seat__organization")
        .order_by("-ended_at", "-pk")
    )


# The private iCal feed


def calendar_feed_token(user: User) -> str:
    """The token of `user`'s iCal feed link (one query)."""
    generation = (
        CalendarFeed.objects.filter(user=user).values_list("generation", flat=True).first() or 0
    )
    return feed_token(user.pk, generation)


def calendar_feed_user(token: str) -> User | None:
    """The active account whose current feed link carries `token`, or None (a bad, forged or
    reset token). Two queries at most."""
    user_id = feed_user_id(token)
    if user_id is None:
        return None
    user = (
        User.objects.filter(pk=user_id, is_active=True)
        .select_related("governance_calendar_feed")
        .first()
    )
    if user is None:
        return None
    feed = getattr(user, "governance_calendar_feed", None)
    return user if feed_check(token, user.pk, feed.generation if feed else 0) else None
