from django.urls import URLPattern, path
from django.utils.translation import pgettext_lazy

from maillage.planning.views import actions, objectives, plans

urlpatterns: list[URLPattern] = [
    path("", plans.plan_index, name="plan_index"),
    path(pgettext_lazy("URL", "plans/"), plans.plan_list, name="plan_list"),
    path(pgettext_lazy("URL", "plans/new/"), plans.plan_create, name="plan_create"),
    path(pgettext_lazy("URL", "plans/<slug:slug>/"), plans.plan_detail, name="plan_detail"),
    # Every objective and every action of the plan, filtered and a page at a time.
    path(
        pgettext_lazy("URL", "plans/<slug:slug>/objectives/"),
        objectives.plan_objectives,
        name="plan_objectives",
    ),
    path(
        pgettext_lazy("URL", "plans/<slug:slug>/actions/"),
        actions.plan_actions,
        name="plan_actions",
    ),
    path(pgettext_lazy("URL", "plans/<slug:slug>/edit/"), plans.plan_update, name="plan_update"),
    path(pgettext_lazy("URL", "plans/<slug:slug>/delete/"), plans.plan_delete, name="plan_delete"),
    path(
        pgettext_lazy("URL", "plans/<slug:slug>/needs/new/"), plans.need_create, name="need_create"
    ),
    path(pgettext_lazy("URL", "needs/<int:pk>/edit/"), plans.need_update, name="need_update"),
    path(pgettext_lazy("URL", "needs/<int:pk>/delete/"), plans.need_delete, name="need_delete"),
    path(
        pgettext_lazy("URL", "plans/<slug:slug>/orientations/new/"),
        plans.orientation_create,
        name="orientation_create",
    ),
    path(
        pgettext_lazy("URL", "orientations/<int:pk>/edit/"),
        plans.orientation_update,
        name="orientation_update",
    ),
    path(
        pgettext_lazy("URL", "orientations/<int:pk>/delete/"),
        plans.orientation_delete,
        name="orientation_delete",
    ),
    path(
        pgettext_lazy("URL", "orientations/<int:pk>/move/"),
        plans.orientation_move,
        name="orientation_move",
    ),
]
