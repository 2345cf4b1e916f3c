from django.urls import URLPattern, path
from django.utils.translation import pgettext_lazy

from maillage.participation.views import proposals, proposals_in_person

urlpatterns: list[URLPattern] = [
    path(
        pgettext_lazy("URL", "my-contributions/"),
        proposals.my_contributions,
        name="my_contributions",
    ),
    path(
        pgettext_lazy("URL", "consultations/<slug:slug>/proposals/"),
        proposals.proposal_list,
        name="proposal_list",
    ),
    path(
        pgettext_lazy("URL", "consultations/<slug:slug>/proposals/new/"),
        proposals.proposal_create,
        name="proposal_create",
    ),
    path(
        pgettext_lazy("URL", "consultations/<slug:slug>/proposals/record/"),
        proposals_in_person.proposal_record,
        name="recorded_proposal_add",
    ),
    path(
        pgettext_lazy("URL", "proposals/<int:pk>/"),
        proposals.proposal_detail,
        name="proposal_detail",
    ),
    path(
        pgettext_lazy("URL", "proposals/<int:pk>/image/"),
        proposals.proposal_image,
        name="proposal_image",
    ),
    path(
        pgettext_lazy("URL", "proposals/<int:pk>/comment/"),
        proposals.comment_create,
        name="comment_create",
    ),
    path(
        pgettext_lazy("URL", "proposals/<int:pk>/support/"),
        proposals.support_give,
        name="support_give",
    ),
    path(
        pgettext_lazy("URL", "proposals/<int:pk>/support/withdraw/"),
        proposals.support_withdraw,
        name="support_withdraw",
    ),
    path(
        pgettext_lazy("URL", "proposals/<int:pk>/comment/record/"),
        proposals_in_person.comment_record,
        name="recorded_comment_add",
    ),
    path(
        pgettext_lazy("URL", "proposals/<int:pk>/support/record/"),
        proposals_in_person.support_record,
        name="recorded_support_add",
    ),
]
