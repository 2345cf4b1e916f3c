"""The participation app's URLs, one module per subject."""

from django.urls import URLPattern, URLResolver

from maillage.participation.urls import consultations, moderation, questionnaires, trail

app_name = "participation"

urlpatterns: list[URLPattern | URLResolver] = [
    *consultations.urlpatterns,
    *moderation.urlpatterns,
    *questionnaires.urlpatterns,
    *trail.urlpatterns,
]
