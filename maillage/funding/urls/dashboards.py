from django.urls import URLPattern, path
from django.utils.translation import pgettext_lazy

from maillage.funding.views import dashboards

urlpatterns: list[URLPattern] = [
    path(pgettext_lazy("URL", "dashboard/"), dashboards.dashboard, name="dashboard"),
    path(
        pgettext_lazy("URL", "dashboard/accountability.xlsx"),
        dashboards.accountability_xlsx,
        name="accountability_xlsx",
    ),
    path(
        pgettext_lazy("URL", "dashboard/accountability.pdf"),
        dashboards.accountability_pdf,
        name="accountability_pdf",
    ),
    path(
        pgettext_lazy("URL", "funded-projects/"),
        dashboards.funded_projects,
        name="funded_projects",
    ),
]
