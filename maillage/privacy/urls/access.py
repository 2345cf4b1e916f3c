from django.urls import URLPattern, path
from django.utils.translation import pgettext_lazy

from maillage.privacy.views import access

urlpatterns: list[URLPattern] = [
    path(pgettext_lazy("URL", "manage/access/"), access.access_log, name="access_log"),
]
