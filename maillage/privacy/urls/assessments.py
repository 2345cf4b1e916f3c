from django.urls import URLPattern, path
from django.utils.translation import pgettext_lazy

from maillage.privacy.views import assessments

urlpatterns: list[URLPattern] = [
    path(
        pgettext_lazy("URL", "manage/assessments/"),
        assessments.assessment_list,
        name="assessment_list",
    ),
    path(
        pgettext_lazy("URL", "manage/assessments/new/"),
        assessments.assessment_create,
        name="assessment_create",
    ),
    path(
        pgettext_lazy("URL", "manage/assessments/<int:pk>/"),
        assessments.assessment_detail,
        name="assessment_detail",
    ),
    path(
        pgettext_lazy("URL", "manage/assessments/<int:pk>/edit/"),
        assessments.assessment_update,
        name="assessment_update",
    ),
]
