"""Every read of the collaboration model, already narrowed to what the viewer may see.

The structure (names and purposes) is public; members, role holders, policies and the balance are
shown to partner members and above, and a workstream's to its own participants. Each selector
runs a fixed number of queries, whatever the number of circles, workstreams or people.

One module per subject; the package re-exports their public names.
"""

from maillage.governance.selectors._common import PAGES, Visibility, strategies, visibility
from maillage.governance.selectors.balance import (
    LOCAL,
    SUPRALOCAL,
    Balance,
    BalanceRow,
    intersectoral_balance,
    region_mrcs,
)
from maillage.governance.selectors.calendars import (
    CalendarEvent,
    CalendarMonth,
    PlannedReminder,
    calendar_events,
    calendar_feed_events,
    calendar_feed_token,
    calendar_feed_user,
    calendar_month,
    parse_month,
    reminder_plan,
    upcoming_events,
)
from maillage.governance.selectors.circles import (
    CircleDetail,
    circle_detail,
    circle_list,
    open_circle,
)
from maillage.governance.selectors.history import governance_history
from maillage.governance.selectors.invitations import (
    AwaitingInvitation,
    InvitationPage,
    hash_token,
    invitation_by_token,
    invitation_page,
    invitations_awaiting,
    inviter_name,
)
from maillage.governance.selectors.links import link_inconsistencies
from maillage.governance.selectors.memberships import MemberRow, past_memberships
from maillage.governance.selectors.people import (
    GroupRow,
    PersonGovernance,
    PersonGroups,
    person_governance,
    person_groups,
)
from maillage.governance.selectors.policies import PolicyDetail, policy_detail, policy_list
from maillage.governance.selectors.search import search
from maillage.governance.selectors.structure import (
    CircleNode,
    MapFilters,
    StructureMap,
    WorkstreamNode,
    structure_map,
)
from maillage.governance.selectors.territories import WorkingHere, working_in
from maillage.governance.selectors.workspace import (
    DocumentPage,
    Workspace,
    document_page,
    version_downloadable,
    workspace_announcements,
    workspace_contacts,
    workspace_deliverables,
    workspace_documents,
    workspace_of,
)
from maillage.governance.selectors.workstreams import (
    WorkstreamDetail,
    workstream_detail,
    workstream_list,
)

__all__ = [
    "LOCAL",
    "PAGES",
    "SUPRALOCAL",
    "AwaitingInvitation",
    "Balance",
    "BalanceRow",
    "CalendarEvent",
    "CalendarMonth",
    "CircleDetail",
    "CircleNode",
    "DocumentPage",
    "GroupRow",
    "InvitationPage",
    "MapFilters",
    "MemberRow",
    "PersonGovernance",
    "PersonGroups",
    "PlannedReminder",
    "PolicyDetail",
    "StructureMap",
    "Visibility",
    "WorkingHere",
    "Workspace",
    "WorkstreamDetail",
    "WorkstreamNode",
    "calendar_events",
    "calendar_feed_events",
    "calendar_feed_token",
    "calendar_feed_user",
    "calendar_month",
    "circle_detail",
    "circle_list",
    "document_page",
    "governance_history",
    "hash_token",
    "intersectoral_balance",
    "invitation_by_token",
    "invitation_page",
    "invitations_awaiting",
    "inviter_name",
    "link_inconsistencies",
    "open_circle",
    "parse_month",
    "past_memberships",
    "person_governance",
    "person_groups",
    "policy_detail",
    "policy_list",
    "region_mrcs",
    "reminder_plan",
    "search",
    "strategies",
    "structure_map",
    "upcoming_events",
    "version_downloadable",
    "visibility",
    "working_in",
    "workspace_announcements",
    "workspace_contacts",
    "workspace_deliverables",
    "workspace_documents",
    "workspace_of",
    "workstream_detail",
    "workstream_list",
]
