from django.urls import path

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
    path("cercles/", circles.circle_list, name="circle_list"),
    path("cercles/ajouter/", circles.circle_create, name="circle_create"),
    path("cercles/<slug:slug>/", circles.circle_detail, name="circle_detail"),
    path("cercles/<slug:slug>/modifier/", circles.circle_amend, name="circle_amend"),
    path("cercles/<slug:slug>/archiver/", circles.circle_archive, name="circle_archive"),
    path("cercles/<slug:slug>/membres/", circles.circle_members, name="circle_members"),
    path(
        "cercles/<slug:slug>/membres/ajouter/",
        memberships.circle_member_add,
        name="circle_member_add",
    ),
    path(
        "cercles/<slug:slug>/membres/ajouter/sieges/",
        memberships.circle_member_seats,
        name="circle_member_seats",
    ),
    path("cercles/<slug:slug>/rejoindre/", circles.circle_join, name="circle_join"),
    path(
        "cercles/<slug:slug>/redevabilites/ajouter/",
        roles.circle_accountability_add,
        name="circle_accountability_add",
    ),
    path(
        "redevabilites/<int:pk>/retirer/",
        roles.circle_accountability_remove,
        name="circle_accountability_remove",
    ),
    path("cercles/<slug:slug>/roles/ajouter/", roles.circle_role_create, name="circle_role_create"),
    path("cercles/<slug:slug>/politiques/ajouter/", policies.policy_adopt, name="policy_adopt"),
    # Roles
    path("roles/<int:pk>/modifier/", roles.role_amend, name="role_amend"),
    path("roles/<int:pk>/archiver/", roles.role_archive, name="role_archive"),
    path("roles/<int:pk>/attribuer/", roles.role_assign, name="role_assign"),
    path("roles/<int:pk>/attribuer/sieges/", roles.role_assign_seats, name="role_assign_seats"),
    path(
        "roles/<int:pk>/redevabilites/ajouter/",
        roles.role_accountability_add,
        name="role_accountability_add",
    ),
    path(
        "roles/redevabilites/<int:pk>/retirer/",
        roles.role_accountability_remove,
        name="role_accountability_remove",
    ),
    path("mandats/<int:pk>/modifier/", roles.assignment_update, name="assignment_update"),
    path("mandats/<int:pk>/terminer/", roles.assignment_end, name="assignment_end"),
    # Workstreams
    path("chantiers/", workstreams.workstream_list, name="workstream_list"),
    path("chantiers/ajouter/", workstreams.workstream_create, name="workstream_create"),
    path("chantiers/<slug:slug>/", workstreams.workstream_detail, name="workstream_detail"),
    path("chantiers/<slug:slug>/modifier/", workstreams.workstream_amend, name="workstream_amend"),
    path(
        "chantiers/<slug:slug>/archiver/", workstreams.workstream_archive, name="workstream_archive"
    ),
    path(
        "chantiers/<slug:slug>/statut/",
        workstreams.workstream_transition,
        name="workstream_transition",
    ),
    path(
        "chantiers/<slug:slug>/membres/", workstreams.workstream_members, name="workstream_members"
    ),
    path(
        "chantiers/<slug:slug>/membres/ajouter/",
        memberships.workstream_member_add,
        name="workstream_member_add",
    ),
    path(
        "chantiers/<slug:slug>/membres/ajouter/sieges/",
        memberships.workstream_member_seats,
        name="workstream_member_seats",
    ),
    path(
        "chantiers/<slug:slug>/roles/ajouter/",
        roles.workstream_role_create,
        name="workstream_role_create",
    ),
    path(
        "chantiers/<slug:slug>/livrables/ajouter/",
        workstreams.deliverable_add,
        name="deliverable_add",
    ),
    path("chantiers/<slug:slug>/inviter/", invitations.invitation_create, name="invitation_create"),
    path("livrables/<int:pk>/modifier/", workstreams.deliverable_amend, name="deliverable_amend"),
    path("livrables/<int:pk>/fait/", workstreams.deliverable_done, name="deliverable_done"),
    path("livrables/<int:pk>/retirer/", workstreams.deliverable_remove, name="deliverable_remove"),
    # A workstream's workspace: announcements, documents, deliverables, contacts
    path("chantiers/<slug:slug>/espace/", workspace.workspace_announcements, name="workspace"),
    path(
        "chantiers/<slug:slug>/espace/documents/",
        workspace.workspace_documents,
        name="workspace_documents",
    ),
    path(
        "chantiers/<slug:slug>/espace/livrables/",
        workspace.workspace_deliverables,
        name="workspace_deliverables",
    ),
    path(
        "chantiers/<slug:slug>/espace/contacts/",
        workspace.workspace_contacts,
        name="workspace_contacts",
    ),
    path(
        "chantiers/<slug:slug>/espace/annonces/ajouter/",
        workspace.announcement_create,
        name="announcement_create",
    ),
    path("annonces/<int:pk>/modifier/", workspace.announcement_amend, name="announcement_amend"),
    path("annonces/<int:pk>/retirer/", workspace.announcement_remove, name="announcement_remove"),
    path(
        "chantiers/<slug:slug>/espace/documents/ajouter/",
        workspace.document_add,
        name="document_add",
    ),
    path("documents/<int:pk>/", workspace.document_detail, name="document_detail"),
    path(
        "documents/<int:pk>/nouvelle-version/",
        workspace.document_version_add,
        name="document_version_add",
    ),
    path("documents/<int:pk>/telecharger/", workspace.document_download, name="document_download"),
    path("documents/<int:pk>/archiver/", workspace.document_archive, name="document_archive"),
    path(
        "documents/versions/<int:pk>/telecharger/",
        workspace.document_version_download,
        name="document_version_download",
    ),
    # Memberships and invitations
    path("adhesions/<int:pk>/quitter/", memberships.membership_leave, name="membership_leave"),
    path("adhesions/<int:pk>/retirer/", memberships.membership_remove, name="membership_remove"),
    path("invitations/<int:pk>/retirer/", invitations.invitation_revoke, name="invitation_revoke"),
    path("invitations/<str:token>/", invitations.invitation_accept, name="invitation_accept"),
    # Policies
    path("politiques/<int:pk>/", policies.policy_detail, name="policy_detail"),
    path("politiques/<int:pk>/modifier/", policies.policy_amend, name="policy_amend"),
    path("politiques/<int:pk>/statut/", policies.policy_status, name="policy_status"),
    # The governance calendar
    path("calendrier/", calendars.calendar, name="calendar"),
    path("calendrier/nouveau-lien/", calendars.calendar_feed_reset, name="calendar_feed_reset"),
    path("calendrier/<str:token>/gouvernance.ics", calendars.calendar_ical, name="calendar_ical"),
]
