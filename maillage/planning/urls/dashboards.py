from django.urls import URLPattern, path
from django.utils.translation import pgettext_lazy

from maillage.planning.views import dashboards, report

urlpatterns: list[URLPattern] = [
    path(
        pgettext_lazy("URL", "plans/<slug:slug>/dashboard/"),
        dashboards.plan_dashboard,
        name="plan_dashboard",
    ),
    path(
        pgettext_lazy("URL", "plans/<slug:slug>/report-<int:year>.pdf"),
        report.plan_report_pdf,
        name="plan_report",
    ),
]
