"""The portrait app's URLs, one module per subject."""

from django.urls import URLPattern, URLResolver

from maillage.portrait.urls import comparison, downloads, indicators, maps, territories

app_name = "portrait"

urlpatterns: list[URLPattern | URLResolver] = [
    *indicators.urlpatterns,
    *territories.urlpatterns,
    *downloads.urlpatterns,
    *maps.urlpatterns,
    *comparison.urlpatterns,
]
