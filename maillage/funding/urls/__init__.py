"""The funding app's URLs, one module per subject, in the order of the chain."""

from django.urls import URLPattern

from maillage.funding.urls import agreements, applications, calls, dashboards, funds, reviews

app_name = "funding"

urlpatterns: list[URLPattern] = [
    *funds.urlpatterns,
    *calls.urlpatterns,
    *applications.urlpatterns,
    *reviews.urlpatterns,
    *agreements.urlpatterns,
    *dashboards.urlpatterns,
]
