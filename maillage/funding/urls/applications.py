from django.urls import URLPattern, path
from django.utils.translation import pgettext_lazy

from maillage.funding.views import applications

urlpatterns: list[URLPattern] = [
    path(
        pgettext_lazy("URL", "applications/"),
        applications.application_list,
        name="application_list",
    ),
    path(
        pgettext_lazy("URL", "applications/batch/"),
        applications.application_batch,
        name="application_batch",
    ),
    path(
        pgettext_lazy("URL", "applications/mine/"),
        applications.application_mine,
        name="application_mine",
    ),
    path(
        pgettext_lazy("URL", "calls/<int:pk>/apply/"),
        applications.application_start,
        name="application_start",
    ),
    path(
        pgettext_lazy("URL", "applications/<int:pk>/"),
        applications.application_detail,
        name="application_detail",
    ),
    path(
        pgettext_lazy("URL", "applications/<int:pk>/edit/"),
        applications.application_edit,
        name="application_edit",
    ),
    path(
        pgettext_lazy("URL", "applications/<int:pk>/submit/"),
        applications.application_submit,
        name="application_submit",
    ),
    path(
        pgettext_lazy("URL", "applications/<int:pk>/withdraw/"),
        applications.application_withdraw,
        name="application_withdraw",
    ),
    path(
        pgettext_lazy("URL", "applications/<int:pk>/move/<slug:step>/"),
        applications.application_move,
        name="application_move",
    ),
    path(
        pgettext_lazy("URL", "applications/<int:pk>/pdf/"),
        applications.application_pdf,
        name="application_pdf",
    ),
    path(
        pgettext_lazy("URL", "applications/<int:pk>/revisions/<int:number>/"),
        applications.revision_diff,
        name="application_revision",
    ),
    path(
        pgettext_lazy("URL", "applications/<int:pk>/comments/"),
        applications.comment_add,
        name="application_comment_add",
    ),
    path(
        pgettext_lazy("URL", "applications/<int:pk>/documents/"),
        applications.attachment_add,
        name="application_attachment_add",
    ),
    path(
        pgettext_lazy("URL", "applications/<int:pk>/documents/<int:attachment>/"),
        applications.attachment_download,
        name="application_attachment",
    ),
    path(
        pgettext_lazy("URL", "applications/<int:pk>/documents/<int:attachment>/remove/"),
        applications.attachment_remove,
        name="application_attachment_remove",
    ),
]
