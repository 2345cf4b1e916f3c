from django.urls import URLPattern, path
from django.utils.translation import pgettext_lazy

from maillage.planning.views import objectives

urlpatterns: list[URLPattern] = [
    path(
        pgettext_lazy("URL", "orientations/<int:pk>/objectives/new/"),
        objectives.objective_create,
        name="objective_create",
    ),
    path(
        pgettext_lazy("URL", "objectives/<int:pk>/"),
        objectives.objective_detail,
        name="objective_detail",
    ),
    path(
        pgettext_lazy("URL", "objectives/<int:pk>/edit/"),
        objectives.objective_update,
        name="objective_update",
    ),
    path(
        pgettext_lazy("URL", "objectives/<int:pk>/delete/"),
        objectives.objective_delete,
        name="objective_delete",
    ),
    path(
        pgettext_lazy("URL", "objectives/<int:pk>/move/"),
        objectives.objective_move,
        name="objective_move",
    ),
    path(
        pgettext_lazy("URL", "objectives/<int:pk>/progress/new/"),
        objectives.progress_create,
        name="progress_create",
    ),
]
