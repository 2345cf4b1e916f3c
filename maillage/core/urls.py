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
]
