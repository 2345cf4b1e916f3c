"""Who may see and change the collaboration model.

- The structure (names and purposes of circles and workstreams: the map) is public.
- Partner members, staff and administrators read every circle and workstream: members, roles,
  policies, balance.
- A guest or an external actor reads only the workstreams they belong to.
- Staff create, amend and archive circles and workstreams, and define roles.
- Staff, or a person holding a role of the circle that may amend policies, adopt and amend the
  circle's policies.
- Staff, or the holder of the workstream's lead role, invite people and manage its members.
- Only the invited person (an account that confirmed the invited address) accepts an invitation.
- A workstream's workspace (announcements, documents, contacts) is for its members and staff:
  not for partner members outside it (Law 25: its members' contact details). Its members share
  documents; staff and its lead link post announcements; a deliverable's owner marks it done.
"""

from __future__ import annotations

from typing import Any

import rules
from django.utils.translation import gettext_lazy as _

from maillage.core.actors import Viewer
from maillage.core.models import User
from maillage.core.permissions import add_perm
from maillage.core.rules import is_authenticated, is_member, is_staff
from maillage.core.selectors import has_verified_email
from maillage.governance import workflows
from maillage.governance.models import (
    Circle,
    CircleMode,
    Deliverable,
    Document,
    Invitation,
    Membership,
    Policy,
    RoleAssignment,
    RoleKind,
    Workstream,
)


def workstream_ids_of(user: Viewer) -> set[int]:
    """Workstreams `user` currently belongs to (one query)."""
    if not isinstance(user, User):
        return set()
    return set(
        Membership.objects.filter(
            person__user_id=user.pk, ended_at__isnull=True, workstream__isnull=False
        ).values_list("workstream_id", flat=True)
    )


def _holds(user: Viewer, **role_filter: Any) -> bool:
    if not isinstance(user, User):
        return False
    return RoleAssignment.objects.filter(
        person__user_id=user.pk,
        ended_at__isnull=True,
        role__archived_at__isnull=True,
        **{f"role__{key}": value for key, value in role_filter.items()},
    ).exists()


def _is_workstream_participant(user: Viewer, workstream: Workstream | None) -> bool:
    if not isinstance(workstream, Workstream) or not isinstance(user, User):
        return False
    return Membership.objects.filter(
        person__user_id=user.pk, workstream=workstream, ended_at__isnull=True
    ).exists()


def _is_workstream_lead(user: Viewer, workstream: Any) -> bool:
    if not isinstance(workstream, Workstream):
        return False
    return _holds(user, workstream=workstream, kind=RoleKind.LEAD)


def _circle_of(obj: Any) -> Circle | None:
    if isinstance(obj, Circle):
        return obj
    if isinstance(obj, Policy):
        return obj.circle
    return None


def _holds_policy_role(user: Viewer, obj: Any) -> bool:
    """`user` holds a role of the circle (of the policy) that may amend its policies."""
    circle = _circle_of(obj)
    if circle is None:
        return False
    return _holds(user, circle=circle, may_amend_policies=True)


def _is_own_membership(user: Viewer, membership: Any) -> bool:
    if not isinstance(membership, Membership) or not getattr(user, "is_authenticated", False):
        return False
    return bool(membership.person.user_id == user.pk)


def _manages_membership_group(user: Viewer, membership: Any) -> bool:
    """Staff, or the lead link of the membership's workstream."""
    if not isinstance(membership, Membership):
        return False
    return bool(is_staff(user)) or _is_workstream_lead(user, membership.workstream)


def _is_invited(user: Viewer, invitation: Any) -> bool:
    """The account has confirmed the address the invitation was sent to: the link alone proves
    nothing, since it may have been forwarded and its inviter saw it too."""
    return isinstance(invitation, Invitation) and has_verified_email(user, invitation.email)


def _is_open_circle(user: Viewer, circle: Any) -> bool:
    return isinstance(circle, Circle) and circle.mode == CircleMode.OPEN and not circle.is_archived


def _shared_document(user: Viewer, document: Any) -> bool:
    """`user` shared `document` and is still a member of its workstream."""
    return (
        isinstance(document, Document)
        and isinstance(user, User)
        and document.created_by_id == user.pk
        and _is_workstream_participant(user, document.workstream)
    )


def _leads_item_workstream(user: Viewer, item: Any) -> bool:
    """`user` holds the lead role of the workstream of a document or a deliverable."""
    return isinstance(item, Document | Deliverable) and _is_workstream_lead(user, item.workstream)


def _owns_deliverable(user: Viewer, deliverable: Any) -> bool:
    """`user` carries `deliverable` and is still a member of its workstream."""
    return (
        isinstance(deliverable, Deliverable)
        and isinstance(user, User)
        and deliverable.owner is not None
        and deliverable.owner.user_id == user.pk
        and _is_workstream_participant(user, deliverable.workstream)
    )


is_workstream_participant = rules.predicate(
    _is_workstream_participant, name="is_workstream_participant"
)
is_workstream_lead = rules.predicate(_is_workstream_lead, name="is_workstream_lead")
holds_policy_role = rules.predicate(_holds_policy_role, name="holds_policy_role")
is_open_circle = rules.predicate(_is_open_circle, name="is_open_circle")
is_invited = rules.predicate(_is_invited, name="is_invited")
is_own_membership = rules.predicate(_is_own_membership, name="is_own_membership")
manages_membership_group = rules.predicate(
    _manages_membership_group, name="manages_membership_group"
)
shared_document = rules.predicate(_shared_document, name="shared_document")
leads_item_workstream = rules.predicate(_leads_item_workstream, name="leads_item_workstream")
owns_deliverable = rules.predicate(_owns_deliverable, name="owns_deliverable")


def workflow_roles(user: Viewer, workstream: Workstream) -> set[str]:
    """The workflow roles (`workflows.STAFF`, `workflows.LEAD`) `user` has for `workstream`."""
    found: set[str] = set()
    if user is not None and is_staff(user):
        found.add(workflows.STAFF)
    if _is_workstream_lead(user, workstream):
        found.add(workflows.LEAD)
    return found


add_perm(
    "governance.view_structure",
    rules.always_allow,
    _("The map of circles and workstreams is public."),
)
add_perm(
    "governance.view_circle",
    is_member,
    _(
        "The members, roles and policies of a circle are shown only to partner members and "
        "coordination staff."
    ),
)
add_perm(
    "governance.view_workstream",
    is_member | is_workstream_participant,
    _(
        "The members and work of a workstream are shown only to partner members and to the "
        "workstream's own participants."
    ),
)
add_perm(
    "governance.view_calendar",
    is_authenticated,
    _("Log in to see the governance calendar."),
)
add_perm(
    "governance.manage_circles",
    is_staff,
    _("Only coordination staff may create, change or archive circles."),
)
add_perm(
    "governance.manage_workstreams",
    is_staff,
    _("Only coordination staff may create or archive workstreams."),
)
add_perm(
    "governance.change_workstream",
    is_staff | is_workstream_lead,
    _(
        "Only coordination staff or the workstream's lead link may change its mandate, "
        "deliverables or status."
    ),
)
add_perm(
    "governance.manage_roles",
    is_staff,
    _("Only coordination staff may define roles and record who holds them."),
)
add_perm(
    "governance.amend_policies",
    is_staff | holds_policy_role,
    _(
        "Only coordination staff, or a person holding a role of this circle that may amend its "
        "policies, may adopt or amend them."
    ),
)
add_perm(
    "governance.invite",
    is_staff | is_workstream_lead,
    _("Only coordination staff or the workstream's lead link may invite people to it."),
)
add_perm(
    "governance.accept_invitation",
    is_invited,
    _(
        "This invitation was sent to another e-mail address than the ones confirmed on your "
        "account: only the invited person may accept it."
    ),
)
add_perm(
    "governance.manage_members",
    is_staff | is_workstream_lead,
    _("Only coordination staff (or, for a workstream, its lead link) may add or remove members."),
)
add_perm(
    "governance.join_circle",
    is_member & is_open_circle,
    _("Only partner members may join a circle by themselves, and only an open one."),
)
add_perm(
    "governance.end_membership",
    is_own_membership | manages_membership_group,
    _(
        "Only the member themselves, coordination staff or (for a workstream) its lead link may "
        "end a membership."
    ),
)
add_perm(
    "governance.view_workspace",
    is_staff | is_workstream_participant,
    _(
        "A workstream's workspace (its announcements, documents and members' contact details) is "
        "open only to its members and to coordination staff."
    ),
)
add_perm(
    "governance.post_announcement",
    is_staff | is_workstream_lead,
    _(
        "Only coordination staff or the workstream's lead link may post, amend or remove its "
        "announcements."
    ),
)
add_perm(
    "governance.share_documents",
    is_staff | is_workstream_participant,
    _("Only the workstream's members and coordination staff may share documents in it."),
)
add_perm(
    "governance.archive_document",
    is_staff | leads_item_workstream | shared_document,
    _(
        "Only coordination staff, the workstream's lead link or the member who shared a document "
        "may archive it."
    ),
)
add_perm(
    "governance.complete_deliverable",
    is_staff | leads_item_workstream | owns_deliverable,
    _(
        "Only coordination staff, the workstream's lead link or the deliverable's owner may mark "
        "it as done."
    ),
)
