from django.urls import path
from django.utils.translation import pgettext_lazy

from maillage.governance.views import (
    calendars,
    circles,
    invitations,
    memberships,
    policies,
    roles,
    structure,
    workspace,
    workstreams,
)

app_name = "governance"
urlpatterns = [
    path("", structure.structure_map, name="map"),
    # Circles
    path(pgettext_lazy("URL", "circles/"), circles.circle_list, name="circle_list"),
    path(pgettext_lazy("URL", "circles/add/"), circles.circle_create, name="circle_create"),
    path(pgettext_lazy("URL", "circles/<slug:slug>/"), circles.circle_detail, name="circle_detail"),
    path(
        pgettext_lazy("URL", "circles/<slug:slug>/edit/"), circles.circle_amend, name="circle_amend"
    ),
    path(
        pgettext_lazy("URL", "circles/<slug:slug>/archive/"),
        circles.circle_archive,
        name="circle_archive",
    ),
    path(
        pgettext_lazy("URL", "circles/<slug:slug>/members/"),
        circles.circle_members,
        name="circle_members",
    ),
    path(
        pgettext_lazy("URL", "circles/<slug:slug>/members/add/"),
        memberships.circle_member_add,
        name="circle_member_add",
    ),
    path(
        pgettext_lazy("URL", "circles/<slug:slug>/members/add/seats/"),
        memberships.circle_member_seats,
        name="circle_member_seats",
    ),
    path(
        pgettext_lazy("URL", "circles/<slug:slug>/join/"), circles.circle_join, name="circle_join"
    ),
    path(
        pgettext_lazy("URL", "circles/<slug:slug>/accountabilities/add/"),
        roles.circle_accountability_add,
        name="circle_accountability_add",
    ),
    path(
        pgettext_lazy("URL", "accountabilities/<int:pk>/remove/"),
        roles.circle_accountability_remove,
        name="circle_accountability_remove",
    ),
    path(
        pgettext_lazy("URL", "circles/<slug:slug>/roles/add/"),
        roles.circle_role_create,
        name="circle_role_create",
    ),
    path(
        pgettext_lazy("URL", "circles/<slug:slug>/policies/add/"),
        policies.policy_adopt,
        name="policy_adopt",
    ),
    # Roles
    path(pgettext_lazy("URL", "roles/<int:pk>/edit/"), roles.role_amend, name="role_amend"),
    path(pgettext_lazy("URL", "roles/<int:pk>/archive/"), roles.role_archive, name="role_archive"),
    path(pgettext_lazy("URL", "roles/<int:pk>/assign/"), roles.role_assign, name="role_assign"),
    path(
        pgettext_lazy("URL", "roles/<int:pk>/assign/seats/"),
        roles.role_assign_seats,
        name="role_assign_seats",
    ),
    path(
        pgettext_lazy("URL", "roles/<int:pk>/accountabilities/add/"),
        roles.role_accountability_add,
        name="role_accountability_add",
    ),
    path(
        pgettext_lazy("URL", "roles/accountabilities/<int:pk>/remove/"),
        roles.role_accountability_remove,
        name="role_accountability_remove",
    ),
    path(
        pgettext_lazy("URL", "terms/<int:pk>/edit/"),
        roles.assignment_update,
        name="assignment_update",
    ),
    path(pgettext_lazy("URL", "terms/<int:pk>/end/"), roles.assignment_end, name="assignment_end"),
    # Workstreams
    path(pgettext_lazy("URL", "workstreams/"), workstreams.workstream_list, name="workstream_list"),
    path(
        pgettext_lazy("URL", "workstreams/add/"),
        workstreams.workstream_create,
        name="workstream_create",
    ),
    path(
        pgettext_lazy("URL", "workstreams/<slug:slug>/"),
        workstreams.workstream_detail,
        name="workstream_detail",
    ),
    path(
        pgettext_lazy("URL", "workstreams/<slug:slug>/edit/"),
        workstreams.workstream_amend,
        name="workstream_amend",
    ),
    path(
        pgettext_lazy("URL", "workstreams/<slug:slug>/archive/"),
        workstreams.workstream_archive,
        name="workstream_archive",
    ),
    path(
        pgettext_lazy("URL", "workstreams/<slug:slug>/status/"),
        workstreams.workstream_transition,
        name="workstream_transition",
    ),
    path(
        pgettext_lazy("URL", "workstreams/<slug:slug>/members/"),
        workstreams.workstream_members,
        name="workstream_members",
    ),
    path(
        pgettext_lazy("URL", "workstreams/<slug:slug>/members/add/"),
        memberships.workstream_member_add,
        name="workstream_member_add",
    ),
    path(
        pgettext_lazy("URL", "workstreams/<slug:slug>/members/add/seats/"),
        memberships.workstream_member_seats,
        name="workstream_member_seats",
    ),
    path(
        pgettext_lazy("URL", "workstreams/<slug:slug>/roles/add/"),
        roles.workstream_role_create,
        name="workstream_role_create",
    ),
    path(
        pgettext_lazy("URL", "workstreams/<slug:slug>/deliverables/add/"),
        workstreams.deliverable_add,
        name="deliverable_add",
    ),
    path(
        pgettext_lazy("URL", "workstreams/<slug:slug>/invite/"),
        invitations.invitation_create,
        name="invitation_create",
    ),
    path(
        pgettext_lazy("URL", "deliverables/<int:pk>/edit/"),
        workstreams.deliverable_amend,
        name="deliverable_amend",
    ),
    path(
        pgettext_lazy("URL", "deliverables/<int:pk>/done/"),
        workstreams.deliverable_done,
        name="deliverable_done",
    ),
    path(
        pgettext_lazy("URL", "deliverables/<int:pk>/remove/"),
        workstreams.deliverable_remove,
        name="deliverable_remove",
    ),
    # A workstream's workspace: announcements, documents, deliverables, contacts
    path(
        pgettext_lazy("URL", "workstreams/<slug:slug>/workspace/"),
        workspace.workspace_announcements,
        name="workspace",
    ),
    path(
        pgettext_lazy("URL", "workstreams/<slug:slug>/workspace/documents/"),
        workspace.workspace_documents,
        name="workspace_documents",
    ),
    path(
        pgettext_lazy("URL", "workstreams/<slug:slug>/workspace/deliverables/"),
        workspace.workspace_deliverables,
        name="workspace_deliverables",
    ),
    path(
        pgettext_lazy("URL", "workstreams/<slug:slug>/workspace/contacts/"),
        workspace.workspace_contacts,
        name="workspace_contacts",
    ),
    path(
        pgettext_lazy("URL", "workstreams/<slug:slug>/workspace/announcements/add/"),
        workspace.announcement_create,
        name="announcement_create",
    ),
    path(
        pgettext_lazy("URL", "announcements/<int:pk>/edit/"),
        workspace.announcement_amend,
        name="announcement_amend",
    ),
    path(
        pgettext_lazy("URL", "announcements/<int:pk>/remove/"),
        workspace.announcement_remove,
        name="announcement_remove",
    ),
    path(
        pgettext_lazy("URL", "workstreams/<slug:slug>/workspace/documents/add/"),
        workspace.document_add,
        name="document_add",
    ),
    path(
        pgettext_lazy("URL", "documents/<int:pk>/"),
        workspace.document_detail,
        name="document_detail",
    ),
    path(
        pgettext_lazy("URL", "documents/<int:pk>/new-version/"),
        workspace.document_version_add,
        name="document_version_add",
    ),
    path(
        pgettext_lazy("URL", "documents/<int:pk>/download/"),
        workspace.document_download,
        name="document_download",
    ),
    path(
        pgettext_lazy("URL", "documents/<int:pk>/archive/"),
        workspace.document_archive,
        name="document_archive",
    ),
    path(
        pgettext_lazy("URL", "documents/versions/<int:pk>/download/"),
        workspace.document_version_download,
        name="document_version_download",
    ),
    # Memberships and invitations
    path(
        pgettext_lazy("URL", "memberships/<int:pk>/leave/"),
        memberships.membership_leave,
        name="membership_leave",
    ),
    path(
        pgettext_lazy("URL", "memberships/<int:pk>/remove/"),
        memberships.membership_remove,
        name="membership_remove",
    ),
    path(
        pgettext_lazy("URL", "invitations/<int:pk>/remove/"),
        invitations.invitation_revoke,
        name="invitation_revoke",
    ),
    path(
        pgettext_lazy("URL", "invitations/<str:token>/"),
        invitations.invitation_accept,
        name="invitation_accept",
    ),
    # Policies
    path(pgettext_lazy("URL", "policies/<int:pk>/"), policies.policy_detail, name="policy_detail"),
    path(
        pgettext_lazy("URL", "policies/<int:pk>/edit/"), policies.policy_amend, name="policy_amend"
    ),
    path(
        pgettext_lazy("URL", "policies/<int:pk>/status/"),
        policies.policy_status,
        name="policy_status",
    ),
    # The governance calendar
    path(pgettext_lazy("URL", "calendar/"), calendars.calendar, name="calendar"),
    path(
        pgettext_lazy("URL", "calendar/new-link/"),
        calendars.calendar_feed_reset,
        name="calendar_feed_reset",
    ),
    path(
        pgettext_lazy("URL", "calendar/<str:token>/governance.ics"),
        calendars.calendar_ical,
        name="calendar_ical",
    ),
]
