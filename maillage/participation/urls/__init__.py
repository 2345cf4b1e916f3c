"""The participation app's URLs, one module per subject."""

from django.urls import URLPattern

app_name = "participation"

urlpatterns: list[URLPattern] = []
