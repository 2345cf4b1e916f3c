from django.urls import URLPattern, path
from django.utils.translation import pgettext_lazy

from maillage.participation.views import consultations

urlpatterns: list[URLPattern] = [
    path("", consultations.consultation_list, name="consultation_list"),
    path(
        pgettext_lazy("URL", "new-consultation/"),
        consultations.consultation_create,
        name="consultation_create",
    ),
    path(
        pgettext_lazy("URL", "consultations/<slug:slug>/"),
        consultations.consultation_detail,
        name="consultation_detail",
    ),
    path(
        pgettext_lazy("URL", "consultations/<slug:slug>/edit/"),
        consultations.consultation_update,
        name="consultation_update",
    ),
    path(
        pgettext_lazy("URL", "consultations/<slug:slug>/phases/"),
        consultations.consultation_phases,
        name="consultation_phases",
    ),
    path(
        pgettext_lazy("URL", "consultations/<slug:slug>/publish/"),
        consultations.consultation_publish,
        name="consultation_publish",
    ),
    path(
        pgettext_lazy("URL", "consultations/<slug:slug>/unpublish/"),
        consultations.consultation_unpublish,
        name="consultation_unpublish",
    ),
]
