"""The participation app's URLs, one module per subject."""

from django.urls import URLPattern, URLResolver

from maillage.participation.urls import consultations, moderation, proposals, questionnaires, trail

app_name = "participation"

urlpatterns: list[URLPattern | URLResolver] = [
    *consultations.urlpatterns,
    *proposals.urlpatterns,
    *moderation.urlpatterns,
    *questionnaires.urlpatterns,
    *trail.urlpatterns,
]
