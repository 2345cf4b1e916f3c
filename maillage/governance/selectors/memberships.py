"""Members of a circle or workstream: the current ones, one row per person, and those who left."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, QuerySet, Window
from django.db.models.functions import Lower

from maillage.core.actors import Viewer
from maillage.governance.models import Circle, Membership, MembershipSource, Role, Workstream
from maillage.governance.selectors._common import (
    _hide_holders,
    _inside,
    _kind,
)
from maillage.network.models import Organization, Person


@dataclass
class MemberRow:
    person: Person
    kind: str
    direct: Membership | None = None
    # Roles through which the person is a member (double links).
    links: list[Role] = field(default_factory=list)
    organization: Organization | None = None
    since: date | None = None


def _open_memberships(*extra: str) -> QuerySet[Membership]:
    """Open memberships with the columns a member's row shows, and the `extra` ones asked for."""
    # Only the columns the rows show: a general circle has dozens of members through double
    # links, each row joining five tables of many columns.
    return (
        Membership.objects.filter(ended_at__isnull=True)
        .select_related(
            "person", "seat__organization", "assignment__role", "assignment__seat__organization"
        )
        .only(
            "kind",
            "source",
            "start_date",
            "circle_id",
            "workstream_id",
            "person__first_name",
            "person__last_name",
            "person__slug",
            "person__user",
            "seat__organization__name",
            "seat__organization__slug",
            "assignment__role__name",
            "assignment__role__kind",
            "assignment__seat__organization__name",
            "assignment__seat__organization__slug",
            *extra,
        )
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


def _people_seen(
    can_view: bool, group: Circle | Workstream, *, limit: int | None = None
) -> tuple[bool, list[Role], list[MemberRow], int]:
    """For a viewer who may (`can_view`) or may not see `group`'s inside: its current roles
    (prefetched), their holders hidden from those who may not; and, for those who may, its
    members by name (the first `limit` of them) and how many they are. One query, two with a
    limit: a general circle with hundreds of members through double links reads only the rows
    its page shows."""
    roles = _roles_seen(can_view, group)
    if not can_view:
        return False, roles, [], 0
    rows, count = _members_seen(group, limit=limit)
    return True, roles, rows, count


def _roles_seen(can_view: bool, group: Circle | Workstream) -> list[Role]:
    """`group`'s current roles (prefetched), their holders hidden from those who may not see
    its inside."""
    roles: list[Role] = list(group.current_roles)  # type: ignore[union-attr]
    if not can_view:
        _hide_holders(roles)
    return roles


def _members_seen(group: Circle | Workstream, *, limit: int | None) -> tuple[list[MemberRow], int]:
    """`group`'s members by name (the first `limit` of them) and how many they are, for those
    who may see its inside."""
    memberships = _open_memberships().filter(**{_kind(group): group})
    if limit is None:
        rows = _member_rows(memberships)
        return rows, len(rows)
    first = list(
        Person.objects.filter(pk__in=memberships.values("person_id"))
        .annotate(total=Window(Count("pk")))
        .order_by(Lower("last_name"), Lower("first_name"), "pk")
        .values_list("pk", "total")[:limit]
    )
    if not first:
        return [], 0
    rows = _member_rows(memberships.filter(person_id__in=[pk for pk, _total in first]))
    return rows, first[0][1]


def past_memberships(
    *, viewer: Viewer, circle: Circle | None = None, workstream: Workstream | None = None
) -> list[Membership]:
    """The memberships of a circle or workstream that ended (left, removed, link ended, closed),
    newest first, with who ended them: leaving and removal are recorded. For those who may see
    the group's inside; one query."""
    group = _inside(viewer, circle, workstream)
    if group is None:
        return []
    return list(
        Membership.objects.filter(ended_at__isnull=False, **{_kind(group): group})
        .select_related("person", "ended_by", "assignment__role", "seat__organization")
        .order_by("-ended_at", "-pk")
    )
