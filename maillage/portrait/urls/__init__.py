"""The portrait app's URLs, one module per subject."""

from django.urls import URLPattern, URLResolver

from maillage.portrait.urls import downloads, indicators, territories

app_name = "portrait"

urlpatterns: list[URLPattern | URLResolver] = [
    *indicators.urlpatterns,
    *territories.urlpatterns,
    *downloads.urlpatterns,
]
