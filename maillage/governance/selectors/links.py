"""Consistency of the double links."""

from __future__ import annotations

from collections import defaultdict

from maillage.governance.models import Membership, MembershipSource, RoleAssignment, RoleKind
from maillage.governance.selectors._common import _kind


def link_inconsistencies() -> list[str]:
    """Differences between the double-link memberships that exist and those the current role
    assignments call for (empty when the services did their job). Three queries."""
    from maillage.governance.services.links import link_target

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
