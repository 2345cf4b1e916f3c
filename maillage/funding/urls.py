from django.urls import URLPattern, path  # noqa: F401 (each subject adds its paths below)
from django.utils.translation import pgettext_lazy  # noqa: F401

app_name = "funding"

# One block per subject, in the order of the chain: funds and calls, applications, the
# analysis and agreements, dashboards and exports.
urlpatterns: list[URLPattern] = []
