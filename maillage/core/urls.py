from django.urls import path

from maillage.core import views

# The home page at "" is the public site's (Wagtail), named "home" in the project's URLs.
app_name = "core"
urlpatterns = [
    path("confidentialite/", views.privacy, name="privacy"),
    path("mon-espace/", views.my_space, name="my_space"),
    path("notifications/", views.notification_list, name="notifications"),
    path("notifications/<int:pk>/lue/", views.notification_read, name="notification_read"),
    path("importations/<int:pk>/", views.import_job, name="import_job"),
    path("importations/<int:pk>/confirmer/", views.import_job_confirm, name="import_job_confirm"),
    # The staff's pages of accounts and access (allauth's own pages are under /comptes/).
    path("gestion-des-acces/", views.account_list, name="account_list"),
    path("gestion-des-acces/comptes/<int:pk>/", views.account_detail, name="account_detail"),
    path(
        "gestion-des-acces/comptes/<int:pk>/modifier/", views.account_access, name="account_access"
    ),
    path(
        "gestion-des-acces/invitations/",
        views.platform_invitation_list,
        name="platform_invitation_list",
    ),
    path(
        "gestion-des-acces/invitations/<int:pk>/renvoyer/",
        views.platform_invitation_resend,
        name="platform_invitation_resend",
    ),
    path(
        "gestion-des-acces/invitations/<int:pk>/retirer/",
        views.platform_invitation_revoke,
        name="platform_invitation_revoke",
    ),
    # The link of an invitation to the platform, for the person invited.
    path(
        "invitation/<str:token>/",
        views.platform_invitation_accept,
        name="platform_invitation_accept",
    ),
]
