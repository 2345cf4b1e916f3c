from django.urls import path
from django.utils.translation import pgettext_lazy

from maillage.portrait import views

urlpatterns = [
    path(
        pgettext_lazy("URL", "download/indicators.<str:fmt>"),
        views.indicators_download,
        name="indicators_download",
    ),
    path(
        pgettext_lazy("URL", "territories/<slug:slug>/download.<str:fmt>"),
        views.territory_download,
        name="territory_download",
    ),
]
