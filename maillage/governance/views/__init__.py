"""Pages of the collaboration model: thin, they parse, call a selector or a service, and render.

Reads go through `selectors` (already narrowed to what the viewer may see), writes through
`services` (which check the permission again, validate and record the history).

One module per subject; the package re-exports their public names.
"""

from maillage.governance.views._common import circle_url, group_url, level_labels, workstream_url
from maillage.governance.views.balance import BalanceFigure, balance_figures
from maillage.governance.views.calendars import calendar, calendar_feed_reset, calendar_ical
from maillage.governance.views.circles import (
    circle_amend,
    circle_archive,
    circle_create,
    circle_detail,
    circle_join,
    circle_list,
    circle_members,
)
from maillage.governance.views.invitations import (
    SESSION_INVITATION,
    invitation_accept,
    invitation_create,
    invitation_revoke,
)
from maillage.governance.views.memberships import (
    circle_member_add,
    membership_leave,
    membership_remove,
    workstream_member_add,
)
from maillage.governance.views.policies import (
    policy_adopt,
    policy_amend,
    policy_detail,
    policy_status,
    policy_url,
)
from maillage.governance.views.roles import (
    assignment_end,
    assignment_update,
    circle_accountability_add,
    circle_accountability_remove,
    circle_role_create,
    role_accountability_add,
    role_accountability_remove,
    role_amend,
    role_archive,
    role_assign,
    workstream_role_create,
)
from maillage.governance.views.structure import structure_map
from maillage.governance.views.workstreams import (
    deliverable_add,
    deliverable_done,
    deliverable_remove,
    workstream_amend,
    workstream_archive,
    workstream_create,
    workstream_detail,
    workstream_list,
    workstream_members,
    workstream_transition,
)

__all__ = [
    "SESSION_INVITATION",
    "BalanceFigure",
    "assignment_end",
    "assignment_update",
    "balance_figures",
    "calendar",
    "calendar_feed_reset",
    "calendar_ical",
    "circle_accountability_add",
    "circle_accountability_remove",
    "circle_amend",
    "circle_archive",
    "circle_create",
    "circle_detail",
    "circle_join",
    "circle_list",
    "circle_member_add",
    "circle_members",
    "circle_role_create",
    "circle_url",
    "deliverable_add",
    "deliverable_done",
    "deliverable_remove",
    "group_url",
    "invitation_accept",
    "invitation_create",
    "invitation_revoke",
    "level_labels",
    "membership_leave",
    "membership_remove",
    "policy_adopt",
    "policy_amend",
    "policy_detail",
    "policy_status",
    "policy_url",
    "role_accountability_add",
    "role_accountability_remove",
    "role_amend",
    "role_archive",
    "role_assign",
    "structure_map",
    "workstream_amend",
    "workstream_archive",
    "workstream_create",
    "workstream_detail",
    "workstream_list",
    "workstream_member_add",
    "workstream_members",
    "workstream_role_create",
    "workstream_transition",
    "workstream_url",
]
