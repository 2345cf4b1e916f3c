from django.urls import URLPattern, path
from django.utils.translation import pgettext_lazy

from maillage.planning.views import actions

urlpatterns: list[URLPattern] = [
    path(
        pgettext_lazy("URL", "objectives/<int:pk>/actions/new/"),
        actions.action_create,
        name="action_create",
    ),
    path(pgettext_lazy("URL", "actions/<int:pk>/"), actions.action_detail, name="action_detail"),
    path(
        pgettext_lazy("URL", "actions/<int:pk>/edit/"), actions.action_update, name="action_update"
    ),
    path(
        pgettext_lazy("URL", "actions/<int:pk>/delete/"),
        actions.action_delete,
        name="action_delete",
    ),
    path(pgettext_lazy("URL", "actions/<int:pk>/move/"), actions.action_move, name="action_move"),
    path(
        pgettext_lazy("URL", "actions/<int:pk>/projects/"),
        actions.action_projects,
        name="action_projects_assign",
    ),
]
