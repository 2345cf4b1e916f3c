"""An indicator's map page and the downloads of its table."""

from django.urls import path
from django.utils.translation import pgettext_lazy

from maillage.portrait.views import maps

urlpatterns = [
    path(
        pgettext_lazy("URL", "indicators/<slug:key>/"),
        maps.indicator_map,
        name="indicator_map",
    ),
    path(
        pgettext_lazy("URL", "indicators/<slug:key>/download/<slug:fmt>/"),
        maps.indicator_map_export,
        name="indicator_map_export",
    ),
]
