"""Forms of the governance pages: they parse input; services validate and write."""

from maillage.governance.forms._common import PersonSeatForm
from maillage.governance.forms.circles import AccountabilityForm, CircleForm
from maillage.governance.forms.invitations import InvitationForm
from maillage.governance.forms.memberships import EndMembershipForm, MemberForm
from maillage.governance.forms.policies import PolicyForm, PolicyStatusForm
from maillage.governance.forms.roles import AssignForm, AssignmentForm, RoleForm
from maillage.governance.forms.structure import MapFilterForm
from maillage.governance.forms.workspace import (
    AnnouncementForm,
    DocumentForm,
    DocumentVersionForm,
)
from maillage.governance.forms.workstreams import (
    DeliverableForm,
    WorkstreamFilterForm,
    WorkstreamForm,
)

__all__ = [
    "AccountabilityForm",
    "AnnouncementForm",
    "AssignForm",
    "AssignmentForm",
    "CircleForm",
    "DeliverableForm",
    "DocumentForm",
    "DocumentVersionForm",
    "EndMembershipForm",
    "InvitationForm",
    "MapFilterForm",
    "MemberForm",
    "PersonSeatForm",
    "PolicyForm",
    "PolicyStatusForm",
    "RoleForm",
    "WorkstreamFilterForm",
    "WorkstreamForm",
]
