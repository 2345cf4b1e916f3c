from django.urls import URLPattern, path
from django.utils.translation import pgettext_lazy

from maillage.privacy.views import incidents

urlpatterns: list[URLPattern] = [
    path(pgettext_lazy("URL", "manage/incidents/"), incidents.incident_list, name="incident_list"),
    path(
        pgettext_lazy("URL", "manage/incidents/new/"),
        incidents.incident_create,
        name="incident_create",
    ),
    path(
        pgettext_lazy("URL", "manage/incidents/<int:pk>/"),
        incidents.incident_detail,
        name="incident_detail",
    ),
    path(
        pgettext_lazy("URL", "manage/incidents/<int:pk>/edit/"),
        incidents.incident_update,
        name="incident_update",
    ),
    path(
        pgettext_lazy("URL", "manage/incidents/export/<str:fmt>/"),
        incidents.incident_export,
        name="incident_export",
    ),
]
