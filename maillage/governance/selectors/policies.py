"""Policies of a circle and their version history."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Prefetch

from maillage.core.actors import Viewer
from maillage.core.permissions import has_perm
from maillage.governance.models import Circle, Policy, PolicyStatus, PolicyVersion


@dataclass
class PolicyDetail:
    policy: Policy
    versions: list[PolicyVersion]  # newest first; version 1 is the adopted text
    can_amend: bool


def policy_list(*, viewer: Viewer, circle: Circle, include_retired: bool = False) -> list[Policy]:
    if not has_perm(viewer, "governance.view_circle", circle):
        return []
    queryset = circle.policies.all()
    if not include_retired:
        queryset = queryset.exclude(status=PolicyStatus.RETIRED)
    return list(queryset.order_by("title", "pk"))


def policy_detail(*, viewer: Viewer, pk: int) -> PolicyDetail | None:
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
