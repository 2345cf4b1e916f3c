from django.urls import URLPattern, path
from django.utils.translation import pgettext_lazy

from maillage.privacy.views import retention

urlpatterns: list[URLPattern] = [
    path(pgettext_lazy("URL", "manage/retention/"), retention.retention, name="retention"),
    path(
        pgettext_lazy("URL", "manage/retention/simulate/"),
        retention.retention_simulate,
        name="retention_simulate",
    ),
    path(
        pgettext_lazy("URL", "manage/retention/apply/"),
        retention.retention_apply,
        name="retention_apply",
    ),
]
