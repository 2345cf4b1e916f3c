"""The comparison of territories and the downloads of its table."""

from django.urls import path
from django.utils.translation import pgettext_lazy

from maillage.portrait.views import comparison

urlpatterns = [
    path(pgettext_lazy("URL", "compare/"), comparison.compare, name="compare"),
    path(
        pgettext_lazy("URL", "compare/download/<slug:fmt>/"),
        comparison.compare_export,
        name="compare_export",
    ),
]
