"""The privacy app's URLs, one module per subject."""

from django.urls import URLPattern, URLResolver

from maillage.privacy.urls import consents, officer, policy

app_name = "privacy"

urlpatterns: list[URLPattern | URLResolver] = [
    *officer.urlpatterns,
    *policy.urlpatterns,
    *consents.urlpatterns,
]
