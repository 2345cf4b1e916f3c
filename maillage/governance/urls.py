from django.urls import path

from maillage.governance import views

app_name = "governance"
urlpatterns = [
    path("", views.structure_map, name="map"),
    # Circles
    path("cercles/", views.circle_list, name="circle_list"),
    path("cercles/ajouter/", views.circle_create, name="circle_create"),
    path("cercles/<slug:slug>/", views.circle_detail, name="circle_detail"),
    path("cercles/<slug:slug>/modifier/", views.circle_amend, name="circle_amend"),
    path("cercles/<slug:slug>/archiver/", views.circle_archive, name="circle_archive"),
    path("cercles/<slug:slug>/membres/", views.circle_members, name="circle_members"),
    path("cercles/<slug:slug>/membres/ajouter/", views.circle_member_add, name="circle_member_add"),
    path("cercles/<slug:slug>/rejoindre/", views.circle_join, name="circle_join"),
    path(
        "cercles/<slug:slug>/redevabilites/ajouter/",
        views.circle_accountability_add,
        name="circle_accountability_add",
    ),
    path(
        "redevabilites/<int:pk>/retirer/",
        views.circle_accountability_remove,
        name="circle_accountability_remove",
    ),
    path("cercles/<slug:slug>/roles/ajouter/", views.circle_role_create, name="circle_role_create"),
    path("cercles/<slug:slug>/politiques/ajouter/", views.policy_adopt, name="policy_adopt"),
    # Roles
    path("roles/<int:pk>/modifier/", views.role_amend, name="role_amend"),
    path("roles/<int:pk>/archiver/", views.role_archive, name="role_archive"),
    path("roles/<int:pk>/attribuer/", views.role_assign, name="role_assign"),
    path(
        "roles/<int:pk>/redevabilites/ajouter/",
        views.role_accountability_add,
        name="role_accountability_add",
    ),
    path(
        "roles/redevabilites/<int:pk>/retirer/",
        views.role_accountability_remove,
        name="role_accountability_remove",
    ),
    path("mandats/<int:pk>/modifier/", views.assignment_update, name="assignment_update"),
    path("mandats/<int:pk>/terminer/", views.assignment_end, name="assignment_end"),
    # Workstreams
    path("chantiers/", views.workstream_list, name="workstream_list"),
    path("chantiers/ajouter/", views.workstream_create, name="workstream_create"),
    path("chantiers/<slug:slug>/", views.workstream_detail, name="workstream_detail"),
    path("chantiers/<slug:slug>/modifier/", views.workstream_amend, name="workstream_amend"),
    path("chantiers/<slug:slug>/archiver/", views.workstream_archive, name="workstream_archive"),
    path(
        "chantiers/<slug:slug>/statut/", views.workstream_transition, name="workstream_transition"
    ),
    path("chantiers/<slug:slug>/membres/", views.workstream_members, name="workstream_members"),
    path(
        "chantiers/<slug:slug>/membres/ajouter/",
        views.workstream_member_add,
        name="workstream_member_add",
    ),
    path(
        "chantiers/<slug:slug>/roles/ajouter/",
        views.workstream_role_create,
        name="workstream_role_create",
    ),
    path("chantiers/<slug:slug>/livrables/ajouter/", views.deliverable_add, name="deliverable_add"),
    path("chantiers/<slug:slug>/inviter/", views.invitation_create, name="invitation_create"),
    path("livrables/<int:pk>/fait/", views.deliverable_done, name="deliverable_done"),
    path("livrables/<int:pk>/retirer/", views.deliverable_remove, name="deliverable_remove"),
    # Memberships and invitations
    path("adhesions/<int:pk>/quitter/", views.membership_leave, name="membership_leave"),
    path("adhesions/<int:pk>/retirer/", views.membership_remove, name="membership_remove"),
    path("invitations/<int:pk>/retirer/", views.invitation_revoke, name="invitation_revoke"),
    path("invitations/<str:token>/", views.invitation_accept, name="invitation_accept"),
    # Policies
    path("politiques/<int:pk>/", views.policy_detail, name="policy_detail"),
    path("politiques/<int:pk>/modifier/", views.policy_amend, name="policy_amend"),
    path("politiques/<int:pk>/statut/", views.policy_status, name="policy_status"),
    # The governance calendar
    path("calendrier/", views.calendar, name="calendar"),
    path("calendrier/nouveau-lien/", views.calendar_feed_reset, name="calendar_feed_reset"),
    path("calendrier/<str:token>/gouvernance.ics", views.calendar_ical, name="calendar_ical"),
]
