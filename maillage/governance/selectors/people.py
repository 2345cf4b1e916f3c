"""A person's roles and memberships (their page, My space), and the organizations members sit
for."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Prefetch, Q

from maillage.core.actors import Viewer
from maillage.governance.models import Circle, Membership, Role, RoleAssignment, Workstream
from maillage.governance.selectors._common import _today, visibility
from maillage.network.models import Function, Organization, Person, Seat, Sector
from maillage.territories.models import Territory


@dataclass
class PersonGovernance:
    assignments: list[RoleAssignment]
    memberships: list[Membership]


def person_governance(*, viewer: Viewer, person: Person) -> PersonGovernance:
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


@dataclass(frozen=True)
class GroupRow:
    """One circle or workstream a person belongs to, once, however many memberships make it:
    `direct` (a membership of their own) and `roles` (those that make them a member ex officio)."""

    group: Circle | Workstream
    direct: Membership | None
    roles: list[Role]


@dataclass
class PersonGroups:
    assignments: list[RoleAssignment]
    circles: list[GroupRow]
    workstreams: list[GroupRow]

    @property
    def circle_ids(self) -> set[int]:
        return {row.group.pk for row in self.circles}

    @property
    def workstream_ids(self) -> set[int]:
        return {row.group.pk for row in self.workstreams}


def person_groups(*, viewer: Viewer, person: Person | None) -> PersonGroups:
    """What `person_governance` gives, with one row per circle and per workstream, each list by
    name (two queries)."""
    if person is None:
        return PersonGroups(assignments=[], circles=[], workstreams=[])
    found = person_governance(viewer=viewer, person=person)
    rows: dict[tuple[str, int], GroupRow] = {}
    for membership in found.memberships:
        group = membership.group
        key = ("c" if membership.circle_id else "w", group.pk)
        row = rows.setdefault(key, GroupRow(group=group, direct=None, roles=[]))
        if membership.assignment_id and membership.assignment is not None:
            row.roles.append(membership.assignment.role)
        elif row.direct is None:
            rows[key] = GroupRow(group=group, direct=membership, roles=row.roles)
    ordered = sorted(rows.items(), key=lambda item: (item[1].group.name.casefold(), item[0]))
    return PersonGroups(
        assignments=found.assignments,
        circles=[row for (kind, _pk), row in ordered if kind == "c"],
        workstreams=[row for (kind, _pk), row in ordered if kind == "w"],
    )


# Affiliations: the organizations a member sits for


def _open_dates(prefix: str = "") -> Q:
    return Q(**{f"{prefix}end_date__isnull": True}) | Q(**{f"{prefix}end_date__gte": _today()})


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
