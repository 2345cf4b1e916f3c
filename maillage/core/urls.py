from django.urls import path
from django.utils.translation import pgettext_lazy

from maillage.core import views

# The home page at "" is the public site's (Wagtail), named "home" in the project's URLs.
app_name = "core"
urlpatterns = [
    path(pgettext_lazy("URL", "privacy/"), views.privacy, name="privacy"),
    path(pgettext_lazy("URL", "my-space/"), views.my_space, name="my_space"),
    path(pgettext_lazy("URL", "notifications/"), views.notification_list, name="notifications"),
    path(
        pgettext_lazy("URL", "notifications/<int:pk>/read/"),
        views.notification_read,
        name="notification_read",
    ),
    path(pgettext_lazy("URL", "imports/<int:pk>/"), views.import_job, name="import_job"),
    path(
        pgettext_lazy("URL", "imports/<int:pk>/confirm/"),
        views.import_job_confirm,
        name="import_job_confirm",
    ),
]
