from django.urls import URLPattern, path
from django.utils.translation import pgettext_lazy

from maillage.funding.views import funds

urlpatterns: list[URLPattern] = [
    path(pgettext_lazy("URL", "funds/"), funds.fund_list, name="fund_list"),
    path(pgettext_lazy("URL", "funds/new/"), funds.fund_create, name="fund_create"),
    path(pgettext_lazy("URL", "funds/<slug:slug>/"), funds.fund_detail, name="fund_detail"),
    path(pgettext_lazy("URL", "funds/<slug:slug>/edit/"), funds.fund_update, name="fund_update"),
    path(
        pgettext_lazy("URL", "funds/<slug:slug>/envelopes/new/"),
        funds.envelope_create,
        name="envelope_create",
    ),
    path(
        pgettext_lazy("URL", "funds/<slug:slug>/transfer/"),
        funds.envelope_transfer,
        name="transfer_create",
    ),
    path(
        pgettext_lazy("URL", "funds/<slug:slug>/carry-over/"),
        funds.envelope_carry_over,
        name="carry_over_create",
    ),
    path(pgettext_lazy("URL", "funds/<slug:slug>/split/"), funds.fund_split, name="split_create"),
]
