from django.urls import URLPattern, path
from django.utils.translation import pgettext_lazy

from maillage.privacy.views import area

urlpatterns: list[URLPattern] = [
    path(pgettext_lazy("URL", "manage/"), area.area, name="area"),
]
