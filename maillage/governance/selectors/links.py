"""Consistency of the memberships roles make."""

from __future__ import annotations

from collections import defaultdict

from maillage.governance.models import Membership, MembershipSource, RoleAssignment
from maillage.governance.selectors._common import _kind


def link_inconsistencies() -> list[str]:
    """Differences between the memberships roles make that exist and those the current role
    assignments call for (empty when the services did their job). Three queries."""
    from maillage.governance.services.links import link_targets

    problems: list[str] = []
    expected: dict[int, list[tuple[str, int]]] = {}
    for assignment in RoleAssignment.objects.filter(ended_at__isnull=True).select_related(
        "role__circle__parent", "role__workstream", "person"
    ):
        groups = link_targets(assignment)
        if groups:
            expected[assignment.pk] = sorted((_kind(group), group.pk) for group in groups)
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
    for pk, targets in expected.items():
        if sorted(actual.get(pk, [])) != targets:
            problems.append(f"assignment {pk}: expected {targets}, found {actual.get(pk, [])}")
    for pk, found in actual.items():
        if pk not in expected:
            problems.append(f"assignment {pk}: no link expected, found {found}")
    return problems
