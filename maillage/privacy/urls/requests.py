from django.urls import URLPattern, path
from django.utils.translation import pgettext_lazy

from maillage.privacy.views import requests

urlpatterns: list[URLPattern] = [
    path(pgettext_lazy("URL", "requests/"), requests.request_list, name="request_list"),
    path(pgettext_lazy("URL", "requests/new/"), requests.request_create, name="request_create"),
    path(
        pgettext_lazy("URL", "requests/<int:pk>/"), requests.request_detail, name="request_detail"
    ),
    path(
        pgettext_lazy("URL", "requests/<int:pk>/<slug:transition>/"),
        requests.request_transition,
        name="request_transition",
    ),
]
