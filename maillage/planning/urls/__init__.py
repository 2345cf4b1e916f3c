"""The planning app's URLs, one module per subject."""

from django.urls import URLPattern, URLResolver

from maillage.planning.urls import (
    actions,
    adoption,
    dashboards,
    objectives,
    plans,
    strategies,
    targets,
)

app_name = "planning"

urlpatterns: list[URLPattern | URLResolver] = [
    # First: `strategies/` would otherwise be read as a plan's address.
    *strategies.urlpatterns,
    *dashboards.urlpatterns,
    *plans.urlpatterns,
    *objectives.urlpatterns,
    *targets.urlpatterns,
    *actions.urlpatterns,
    *adoption.urlpatterns,
]
