"""The participation app's URLs, one module per subject."""

from django.urls import URLPattern

from maillage.participation.urls import moderation

app_name = "participation"

urlpatterns: list[URLPattern] = [
    *moderation.urlpatterns,
]
