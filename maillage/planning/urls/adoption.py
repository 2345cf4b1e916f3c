from django.urls import URLPattern, path
from django.utils.translation import pgettext_lazy

from maillage.planning.views import adoption

urlpatterns: list[URLPattern] = [
    path(
        pgettext_lazy("URL", "plans/<slug:slug>/adoption/"),
        adoption.plan_submit,
        name="plan_submit",
    ),
    path(
        pgettext_lazy("URL", "objectives/<int:pk>/adoption/"),
        adoption.objective_submit,
        name="objective_submit",
    ),
]
