from django.urls import path
from django.utils.translation import pgettext_lazy

from maillage.decisions import views

app_name = "decisions"
urlpatterns = [
    # The register
    path("", views.register, name="register"),
    path("<int:pk>/", views.decision_detail, name="decision_detail"),
    # The processes of a circle or a workstream
    path(
        pgettext_lazy("URL", "circles/<slug:slug>/"),
        views.circle_processes,
        name="circle_processes",
    ),
    path(
        pgettext_lazy("URL", "circles/<slug:slug>/propose/"),
        views.circle_process_create,
        name="circle_process_create",
    ),
    path(
        pgettext_lazy("URL", "workstreams/<slug:slug>/"),
        views.workstream_processes,
        name="workstream_processes",
    ),
    path(
        pgettext_lazy("URL", "workstreams/<slug:slug>/propose/"),
        views.workstream_process_create,
        name="workstream_process_create",
    ),
    path(
        pgettext_lazy("URL", "circles/<slug:slug>/poll/"),
        views.circle_poll_create,
        name="circle_poll_create",
    ),
    path(
        pgettext_lazy("URL", "workstreams/<slug:slug>/poll/"),
        views.workstream_poll_create,
        name="workstream_poll_create",
    ),
    # A poll (its process's id)
    path(pgettext_lazy("URL", "polls/<int:pk>/"), views.poll_detail, name="poll_detail"),
    path(
        pgettext_lazy("URL", "polls/<int:pk>/step/"),
        views.poll_transition,
        name="poll_transition",
    ),
    path(pgettext_lazy("URL", "polls/<int:pk>/vote/"), views.poll_vote, name="poll_vote"),
    path(
        pgettext_lazy("URL", "polls/<int:pk>/vote/record/"),
        views.poll_vote_record,
        name="poll_vote_record",
    ),
    # A process
    path(
        pgettext_lazy("URL", "processes/<int:pk>/"),
        views.process_detail,
        name="process_detail",
    ),
    path(
        pgettext_lazy("URL", "processes/<int:pk>/step/"),
        views.process_transition,
        name="process_transition",
    ),
    path(
        pgettext_lazy("URL", "processes/<int:pk>/amend/"),
        views.process_amend,
        name="process_amend",
    ),
    path(
        pgettext_lazy("URL", "processes/<int:pk>/remark/"),
        views.remark_add,
        name="remark_add",
    ),
    path(
        pgettext_lazy("URL", "processes/<int:pk>/remark/record/"),
        views.remark_record,
        name="remark_record",
    ),
    path(
        pgettext_lazy("URL", "processes/<int:pk>/answer/"),
        views.answer_give,
        name="answer_give",
    ),
    path(
        pgettext_lazy("URL", "processes/<int:pk>/answer/record/"),
        views.answer_record,
        name="answer_record",
    ),
]
