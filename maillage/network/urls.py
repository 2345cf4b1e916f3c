from django.urls import path
from django.utils.translation import pgettext_lazy

from maillage.network import views

app_name = "network"
urlpatterns = [
    path("", views.organization_list, name="organization_list"),
    path(
        pgettext_lazy("URL", "export/<str:fmt>/"),
        views.organization_export,
        name="organization_export",
    ),
    path(pgettext_lazy("URL", "import/"), views.import_upload, name="import"),
    path(
        pgettext_lazy("URL", "add/organization/"),
        views.organization_create,
        name="organization_create",
    ),
    path(pgettext_lazy("URL", "add/person/"), views.person_create, name="person_create"),
    path(
        pgettext_lazy("URL", "organizations/<slug:slug>/"),
        views.organization_detail,
        name="organization_detail",
    ),
    path(
        pgettext_lazy("URL", "organizations/<slug:slug>/edit/"),
        views.organization_update,
        name="organization_update",
    ),
    path(
        pgettext_lazy("URL", "organizations/<slug:slug>/seats/add/"),
        views.seat_create,
        name="seat_create",
    ),
    path(pgettext_lazy("URL", "seats/<int:pk>/edit/"), views.seat_update, name="seat_update"),
    path(pgettext_lazy("URL", "seats/<int:pk>/end/"), views.seat_end, name="seat_end"),
    path(pgettext_lazy("URL", "people/"), views.person_list, name="person_list"),
    path(pgettext_lazy("URL", "people/<slug:slug>/"), views.person_detail, name="person_detail"),
    path(
        pgettext_lazy("URL", "people/<slug:slug>/edit/"), views.person_update, name="person_update"
    ),
    path(
        pgettext_lazy("URL", "people/<slug:slug>/functions/add/"),
        views.function_add,
        name="function_add",
    ),
    path(pgettext_lazy("URL", "functions/<int:pk>/end/"), views.function_end, name="function_end"),
]
