"""The portrait app's URLs, one module per subject."""

from django.urls import URLPattern, URLResolver

from maillage.portrait.urls import comparison, maps

app_name = "portrait"

urlpatterns: list[URLPattern | URLResolver] = [
    *maps.urlpatterns,
    *comparison.urlpatterns,
]
