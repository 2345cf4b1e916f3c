"""The influence trail's URLs. `kind` is `proposal` or `consultation`."""

from django.urls import path
from django.utils.translation import pgettext_lazy

from maillage.participation.views import trail

urlpatterns = [
    path(pgettext_lazy("URL", "trail/<slug:kind>/<int:pk>/"), trail.trail_detail, name="trail"),
    path(
        pgettext_lazy("URL", "trail/<slug:kind>/<int:pk>/answer/"),
        trail.trail_answer,
        name="trail_answer",
    ),
    path(
        pgettext_lazy("URL", "trail/<slug:kind>/<int:pk>/route/"),
        trail.trail_route,
        name="trail_route",
    ),
    path(
        pgettext_lazy("URL", "trail/<slug:kind>/<int:pk>/move/"),
        trail.trail_move,
        name="trail_move",
    ),
    path(
        pgettext_lazy("URL", "trail/<slug:kind>/<int:pk>/follow/"),
        trail.trail_follow,
        name="trail_follow",
    ),
    path(
        pgettext_lazy("URL", "trail/<slug:kind>/<int:pk>/unfollow/"),
        trail.trail_unfollow,
        name="trail_unfollow",
    ),
    path(
        pgettext_lazy("URL", "consultations/<slug:slug>/report/"),
        trail.consultation_report,
        name="consultation_report",
    ),
    path(
        pgettext_lazy("URL", "consultations/<slug:slug>/report/write/"),
        trail.consultation_report_back,
        name="consultation_report_back",
    ),
]
