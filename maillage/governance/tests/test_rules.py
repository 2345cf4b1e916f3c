import pytest
from django.contrib.auth.models import AnonymousUser

from maillage.core.permissions import has_perm, reason_for
from maillage.core.roles import Role as PlatformRole
from maillage.core.tests.factories import user_with_role
from maillage.governance.models import Membership, RoleKind
from maillage.governance.tests.factories import (
    CircleFactory,
    PolicyFactory,
    RoleAssignmentFactory,
    RoleFactory,
    WorkstreamFactory,
    guest_of,
    user_with_person,
)

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", *PlatformRole.values]


def viewer(role):
    return AnonymousUser() if role == "anonymous" else user_with_role(role)


@pytest.mark.parametrize(
    ("permission", "allowed"),
    [
        ("governance.view_structure", set(ROLES)),
        ("governance.view_circle", {"member", "staff", "admin"}),
        ("governance.view_workstream", {"member", "staff", "admin"}),
        ("governance.view_calendar", {"citizen", "guest", "member", "staff", "admin"}),
        ("governance.manage_circles", {"staff", "admin"}),
        ("governance.manage_workstreams", {"staff", "admin"}),
        ("governance.change_workstream", {"staff", "admin"}),
        ("governance.manage_roles", {"staff", "admin"}),
        ("governance.amend_policies", {"staff", "admin"}),
        ("governance.invite", {"staff", "admin"}),
        ("governance.manage_members", {"staff", "admin"}),
    ],
)
def test_permissions_by_platform_role(permission, allowed):
    target = {
        "governance.view_workstream": WorkstreamFactory,
        "governance.change_workstream": WorkstreamFactory,
        "governance.invite": WorkstreamFactory,
        "governance.manage_members": WorkstreamFactory,
        "governance.amend_policies": CircleFactory,
        "governance.view_circle": CircleFactory,
    }.get(permission)
    obj = target() if target else None
    granted = {role for role in ROLES if has_perm(viewer(role), permission, obj)}
    assert granted == allowed
    assert reason_for(permission)


def test_a_guest_reads_their_own_workstream_and_no_other():
    mine, other = WorkstreamFactory(), WorkstreamFactory()
    guest = guest_of(mine)
    assert has_perm(guest, "governance.view_workstream", mine)
    assert not has_perm(guest, "governance.view_workstream", other)
    assert not has_perm(guest, "governance.view_circle", mine.sponsors.first())
    # Having left, they read it no more.
    Membership.objects.filter(person=guest.person).update(
        ended_at="2026-01-01T00:00Z", end_reason="left"
    )
    assert not has_perm(guest, "governance.view_workstream", mine)


def test_a_partner_member_amends_policies_only_through_a_role_that_may():
    circle = CircleFactory()
    policy = PolicyFactory(circle=circle)
    member = user_with_person(PlatformRole.MEMBER)
    assert not has_perm(member, "governance.amend_policies", policy)
    custom = RoleAssignmentFactory(role=RoleFactory(circle=circle), person=member.person)
    assert not has_perm(member, "governance.amend_policies", policy)
    custom.role.may_amend_policies = True
    custom.role.save()
    assert has_perm(member, "governance.amend_policies", policy)
    assert has_perm(member, "governance.amend_policies", circle)
    assert not has_perm(member, "governance.amend_policies", CircleFactory())
    assert "politiques" in reason_for("governance.amend_policies")


def test_the_workstream_lead_invites_and_manages_its_members():
    workstream = WorkstreamFactory()
    lead = user_with_person(PlatformRole.MEMBER)
    RoleAssignmentFactory(
        role=RoleFactory(circle=None, workstream=workstream, kind=RoleKind.LEAD),
        person=lead.person,
    )
    for permission in ("invite", "manage_members", "change_workstream"):
        assert has_perm(lead, f"governance.{permission}", workstream)
        assert not has_perm(lead, f"governance.{permission}", WorkstreamFactory())


def test_members_join_open_circles_by_themselves():
    member = user_with_role(PlatformRole.MEMBER)
    assert has_perm(member, "governance.join_circle", CircleFactory(mode="open"))
    assert not has_perm(member, "governance.join_circle", CircleFactory(mode="consent"))
    assert not has_perm(
        user_with_role(PlatformRole.GUEST), "governance.join_circle", CircleFactory(mode="open")
    )
