"""The meetings' sections on the pages of the apps below:

- a circle's or a workstream's page (`governance.panels.GROUP_PANELS`): its next meeting, its
  last ones and the way to all of them;
- My space (`core.my_space.AWAITING`): the invitations to coming meetings the person has not
  answered, and the action items they carry, still to do.
"""

from __future__ import annotations

from django.http import HttpRequest
from django.utils import timezone

from maillage.core import my_space
from maillage.core.models import User
from maillage.core.panels import Panel
from maillage.core.permissions import has_perm
from maillage.governance.models import Circle, Workstream
from maillage.meetings import selectors
from maillage.meetings.models import Rsvp

# How many meetings the group's page lists before linking to all of them.
GROUP_MEETINGS_SHOWN = 3
# Bumped by every change of a meeting, its agenda or its invitations (`MeetingsConfig.ready`).
PANEL_CACHE = "meetings.group_panel"
# Bumped by every change of a meeting, an invitation, an action item or a membership.
AWAITING_CACHE = "meetings.awaiting"


def group_meetings_panel(group: Circle | Workstream, request: HttpRequest) -> Panel | None:
    """The group's latest meetings, for those who may see them: the same for all of them, so
    kept until a meeting, its agenda or its invitations change (`PANEL_CACHE`)."""
    if not selectors.may_see_group(request.user, group):
        return None
    can_plan = has_perm(request.user, "meetings.plan_meeting", group)

    def context() -> dict[str, object]:
        meetings = selectors.group_meetings(viewer=request.user, group=group)
        return {
            "meetings": list(meetings[:GROUP_MEETINGS_SHOWN]),
            "kind": "circle" if isinstance(group, Circle) else "workstream",
            "can_plan": can_plan,
        }

    return {
        "template": "meetings/_group_panel.html",
        "context": context,
        "cache": PANEL_CACHE,
        "vary": (can_plan,),
    }


def my_meeting_invitations(account: User, request: HttpRequest) -> Panel | None:
    """ "What awaits me": the coming meetings to say whether one attends, answered in place."""
    now = timezone.now()
    meetings = my_space.kept_still(
        account,
        AWAITING_CACHE,
        "invitations",
        lambda: selectors.my_meeting_invitations(viewer=account),
        still=lambda meeting: meeting.starts_at >= now,
    )
    if not meetings:
        return None
    return {
        "template": "meetings/_my_invitations.html",
        "context": {"meetings": meetings, "answers": Rsvp.choices},
    }


def my_action_items(account: User, request: HttpRequest) -> Panel | None:
    """ "What awaits me": the action items of meetings, still to do."""
    mine = my_space.kept(
        account, AWAITING_CACHE, "action_items", lambda: selectors.my_action_items(viewer=account)
    )
    if not mine.items:
        return None
    return {"template": "meetings/_my_action_items.html", "context": {"mine": mine}}
