"""The participation app's URLs, one module per subject."""

from django.urls import URLPattern

from maillage.participation.urls import proposals

app_name = "participation"

urlpatterns: list[URLPattern] = [
    *proposals.urlpatterns,
]
