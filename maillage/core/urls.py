from django.urls import path
from django.utils.translation import pgettext_lazy

from maillage.core import views

# The home page at "" is the public site's (Wagtail), named "home" in the project's URLs; the
# privacy page is the privacy app's (its policy).
app_name = "core"
urlpatterns = [
    path(pgettext_lazy("URL", "my-space/"), views.my_space, name="my_space"),
    path(pgettext_lazy("URL", "notifications/"), views.notification_list, name="notifications"),
    path(
        pgettext_lazy("URL", "notifications/<int:pk>/read/"),
        views.notification_read,
        name="notification_read",
    ),
    path(
        pgettext_lazy("URL", "notifications/preferences/"),
        views.notification_preferences,
        name="notification_preferences",
    ),
    path(pgettext_lazy("URL", "imports/<int:pk>/"), views.import_job, name="import_job"),
    path(
        pgettext_lazy("URL", "imports/<int:pk>/confirm/"),
        views.import_job_confirm,
        name="import_job_confirm",
    ),
    # The staff's pages of accounts and access (allauth's own pages are under /comptes/).
    path(pgettext_lazy("URL", "access/"), views.account_list, name="account_list"),
    path(
        pgettext_lazy("URL", "access/accounts/<int:pk>/"),
        views.account_detail,
        name="account_detail",
    ),
    path(
        pgettext_lazy("URL", "access/accounts/<int:pk>/edit/"),
        views.account_access,
        name="account_access",
    ),
    path(
        pgettext_lazy("URL", "access/invitations/"),
        views.platform_invitation_list,
        name="platform_invitation_list",
    ),
    path(
        pgettext_lazy("URL", "access/invitations/<int:pk>/resend/"),
        views.platform_invitation_resend,
        name="platform_invitation_resend",
    ),
    path(
        pgettext_lazy("URL", "access/invitations/<int:pk>/remove/"),
        views.platform_invitation_revoke,
        name="platform_invitation_revoke",
    ),
    # The link of an invitation to the platform, for the person invited.
    path(
        pgettext_lazy("URL", "invitation/<str:token>/"),
        views.platform_invitation_accept,
        name="platform_invitation_accept",
    ),
]
