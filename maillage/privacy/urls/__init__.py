"""The privacy app's URLs, one module per subject."""

from django.urls import URLPattern, URLResolver

from maillage.privacy.urls import mydata, requests

app_name = "privacy"

urlpatterns: list[URLPattern | URLResolver] = [
    *mydata.urlpatterns,
    *requests.urlpatterns,
]
