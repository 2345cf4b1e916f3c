"""Who may see and run meetings.

- A meeting is read by whoever may see the inside of its circle or workstream
  (`governance.view_circle`: partner members and staff; `governance.view_workstream`: partner
  members, staff and the workstream's own participants), and by its facilitator and secretary.
  Anonymous visitors see no meeting: no circle's or workstream's inside is public.
- Coordination staff and the lead link of the circle or workstream plan meetings.
- Staff, the group's lead link and the meeting's facilitator or secretary change the meeting,
  its agenda, attendance, notes and action items, fire its transitions and make its minutes.
- Only an invited person answers their invitation.
- An action item is marked done by the person who carries it, or by those who run the meeting.
"""

from __future__ import annotations

from typing import Any

import rules
from django.utils.translation import gettext_lazy as _

from maillage.core.actors import Viewer
from maillage.core.models import User
from maillage.core.permissions import add_perm, has_perm
from maillage.core.rules import is_authenticated, is_staff
from maillage.governance.models import Circle, RoleAssignment, RoleKind, Workstream
from maillage.meetings import workflows
from maillage.meetings.models import ActionItem, Invitee, Meeting
from maillage.network.models import Person


def _group_of(obj: Any) -> Circle | Workstream | None:
    if isinstance(obj, Circle | Workstream):
        return obj
    if isinstance(obj, Meeting):
        return obj.group
    if isinstance(obj, ActionItem):
        return obj.meeting.group
    return None


def _meeting_of(obj: Any) -> Meeting | None:
    if isinstance(obj, Meeting):
        return obj
    if isinstance(obj, ActionItem):
        return obj.meeting
    return None


def _sees_group(user: Viewer, obj: Any) -> bool:
    """`user` may see the inside of the group (governance's own rules)."""
    group = _group_of(obj)
    if isinstance(group, Circle):
        return has_perm(user, "governance.view_circle", group)
    if isinstance(group, Workstream):
        return has_perm(user, "governance.view_workstream", group)
    return False


def _leads_group(user: Viewer, obj: Any) -> bool:
    """`user` holds the lead role of the circle or workstream (of the meeting)."""
    group = _group_of(obj)
    if group is None or not isinstance(user, User):
        return False
    where = {"role__circle": group} if isinstance(group, Circle) else {"role__workstream": group}
    return RoleAssignment.objects.filter(
        person__user_id=user.pk,
        ended_at__isnull=True,
        role__archived_at__isnull=True,
        role__kind=RoleKind.LEAD,
        **where,
    ).exists()


def _runs_meeting(user: Viewer, obj: Any) -> bool:
    """`user` is the meeting's facilitator or secretary."""
    meeting = _meeting_of(obj)
    if meeting is None or not isinstance(user, User):
        return False
    people = {pk for pk in (meeting.facilitator_id, meeting.secretary_id) if pk is not None}
    return bool(people) and Person.objects.filter(user_id=user.pk, pk__in=people).exists()


def _is_invited(user: Viewer, meeting: Any) -> bool:
    if not isinstance(meeting, Meeting) or not isinstance(user, User):
        return False
    return Invitee.objects.filter(meeting=meeting, person__user_id=user.pk).exists()


def _carries(user: Viewer, item: Any) -> bool:
    return (
        isinstance(item, ActionItem) and isinstance(user, User) and item.person.user_id == user.pk
    )


sees_group = rules.predicate(_sees_group, name="sees_group")
leads_group = rules.predicate(_leads_group, name="leads_group")
runs_meeting = rules.predicate(_runs_meeting, name="runs_meeting")
is_invited = rules.predicate(_is_invited, name="is_invited_to_meeting")
carries = rules.predicate(_carries, name="carries_action_item")


def workflow_roles(user: Viewer, meeting: Meeting) -> set[str]:
    """The workflow roles (`workflows.STAFF`, `LEAD`, `FACILITATOR`) `user` has for `meeting`."""
    found: set[str] = set()
    if is_staff(user):
        found.add(workflows.STAFF)
    if _leads_group(user, meeting):
        found.add(workflows.LEAD)
    if _runs_meeting(user, meeting):
        found.add(workflows.FACILITATOR)
    return found


add_perm(
    "meetings.view_list",
    is_authenticated,
    # The list itself shows each person only the meetings of the groups they may read.
    _("Log in to see the meetings of your circles and workstreams."),
)
add_perm(
    "meetings.view_meetings",
    is_staff | sees_group,
    _(
        "The meetings of a circle are shown to partner members and coordination staff; those of "
        "a workstream also to its participants."
    ),
)
add_perm(
    "meetings.view_meeting",
    is_staff | sees_group | runs_meeting,
    _(
        "A meeting is shown to those who may see its circle or workstream from inside, and to "
        "its facilitator and secretary."
    ),
)
add_perm(
    "meetings.plan_meeting",
    is_staff | leads_group,
    _("Only coordination staff or the lead link of the circle or workstream may plan a meeting."),
)
add_perm(
    "meetings.run_meeting",
    is_staff | leads_group | runs_meeting,
    _(
        "Only coordination staff, the lead link of the circle or workstream, or the meeting's "
        "facilitator or secretary may change the meeting, its agenda, attendance and minutes."
    ),
)
add_perm(
    "meetings.answer_invitation",
    is_invited,
    _("Only the people invited to the meeting may answer its invitation."),
)
add_perm(
    "meetings.complete_action_item",
    carries | is_staff | leads_group | runs_meeting,
    _(
        "Only the person who carries an action item, or those who run its meeting, may mark it "
        "as done."
    ),
)
