from django.urls import URLPattern, path
from django.utils.translation import pgettext_lazy

from maillage.planning.views import targets

urlpatterns: list[URLPattern] = [
    path(
        pgettext_lazy("URL", "objectives/<int:pk>/targets/new/"),
        targets.target_create,
        name="target_create",
    ),
    path(
        pgettext_lazy("URL", "targets/<int:pk>/edit/"), targets.target_update, name="target_update"
    ),
    path(
        pgettext_lazy("URL", "targets/<int:pk>/delete/"),
        targets.target_delete,
        name="target_delete",
    ),
]
