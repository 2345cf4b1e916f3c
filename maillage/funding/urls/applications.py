from django.urls import URLPattern, path
from django.utils.translation import pgettext_lazy

from maillage.funding.views import applications

urlpatterns: list[URLPattern] = [
    path(
        pgettext_lazy("URL", "applications/<int:pk>/"),
        applications.application_detail,
        name="application_detail",
    ),
]
