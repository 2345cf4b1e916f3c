from django.urls import URLPattern, path
from django.utils.translation import pgettext_lazy

from maillage.participation.views import moderation as views

proposal = {"kind": "proposal"}
comment = {"kind": "comment"}

urlpatterns: list[URLPattern] = [
    path(
        pgettext_lazy("URL", "code-of-conduct/"),
        views.code_of_conduct,
        name="code_of_conduct",
    ),
    path(
        pgettext_lazy("URL", "proposals/<int:pk>/report/"),
        views.report,
        proposal,
        name="proposal_report_add",
    ),
    path(
        pgettext_lazy("URL", "comments/<int:pk>/report/"),
        views.report,
        comment,
        name="comment_report_add",
    ),
    path(pgettext_lazy("URL", "report/thanks/"), views.report_thanks, name="report_thanks"),
    path(pgettext_lazy("URL", "moderation/"), views.moderation_queue, name="moderation_queue"),
    path(
        pgettext_lazy("URL", "moderation/proposals/<int:pk>/hide/"),
        views.hide,
        proposal,
        name="hide_proposal",
    ),
    path(
        pgettext_lazy("URL", "moderation/comments/<int:pk>/hide/"),
        views.hide,
        comment,
        name="hide_comment",
    ),
    path(
        pgettext_lazy("URL", "moderation/proposals/<int:pk>/restore/"),
        views.restore,
        proposal,
        name="restore_proposal",
    ),
    path(
        pgettext_lazy("URL", "moderation/comments/<int:pk>/restore/"),
        views.restore,
        comment,
        name="restore_comment",
    ),
    path(
        pgettext_lazy("URL", "moderation/proposals/<int:pk>/dismiss/"),
        views.dismiss,
        proposal,
        name="dismiss_proposal",
    ),
    path(
        pgettext_lazy("URL", "moderation/comments/<int:pk>/dismiss/"),
        views.dismiss,
        comment,
        name="dismiss_comment",
    ),
    # One name for a circle's and a workstream's page: reversed by the key given.
    path(
        pgettext_lazy("URL", "moderation/circles/<slug:circle>/moderators/"),
        views.moderators,
        name="moderator_add",
    ),
    path(
        pgettext_lazy("URL", "moderation/workstreams/<slug:workstream>/moderators/"),
        views.moderators,
        name="moderator_add",
    ),
    path(
        pgettext_lazy("URL", "moderation/circles/<slug:circle>/moderators/remove/"),
        views.moderator_remove,
        name="moderator_remove",
    ),
    path(
        pgettext_lazy("URL", "moderation/workstreams/<slug:workstream>/moderators/remove/"),
        views.moderator_remove,
        name="moderator_remove",
    ),
]
