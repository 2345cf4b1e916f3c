"""The collaboration model: circles, workstreams (*chantiers*), roles, memberships, policies.

Models hold data and invariants only. Every write goes through ``services.py``, which keeps the
double links consistent and records the history.
"""

from maillage.governance.models.calendars import CalendarFeed, Reminder, ReminderKind
from maillage.governance.models.circles import Accountability, Circle, CircleMode
from maillage.governance.models.invitations import Invitation, InvitationKind
from maillage.governance.models.memberships import (
    EndReason,
    Membership,
    MembershipKind,
    MembershipSource,
)
from maillage.governance.models.policies import Policy, PolicyStatus, PolicyVersion
from maillage.governance.models.roles import (
    BUILTIN_NAMES,
    POLICY_KINDS,
    SINGLE_HOLDER_KINDS,
    WORKSTREAM_LEAD_NAME,
    Role,
    RoleAssignment,
    RoleKind,
)
from maillage.governance.models.strategies import Strategy
from maillage.governance.models.workspace import Announcement, Document, DocumentVersion
from maillage.governance.models.workstreams import Deliverable, Workstream

__all__ = [
    "BUILTIN_NAMES",
    "POLICY_KINDS",
    "SINGLE_HOLDER_KINDS",
    "WORKSTREAM_LEAD_NAME",
    "Accountability",
    "Announcement",
    "CalendarFeed",
    "Circle",
    "CircleMode",
    "Deliverable",
    "Document",
    "DocumentVersion",
    "EndReason",
    "Invitation",
    "InvitationKind",
    "Membership",
    "MembershipKind",
    "MembershipSource",
    "Policy",
    "PolicyStatus",
    "PolicyVersion",
    "Reminder",
    "ReminderKind",
    "Role",
    "RoleAssignment",
    "RoleKind",
    "Strategy",
    "Workstream",
]
