"""The participation app's URLs, one module per subject."""

from django.urls import URLPattern

from maillage.participation.urls import questionnaires

app_name = "participation"

urlpatterns: list[URLPattern] = [*questionnaires.urlpatterns]
