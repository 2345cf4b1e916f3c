"""The privacy app's URLs, one module per subject."""

from django.urls import URLPattern, URLResolver

from maillage.privacy.urls import (
    access,
    area,
    assessments,
    consents,
    incidents,
    mydata,
    officer,
    policy,
    requests,
    retention,
)

app_name = "privacy"

urlpatterns: list[URLPattern | URLResolver] = [
    *area.urlpatterns,
    *incidents.urlpatterns,
    *assessments.urlpatterns,
    *access.urlpatterns,
    *retention.urlpatterns,
    *mydata.urlpatterns,
    *requests.urlpatterns,
    *officer.urlpatterns,
    *policy.urlpatterns,
    *consents.urlpatterns,
]
