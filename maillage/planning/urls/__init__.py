"""The planning app's URLs, one module per subject."""

from django.urls import URLPattern, URLResolver

from maillage.planning.urls import actions, adoption, objectives, plans, targets

app_name = "planning"

urlpatterns: list[URLPattern | URLResolver] = [
    *plans.urlpatterns,
    *objectives.urlpatterns,
    *targets.urlpatterns,
    *actions.urlpatterns,
    *adoption.urlpatterns,
]
