"""Every write to the collaboration model: one function per action, checked, validated, audited.

One module per subject; the package re-exports their public names, so callers write
`services.circle_create(...)` whichever module holds it. Importing the package registers every
audit verb label.
"""

from maillage.core.permissions import SYSTEM
from maillage.governance.services._common import add_months
from maillage.governance.services.calendars import (
    DEFAULT_REMINDER_DAYS,
    ReminderReport,
    calendar_feed_reset,
    reminder_days,
    reminders_send,
)
from maillage.governance.services.circles import (
    CircleData,
    circle_amend,
    circle_archive,
    circle_create,
    circle_data_of,
)
from maillage.governance.services.invitations import (
    DEFAULT_INVITATION_DAYS,
    InvitationSent,
    invitation_accept,
    invitation_create,
    invitation_revoke,
)
from maillage.governance.services.links import link_targets, links_repair
from maillage.governance.services.memberships import (
    membership_join,
    membership_leave,
    membership_remove,
)
from maillage.governance.services.policies import (
    PolicyData,
    policy_adopt,
    policy_amend,
    policy_retire,
    policy_set_status,
)
from maillage.governance.services.roles import (
    BUILTIN,
    RoleData,
    accountability_add,
    accountability_remove,
    role_amend,
    role_archive,
    role_assign,
    role_assignment_end,
    role_assignment_update,
    role_assignments_end_for_seat,
    role_create,
    role_data_of,
)
from maillage.governance.services.workspace import (
    AnnouncementData,
    DocumentData,
    announcement_amend,
    announcement_post,
    announcement_remove,
    document_add,
    document_archive,
    document_version_add,
)
from maillage.governance.services.workstreams import (
    DeliverableData,
    WorkstreamData,
    deliverable_add,
    deliverable_amend,
    deliverable_remove,
    deliverable_set_done,
    workstream_amend,
    workstream_archive,
    workstream_create,
    workstream_data_of,
    workstream_transition,
)

__all__ = [
    "BUILTIN",
    "DEFAULT_INVITATION_DAYS",
    "DEFAULT_REMINDER_DAYS",
    "SYSTEM",
    "AnnouncementData",
    "CircleData",
    "DeliverableData",
    "DocumentData",
    "InvitationSent",
    "PolicyData",
    "ReminderReport",
    "RoleData",
    "WorkstreamData",
    "accountability_add",
    "accountability_remove",
    "add_months",
    "announcement_amend",
    "announcement_post",
    "announcement_remove",
    "calendar_feed_reset",
    "circle_amend",
    "circle_archive",
    "circle_create",
    "circle_data_of",
    "deliverable_add",
    "deliverable_amend",
    "deliverable_remove",
    "deliverable_set_done",
    "document_add",
    "document_archive",
    "document_version_add",
    "invitation_accept",
    "invitation_create",
    "invitation_revoke",
    "link_targets",
    "links_repair",
    "membership_join",
    "membership_leave",
    "membership_remove",
    "policy_adopt",
    "policy_amend",
    "policy_retire",
    "policy_set_status",
    "reminder_days",
    "reminders_send",
    "role_amend",
    "role_archive",
    "role_assign",
    "role_assignment_end",
    "role_assignment_update",
    "role_assignments_end_for_seat",
    "role_create",
    "role_data_of",
    "workstream_amend",
    "workstream_archive",
    "workstream_create",
    "workstream_data_of",
    "workstream_transition",
]
