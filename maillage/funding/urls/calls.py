from django.urls import URLPattern, path
from django.utils.translation import pgettext_lazy

from maillage.funding.views import calls

urlpatterns: list[URLPattern] = [
    # The funding home page: the calls open now, and the way to each reader's funding pages.
    path("", calls.call_list, name="call_list"),
    path(pgettext_lazy("URL", "calls/manage/"), calls.call_staff_list, name="call_staff_list"),
    path(pgettext_lazy("URL", "calls/manage/new/"), calls.call_create, name="call_create"),
    path(pgettext_lazy("URL", "calls/<slug:slug>/"), calls.call_detail, name="call_detail"),
    path(pgettext_lazy("URL", "calls/<slug:slug>/edit/"), calls.call_update, name="call_update"),
    path(pgettext_lazy("URL", "calls/<slug:slug>/grid/"), calls.call_grid, name="call_grid"),
    path(
        pgettext_lazy("URL", "calls/<slug:slug>/transition/"),
        calls.call_transition,
        name="call_transition",
    ),
]
