"""The planning app's URLs, one module per subject."""

from django.urls import URLPattern, URLResolver

from maillage.planning.urls import dashboards, strategies

app_name = "planning"

urlpatterns: list[URLPattern | URLResolver] = [
    *strategies.urlpatterns,
    *dashboards.urlpatterns,
]
